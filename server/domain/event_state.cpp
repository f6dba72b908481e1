// event_state.cpp: the rules of the commands that change an event.
#include "event_state.hpp"

#include <algorithm>
#include <cassert>
#include <set>
#include <utility>

namespace rt::domain {

result<event_info> make_event(id_type id, std::string code, std::string_view title,
                              const std::vector<track_draft>& tracks, millis now) {
  auto clean_title = clean_text(title, title_rule);
  if (!clean_title) return clean_title.err();
  if (tracks.empty()) return make_error("bad_value", "An event needs at least one track.");
  if (tracks.size() > max_tracks) {
    return make_error("bad_value",
                      "An event has at most " + std::to_string(max_tracks) + " tracks.");
  }
  event_info info{id, std::move(code), std::move(clean_title.value()), now, {}};
  std::set<std::string> names;
  for (const auto& t : tracks) {
    auto name = clean_text(t.name, track_name_rule);
    if (!name) return name.err();
    auto description = clean_text(t.description, track_description_rule);
    if (!description) return description.err();
    if (!names.insert(name.value()).second) {
      return make_error("bad_value", "Two tracks are named \"" + name.value() + "\".");
    }
    info.tracks.push_back(track{static_cast<id_type>(info.tracks.size() + 1),
                                std::move(name.value()), std::move(description.value())});
  }
  return info;
}

event_state::event_state(event_info info) : info_(std::move(info)) {}

void event_state::restore(member m) {
  next_member_id_ = std::max(next_member_id_, m.id + 1);
  add(std::move(m));
}

void event_state::restore(idea i) {
  next_idea_id_ = std::max(next_idea_id_, i.id + 1);
  if (!i.deleted) ideas_.emplace(i.id, std::move(i));
}

member& event_state::add(member m) {
  if (m.member_role == role::participant) ++participants_;
  member_by_token_.emplace(m.token_hash, m.id);
  const id_type id = m.id;
  return members_.insert_or_assign(id, std::move(m)).first->second;
}

void event_state::restore_agenda(std::vector<phase> agenda, timer_state timer) {
  agenda_ = std::move(agenda);
  timer_ = timer;
}

void event_state::restore(announcement a) {
  next_announcement_id_ = std::max(next_announcement_id_, a.id + 1);
  announcements_.emplace(a.id, std::move(a));
}

bool event_state::may_post_ideas() const {
  return timer_.current < 0 || current_kind(agenda_, timer_) == phase_kind::ideation;
}

bool event_state::may_change_own_ideas() const {
  if (timer_.current < 0) return true;
  const auto k = current_kind(agenda_, timer_);
  return k == phase_kind::ideation || k == phase_kind::clustering;
}

const track* event_state::find_track(id_type id) const {
  for (const auto& t : info_.tracks)
    if (t.id == id) return &t;
  return nullptr;
}

const member* event_state::find_member(id_type id) const {
  const auto it = members_.find(id);
  return it == members_.end() ? nullptr : &it->second;
}

const member* event_state::find_member_by_token(std::string_view token_hash) const {
  const auto it = member_by_token_.find(std::string(token_hash));
  return it == member_by_token_.end() ? nullptr : find_member(it->second);
}

const idea* event_state::find_idea(id_type id) const {
  const auto it = ideas_.find(id);
  return it == ideas_.end() ? nullptr : &it->second;
}

change event_state::next_change(id_type actor, millis now, change_body body) {
  return change{++seq_, now, actor, std::move(body)};
}

result<const member*> event_state::actor_of(id_type actor) const {
  const member* m = find_member(actor);
  if (m == nullptr) return make_error("bad_token", "You are not a member of this event.");
  return m;
}

result<change> event_state::join(const join_draft& draft, std::string token_hash, millis now) {
  auto name = clean_text(draft.name, name_rule);
  if (!name) return name.err();
  auto organisation = clean_text(draft.organisation, organisation_rule);
  if (!organisation) return organisation.err();
  const auto group = parse_group(draft.group);
  if (!group) return make_error("bad_value", "Unknown stakeholder group \"" + draft.group + "\".");
  if (find_track(draft.track) == nullptr) {
    return make_error("bad_value", "This event has no track " + std::to_string(draft.track) + ".");
  }
  member m;
  m.id = next_member_id_++;
  m.member_role = role::participant;
  m.name = std::move(name.value());
  m.organisation = std::move(organisation.value());
  m.group = *group;
  m.track = draft.track;
  m.credit = draft.credit;
  m.joined_at = now;
  m.token_hash = std::move(token_hash);
  return next_change(m.id, now, member_joined{add(std::move(m))});
}

result<change> event_state::add_member(id_type actor, role r, std::optional<id_type> track,
                                       std::string_view name, std::string token_hash,
                                       millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error("forbidden", "Only a facilitator can create links.");
  }
  if (r == role::participant) {
    return make_error("bad_value", "Participants join with the join link, not a created link.");
  }
  if (r == role::lead) {
    if (!track || find_track(*track) == nullptr) {
      return make_error("bad_value", "A track lead needs a track of this event.");
    }
  } else {
    track.reset();
  }
  auto clean_name = clean_text(name, name_rule);
  if (!clean_name) return clean_name.err();
  member m;
  m.id = next_member_id_++;
  m.member_role = r;
  m.name = std::move(clean_name.value());
  m.track = track;
  m.joined_at = now;
  m.token_hash = std::move(token_hash);
  return next_change(actor, now, member_joined{add(std::move(m))});
}

