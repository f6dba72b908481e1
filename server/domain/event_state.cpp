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
  if (tracks.empty()) return make_error(errc::bad_value, "An event needs at least one track.");
  if (tracks.size() > max_tracks) {
    return make_error(errc::bad_value,
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
      return make_error(errc::bad_value, "Two tracks are named \"" + name.value() + "\".");
    }
    info.tracks.push_back(track{static_cast<id_type>(info.tracks.size() + 1),
                                std::move(name.value()), std::move(description.value())});
  }
  return info;
}

event_state::event_state(event_info info) : info_(std::move(info)) {}

void event_state::restore(member m) {
  next_member_id_ = std::max(next_member_id_, m.id + 1);
  if (!m.removed) add(std::move(m));
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

void event_state::restore(cluster x) {
  next_cluster_id_ = std::max(next_cluster_id_, x.id + 1);
  clusters_.emplace(x.id, std::move(x));
}

void event_state::restore(table x) {
  next_table_id_ = std::max(next_table_id_, x.id + 1);
  tables_.emplace(x.id, std::move(x));
}

void event_state::restore_last_ids(id_type cluster, id_type table) {
  next_cluster_id_ = std::max(next_cluster_id_, cluster + 1);
  next_table_id_ = std::max(next_table_id_, table + 1);
}

bool event_state::moderates(id_type actor, id_type track) const {
  const member* m = find_member(actor);
  if (m == nullptr) return false;
  return m->member_role == role::facilitator ||
         (m->member_role == role::lead && m->track == track);
}

int event_state::track_phase(id_type track) const {
  if (pacing_.allowed) {
    if (const auto it = pacing_.track_phase.find(track); it != pacing_.track_phase.end()) {
      return it->second;
    }
  }
  return timer_.current;
}

bool event_state::may_post_ideas(id_type track) const {
  const int p = track_phase(track);
  return p < 0 || agenda_[static_cast<std::size_t>(p)].kind == phase_kind::ideation;
}

bool event_state::may_change_own_ideas(id_type track) const {
  const int p = track_phase(track);
  if (p < 0) return true;
  const auto k = agenda_[static_cast<std::size_t>(p)].kind;
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
  if (m == nullptr) return make_error(errc::bad_token, "You are not a member of this event.");
  return m;
}

result<change> event_state::join(const join_draft& draft, std::string token_hash, millis now) {
  if (!self_join_) {
    return make_error(errc::join_closed, "This event takes no new sign-ups with its code; use your "
                                     "personal link from the organisers.");
  }
  auto name = clean_person_text(draft.name, name_rule);
  if (!name) return name.err();
  if (looks_like_role(name.value())) {
    return make_error(errc::bad_text, "This name reads like a role of the event (such as "
                                  "\"Facilitator\" or \"Track lead\"): please use your own name.");
  }
  auto organisation = clean_person_text(draft.organisation, organisation_rule);
  if (!organisation) return organisation.err();
  const auto group = parse_group(draft.group);
  if (!group) return make_error(errc::bad_value, "Unknown stakeholder group \"" + draft.group + "\".");
  if (find_track(draft.track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(draft.track) + ".");
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
    return make_error(errc::forbidden, "Only a facilitator can create links.");
  }
  if (r == role::participant) {
    return make_error(errc::bad_value, "Participants join with the join link, not a created link.");
  }
  if (r == role::lead) {
    if (!track || find_track(*track) == nullptr) {
      return make_error(errc::bad_value, "A track lead needs a track of this event.");
    }
  } else {
    track.reset();
  }
  auto clean_name = clean_person_text(name, name_rule);
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
    return make_error(errc::forbidden, "A viewer cannot post ideas.");
  }
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  if (!may_post_ideas(track)) {
    return make_error(errc::wrong_phase, "Ideas are posted during the ideation phase.");
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
  if (it == ideas_.end()) return make_error(errc::not_found, "There is no such idea in this event.");
  const bool moderator = moderates(actor, it->second.track);
  if (it->second.author != actor && !moderator) {
    return make_error(errc::not_author, "This idea is someone else's.");
  }
  if (!moderator && !may_change_own_ideas(it->second.track)) {
    return make_error(errc::wrong_phase, "Ideas are edited during the ideation and clustering phases.");
  }
  auto clean = clean_text(text, idea_rule);
  if (!clean) return clean.err();
  it->second.text = std::move(clean.value());
  it->second.edited_at = now;
  it->second.edited_by = actor;
  return next_change(actor, now, idea_edited{it->second});
}

result<change> event_state::delete_idea(id_type actor, id_type idea_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = ideas_.find(idea_id);
  if (it == ideas_.end()) return make_error(errc::not_found, "There is no such idea in this event.");
  if (it->second.author != actor) return make_error(errc::not_author, "This idea is someone else's.");
  if (!may_change_own_ideas(it->second.track)) {
    return make_error(errc::wrong_phase, "Ideas are deleted during the ideation and clustering phases.");
  }
  for (const auto& [id, other] : ideas_) {
    if (other.merged_into == idea_id) {
      return make_error(errc::bad_value,
                        "Other ideas are merged into this one; a moderator splits them out first.");
    }
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
    return make_error(errc::forbidden, "Only facilitators and track leads hide ideas.");
  }
  if (it == ideas_.end()) return make_error(errc::not_found, "There is no such idea in this event.");
  if (m.member_role == role::lead && m.track != it->second.track) {
    return make_error(errc::forbidden, "A track lead moderates only their own track.");
  }
  if (it->second.hidden == hidden) {
    return make_error(errc::bad_value, hidden ? "The idea is already hidden." : "The idea is not hidden.");
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
    return timer_command(actor, now, make_error(errc::bad_value, "This phase has no timer to extend."));
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

result<const member*> event_state::facilitator(id_type actor, const char* what) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error(errc::forbidden, std::string("Only a facilitator ") + what + ".");
  }
  return who;
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

result<change> event_state::clear_announcement(id_type actor, id_type announcement_id,
                                               millis now) {
  auto who = facilitator(actor, "takes announcements down");
  if (!who) return who.err();
  const auto it = announcements_.find(announcement_id);
  if (it == announcements_.end()) return make_error(errc::not_found, "There is no such announcement.");
  announcement gone = std::move(it->second);
  announcements_.erase(it);
  return next_change(actor, now, announcement_cleared{std::move(gone)});
}

result<change> event_state::set_screen(id_type actor, std::optional<id_type> track, millis now) {
  auto who = facilitator(actor, "chooses what the screen shows");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(*track) + ".");
  }
  screen_.track = track;
  return next_change(actor, now, screen_changed{screen_});
}

