// facilitation.cpp: parsing and applying the facilitator's commands that run the day.
#include "protocol/commands/facilitation.hpp"

namespace rt::protocol {

using json = nlohmann::json;

domain::result<set_agenda_cmd> set_agenda_cmd::parse(const fields& f) {
  const auto it = f.j.find("phases");
  if (it == f.j.end() || !it->is_array()) return f.missing("phases", "an array");
  if (it->size() > 100) return domain::make_error(domain::errc::bad_value, "Too many phases.");
  set_agenda_cmd c;
  for (const auto& p : *it) {
    if (!p.is_object()) return f.missing("phases", "an array of objects");
    const fields pf{p};
    RT_TRY(kind, pf.str("kind"));
    RT_TRY(title, pf.str("title"));
    const auto m = p.find("minutes");
    if (m == p.end() || !m->is_number_integer()) return f.missing("minutes", "an integer");
    c.phases.push_back({kind, title, m->get<std::int64_t>()});
  }
  return c;
}
domain::result<outcome> set_agenda_cmd::apply(const context& x) const {
  return plain(x.state.set_agenda(x.actor, phases, x.now));
}

domain::result<go_to_phase_cmd> go_to_phase_cmd::parse(const fields& f) {
  RT_TRY(index, f.integer("index"));
  if (index > 1000) {
    return domain::make_error(domain::errc::bad_value, "The agenda has no such phase.");
  }
  return go_to_phase_cmd{static_cast<int>(index)};
}
domain::result<outcome> go_to_phase_cmd::apply(const context& x) const {
  return plain(x.state.go_to_phase(x.actor, index, x.now));
}

domain::result<outcome> undo_phase_change_cmd::apply(const context& x) const {
  return plain(x.state.undo_phase_change(x.actor, x.now));
}

domain::result<outcome> pause_timer_cmd::apply(const context& x) const {
  return plain(x.state.pause_timer(x.actor, x.now));
}

domain::result<outcome> resume_timer_cmd::apply(const context& x) const {
  return plain(x.state.resume_timer(x.actor, x.now));
}

domain::result<extend_timer_cmd> extend_timer_cmd::parse(const fields& f) {
  const auto m = f.j.find("minutes");
  if (m == f.j.end() || !m->is_number_integer()) return f.missing("minutes", "an integer");
  return extend_timer_cmd{m->get<std::int64_t>()};
}
domain::result<outcome> extend_timer_cmd::apply(const context& x) const {
  return plain(x.state.extend_timer(x.actor, minutes, x.now));
}

domain::result<set_auto_advance_cmd> set_auto_advance_cmd::parse(const fields& f) {
  RT_TRY(on, f.boolean("on"));
  return set_auto_advance_cmd{on};
}
domain::result<outcome> set_auto_advance_cmd::apply(const context& x) const {
  return plain(x.state.set_auto_advance(x.actor, on, x.now));
}

domain::result<set_track_pacing_cmd> set_track_pacing_cmd::parse(const fields& f) {
  RT_TRY(allowed, f.boolean("allowed"));
  return set_track_pacing_cmd{allowed};
}
domain::result<outcome> set_track_pacing_cmd::apply(const context& x) const {
  return plain(x.state.set_track_pacing(x.actor, allowed, x.now));
}

domain::result<set_track_phase_cmd> set_track_phase_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  const auto it = f.j.find("index");
  std::optional<int> index;
  if (it != f.j.end() && !it->is_null()) {
    if (!it->is_number_integer()) return f.missing("index", "an integer or null");
    const auto v = it->get<std::int64_t>();
    if (v < 0 || v > 1000) {
      return domain::make_error(domain::errc::bad_value, "The agenda has no such phase.");
    }
    index = static_cast<int>(v);
  }
  return set_track_phase_cmd{track, index};
}
domain::result<outcome> set_track_phase_cmd::apply(const context& x) const {
  return plain(x.state.set_track_phase(x.actor, track, index, x.now));
}

domain::result<announce_cmd> announce_cmd::parse(const fields& f) {
  RT_TRY(text, f.str("text"));
  RT_TRY(track, f.opt_id("track"));
  return announce_cmd{text, track};
}
domain::result<outcome> announce_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.announce(x.actor, text, track, x.now));
  const auto id = std::get<domain::announcement_made>(ch.body).a.id;
  return outcome{std::move(ch), json{{"announcement", id}}};
}

domain::result<clear_announcement_cmd> clear_announcement_cmd::parse(const fields& f) {
  RT_TRY(announcement, f.integer("announcement", 1));
  return clear_announcement_cmd{announcement};
}
domain::result<outcome> clear_announcement_cmd::apply(const context& x) const {
  return plain(x.state.clear_announcement(x.actor, announcement, x.now));
}

domain::result<set_screen_cmd> set_screen_cmd::parse(const fields& f) {
  set_screen_cmd c;
  if (f.has("mode")) {
    RT_TRY(mode_name, f.str("mode"));
    c.mode = domain::parse_screen_mode(mode_name);
    if (!c.mode) {
      return domain::make_error(domain::errc::bad_value,
                                "Unknown screen mode \"" + mode_name +
                                    "\"; one of auto, join, wall, clusters, progress, results, "
                                    "announcement.");
    }
  }
  if (f.j.contains("track")) {
    RT_TRY(track, f.opt_id("track"));
    c.track = track;
  }
  if (f.j.contains("round")) {
    RT_TRY(round, f.opt_id("round"));
    c.round = round;
  }
  return c;
}
domain::result<outcome> set_screen_cmd::apply(const context& x) const {
  domain::screen_state next = x.state.screen();
  if (mode) next.mode = *mode;
  if (track) next.track = *track;
  if (round) next.round = *round;
  return plain(x.state.set_screen(x.actor, next, x.now));
}

}  // namespace rt::protocol
