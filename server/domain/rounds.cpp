// rounds.cpp: the rules of vote rounds (event_state): opening, closing, revealing and
// reopening them, casting votes, and their results.
#include <algorithm>
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

namespace {

std::string not_eligible_message(const vote_round& r) {
  switch (r.eligible.who) {
    case voters::track:
      return "Only the members of the round's track vote in this round.";
    case voters::tracks:
      return "Only the members of the round's chosen tracks vote in this round.";
    case voters::everyone:
      break;
  }
  return "Only participants and track leads vote.";
}

}  // namespace

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

bool event_state::eligible(const member& m, const vote_round& r) {
  if (m.erased) return false;
  if (m.member_role != role::participant && m.member_role != role::lead) return false;
  switch (r.eligible.who) {
    case voters::everyone:
      return true;
    case voters::track:
      return !r.track || m.track == r.track;
    case voters::tracks:
      return m.track &&
             std::binary_search(r.eligible.tracks.begin(), r.eligible.tracks.end(), *m.track);
  }
  return false;
}

std::vector<id_type> event_state::voting_tracks(const vote_round& r) const {
  std::vector<id_type> out;
  for (const auto& t : info_.tracks) {
    const bool in = r.eligible.who == voters::everyone ||
                    (r.eligible.who == voters::track && (!r.track || t.id == *r.track)) ||
                    (r.eligible.who == voters::tracks &&
                     std::binary_search(r.eligible.tracks.begin(), r.eligible.tracks.end(), t.id));
    if (in) out.push_back(t.id);
  }
  return out;
}

result<eligibility> event_state::check_eligibility(std::optional<id_type> track, item_kind kind,
                                                   std::optional<eligibility> asked) const {
  if (!asked) {
    // The default: a round over one track's ideas or clusters is its members'.
    const bool own_track = track && kind != item_kind::proposal;
    return eligibility{own_track ? voters::track : voters::everyone, {}};
  }
  eligibility e = std::move(*asked);
  if (e.who != voters::tracks) {
    if (e.who == voters::track && !track) {
      return make_error(errc::bad_value,
                        "A round over every track has no track of its own whose members vote: "
                        "choose everyone or the tracks.");
    }
    return eligibility{e.who, {}};
  }
  if (e.tracks.empty()) {
    return make_error(errc::bad_value, "Choose at least one track whose members vote.");
  }
  for (const auto t : e.tracks) {
    if (find_track(t) == nullptr) {
      return make_error(errc::bad_value, "This event has no track " + std::to_string(t) + ".");
    }
  }
  std::sort(e.tracks.begin(), e.tracks.end());
  const auto twice = std::adjacent_find(e.tracks.begin(), e.tracks.end());
  if (twice != e.tracks.end()) {
    return make_error(errc::bad_value,
                      "Track " + std::to_string(*twice) + " is chosen more than once.");
  }
  return e;
}

