// connection.cpp: parsing, rate limiting and routing of one connection's commands.
#include "connection.hpp"

#include <spdlog/spdlog.h>

#include "app/metrics.hpp"
#include "app/secrets.hpp"
#include "domain/join_code.hpp"
#include "protocol/messages.hpp"
#include "report/defaults.hpp"

namespace rt::app {

using nlohmann::json;

connection::connection(hub& h, const connection_options& options)
    : hub_(h),
      options_(options),
      tokens_(options.max_commands_per_second * 2),
      refilled_(std::chrono::steady_clock::now()) {}

void connection::on_open(const std::shared_ptr<net::client>& self) {
  self_ = self;
  remote_ = self->remote();
  spdlog::info("connection opened {}", remote_);
  identify_timer_ = std::make_shared<boost::asio::steady_timer>(self->executor());
  arm_identify_deadline(options_.identify_within);
}

void connection::arm_identify_deadline(std::chrono::milliseconds within) {
  // Closed unless it says who it is in time. The completion holds only shared state, so it
  // is safe after this handler is gone; re-arming cancels the wait before.
  identify_timer_->expires_after(within);
  identify_timer_->async_wait([timer = identify_timer_, weak = self_, who = who_, admin = admin_,
                               remote = remote_](const boost::system::error_code& ec) {
    if (ec || who->state.load() != identity::none || admin->load()) return;
    if (auto client = weak.lock()) {
      spdlog::info("connection {} closed: no hello, join or auth_admin in time", remote);
      client->close(net::close_code::policy_violation);
    }
  });
}

void connection::on_close() {
  if (identify_timer_) identify_timer_->cancel();
  if (room_) {
    spdlog::info("connection closed {} event {} member {}", remote_, room_->info().code,
                 who_->member.load());
    if (auto self = self_.lock()) room_->detach(self);
  } else {
    spdlog::info("connection closed {}", remote_);
  }
}

void connection::reply(std::string text) {
  if (auto self = self_.lock()) self->send(net::make_text(std::move(text)));
}

void connection::refuse(const std::optional<std::string>& id, std::string_view what,
                        const domain::error& e) {
  metrics::errors.add(domain::name(e.code));
  reply(protocol::error_message(id, e));
  spdlog::info("connection {} event {} member {}: refused {}: {}", remote_,
               room_ ? room_->info().code : std::string("-"), who_->member.load(), what,
               domain::name(e.code));
}

bool connection::take_token() {
  const auto now = std::chrono::steady_clock::now();
  const double rate = options_.max_commands_per_second;
  tokens_ =
      std::min(rate * 2, tokens_ + std::chrono::duration<double>(now - refilled_).count() * rate);
  refilled_ = now;
  // Large answers (history pages, section texts, snapshots) cost by their size: what the
  // room charged since the last command, down to at most two seconds' worth of debt.
  const auto owed = who_->owed_millitokens.exchange(0, std::memory_order_relaxed);
  if (owed > 0) tokens_ = std::max(-rate * 2, tokens_ - static_cast<double>(owed) / 1000.0);
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void connection::on_binary() {
  refuse(std::nullopt, "binary frame",
         domain::make_error(domain::errc::binary_frame,
                            "Binary frames are not part of the protocol; send JSON text."));
}

bool connection::free_keep_alive(std::string_view text) {
  constexpr std::size_t longest_ping = 256;  // {"type":"ping"} with an id and some slack
  const auto now = std::chrono::steady_clock::now();
  if (text.size() > longest_ping || now - last_free_ping_ < std::chrono::seconds(1)) return false;
  if (!std::holds_alternative<protocol::ping_frame>(protocol::parse_command(text))) return false;
  last_free_ping_ = now;
  return true;
}

void connection::on_text(std::string_view text) {
  if (!take_token()) {
    // A client busy at the limit must still learn that its connection lives: one ping a
    // second is answered without a token.
    if (free_keep_alive(text)) {
      metrics::commands.add("ping");
      return reply(protocol::pong_message());
    }
    // Throttled: refused without being read. Far beyond the limit: disconnected.
    if (++refused_in_a_row_ > options_.max_commands_per_second * 5) {
      spdlog::warn("connection {}: far over the command rate; disconnected", remote_);
      if (auto self = self_.lock()) self->close(net::close_code::policy_violation);
      return;
    }
    metrics::errors.add("rate_limited");
    reply(protocol::error_message(
        std::nullopt,
        domain::make_error(domain::errc::rate_limited, "Too many commands; slow down.")));
    return;
  }
  refused_in_a_row_ = 0;
  auto parsed = protocol::parse_command(text);
  if (auto* f = std::get_if<protocol::parse_failure>(&parsed)) {
    return refuse(f->id, "frame", f->err);
  }
  if (std::holds_alternative<protocol::ping_frame>(parsed)) {
    metrics::commands.add("ping");
    return reply(protocol::pong_message());  // here, not in a room: nothing to change
  }
  metrics::commands.add(protocol::type_name(std::get<protocol::command>(parsed).body));
  handle(std::move(std::get<protocol::command>(parsed)));
}

std::shared_ptr<event_room> connection::room_of_code(const std::string& typed) const {
  const auto code = domain::normalize_join_code(typed);
  return code ? hub_.find(*code) : nullptr;
}

void connection::handle(protocol::command cmd) {
  auto self = self_.lock();
  if (!self) return;
  std::visit([&](auto& body) { route(self, cmd.id, body); }, cmd.body);
}

void connection::route(const client_ptr& self, const std::string& id, protocol::join_cmd& c) {
  if (who_->state.load() != identity::none) {
    return refuse(id, "join", domain::make_error(domain::errc::already_joined));
  }
  auto room = room_of_code(c.code);
  if (!room) return refuse(id, "join", domain::make_error(domain::errc::bad_code));
  // Refused here without counting against the join limits; the room checks it again.
  if (!room->self_join()) {
    return refuse(id, "join",
                  domain::make_error(domain::errc::join_closed,
                                     "This event takes no new sign-ups with its code; use your "
                                     "personal link from the organisers."));
  }
  if (auto limited = hub_.allow_join(address_of(remote_), room->info().code)) {
    return refuse(id, "join", *limited);
  }
  const std::string secret = random_secret();
  room_ = room;
  who_->state.store(identity::pending);
  room->join(self, who_, id, std::move(c.draft), room->info().code + "." + secret,
             sha256_hex(secret));
  // Posted after the join: the room records it on its strand in this order.
  if (!c.language.empty()) room->set_language(self, std::move(c.language));
}

void connection::route(const client_ptr& self, const std::string& id, protocol::hello_cmd& c) {
  if (who_->state.load() != identity::none) {
    return refuse(id, "hello", domain::make_error(domain::errc::already_joined));
  }
  const auto parts = split_token(c.token);
  auto room = parts ? room_of_code(parts->code) : nullptr;
  if (!room) {
    return refuse(id, "hello",
                  domain::make_error(domain::errc::bad_token, "This link or token is not known."));
  }
  room_ = room;
  who_->state.store(identity::pending);
  room->hello(self, who_, id, sha256_hex(parts->secret), c.last_seq);
  if (!c.language.empty()) room->set_language(self, std::move(c.language));
}

void connection::route(const client_ptr& self, const std::string& id,
                       protocol::set_language_cmd& c) {
  if (!joined(id, "set_language")) return;
  room_->set_language(self, std::move(c.language));
  reply(protocol::ack(id));
}

void connection::route(const client_ptr&, const std::string& id, protocol::event_info_cmd& c) {
  auto room = room_of_code(c.code);
  if (!room) return refuse(id, "event_info", domain::make_error(domain::errc::bad_code));
  // Someone is filling in the join form: time to type a name before `join`.
  if (who_->state.load() == identity::none) arm_identify_deadline(options_.join_form_within);
  reply(protocol::ack(id, json{{"event", protocol::to_json(room->current_info())},
                               {"selfJoin", room->self_join()},
                               {"agenda", room->current_agenda()},
                               {"limits", protocol::limits_json()}}));
}

void connection::route(const client_ptr&, const std::string& id, protocol::auth_admin_cmd& c) {
  // The back-off and lock-out are per address.
  hub_.check_admin_secret(c.secret, address_of(remote_),
                          [weak = self_, admin = admin_, id](std::optional<domain::error> e) {
                            auto client = weak.lock();
                            if (!client) return;
                            if (e) metrics::errors.add(domain::name(e->code));
                            if (e)
                              return client->send(net::make_text(protocol::error_message(id, *e)));
                            admin->store(true);
                            client->send(net::make_text(protocol::ack(id)));
                          });
}

void connection::route(const client_ptr&, const std::string& id, protocol::create_event_cmd& c) {
  if (!admin_->load()) {
    return refuse(id, "create_event",
                  domain::make_error(domain::errc::forbidden, "Only the admin creates events."));
  }
  hub_.create_event(std::move(c.title), std::move(c.tracks),
                    c.groups ? std::move(*c.groups) : report::default_groups(c.language),
                    c.language, [weak = self_, id](domain::result<created_event> r) {
                      auto client = weak.lock();
                      if (!client) return;
                      if (!r) metrics::errors.add(domain::name(r.err().code));
                      if (!r) {
                        return client->send(net::make_text(protocol::error_message(id, r.err())));
                      }
                      client->send(net::make_text(
                          protocol::ack(id, json{{"event", protocol::to_json(r->info)},
                                                 {"facilitatorToken", r->facilitator_token}})));
                    });
}

void connection::route(const client_ptr&, const std::string& id, protocol::delete_event_cmd& c) {
  if (!admin_->load()) {
    return refuse(id, "delete_event",
                  domain::make_error(domain::errc::forbidden, "Only the admin deletes events."));
  }
  hub_.delete_event(c.event, [weak = self_, id](std::optional<domain::error> e) {
    auto client = weak.lock();
    if (!client) return;
    if (e) metrics::errors.add(domain::name(e->code));
    client->send(net::make_text(e ? protocol::error_message(id, *e) : protocol::ack(id)));
  });
}

void connection::route(const client_ptr&, const std::string& id, protocol::set_retention_cmd& c) {
  if (!admin_->load()) {
    return refuse(id, "set_retention",
                  domain::make_error(domain::errc::forbidden, "Only the admin sets retention."));
  }
  std::optional<int> days;
  if (c.days) days = static_cast<int>(*c.days);
  hub_.set_retention(days, [weak = self_, id](std::optional<domain::error> e) {
    auto client = weak.lock();
    if (!client) return;
    if (e) metrics::errors.add(domain::name(e->code));
    client->send(net::make_text(e ? protocol::error_message(id, *e) : protocol::ack(id)));
  });
}

void connection::route(const client_ptr&, const std::string& id, protocol::list_events_cmd&) {
  if (!admin_->load()) {
    return refuse(id, "list_events",
                  domain::make_error(domain::errc::forbidden, "Only the admin lists events."));
  }
  json events = json::array();
  for (const auto& r : hub_.rooms()) {
    json e = protocol::to_json(r->current_info());
    e["status"] = domain::to_string(r->status());
    e["exported"] = r->exported();
    e["participants"] = r->participants();
    e["ideas"] = r->ideas();
    e["connected"] = r->connected();
    const auto closed = r->closed_at();
    const auto due = hub_.deletion_due(*r);
    e["closedAt"] = closed ? json(*closed) : json(nullptr);
    e["deleteAt"] = due ? json(*due) : json(nullptr);
    events.push_back(std::move(e));
  }
  const auto days = hub_.retention_days();
  reply(protocol::ack(id, json{{"events", std::move(events)},
                               {"retentionDays", days ? json(*days) : json(nullptr)},
                               {"limits", protocol::limits_json()}}));
}

bool connection::joined(const std::string& id, std::string_view what) {
  if (who_->state.load() == identity::known && room_) return true;
  refuse(id, what, domain::make_error(domain::errc::not_joined));
  return false;
}

template <class T>
requires protocol::is_alternative_v<T, protocol::room_command>
void connection::route(const client_ptr& self, const std::string& id, T& c) {
  // The admin's commands about one event: the admin needs no identity in it (actor 0).
  std::shared_ptr<event_room> room = room_;
  domain::id_type actor = 0;
  if constexpr (requires { T::by_admin; }) {
    if (!admin_->load()) {
      return refuse(id, T::name,
                    domain::make_error(domain::errc::forbidden, "Only the admin does this."));
    }
    room = hub_.find_by_id(c.event);
    if (!room) {
      return refuse(id, T::name, domain::make_error(domain::errc::not_found, "No such event."));
    }
  } else {
    if (!joined(id, T::name)) return;
    actor = who_->member.load();
  }
  std::string token, token_hash;
  if constexpr (requires { T::issues_token; }) {
    const std::string secret = random_secret();
    token = room->info().code + "." + secret;
    token_hash = sha256_hex(secret);
  }
  room->submit(self, actor, id, protocol::room_command(std::move(c)), std::move(token),
               std::move(token_hash), who_);
}

template <class T>
requires protocol::is_alternative_v<T, protocol::section_command>
void connection::route(const client_ptr& self, const std::string& id, T& c) {
  if (!joined(id, T::name)) return;
  room_->section(self, who_->member.load(), id, protocol::section_command(std::move(c)), who_);
}

net::handler_factory make_connection_factory(hub& h, const connection_options& options) {
  return [&h, &options] { return std::make_unique<connection>(h, options); };
}

}  // namespace rt::app
