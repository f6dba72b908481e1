// wording.hpp: the report's own words, shared by every format so that they all say the same.
//
// Fixed labels, and the sentences built from numbers (votes, ranks, scores, team credits).
// Functions that weave people's text into a sentence take the format's escape function
// (escape.hpp) and apply it to that text only. English only for now. Pure functions.
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"

namespace rt::report {

using escape_fn = std::string (*)(std::string_view);

namespace label {
inline constexpr std::string_view foreword = "Foreword";
inline constexpr std::string_view method = "How this report was made";
inline constexpr std::string_view facts = "The event in numbers";
inline constexpr std::string_view contents = "Contents";
inline constexpr std::string_view annex = "Annex: every idea posted";
inline constexpr std::string_view track = "Track";
inline constexpr std::string_view final_vote = "Final vote";
inline constexpr std::string_view by_group = "By stakeholder group";
inline constexpr std::string_view team = "Team";
inline constexpr std::string_view source_ideas = "The ideas it grew from";
// Who wrote something when that person's data was erased (erase_member).
inline constexpr std::string_view former_participant = "Former participant";
inline constexpr std::string_view toc_placeholder =
    "Word fills in this table of contents when the document is opened (or right-click it and "
    "choose Update Field).";
}  // namespace label

// "Proposal 3: " + escaped title.
std::string proposal_heading(const proposal& p, escape_fn esc);

// "1 vote", "23 votes": `n` and the singular or plural noun.
std::string count_of(int n, std::string_view singular, std::string_view plural);

// "1st", "2nd", "3rd", "4th", "11th", "22nd", ...
std::string ordinal(int n);

// A score between 0 and 1 with two decimals: "0.41", "1.00" (no locale).
std::string score(double x);

// "23 votes from 11 people (ranked 2nd); support across 4 of 5 stakeholder groups;
// consensus 0.41" (the groups part only when groups are known).
std::string vote_sentence(const vote_result& v);

// "Academia: 3 people, 7 votes; Civil society: none" ("" when no groups are known).
std::string groups_sentence(const vote_result& v, escape_fn esc);

// "Ana Ruiz (DG CNECT), Jonas Berg and 3 others"; "4 people, not named"; "" for no team.
std::string team_sentence(const proposal& p, escape_fn esc);

// "5 votes", "5 votes; merged into another idea".
std::string annex_idea_note(const annex_idea& i);

// The facts of "How this report was made", one (label, sentence) per line, in order:
// event, participants (total and by group), ideas, votes. Tracks are listed by each format.
struct fact_line {
  std::string label;
  std::string text;  // escaped with the given function where it holds people's text
};
std::vector<fact_line> fact_lines(const event_facts& f, escape_fn esc);

// The sentence under the facts that explains the consensus score.
inline constexpr std::string_view consensus_note =
    "The consensus score of a proposal runs from 0 to 1. It is high only when every "
    "stakeholder group that voted supported the proposal: one group's enthusiasm cannot make "
    "up for another group's absence.";

}  // namespace rt::report
