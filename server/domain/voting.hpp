// voting.hpp: the rules of a vote round: budgets, per-item caps, the methods, and results.
//
// A round puts a set of items (ideas or proposals) to a vote with one method:
//   dots       a budget of dots per person, at most `max_per_item` on one item;
//   approval   yes (1) or nothing (0) on any number of items;
//   quadratic  a budget of credits; n votes on one item cost n * n credits.
// A person's ballot maps items to their votes; a cast *sets* the votes on one item (moving a
// dot is two casts), and is refused when it would pass the budget or a cap. Closed rounds
// never change. Results count votes and voters per item, split by stakeholder group, with a
// consensus score that rewards support spread across groups (see consensus_score()).
//
// Pure: no I/O. Thread-safety: plain values.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "result.hpp"

namespace rt::domain {

enum class vote_method { dots, approval, quadratic };
std::string_view to_string(vote_method m);
std::optional<vote_method> parse_vote_method(std::string_view s);

struct round_rules {
  vote_method method = vote_method::dots;
  int budget = 5;         // dots, or quadratic credits; unused for approval
  int max_per_item = 3;   // dots only
  bool allow_own = true;  // may people vote for their own ideas
};

// Checks a round's rules. Errors: bad_value (budget 1..100, cap 1..budget).
result<round_rules> make_rules(vote_method method, int budget, int max_per_item, bool allow_own);

// What `votes` on one item cost under `rules`.
int vote_cost(const round_rules& rules, int votes);

using ballot = std::map<id_type, int>;  // item -> votes (no zero entries)

// What a whole ballot costs.
int ballot_cost(const round_rules& rules, const ballot& b);

// The ballot after setting `votes` on `item`. Errors: bad_value (negative votes, approval
// other than 0 or 1, over the per-item cap), over_budget (the ballot would cost more than
// the budget; the message says how much is left).
result<ballot> cast_vote(const round_rules& rules, const ballot& current, id_type item, int votes);

// One item's result.
struct item_result {
  id_type item = 0;
  int votes = 0;
  int voters = 0;  // people with at least one vote on it
  std::map<std::string, int> voters_by_group;
  std::map<std::string, int> votes_by_group;
  double consensus = 0;  // see consensus_score()
  int rank = 0;          // 1 = most votes; ties share a rank
};

// The consensus score of one item: over the stakeholder groups that took part in the round,
// the geometric mean of each group's smoothed share of supporters,
//     consensus = ( prod over groups g of (s_g + 1) / (n_g + 2) ) ^ (1 / G)
// where n_g is the number of people of group g who voted in the round, s_g how many of them
// voted for the item, and G the number of such groups. It lies between 0 and 1; it is high
// only when every group supports the item, and one group's enthusiasm cannot make up for
// another group's absence. The +1/+2 (Laplace smoothing) keeps a small group from deciding
// alone and keeps the score above zero.
double consensus_score(const std::map<std::string, int>& supporters,
                       const std::map<std::string, int>& voters_in_round);

// Results of every item in `items`, ranked by votes (ties share a rank; then by item id),
// from every person's ballot and their stakeholder group. A voter missing from `group_of`
// (an erased member) counts in the totals only, in no group.
std::vector<item_result> tally(const std::vector<id_type>& items,
                               const std::map<id_type, ballot>& ballots,
                               const std::map<id_type, std::string>& group_of);

}  // namespace rt::domain
