// agenda.hpp: the day's schedule (phases with planned durations) and its timer.
//
// The server keeps the timer: the phase being run, whether it runs, when it last started and
// how long it ran before, and the minutes added. Remaining time is derived from those and the
// current time, so a reload, a reconnect or a server restart shows the same remaining time.
// Pure: time is always an argument. Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "result.hpp"
#include "text.hpp"

namespace rt::domain {

// How long after a phase change it can be undone (undo_phase_change).
inline constexpr millis undo_window = 10 * 60 * 1000;

struct phase_draft {
  std::string kind;
  std::string title;
  std::int64_t minutes = 0;
};

inline constexpr std::size_t max_phases = 30;
inline constexpr text_rule phase_title_rule{"phase title", 1, 60};
inline constexpr std::int64_t max_phase_minutes = 600;
inline constexpr std::int64_t max_extension_minutes = 60;

// The agenda a new event starts with: welcome, ideation, clustering, voting, drafting, review,
// final selection, closed.
std::vector<phase> default_agenda();

// Checks a facilitator's agenda. Errors: bad_value (no phases, too many, unknown kind,
// minutes outside 1..600), bad_text (titles 1..60 characters).
result<std::vector<phase>> make_agenda(const std::vector<phase_draft>& drafts);

// Milliseconds left in the current phase at `now`; negative once over time. Nothing before the
// first phase or in a phase without a duration (closed).
std::optional<millis> remaining(const std::vector<phase>& agenda, const timer_state& t, millis now);

// The kind of the phase being run; before the first phase, welcome.
phase_kind current_kind(const std::vector<phase>& agenda, const timer_state& t);

// Timer transitions. Each returns the new state or bad_value when it does not apply.
result<timer_state> go_to_phase(const std::vector<phase>& agenda, const timer_state& t, int index,
                                millis now);
result<timer_state> pause_timer(const timer_state& t, millis now);
result<timer_state> resume_timer(const timer_state& t, millis now);
result<timer_state> extend_timer(const timer_state& t, std::int64_t minutes);
// Back to the phase the last phase change left (go_to_phase or auto-advance), with the time it
// had run and the minutes added, running or paused as it was; auto-advance is turned off when
// that phase's time is already up. Errors: bad_value (no phase change to undo).
result<timer_state> undo_phase_change(const std::vector<phase>& agenda, const timer_state& t,
                                      millis now);

// Whether the phase should end by itself now (auto-advance on, running, time up, and a next
// phase exists).
bool due_to_advance(const std::vector<phase>& agenda, const timer_state& t, millis now);

}  // namespace rt::domain