result<change> event_state::post_idea(id_type actor, id_type track, std::string_view text,
                                      bool anonymous, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role == role::viewer) {
    return make_error("forbidden", "A viewer cannot post ideas.");
  }
  if (find_track(track) == nullptr) {
    return make_error("bad_value", "This event has no track " + std::to_string(track) + ".");
  }
  if (!may_post_ideas()) {
    return make_error("wrong_phase", "Ideas are posted during the ideation phase.");
  }
  auto clean = clean_text(text, idea_rule);
  if (!clean) return clean.err();
  idea i;
  i.id = next_idea_id_++;
  i.track = track;
  i.author = actor;
  i.text = std::move(clean.value());
  i.anonymous = anonymous;
  i.created_at = now;
  const auto [it, inserted] = ideas_.emplace(i.id, std::move(i));
  assert(inserted);
  return next_change(actor, now, idea_posted{it->second});
}

result<change> event_state::edit_idea(id_type actor, id_type idea_id, std::string_view text,
                                      millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = ideas_.find(idea_id);
  if (it == ideas_.end()) return make_error("not_found", "There is no such idea in this event.");
  if (it->second.author != actor) return make_error("not_author", "This idea is someone else's.");
  if (!may_change_own_ideas()) {
    return make_error("wrong_phase", "Ideas are edited during the ideation and clustering phases.");
  }
  auto clean = clean_text(text, idea_rule);
  if (!clean) return clean.err();
  it->second.text = std::move(clean.value());
  it->second.edited_at = now;
  return next_change(actor, now, idea_edited{it->second});
}

result<change> event_state::delete_idea(id_type actor, id_type idea_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = ideas_.find(idea_id);
  if (it == ideas_.end()) return make_error("not_found", "There is no such idea in this event.");
  if (it->second.author != actor) return make_error("not_author", "This idea is someone else's.");
  if (!may_change_own_ideas()) {
    return make_error("wrong_phase", "Ideas are deleted during the ideation and clustering phases.");
  }
  idea gone = std::move(it->second);
  gone.deleted = true;
  ideas_.erase(it);
  return next_change(actor, now, idea_deleted{std::move(gone)});
}

result<change> event_state::set_hidden(id_type actor, id_type idea_id, bool hidden, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const member& m = *who.value();
  const auto it = ideas_.find(idea_id);
  if (m.member_role != role::facilitator && m.member_role != role::lead) {
    return make_error("forbidden", "Only facilitators and track leads hide ideas.");
  }
  if (it == ideas_.end()) return make_error("not_found", "There is no such idea in this event.");
  if (m.member_role == role::lead && m.track != it->second.track) {
    return make_error("forbidden", "A track lead moderates only their own track.");
  }
  if (it->second.hidden == hidden) {
    return make_error("bad_value", hidden ? "The idea is already hidden." : "The idea is not hidden.");
  }
  it->second.hidden = hidden;
  if (hidden) return next_change(actor, now, idea_hidden{it->second});
  return next_change(actor, now, idea_unhidden{it->second});
}

