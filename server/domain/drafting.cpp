// drafting.cpp: the rules of proposals, their template, sections and comments (event_state).
#include <algorithm>
#include <set>

#include "event_state.hpp"

namespace rt::domain {

namespace {

error no_proposal() { return make_error(errc::not_found, "There is no such proposal."); }

}  // namespace

void event_state::restore(proposal p) {
  next_proposal_id_ = std::max(next_proposal_id_, p.id + 1);
  auto& into = p.deleted ? trash_ : proposals_;
  into.emplace(p.id, std::move(p));
}

void event_state::restore(comment c) {
  next_comment_id_ = std::max(next_comment_id_, c.id + 1);
  comments_.emplace(c.id, std::move(c));
}

void event_state::restore_section(id_type proposal_id, int section, section_doc doc) {
  sections_.insert_or_assign(std::pair(proposal_id, section), std::move(doc));
}

std::string event_state::item_label(const vote_round& r, id_type item) const {
  switch (r.kind) {
    case item_kind::idea:
      if (const auto* i = find_idea(item)) return i->text;
      break;
    case item_kind::cluster:
      if (const auto c = clusters_.find(item); c != clusters_.end()) return c->second.name;
      break;
    case item_kind::proposal:
      if (const auto* p = find_proposal(item)) return p->title;
      break;
  }
  return "";
}

const proposal* event_state::find_proposal(id_type id) const {
  const auto it = proposals_.find(id);
  return it == proposals_.end() ? nullptr : &it->second;
}

const section_doc* event_state::find_section(id_type proposal_id, int section) const {
  const auto it = sections_.find(std::pair(proposal_id, section));
  return it == sections_.end() ? nullptr : &it->second;
}

bool event_state::drafts(id_type actor, const proposal& p) const {
  if (moderates(actor, p.track)) return true;
  return std::binary_search(p.team.begin(), p.team.end(), actor);
}

bool event_state::may_comment(id_type actor, const proposal& p) const {
  const member* m = find_member(actor);
  if (m == nullptr || m->member_role == role::viewer) return false;
  if (drafts(actor, p) || m->track == p.track) return true;
  // From the review phase on, everyone reads and comments on every proposal.
  const int at = track_phase(p.track);
  if (at < 0) return false;
  const auto k = agenda_[static_cast<std::size_t>(at)].kind;
  return k == phase_kind::review || k == phase_kind::final_selection || k == phase_kind::closed;
}

result<change> event_state::set_template(id_type actor,
                                         const std::vector<template_section>& sections,
                                         millis now) {
  auto who = facilitator(actor, "sets the proposal template");
  if (!who) return who.err();
  if (!proposals_.empty() || next_proposal_id_ > 1) {
    return make_error(errc::bad_value, "The template is fixed once the first proposal exists.");
  }
  if (sections.empty() || sections.size() > max_template_sections) {
    return make_error(errc::bad_value, "A template has 1 to " +
                                           std::to_string(max_template_sections) + " sections.");
  }
  std::vector<template_section> clean;
  for (const auto& s : sections) {
    auto heading = clean_text(s.heading, heading_rule);
    if (!heading) return heading.err();
    auto hint = clean_text(s.hint, hint_rule);
    if (!hint) return hint.err();
    clean.push_back({std::move(heading.value()), std::move(hint.value())});
  }
  template_ = clean;
  return next_change(actor, now, template_changed{std::move(clean)});
}

result<change> event_state::create_proposal(id_type actor, const proposal_draft& draft,
                                            millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (find_track(draft.track) == nullptr) {
    return make_error(errc::bad_value,
                      "This event has no track " + std::to_string(draft.track) + ".");
  }
  if (!moderates(actor, draft.track)) {
    return make_error(errc::forbidden, "Facilitators, and leads in their track, create proposals.");
  }
  auto title = clean_text(draft.title, title_rule);
  if (!title) return title.err();
  proposal p;
  p.track = draft.track;
  p.title = std::move(title.value());
  std::set<id_type> seen;
  auto add_idea = [&](id_type id) -> std::optional<error> {
    const idea* i = find_idea(id);
    if (i == nullptr)
      return make_error(errc::bad_value, "There is no idea " + std::to_string(id) + ".");
    if (i->track != draft.track) {
      return make_error(errc::bad_value, "Idea " + std::to_string(id) + " is not of this track.");
    }
    if (seen.insert(id).second) p.ideas.push_back(id);
    return std::nullopt;
  };
  for (const id_type id : draft.ideas) {
    if (auto e = add_idea(id)) return *e;
  }
  if (draft.cluster) {
    const auto c = clusters_.find(*draft.cluster);
    if (c == clusters_.end() || c->second.track != draft.track) {
      return make_error(errc::bad_value, "That cluster is not of this track.");
    }
    p.cluster = draft.cluster;
    for (const auto& [id, i] : ideas_) {
      if (i.cluster == draft.cluster && !i.hidden) {
        if (auto e = add_idea(id)) return *e;
      }
    }
  }
  if (p.ideas.size() > max_proposal_ideas) {
    return make_error(errc::bad_value, "A proposal has at most " +
                                           std::to_string(max_proposal_ideas) + " source ideas.");
  }
  std::set<id_type> team;
  if (draft.table) {
    const auto t = tables_.find(*draft.table);
    if (t == tables_.end() || t->second.track != draft.track) {
      return make_error(errc::bad_value, "That table is not of this track.");
    }
    p.table = draft.table;
    for (const auto& [id, m] : members_) {
      if (m.table == draft.table) team.insert(id);
    }
  }
  for (const id_type id : draft.team) {
    const member* m = find_member(id);
    if (m == nullptr || m->erased || m->member_role == role::viewer) {
      return make_error(errc::bad_value, "Member " + std::to_string(id) + " cannot be on a team.");
    }
    team.insert(id);
  }
  p.team.assign(team.begin(), team.end());
  p.id = next_proposal_id_++;
  p.created_at = now;
  p.created_by = actor;
  proposals_.emplace(p.id, p);
  return next_change(actor, now, proposal_created{std::move(p)});
}

result<change> event_state::update_proposal(id_type actor, id_type proposal_id,
                                            const std::optional<std::string>& title,
                                            const std::optional<std::vector<id_type>>& team,
                                            millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = proposals_.find(proposal_id);
  if (it == proposals_.end()) return no_proposal();
  proposal next = it->second;
  if (!title && !team) return make_error(errc::bad_value, "Say what changes: a title or a team.");
  if (title) {
    if (!drafts(actor, next))
      return make_error(errc::forbidden, "Only the proposal's team renames it.");
    if (frozen_) return make_error(errc::frozen, "Proposals are frozen.");
    auto clean = clean_text(*title, title_rule);
    if (!clean) return clean.err();
    next.title = std::move(clean.value());
  }
  if (team) {
    if (!moderates(actor, next.track)) {
      return make_error(errc::forbidden, "Facilitators, and the track's lead, change a team.");
    }
    std::set<id_type> members;
    for (const id_type id : *team) {
      const member* m = find_member(id);
      if (m == nullptr || m->erased || m->member_role == role::viewer) {
        return make_error(errc::bad_value,
                          "Member " + std::to_string(id) + " cannot be on a team.");
      }
      members.insert(id);
    }
    next.team.assign(members.begin(), members.end());
  }
  it->second = next;
  return next_change(actor, now, proposal_updated{std::move(next)});
}

result<change> event_state::delete_proposal(id_type actor, id_type proposal_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = proposals_.find(proposal_id);
  if (it == proposals_.end()) return no_proposal();
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "Facilitators, and the track's lead, delete proposals.");
  }
  for (const auto& [id, r] : rounds_) {
    if (r.kind == item_kind::proposal &&
        std::find(r.items.begin(), r.items.end(), proposal_id) != r.items.end()) {
      return make_error(errc::bad_value, "The proposal is in vote round " + std::to_string(id) +
                                             "; it stays for the record.");
    }
  }
  for (const auto& c : report_.chapters) {
    if (std::find(c.proposals.begin(), c.proposals.end(), proposal_id) != c.proposals.end()) {
      return make_error(errc::bad_value,
                        "The proposal is in the report; take it out of the report first.");
    }
  }
  proposal gone = it->second;
  gone.deleted = true;
  gone.deleted_at = now;
  proposals_.erase(it);
  trash_.insert_or_assign(gone.id, gone);
  return next_change(actor, now, proposal_deleted{std::move(gone)});
}

