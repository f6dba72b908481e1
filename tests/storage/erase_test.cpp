// Tests of an erasure in the store: the member's row keeps only its id and loads back erased;
// every change log entry and remembered answer that held their data as a value is rewritten
// (by value, whatever its kind), nothing else of the log changes; the log stays append-only
// outside an erasure; the retention setting and an event's closing time are stored.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "storage/store.hpp"
#include "temp_db.hpp"

using namespace rt;
using namespace rt::storage;

namespace {

domain::member facilitator() {
  domain::member f;
  f.id = 1;
  f.member_role = domain::role::facilitator;
  f.name = "Facilitator";
  f.token_hash = "hash-f";
  f.joined_at = 100;
  return f;
}

std::string data_of(store& s, std::int64_t seq) {
  statement q(s.db(), "SELECT data FROM changes WHERE event_id = 1 AND seq = ?1");
  q.bind(1, seq);
  REQUIRE(q.step());
  return q.column_text(0);
}

std::int64_t rows_holding(store& s, const std::string& table, const std::string& column,
                          const std::string& text) {
  statement q(s.db(), "SELECT count(*) FROM " + table + " WHERE instr(" + column + ", ?1) > 0");
  q.bind(1, text);
  q.step();
  return q.column_int(0);
}

}  // namespace

TEST_CASE("an erasure keeps the row's id, rewrites the log by value and loads back erased") {
  temp_db t;
  {
    store s(t.path);
    const auto info =
        domain::make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public", ""}}, 100).value();
    s.insert_event(info, facilitator());
    domain::event_state state(info);
    state.restore(facilitator());
    s.begin();
    s.apply(1, state.join({"Zelda Q", "Orbital", "academia", 1, true}, "hash-z", 200).value(),
            R"({"kind":"member_joined","member":{"name":"Zelda Q","organisation":"Orbital"}})");
    s.apply(1, state.join({"Bo", "Acme", "sme", 1, true}, "hash-b", 201).value(),
            R"({"kind":"member_joined","member":{"name":"Bo","organisation":"Acme"}})");
    s.apply(1, state.post_idea(2, 1, "Robots", false, 210).value(),
            R"({"idea":{"text":"Robots","author":{"name":"Zelda Q"}},"note":"Zelda Q is great"})");
    // A kind this store does not know of, naming her in a field of its own.
    s.apply(1, state.set_self_join(1, false, 211).value(),
            R"({"kind":"profile_changed","before":{"name":"Zelda Q"},"Zelda Q":1})");
    s.record_command(1, 2, "z-1", R"({"type":"ack","result":{"you":{"name":"Zelda Q"}}})", 212);
    s.record_command(1, 1, "f-1", R"({"members":[{"name":"Zelda Q"},{"name":"Bo"}]})", 213);
    s.commit();

    // Outside an erasure the log stays append-only.
    s.begin();
    CHECK_THROWS(s.db().exec("UPDATE changes SET data = '{}' WHERE event_id = 1 AND seq = 1"));
    CHECK_THROWS(s.db().exec("DELETE FROM changes WHERE event_id = 1 AND seq = 1"));
    s.rollback();

    s.begin();
    s.apply(1, state.erase_member(1, 2, false, 300).value(), R"({"kind":"member_erased"})");
    s.commit();
    CHECK(s.checkpoint_if_asked());

    CHECK(rows_holding(s, "members", "name", "Zelda") == 0);
    CHECK(rows_holding(s, "members", "organisation", "Orbital") == 0);
    CHECK(rows_holding(s, "members", "token_hash", "hash-z") == 0);
    CHECK(data_of(s, 1) == R"({"kind":"member_joined","member":{"name":"","organisation":""}})");
    CHECK(data_of(s, 2) ==
          R"({"kind":"member_joined","member":{"name":"Bo","organisation":"Acme"}})");
    // Exact values only: her own idea's text stays, and so does what someone typed about her.
    CHECK(data_of(s, 3) ==
          R"({"idea":{"author":{"name":""},"text":"Robots"},"note":"Zelda Q is great"})");
    // Keys are never touched; any kind's values are.
    CHECK(data_of(s, 4) == R"({"Zelda Q":1,"before":{"name":""},"kind":"profile_changed"})");
    CHECK(rows_holding(s, "commands", "answer", "Zelda") == 0);  // hers deleted, others' rewritten
    CHECK(rows_holding(s, "commands", "answer", "Bo") == 1);
    statement marked(s.db(), "SELECT scrubbing FROM events WHERE id = 1");
    marked.step();
    CHECK(marked.column_int(0) == 0);  // cleared again in the same transaction
    s.begin();
    CHECK_THROWS(s.db().exec("UPDATE changes SET data = '{}' WHERE event_id = 1 AND seq = 1"));
    s.rollback();
  }
  store s(t.path);
  const auto loaded = s.load_event(1);
  REQUIRE(loaded.members.size() == 3);
  const auto& z = loaded.members[1];
  CHECK(z.id == 2);
  CHECK(z.erased);
  CHECK_FALSE(z.removed);
  CHECK(z.name.empty());
  CHECK(z.token_hash.empty());
  domain::event_state again(loaded.info);
  for (const auto& m : loaded.members) again.restore(m);
  CHECK(again.find_member(2)->erased);
  CHECK(again.find_member_by_token("hash-z") == nullptr);
  CHECK(again.participant_count() == 1);
}

TEST_CASE("erasing with the contributions deletes their ideas' and comments' texts everywhere") {
  temp_db t;
  store s(t.path);
  const auto info = domain::make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}}, 100).value();
  s.insert_event(info, facilitator());
  domain::event_state state(info);
  state.restore(facilitator());
  s.begin();
  s.apply(1, state.join({"Zelda Q", "", "academia", 1, true}, "hash-z", 200).value(), "{}");
  s.apply(1, state.post_idea(2, 1, "A secret plan", false, 210).value(),
          R"({"idea":{"text":"A secret plan"}})");
  s.apply(1, state.erase_member(1, 2, true, 300).value(), "{}");
  s.commit();
  CHECK(rows_holding(s, "ideas", "text", "secret") == 0);
  CHECK(rows_holding(s, "changes", "data", "secret") == 0);
  const auto loaded = s.load_event(1);
  REQUIRE(loaded.ideas.size() == 1);
  CHECK(loaded.ideas[0].deleted);
}

TEST_CASE("the retention setting and an event's closing time are stored") {
  temp_db t;
  store s(t.path);
  CHECK_FALSE(s.setting("retention_days"));
  s.set_setting("retention_days", "30");
  CHECK(s.setting("retention_days") == "30");
  s.set_setting("retention_days", "7");
  CHECK(s.setting("retention_days") == "7");
  s.set_setting("retention_days", std::nullopt);
  CHECK_FALSE(s.setting("retention_days"));

  const auto info = domain::make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}}, 100).value();
  s.insert_event(info, facilitator());
  domain::event_state state(info);
  state.restore(facilitator());
  CHECK_FALSE(s.load_event(1).closed_at);
  s.begin();
  s.apply(1, state.admin_set_status(domain::event_status::closed, 500).value(), "{}");
  s.apply(1, state.admin_set_status(domain::event_status::archived, 600).value(), "{}");
  s.commit();
  CHECK(s.load_event(1).closed_at == 500);  // from closed on, not from archiving
  s.begin();
  s.apply(1, state.admin_set_status(domain::event_status::open, 700).value(), "{}");
  s.commit();
  CHECK_FALSE(s.load_event(1).closed_at);
}
