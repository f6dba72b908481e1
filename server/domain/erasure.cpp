// erasure.cpp: a member's data rights (event_state): erasing a member's personal data
// (erase_member) and everything the event holds about a member (data_of, for their download).
#include <algorithm>
#include <set>
#include <utility>

#include "event_state.hpp"
#include "member_edits.hpp"

namespace rt::domain {

result<change> event_state::erase_member(id_type actor, id_type member_id,
                                         bool delete_contributions, millis now) {
  auto who = facilitator(actor, "erases people's data");
  if (!who) return who.err();
  if (member_id == actor) {
    return make_error(errc::forbidden,
                      "You cannot erase yourself; another facilitator or the admin can.");
  }
  const auto it = members_.find(member_id);
  if (it == members_.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  member& m = it->second;
  member_erased out;
  out.member = member_id;
  out.track = m.track;
  out.contributions_deleted = delete_contributions;
  if (delete_contributions) {
    std::set<id_type> gone;
    for (auto i = ideas_.begin(); i != ideas_.end();) {
      if (i->second.author != member_id) {
        ++i;
        continue;
      }
      idea x = std::move(i->second);
      x.deleted = true;
      x.text.clear();  // the text goes from the database too
      gone.insert(x.id);
      out.ideas.push_back(std::move(x));
      i = ideas_.erase(i);
    }
    for (const auto id : gone) forget_dismissed(id);  // their supports went with them
    // Ideas merged into a deleted one move up to where it was merged (or stand alone).
    for (auto& [id, i] : ideas_) {
      if (!i.merged_into || !gone.contains(*i.merged_into)) continue;
      auto up = i.merged_into;
      while (up && gone.contains(*up)) {
        const auto d = std::find_if(out.ideas.begin(), out.ideas.end(),
                                    [&](const idea& x) { return x.id == *up; });
        up = d->merged_into;
      }
      i.merged_into = up;
      out.ideas.push_back(i);
    }
    std::map<id_type, std::optional<id_type>> parent_of;
    for (auto c = comments_.begin(); c != comments_.end();) {
      if (c->second.author != member_id) {
        ++c;
        continue;
      }
      parent_of[c->first] = c->second.parent;
      out.comments.push_back(c->first);
      c = comments_.erase(c);
    }
    for (auto& [id, c] : comments_) {
      if (!c.parent || !parent_of.contains(*c.parent)) continue;
      auto up = c.parent;
      while (up && parent_of.contains(*up)) up = parent_of[*up];
      c.parent = up;
      out.replies.push_back(c);
    }
  }
  for (const auto& [round, by_member] : ballots_) {
    const auto b = by_member.find(member_id);
    if (b != by_member.end() && !b->second.empty()) out.rounds.push_back(round);
  }
  for (auto* proposals : {&proposals_, &trash_}) {
    for (auto& [id, p] : *proposals) {
      const auto t = std::find(p.team.begin(), p.team.end(), member_id);
      if (t == p.team.end()) continue;
      p.team.erase(t);
      if (proposals == &proposals_) out.proposals.push_back(p);
    }
  }
  if (m.member_role == role::participant) --participants_;
  if (!m.revoked) member_by_token_.erase(m.token_hash);
  m.name.clear();
  m.organisation.clear();
  m.email.clear();
  m.token_hash.clear();
  m.group = std::string(staff_group);
  m.table.reset();
  m.credit = false;
  m.erased = true;
  return next_change(actor, now, std::move(out));
}

member_data::edit edit_of(id_type proposal, int section, std::int64_t version,
                          const accepted_update& u) {
  std::u16string inserted;
  for (const auto& part : u.changes.to_parts()) {
    for (std::size_t l = 0; l < part.lines.size(); ++l) {
      if (l > 0) inserted += u'\n';
      inserted += part.lines[l];
    }
  }
  return {proposal, section, version, u.at, to_utf8(inserted)};
}

std::optional<member_data> event_state::data_of(id_type member_id) const {
  const member* m = find_member(member_id);
  if (m == nullptr || m->erased) return std::nullopt;
  member_data out;
  out.profile = *m;
  out.profile.token_hash.clear();  // not theirs to read: only a hash of their secret
  for (const auto& [id, i] : ideas_) {
    if (i.author == member_id) out.ideas.push_back(i);
    if (std::find(i.supporters.begin(), i.supporters.end(), member_id) != i.supporters.end()) {
      out.supported.push_back(id);
    }
  }
  for (const auto& [id, c] : comments_) {
    if (c.author == member_id) out.comments.push_back(c);
  }
  for (const auto& [round, by_member] : ballots_) {
    const auto b = by_member.find(member_id);
    if (b == by_member.end()) continue;
    for (const auto& [item, votes] : b->second) {
      if (votes > 0) out.votes.push_back({round, item, votes});
    }
  }
  for (const auto& [key, doc] : sections_) {
    std::int64_t version = doc.first_version();
    for (const auto& u : doc.updates()) {
      ++version;
      if (u.member != member_id) continue;
      out.edits.push_back(edit_of(key.first, key.second, version, u));
    }
  }
  return out;
}

}  // namespace rt::domain