result<idea*> event_state::moderated_idea(id_type actor, id_type idea_id) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (!is_staff(who.value()->member_role)) {
    return make_error(errc::forbidden, "Only facilitators and track leads moderate ideas.");
  }
  const auto it = ideas_.find(idea_id);
  if (it == ideas_.end()) return make_error(errc::not_found, "There is no such idea in this event.");
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "A track lead moderates only their own track.");
  }
  return &it->second;
}

result<change> event_state::set_pinned(id_type actor, id_type idea_id, bool pinned, millis now) {
  auto i = moderated_idea(actor, idea_id);
  if (!i) return i.err();
  if (i.value()->pinned == pinned) {
    return make_error(errc::bad_value, pinned ? "The idea is already pinned." : "The idea is not pinned.");
  }
  i.value()->pinned = pinned;
  return next_change(actor, now, idea_pinned{*i.value()});
}

result<change> event_state::merge_idea(id_type actor, id_type idea_id, id_type into, millis now) {
  auto i = moderated_idea(actor, idea_id);
  if (!i) return i.err();
  auto target = moderated_idea(actor, into);
  if (!target) return target.err();
  idea& merged = *i.value();
  if (idea_id == into) return make_error(errc::bad_value, "An idea cannot be merged into itself.");
  if (merged.track != target.value()->track) {
    return make_error(errc::bad_value, "Only ideas of the same track are merged.");
  }
  if (merged.merged_into == into) return make_error(errc::bad_value, "The idea is already merged there.");
  // Merges form a tree: walking up from the target must not come back to the merged idea.
  for (std::optional<id_type> up = into; up;) {
    if (*up == idea_id) {
      return make_error(errc::bad_value, "This merge would form a cycle: the target is merged into "
                                     "this idea already.");
    }
    const auto it = ideas_.find(*up);
    up = it == ideas_.end() ? std::nullopt : it->second.merged_into;
  }
  merged.merged_into = into;
  return next_change(actor, now, idea_merged{merged});
}

result<change> event_state::split_idea(id_type actor, id_type idea_id, millis now) {
  auto i = moderated_idea(actor, idea_id);
  if (!i) return i.err();
  if (!i.value()->merged_into) return make_error(errc::bad_value, "The idea is not merged.");
  i.value()->merged_into.reset();
  return next_change(actor, now, idea_split{*i.value()});
}

