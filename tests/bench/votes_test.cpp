// Tests of the vote-storm accounting: planned ballots, the ballots implied by acks, reading
// `results` lines, comparing ballots and totals, and reading a round from a database with the
// real schema.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "schema_db.hpp"
#include "votes.hpp"

using namespace rt::bench;

TEST_CASE("a planned ballot spends exactly the budget, one dot per command") {
  std::mt19937_64 rng(42);
  const std::vector<std::int64_t> items{11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
  bool saw_mix = false;
  for (int round = 0; round < 2000; ++round) {
    const auto cmds = plan_ballot(rng, items, 5, 3);
    REQUIRE(cmds.size() == 5);
    vote_book book(1);
    std::map<std::int64_t, int> last;
    int spent = 0;
    for (const auto& c : cmds) {
      CHECK(std::find(items.begin(), items.end(), c.item) != items.end());
      CHECK(c.votes >= 1);
      CHECK(c.votes <= 3);
      // Each command raises its item by one: the running spend never exceeds the budget.
      CHECK(c.votes == last[c.item] + 1);
      last[c.item] = c.votes;
      spent += 1;
      CHECK(spent <= 5);
      book.record_ack(0, c);
    }
    CHECK(book.dots() == 5);
    if (book.of(0).size() < 5) saw_mix = true;
  }
  CHECK(saw_mix);
}

TEST_CASE("few items: the budget is still spent, at most 3 per item") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    const auto cmds = plan_ballot(rng, {1, 2}, 5, 3);
    vote_book book(1);
    for (const auto& c : cmds) book.record_ack(0, c);
    CHECK(book.dots() == 5);
    for (const auto& [item, v] : book.of(0)) CHECK(v <= 3);
  }
}

TEST_CASE("acked votes set absolute values; 0 removes; the sum counts each final ballot") {
  vote_book book(2);
  book.record_ack(0, {17, 1});
  book.record_ack(0, {17, 2});
  book.record_ack(0, {18, 1});
  book.record_ack(1, {17, 3});
  book.record_ack(1, {19, 1});
  book.record_ack(1, {19, 0});  // taken off
  CHECK(book.of(0) == ballot{{17, 2}, {18, 1}});
  CHECK(book.of(1) == ballot{{17, 3}});
  CHECK(book.sum() == totals{{17, 5}, {18, 1}});
  CHECK(book.dots() == 6);
  book.record_ack(5, {1, 1});  // unknown participant: ignored
  CHECK(book.dots() == 6);
}

TEST_CASE("results lines are recognised cheaply and parsed for their round") {
  const std::string line =
      R"({"items":[{"byGroup":{"other":{"voters":2,"votes":3}},"consensus":0.5,"item":17,"rank":1,)"
      R"("voters":2,"votes":3},{"byGroup":{},"consensus":0.1,"item":18,"rank":2,"voters":0,"votes":0}],)"
      R"("round":1,"type":"results"})";
  CHECK(is_results_line(line));
  CHECK_FALSE(is_results_line(R"({"connected":3,"type":"presence"})"));
  const auto t = parse_results(line, 1);
  REQUIRE(t);
  CHECK(*t == totals{{17, 3}});  // 0 votes left out, as the database has no row for them
  CHECK_FALSE(parse_results(line, 2));
  CHECK_FALSE(
      parse_results(R"({"items":[{"item":1}],"round":1,"type":"results"})", 1));  // malformed
}

TEST_CASE("ballot comparison finds missing, wrong and extra rows") {
  const std::map<std::int64_t, ballot> expected{{5, {{17, 2}, {18, 1}}}, {6, {{17, 1}}}};
  CHECK(compare_ballots(expected, expected).equal());
  CHECK(compare_ballots(expected, expected).expected_votes == 3);
  const std::map<std::int64_t, ballot> actual{{5, {{17, 1}, {19, 1}}}, {7, {{17, 1}}}};
  const auto d = compare_ballots(expected, actual);
  CHECK(d.missing == 2);  // member 5 item 18, member 6 item 17
  CHECK(d.wrong == 1);    // member 5 item 17
  CHECK(d.extra == 2);    // member 5 item 19, member 7 item 17
  CHECK_FALSE(d.equal());
  CHECK(d.examples.size() == 5);
}

TEST_CASE("totals difference names the items that differ") {
  CHECK(totals_difference({{1, 3}, {2, 4}}, {{1, 3}, {2, 4}}).empty());
  CHECK(totals_difference({{1, 3}, {2, 4}}, {{1, 2}, {3, 1}}) ==
        "item 1: 3 vs 2; item 2: 4 vs 0; item 3: 0 vs 1");
}

namespace {

// Votes of two rounds and two events: only round 1 of event 1 counts.
const char* const vote_rows =
    "INSERT INTO votes VALUES (1, 1, 5, 17, 2);"
    "INSERT INTO votes VALUES (1, 1, 5, 18, 1);"
    "INSERT INTO votes VALUES (1, 1, 6, 17, 3);"
    "INSERT INTO votes VALUES (1, 2, 6, 17, 1);"   // another round
    "INSERT INTO votes VALUES (2, 1, 9, 17, 1);";  // another event

}  // namespace

TEST_CASE("a round is read from the database: ballots and sums of that round only") {
  temp_schema_db t(vote_rows);
  const auto r = read_round(t.path, 1, 1);
  REQUIRE(r.ok);
  CHECK(r.ballots == std::map<std::int64_t, ballot>{{5, {{17, 2}, {18, 1}}}, {6, {{17, 3}}}});
  CHECK(r.sums == totals{{17, 5}, {18, 1}});
  vote_book book(2);
  book.record_ack(0, {17, 2});
  book.record_ack(0, {18, 1});
  book.record_ack(1, {17, 3});
  CHECK(book.sum() == r.sums);
  CHECK(compare_ballots({{5, book.of(0)}, {6, book.of(1)}}, r.ballots).equal());
}

TEST_CASE("a missing database is a failed vote check") {
  const auto r = read_round("/nonexistent/dir/rt.db", 1, 1);
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.error.empty());
}
