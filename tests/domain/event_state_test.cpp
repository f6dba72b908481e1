// Tests of the event rules: joining, posting, editing, deleting, hiding, links, and that a
// refused command changes nothing.
#include "catch.hpp"

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

event_state make_state() {
  auto info = make_event(1, "K7QX2M", "AI & Work",
                         {{"Skills", "How do workers keep up?"}, {"Public sector", ""}}, 1000);
  REQUIRE(info);
  event_state s(info.value());
  member f;
  f.id = 1;
  f.member_role = role::facilitator;
  f.name = "Facilitator";
  f.token_hash = "hf";
  s.restore(f);
  return s;
}

id_type join(event_state& s, const std::string& name, id_type track = 1) {
  auto c = s.join({name, "Org", "sme", track, true}, "h-" + name, 2000);
  REQUIRE(c);
  return std::get<member_joined>(c->body).m.id;
}

id_type post(event_state& s, id_type who, const std::string& text, id_type track = 1) {
  auto c = s.post_idea(who, track, text, false, 3000);
  REQUIRE(c);
  return std::get<idea_posted>(c->body).i.id;
}

}  // namespace

TEST_CASE("make_event checks title and tracks") {
  CHECK(make_event(1, "C", "Title", {{"A", ""}}, 0));
  CHECK(make_event(1, "C", "", {{"A", ""}}, 0).err().code == errc::bad_text);
  CHECK(make_event(1, "C", "T", {}, 0).err().code == errc::bad_value);
  CHECK(make_event(1, "C", "T", {{"A", ""}, {" A ", ""}}, 0).err().code == errc::bad_value);
  std::vector<track_draft> many(21, {"x", ""});
  for (std::size_t i = 0; i < many.size(); ++i) many[i].name = "t" + std::to_string(i);
  CHECK(make_event(1, "C", "T", many, 0).err().code == errc::bad_value);
  auto e = make_event(1, "C", "T", {{"A", "a"}, {"B", "b"}}, 0);
  REQUIRE(e);
  CHECK(e->tracks[1].id == 2);
}

TEST_CASE("joining numbers members and sequences changes") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto b = join(s, "Bo", 2);
  CHECK(a == 2);
  CHECK(b == 3);
  CHECK(s.seq() == 2);
  CHECK(s.participant_count() == 2);
  CHECK(s.find_member_by_token("h-Bo")->id == b);
}

TEST_CASE("a bad join is refused and changes nothing") {
  auto s = make_state();
  CHECK(s.join({"", "", "sme", 1, false}, "h1", 0).err().code == errc::bad_text);
  CHECK(s.join({std::string(61, 'x'), "", "sme", 1, false}, "h1", 0).err().code == errc::bad_text);
  CHECK(s.join({"Ana", std::string(101, 'x'), "sme", 1, false}, "h1", 0).err().code ==
        errc::bad_text);
  CHECK(s.join({"Ana", "", "lobbyist", 1, false}, "h1", 0).err().code == errc::bad_value);
  CHECK(s.join({"Ana", "", "sme", 9, false}, "h1", 0).err().code == errc::bad_value);
  CHECK(s.seq() == 0);
  CHECK(s.members().size() == 1);
}

TEST_CASE("posting ideas") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto i = post(s, a, "  Individual AI learning account  ");
  REQUIRE(s.find_idea(i));
  CHECK(s.find_idea(i)->text == "Individual AI learning account");
  CHECK(s.find_idea(i)->author == a);

  const auto before = s.seq();
  CHECK(s.post_idea(a, 1, "", false, 0).err().code == errc::bad_text);
  CHECK(s.post_idea(a, 1, std::string(1001, 'x'), false, 0).err().code == errc::bad_text);
  CHECK(s.post_idea(a, 7, "x", false, 0).err().code == errc::bad_value);
  CHECK(s.post_idea(99, 1, "x", false, 0).err().code == errc::bad_token);
  CHECK(s.post_idea(a, 1, std::string(1000, 'x'), false, 0));
  CHECK(s.seq() == before + 1);
}

