// voting.hpp: the commands of dot voting: opening, closing, revealing and reopening a round,
// and a participant's vote.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct open_round_cmd {
  static constexpr std::string_view name = "open_round";
  std::string title;
  std::optional<id_type> track;
  domain::round_rules rules;
  bool live_results = false;
  bool random_order = true;
  domain::item_kind kind = domain::item_kind::idea;
  std::optional<domain::eligibility> eligible;  // absent: the round's default
  static domain::result<open_round_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {round}
};
struct close_round_cmd {
  static constexpr std::string_view name = "close_round";
  id_type round = 0;
  static domain::result<close_round_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct reveal_round_cmd {
  static constexpr std::string_view name = "reveal_round";
  id_type round = 0;
  static domain::result<reveal_round_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct reopen_round_cmd {
  static constexpr std::string_view name = "reopen_round";
  id_type round = 0;
  static domain::result<reopen_round_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct vote_cmd {
  static constexpr std::string_view name = "vote";
  id_type round = 0;
  id_type item = 0;
  int votes = 0;
  static domain::result<vote_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {spent, budget}
};

}  // namespace rt::protocol
