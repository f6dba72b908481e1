// votes.hpp: the vote-storm scenario's logic without sockets: the ballots each participant
// casts, the accounting of acknowledged votes (the ballots and totals the server must hold),
// reading the facilitator's `results` messages, and the check against the database.
//
// A `vote` command SETS the sender's votes on one item (protocol.md, "Voting"), so a ballot is
// the last acknowledged value per item; a refused vote changes nothing. One participant's
// commands travel over one connection and are answered in order, so applying acks as they
// arrive gives the server's final ballot.
//
// Thread-safety: vote_book::record_ack for participant i must be called from one thread at a
// time (the participant's io thread); the reading methods only once those threads stopped.
// The free functions have no shared state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace rt::bench {

// One `vote` command: set this many votes on an item.
struct vote_command {
  std::int64_t item = 0;
  int votes = 0;
};

// The commands of one participant's full budget of dots: `budget` commands whose end state
// spends exactly `budget` dots with at most `max_per_item` on one item (budget <= items x
// max_per_item). Mixes single dots with items raised to 2 or 3 (one command per dot, each
// setting the item's new absolute value), so that spending never exceeds the budget on the way.
std::vector<vote_command> plan_ballot(std::mt19937_64& rng, const std::vector<std::int64_t>& items,
                                      int budget, int max_per_item);

using ballot = std::map<std::int64_t, int>;           // item -> votes (> 0)
using totals = std::map<std::int64_t, std::int64_t>;  // item -> sum of votes (> 0)

// The ballots implied by acknowledged votes, per participant.
class vote_book {
 public:
  explicit vote_book(std::size_t participants = 0) : ballots_(participants) {}
  void resize(std::size_t participants) { ballots_.resize(participants); }
  // An acknowledged `vote`: the participant's votes on `item` are now `votes` (0: none).
  void record_ack(std::size_t participant, const vote_command& c);
  const ballot& of(std::size_t participant) const { return ballots_.at(participant); }
  std::size_t size() const { return ballots_.size(); }
  // The sum over every participant's ballot, per item.
  totals sum() const;
  std::int64_t dots() const;  // the sum of every vote

 private:
  std::vector<ballot> ballots_;
};

// The totals of a `results` line ({"type":"results","round":R,"items":[{"item":I,"votes":V,...}]})
// for round `round`; nullopt when the line is not such a message. Items with 0 votes are left out.
std::optional<totals> parse_results(std::string_view line, std::int64_t round);
// Whether a line is a `results` message (cheap: no parsing).
bool is_results_line(std::string_view line);

// How a set of actual ballots (member -> ballot) differs from the expected ones.
struct ballot_diff {
  std::uint64_t expected_votes = 0;   // (member, item) rows expected
  std::uint64_t missing = 0;          // expected rows absent
  std::uint64_t wrong = 0;            // present with another number of votes
  std::uint64_t extra = 0;            // present but not expected
  std::vector<std::string> examples;  // up to 10, "member 5 item 17: expected 2, found 1"
  bool equal() const { return missing == 0 && wrong == 0 && extra == 0; }
};
ballot_diff compare_ballots(const std::map<std::int64_t, ballot>& expected,
                            const std::map<std::int64_t, ballot>& actual);

// "item 17: 23 vs 22; ..." (empty when equal), at most 10 differences.
std::string totals_difference(const totals& a, const totals& b);

// What the database holds for one round (schema/007_voting.sql), read-only.
struct round_in_db {
  bool ok = false;
  std::string error;
  std::map<std::int64_t, ballot> ballots;  // member -> item -> votes
  totals sums;                             // SELECT item_id, sum(votes) ... GROUP BY item_id
};
round_in_db read_round(const std::string& db_path, std::int64_t event_id, std::int64_t round_id);

}  // namespace rt::bench
