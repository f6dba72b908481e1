// Tests of the store: migrations from empty, reopening, a newer database refused, loading
// back what was written, and the append-only change log.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "storage/store.hpp"
#include "temp_db.hpp"

using namespace rt;
using namespace rt::storage;

namespace {

domain::event_info sample_event() {
  return domain::make_event(1, "K7QX2M", "AI & Work", {{"Skills", "s"}, {"Public", ""}}, 100)
      .value();
}

domain::member facilitator() {
  domain::member f;
  f.id = 1;
  f.member_role = domain::role::facilitator;
  f.name = "Facilitator";
  f.token_hash = "hash-f";
  f.joined_at = 100;
  return f;
}

std::int64_t count(store& s, const std::string& table) {
  statement q(s.db(), "SELECT count(*) FROM " + table);
  q.step();
  return q.column_int(0);
}

}  // namespace

TEST_CASE("a new database is migrated to the latest version") {
  temp_db t;
  store s(t.path);
  CHECK(s.schema_version() == store::latest_version());
  CHECK(store::latest_version() >= 1);
  statement q(s.db(), "PRAGMA journal_mode");
  q.step();
  CHECK(q.column_text(0) == "wal");
  statement fk(s.db(), "PRAGMA foreign_keys");
  fk.step();
  CHECK(fk.column_int(0) == 1);
}

TEST_CASE("reopening keeps the data and does not migrate again") {
  temp_db t;
  {
    store s(t.path);
    s.insert_event(sample_event(), facilitator());
  }
  store s(t.path);
  auto events = s.load_events();
  REQUIRE(events.size() == 1);
  CHECK(events[0].info.code == "K7QX2M");
  CHECK(events[0].info.tracks.size() == 2);
  CHECK(events[0].members.size() == 1);
  CHECK(events[0].seq == 0);
}

TEST_CASE("a database newer than the binary is refused with a clear message") {
  temp_db t;
  {
    store s(t.path);
    s.db().exec("PRAGMA user_version = " + std::to_string(store::latest_version() + 1));
  }
  try {
    store s(t.path);
    FAIL("a newer database was opened");
  } catch (const storage_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("newer than this roundtable binary"));
  }
}

TEST_CASE("changes are written with their change-log row and load back") {
  temp_db t;
  store s(t.path);
  const auto info = sample_event();
  s.insert_event(info, facilitator());
  domain::event_state state(info);
  state.restore(facilitator());

  s.begin();
  auto j = state.join({"Ana", "DG", "eu_institution", 1, true}, "hash-a", 200);
  s.apply(1, j.value(), R"({"kind":"member_joined"})");
  auto p = state.post_idea(2, 1, "idea one", true, 300);
  s.apply(1, p.value(), "{}");
  auto p2 = state.post_idea(2, 2, "idea two", false, 301);
  s.apply(1, p2.value(), "{}");
  s.apply(1, state.set_hidden(1, 1, true, 400).value(), "{}");
  s.apply(1, state.edit_idea(2, 2, "idea two, better", 500).value(), "{}");
  s.apply(1, state.delete_idea(2, 2, 600).value(), "{}");
  s.record_command(1, 2, "cmd-1", R"({"type":"ack","id":"cmd-1"})", 300);
  s.commit();

  auto loaded = s.load_event(1);
  CHECK(loaded.seq == 6);
  REQUIRE(loaded.members.size() == 2);
  CHECK(loaded.members[1].name == "Ana");
  CHECK(loaded.members[1].group == "eu_institution");
  CHECK(loaded.members[1].credit);
  REQUIRE(loaded.ideas.size() == 2);
  CHECK(loaded.ideas[0].hidden);
  CHECK(loaded.ideas[0].anonymous);
  CHECK(loaded.ideas[1].deleted);
  CHECK(loaded.ideas[1].text == "idea two, better");
  CHECK(loaded.ideas[1].edited_at == 500);
  REQUIRE(loaded.commands.size() == 1);
  CHECK(loaded.commands[0].command_id == "cmd-1");
  CHECK(count(s, "changes") == 6);
}

