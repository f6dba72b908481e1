// retention.cpp: the hub's retention period: closed and archived events are deleted
// automatically a number of days (the admin's setting, stored in the database) after they were
// closed. A timer on the pool's first thread checks now and then; the deletion itself is the
// room's (event_room::delete_event on its strand), without the archive the admin's own
// deletion requires: the admin chose the period knowingly (docs/privacy.md).
#include <spdlog/spdlog.h>

#include "app/clock.hpp"
#include "app/hub.hpp"
#include "storage/store.hpp"

namespace rt::app {

namespace {
constexpr domain::millis day_ms = 24 * 60 * 60 * 1000;
constexpr std::string_view retention_key = "retention_days";
}  // namespace

std::optional<int> hub::retention_days() const {
  const int days = retention_days_.load(std::memory_order_relaxed);
  return days >= 0 ? std::optional<int>(days) : std::nullopt;
}

void hub::set_retention(std::optional<int> days,
                        std::function<void(std::optional<domain::error>)> done) {
  auto job = [days](storage::store& s) {
    s.set_setting(retention_key, days ? std::optional(std::to_string(*days)) : std::nullopt);
  };
  auto after = [this, days, done](std::exception_ptr e) {
    if (e) {
      return done(domain::make_error(domain::errc::storage_failed, "The setting was not saved."));
    }
    retention_days_.store(days.value_or(-1), std::memory_order_relaxed);
    if (days) {
      spdlog::info("retention: closed events are deleted {} days after closing", *days);
    } else {
      spdlog::info("retention: closed events are kept until the admin deletes them");
    }
    done(std::nullopt);
  };
  if (!writer_.submit(std::move(job), std::move(after))) {
    done(domain::make_error(domain::errc::shutting_down, "The server is stopping."));
  }
}

std::optional<domain::millis> hub::deletion_due(const event_room& r) const {
  const auto days = retention_days();
  const auto closed = r.closed_at();
  if (!days || !closed || r.status() == domain::event_status::open) return std::nullopt;
  return *closed + *days * day_ms;
}

void hub::delete_due_events(domain::millis now) {
  for (const auto& room : rooms()) {
    const auto due = deletion_due(*room);
    if (!due || *due > now) continue;
    const std::string code = room->info().code;
    delete_room(room, false, [code](std::optional<domain::error> e) {
      if (e) {
        spdlog::warn("event {}: not deleted at the end of its retention period: {}", code,
                     e->message);
      } else {
        spdlog::info("event {}: deleted at the end of its retention period", code);
      }
    });
  }
}

void hub::start_retention(const std::optional<std::string>& days, std::chrono::milliseconds every) {
  try {
    if (days) retention_days_.store(std::stoi(*days), std::memory_order_relaxed);
  } catch (const std::exception&) {
    spdlog::error("retention: the stored period \"{}\" is not a number; events are kept", *days);
  }
  retention_every_ = every;
  retention_timer_ = std::make_unique<boost::asio::steady_timer>(pool_.at(0));
  boost::asio::post(pool_.at(0), [this] { arm_retention(); });
}

void hub::arm_retention() {
  // The hub outlives the pool's threads (serve() stops them first); begin_shutdown() cancels.
  retention_timer_->expires_after(retention_every_);
  retention_timer_->async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    {
      std::shared_lock lock(mutex_);
      if (closing_) return;
    }
    delete_due_events(wall_ms());
    arm_retention();
  });
}

}  // namespace rt::app
