// clock.hpp: what time it is, for the application layer.
//
// The domain never reads a clock: it takes times as arguments. The application reads the
// wall clock through one `clock` per room, given at construction, so tests can give a room a
// fake clock that they advance instead of back-dating what they store.
// Thread-safety: wall_ms() and steady_ms() may be called from any thread. A `clock` given to
// a room is called on that room's strand; one shared by several rooms must be thread-safe.
#pragma once

#include <functional>

#include "domain/model.hpp"

namespace rt::app {

// Milliseconds since 1970-01-01 UTC, from the system clock: the time of day that is stored,
// sent (serverTime, a phase's end) and compared with stored times.
domain::millis wall_ms();

// Milliseconds since an arbitrary start, from a clock that never jumps: for back-offs and
// rate limits, which must not move when the wall clock is set.
domain::millis steady_ms();

// A source of wall-clock time in milliseconds since 1970 UTC; the real one is wall_ms.
using clock = std::function<domain::millis()>;

}  // namespace rt::app
