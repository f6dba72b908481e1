// Tests of the rules a full-size day adds: links renamed, revoked and re-issued; the admin's
// recovery facilitator and the event's status; proposals in the trash; turnout; the time
// limit of undoing a phase change; the big screen's state. A refused command changes nothing.
#include "catch.hpp"

#include "domain/agenda.hpp"
#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

event_state make_state() {
  auto info = make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public sector", ""}}, 1000);
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

id_type link(event_state& s, role r, std::optional<id_type> track, const std::string& name) {
  auto c = s.add_member(1, r, track, name, "h-" + name, 2000);
  REQUIRE(c);
  return std::get<member_joined>(c->body).m.id;
}

}  // namespace

TEST_CASE("a facilitator renames, revokes and re-issues links, never their own") {
  auto s = make_state();
  const auto screen = link(s, role::viewer, std::nullopt, "Main hall");
  const auto lead = link(s, role::lead, 1, "Lea Lead");
  const auto ana = join(s, "Ana");
  const auto seq = s.seq();

  CHECK(s.rename_link(lead, screen, "X", 3000).err().code == errc::forbidden);
  CHECK(s.revoke_link(ana, screen, 3000).err().code == errc::forbidden);
  CHECK(s.revoke_link(1, 1, 3000).err().code == errc::bad_value);
  CHECK(s.reissue_link(1, 1, "h-new", 3000).err().code == errc::bad_value);
  CHECK(s.rename_link(1, ana, "Someone", 3000).err().code == errc::bad_value);
  CHECK(s.rename_link(1, screen, "Main hall", 3000).err().code == errc::bad_value);
  CHECK(s.rename_link(1, screen, " ", 3000).err().code == errc::bad_text);
  CHECK(s.revoke_link(1, 99, 3000).err().code == errc::not_found);
  CHECK(s.seq() == seq);  // nothing refused changed anything

  auto renamed = s.rename_link(1, screen, "Screen: Room B", 3000);
  REQUIRE(renamed);
  CHECK(std::get<link_changed>(renamed->body).action == link_action::renamed);
  CHECK(s.find_member(screen)->name == "Screen: Room B");

  auto revoked = s.revoke_link(1, screen, 3000);
  REQUIRE(revoked);
  CHECK(std::get<link_changed>(revoked->body).m.revoked);
  CHECK(s.find_member_by_token("h-Main hall") == nullptr);
  CHECK(s.find_member(screen) != nullptr);  // the member stays
  CHECK(s.revoke_link(1, screen, 3000).err().code == errc::bad_value);

  REQUIRE(s.reissue_link(1, screen, "h-fresh", 3000));
  CHECK(s.find_member_by_token("h-fresh")->id == screen);
  CHECK_FALSE(s.find_member(screen)->revoked);
  // Re-issuing a working link retires its old token.
  REQUIRE(s.reissue_link(1, ana, "h-ana2", 3000));
  CHECK(s.find_member_by_token("h-Ana") == nullptr);
  CHECK(s.find_member_by_token("h-ana2")->id == ana);
}

TEST_CASE("a revoked member loaded from storage has no working token") {
  auto s = make_state();
  member m;
  m.id = 7;
  m.member_role = role::viewer;
  m.name = "Old screen";
  m.token_hash = "h-old";
  m.revoked = true;
  s.restore(m);
  CHECK(s.find_member(7) != nullptr);
  CHECK(s.find_member_by_token("h-old") == nullptr);
}

TEST_CASE("the admin adds a recovery facilitator and sets the event's status") {
  auto s = make_state();
  CHECK(s.admin_add_facilitator("  ", "h", 3000).err().code == errc::bad_text);
  auto added = s.admin_add_facilitator("Facilitator", "h-rescue", 3000);
  REQUIRE(added);
  CHECK(added->actor == 0);
  CHECK(s.find_member_by_token("h-rescue")->member_role == role::facilitator);

  CHECK(s.status() == event_status::open);
  CHECK(s.admin_set_status(event_status::open, 3000).err().code == errc::bad_value);
  auto closed = s.admin_set_status(event_status::closed, 3000);
  REQUIRE(closed);
  CHECK(std::get<event_status_changed>(closed->body).status == event_status::closed);
  CHECK(s.status() == event_status::closed);
  CHECK(to_string(event_status::archived) == "archived");
  CHECK(parse_event_status("archived") == event_status::archived);
  CHECK_FALSE(parse_event_status("deleted"));
}

