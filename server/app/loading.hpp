// loading.hpp: an event's state rebuilt from what the database holds.
//
// Used by the room when it starts (and after a failed commit) and by `roundtable export` on a
// stopped server's database. Thread-safety: none; the caller owns both arguments.
#pragma once

#include "domain/event_state.hpp"
#include "storage/store.hpp"

namespace rt::app {

// The event's state as committed: members, ideas, agenda, rounds with their ballots,
// proposals, comments, the report plan, and each section replayed from its stored updates.
// Throws storage::storage_error when a stored section update cannot be read or applied.
// A stored update parsed. Throws storage::storage_error when its changes cannot be read.
domain::accepted_update parse_stored_update(storage::stored_update& u);

// Sections come from loaded.section_updates (replayed) and loaded.sections (already rebuilt).
domain::event_state load_state(storage::loaded_event loaded);

// Rebuilds each section while its updates stream out of the database, keeping only a window:
// the text is carried forward as updates go by, and only the last `window` to 2 x `window`
// updates are kept (all of them when `window` is 0). Memory is one section's window at a
// time, not the whole database. Throws storage::storage_error (an update that cannot be read,
// a gap in the versions, a length that does not fit).
class window_loader : public storage::section_consumer {
 public:
  explicit window_loader(std::size_t window) : window_(window) {}
  void add(storage::loaded_event& e, storage::stored_update&& u) override;
  void done(storage::loaded_event& e) override;

 private:
  void finish(storage::loaded_event& e);

  const std::size_t window_;
  bool open_ = false;  // a section is being read
  domain::id_type proposal_ = 0;
  int section_ = 0;
  std::u16string start_text_;                    // the text at start_version_
  std::int64_t start_version_ = 0;               // where buffer_ starts
  std::vector<domain::accepted_update> buffer_;  // after start_version_
  std::unordered_map<std::string, std::int64_t> clients_;
};

}  // namespace rt::app