TEST_CASE("proposals, the template, comments, section updates and round kinds load back") {
  temp_db t;
  store s(t.path);
  const auto info = sample_event();
  s.insert_event(info, facilitator());
  domain::event_state state(info);
  state.restore(facilitator());

  s.begin();
  auto loaded0 = s.load_event(1);
  CHECK(loaded0.template_sections == domain::default_template());
  s.apply(1, state.join({"Ana", "DG", "sme", 1, true}, "hash-a", 200).value(), "{}");
  s.apply(1, state.post_idea(2, 1, "idea", false, 210).value(), "{}");
  s.apply(1, state.set_template(1, {{"Summary", "One line"}, {"Plan", ""}}, 220).value(), "{}");
  domain::proposal_draft d{"Learning accounts", 1, {1}, std::nullopt, std::nullopt, {2}};
  s.apply(1, state.create_proposal(1, d, 230).value(), "{}");
  s.apply(1,
          state
              .update_proposal(1, 1, std::string("Learning Accounts"),
                               std::vector<domain::id_type>{1, 2}, 231)
              .value(),
          "{}");
  domain::proposal_draft d2{"Gone", 1, {}, std::nullopt, std::nullopt, {}};
  s.apply(1, state.create_proposal(1, d2, 232).value(), "{}");
  s.apply(1, state.delete_proposal(1, 2, 233).value(), "{}");
  domain::comment_draft c{1, 0, 0, 0, 0, "", std::nullopt, "Why?"};
  s.apply(1, state.add_comment(2, c, 240).value(), "{}");
  s.apply(1, state.resolve_comment(1, 1, true, 241).value(), "{}");
  s.apply(1, state.freeze_proposals(1, true, 242).value(), "{}");
  s.apply(
      1,
      state.open_round(1, "Final", std::nullopt, {}, false, true, 243, domain::item_kind::proposal)
          .value(),
      "{}");
  s.append_section_updates(1, {{1, 0, 1, "client-a", 2, R"([[0,"Hi"]])", 250},
                               {1, 0, 2, "client-b", 1, R"([2,[0,"!"]])", 251, true}});
  s.commit();

  auto loaded = s.load_event(1);
  CHECK(loaded.template_sections ==
        std::vector<domain::template_section>{{"Summary", "One line"}, {"Plan", ""}});
  CHECK(loaded.frozen);
  REQUIRE(loaded.proposals.size() == 2);
  CHECK(loaded.proposals[0].title == "Learning Accounts");
  CHECK(loaded.proposals[0].ideas == std::vector<domain::id_type>{1});
  CHECK(loaded.proposals[0].team == std::vector<domain::id_type>{1, 2});
  CHECK(loaded.proposals[1].deleted);
  REQUIRE(loaded.comments.size() == 1);
  CHECK(loaded.comments[0].resolved);
  CHECK(loaded.comments[0].section == 0);
  CHECK(loaded.comments[0].text == "Why?");
  REQUIRE(loaded.rounds.size() == 1);
  CHECK(loaded.rounds[0].first.kind == domain::item_kind::proposal);
  REQUIRE(loaded.section_updates.size() == 2);
  CHECK(loaded.section_updates[1].version == 2);
  CHECK(loaded.section_updates[1].client_id == "client-b");
  CHECK(loaded.section_updates[1].changes == R"([2,[0,"!"]])");
  CHECK_FALSE(loaded.section_updates[0].continues);
  CHECK(loaded.section_updates[1].continues);  // the tie rule needs it after a restart
  // A section's version is written once: a second update 2 is refused by the database.
  s.begin();
  CHECK_THROWS(s.append_section_updates(1, {{1, 0, 2, "client-c", 1, "[2]", 260}}));
  s.rollback();
}

