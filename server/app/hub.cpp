// hub.cpp: the registry of events and the admin operations.
#include "hub.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "app/clock.hpp"
#include "app/secrets.hpp"
#include "domain/join_code.hpp"
#include "report/defaults.hpp"
#include "storage/store.hpp"

namespace rt::app {

std::string address_of(const std::string& remote) {
  const auto colon = remote.rfind(':');
  return colon == std::string::npos ? remote : remote.substr(0, colon);
}

hub::hub(net::io_pool& pool, storage::writer& writer, room_options options, std::string db_path)
    : pool_(pool),
      writer_(writer),
      options_(options),
      db_path_(std::move(db_path)),
      joins_by_address_(static_cast<double>(options.join_burst), 1),
      joins_by_event_(3.0 * static_cast<double>(options.join_burst), 5) {}

void hub::load(std::vector<storage::loaded_event> events) {
  std::unique_lock lock(mutex_);
  for (auto& e : events) {
    next_event_id_ = std::max(next_event_id_, e.info.id + 1);
    const std::string code = e.info.code;
    auto room = std::make_shared<event_room>(pool_.next(), writer_, std::move(e), options_);
    room->start();
    rooms_[code] = std::move(room);
  }
}

std::shared_ptr<event_room> hub::find(const std::string& code) const {
  std::shared_lock lock(mutex_);
  const auto it = rooms_.find(code);
  return it == rooms_.end() ? nullptr : it->second;
}

std::shared_ptr<event_room> hub::find_by_id(domain::id_type id) const {
  std::shared_lock lock(mutex_);
  for (const auto& [code, r] : rooms_) {
    if (r->info().id == id) return r;
  }
  return nullptr;
}

void hub::delete_event(domain::id_type id, std::function<void(std::optional<domain::error>)> done) {
  auto room = find_by_id(id);
  if (!room) return done(domain::make_error(domain::errc::not_found, "No such event."));
  delete_room(room, true, std::move(done));
}

void hub::delete_room(const std::shared_ptr<event_room>& room, bool require_export,
                      std::function<void(std::optional<domain::error>)> done) {
  room->delete_event(require_export,
                     [this, room, done = std::move(done)](std::optional<domain::error> e) {
                       if (!e) {
                         std::unique_lock lock(mutex_);
                         // Its code stays taken for the life of the process: an old link finds
                         // nothing.
                         reserved_codes_.insert(room->info().code);
                         rooms_.erase(room->info().code);
                       }
                       done(std::move(e));
                     });
}

std::vector<std::shared_ptr<event_room>> hub::rooms() const {
  std::vector<std::shared_ptr<event_room>> out;
  {
    std::shared_lock lock(mutex_);
    for (const auto& [code, r] : rooms_) out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a->info().id > b->info().id; });
  return out;
}

std::size_t hub::connected() const {
  std::size_t n = 0;
  std::shared_lock lock(mutex_);
  for (const auto& [code, r] : rooms_) n += r->connected();
  return n;
}

void hub::release_clients() {
  std::unique_lock lock(mutex_);
  for (const auto& [code, r] : rooms_) r->release_clients();
}

void hub::begin_shutdown() {
  std::unique_lock lock(mutex_);
  closing_ = true;
  for (const auto& [code, r] : rooms_) r->begin_shutdown();
  if (retention_timer_) {
    boost::asio::post(retention_timer_->get_executor(), [this] { retention_timer_->cancel(); });
  }
}