TEST_CASE("viewers cannot post") {
  auto s = make_state();
  auto v = s.add_member(1, role::viewer, std::nullopt, "Screen", "hv", 0);
  REQUIRE(v);
  const auto viewer = std::get<member_joined>(v->body).m.id;
  CHECK(s.post_idea(viewer, 1, "x", false, 0).err().code == errc::forbidden);
}

TEST_CASE("only the author edits and deletes an idea") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto b = join(s, "Bo");
  const auto i = post(s, a, "first");

  CHECK(s.edit_idea(b, i, "hijack", 0).err().code == errc::not_author);
  CHECK(s.delete_idea(b, i, 0).err().code == errc::not_author);
  CHECK(s.edit_idea(a, 42, "x", 0).err().code == errc::not_found);
  CHECK(s.edit_idea(a, i, "  ", 0).err().code == errc::bad_text);
  CHECK(s.find_idea(i)->text == "first");

  auto e = s.edit_idea(a, i, "second", 5000);
  REQUIRE(e);
  CHECK(s.find_idea(i)->text == "second");
  CHECK(s.find_idea(i)->edited_at == 5000);

  auto d = s.delete_idea(a, i, 6000);
  REQUIRE(d);
  CHECK(std::get<idea_deleted>(d->body).i.deleted);
  CHECK(s.find_idea(i) == nullptr);
  CHECK(s.delete_idea(a, i, 0).err().code == errc::not_found);
}

TEST_CASE("facilitators hide any idea, leads only in their track, participants none") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto i1 = post(s, a, "in track 1", 1);
  const auto i2 = post(s, a, "in track 2", 2);
  auto l = s.add_member(1, role::lead, 1, "Lead one", "hl", 0);
  REQUIRE(l);
  const auto lead = std::get<member_joined>(l->body).m.id;

  CHECK(s.set_hidden(a, i1, true, 0).err().code == errc::forbidden);
  CHECK(s.set_hidden(lead, i2, true, 0).err().code == errc::forbidden);
  CHECK(s.set_hidden(lead, 99, true, 0).err().code == errc::not_found);
  CHECK(s.set_hidden(lead, i1, true, 0));
  CHECK(s.find_idea(i1)->hidden);
  CHECK(s.set_hidden(lead, i1, true, 0).err().code == errc::bad_value);
  CHECK(s.set_hidden(1, i2, true, 0));
  CHECK(s.set_hidden(1, i1, false, 0));
  CHECK_FALSE(s.find_idea(i1)->hidden);
}

TEST_CASE("links are created by facilitators only") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  CHECK(s.add_member(a, role::viewer, std::nullopt, "Screen", "x1", 0).err().code ==
        errc::forbidden);
  CHECK(s.add_member(1, role::participant, std::nullopt, "P", "x2", 0).err().code ==
        errc::bad_value);
  CHECK(s.add_member(1, role::lead, std::nullopt, "L", "x3", 0).err().code == errc::bad_value);
  CHECK(s.add_member(1, role::lead, 5, "L", "x4", 0).err().code == errc::bad_value);
  CHECK(s.add_member(1, role::facilitator, std::nullopt, "", "x5", 0).err().code == errc::bad_text);
  auto f = s.add_member(1, role::facilitator, 2, "Co-facilitator", "x6", 0);
  REQUIRE(f);
  CHECK_FALSE(std::get<member_joined>(f->body).m.track.has_value());
}

TEST_CASE("restore keeps numbering after deleted ideas") {
  auto info = make_event(1, "K7QX2M", "T", {{"A", ""}}, 0).value();
  event_state s(info);
  member f;
  f.id = 1;
  f.member_role = role::facilitator;
  f.token_hash = "h";
  s.restore(f);
  idea gone;
  gone.id = 7;
  gone.track = 1;
  gone.author = 1;
  gone.deleted = true;
  s.restore(gone);
  s.restore_seq(10);
  CHECK(s.find_idea(7) == nullptr);
  auto c = s.post_idea(1, 1, "next", false, 0);
  REQUIRE(c);
  CHECK(std::get<idea_posted>(c->body).i.id == 8);
  CHECK(c->seq == 11);
}

