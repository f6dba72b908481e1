// voting.cpp: parsing and applying the voting commands.
#include "protocol/commands/voting.hpp"

namespace rt::protocol {

using json = nlohmann::json;

namespace {

domain::result<int> small_number(const fields& f, const char* field, int fallback) {
  const auto it = f.j.find(field);
  if (it == f.j.end()) return fallback;
  if (!it->is_number_integer()) return f.missing(field, "an integer");
  const auto v = it->get<std::int64_t>();
  if (v < -1000 || v > 1000) {
    return domain::make_error(domain::errc::bad_value, std::string(field) + " is out of range.");
  }
  return static_cast<int>(v);
}

// `eligible`: "track", "everyone" or a list of track ids; absent or null: the round's default.
domain::result<std::optional<domain::eligibility>> eligible_field(const fields& f) {
  const auto it = f.j.find("eligible");
  if (it == f.j.end() || it->is_null()) return std::optional<domain::eligibility>{};
  if (it->is_string()) {
    const auto who = domain::parse_voters(it->get<std::string>());
    if (!who || *who == domain::voters::tracks) {
      return domain::make_error(domain::errc::bad_value,
                                "Who may vote is \"track\", \"everyone\" or a list of track ids.");
    }
    return std::optional<domain::eligibility>{domain::eligibility{*who, {}}};
  }
  if (!it->is_array()) return f.missing("eligible", "\"track\", \"everyone\" or an array of ids");
  if (it->size() > domain::max_tracks) {
    return domain::make_error(
        domain::errc::bad_value,
        "An event has at most " + std::to_string(domain::max_tracks) + " tracks to choose.");
  }
  RT_TRY(tracks, f.ids("eligible"));
  return std::optional<domain::eligibility>{
      domain::eligibility{domain::voters::tracks, {tracks.begin(), tracks.end()}}};
}

}  // namespace

domain::result<open_round_cmd> open_round_cmd::parse(const fields& f) {
  RT_TRY(title, f.str("title"));
  RT_TRY(track, f.opt_id("track"));
  std::string method_name = "dots";
  if (f.j.contains("method")) {
    RT_TRY(m, f.str("method"));
    method_name = m;
  }
  const auto method = domain::parse_vote_method(method_name);
  if (!method) {
    return domain::make_error(domain::errc::bad_value,
                              "Unknown voting method \"" + method_name + "\".");
  }
  RT_TRY(budget, small_number(f, "budget", 5));
  RT_TRY(max_per_item, small_number(f, "maxPerItem", 3));
  RT_TRY(allow_own, f.boolean("allowOwn", true));
  RT_TRY(live, f.boolean("liveResults", false));
  RT_TRY(random_order, f.boolean("randomOrder", true));
  auto kind = domain::item_kind::idea;
  if (f.has("items")) {
    RT_TRY(items, f.str("items"));
    const auto k = domain::parse_item_kind(items);
    if (!k) {
      return domain::make_error(domain::errc::bad_value,
                                "Items are \"ideas\", \"clusters\" or \"proposals\".");
    }
    kind = *k;
  }
  RT_TRY(eligible, eligible_field(f));
  return open_round_cmd{title,
                        track,
                        domain::round_rules{*method, budget, max_per_item, allow_own},
                        live,
                        random_order,
                        kind,
                        std::move(eligible)};
}
domain::result<outcome> open_round_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.open_round(x.actor, title, track, rules, live_results, random_order, x.now,
                                kind, eligible));
  const auto id = std::get<domain::round_opened>(ch.body).r.id;
  return outcome{std::move(ch), json{{"round", id}}};
}

domain::result<close_round_cmd> close_round_cmd::parse(const fields& f) {
  RT_TRY(round, f.integer("round", 1));
  return close_round_cmd{round};
}
domain::result<outcome> close_round_cmd::apply(const context& x) const {
  return plain(x.state.close_round(x.actor, round, x.now));
}

domain::result<reveal_round_cmd> reveal_round_cmd::parse(const fields& f) {
  RT_TRY(round, f.integer("round", 1));
  return reveal_round_cmd{round};
}
domain::result<outcome> reveal_round_cmd::apply(const context& x) const {
  return plain(x.state.reveal_round(x.actor, round, x.now));
}

domain::result<reopen_round_cmd> reopen_round_cmd::parse(const fields& f) {
  RT_TRY(round, f.integer("round", 1));
  return reopen_round_cmd{round};
}
domain::result<outcome> reopen_round_cmd::apply(const context& x) const {
  return plain(x.state.reopen_round(x.actor, round, x.now));
}

domain::result<vote_cmd> vote_cmd::parse(const fields& f) {
  RT_TRY(round, f.integer("round", 1));
  RT_TRY(item, f.integer("item", 1));
  const auto it = f.j.find("votes");
  if (it == f.j.end() || !it->is_number_integer()) return f.missing("votes", "an integer");
  const auto v = it->get<std::int64_t>();
  if (v < 0 || v > 1000) {
    return domain::make_error(domain::errc::bad_value, "Votes are 0 or more, within the budget.");
  }
  return vote_cmd{round, item, static_cast<int>(v)};
}
domain::result<outcome> vote_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.vote(x.actor, round, item, votes, x.now));
  const auto& cast = std::get<domain::vote_cast>(ch.body);
  const auto& r = x.state.rounds().at(cast.round);
  const domain::round_rules rules{static_cast<domain::vote_method>(r.method), r.budget,
                                  r.max_per_item, r.allow_own};
  json result{{"spent", domain::ballot_cost(rules, cast.ballot)}, {"budget", r.budget}};
  return outcome{std::move(ch), std::move(result)};
}

}  // namespace rt::protocol
