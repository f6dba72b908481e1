// build.cpp: from an event's state to the report document.
#include "report/build.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/text.hpp"
#include "domain/voting.hpp"
#include "report/defaults.hpp"
#include "report/wording.hpp"

namespace rt::report {

namespace {

using domain::id_type;

std::string track_name(const domain::event_state& s, id_type id) {
  const auto* t = s.find_track(id);
  return t ? t->name : std::string();
}

std::string section_text(const domain::event_state& s, id_type proposal, int section) {
  const auto* doc = s.find_section(proposal, section);
  return doc ? domain::to_utf8(doc->text()) : std::string();
}

// The first line of a text that has words, trimmed.
std::string first_line(const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const auto line = domain::trim(std::string_view(text).substr(start, end - start));
    if (!line.empty()) return std::string(line);
    start = end + 1;
  }
  return "";
}

// Who wrote an idea, for the facilitator's list: "anonymous", "Former participant" for an
// erased member, or "Name withheld" for one who took back their consent to be named (in the
// report's language).
std::string author_label(const words& w, const domain::idea& i, const domain::member* author) {
  if (i.anonymous || author == nullptr) return w.text("author.anonymous");
  if (author->erased) return w.text("author.former_participant");
  return author->credit_withdrawn ? w.text("author.withheld") : author->name;
}

// The codes of the groups that took part in a round (anyone of them voted): the event's
// groups in their order, then any other (the staff's) in code order.
std::vector<std::string> groups_of_round(const domain::event_state& s, id_type round) {
  std::set<std::string> seen;
  for (const auto& [member, ballot] : s.ballots(round)) {
    if (ballot.empty()) continue;
    const auto* m = s.find_member(member);
    if (m != nullptr && !m->erased) seen.insert(m->group);  // an erased voter: totals only
  }
  std::vector<std::string> out;
  for (const auto& g : s.groups()) {
    if (seen.erase(g.code) > 0) out.push_back(g.code);
  }
  out.insert(out.end(), seen.begin(), seen.end());
  return out;
}

std::vector<group_vote> group_votes(const domain::event_state& s, const domain::item_result& r,
                                    const std::vector<std::string>& groups) {
  std::vector<group_vote> out;
  for (const auto& g : groups) {
    const auto v = r.voters_by_group.find(g);
    const auto n = r.votes_by_group.find(g);
    out.push_back({s.group_label(g), v == r.voters_by_group.end() ? 0 : v->second,
                   n == r.votes_by_group.end() ? 0 : n->second});
  }
  return out;
}

// Votes each idea received over the rounds over ideas (merged ideas count for the idea kept):
// every round for the facilitator's files, only revealed rounds for what the report prints,
// so that publishing it never shows the results of a round nobody has seen.
std::map<id_type, int> idea_votes(const domain::event_state& s, bool revealed_only) {
  std::map<id_type, int> out;
  for (const auto& [id, r] : s.rounds()) {
    if (r.kind != domain::item_kind::idea) continue;
    if (revealed_only && r.state != domain::round_state::revealed) continue;
    for (const auto& res : s.results(id)) out[res.item] += res.votes;
  }
  return out;
}

proposal build_proposal(const domain::event_state& s, const domain::proposal& p, int number,
                        const std::map<id_type, domain::item_result>& final_results,
                        const std::vector<std::string>& final_groups) {
  proposal out;
  out.number = number;
  out.title = p.title;
  out.track = track_name(s, p.track);
  const auto& tpl = s.template_sections();
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    std::string text = section_text(s, p.id, static_cast<int>(i));
    // A summary section becomes the line under the title rather than a section of its own.
    if (i == 0 && is_summary_heading(tpl[i].heading)) {
      out.summary = first_line(text);
      continue;
    }
    out.sections.push_back({tpl[i].heading, std::move(text)});
  }
  if (const auto r = final_results.find(p.id); r != final_results.end()) {
    out.vote = vote_result{r->second.votes, r->second.voters, r->second.rank, r->second.consensus,
                           group_votes(s, r->second, final_groups)};
  }
  for (const auto id : p.team) {
    const auto* m = s.find_member(id);
    if (m != nullptr && m->credit) {
      out.team.push_back({m->name, m->organisation});
    } else {
      ++out.other_members;
    }
  }
  for (const auto id : p.ideas) {
    if (const auto* i = s.find_idea(id); i != nullptr && !i->hidden)
      out.source_ideas.push_back(i->text);
  }
  return out;
}

}  // namespace

