// voting.cpp: budgets, casts and results of vote rounds.
#include "voting.hpp"

#include <algorithm>
#include <cmath>

namespace rt::domain {

std::string_view to_string(vote_method m) {
  switch (m) {
    case vote_method::dots:
      return "dots";
    case vote_method::approval:
      return "approval";
    case vote_method::quadratic:
      return "quadratic";
  }
  return "unknown";
}

std::optional<vote_method> parse_vote_method(std::string_view s) {
  if (s == "dots") return vote_method::dots;
  if (s == "approval") return vote_method::approval;
  if (s == "quadratic") return vote_method::quadratic;
  return std::nullopt;
}

result<round_rules> make_rules(vote_method method, int budget, int max_per_item, bool allow_own) {
  round_rules r{method, budget, max_per_item, allow_own};
  if (method == vote_method::approval) {
    r.budget = 0;
    r.max_per_item = 1;
    return r;
  }
  if (budget < 1 || budget > 100) {
    return make_error(errc::bad_value,
                      "A budget is 1 to 100 " +
                          std::string(method == vote_method::dots ? "dots" : "credits") + ".");
  }
  if (method == vote_method::dots && (max_per_item < 1 || max_per_item > budget)) {
    return make_error(errc::bad_value,
                      "At most 1 to " + std::to_string(budget) + " dots may go on one item.");
  }
  if (method == vote_method::quadratic) r.max_per_item = static_cast<int>(std::sqrt(budget));
  return r;
}

int vote_cost(const round_rules& rules, int votes) {
  return rules.method == vote_method::quadratic ? votes * votes : votes;
}

int ballot_cost(const round_rules& rules, const ballot& b) {
  int total = 0;
  for (const auto& [item, votes] : b) total += vote_cost(rules, votes);
  return total;
}

result<ballot> cast_vote(const round_rules& rules, const ballot& current, id_type item, int votes) {
  if (votes < 0) return make_error(errc::bad_value, "Votes cannot be negative.");
  if (rules.method == vote_method::approval && votes > 1) {
    return make_error(errc::bad_value, "Approval is yes (1) or nothing (0).");
  }
  if (rules.method == vote_method::dots && votes > rules.max_per_item) {
    return make_error(errc::bad_value,
                      "At most " + std::to_string(rules.max_per_item) + " dots go on one item.");
  }
  ballot next = current;
  if (votes == 0) {
    next.erase(item);
  } else {
    next[item] = votes;
  }
  if (rules.method != vote_method::approval) {
    const int cost = ballot_cost(rules, next);
    if (cost > rules.budget) {
      const int left = rules.budget - ballot_cost(rules, current);
      return make_error(errc::over_budget, "That costs more than you have left (" +
                                               std::to_string(std::max(0, left)) + " of " +
                                               std::to_string(rules.budget) + ").");
    }
  }
  return next;
}

double consensus_score(const std::map<std::string, int>& supporters,
                       const std::map<std::string, int>& voters_in_round) {
  if (voters_in_round.empty()) return 0;
  double log_sum = 0;
  for (const auto& [group, n] : voters_in_round) {
    const auto it = supporters.find(group);
    const int s = it == supporters.end() ? 0 : it->second;
    log_sum += std::log((s + 1.0) / (n + 2.0));
  }
  return std::exp(log_sum / static_cast<double>(voters_in_round.size()));
}

std::vector<item_result> tally(const std::vector<id_type>& items,
                               const std::map<id_type, ballot>& ballots,
                               const std::map<id_type, std::string>& group_of) {
  std::map<id_type, item_result> by_item;
  for (const auto id : items) by_item[id].item = id;
  std::map<std::string, int> voters_in_round;
  for (const auto& [member, b] : ballots) {
    if (b.empty()) continue;
    // A voter without a group (an erased member) counts in the totals only.
    const auto known = group_of.find(member);
    if (known != group_of.end()) ++voters_in_round[known->second];
    for (const auto& [item, votes] : b) {
      const auto it = by_item.find(item);
      if (it == by_item.end() || votes <= 0) continue;
      it->second.votes += votes;
      it->second.voters += 1;
      if (known == group_of.end()) continue;
      it->second.voters_by_group[known->second] += 1;
      it->second.votes_by_group[known->second] += votes;
    }
  }
  std::vector<item_result> out;
  for (auto& [id, r] : by_item) {
    r.consensus = consensus_score(r.voters_by_group, voters_in_round);
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const item_result& a, const item_result& b) { return a.votes > b.votes; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].rank =
        (i > 0 && out[i].votes == out[i - 1].votes) ? out[i - 1].rank : static_cast<int>(i + 1);
  }
  return out;
}

}  // namespace rt::domain