turnout event_state::turnout_of(id_type round) const {
  turnout out;
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return out;
  const vote_round& r = it->second;
  for (const auto t : voting_tracks(r)) out.by_track[t];
  const auto& cast = ballots(round);
  for (const auto& [id, m] : members_) {
    if (!eligible(m, r)) continue;
    const auto b = cast.find(id);
    const bool voted = b != cast.end() && !b->second.empty();
    ++out.all.eligible;
    if (voted) ++out.all.voted;
    if (m.track) {
      auto& c = out.by_track[*m.track];
      ++c.eligible;
      if (voted) ++c.voted;
    }
    if (!voted) out.waiting.push_back(id);
  }
  return out;
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
  // Every ballot counts: vote() takes one only from someone eligible (eligible()), and a
  // ballot stays counted when its voter later moves to another track, so a closed round's
  // results never change with the people's tracks.
  std::map<id_type, ballot> merged;
  std::map<id_type, std::string> group_of;
  for (const auto& [member_id, b] : ballots(round)) {
    const auto* m = find_member(member_id);
    // An erased member's ballot counts in the totals only: they have no group any more.
    if (m != nullptr && !m->erased) group_of[member_id] = m->group;
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
                                       item_kind kind, std::optional<eligibility> asked) {
  auto who = facilitator(actor, "opens vote rounds");
  if (!who) return who.err();
  if (track && find_track(*track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(*track) + ".");
  }
  auto clean = clean_text(title, title_rule);
  if (!clean) return clean.err();
  auto checked = make_rules(rules.method, rules.budget, rules.max_per_item, rules.allow_own);
  if (!checked) return checked.err();
  auto who_votes = check_eligibility(track, kind, std::move(asked));
  if (!who_votes) return who_votes.err();
  vote_round r;
  r.id = next_round_id_;
  r.title = std::move(clean.value());
  r.track = track;
  r.eligible = std::move(who_votes.value());
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
    return make_error(errc::bad_value,
                      "There are no " + std::string(to_string(kind)) + " to vote on.");
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
    return make_error(errc::bad_value,
                      "The round is " + std::string(to_string(it->second.state)) + ".");
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
  if (who.value()->member_role == role::viewer)
    return make_error(errc::forbidden, "A viewer cannot vote.");
  const auto it = rounds_.find(round);
  if (it == rounds_.end()) return make_error(errc::not_found, "There is no such vote round.");
  const vote_round& r = it->second;
  if (!eligible(*who.value(), r)) return make_error(errc::not_eligible, not_eligible_message(r));
  if (r.state != round_state::open)
    return make_error(errc::round_closed, "This vote round is closed.");
  if (std::find(r.items.begin(), r.items.end(), item) == r.items.end()) {
    return make_error(errc::bad_value, "That item is not in this vote round.");
  }
  if (!r.allow_own && votes > 0 && is_own_item(actor, r.kind, item)) {
    return make_error(errc::own_idea, "In this round nobody votes for their own idea.");
  }
  const round_rules rules{static_cast<vote_method>(r.method), r.budget, r.max_per_item,
                          r.allow_own};
  auto& mine = ballots_[round][actor];
  auto next = cast_vote(rules, mine, item, votes);
  if (!next) return next.err();
  mine = std::move(next.value());
  return next_change(actor, now, vote_cast{round, actor, mine});
}

std::vector<id_type> rounds_with_changed_results(const change& c, const event_state& s) {
  std::vector<id_type> out;
  if (const auto* v = std::get_if<vote_cast>(&c.body)) out.push_back(v->round);
  // A merge or split moves votes between ideas: the rounds holding the idea change results.
  const idea* moved = nullptr;
  if (const auto* m = std::get_if<idea_merged>(&c.body)) moved = &m->i;
  if (const auto* m = std::get_if<idea_split>(&c.body)) moved = &m->i;
  if (moved != nullptr) {
    for (const auto& [id, r] : s.rounds()) {
      if (std::find(r.items.begin(), r.items.end(), moved->id) != r.items.end()) out.push_back(id);
    }
  }
  if (const auto* x = std::get_if<member_removed>(&c.body)) out = x->rounds;
  if (const auto* x = std::get_if<member_updated>(&c.body)) out = x->rounds;  // a new group
  if (const auto* x = std::get_if<member_erased>(&c.body)) out = x->rounds;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<id_type> rounds_with_changed_turnout(const change& c, const event_state& s) {
  std::vector<id_type> out;
  if (const auto* v = std::get_if<vote_cast>(&c.body)) out.push_back(v->round);
  if (const auto* o = std::get_if<round_opened>(&c.body)) out.push_back(o->r.id);
  if (const auto* o = std::get_if<round_changed>(&c.body)) out.push_back(o->r.id);
  const bool people = std::holds_alternative<member_joined>(c.body) ||
                      std::holds_alternative<member_moved>(c.body) ||
                      std::holds_alternative<member_removed>(c.body) ||
                      std::holds_alternative<member_erased>(c.body) ||
                      std::holds_alternative<roster_imported>(c.body);
  if (people) {
    for (const auto& [id, r] : s.rounds()) {
      if (r.state == round_state::open) out.push_back(id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rt::domain