result<change> event_state::create_cluster(id_type actor, id_type track, std::string_view name,
                                           millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  if (!moderates(actor, track)) {
    return make_error(errc::forbidden, "Only the track's moderators make clusters.");
  }
  auto clean = clean_text(name, cluster_name_rule);
  if (!clean) return clean.err();
  cluster x{next_cluster_id_++, track, std::move(clean.value())};
  clusters_.emplace(x.id, x);
  return next_change(actor, now, cluster_created{std::move(x)});
}

result<change> event_state::rename_cluster(id_type actor, id_type cluster_id,
                                           std::string_view name, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = clusters_.find(cluster_id);
  if (it == clusters_.end()) return make_error(errc::not_found, "There is no such cluster.");
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "Only the track's moderators rename clusters.");
  }
  auto clean = clean_text(name, cluster_name_rule);
  if (!clean) return clean.err();
  it->second.name = std::move(clean.value());
  return next_change(actor, now, cluster_renamed{it->second});
}

result<change> event_state::delete_cluster(id_type actor, id_type cluster_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = clusters_.find(cluster_id);
  if (it == clusters_.end()) return make_error(errc::not_found, "There is no such cluster.");
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "Only the track's moderators delete clusters.");
  }
  cluster gone = std::move(it->second);
  clusters_.erase(it);
  for (auto& [id, i] : ideas_) {
    if (i.cluster == cluster_id) i.cluster.reset();
  }
  return next_change(actor, now, cluster_deleted{std::move(gone)});
}

result<change> event_state::cluster_idea(id_type actor, id_type idea_id,
                                         std::optional<id_type> cluster_id, millis now) {
  auto i = moderated_idea(actor, idea_id);
  if (!i) return i.err();
  if (cluster_id) {
    const auto it = clusters_.find(*cluster_id);
    if (it == clusters_.end()) return make_error(errc::not_found, "There is no such cluster.");
    if (it->second.track != i.value()->track) {
      return make_error(errc::bad_value, "The cluster belongs to another track.");
    }
  }
  if (i.value()->cluster == cluster_id) {
    return make_error(errc::bad_value, "The idea is already there.");
  }
  i.value()->cluster = cluster_id;
  return next_change(actor, now, idea_clustered{*i.value()});
}

result<change> event_state::add_table(id_type actor, id_type track, std::string_view name,
                                      millis now) {
  auto who = facilitator(actor, "sets up tables");
  if (!who) return who.err();
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  auto clean = clean_text(name, table_name_rule);
  if (!clean) return clean.err();
  table x{next_table_id_++, track, std::move(clean.value())};
  tables_.emplace(x.id, x);
  return next_change(actor, now, table_added{std::move(x)});
}

result<change> event_state::remove_table(id_type actor, id_type table_id, millis now) {
  auto who = facilitator(actor, "removes tables");
  if (!who) return who.err();
  const auto it = tables_.find(table_id);
  if (it == tables_.end()) return make_error(errc::not_found, "There is no such table.");
  table gone = std::move(it->second);
  tables_.erase(it);
  for (auto& [id, m] : members_) {
    if (m.table == table_id) m.table.reset();
  }
  return next_change(actor, now, table_removed{std::move(gone)});
}

result<change> event_state::move_member(id_type actor, id_type member_id, id_type track,
                                        std::optional<id_type> table_id, millis now) {
  auto who = facilitator(actor, "moves people");
  if (!who) return who.err();
  const auto it = members_.find(member_id);
  if (it == members_.end()) return make_error(errc::not_found, "There is no such member.");
  if (it->second.member_role != role::participant) {
    return make_error(errc::bad_value, "Only participants are moved between tracks and tables.");
  }
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  if (table_id) {
    const auto t = tables_.find(*table_id);
    if (t == tables_.end() || t->second.track != track) {
      return make_error(errc::bad_value, "That table is not in that track.");
    }
  }
  const auto from_track = it->second.track;
  it->second.track = track;
  it->second.table = table_id;
  return next_change(actor, now, member_moved{it->second, from_track});
}

