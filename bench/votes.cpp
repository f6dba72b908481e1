// votes.cpp: ballots, their accounting, `results` reading and the database check.
#include "votes.hpp"

#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

namespace rt::bench {

std::vector<vote_command> plan_ballot(std::mt19937_64& rng, const std::vector<std::int64_t>& items,
                                      int budget, int max_per_item) {
  std::vector<vote_command> out;
  if (items.empty() || budget <= 0 || max_per_item <= 0) return out;
  // Split the budget into parts of 1..max_per_item, one per distinct item.
  std::vector<int> parts;
  int left = budget;
  std::uniform_int_distribution<int> pick_part(1, max_per_item);
  while (left > 0 && parts.size() < items.size()) {
    // At least what the items after this one cannot take, so that the budget is spent.
    const auto after = static_cast<int>(items.size() - parts.size() - 1);
    const int least = std::max(1, left - after * max_per_item);
    int p = std::min(left, pick_part(rng));
    // Half of the parts are single dots, so that most ballots spread widely.
    if (p > 1 && (rng() & 1)) p = 1;
    p = std::min(std::max(p, least), std::min(left, max_per_item));
    parts.push_back(p);
    left -= p;
  }
  std::vector<std::int64_t> chosen = items;
  std::shuffle(chosen.begin(), chosen.end(), rng);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    for (int v = 1; v <= parts[i]; ++v) out.push_back(vote_command{chosen[i], v});
  }
  return out;
}

void vote_book::record_ack(std::size_t participant, const vote_command& c) {
  if (participant >= ballots_.size()) return;
  auto& b = ballots_[participant];
  if (c.votes <= 0) {
    b.erase(c.item);
  } else {
    b[c.item] = c.votes;
  }
}

totals vote_book::sum() const {
  totals t;
  for (const auto& b : ballots_) {
    for (const auto& [item, v] : b) t[item] += v;
  }
  return t;
}

std::int64_t vote_book::dots() const {
  std::int64_t n = 0;
  for (const auto& b : ballots_) {
    for (const auto& [item, v] : b) n += v;
  }
  return n;
}

bool is_results_line(std::string_view line) {
  // The server writes objects with sorted keys: "type" is the last key of `results`; a line
  // written with "type" first is accepted too.
  return line.ends_with(R"("type":"results"})") || line.starts_with(R"({"type":"results")");
}

std::optional<totals> parse_results(std::string_view line, std::int64_t round) {
  if (!is_results_line(line)) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(line);
    if (j.value("type", "") != "results" || j.value("round", std::int64_t{-1}) != round) {
      return std::nullopt;
    }
    totals t;
    for (const auto& it : j.at("items")) {
      const auto v = it.at("votes").get<std::int64_t>();
      if (v != 0) t[it.at("item").get<std::int64_t>()] += v;
    }
    return t;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

ballot_diff compare_ballots(const std::map<std::int64_t, ballot>& expected,
                            const std::map<std::int64_t, ballot>& actual) {
  ballot_diff d;
  auto example = [&](std::int64_t m, std::int64_t item, int want, int found) {
    if (d.examples.size() >= 10) return;
    d.examples.push_back("member " + std::to_string(m) + " item " + std::to_string(item) +
                         ": expected " + std::to_string(want) + ", found " + std::to_string(found));
  };
  static const ballot none;
  for (const auto& [m, b] : expected) {
    const auto it = actual.find(m);
    const ballot& got = it == actual.end() ? none : it->second;
    for (const auto& [item, v] : b) {
      if (v <= 0) continue;
      ++d.expected_votes;
      const auto g = got.find(item);
      if (g == got.end()) {
        ++d.missing;
        example(m, item, v, 0);
      } else if (g->second != v) {
        ++d.wrong;
        example(m, item, v, g->second);
      }
    }
  }
  for (const auto& [m, b] : actual) {
    const auto it = expected.find(m);
    for (const auto& [item, v] : b) {
      const bool known =
          it != expected.end() && it->second.contains(item) && it->second.at(item) > 0;
      if (!known) {
        ++d.extra;
        example(m, item, 0, v);
      }
    }
  }
  return d;
}

std::string totals_difference(const totals& a, const totals& b) {
  std::string out;
  int shown = 0;
  auto add = [&](std::int64_t item, std::int64_t x, std::int64_t y) {
    if (x == y || shown >= 10) return;
    if (!out.empty()) out += "; ";
    out += "item " + std::to_string(item) + ": " + std::to_string(x) + " vs " + std::to_string(y);
    ++shown;
  };
  for (const auto& [item, x] : a) {
    const auto it = b.find(item);
    add(item, x, it == b.end() ? 0 : it->second);
  }
  for (const auto& [item, y] : b) {
    if (!a.contains(item)) add(item, 0, y);
  }
  return out;
}

namespace {
struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
}  // namespace

round_in_db read_round(const std::string& db_path, std::int64_t event_id, std::int64_t round_id) {
  round_in_db r;
  sqlite3* raw = nullptr;
  const int rc_open = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, db_closer> db(raw);
  if (rc_open != SQLITE_OK) {
    r.error = "cannot open " + db_path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return r;
  }
  sqlite3_busy_timeout(db.get(), 5000);
  auto query = [&](const char* sql, auto&& row) {
    sqlite3_stmt* raw_stmt = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr) != SQLITE_OK) {
      r.error = std::string("cannot query votes: ") + sqlite3_errmsg(db.get());
      return false;
    }
    std::unique_ptr<sqlite3_stmt, stmt_finalizer> q(raw_stmt);
    sqlite3_bind_int64(q.get(), 1, event_id);
    sqlite3_bind_int64(q.get(), 2, round_id);
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) row(q.get());
    if (rc != SQLITE_DONE) {
      r.error = std::string("query failed: ") + sqlite3_errmsg(db.get());
      return false;
    }
    return true;
  };
  sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr);  // one consistent view
  const bool ok =
      query("SELECT member_id, item_id, votes FROM votes WHERE event_id = ?1 AND round_id = ?2",
            [&](sqlite3_stmt* s) {
              r.ballots[sqlite3_column_int64(s, 0)][sqlite3_column_int64(s, 1)] =
                  sqlite3_column_int(s, 2);
            }) &&
      query(
          "SELECT item_id, sum(votes) FROM votes WHERE event_id = ?1 AND round_id = ?2 "
          "GROUP BY item_id",
          [&](sqlite3_stmt* s) {
            r.sums[sqlite3_column_int64(s, 0)] = sqlite3_column_int64(s, 1);
          });
  sqlite3_exec(db.get(), "END", nullptr, nullptr, nullptr);
  r.ok = ok;
  return r;
}

}  // namespace rt::bench
