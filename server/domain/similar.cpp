// similar.cpp: the rules around similar ideas: who may ask, and which ideas may be offered
// (see event_state.hpp). The scoring is server/similar's.
#include "domain/event_state.hpp"

namespace rt::domain {

result<std::string> event_state::check_similar(id_type actor, id_type track,
                                               std::string_view text) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role == role::viewer) {
    return make_error(errc::forbidden, "A viewer does not post ideas.");
  }
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  // An empty draft is no error here: it simply has nothing like it.
  auto clean = clean_text(text, text_rule{"idea", 0, idea_rule.max, true});
  if (!clean) return make_error(errc::bad_value, clean.err().message);
  return std::move(clean.value());
}

result<bool> event_state::check_suggestions(id_type actor, id_type track) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  if (!moderates(actor, track)) {
    return make_error(errc::forbidden,
                      "Only facilitators and this track's lead see its suggestions.");
  }
  return true;
}

std::optional<id_type> event_state::offered_as(id_type idea_id) const {
  const idea* i = find_idea(idea_id);
  // Merges form a tree (a cycle is refused), so this ends; the bound is a second guard.
  for (std::size_t hops = 0; i != nullptr && hops <= ideas_.size(); ++hops) {
    if (i->hidden || i->deleted) return std::nullopt;
    if (!i->merged_into) return i->id;
    i = find_idea(*i->merged_into);
  }
  return std::nullopt;
}

std::vector<const idea*> event_state::suggestable(id_type track, bool unclustered) const {
  std::vector<const idea*> out;
  for (const auto& [id, i] : ideas_) {
    if (i.track != track || i.hidden || i.deleted || i.merged_into) continue;
    if (unclustered && i.cluster) continue;
    out.push_back(&i);
  }
  return out;
}

}  // namespace rt::domain
