// Tests of the report's figures as build_document takes them from the event.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "report/build.hpp"

using namespace rt::domain;

TEST_CASE(
    "the report's votes cast are the rounds' ballots, also after a voter moves or is erased") {
  event_state s(make_event(1, "K7QX2M", "T", {{"Skills", ""}, {"Public", ""}}, 0).value());
  member f;
  f.id = 1;
  f.member_role = role::facilitator;
  f.name = "F";
  f.token_hash = "hf";
  s.restore(f);
  const auto join = [&](const std::string& name) {
    auto ch = s.join({name, "", "sme", 1, false}, "h-" + name, 0);
    REQUIRE(ch);
    return std::get<member_joined>(ch->body).m.id;
  };
  const id_type ana = join("Ana");
  const id_type bo = join("Bo");
  auto posted = s.post_idea(ana, 1, "An idea", false, 0);
  REQUIRE(posted);
  const id_type idea = std::get<idea_posted>(posted->body).i.id;
  auto opened = s.open_round(1, "Vote", 1, round_rules{vote_method::dots, 5, 3, true}, false, false,
                             0, item_kind::idea, std::nullopt);
  REQUIRE(opened);
  const id_type round = std::get<round_opened>(opened->body).r.id;
  REQUIRE(s.vote(ana, round, idea, 2, 0));
  REQUIRE(s.vote(bo, round, idea, 3, 0));
  CHECK(rt::report::build_document(s, false).facts.votes_cast == 5);

  REQUIRE(s.move_member(1, bo, 2, std::nullopt, 0));
  REQUIRE(s.results(round).at(0).votes == 5);
  CHECK(rt::report::build_document(s, false).facts.votes_cast == 5);

  REQUIRE(s.erase_member(1, ana, false, 0));
  REQUIRE(s.results(round).at(0).votes == 5);
  CHECK(rt::report::build_document(s, false).facts.votes_cast == 5);
}
