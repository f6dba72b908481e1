// Tests of vote rounds: each method's budget rules, moving dots, and results with the
// consensus score on hand-worked examples.
#include "catch.hpp"

#include "domain/voting.hpp"

using namespace rt::domain;

TEST_CASE("rules are checked per method") {
  CHECK(make_rules(vote_method::dots, 5, 3, true));
  CHECK(make_rules(vote_method::dots, 0, 1, true).err().code == errc::bad_value);
  CHECK(make_rules(vote_method::dots, 101, 1, true).err().code == errc::bad_value);
  CHECK(make_rules(vote_method::dots, 5, 6, true).err().code == errc::bad_value);
  CHECK(make_rules(vote_method::dots, 5, 0, true).err().code == errc::bad_value);
  CHECK(make_rules(vote_method::quadratic, 16, 0, true)->max_per_item == 4);
  CHECK(make_rules(vote_method::approval, 0, 0, true));
  CHECK(parse_vote_method("quadratic") == vote_method::quadratic);
  CHECK_FALSE(parse_vote_method("borda"));
}

TEST_CASE("dots: a budget, a cap per item, and dots that move") {
  const auto rules = make_rules(vote_method::dots, 5, 3, true).value();
  ballot b;
  b = cast_vote(rules, b, 1, 3).value();
  CHECK(cast_vote(rules, b, 1, 4).err().code == errc::bad_value);  // cap
  b = cast_vote(rules, b, 2, 2).value();
  CHECK(ballot_cost(rules, b) == 5);
  auto over = cast_vote(rules, b, 3, 1);
  REQUIRE_FALSE(over);
  CHECK(over.err().code == errc::over_budget);
  CHECK(over.err().message == "That costs more than you have left (0 of 5).");
  // Moving a dot from item 1 to item 3: take it off, then put it on.
  b = cast_vote(rules, b, 1, 2).value();
  b = cast_vote(rules, b, 3, 1).value();
  CHECK(b == ballot{{1, 2}, {2, 2}, {3, 1}});
  b = cast_vote(rules, b, 2, 0).value();
  CHECK_FALSE(b.contains(2));
  CHECK(cast_vote(rules, b, 2, -1).err().code == errc::bad_value);
}

TEST_CASE("approval: yes on any number of items") {
  const auto rules = make_rules(vote_method::approval, 0, 0, true).value();
  ballot b;
  for (id_type i = 1; i <= 50; ++i) b = cast_vote(rules, b, i, 1).value();
  CHECK(b.size() == 50);
  CHECK(cast_vote(rules, b, 1, 2).err().code == errc::bad_value);
}

TEST_CASE("quadratic: n votes cost n squared credits") {
  const auto rules = make_rules(vote_method::quadratic, 10, 0, true).value();
  ballot b;
  b = cast_vote(rules, b, 1, 3).value();  // 9 credits
  CHECK(ballot_cost(rules, b) == 9);
  CHECK(cast_vote(rules, b, 2, 1).value() == ballot{{1, 3}, {2, 1}});  // 10 credits
  CHECK(cast_vote(rules, b, 1, 4).err().code == errc::over_budget);    // 16 credits
  b = cast_vote(rules, b, 1, 2).value();                               // 4
  b = cast_vote(rules, b, 2, 2).value();                               // 4 + 4
  CHECK(ballot_cost(rules, b) == 8);
}

TEST_CASE("the consensus score rewards support spread across groups") {
  const std::map<std::string, int> voters{{"sme", 2}, {"eu_institution", 2}};
  // Two supporters from one group: sqrt(3/4 * 1/4) = 0.4330
  CHECK(consensus_score({{"sme", 2}}, voters) == Approx(0.4330127));
  // Two supporters, one from each group: sqrt(2/4 * 2/4) = 0.5
  CHECK(consensus_score({{"sme", 1}, {"eu_institution", 1}}, voters) == Approx(0.5));
  // Everyone: sqrt(3/4 * 3/4) = 0.75
  CHECK(consensus_score({{"sme", 2}, {"eu_institution", 2}}, voters) == Approx(0.75));
  // Nobody: sqrt(1/4 * 1/4) = 0.25
  CHECK(consensus_score({}, voters) == Approx(0.25));
  CHECK(consensus_score({}, {}) == 0);
}

TEST_CASE("results count votes and voters per item and group, ties share a rank") {
  const std::map<id_type, std::string> group_of{
      {10, "sme"}, {11, "sme"}, {12, "eu_institution"}, {13, "eu_institution"}};
  const std::map<id_type, ballot> ballots{
      {10, {{1, 3}, {2, 2}}},
      {11, {{1, 2}, {3, 3}}},
      {12, {{2, 3}, {3, 2}}},
      {13, {{3, 1}, {4, 1}}},
  };
  const auto results = tally({1, 2, 3, 4, 5}, ballots, group_of);
  REQUIRE(results.size() == 5);
  CHECK(results[0].item == 3);  // 6 votes
  CHECK(results[0].votes == 6);
  CHECK(results[0].voters == 3);
  CHECK(results[0].rank == 1);
  CHECK(results[1].votes == 5);  // items 1 and 2: 5 each, tied at rank 2
  CHECK(results[2].votes == 5);
  CHECK(results[1].rank == 2);
  CHECK(results[2].rank == 2);
  CHECK(results[3].item == 4);
  CHECK(results[3].rank == 4);
  CHECK(results[4].item == 5);
  CHECK(results[4].votes == 0);
  CHECK(results[4].rank == 5);
  // Item 1: both SME voters, no EU voter; item 2: one of each. Same votes, more consensus.
  const auto& one = results[1].item == 1 ? results[1] : results[2];
  const auto& two = results[1].item == 2 ? results[1] : results[2];
  CHECK(one.voters_by_group.at("sme") == 2);
  CHECK(one.votes_by_group.at("sme") == 5);
  CHECK(one.consensus == Approx(0.4330127));
  CHECK(two.consensus == Approx(0.5));
  CHECK(two.consensus > one.consensus);
}