TEST_CASE("the phase decides what participants may do; only facilitators run the agenda") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  // Before the agenda starts the board is open.
  const auto i = post(s, a, "early idea");
  CHECK(s.may_post_ideas(1));

  CHECK(s.go_to_phase(a, 1, 0).err().code == errc::forbidden);
  auto welcome = s.go_to_phase(1, 0, 1000);
  REQUIRE(welcome);
  CHECK(std::get<agenda_changed>(welcome->body).timer.current == 0);
  const auto seq = s.seq();
  CHECK(s.post_idea(a, 1, "too early", false, 0).err().code == errc::wrong_phase);
  CHECK(s.edit_idea(a, i, "x", 0).err().code == errc::wrong_phase);
  CHECK(s.delete_idea(a, i, 0).err().code == errc::wrong_phase);
  CHECK(s.seq() == seq);

  REQUIRE(s.go_to_phase(1, 1, 2000));  // ideation
  CHECK(s.post_idea(a, 1, "now", false, 0));
  REQUIRE(s.go_to_phase(1, 2, 3000));  // clustering: no new ideas, own ideas still editable
  CHECK(s.post_idea(a, 1, "late", false, 0).err().code == errc::wrong_phase);
  CHECK(s.edit_idea(a, i, "tidied", 0));
  REQUIRE(s.go_to_phase(1, 3, 4000));  // voting
  CHECK(s.edit_idea(a, i, "again", 0).err().code == errc::wrong_phase);
  // Moderation goes on in every phase.
  CHECK(s.set_hidden(1, i, true, 0));
}

