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
domain::event_state load_state(storage::loaded_event loaded);

}  // namespace rt::app
