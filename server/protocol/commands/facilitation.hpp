// facilitation.hpp: the facilitator's commands that run the day: the agenda and its timer,
// per-track pacing, announcements and what the big screen shows.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct set_agenda_cmd {
  static constexpr std::string_view name = "set_agenda";
  std::vector<domain::phase_draft> phases;
  static domain::result<set_agenda_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct go_to_phase_cmd {
  static constexpr std::string_view name = "go_to_phase";
  int index = 0;
  static domain::result<go_to_phase_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct undo_phase_change_cmd {
  static constexpr std::string_view name = "undo_phase_change";
  static domain::result<undo_phase_change_cmd> parse(const fields&) {
    return undo_phase_change_cmd{};
  }
  domain::result<outcome> apply(const context& x) const;
};
struct pause_timer_cmd {
  static constexpr std::string_view name = "pause_timer";
  static domain::result<pause_timer_cmd> parse(const fields&) { return pause_timer_cmd{}; }
  domain::result<outcome> apply(const context& x) const;
};
struct resume_timer_cmd {
  static constexpr std::string_view name = "resume_timer";
  static domain::result<resume_timer_cmd> parse(const fields&) { return resume_timer_cmd{}; }
  domain::result<outcome> apply(const context& x) const;
};
struct extend_timer_cmd {
  static constexpr std::string_view name = "extend_timer";
  std::int64_t minutes = 0;
  static domain::result<extend_timer_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_auto_advance_cmd {
  static constexpr std::string_view name = "set_auto_advance";
  bool on = false;
  static domain::result<set_auto_advance_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_track_pacing_cmd {
  static constexpr std::string_view name = "set_track_pacing";
  bool allowed = false;
  static domain::result<set_track_pacing_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_track_phase_cmd {
  static constexpr std::string_view name = "set_track_phase";
  id_type track = 0;
  std::optional<int> index;  // none: the track follows the event again
  static domain::result<set_track_phase_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct announce_cmd {
  static constexpr std::string_view name = "announce";
  std::string text;
  std::optional<id_type> track;
  static domain::result<announce_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {announcement}
};
struct clear_announcement_cmd {
  static constexpr std::string_view name = "clear_announcement";
  id_type announcement = 0;
  static domain::result<clear_announcement_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_screen_cmd {
  static constexpr std::string_view name = "set_screen";
  // Each part is optional on the wire: an absent one stays as it is.
  std::optional<domain::screen_mode> mode;
  std::optional<std::optional<id_type>> track;  // has_value: given (null: every track)
  std::optional<std::optional<id_type>> round;  // has_value: given (null: the newest)
  static domain::result<set_screen_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