document build_document(const domain::event_state& s, bool with_facilitator_data) {
  const auto& plan = s.report();
  const auto& info = s.info();
  const words w(info.language);
  document d;
  d.language = w.code();
  d.title = plan.title.empty() ? info.title : plan.title;
  d.subtitle = plan.subtitle.empty() && !plan.title.empty() ? info.title : plan.subtitle;
  d.date = plan.date.empty() ? w.long_date(info.created_at) : plan.date;
  d.foreword = plan.foreword;
  d.method = plan.method;

  // How the report was made.
  d.facts.event_title = info.title;
  for (const auto& t : info.tracks) d.facts.tracks.push_back({t.name, t.description});
  std::map<std::string, int> by_group;
  for (const auto& [id, m] : s.members()) {
    if (m.member_role == domain::role::participant && !m.erased) ++by_group[m.group];
  }
  for (const auto& g : s.groups()) {
    if (by_group[g.code] > 0) d.facts.participants_by_group.push_back({g.label, by_group[g.code]});
  }
  if (plan.published && plan.credits_changed_at) {
    d.updated = w.fill("updated", {{"date", w.long_date(*plan.credits_changed_at)}});
  }
  d.facts.ideas = static_cast<int>(s.ideas().size());
  // Every ballot, as the rounds' results count them: one taken while its voter was eligible
  // stays counted when they move or are erased.
  for (const auto& [id, r] : s.rounds()) {
    for (const auto& [member, ballot] : s.ballots(id)) {
      for (const auto& [item, votes] : ballot) d.facts.votes_cast += votes;
    }
  }
  d.facts.vote_rounds = static_cast<int>(s.rounds().size());

  // The chapters, numbered continuously.
  std::map<id_type, domain::item_result> final_results;
  std::vector<std::string> final_groups;
  const auto final_round = plan.round ? s.rounds().find(*plan.round) : s.rounds().end();
  if (final_round != s.rounds().end() &&
      final_round->second.state == domain::round_state::revealed) {
    for (auto& r : s.results(*plan.round)) final_results.emplace(r.item, r);
    final_groups = groups_of_round(s, *plan.round);
  }
  int number = 0;
  for (const auto& c : plan.chapters) {
    chapter ch{c.title, c.intro, {}};
    for (const auto id : c.proposals) {
      const auto* p = s.find_proposal(id);
      if (p == nullptr) continue;
      ch.proposals.push_back(build_proposal(s, *p, ++number, final_results, final_groups));
    }
    d.chapters.push_back(std::move(ch));
  }

  // The annex: every idea posted (not the hidden ones), by track.
  const auto votes = idea_votes(s, true);
  for (const auto& t : info.tracks) {
    annex_track a{t.name, {}};
    for (const auto& [id, i] : s.ideas()) {
      if (i.track != t.id || i.hidden) continue;
      const auto v = votes.find(id);
      a.ideas.push_back({i.text, v == votes.end() ? 0 : v->second, i.merged_into.has_value()});
    }
    if (!a.ideas.empty()) d.annex.push_back(std::move(a));
  }

  if (!with_facilitator_data) return d;
  const auto all_votes = idea_votes(s, false);
  for (const auto& [id, i] : s.ideas()) {
    const auto* author = s.find_member(i.author);
    const auto v = all_votes.find(id);
    d.facilitator.ideas.push_back({id, track_name(s, i.track), i.text, author_label(w, i, author),
                                   v == all_votes.end() ? 0 : v->second, i.hidden});
  }
  for (const auto& [id, r] : s.rounds()) {
    const auto groups = groups_of_round(s, id);
    for (const auto& res : s.results(id)) {
      d.facilitator.votes.push_back(
          {id, r.title, std::string(domain::to_string(static_cast<domain::vote_method>(r.method))),
           res.item, s.item_label(r, res.item), res.votes, res.voters,
           group_votes(s, res, groups)});
    }
  }
  for (const auto& [id, m] : s.members()) {
    if (m.erased) continue;
    std::string table;
    if (m.table) {
      if (const auto t = s.tables().find(*m.table); t != s.tables().end()) table = t->second.name;
    }
    // Someone who took back their consent is listed (they took part) but not named.
    const bool named = !m.credit_withdrawn;
    d.facilitator.participants.push_back(
        {named ? m.name : w.text("author.withheld"), named ? m.organisation : std::string(),
         s.group_label(m.group), m.track ? track_name(s, *m.track) : std::string(), table,
         std::string(domain::to_string(m.member_role)), m.credit});
  }
  return d;
}

}  // namespace rt::report