TEST_CASE("agenda commands change the timer and are refused when they do not apply") {
  auto s = make_state();
  CHECK(s.pause_timer(1, 0).err().code == errc::bad_value);
  CHECK(s.resume_timer(1, 0).err().code == errc::bad_value);
  CHECK(s.extend_timer(1, 5, 0).err().code == errc::bad_value);
  REQUIRE(s.go_to_phase(1, 1, 0));
  CHECK(s.extend_timer(1, 0, 0).err().code == errc::bad_value);
  CHECK(s.extend_timer(1, 5, 0));
  CHECK(s.pause_timer(1, 60'000));
  CHECK_FALSE(s.timer().running);
  CHECK(s.resume_timer(1, 120'000));
  CHECK(remaining(s.agenda(), s.timer(), 120'000) == 49 * 60'000);
  CHECK(s.set_auto_advance(1, true, 0));
  CHECK(s.advance_if_due(0).err().code == errc::bad_value);
  auto next = s.advance_if_due(120'000 + 49 * 60'000);
  REQUIRE(next);
  CHECK(next->actor == 0);
  CHECK(current_kind(s.agenda(), s.timer()) == phase_kind::clustering);
}

TEST_CASE("a new agenda keeps the running phase when it still exists") {
  auto s = make_state();
  REQUIRE(s.go_to_phase(1, 1, 0));
  auto c = s.set_agenda(1, {{"welcome", "Hello", 5}, {"ideation", "Ideas", 30}}, 10);
  REQUIRE(c);
  CHECK(s.agenda().size() == 2);
  CHECK(s.timer().current == 1);
  REQUIRE(s.set_agenda(1, {{"voting", "Vote", 10}}, 20));
  CHECK(s.timer().current == -1);
  CHECK(s.set_agenda(1, {{"voting", "Vote", 0}}, 20).err().code == errc::bad_value);
  CHECK(s.set_agenda(1, {}, 20).err().code == errc::bad_value);
  const auto a = join(s, "Ana");
  CHECK(s.set_agenda(a, {{"voting", "Vote", 10}}, 20).err().code == errc::forbidden);
}

TEST_CASE("announcements and the screen are the facilitator's") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  CHECK(s.announce(a, "Coffee!", std::nullopt, 0).err().code == errc::forbidden);
  CHECK(s.announce(1, "", std::nullopt, 0).err().code == errc::bad_text);
  CHECK(s.announce(1, std::string(281, 'x'), std::nullopt, 0).err().code == errc::bad_text);
  CHECK(s.announce(1, "Track 9?", 9, 0).err().code == errc::bad_value);
  auto everyone = s.announce(1, "Lunch at 12:30", std::nullopt, 10);
  REQUIRE(everyone);
  auto one = s.announce(1, "Skills: move to room B", 1, 20);
  REQUIRE(one);
  CHECK(s.announcements().size() == 2);
  const auto id = std::get<announcement_made>(one->body).a.id;
  CHECK(s.clear_announcement(a, id, 0).err().code == errc::forbidden);
  CHECK(s.clear_announcement(1, id, 30));
  CHECK(s.clear_announcement(1, id, 30).err().code == errc::not_found);
  CHECK(s.announcements().size() == 1);

  const auto wall_of = [](std::optional<id_type> track) {
    return screen_state{screen_mode::wall, track, std::nullopt};
  };
  CHECK(s.set_screen(a, wall_of(1), 0).err().code == errc::forbidden);
  CHECK(s.set_screen(1, wall_of(5), 0).err().code == errc::bad_value);
  CHECK(s.set_screen(1, screen_state{screen_mode::results, std::nullopt, 9}, 0).err().code ==
        errc::bad_value);
  CHECK(s.set_screen(1, wall_of(2), 0));
  CHECK(s.screen().track == 2);
  CHECK(s.screen().mode == screen_mode::wall);
  CHECK(s.set_screen(1, wall_of(std::nullopt), 0));
  CHECK_FALSE(s.screen().track);
  CHECK(to_string(screen_mode::follow) == "auto");
  CHECK(parse_screen_mode("announcement") == screen_mode::announcement);
  CHECK_FALSE(parse_screen_mode("Wall"));
}

TEST_CASE("moderators edit any idea in any phase, and the idea says who") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto b = join(s, "Bo");
  const auto i = post(s, a, "typo here");
  auto l = s.add_member(1, role::lead, 2, "Lead of track 2", "hl2", 0);
  const auto lead2 = std::get<member_joined>(l->body).m.id;
  REQUIRE(s.go_to_phase(1, 3, 0));  // voting: authors can no longer edit
  CHECK(s.edit_idea(a, i, "mine", 0).err().code == errc::wrong_phase);
  CHECK(s.edit_idea(b, i, "hers", 0).err().code == errc::not_author);
  CHECK(s.edit_idea(lead2, i, "not my track", 0).err().code == errc::not_author);
  auto e = s.edit_idea(1, i, "typo fixed", 9);
  REQUIRE(e);
  CHECK(s.find_idea(i)->edited_by == 1);
  CHECK(s.find_idea(i)->author == a);
}

TEST_CASE("merging forms a tree, refuses cycles, and splits back out") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto i1 = post(s, a, "one");
  const auto i2 = post(s, a, "two");
  const auto i3 = post(s, a, "three");
  const auto other = post(s, a, "other track", 2);
  CHECK(s.merge_idea(a, i1, i2, 0).err().code == errc::forbidden);
  CHECK(s.merge_idea(1, i1, i1, 0).err().code == errc::bad_value);
  CHECK(s.merge_idea(1, i1, 99, 0).err().code == errc::not_found);
  CHECK(s.merge_idea(1, i1, other, 0).err().code == errc::bad_value);
  REQUIRE(s.merge_idea(1, i1, i2, 0));                              // 1 under 2
  REQUIRE(s.merge_idea(1, i2, i3, 0));                              // 2 (with 1) under 3
  CHECK(s.merge_idea(1, i3, i1, 0).err().code == errc::bad_value);  // 3 -> 1 -> 2 -> 3: a cycle
  CHECK(s.merge_idea(1, i1, i2, 0).err().code == errc::bad_value);  // already there
  CHECK(s.find_idea(i1)->merged_into == i2);
  CHECK(s.find_idea(i1)->author == a);
  // The author of a survivor cannot delete it from under the merged ones.
  CHECK(s.delete_idea(a, i3, 0).err().code == errc::bad_value);
  auto split = s.split_idea(1, i2, 0);
  REQUIRE(split);
  CHECK_FALSE(s.find_idea(i2)->merged_into);
  CHECK(s.find_idea(i1)->merged_into == i2);  // its own merged ideas stay with it
  CHECK(s.split_idea(1, i2, 0).err().code == errc::bad_value);
  CHECK(s.delete_idea(a, i3, 0));
}

TEST_CASE("pinning and clusters") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto i = post(s, a, "pin me");
  const auto far = post(s, a, "track two", 2);
  CHECK(s.set_pinned(a, i, true, 0).err().code == errc::forbidden);
  CHECK(s.set_pinned(1, i, true, 0));
  CHECK(s.find_idea(i)->pinned);
  CHECK(s.set_pinned(1, i, true, 0).err().code == errc::bad_value);

  CHECK(s.create_cluster(a, 1, "Skills", 0).err().code == errc::forbidden);
  CHECK(s.create_cluster(1, 9, "Skills", 0).err().code == errc::bad_value);
  CHECK(s.create_cluster(1, 1, "", 0).err().code == errc::bad_text);
  auto c = s.create_cluster(1, 1, "Skills", 0);
  REQUIRE(c);
  const auto cid = std::get<cluster_created>(c->body).c.id;
  CHECK(s.cluster_idea(1, far, cid, 0).err().code == errc::bad_value);  // another track
  CHECK(s.cluster_idea(1, i, 42, 0).err().code == errc::not_found);
  CHECK(s.cluster_idea(1, i, cid, 0));
  CHECK(s.find_idea(i)->cluster == cid);
  CHECK(s.rename_cluster(1, cid, "Skills & training", 0));
  CHECK(s.clusters().at(cid).name == "Skills & training");
  CHECK(s.delete_cluster(1, cid, 0));
  CHECK_FALSE(s.find_idea(i)->cluster);
  CHECK(s.delete_cluster(1, cid, 0).err().code == errc::not_found);
}

TEST_CASE("tables and moving people, live") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  CHECK(s.add_table(a, 1, "Table 1", 0).err().code == errc::forbidden);
  CHECK(s.add_table(1, 3, "Table 1", 0).err().code == errc::bad_value);
  auto t = s.add_table(1, 2, "Table A", 0);
  REQUIRE(t);
  const auto tid = std::get<table_added>(t->body).t.id;
  CHECK(s.move_member(1, a, 1, tid, 0).err().code == errc::bad_value);  // table of another track
  CHECK(s.move_member(1, a, 7, std::nullopt, 0).err().code ==
        errc::bad_value);  // another event's track
  CHECK(s.move_member(1, 99, 1, std::nullopt, 0).err().code == errc::not_found);
  CHECK(s.move_member(1, 1, 2, std::nullopt, 0).err().code == errc::bad_value);  // staff
  auto moved = s.move_member(1, a, 2, tid, 0);
  REQUIRE(moved);
  CHECK(s.find_member(a)->track == 2);
  CHECK(s.find_member(a)->table == tid);
  CHECK(s.remove_table(1, tid, 0));
  CHECK_FALSE(s.find_member(a)->table);
}