result<change> event_state::timer_command(id_type actor, millis now,
                                          const result<timer_state>& next) {
  if (actor != 0) {
    auto who = actor_of(actor);
    if (!who) return who.err();
    if (who.value()->member_role != role::facilitator) {
      return make_error("forbidden", "Only a facilitator runs the agenda.");
    }
  }
  if (!next) return next.err();
  timer_ = next.value();
  return next_change(actor, now, agenda_changed{agenda_, timer_});
}

result<change> event_state::set_agenda(id_type actor, const std::vector<phase_draft>& drafts,
                                       millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error("forbidden", "Only a facilitator edits the agenda.");
  }
  auto agenda = make_agenda(drafts);
  if (!agenda) return agenda.err();
  agenda_ = std::move(agenda.value());
  // The phase being run keeps running when it is still on the agenda; otherwise the agenda
  // starts over.
  if (timer_.current >= static_cast<int>(agenda_.size())) timer_ = timer_state{};
  return next_change(actor, now, agenda_changed{agenda_, timer_});
}

result<change> event_state::go_to_phase(id_type actor, int index, millis now) {
  return timer_command(actor, now, domain::go_to_phase(agenda_, timer_, index, now));
}

result<change> event_state::pause_timer(id_type actor, millis now) {
  return timer_command(actor, now, domain::pause_timer(timer_, now));
}

result<change> event_state::resume_timer(id_type actor, millis now) {
  return timer_command(actor, now, domain::resume_timer(timer_, now));
}

result<change> event_state::extend_timer(id_type actor, std::int64_t minutes, millis now) {
  return timer_command(actor, now, domain::extend_timer(timer_, minutes));
}

result<change> event_state::set_auto_advance(id_type actor, bool on, millis now) {
  timer_state next = timer_;
  next.auto_advance = on;
  return timer_command(actor, now, next);
}

result<change> event_state::advance_if_due(millis now) {
  if (!due_to_advance(agenda_, timer_, now)) {
    return make_error("bad_value", "The phase is not over.");
  }
  return timer_command(0, now, domain::go_to_phase(agenda_, timer_, timer_.current + 1, now));
}

result<const member*> event_state::facilitator(id_type actor, const char* what) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error("forbidden", std::string("Only a facilitator ") + what + ".");
  }
  return who;
}

result<change> event_state::announce(id_type actor, std::string_view text,
                                     std::optional<id_type> track, millis now) {
  auto who = facilitator(actor, "makes announcements");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error("bad_value", "This event has no track " + std::to_string(*track) + ".");
  }
  auto clean = clean_text(text, announcement_rule);
  if (!clean) return clean.err();
  announcement a{next_announcement_id_++, std::move(clean.value()), track, now, actor};
  announcements_.emplace(a.id, a);
  return next_change(actor, now, announcement_made{std::move(a)});
}

result<change> event_state::clear_announcement(id_type actor, id_type announcement_id,
                                               millis now) {
  auto who = facilitator(actor, "takes announcements down");
  if (!who) return who.err();
  const auto it = announcements_.find(announcement_id);
  if (it == announcements_.end()) return make_error("not_found", "There is no such announcement.");
  announcement gone = std::move(it->second);
  announcements_.erase(it);
  return next_change(actor, now, announcement_cleared{std::move(gone)});
}

result<change> event_state::set_screen(id_type actor, std::optional<id_type> track, millis now) {
  auto who = facilitator(actor, "chooses what the screen shows");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error("bad_value", "This event has no track " + std::to_string(*track) + ".");
  }
  screen_.track = track;
  return next_change(actor, now, screen_changed{screen_});
}

}  // namespace rt::domain
