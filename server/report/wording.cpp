// wording.cpp: the sentences of wording.hpp.
#include "wording.hpp"

#include <cmath>

namespace rt::report {

std::string proposal_heading(const proposal& p, escape_fn esc) {
  return "Proposal " + std::to_string(p.number) + ": " + esc(p.title);
}

std::string count_of(int n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string ordinal(int n) {
  const int last_two = ((n % 100) + 100) % 100;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    switch (last_two % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return std::to_string(n) + suffix;
}

std::string score(double x) {
  if (!(x >= 0)) x = 0;  // NaN too
  if (x > 1) x = 1;
  const long hundredths = std::lround(x * 100);
  const std::string frac = std::to_string(hundredths % 100);
  return std::to_string(hundredths / 100) + "." + (frac.size() == 1 ? "0" + frac : frac);
}

std::string vote_sentence(const vote_result& v) {
  std::string s =
      count_of(v.votes, "vote", "votes") + " from " + count_of(v.voters, "person", "people");
  if (v.rank > 0) s += " (ranked " + ordinal(v.rank) + ")";
  if (!v.groups.empty()) {
    int supporting = 0;
    for (const auto& g : v.groups) supporting += g.voters > 0;
    s += "; support across " + std::to_string(supporting) + " of " +
         count_of(static_cast<int>(v.groups.size()), "stakeholder group", "stakeholder groups");
  }
  s += "; consensus " + score(v.consensus);
  return s;
}

std::string groups_sentence(const vote_result& v, escape_fn esc) {
  std::string s;
  for (const auto& g : v.groups) {
    if (!s.empty()) s += "; ";
    s += esc(g.label) + ": ";
    s += g.voters == 0 && g.votes == 0
             ? std::string("none")
             : count_of(g.voters, "person", "people") + ", " + count_of(g.votes, "vote", "votes");
  }
  return s;
}

std::string team_sentence(const proposal& p, escape_fn esc) {
  std::vector<std::string> names;
  for (const auto& m : p.team) {
    names.push_back(esc(m.name) + (m.organisation.empty() ? "" : " (" + esc(m.organisation) + ")"));
  }
  if (p.other_members > 0) {
    if (names.empty()) return count_of(p.other_members, "person", "people") + ", not named";
    names.push_back(count_of(p.other_members, "other", "others"));
  }
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += i + 1 == names.size() ? " and " : ", ";
    s += names[i];
  }
  return s;
}

std::string annex_idea_note(const annex_idea& i) {
  std::string s = count_of(i.votes, "vote", "votes");
  if (i.merged) s += "; merged into another idea";
  return s;
}

std::vector<fact_line> fact_lines(const event_facts& f, escape_fn esc) {
  std::vector<fact_line> lines;
  lines.push_back({"Event", esc(f.event_title)});
  int total = 0;
  std::string groups;
  for (const auto& g : f.participants_by_group) {
    total += g.count;
    if (!groups.empty()) groups += "; ";
    groups += esc(g.label) + ": " + std::to_string(g.count);
  }
  lines.push_back(
      {"Participants", std::to_string(total) + (groups.empty() ? "" : " (" + groups + ")")});
  lines.push_back({"Ideas posted", std::to_string(f.ideas)});
  lines.push_back({"Votes cast", count_of(f.votes_cast, "vote", "votes") + " in " +
                                     count_of(f.vote_rounds, "vote round", "vote rounds")});
  return lines;
}

}  // namespace rt::report