TEST_CASE("a roster is checked row by row and imported all or nothing") {
  auto s = make_state();
  const std::vector<roster_row> good{
      {"Ana Ruiz", "DG CNECT", "EU institution", "skills", "Table 1", "ana@example.org", "", ""},
      {"Bo", "", "sme", "2", "", "", "", ""},
      {"Cy", "", "Academia and research", "Public sector", "Table 1", "", "", ""},
  };
  CHECK(s.check_roster(good).empty());
  const std::vector<roster_row> bad{
      {"", "", "sme", "1", "", "", "", ""},
      {"Dee", "", "lobbyist", "1", "", "", "", ""},
      {"Eve", "", "sme", "Moon", "", "", "", ""},
      {"Fay", "", "sme", "1", "", "not-an-email", "", ""},
      {"Gil", "", "sme", "1", "", "", "", ""},
  };
  const auto problems = s.check_roster(bad);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].row == 1);
  CHECK(problems[1].row == 2);
  CHECK(
      problems[1].message.starts_with("Unknown stakeholder group \"lobbyist\"; this event's "
                                      "groups are EU institution, National government"));
  CHECK(problems[2].row == 3);
  CHECK(problems[3].row == 4);
  // Each says what it is, for a message in the reader's language.
  CHECK(problems[0].code == "name");
  CHECK(problems[0].numbers.at("max") == 60);
  CHECK(problems[1].code == "group");
  CHECK(problems[1].texts.at("value") == "lobbyist");
  CHECK(problems[1].texts.at("groups").starts_with("EU institution, National government"));
  CHECK(problems[2].code == "track");
  CHECK(problems[2].texts.at("value") == "Moon");
  CHECK(problems[3].code == "email");
  CHECK(problems[3].texts.at("value") == "not-an-email");
  const auto seq = s.seq();
  CHECK(s.import_roster(1, bad, std::vector<std::string>(5, "h"), 0).err().code == errc::bad_value);
  CHECK(s.seq() == seq);
  CHECK(s.members().size() == 1);

  const auto a = join(s, "Someone");
  CHECK(s.import_roster(a, good, {"r1", "r2", "r3"}, 0).err().code == errc::forbidden);
  auto c = s.import_roster(1, good, {"r1", "r2", "r3"}, 5);
  REQUIRE(c);
  const auto& imported = std::get<roster_imported>(c->body);
  REQUIRE(imported.members.size() == 3);
  CHECK(imported.members[0].group == "eu_institution");
  CHECK(imported.members[0].track == 1);
  CHECK(imported.members[0].email == "ana@example.org");
  CHECK(imported.members[2].group == "academia");
  REQUIRE(imported.tables.size() == 2);  // "Table 1" in track 1 and in track 2 are two tables
  CHECK(imported.members[0].table == imported.tables[0].id);
  CHECK(s.find_member_by_token("r2")->name == "Bo");
  CHECK(s.participant_count() == 4);
}

