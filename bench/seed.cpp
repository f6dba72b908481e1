// seed.cpp: `roundtable-seed`, which writes a database of finished events the size of the
// reference day, for measuring the server's startup with a large database
// (docs/performance.md, "Startup with a large database").
//
// Each event: 7 tracks, 65 participants (joined through the domain, as the server would),
// 150 ideas, two closed dot-vote rounds (one over ideas per track, one over proposals) with
// every participant's votes, 20 proposals of 6 sections, each section written at its end by
// keystroke-sized updates (2,000 to 5,000 per proposal), then closed. Every change goes
// through event_state and is written with the server's own store, so the database is what a
// real day leaves behind.
//
//   roundtable-seed --db PATH [--events 50] [--seed 1]
#include <CLI/CLI.hpp>

#include <iostream>
#include <random>
#include <string>

#include "domain/event_state.hpp"
#include "protocol/commands/sections.hpp"
#include "storage/store.hpp"

namespace {

using namespace rt;

template <class T>
T must(domain::result<T> r, const char* what) {
  if (!r) {
    std::cerr << "roundtable-seed: " << what << ": " << r.err().message << "\n";
    std::exit(1);
  }
  return std::move(r.value());
}

struct seeder {
  storage::store& db;
  domain::event_state state;
  domain::id_type id;
  domain::millis now;
  std::mt19937& rng;

  void apply(domain::result<domain::change> r, const char* what) {
    db.apply(id, must(std::move(r), what), "{}");
    now += 1000;
  }

  void go_to(domain::phase_kind kind) {
    const auto& agenda = state.agenda();
    for (std::size_t i = 0; i < agenda.size(); ++i) {
      if (agenda[i].kind == kind)
        return apply(state.go_to_phase(1, static_cast<int>(i), now), "phase");
    }
  }

  void vote_round(std::optional<domain::id_type> track, domain::item_kind kind,
                  const std::vector<domain::id_type>& voters,
                  const std::vector<domain::id_type>& items) {
    apply(state.open_round(1, "Round", track, domain::round_rules{}, false, false, now, kind),
          "round");
    const domain::id_type round = state.rounds().rbegin()->first;
    for (const auto voter : voters) {
      for (int dot = 0; dot < 5; ++dot) {
        const auto item =
            items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
        auto r = state.vote(voter, round, item, 1, now);
        if (r) apply(std::move(r), "vote");  // a capped item is skipped, as people would
      }
    }
    apply(state.close_round(1, round, now), "close round");
  }

