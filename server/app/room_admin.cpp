// room_admin.cpp: the room's side of the admin's work on a whole event: recording that its
// archive was downloaded, and deleting it (by the admin, or when its retention period ends).
//
// Everything here runs on the room's strand (see event_room.hpp).
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "event_room.hpp"

namespace rt::app {

void event_room::record_export(domain::seq_type seq, std::function<void(std::exception_ptr)> done) {
  const domain::id_type id = info_.id;
  auto job = [id, seq](storage::store& s) { s.record_export(id, seq); };
  auto after = [self = shared_from_this(), seq, done = std::move(done)](std::exception_ptr e) {
    if (!e) {
      // Only forwards: a slower download of an older state must not undo a newer record.
      auto known = self->exported_seq_.load(std::memory_order_relaxed);
      while (known < seq &&
             !self->exported_seq_.compare_exchange_weak(known, seq, std::memory_order_relaxed)) {
      }
    }
    done(e);
  };
  if (!writer_.submit(std::move(job), std::move(after))) {
    done(std::make_exception_ptr(std::runtime_error("the writer has stopped")));
  }
}

void event_room::delete_event(bool require_export,
                              std::function<void(std::optional<domain::error>)> done) {
  asio::post(strand_, [self = shared_from_this(), require_export,
                       done = std::move(done)]() mutable {
    auto& room = *self;
    if (room.closing_) {
      return done(domain::make_error(domain::errc::shutting_down));
    }
    if (room.state_.status() == domain::event_status::open) {
      return done(domain::make_error(domain::errc::bad_value,
                                     "Close or archive the event before deleting it."));
    }
    const bool busy = room.in_flight_ || !room.queue_.empty();
    const bool exported = room.exported_seq_.load(std::memory_order_relaxed) == room.committed_seq_;
    if (require_export && (busy || !exported)) {
      return done(domain::make_error(
          domain::errc::not_exported,
          "Download the event's archive after its last change before deleting it."));
    }
    // From now on nothing enters the room; the rows go in one transaction.
    room.closing_ = true;
    room.deleted_.store(true, std::memory_order_relaxed);
    room.advance_timer_.cancel();
    const domain::id_type id = room.info_.id;
    auto job = [id](storage::store& s) { s.delete_event(id); };
    auto after = [self, done](std::exception_ptr e) mutable {
      asio::post(self->strand_, [self, done = std::move(done), e]() mutable {
        if (e) {
          std::string why = "unknown";
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& x) {
            why = x.what();
          }
          spdlog::error("event {}: cannot delete: {}", self->info_.code, why);
          // Nothing was deleted: the event stays as it was.
          self->closing_ = false;
          self->deleted_.store(false, std::memory_order_relaxed);
          self->arm_advance();
          return done(domain::make_error(domain::errc::storage_failed));
        }
        self->close_everyone(domain::errc::event_deleted);
        spdlog::info("event {}: deleted", self->info_.code);
        done(std::nullopt);
      });
    };
    if (!room.writer_.submit(std::move(job), std::move(after))) {
      room.closing_ = false;
      room.deleted_.store(false, std::memory_order_relaxed);
      done(domain::make_error(domain::errc::shutting_down));
    }
  });
}

void event_room::close_everyone(domain::errc why) {
  const auto notice =
      net::make_text(protocol::error_message(std::nullopt, domain::make_error(why)));
  for (auto& [p, s] : subscribers_) {
    s.c->send(notice);
    s.c->close(net::close_code::normal);
  }
  subscribers_.clear();
  connections_of_.clear();
  sections_of_.clear();
  section_viewers_.clear();
  update_counters();
}

}  // namespace rt::app
