// ideas.cpp: the rules of the idea board (event_state): posting, editing, deleting and
// hiding ideas, supporting them ("This is mine too"), and moderating them (pinning, merging,
// splitting, clusters, dismissing pairs that are not duplicates).
#include <algorithm>
#include <cassert>
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

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
  if (it == ideas_.end())
    return make_error(errc::not_found, "There is no such idea in this event.");
  const bool moderator = moderates(actor, it->second.track);
  if (it->second.author != actor && !moderator) {
    return make_error(errc::not_author, "This idea is someone else's.");
  }
  if (!moderator && !may_change_own_ideas(it->second.track)) {
    return make_error(errc::wrong_phase,
                      "Ideas are edited during the ideation and clustering phases.");
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
  if (it == ideas_.end())
    return make_error(errc::not_found, "There is no such idea in this event.");
  if (it->second.author != actor)
    return make_error(errc::not_author, "This idea is someone else's.");
  if (!may_change_own_ideas(it->second.track)) {
    return make_error(errc::wrong_phase,
                      "Ideas are deleted during the ideation and clustering phases.");
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
  forget_dismissed(idea_id);  // its supports went with it
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
  if (it == ideas_.end())
    return make_error(errc::not_found, "There is no such idea in this event.");
  if (m.member_role == role::lead && m.track != it->second.track) {
    return make_error(errc::forbidden, "A track lead moderates only their own track.");
  }
  if (it->second.hidden == hidden) {
    return make_error(errc::bad_value,
                      hidden ? "The idea is already hidden." : "The idea is not hidden.");
  }
  it->second.hidden = hidden;
  if (hidden) return next_change(actor, now, idea_hidden{it->second});
  return next_change(actor, now, idea_unhidden{it->second});
}

result<idea*> event_state::moderated_idea(id_type actor, id_type idea_id) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (!is_staff(who.value()->member_role)) {
    return make_error(errc::forbidden, "Only facilitators and track leads moderate ideas.");
  }
  const auto it = ideas_.find(idea_id);
  if (it == ideas_.end())
    return make_error(errc::not_found, "There is no such idea in this event.");
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "A track lead moderates only their own track.");
  }
  return &it->second;
}

result<change> event_state::set_pinned(id_type actor, id_type idea_id, bool pinned, millis now) {
  auto i = moderated_idea(actor, idea_id);
  if (!i) return i.err();
  if (i.value()->pinned == pinned) {
    return make_error(errc::bad_value,
                      pinned ? "The idea is already pinned." : "The idea is not pinned.");
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
  if (merged.merged_into == into)
    return make_error(errc::bad_value, "The idea is already merged there.");
  // Merges form a tree: walking up from the target must not come back to the merged idea.
  for (std::optional<id_type> up = into; up;) {
    if (*up == idea_id) {
      return make_error(errc::bad_value,
                        "This merge would form a cycle: the target is merged into "
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

result<change> event_state::rename_cluster(id_type actor, id_type cluster_id, std::string_view name,
                                           millis now) {
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

result<change> event_state::set_support(id_type actor, id_type idea_id, bool support, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role == role::viewer) {
    return make_error(errc::forbidden, "A viewer cannot support ideas.");
  }
  const auto it = ideas_.find(idea_id);
  // A hidden idea is not there for those who do not see it (its author sees it: bad_value).
  if (it == ideas_.end() ||
      (it->second.hidden && it->second.author != actor && !moderates(actor, it->second.track))) {
    return make_error(errc::not_found, "There is no such idea in this event.");
  }
  idea& i = it->second;
  if (i.author == actor) return make_error(errc::bad_value, "This idea is yours.");
  if (!may_change_own_ideas(i.track)) {
    return make_error(errc::wrong_phase,
                      "Ideas are supported during the ideation and clustering phases.");
  }
  const auto at = std::find(i.supporters.begin(), i.supporters.end(), actor);
  if (support) {
    if (at != i.supporters.end()) {
      return make_error(errc::bad_value, "You already support this idea.");
    }
    i.supporters.push_back(actor);
    return next_change(actor, now, idea_supported{i, actor});
  }
  if (at == i.supporters.end()) return make_error(errc::bad_value, "You do not support this idea.");
  i.supporters.erase(at);
  return next_change(actor, now, idea_support_withdrawn{i, actor});
}

result<change> event_state::set_duplicate_dismissed(id_type actor, id_type a, id_type b,
                                                    bool dismissed, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (!is_staff(who.value()->member_role)) {
    return make_error(errc::forbidden, "Only facilitators and track leads dismiss duplicates.");
  }
  const idea* first = find_idea(a);
  const idea* second = find_idea(b);
  if (first == nullptr || second == nullptr) {
    return make_error(errc::not_found, "There is no such idea in this event.");
  }
  if (a == b) return make_error(errc::bad_value, "An idea is not a duplicate of itself.");
  if (first->track != second->track) {
    return make_error(errc::bad_value, "Only ideas of the same track are duplicates.");
  }
  if (!moderates(actor, first->track)) {
    return make_error(errc::forbidden, "A track lead moderates only their own track.");
  }
  const std::pair<id_type, id_type> pair{std::min(a, b), std::max(a, b)};
  if (dismissed) {
    if (!dismissed_.insert(pair).second) {
      return make_error(errc::bad_value, "These ideas are already marked as not duplicates.");
    }
    return next_change(actor, now,
                       domain::duplicate_dismissed{pair.first, pair.second, first->track});
  }
  if (dismissed_.erase(pair) == 0) {
    return make_error(errc::bad_value, "These ideas are not marked as not duplicates.");
  }
  return next_change(actor, now, duplicate_restored{pair.first, pair.second, first->track});
}

bool event_state::duplicate_dismissed(id_type a, id_type b) const {
  return dismissed_.contains({std::min(a, b), std::max(a, b)});
}

void event_state::restore_dismissed(id_type a, id_type b) {
  dismissed_.emplace(std::min(a, b), std::max(a, b));
}

void event_state::forget_dismissed(id_type idea_id) {
  std::erase_if(dismissed_,
                [&](const auto& p) { return p.first == idea_id || p.second == idea_id; });
}

}  // namespace rt::domain