TEST_CASE("deleted proposals go to the trash and come back until the report is published") {
  auto s = make_state();
  const auto ana = join(s, "Ana");
  const auto lead2 = link(s, role::lead, 2, "Other Lead");
  REQUIRE(s.go_to_phase(1, 4, 2500));  // drafting
  auto made = s.create_proposal(
      1, {"AI learning accounts", 1, {}, std::nullopt, std::nullopt, {ana}}, 3000);
  REQUIRE(made);
  const auto p = std::get<proposal_created>(made->body).p.id;

  auto gone = s.delete_proposal(1, p, 4000);
  REQUIRE(gone);
  CHECK(std::get<proposal_deleted>(gone->body).p.deleted_at == 4000);
  CHECK(s.find_proposal(p) == nullptr);
  REQUIRE(s.trash().contains(p));

  CHECK(s.restore_proposal(ana, p, 5000).err().code == errc::forbidden);
  CHECK(s.restore_proposal(lead2, p, 5000).err().code == errc::forbidden);
  CHECK(s.restore_proposal(1, 99, 5000).err().code == errc::not_found);
  auto back = s.restore_proposal(1, p, 5000);
  REQUIRE(back);
  CHECK(std::get<proposal_restored>(back->body).p.team == std::vector<id_type>{ana});
  CHECK(s.find_proposal(p) != nullptr);
  CHECK(s.trash().empty());

  REQUIRE(s.delete_proposal(1, p, 6000));
  REQUIRE(s.publish_report(1, true, 7000));
  CHECK(s.restore_proposal(1, p, 8000).err().code == errc::bad_value);
  CHECK(s.trash().contains(p));

  // Loading keeps the trash.
  auto loaded = make_state();
  proposal q = s.trash().at(p);
  loaded.restore(q);
  CHECK(loaded.trash().contains(p));
  CHECK(loaded.find_proposal(p) == nullptr);
}

TEST_CASE("turnout counts eligible people who voted, per track, and who has not") {
  auto s = make_state();
  const auto a = join(s, "Ana", 1);
  const auto b = join(s, "Bo", 1);
  const auto c = join(s, "Cy", 2);
  const auto lead = link(s, role::lead, 2, "Lea Lead");
  link(s, role::viewer, std::nullopt, "Screen");
  REQUIRE(s.go_to_phase(1, 1, 2500));
  auto posted = s.post_idea(c, 2, "Shared compute", false, 2600);
  REQUIRE(posted);
  const auto idea = std::get<idea_posted>(posted->body).i.id;
  auto opened =
      s.open_round(1, "All", std::nullopt, {vote_method::dots, 5, 3, true}, false, false, 2700);
  REQUIRE(opened);
  const auto round = std::get<round_opened>(opened->body).r.id;

  auto t = s.turnout_of(round);
  CHECK(t.all == turnout::count{0, 4});  // three participants and the lead; not staff or screens
  CHECK(t.by_track.at(1) == turnout::count{0, 2});
  CHECK(t.waiting == std::vector<id_type>{a, b, c, lead});

  REQUIRE(s.vote(a, round, idea, 2, 2800));
  const auto voted = s.vote(b, round, idea, 1, 2800);
  REQUIRE(voted);
  CHECK(rounds_with_changed_turnout(voted.value(), s) == std::vector<id_type>{round});
  t = s.turnout_of(round);
  CHECK(t.all == turnout::count{2, 4});
  CHECK(t.by_track.at(1) == turnout::count{2, 2});
  CHECK(t.by_track.at(2) == turnout::count{0, 2});
  CHECK(t.waiting == std::vector<id_type>{c, lead});
  // Taking every vote off counts as not voted.
  REQUIRE(s.vote(b, round, idea, 0, 2900));
  CHECK(s.turnout_of(round).all == turnout::count{1, 4});

  // A per-track round: only that track's people, only that track listed.
  auto second = s.open_round(1, "Track 2", 2, {vote_method::dots, 5, 3, true}, false, false, 3000);
  REQUIRE(second);
  const auto r2 = std::get<round_opened>(second->body).r.id;
  t = s.turnout_of(r2);
  CHECK(t.all == turnout::count{0, 2});
  CHECK(t.by_track.size() == 1);
  CHECK(s.turnout_of(99).all == turnout::count{});

  // People joining during an open round change its turnout.
  auto joined = s.join({"Di", "", "sme", 1, false}, "h-di", 3100);
  REQUIRE(joined);
  CHECK(rounds_with_changed_turnout(joined.value(), s) == std::vector<id_type>{round, r2});
}

TEST_CASE("a phase change can be undone for ten minutes") {
  const std::vector<phase> a{{phase_kind::welcome, "Welcome", 15 * 60'000},
                             {phase_kind::ideation, "Ideas", 45 * 60'000}};
  auto t = go_to_phase(a, timer_state{}, 0, 0).value();
  t = go_to_phase(a, t, 1, 60'000).value();
  REQUIRE(t.undo);
  CHECK(t.undo->at == 60'000);
  CHECK(undo_phase_change(a, t, 60'000 + undo_window + 1).err().code == errc::bad_value);
  auto back = undo_phase_change(a, t, 60'000 + undo_window);
  REQUIRE(back);
  CHECK(back->current == 0);
  CHECK(back->elapsed == 60'000);  // the remaining time comes back
}