TEST_CASE("the closed phase has no timer to extend") {
  auto s = make_state();
  REQUIRE(s.go_to_phase(1, 7, 0));  // closed
  CHECK(s.extend_timer(1, 5, 0).err().code == errc::bad_value);
}

TEST_CASE("leads hold their track back or move it ahead when the facilitator allows it") {
  auto s = make_state();
  const auto a = join(s, "Ana");  // track 1
  auto l = s.add_member(1, role::lead, 2, "Lead two", "hl2", 0);
  const auto lead2 = std::get<member_joined>(l->body).m.id;
  REQUIRE(s.go_to_phase(1, 3, 0));                                         // the event votes
  CHECK(s.set_track_phase(lead2, 2, 1, 0).err().code == errc::forbidden);  // not allowed yet
  CHECK(s.set_track_pacing(a, true, 0).err().code == errc::forbidden);
  REQUIRE(s.set_track_pacing(1, true, 0));
  CHECK(s.set_track_phase(lead2, 1, 1, 0).err().code == errc::forbidden);  // not their track
  CHECK(s.set_track_phase(lead2, 2, 9, 0).err().code == errc::bad_value);
  CHECK(s.set_track_phase(lead2, 7, 1, 0).err().code == errc::bad_value);
  auto held = s.set_track_phase(lead2, 2, 1, 0);  // track 2 stays in ideation
  REQUIRE(held);
  CHECK(std::get<agenda_changed>(held->body).pacing.track_phase.at(2) == 1);
  CHECK(s.track_phase(2) == 1);
  CHECK(s.track_phase(1) == 3);
  CHECK(s.post_idea(a, 2, "in the held-back track", false, 0));
  CHECK(s.post_idea(a, 1, "in the voting track", false, 0).err().code == errc::wrong_phase);
  REQUIRE(s.set_track_phase(lead2, 2, std::nullopt, 0));  // back with the event
  CHECK(s.track_phase(2) == 3);
  REQUIRE(s.set_track_phase(1, 2, 1, 0));
  REQUIRE(s.set_track_pacing(1, false, 0));  // everyone back on the event's phase
  CHECK(s.pacing().track_phase.empty());
  CHECK(s.track_phase(2) == 3);
}

