// agenda.cpp: the default agenda, agenda checks and timer arithmetic.
#include "agenda.hpp"

#include <array>

#include "text.hpp"

namespace rt::domain {
namespace {

constexpr std::array<std::pair<phase_kind, std::string_view>, 8> kind_names{{
    {phase_kind::welcome, "welcome"},
    {phase_kind::ideation, "ideation"},
    {phase_kind::clustering, "clustering"},
    {phase_kind::voting, "voting"},
    {phase_kind::drafting, "drafting"},
    {phase_kind::review, "review"},
    {phase_kind::final_selection, "final_selection"},
    {phase_kind::closed, "closed"},
}};

constexpr millis minute = 60'000;

}  // namespace

std::string_view to_string(phase_kind k) {
  for (const auto& [v, n] : kind_names)
    if (v == k) return n;
  return "unknown";
}

std::optional<phase_kind> parse_phase_kind(std::string_view s) {
  for (const auto& [v, n] : kind_names)
    if (n == s) return v;
  return std::nullopt;
}

std::vector<phase> default_agenda() {
  return {
      {phase_kind::welcome, "Welcome", 15 * minute},
      {phase_kind::ideation, "Ideas", 45 * minute},
      {phase_kind::clustering, "Clustering", 20 * minute},
      {phase_kind::voting, "Voting", 15 * minute},
      {phase_kind::drafting, "Drafting proposals", 90 * minute},
      {phase_kind::review, "Review", 30 * minute},
      {phase_kind::final_selection, "Final selection", 20 * minute},
      {phase_kind::closed, "Closed", 0},
  };
}

result<std::vector<phase>> make_agenda(const std::vector<phase_draft>& drafts) {
  if (drafts.empty()) return make_error(errc::bad_value, "An agenda needs at least one phase.");
  if (drafts.size() > max_phases) {
    return make_error(errc::bad_value,
                      "An agenda has at most " + std::to_string(max_phases) + " phases.");
  }
  std::vector<phase> out;
  for (const auto& d : drafts) {
    const auto kind = parse_phase_kind(d.kind);
    if (!kind) return make_error(errc::bad_value, "Unknown kind of phase \"" + d.kind + "\".");
    auto title = clean_text(d.title, phase_title_rule);
    if (!title) return title.err();
    const bool timed = *kind != phase_kind::closed;
    if (timed && (d.minutes < 1 || d.minutes > max_phase_minutes)) {
      return make_error(errc::bad_value, "A phase lasts 1 to " + std::to_string(max_phase_minutes) +
                                             " minutes; \"" + title.value() + "\" has " +
                                             std::to_string(d.minutes) + ".");
    }
    out.push_back(phase{*kind, std::move(title.value()), timed ? d.minutes * minute : 0});
  }
  return out;
}

std::optional<millis> remaining(const std::vector<phase>& agenda, const timer_state& t,
                                millis now) {
  if (t.current < 0 || t.current >= static_cast<int>(agenda.size())) return std::nullopt;
  const phase& p = agenda[static_cast<std::size_t>(t.current)];
  if (p.planned == 0) return std::nullopt;
  const millis ran = t.elapsed + (t.running ? now - t.started_at : 0);
  return p.planned + t.extra - ran;
}

phase_kind current_kind(const std::vector<phase>& agenda, const timer_state& t) {
  if (t.current < 0 || t.current >= static_cast<int>(agenda.size())) return phase_kind::welcome;
  return agenda[static_cast<std::size_t>(t.current)].kind;
}

result<timer_state> go_to_phase(const std::vector<phase>& agenda, const timer_state& t, int index,
                                millis now) {
  if (index < 0 || index >= static_cast<int>(agenda.size())) {
    return make_error(errc::bad_value,
                      "The agenda has no phase " + std::to_string(index + 1) + ".");
  }
  timer_state n = t;
  n.current = index;
  n.running = agenda[static_cast<std::size_t>(index)].planned > 0;
  n.started_at = now;
  n.elapsed = 0;
  n.extra = 0;
  n.undo = timer_state::left_phase{t.current, t.running,
                                   t.elapsed + (t.running ? now - t.started_at : 0), t.extra, now};
  return n;
}

result<timer_state> undo_phase_change(const std::vector<phase>& agenda, const timer_state& t,
                                      millis now) {
  if (!t.undo) return make_error(errc::bad_value, "There is no phase change to undo.");
  const auto& back = *t.undo;
  if (now > back.at + undo_window) {
    return make_error(errc::bad_value,
                      "The phase change was more than 10 minutes ago; it can no longer be undone.");
  }
  if (back.index < -1 || back.index >= static_cast<int>(agenda.size())) {
    return make_error(errc::bad_value, "The agenda no longer has the phase to go back to.");
  }
  timer_state n = t;
  n.current = back.index;
  n.running = back.running;
  n.started_at = now;
  n.elapsed = back.elapsed;
  n.extra = back.extra;
  n.undo.reset();
  // Back in a phase whose time is already up: it must not move on again at once.
  if (due_to_advance(agenda, n, now)) n.auto_advance = false;
  return n;
}

result<timer_state> pause_timer(const timer_state& t, millis now) {
  if (!t.running) return make_error(errc::bad_value, "The timer is not running.");
  timer_state n = t;
  n.elapsed += now - t.started_at;
  n.running = false;
  return n;
}

result<timer_state> resume_timer(const timer_state& t, millis now) {
  if (t.current < 0) return make_error(errc::bad_value, "No phase has started yet.");
  if (t.running) return make_error(errc::bad_value, "The timer is already running.");
  timer_state n = t;
  n.running = true;
  n.started_at = now;
  return n;
}

result<timer_state> extend_timer(const timer_state& t, std::int64_t minutes) {
  if (t.current < 0) return make_error(errc::bad_value, "No phase has started yet.");
  if (minutes < 1 || minutes > max_extension_minutes) {
    return make_error(errc::bad_value, "A phase is extended by 1 to " +
                                           std::to_string(max_extension_minutes) + " minutes.");
  }
  timer_state n = t;
  n.extra += minutes * minute;
  return n;
}

bool due_to_advance(const std::vector<phase>& agenda, const timer_state& t, millis now) {
  if (!t.auto_advance || !t.running) return false;
  if (t.current + 1 >= static_cast<int>(agenda.size())) return false;
  const auto left = remaining(agenda, t, now);
  return left && *left <= 0;
}

}  // namespace rt::domain