TEST_CASE("the change log is append-only") {
  temp_db t;
  store s(t.path);
  s.insert_event(sample_event(), facilitator());
  domain::event_state state(sample_event());
  state.restore(facilitator());
  s.apply(1, state.post_idea(1, 1, "x", false, 0).value(), "{}");
  CHECK_THROWS_AS(s.db().exec("UPDATE changes SET data = 'forged'"), sqlite_error);
  CHECK_THROWS_AS(s.db().exec("DELETE FROM changes"), sqlite_error);
  CHECK(count(s, "changes") == 1);
}

TEST_CASE("an update of an idea that is not stored fails instead of passing silently") {
  temp_db t;
  store s(t.path);
  s.insert_event(sample_event(), facilitator());
  domain::event_state state(sample_event());
  state.restore(facilitator());
  auto p = state.post_idea(1, 1, "x", false, 0);  // posted in memory, never stored
  auto h = state.set_hidden(1, 1, true, 0);
  CHECK_THROWS_AS(s.apply(1, h.value(), "{}"), storage_error);
}

TEST_CASE("only the most recent command answers of each member are loaded") {
  temp_db t;
  store s(t.path);
  s.insert_event(sample_event(), facilitator());
  for (int i = 0; i < store::remembered_commands + 10; ++i) {
    s.record_command(1, 1, "c" + std::to_string(i), "a", i);
  }
  const auto loaded = s.load_event(1);
  REQUIRE(loaded.commands.size() == static_cast<std::size_t>(store::remembered_commands));
  CHECK(loaded.commands.front().command_id == "c10");
  CHECK(loaded.commands.back().command_id == "c" + std::to_string(store::remembered_commands + 9));
}

TEST_CASE("admin secrets are checked by hash") {
  temp_db t;
  store s(t.path);
  CHECK_FALSE(s.is_admin_secret("h1"));
  s.add_admin_secret("h1", 0);
  CHECK(s.is_admin_secret("h1"));
}