TEST_CASE("vote rounds: open over visible unmerged ideas, vote, close, reveal, reopen") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto b = join(s, "Bo");
  const auto i1 = post(s, a, "one");
  const auto i2 = post(s, b, "two");
  const auto i3 = post(s, b, "three");
  const auto hidden = post(s, b, "noise");
  const auto other = post(s, b, "other track", 2);
  REQUIRE(s.set_hidden(1, hidden, true, 0));
  REQUIRE(s.merge_idea(1, i3, i2, 0));
  const round_rules dots{vote_method::dots, 5, 3, false};

  CHECK(s.open_round(a, "Vote", 1, dots, false, true, 0).err().code == errc::forbidden);
  CHECK(s.open_round(1, "", 1, dots, false, true, 0).err().code == errc::bad_text);
  CHECK(s.open_round(1, "Vote", 1, {vote_method::dots, 0, 1, true}, false, true, 0).err().code ==
        errc::bad_value);
  auto opened = s.open_round(1, "Track one", 1, dots, false, true, 10);
  REQUIRE(opened);
  const auto& r = std::get<round_opened>(opened->body).r;
  CHECK(r.items == std::vector<id_type>{i1, i2});  // not hidden, not merged, not track 2
  const auto round = r.id;

  CHECK(s.vote(a, round, other, 1, 0).err().code == errc::bad_value);
  CHECK(s.vote(a, round, i1, 1, 0).err().code == errc::own_idea);
  CHECK(s.vote(a, round, i2, 4, 0).err().code == errc::bad_value);  // cap 3
  auto cast = s.vote(a, round, i2, 3, 0);
  REQUIRE(cast);
  CHECK(std::get<vote_cast>(cast->body).ballot == ballot{{i2, 3}});
  CHECK(s.vote(b, round, i2, 1, 0).err().code == errc::own_idea);
  const auto c = join(s, "Cy");
  CHECK(s.vote(c, round, i1, 3, 0));
  CHECK(s.vote(c, round, i2, 3, 0).err().code == errc::over_budget);  // 3 + 3 > 5
  CHECK(s.vote(c, round, i1, 2, 0));                                  // a dot moves...
  CHECK(s.vote(c, round, i2, 3, 0));  // ...and the rest goes elsewhere
  CHECK(s.vote(99, round, i1, 1, 0).err().code == errc::bad_token);
  CHECK(s.vote(a, 42, i1, 1, 0).err().code == errc::not_found);

  CHECK(s.reveal_round(1, round, 0).err().code == errc::bad_value);  // still open
  CHECK(s.close_round(a, round, 0).err().code == errc::forbidden);
  REQUIRE(s.close_round(1, round, 0));
  CHECK(s.vote(c, round, i2, 0, 0).err().code ==
        errc::round_closed);  // a closed round never changes
  CHECK(s.close_round(1, round, 0).err().code == errc::bad_value);
  REQUIRE(s.reveal_round(1, round, 0));
  const auto res = s.results(round);
  REQUIRE(res.size() == 2);
  CHECK(res[0].item == i2);
  CHECK(res[0].votes == 6);
  CHECK(res[0].voters == 2);
  CHECK(res[1].votes == 2);
  REQUIRE(s.reopen_round(1, round, 0));
  CHECK(s.rounds().at(round).state == round_state::open);
  CHECK(s.reopen_round(1, round, 0).err().code == errc::bad_value);
  CHECK(s.vote(a, round, i2, 1, 0));
}

TEST_CASE("votes on a merged idea count for the idea it is merged into, until it is split") {
  auto s = make_state();
  const auto a = join(s, "Ana");
  const auto b = join(s, "Bo");
  const auto i1 = post(s, a, "one");
  const auto i2 = post(s, a, "two (a duplicate of one)");
  const auto i3 = post(s, a, "three");
  auto opened = s.open_round(1, "Vote", 1, {vote_method::dots, 5, 3, true}, false, true, 0);
  REQUIRE(opened);
  const auto round = std::get<round_opened>(opened->body).r.id;
  REQUIRE(s.vote(a, round, i1, 2, 0));
  REQUIRE(s.vote(b, round, i2, 3, 0));
  REQUIRE(s.vote(b, round, i3, 1, 0));
  REQUIRE(s.merge_idea(1, i2, i1, 0));
  auto res = s.results(round);
  REQUIRE(res.size() == 2);  // i2 is shown beneath i1, not on its own
  CHECK(res[0].item == i1);
  CHECK(res[0].votes == 5);
  CHECK(res[0].voters == 2);
  REQUIRE(s.split_idea(1, i2, 0));
  res = s.results(round);
  REQUIRE(res.size() == 3);
  CHECK(res[0].item == i2);
  CHECK(res[0].votes == 3);
}