  // One section typed at its end, a keystroke per update, by the team's members in turns.
  void write_section(domain::id_type proposal, int section, int keystrokes,
                     const std::vector<domain::id_type>& team) {
    std::vector<storage::stored_update> rows;
    std::int64_t len = 0;      // the text's length
    std::int64_t version = 0;  // the section's version
    for (int k = 0; k < keystrokes; ++k) {
      const auto writer = team[static_cast<std::size_t>(k / 40) % team.size()];
      const char16_t c = k % 7 == 6 ? u' ' : static_cast<char16_t>(u'a' + k % 26);
      auto changes =
          must(domain::change_set::replace_range(len, len, len, std::u16string(1, c)), "change");
      const std::string client = "c" + std::to_string(writer);
      domain::push_limits limits;
      limits.window = 64;
      auto pushed = must(state.push_section(writer, proposal, section, version,
                                            {{client, changes, k % 40 != 0}}, now, limits),
                         "push");
      for (const auto& u : pushed.updates) {
        rows.push_back({proposal, section, ++version, u.client_id, u.member,
                        protocol::changes_json(u.changes).dump(), u.at, u.continues});
      }
      ++len;
      now += 250;
    }
    db.append_section_updates(id, rows);
  }
};

void seed_event(storage::store& db, domain::id_type id, std::mt19937& rng) {
  std::vector<domain::track_draft> tracks;
  for (int t = 1; t <= 7; ++t) tracks.push_back({"Track " + std::to_string(t), ""});
  const domain::millis start = 1'750'000'000'000 + id * 86'400'000;
  auto info = must(domain::make_event(id, "SEED" + std::to_string(id),
                                      "Seeded day " + std::to_string(id), tracks, start),
                   "event");
  domain::member fac;
  fac.id = 1;
  fac.member_role = domain::role::facilitator;
  fac.name = "Facilitator";
  fac.joined_at = start;
  fac.token_hash = "seed-" + std::to_string(id);
  db.begin();
  db.insert_event(info, fac);
  seeder s{db, domain::event_state(info), id, start, rng};
  s.state.restore(fac);
  std::vector<std::vector<domain::id_type>> by_track(8);
  for (int m = 0; m < 65; ++m) {
    domain::join_draft d;
    d.name = "Person " + std::to_string(m);
    d.track = 1 + m % 7;
    d.group = "large_enterprise";
    auto ch =
        must(s.state.join(d, "h" + std::to_string(id) + "-" + std::to_string(m), s.now), "join");
    by_track[static_cast<std::size_t>(d.track)].push_back(
        std::get<domain::member_joined>(ch.body).m.id);
    s.apply(std::move(ch), "join");
  }
  s.go_to(domain::phase_kind::ideation);
  std::vector<std::vector<domain::id_type>> ideas(8);
  for (int i = 0; i < 150; ++i) {
    const domain::id_type track = 1 + i % 7;
    const auto& people = by_track[static_cast<std::size_t>(track)];
    s.apply(s.state.post_idea(people[static_cast<std::size_t>(i) % people.size()], track,
                              "Idea " + std::to_string(i) + ": learning accounts for every worker",
                              false, s.now),
            "idea");
    ideas[static_cast<std::size_t>(track)].push_back(s.state.ideas().rbegin()->first);
  }
  for (domain::id_type t = 1; t <= 7; ++t) {
    s.vote_round(t, domain::item_kind::idea, by_track[static_cast<std::size_t>(t)],
                 ideas[static_cast<std::size_t>(t)]);
  }
  std::vector<domain::id_type> proposals;
  std::vector<std::vector<domain::id_type>> teams;
  for (int p = 0; p < 20; ++p) {
    const domain::id_type track = 1 + p % 7;
    const auto& people = by_track[static_cast<std::size_t>(track)];
    std::vector<domain::id_type> team(
        people.begin(), people.begin() + std::min<std::ptrdiff_t>(3, std::ssize(people)));
    domain::proposal_draft d{
        "Proposal " + std::to_string(p), track, {}, std::nullopt, std::nullopt, team};
    s.apply(s.state.create_proposal(1, d, s.now), "proposal");
    proposals.push_back(s.state.proposals().rbegin()->first);
    teams.push_back(team);
  }
  for (std::size_t p = 0; p < proposals.size(); ++p) {
    const int total = std::uniform_int_distribution<int>(2000, 5000)(rng);
    for (int section = 0; section < 6; ++section) {
      s.write_section(proposals[p], section, total / 6, teams[p]);
    }
  }
  std::vector<domain::id_type> everyone;
  for (const auto& t : by_track) everyone.insert(everyone.end(), t.begin(), t.end());
  s.vote_round(std::nullopt, domain::item_kind::proposal, everyone, proposals);
  s.apply(s.state.admin_set_status(domain::event_status::closed, s.now), "close");
  db.commit();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a database of finished reference-sized events"};
  std::string path;
  int events = 50;
  unsigned seed = 1;
  app.add_option("--db", path, "The database to write (created)")->required();
  app.add_option("--events", events, "How many events")->check(CLI::Range(1, 10'000));
  app.add_option("--seed", seed, "Random seed");
  CLI11_PARSE(app, argc, argv);
  try {
    storage::store db(path);
    std::mt19937 rng(seed);
    for (int e = 1; e <= events; ++e) {
      seed_event(db, e, rng);
      std::cerr << "event " << e << " of " << events << "\r" << std::flush;
    }
    std::cerr << "\n";
  } catch (const std::exception& e) {
    std::cerr << "roundtable-seed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
