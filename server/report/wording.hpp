// wording.hpp: the report's own words, shared by every format so that they all say the same.
//
// Fixed labels come from the catalogue of the report's language (words.hpp); the sentences
// built from numbers (votes, ranks, scores, team credits) are put together here from the
// catalogue's pieces, with the numbers in the language's conventions. Functions that weave
// people's text into a sentence take the format's escape function (escape.hpp) and apply it to
// that text only; catalogue texts need no escaping (words.hpp). Pure functions.
// Thread-safety: as the `words` given (one thread at a time).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"
#include "words.hpp"

namespace rt::report {

using escape_fn = std::string (*)(std::string_view);

// "Track:" ("Thème :"): a label's text followed by the language's colon.
std::string with_colon(const words& w, std::string_view label);

// "Proposal 3: " + escaped title.
std::string proposal_heading(const words& w, const proposal& p, escape_fn esc);

// "23 votes from 11 people (ranked 2nd); support across 4 of 5 stakeholder groups;
// consensus 0.41" (the groups part only when groups are known).
std::string vote_sentence(const words& w, const vote_result& v);

// "Academia: 3 people, 7 votes; Civil society: none" ("" when no groups are known).
std::string groups_sentence(const words& w, const vote_result& v, escape_fn esc);

// "Ana Ruiz (DG CNECT), Jonas Berg and 3 others"; "4 people, not named"; "" for no team.
std::string team_sentence(const words& w, const proposal& p, escape_fn esc);

// "5 votes", "5 votes; merged into another idea".
std::string annex_idea_note(const words& w, const annex_idea& i);

// The facts of "How this report was made", one (label, sentence) per line, in order:
// event, participants (total and by group), ideas, votes. Tracks are listed by each format.
struct fact_line {
  std::string label;
  std::string text;  // escaped with the given function where it holds people's text
};
std::vector<fact_line> fact_lines(const words& w, const event_facts& f, escape_fn esc);

}  // namespace rt::report
