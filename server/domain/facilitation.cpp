// facilitation.cpp: the rules of running the event (event_state): the agenda and its timer,
// auto-advance, tracks that set their own pace, announcements and the big screen.
#include <algorithm>
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

result<change> event_state::timer_command(id_type actor, millis now,
                                          const result<timer_state>& next) {
  if (actor != 0) {
    auto who = actor_of(actor);
    if (!who) return who.err();
    if (who.value()->member_role != role::facilitator) {
      return make_error(errc::forbidden, "Only a facilitator runs the agenda.");
    }
  }
  if (!next) return next.err();
  timer_ = next.value();
  return next_change(actor, now, agenda_changed{agenda_, timer_, pacing_});
}

result<change> event_state::set_agenda(id_type actor, const std::vector<phase_draft>& drafts,
                                       millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error(errc::forbidden, "Only a facilitator edits the agenda.");
  }
  auto agenda = make_agenda(drafts);
  if (!agenda) return agenda.err();
  agenda_ = std::move(agenda.value());
  // The phase being run keeps running when it is still on the agenda; otherwise the agenda
  // starts over.
  if (timer_.current >= static_cast<int>(agenda_.size())) timer_ = timer_state{};
  if (timer_.undo && timer_.undo->index >= static_cast<int>(agenda_.size())) timer_.undo.reset();
  std::erase_if(pacing_.track_phase,
                [&](const auto& kv) { return kv.second >= static_cast<int>(agenda_.size()); });
  return next_change(actor, now, agenda_changed{agenda_, timer_, pacing_});
}

result<change> event_state::go_to_phase(id_type actor, int index, millis now) {
  return timer_command(actor, now, domain::go_to_phase(agenda_, timer_, index, now));
}

result<change> event_state::undo_phase_change(id_type actor, millis now) {
  return timer_command(actor, now, domain::undo_phase_change(agenda_, timer_, now));
}

result<change> event_state::pause_timer(id_type actor, millis now) {
  return timer_command(actor, now, domain::pause_timer(timer_, now));
}

result<change> event_state::resume_timer(id_type actor, millis now) {
  return timer_command(actor, now, domain::resume_timer(timer_, now));
}

result<change> event_state::extend_timer(id_type actor, std::int64_t minutes, millis now) {
  if (timer_.current >= 0 && !remaining(agenda_, timer_, now)) {
    return timer_command(actor, now,
                         make_error(errc::bad_value, "This phase has no timer to extend."));
  }
  return timer_command(actor, now, domain::extend_timer(timer_, minutes));
}

result<change> event_state::set_auto_advance(id_type actor, bool on, millis now) {
  timer_state next = timer_;
  next.auto_advance = on;
  return timer_command(actor, now, next);
}

result<change> event_state::advance_if_due(millis now) {
  if (!due_to_advance(agenda_, timer_, now)) {
    return make_error(errc::bad_value, "The phase is not over.");
  }
  return timer_command(0, now, domain::go_to_phase(agenda_, timer_, timer_.current + 1, now));
}

result<change> event_state::announce(id_type actor, std::string_view text,
                                     std::optional<id_type> track, millis now) {
  auto who = facilitator(actor, "makes announcements");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(*track) + ".");
  }
  auto clean = clean_text(text, announcement_rule);
  if (!clean) return clean.err();
  announcement a{next_announcement_id_++, std::move(clean.value()), track, now, actor};
  announcements_.emplace(a.id, a);
  return next_change(actor, now, announcement_made{std::move(a)});
}

result<change> event_state::clear_announcement(id_type actor, id_type announcement_id, millis now) {
  auto who = facilitator(actor, "takes announcements down");
  if (!who) return who.err();
  const auto it = announcements_.find(announcement_id);
  if (it == announcements_.end())
    return make_error(errc::not_found, "There is no such announcement.");
  announcement gone = std::move(it->second);
  announcements_.erase(it);
  return next_change(actor, now, announcement_cleared{std::move(gone)});
}

result<change> event_state::set_screen(id_type actor, const screen_state& next, millis now) {
  auto who = facilitator(actor, "chooses what the screen shows");
  if (!who) return who.err();
  if (next.track && find_track(*next.track) == nullptr) {
    return make_error(errc::bad_value,
                      "This event has no track " + std::to_string(*next.track) + ".");
  }
  if (next.round && !rounds_.contains(*next.round)) {
    return make_error(errc::bad_value,
                      "This event has no vote round " + std::to_string(*next.round) + ".");
  }
  screen_ = next;
  return next_change(actor, now, screen_changed{screen_});
}

result<change> event_state::set_track_pacing(id_type actor, bool allowed, millis now) {
  auto who = facilitator(actor, "lets leads pace their tracks");
  if (!who) return who.err();
  if (pacing_.allowed == allowed) {
    return make_error(errc::bad_value, allowed ? "Leads may already pace their tracks."
                                               : "Leads may not pace their tracks already.");
  }
  pacing_.allowed = allowed;
  if (!allowed) pacing_.track_phase.clear();
  return next_change(actor, now, agenda_changed{agenda_, timer_, pacing_});
}

result<change> event_state::set_track_phase(id_type actor, id_type track, std::optional<int> index,
                                            millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  const member& m = *who.value();
  const bool facilitating = m.member_role == role::facilitator;
  if (!facilitating && !(m.member_role == role::lead && m.track == track)) {
    return make_error(errc::forbidden, "Only the track's lead or a facilitator paces a track.");
  }
  if (!pacing_.allowed) {
    return make_error(errc::forbidden, "The facilitator has not let tracks set their own pace.");
  }
  if (index && (*index < 0 || *index >= static_cast<int>(agenda_.size()))) {
    return make_error(errc::bad_value,
                      "The agenda has no phase " + std::to_string(*index + 1) + ".");
  }
  if (index) {
    pacing_.track_phase[track] = *index;
  } else {
    pacing_.track_phase.erase(track);
  }
  return next_change(actor, now, agenda_changed{agenda_, timer_, pacing_});
}

}  // namespace rt::domain