result<change> event_state::restore_proposal(id_type actor, id_type proposal_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = trash_.find(proposal_id);
  if (it == trash_.end())
    return make_error(errc::not_found, "There is no such proposal in the trash.");
  if (!moderates(actor, it->second.track)) {
    return make_error(errc::forbidden, "Facilitators, and the track's lead, restore proposals.");
  }
  if (report_.published) {
    return make_error(errc::bad_value,
                      "The report is published; the trash can no longer be restored from.");
  }
  proposal back = std::move(it->second);
  trash_.erase(it);
  back.deleted = false;
  back.deleted_at = 0;
  // Its team as it can be now: members removed or erased meanwhile are no longer on it.
  std::erase_if(back.team, [&](id_type id) {
    const member* m = find_member(id);
    return m == nullptr || m->erased;
  });
  proposals_.emplace(back.id, back);
  return next_change(actor, now, proposal_restored{std::move(back)});
}

result<change> event_state::freeze_proposals(id_type actor, bool frozen, millis now) {
  auto who = facilitator(actor, "freezes proposals");
  if (!who) return who.err();
  if (frozen_ == frozen) {
    return make_error(errc::bad_value,
                      frozen ? "Proposals are frozen already." : "Proposals are not frozen.");
  }
  frozen_ = frozen;
  return next_change(actor, now, proposals_frozen{frozen});
}

