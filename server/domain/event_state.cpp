// event_state.cpp: an event's state: making an event, restoring it from storage, looking
// things up, and what every command checks first (who acts, in which role and phase).
// The commands themselves are by topic: people.cpp, ideas.cpp, facilitation.cpp, rounds.cpp,
// drafting.cpp and report_plan.cpp.
#include "event_state.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace rt::domain {

result<event_info> make_event(id_type id, std::string code, std::string_view title,
                              const std::vector<track_draft>& tracks, millis now,
                              const std::vector<stakeholder_group>& groups,
                              std::string_view language) {
  if (!is_language(language)) {
    return make_error(errc::bad_value, "\"" + std::string(language) +
                                           "\" is not one of the 24 languages of the EU.");
  }
  auto clean_title = clean_text(title, title_rule);
  if (!clean_title) return clean_title.err();
  if (tracks.empty()) return make_error(errc::bad_value, "An event needs at least one track.");
  if (tracks.size() > max_tracks) {
    return make_error(errc::bad_value,
                      "An event has at most " + std::to_string(max_tracks) + " tracks.");
  }
  auto checked_groups = check_groups(groups);
  if (!checked_groups) return checked_groups.err();
  event_info info{id,
                  std::move(code),
                  std::move(clean_title.value()),
                  now,
                  {},
                  std::move(checked_groups.value()),
                  std::string(language)};
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
  if (m.member_role == role::participant && !m.erased) ++participants_;
  if (!m.revoked && !m.erased) member_by_token_.emplace(m.token_hash, m.id);
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
  return m->member_role == role::facilitator || (m->member_role == role::lead && m->track == track);
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

result<const member*> event_state::facilitator(id_type actor, const char* what) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error(errc::forbidden, std::string("Only a facilitator ") + what + ".");
  }
  return who;
}

}  // namespace rt::domain
