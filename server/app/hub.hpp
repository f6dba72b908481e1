// hub.hpp: every event of the server, found by join code, and the admin operations.
//
// Events are loaded at start and live for the life of the process. create_event() writes the
// event through the writer and adds its room once it is committed.
// Thread-safety: all methods may be called from any thread (a shared mutex guards the map).
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

#include "app/event_room.hpp"
#include "domain/auth_guard.hpp"
#include "domain/event_state.hpp"
#include "domain/rate_limit.hpp"
#include "net/io_pool.hpp"
#include "storage/writer.hpp"

namespace rt::app {

// The address of "address:port" (IPv6 addresses keep their colons), as the admin guard and
// the join limits count it.
std::string address_of(const std::string& remote);

struct created_event {
  domain::event_info info;
  std::string facilitator_token;
};

class hub {
 public:
  // Rooms are spread over the pool's threads. `db_path`: the database, for reads off the
  // writer thread.
  hub(net::io_pool& pool, storage::writer& writer, room_options options, std::string db_path);

  void load(std::vector<storage::loaded_event> events);

  // The room of a join code (already normalised), or null.
  std::shared_ptr<event_room> find(const std::string& code) const;
  std::vector<std::shared_ptr<event_room>> rooms() const;  // newest first
  // The room of an event id, or null.
  std::shared_ptr<event_room> find_by_id(domain::id_type id) const;
  // Deletes a closed or archived event whose archive was downloaded since its last change
  // (event_room::delete_event) and forgets its room. `done` runs once, on the room's strand,
  // with nothing or the error (not_found, bad_value, not_exported, storage_failed).
  void delete_event(domain::id_type id, std::function<void(std::optional<domain::error>)> done);

  // Retention (retention.cpp): closed and archived events are deleted `days` after they were
  // closed, without their archive (the admin chose the period knowingly); none: kept until
  // the admin deletes them. The setting is the admin's, stored in the database.
  std::optional<int> retention_days() const;
  // Stores the setting through the writer, then uses it. `done` runs on the writer thread
  // with nothing or the error (storage_failed, shutting_down).
  void set_retention(std::optional<int> days,
                     std::function<void(std::optional<domain::error>)> done);
  // When the event of `r` is due for deletion: its closing time plus the period; none while
  // it is open or no period is set.
  std::optional<domain::millis> deletion_due(const event_room& r) const;
  // Takes the stored setting (`days` as stored: a number, or none), then checks every `every`
  // (on the pool's first thread, off every room's strand) and deletes the events that are
  // due. Stopped by begin_shutdown(). A stored value that is not a number is logged and
  // ignored (events are kept).
  void start_retention(const std::optional<std::string>& days, std::chrono::milliseconds every);
  // Deletes every event due at `now` (logged). For the timer and tests.
  void delete_due_events(domain::millis now);

  // Checks and creates an event with a first facilitator. `done` runs on the writer thread
  // (or at once for bad input) with the event and the facilitator's token, or an error
  // (bad_text, bad_value, storage_failed).
  void create_event(std::string title, std::vector<domain::track_draft> tracks,
                    std::vector<domain::stakeholder_group> groups, const std::string& language,
                    std::function<void(domain::result<created_event>)> done);

  // Checks an admin secret tried from `address` (an IP address): refused without looking
  // while the address must wait or is locked out after wrong tries (domain::auth_guard;
  // rate_limited or locked), else read from the database off the writer thread. `done` runs
  // on the calling thread with nothing (right) or the error (bad_secret, rate_limited,
  // locked, storage_failed). Failures and lock-outs are logged.
  void check_admin_secret(const std::string& secret, const std::string& address,
                          const std::function<void(std::optional<domain::error>)>& done);

  // Whether someone from `address` may join event `code` now: nothing, or rate_limited when
  // that address or that event has had too many joins lately (room_options::join_burst per
  // address, for a venue behind one address, then one a second; three times that per event,
  // then five a second; no limit when join_burst is 0). A join then refused for another
  // reason still counts.
  std::optional<domain::error> allow_join(const std::string& address, const std::string& code);

  void begin_shutdown();
  // After the threads have stopped: every room lets go of its connections (release_clients).
  void release_clients();
  std::size_t connected() const;

 private:
  net::io_pool& pool_;
  storage::writer& writer_;
  const room_options options_;
  const std::string db_path_;

  std::mutex guard_mutex_;
  domain::auth_guard admin_guard_;       // guarded by guard_mutex_
  domain::rate_limit joins_by_address_;  // guarded by guard_mutex_
  domain::rate_limit joins_by_event_;    // guarded by guard_mutex_

  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<event_room>> rooms_;  // guarded by mutex_
  std::set<std::string> reserved_codes_;                      // guarded by mutex_
  domain::id_type next_event_id_ = 1;                         // guarded by mutex_
  bool closing_ = false;                                      // guarded by mutex_

  std::atomic<int> retention_days_{-1};                         // -1: none
  std::chrono::milliseconds retention_every_{0};                // constant once started
  std::unique_ptr<boost::asio::steady_timer> retention_timer_;  // used on pool_.at(0)
  void arm_retention();
  // event_room::delete_event, then the room is forgotten (its code stays taken).
  void delete_room(const std::shared_ptr<event_room>& room, bool require_export,
                   std::function<void(std::optional<domain::error>)> done);
};

}  // namespace rt::app
