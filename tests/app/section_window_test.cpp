// Tests of a section's window across the database: loading streams each section and keeps
// only its window, with the same text and version as a full replay; the stored updates read
// back by range are those an untrimmed section holds.
#include "catch.hpp"

#include "../storage/temp_db.hpp"
#include "app/loading.hpp"
#include "domain/event_state.hpp"
#include "protocol/commands/sections.hpp"
#include "storage/store.hpp"

using namespace rt;

namespace {

// A database with one event, one proposal and `n` keystrokes in each of its sections 0 and 1,
// written through the domain; returns the section docs as written (untrimmed).
std::map<std::pair<domain::id_type, int>, domain::section_doc> write_event(storage::store& db,
                                                                           int n) {
  auto info = domain::make_event(1, "K7QX2M", "T", {{"A", ""}}, 0).value();
  domain::member f;
  f.id = 1;
  f.member_role = domain::role::facilitator;
  f.name = "F";
  f.token_hash = "hf";
  db.insert_event(info, f);
  domain::event_state state(info);
  state.restore(f);
  domain::proposal_draft d{"P", 1, {}, std::nullopt, std::nullopt, {}};
  auto created = state.create_proposal(1, d, 10);
  REQUIRE(created);
  db.apply(1, created.value(), "{}");
  const domain::id_type p = state.proposals().begin()->first;
  for (int section = 0; section < 2; ++section) {
    std::vector<storage::stored_update> rows;
    for (int k = 0; k < n; ++k) {
      const auto* doc = state.find_section(p, section);
      const std::int64_t v = doc ? doc->version() : 0;
      const std::int64_t len = doc ? static_cast<std::int64_t>(doc->text().size()) : 0;
      const auto pos = k % 3 == 0 ? 0 : len;
      auto c = domain::change_set::replace_range(len, pos, pos, k % 2 ? u"ab" : u"c").value();
      auto pushed = state.push_section(1, p, section, v, {{"c" + std::to_string(k % 2), c}},
                                       100 + k, domain::push_limits{});
      REQUIRE(pushed);
      for (const auto& u : pushed->updates) {
        rows.push_back({p, section, v + 1, u.client_id, u.member,
                        protocol::changes_json(u.changes).dump(), u.at, u.continues});
      }
    }
    db.append_section_updates(1, rows);
  }
  std::map<std::pair<domain::id_type, int>, domain::section_doc> out;
  for (int section = 0; section < 2; ++section) out[{p, section}] = *state.find_section(p, section);
  return out;
}

}  // namespace

TEST_CASE("loading streams each section and keeps only its window") {
  temp_db t;
  storage::store db(t.path);
  const auto written = write_event(db, 37);
  for (const std::size_t window :
       {std::size_t{1}, std::size_t{5}, std::size_t{18}, std::size_t{19}, std::size_t{100}}) {
    app::window_loader loader(window);
    auto events = db.load_events(&loader);
    REQUIRE(events.size() == 1);
    CHECK(events[0].section_updates.empty());
    REQUIRE(events[0].sections.size() == 2);
    for (const auto& s : events[0].sections) {
      const auto& full = written.at({s.proposal, s.section});
      CHECK(s.doc.text() == full.text());
      CHECK(s.doc.version() == 37);
      CHECK(s.doc.updates().size() < std::max<std::size_t>(2 * window, 38));
      CHECK(s.doc.updates().size() >= std::min<std::size_t>(window, 37));
      CHECK(s.doc.has_writer(1));
      // The window holds the same updates as the untrimmed section.
      const auto since = full.updates_since(s.doc.first_version()).value();
      REQUIRE(since.size() == s.doc.updates().size());
      for (std::size_t i = 0; i < since.size(); ++i)
        CHECK(since[i].changes == s.doc.updates()[i].changes);
      CHECK(s.doc.text_at(s.doc.first_version()).value() ==
            full.text_at(s.doc.first_version()).value());
    }
    // The state built from it has the same texts as a full replay.
    auto state = app::load_state(std::move(events[0]));
    auto replayed = app::load_state(db.load_event(1));
    for (const auto& [key, doc] : written) {
      CHECK(state.find_section(key.first, key.second)->text() == doc.text());
      CHECK(replayed.find_section(key.first, key.second)->text() == doc.text());
      CHECK(replayed.find_section(key.first, key.second)->first_version() == 0);
    }
  }
}

TEST_CASE("stored updates read back by range are those the section accepted") {
  temp_db t;
  storage::store db(t.path);
  const auto written = write_event(db, 20);
  const auto& [key, full] = *written.begin();
  auto rows = db.read_section_updates(1, key.first, key.second, 4, 11);
  REQUIRE(rows.size() == 7);
  const auto since = full.updates_since(4).value();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].version == static_cast<std::int64_t>(5 + i));
    CHECK(rows[i].proposal == key.first);
    CHECK(rows[i].section == key.second);
    auto parsed = app::parse_stored_update(rows[i]);
    CHECK(parsed.changes == since[i].changes);
    CHECK(parsed.client_id == since[i].client_id);
  }
  CHECK(db.read_section_updates(1, key.first, key.second, 20, 30).empty());
  CHECK(db.read_section_updates(1, key.first, 5, 0, 30).empty());
  CHECK(db.read_member_updates(1, 1).size() == 40);
  CHECK(db.read_member_updates(1, 2).empty());
}