result<change> event_state::set_self_join(id_type actor, bool open, millis now) {
  auto who = facilitator(actor, "opens and closes joining with the code");
  if (!who) return who.err();
  if (self_join_ == open) {
    return make_error(errc::bad_value, open ? "New people may already join with the code."
                                        : "Joining with the code is closed already.");
  }
  self_join_ = open;
  return next_change(actor, now, self_join_changed{open});
}

bool event_state::has_posted(id_type id) const {
  const auto by = [&](const auto& e) { return e.second.author == id; };
  if (std::any_of(ideas_.begin(), ideas_.end(), by)) return true;
  if (std::any_of(comments_.begin(), comments_.end(), by)) return true;
  return std::any_of(sections_.begin(), sections_.end(),
                     [&](const auto& e) { return e.second.has_writer(id); });
}

result<change> event_state::remove_member(id_type actor, id_type member_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const member& a = *who.value();
  if (!is_staff(a.member_role)) {
    return make_error(errc::forbidden, "Only facilitators and track leads remove people.");
  }
  const auto it = members_.find(member_id);
  if (it == members_.end()) return make_error(errc::not_found, "There is no such member.");
  const member& m = it->second;
  if (is_staff(m.member_role)) {
    return make_error(errc::forbidden, "Facilitators and track leads are not removed this way.");
  }
  if (a.member_role == role::lead &&
      (m.member_role != role::participant || !m.track || m.track != a.track)) {
    return make_error(errc::forbidden, "A track lead removes only the participants of their own track.");
  }
  if (has_posted(member_id)) {
    return make_error(errc::bad_value, "This person has posted ideas, comments or proposal text, "
                                   "which stay in the event's record; hide their ideas instead.");
  }
  member_removed out{member_id, m.track, {}, {}};
  for (auto& [round, by_member] : ballots_) {
    const auto b = by_member.find(member_id);
    if (b == by_member.end()) continue;
    if (!b->second.empty()) out.rounds.push_back(round);
    by_member.erase(b);
  }
  for (auto& [id, p] : proposals_) {
    const auto t = std::find(p.team.begin(), p.team.end(), member_id);
    if (t == p.team.end()) continue;
    p.team.erase(t);
    out.proposals.push_back(p);
  }
  if (m.member_role == role::participant) --participants_;
  member_by_token_.erase(m.token_hash);
  members_.erase(it);
  return next_change(actor, now, std::move(out));
}

std::optional<stakeholder_group> parse_group_label(std::string_view s) {
  std::string key;
  for (char ch : trim(s)) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    key.push_back(ch == ' ' || ch == '-' ? '_' : ch);
  }
  if (key == "eu_institutions") key = "eu_institution";
  if (key == "national_governments") key = "national_government";
  if (key == "large_enterprises" || key == "large_company") key = "large_enterprise";
  if (key == "academia_or_economist" || key == "economist") key = "academia";
  if (key == "startups") key = "startup";
  if (key == "smes") key = "sme";
  return parse_group(key);
}