result<change> event_state::add_comment(id_type actor, const comment_draft& draft, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const proposal* p = find_proposal(draft.proposal);
  if (p == nullptr) return no_proposal();
  if (!may_comment(actor, *p)) {
    return make_error(errc::forbidden,
                      "Before the review phase, the proposal's team and track comment on it.");
  }
  auto text = clean_text(draft.text, comment_rule);
  if (!text) return text.err();
  comment c;
  c.proposal = p->id;
  c.author = actor;
  c.text = std::move(text.value());
  c.at = now;
  if (draft.parent) {
    const auto parent = comments_.find(*draft.parent);
    if (parent == comments_.end() || parent->second.proposal != p->id) {
      return make_error(errc::bad_value, "A reply answers a comment of the same proposal.");
    }
    if (parent->second.parent)
      return make_error(errc::bad_value, "Reply to the first comment of a thread.");
    if (draft.section) return make_error(errc::bad_value, "A reply has no passage of its own.");
    c.parent = draft.parent;
  } else if (draft.section) {
    const int n = static_cast<int>(template_.size());
    if (*draft.section < 0 || *draft.section >= n) {
      return make_error(errc::bad_value,
                        "The template has no section " + std::to_string(*draft.section) + ".");
    }
    const section_doc* doc = find_section(p->id, *draft.section);
    const std::int64_t version = doc ? doc->version() : 0;
    if (draft.version < 0 || draft.version > version) {
      return make_error(errc::bad_value,
                        "The section has no version " + std::to_string(draft.version) + ".");
    }
    std::int64_t length = 0;
    if (doc != nullptr) {
      auto at = doc->length_at(draft.version);
      if (!at) return at.err();
      length = at.value();
    }
    if (draft.from < 0 || draft.from > draft.to || draft.to > length) {
      return make_error(errc::bad_value, "The passage is not in the section's text.");
    }
    auto quote = clean_text(draft.quote, quote_rule);
    if (!quote && !draft.quote.empty()) return quote.err();
    c.section = draft.section;
    c.from = draft.from;
    c.to = draft.to;
    c.version = draft.version;
    c.quote = quote ? std::move(quote.value()) : std::string();
  }
  c.id = next_comment_id_++;
  comments_.emplace(c.id, c);
  return next_change(actor, now, comment_added{std::move(c)});
}

result<change> event_state::resolve_comment(id_type actor, id_type comment_id, bool resolved,
                                            millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const auto it = comments_.find(comment_id);
  if (it == comments_.end()) return make_error(errc::not_found, "There is no such comment.");
  const proposal* p = find_proposal(it->second.proposal);
  if (p == nullptr) return no_proposal();
  if (it->second.author != actor && !drafts(actor, *p)) {
    return make_error(errc::forbidden,
                      "The proposal's team, or the comment's author, resolves it.");
  }
  if (it->second.parent) return make_error(errc::bad_value, "Resolve the thread, not a reply.");
  if (it->second.resolved == resolved) {
    return make_error(errc::bad_value,
                      resolved ? "The comment is resolved already." : "The comment is open.");
  }
  it->second.resolved = resolved;
  return next_change(actor, now, comment_resolved{it->second});
}

result<bool> event_state::check_section(id_type actor, id_type proposal_id, int section) const {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (find_proposal(proposal_id) == nullptr) return no_proposal();
  if (section < 0 || section >= static_cast<int>(template_.size())) {
    return make_error(errc::not_found,
                      "The template has no section " + std::to_string(section) + ".");
  }
  return true;
}

result<section_push> event_state::push_section(id_type actor, id_type proposal_id, int section,
                                               std::int64_t version,
                                               std::vector<client_update> updates, millis now,
                                               const push_limits& limits,
                                               std::span<const accepted_update> older) {
  auto readable = check_section(actor, proposal_id, section);
  if (!readable) return readable.err();
  const proposal& p = *find_proposal(proposal_id);
  if (!drafts(actor, p)) {
    return make_error(errc::forbidden,
                      "Only the proposal's team, its track's lead and facilitators edit it.");
  }
  if (frozen_)
    return make_error(errc::frozen, "Proposals are frozen: they can be read and commented on.");
  auto& doc = sections_[std::pair(proposal_id, section)];
  const std::int64_t before = doc.version();
  std::vector<change_desc> others_after;
  auto added = doc.push(version, std::move(updates), actor, now, limits, &others_after, older);
  if (!added) return added.err();
  return section_push{proposal_id, section, before, std::move(added.value()),
                      std::move(others_after)};
}

}  // namespace rt::domain