void hub::create_event(std::string title, std::vector<domain::track_draft> tracks,
                       std::vector<domain::stakeholder_group> groups, const std::string& language,
                       std::function<void(domain::result<created_event>)> done) {
  const auto now = wall_ms();
  domain::id_type id;
  std::string code;
  {
    std::unique_lock lock(mutex_);
    if (closing_) {
      return done(domain::make_error(domain::errc::shutting_down,
                                     "The server is stopping; reconnect later."));
    }
    do {
      code = domain::make_join_code(random_below);
    } while (rooms_.contains(code) || reserved_codes_.contains(code));
    id = next_event_id_;
    auto info = domain::make_event(id, code, title, tracks, now, groups, language);
    if (!info) return done(info.err());
    ++next_event_id_;
    reserved_codes_.insert(code);
  }
  auto info = domain::make_event(id, code, title, tracks, now, groups, language).value();
  const std::string secret = random_secret();
  domain::member facilitator;
  facilitator.id = 1;
  facilitator.member_role = domain::role::facilitator;
  facilitator.name = "Facilitator";
  facilitator.joined_at = now;
  facilitator.token_hash = sha256_hex(secret);
  auto loaded = std::make_shared<storage::loaded_event>();
  loaded->info = info;
  loaded->members.push_back(facilitator);
  // The agenda and the proposal template start in the event's language, stored with it.
  loaded->agenda = report::default_agenda(info.language);
  loaded->template_sections = report::default_template(info.language);

  const bool queued = writer_.submit(
      [loaded](storage::store& s) {
        s.insert_event(loaded->info, loaded->members.front(), loaded->agenda,
                       loaded->template_sections);
      },
      [this, loaded, token = code + "." + secret, done](std::exception_ptr e) {
        const std::string code = loaded->info.code;
        domain::event_info info = loaded->info;
        {
          std::unique_lock lock(mutex_);
          reserved_codes_.erase(code);
          if (!e) {
            auto room =
                std::make_shared<event_room>(pool_.next(), writer_, std::move(*loaded), options_);
            room->start();
            rooms_[code] = std::move(room);
          }
        }
        if (e) {
          spdlog::error("creating event {} failed", code);
          return done(
              domain::make_error(domain::errc::storage_failed, "The event could not be saved."));
        }
        spdlog::info("event {} created: {}", code, info.title);
        done(created_event{std::move(info), token});
      });
  if (!queued) {
    std::unique_lock lock(mutex_);
    reserved_codes_.erase(code);
    lock.unlock();
    done(domain::make_error(domain::errc::shutting_down,
                            "The server is stopping; reconnect later."));
  }
}

std::optional<domain::error> hub::allow_join(const std::string& address, const std::string& code) {
  const auto now = steady_ms();
  if (options_.join_burst == 0) return std::nullopt;
  std::int64_t wait = 0;
  {
    std::lock_guard lock(guard_mutex_);
    wait = joins_by_address_.take(address, now);
    if (wait == 0) wait = joins_by_event_.take(code, now);
  }
  if (wait == 0) return std::nullopt;
  spdlog::debug("join to {} from {} refused: too many joins lately", code, address);
  return domain::make_error(
      domain::errc::rate_limited,
      "Many people joined just now; try again in " + std::to_string((wait + 999) / 1000) + " s.");
}

void hub::check_admin_secret(const std::string& secret, const std::string& address,
                             const std::function<void(std::optional<domain::error>)>& done) {
  using verdict = domain::auth_guard::verdict;
  // Steady time: the back-off must not move with the wall clock.
  const auto now = steady_ms();
  domain::auth_guard::answer a;
  {
    std::lock_guard lock(guard_mutex_);
    a = admin_guard_.try_at(address, now);
  }
  const auto seconds = [](std::int64_t ms) { return std::to_string((ms + 999) / 1000); };
  if (a.newly_locked)
    spdlog::error("admin link: {} locked out after repeated wrong tries", address);
  if (a.v == verdict::locked) {
    return done(domain::make_error(
        domain::errc::locked, "Too many wrong admin links from this address: it is locked for " +
                                  seconds(a.retry_after_ms) + " s."));
  }
  if (a.v == verdict::wait) {
    spdlog::warn("admin link: {} tried again too soon", address);
    return done(domain::make_error(
        domain::errc::rate_limited,
        "Wrong admin links from this address: try again in " + seconds(a.retry_after_ms) + " s."));
  }
  bool ok = false;
  try {
    ok = storage::is_admin_secret_at(db_path_, sha256_hex(secret));
  } catch (const std::exception& e) {
    spdlog::error("admin link: the database could not be read: {}", e.what());
    return done(domain::make_error(domain::errc::storage_failed,
                                   "The admin link could not be checked; retry later."));
  }
  bool locked = false;
  int failures = 0;
  {
    std::lock_guard lock(guard_mutex_);
    if (ok) {
      admin_guard_.succeeded(address);
    } else {
      locked = admin_guard_.failed(address, now);
      failures = admin_guard_.failures(address);
    }
  }
  if (ok) return done(std::nullopt);
  spdlog::warn("admin link: wrong secret from {} ({} wrong in a row)", address, failures);
  if (locked) spdlog::error("admin link: {} locked out after repeated wrong tries", address);
  done(domain::make_error(domain::errc::bad_secret, "This admin link is not valid."));
}

}  // namespace rt::app