const track* event_state::track_of_cell(std::string_view cell) const {
  const auto wanted = trim(cell);
  auto lower = [](std::string_view v) {
    std::string out(v);
    for (auto& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  };
  for (const auto& t : info_.tracks) {
    if (lower(t.name) == lower(wanted) || std::to_string(t.id) == wanted) return &t;
  }
  return nullptr;
}

std::vector<roster_problem> event_state::check_roster(const std::vector<roster_row>& rows) const {
  std::vector<roster_problem> out;
  if (rows.empty()) out.push_back({0, "The file has no rows after its header."});
  if (rows.size() > max_roster_rows) {
    out.push_back({0, "The file has " + std::to_string(rows.size()) + " rows; at most " +
                          std::to_string(max_roster_rows) + " are imported at once."});
    return out;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::size_t n = i + 1;
    if (auto name = clean_person_text(r.name, name_rule); !name) out.push_back({n, name.err().message});
    if (auto org = clean_person_text(r.organisation, organisation_rule); !org) {
      out.push_back({n, org.err().message});
    }
    if (!parse_group_label(r.group)) {
      out.push_back({n, "Unknown stakeholder group \"" + std::string(trim(r.group)) + "\"."});
    }
    const track* t = track_of_cell(r.track);
    if (t == nullptr) out.push_back({n, "This event has no track \"" + std::string(trim(r.track)) + "\"."});
    if (auto table = clean_text(r.table, text_rule{"table name", 0, 60}); !table) {
      out.push_back({n, table.err().message});
    }
    const auto email = trim(r.email);
    if (!email.empty()) {
      const auto at = email.find('@');
      const bool ok = email.size() <= 254 && is_valid_utf8(email) && at != std::string_view::npos &&
                      at > 0 && at + 1 < email.size() && email.find('@', at + 1) == std::string_view::npos &&
                      email.find_first_of(" \t,;<>") == std::string_view::npos;
      if (!ok) out.push_back({n, "\"" + std::string(email) + "\" is not an email address."});
    }
  }
  return out;
}

result<change> event_state::import_roster(id_type actor, const std::vector<roster_row>& rows,
                                          const std::vector<std::string>& hashes, millis now) {
  auto who = facilitator(actor, "imports a roster");
  if (!who) return who.err();
  const auto problems = check_roster(rows);
  if (!problems.empty() || hashes.size() != rows.size()) {
    return make_error(errc::bad_value, "The roster has " + std::to_string(problems.size()) +
                                       " problems; nothing was imported.");
  }
  roster_imported out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const track* t = track_of_cell(r.track);
    member m;
    m.id = next_member_id_++;
    m.member_role = role::participant;
    m.name = clean_person_text(r.name, name_rule).value();
    m.organisation = clean_person_text(r.organisation, organisation_rule).value();
    m.group = *parse_group_label(r.group);
    m.track = t->id;
    m.email = std::string(trim(r.email));
    m.joined_at = now;
    m.token_hash = hashes[i];
    const std::string table_name(trim(r.table));
    if (!table_name.empty()) {
      const table* found = nullptr;
      for (const auto& [id, x] : tables_)
        if (x.track == t->id && x.name == table_name) found = &x;
      if (found == nullptr) {
        table x{next_table_id_++, t->id, table_name};
        found = &tables_.emplace(x.id, x).first->second;
        out.tables.push_back(x);
      }
      m.table = found->id;
    }
    out.members.push_back(add(std::move(m)));
  }
  return next_change(actor, now, std::move(out));
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
    return make_error(errc::bad_value, "The agenda has no phase " + std::to_string(*index + 1) + ".");
  }
  if (index) {
    pacing_.track_phase[track] = *index;
  } else {
    pacing_.track_phase.erase(track);
  }
  return next_change(actor, now, agenda_changed{agenda_, timer_, pacing_});
}

void event_state::restore(vote_round r, std::map<id_type, ballot> ballots) {
  next_round_id_ = std::max(next_round_id_, r.id + 1);
  ballots_[r.id] = std::move(ballots);
  rounds_.emplace(r.id, std::move(r));
}

const std::map<id_type, ballot>& event_state::ballots(id_type round) const {
  static const std::map<id_type, ballot> none;
  const auto it = ballots_.find(round);
  return it == ballots_.end() ? none : it->second;
}

std::vector<item_result> event_state::results(id_type round) const {
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return {};
  const auto& items = it->second.items;
  // An idea merged into another counts for the idea at the top of its merge tree when that
  // idea is in the round: its votes (and voters) are the survivor's, until it is split out.
  std::map<id_type, id_type> counts_for;
  for (const auto id : items) {
    id_type top = id;
    if (it->second.kind != item_kind::idea) {
      counts_for[id] = id;
      continue;
    }
    for (const idea* i = find_idea(id); i && i->merged_into;) {
      top = *i->merged_into;
      i = find_idea(top);
    }
    const bool top_in_round = std::find(items.begin(), items.end(), top) != items.end();
    counts_for[id] = top_in_round ? top : id;
  }
  std::vector<id_type> shown;
  for (const auto id : items) {
    if (counts_for[id] == id) shown.push_back(id);
  }
  std::map<id_type, ballot> merged;
  std::map<id_type, stakeholder_group> group_of;
  for (const auto& [member_id, b] : ballots(round)) {
    if (const auto* m = find_member(member_id)) group_of[member_id] = m->group;
    auto& mine = merged[member_id];
    for (const auto& [item, votes] : b) {
      const auto target = counts_for.find(item);
      mine[target == counts_for.end() ? item : target->second] += votes;
    }
  }
  return tally(shown, merged, group_of);
}

