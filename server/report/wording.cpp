// wording.cpp: the sentences of wording.hpp.
#include "wording.hpp"

namespace rt::report {

std::string with_colon(const words& w, std::string_view label) {
  return w.fill("label.colon", {{"label", label}});
}

std::string proposal_heading(const words& w, const proposal& p, escape_fn esc) {
  return w.fill("proposal.heading", {{"number", w.number(p.number)}, {"title", esc(p.title)}});
}

std::string vote_sentence(const words& w, const vote_result& v) {
  std::string s = w.fill("vote.from", {{"votes", w.count("count.votes", v.votes)},
                                       {"voters", w.count("count.voters", v.voters)}});
  if (v.rank > 0) s = w.fill("vote.ranked", {{"sentence", s}, {"rank", w.ordinal(v.rank)}});
  const std::string& separator = w.text("list.separator");
  if (!v.groups.empty()) {
    int supporting = 0;
    for (const auto& g : v.groups) supporting += g.voters > 0;
    s += separator +
         w.fill("vote.support",
                {{"supporting", w.number(supporting)},
                 {"groups", w.count("count.groups", static_cast<long long>(v.groups.size()))}});
  }
  s += separator + w.fill("vote.consensus", {{"score", w.decimal2(v.consensus)}});
  return s;
}

std::string groups_sentence(const words& w, const vote_result& v, escape_fn esc) {
  std::string s;
  for (const auto& g : v.groups) {
    if (!s.empty()) s += w.text("list.separator");
    const std::string label = esc(g.label);
    s += g.voters == 0 && g.votes == 0
             ? w.fill("group.none", {{"group", label}})
             : w.fill("group.some", {{"group", label},
                                     {"people", w.count("count.people", g.voters)},
                                     {"votes", w.count("count.votes", g.votes)}});
  }
  return s;
}

std::string team_sentence(const words& w, const proposal& p, escape_fn esc) {
  std::vector<std::string> names;
  for (const auto& m : p.team) {
    names.push_back(m.organisation.empty()
                        ? esc(m.name)
                        : w.fill("team.member",
                                 {{"name", esc(m.name)}, {"organisation", esc(m.organisation)}}));
  }
  if (p.other_members > 0) {
    if (names.empty()) {
      return w.fill("team.not_named", {{"people", w.count("count.people", p.other_members)}});
    }
    names.push_back(w.count("count.others", p.other_members));
  }
  return w.list(names);
}

std::string annex_idea_note(const words& w, const annex_idea& i) {
  const std::string votes = w.count("count.votes", i.votes);
  return i.merged ? w.fill("annex.merged", {{"votes", votes}}) : votes;
}

std::vector<fact_line> fact_lines(const words& w, const event_facts& f, escape_fn esc) {
  std::vector<fact_line> lines;
  lines.push_back({w.text("label.event"), esc(f.event_title)});
  int total = 0;
  std::string groups;
  for (const auto& g : f.participants_by_group) {
    total += g.count;
    if (!groups.empty()) groups += w.text("list.separator");
    groups += w.fill("group.count", {{"group", esc(g.label)}, {"count", w.number(g.count)}});
  }
  lines.push_back({w.text("label.participants"),
                   groups.empty() ? w.number(total)
                                  : w.fill("facts.participants",
                                           {{"total", w.number(total)}, {"groups", groups}})});
  lines.push_back({w.text("label.ideas_posted"), w.number(f.ideas)});
  lines.push_back(
      {w.text("label.votes_cast"),
       w.fill("facts.votes_cast", {{"votes", w.count("count.votes", f.votes_cast)},
                                   {"rounds", w.count("count.rounds", f.vote_rounds)}})});
  return lines;
}

}  // namespace rt::report