TEST_CASE("the agenda and its timer are stored and load back; old events get the default") {
  temp_db t;
  store s(t.path);
  s.insert_event(sample_event(), facilitator());
  auto loaded = s.load_event(1);
  CHECK(loaded.agenda.size() == domain::default_agenda().size());
  CHECK(loaded.timer == domain::timer_state{});

  domain::event_state state(sample_event());
  state.restore(facilitator());
  s.apply(1, state.set_agenda(1, {{"ideation", "Ideas", 30}, {"closed", "End", 0}}, 10).value(),
          "{}");
  s.apply(1, state.go_to_phase(1, 0, 1000).value(), "{}");
  s.apply(1, state.extend_timer(1, 5, 2000).value(), "{}");
  s.apply(1, state.pause_timer(1, 61'000).value(), "{}");
  loaded = s.load_event(1);
  REQUIRE(loaded.agenda.size() == 2);
  CHECK(loaded.agenda[0].title == "Ideas");
  CHECK(loaded.agenda[0].planned == 30 * 60'000);
  CHECK(loaded.agenda[1].kind == domain::phase_kind::closed);
  CHECK(loaded.timer == state.timer());
  CHECK(domain::remaining(loaded.agenda, loaded.timer, 999'999) == 35 * 60'000 - 60'000);

  // An event written before the agenda existed (no phase rows) runs the default agenda.
  s.db().exec("DELETE FROM phases");
  CHECK(s.load_event(1).agenda.size() == domain::default_agenda().size());
}

TEST_CASE("moderation, clusters and tables are stored and load back") {
  temp_db t;
  store s(t.path);
  s.insert_event(sample_event(), facilitator());
  domain::event_state state(sample_event());
  state.restore(facilitator());
  auto apply = [&](domain::result<domain::change> c) {
    REQUIRE(c);
    s.apply(1, c.value(), "{}");
  };
  apply(state.join({"Ana", "", "sme", 1, true}, "ha", 0));
  apply(state.post_idea(2, 1, "one", false, 0));
  apply(state.post_idea(2, 1, "two", false, 0));
  apply(state.edit_idea(1, 1, "one, tidied", 5));
  apply(state.set_pinned(1, 2, true, 0));
  apply(state.merge_idea(1, 1, 2, 0));
  apply(state.create_cluster(1, 1, "Skills", 0));
  apply(state.create_cluster(1, 1, "Gone", 0));
  apply(state.rename_cluster(1, 1, "Skills & training", 0));
  apply(state.cluster_idea(1, 2, 1, 0));
  apply(state.cluster_idea(1, 1, 2, 0));
  apply(state.delete_cluster(1, 2, 0));
  apply(state.add_table(1, 2, "Table A", 0));
  apply(state.add_table(1, 2, "Table B", 0));
  apply(state.move_member(1, 2, 2, 2, 0));
  apply(state.remove_table(1, 1, 0));

  const auto loaded = s.load_event(1);
  REQUIRE(loaded.ideas.size() == 2);
  CHECK(loaded.ideas[0].text == "one, tidied");
  CHECK(loaded.ideas[0].edited_by == 1);
  CHECK(loaded.ideas[0].merged_into == 2);
  CHECK_FALSE(loaded.ideas[0].cluster);  // its cluster was deleted
  CHECK(loaded.ideas[1].pinned);
  CHECK(loaded.ideas[1].cluster == 1);
  REQUIRE(loaded.clusters.size() == 1);
  CHECK(loaded.clusters[0].name == "Skills & training");
  CHECK(loaded.last_cluster_id == 2);
  REQUIRE(loaded.tables.size() == 1);
  CHECK(loaded.tables[0].name == "Table B");
  CHECK(loaded.last_table_id == 2);
  CHECK(loaded.members[1].track == 2);
  CHECK(loaded.members[1].table == 2);
}

TEST_CASE("joining with the code closed and a removed member are stored and load back") {
  temp_db t;
  {
    store s(t.path);
    const auto info = sample_event();
    s.insert_event(info, facilitator());
    domain::event_state state(info);
    state.restore(facilitator());

    s.begin();
    s.apply(1, state.join({"Ana", "DG", "sme", 1, true}, "hash-a", 200).value(), "{}");
    s.apply(1, state.join({"Bo", "Acme", "sme", 1, true}, "hash-b", 201).value(), "{}");
    s.apply(1, state.post_idea(2, 1, "idea", false, 210).value(), "{}");
    s.apply(1, state.open_round(1, "R", 1, {}, false, true, 220).value(), "{}");
    s.apply(1, state.vote(3, 1, 1, 2, 221).value(), "{}");
    s.apply(1, state.vote(2, 1, 1, 1, 222).value(), "{}");
    domain::proposal_draft d{"P", 1, {1}, std::nullopt, std::nullopt, {2, 3}};
    s.apply(1, state.create_proposal(1, d, 230).value(), "{}");
    s.record_command(1, 3, "bo-1", R"({"type":"ack","id":"bo-1"})", 221);
    s.apply(1, state.remove_member(1, 3, 240).value(), R"({"kind":"member_removed","member":3})");
    s.apply(1, state.set_self_join(1, false, 250).value(), "{}");
    s.commit();
  }
  store s(t.path);
  auto loaded = s.load_event(1);
  CHECK_FALSE(loaded.self_join);
  REQUIRE(loaded.members.size() == 3);
  const auto& gone = loaded.members[2];
  CHECK(gone.id == 3);
  CHECK(gone.removed);
  CHECK(gone.name.empty());
  CHECK(gone.organisation.empty());
  CHECK(gone.token_hash != "hash-b");
  CHECK_FALSE(loaded.members[1].removed);
  REQUIRE(loaded.rounds.size() == 1);
  CHECK(loaded.rounds[0].second.size() == 1);
  CHECK(loaded.rounds[0].second.contains(2));
  REQUIRE(loaded.proposals.size() == 1);
  CHECK(loaded.proposals[0].team == std::vector<domain::id_type>{2});
  CHECK(loaded.commands.empty());
  statement q(s.db(), "SELECT count(*) FROM members WHERE token_hash = 'hash-b' OR name = 'Bo'");
  q.step();
  CHECK(q.column_int(0) == 0);

  // Reopened: the event is closed to joining; a second removal of the same row is refused.
  s.begin();
  domain::change again{99, 300, 1, domain::member_removed{3, 1, {}, {}}};
  CHECK_THROWS_AS(s.apply(1, again, "{}"), storage_error);
  s.rollback();
}

TEST_CASE("who may vote in a round is stored and loads back; deleting the event clears it") {
  temp_db t;
  store s(t.path);
  const auto info = sample_event();
  s.insert_event(info, facilitator());
  domain::event_state state(info);
  state.restore(facilitator());
  s.begin();
  s.apply(1, state.join({"Ana", "DG", "sme", 1, true}, "hash-a", 200).value(), "{}");
  s.apply(1, state.post_idea(2, 1, "idea", false, 210).value(), "{}");
  const domain::round_rules dots{domain::vote_method::dots, 5, 3, true};
  using domain::eligibility;
  using domain::voters;
  for (const auto& e :
       {std::optional<eligibility>{}, std::optional{eligibility{voters::everyone, {}}},
        std::optional{eligibility{voters::tracks, {2, 1}}}}) {
    s.apply(1,
            state.open_round(1, "R", 1, dots, false, true, 220, domain::item_kind::idea, e).value(),
            "{}");
  }
  s.commit();
  auto loaded = s.load_event(1);
  REQUIRE(loaded.rounds.size() == 3);
  CHECK(loaded.rounds[0].first.eligible == eligibility{voters::track, {}});
  CHECK(loaded.rounds[1].first.eligible == eligibility{voters::everyone, {}});
  CHECK(loaded.rounds[2].first.eligible == eligibility{voters::tracks, {1, 2}});
  CHECK(count(s, "round_voter_tracks") == 2);

  s.begin();
  s.delete_event(1);
  s.commit();
  CHECK(count(s, "round_voter_tracks") == 0);
  CHECK(count(s, "vote_rounds") == 0);
}

TEST_CASE("an event's own groups, profile changes and a report's changed credits load back") {
  temp_db t;
  const std::vector<domain::stakeholder_group> groups{{"economist", "Economist"}, {"ai", "AI"}};
  {
    store s(t.path);
    const auto info =
        domain::make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}}, 100, groups).value();
    s.insert_event(info, facilitator());
    domain::event_state state(info);
    state.restore(facilitator());
    s.begin();
    s.apply(1, state.join({"Ana", "DG", "economist", 1, true}, "hash-a", 200).value(), "{}");
    const std::vector<domain::stakeholder_group> next{
        {"economist", "Economists"}, {"ai", "AI"}, {"law", "Law"}};
    s.apply(1, state.set_groups(1, next, 210).value(), "{}");
    s.apply(1, state.update_profile(2, {"Ana Ruiz", "OECD", "law", {}}, 220).value(), "{}");
    s.apply(1, state.publish_report(1, true, 230).value(), "{}");
    s.apply(1, state.update_profile(2, {{}, {}, {}, false}, 240).value(), "{}");
    s.commit();
  }
  store s(t.path);
  const auto loaded = s.load_event(1);
  REQUIRE(loaded.info.groups.size() == 3);
  CHECK(loaded.info.groups[0] == domain::stakeholder_group{"economist", "Economists"});
  CHECK(loaded.info.groups[2].code == "law");
  REQUIRE(loaded.members.size() == 2);
  const auto& ana = loaded.members[1];
  CHECK(ana.name == "Ana Ruiz");
  CHECK(ana.organisation == "OECD");
  CHECK(ana.group == "law");
  CHECK_FALSE(ana.credit);
  CHECK(ana.credit_withdrawn);  // she took her consent back: exports name her no more
  CHECK_FALSE(loaded.members[0].credit_withdrawn);
  CHECK(loaded.report.published);
  CHECK(loaded.report.credits_changed_at == 240);
}

TEST_CASE("events stored before events had their own groups load with the default nine") {
  temp_db t;
  {
    store s(t.path);
    s.insert_event(sample_event(), facilitator());
    statement del(s.db(), "DELETE FROM event_groups");
    del.run();
  }
  store s(t.path);
  CHECK(s.load_event(1).info.groups == domain::default_groups());
}

TEST_CASE("supports and dismissed duplicates are stored and load back, in order") {
  temp_db t;
  const auto info = sample_event();
  {
    store s(t.path);
    s.insert_event(info, facilitator());
    domain::event_state state(info);
    state.restore(facilitator());
    auto apply = [&](domain::result<domain::change> c) {
      REQUIRE(c);
      s.apply(1, c.value(), "{}");
    };
    s.begin();
    apply(state.join({"Ana", "", "sme", 1, true}, "ha", 0));       // 2
    apply(state.join({"Bo", "", "sme", 1, true}, "hb", 0));        // 3
    apply(state.join({"Cy", "", "sme", 2, true}, "hc", 0));        // 4
    apply(state.post_idea(2, 1, "Learning accounts", false, 10));  // 1
    apply(state.post_idea(3, 1, "Training budgets", false, 11));   // 2
    apply(state.post_idea(3, 1, "Accounts to learn", false, 12));  // 3
    apply(state.post_idea(4, 1, "Gone soon", false, 13));          // 4
    // Supports within one moment keep the order they were given in.
    apply(state.set_support(4, 1, true, 20));
    apply(state.set_support(3, 1, true, 20));
    apply(state.set_support(1, 1, true, 20));
    apply(state.set_support(4, 1, false, 21));
    apply(state.set_support(4, 1, true, 22));
    apply(state.set_support(2, 3, true, 23));
    apply(state.set_support(2, 4, true, 24));
    apply(state.set_duplicate_dismissed(1, 3, 1, true, 30));
    apply(state.set_duplicate_dismissed(1, 1, 2, true, 31));
    apply(state.set_duplicate_dismissed(1, 2, 3, true, 32));
    apply(state.set_duplicate_dismissed(1, 2, 4, true, 33));
    apply(state.set_duplicate_dismissed(1, 2, 1, false, 34));
    // Deleting an idea takes its supports and pairs with it.
    apply(state.delete_idea(4, 4, 40));
    // Erasing a member keeps their supports.
    apply(state.erase_member(1, 4, false, 50));
    s.commit();
    CHECK(count(s, "idea_supports") == 4);
    CHECK(count(s, "dismissed_duplicates") == 2);
    statement by(s.db(), "SELECT by, at FROM dismissed_duplicates WHERE idea_a = 1");
    REQUIRE(by.step());
    CHECK(by.column_int(0) == 1);
    CHECK(by.column_int(1) == 30);
  }
  store s(t.path);
  const auto loaded = s.load_event(1);
  REQUIRE(loaded.ideas.size() == 4);
  CHECK(loaded.ideas[0].supporters == std::vector<domain::id_type>{3, 1, 4});
  CHECK(loaded.ideas[1].supporters.empty());
  CHECK(loaded.ideas[2].supporters == std::vector<domain::id_type>{2});
  CHECK(loaded.ideas[3].deleted);
  CHECK(loaded.ideas[3].supporters.empty());
  using pair = std::pair<domain::id_type, domain::id_type>;
  CHECK(loaded.dismissed == std::vector<pair>{{1, 3}, {2, 3}});

  // The state rebuilt from the rows (as the server loads it) has them all.
  domain::event_state state(loaded.info);
  for (const auto& m : loaded.members) state.restore(m);
  for (const auto& i : loaded.ideas) state.restore(i);
  for (const auto& [a, b] : loaded.dismissed) state.restore_dismissed(a, b);
  CHECK(state.find_idea(1)->supporters == std::vector<domain::id_type>{3, 1, 4});
  CHECK(state.duplicate_dismissed(3, 1));
  CHECK_FALSE(state.duplicate_dismissed(1, 2));
  CHECK(state.data_of(2)->supported == std::vector<domain::id_type>{3});

  // Deleting the event clears both tables.
  s.begin();
  s.delete_event(1);
  s.commit();
  CHECK(count(s, "idea_supports") == 0);
  CHECK(count(s, "dismissed_duplicates") == 0);
}