result<change> event_state::open_round(id_type actor, std::string_view title,
                                       std::optional<id_type> track, const round_rules& rules,
                                       bool live_results, bool random_order, millis now,
                                       item_kind kind) {
  auto who = facilitator(actor, "opens vote rounds");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(*track) + ".");
  }
  auto clean = clean_text(title, title_rule);
  if (!clean) return clean.err();
  auto checked = make_rules(rules.method, rules.budget, rules.max_per_item, rules.allow_own);
  if (!checked) return checked.err();
  vote_round r;
  r.id = next_round_id_;
  r.title = std::move(clean.value());
  r.track = track;
  r.method = static_cast<int>(checked->method);
  r.budget = checked->budget;
  r.max_per_item = checked->max_per_item;
  r.allow_own = checked->allow_own;
  r.live_results = live_results;
  r.random_order = random_order;
  r.opened_at = now;
  r.kind = kind;
  switch (kind) {
    case item_kind::idea:
      for (const auto& [id, i] : ideas_) {
        if (i.hidden || i.merged_into || (track && i.track != *track)) continue;
        r.items.push_back(id);
      }
      break;
    case item_kind::cluster:
      for (const auto& [id, c] : clusters_) {
        if (track && c.track != *track) continue;
        const id_type cluster = id;  // clang 14 cannot capture a structured binding
        const bool has_ideas = std::any_of(ideas_.begin(), ideas_.end(), [&](const auto& e) {
          return e.second.cluster == cluster && !e.second.hidden;
        });
        if (has_ideas) r.items.push_back(id);
      }
      break;
    case item_kind::proposal:
      for (const auto& [id, p] : proposals_) {
        if (track && p.track != *track) continue;
        r.items.push_back(id);
      }
      break;
  }
  if (r.items.empty()) {
    return make_error(errc::bad_value, "There are no " + std::string(to_string(kind)) + " to vote on.");
  }
  ++next_round_id_;
  rounds_.emplace(r.id, r);
  ballots_[r.id];
  return next_change(actor, now, round_opened{std::move(r)});
}

bool event_state::is_own_item(id_type actor, item_kind kind, id_type item) const {
  switch (kind) {
    case item_kind::idea: {
      const auto* i = find_idea(item);
      return i != nullptr && i->author == actor;
    }
    case item_kind::cluster:
      return std::any_of(ideas_.begin(), ideas_.end(), [&](const auto& e) {
        return e.second.cluster == item && e.second.author == actor;
      });
    case item_kind::proposal: {
      const auto* p = find_proposal(item);
      return p != nullptr && std::binary_search(p->team.begin(), p->team.end(), actor);
    }
  }
  return false;
}

result<change> event_state::change_round(id_type actor, id_type round, round_state refused_in,
                                         round_state to, millis now) {
  auto who = facilitator(actor, "runs vote rounds");
  if (!who) return who.err();
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return make_error(errc::not_found, "There is no such vote round.");
  if (it->second.state == refused_in || it->second.state == to) {
    return make_error(errc::bad_value, "The round is " + std::string(to_string(it->second.state)) + ".");
  }
  it->second.state = to;
  return next_change(actor, now, round_changed{it->second});
}

result<change> event_state::close_round(id_type actor, id_type round, millis now) {
  return change_round(actor, round, round_state::revealed, round_state::closed, now);
}

result<change> event_state::reveal_round(id_type actor, id_type round, millis now) {
  // Results are revealed once voting has closed.
  return change_round(actor, round, round_state::open, round_state::revealed, now);
}

result<change> event_state::reopen_round(id_type actor, id_type round, millis now) {
  // A round that is open already cannot be reopened: the refused state equals the target.
  return change_round(actor, round, round_state::open, round_state::open, now);
}

result<change> event_state::vote(id_type actor, id_type round, id_type item, int votes,
                                 millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role == role::viewer) return make_error(errc::forbidden, "A viewer cannot vote.");
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return make_error(errc::not_found, "There is no such vote round.");
  const vote_round& r = it->second;
  if (r.state != round_state::open) return make_error(errc::round_closed, "This vote round is closed.");
  if (std::find(r.items.begin(), r.items.end(), item) == r.items.end()) {
    return make_error(errc::bad_value, "That item is not in this vote round.");
  }
  if (!r.allow_own && votes > 0 && is_own_item(actor, r.kind, item)) {
    return make_error(errc::own_idea, "In this round nobody votes for their own idea.");
  }
  const round_rules rules{static_cast<vote_method>(r.method), r.budget, r.max_per_item, r.allow_own};
  auto& mine = ballots_[round][actor];
  auto next = cast_vote(rules, mine, item, votes);
  if (!next) return next.err();
  mine = std::move(next.value());
  return next_change(actor, now, vote_cast{round, actor, mine});
}

}  // namespace rt::domain
