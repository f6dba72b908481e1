// Tests of the report's figures as build_document takes them from the event.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "report/build.hpp"

using namespace rt::domain;

namespace {

member facilitator() {
  member f;
  f.id = 1;
  f.member_role = role::facilitator;
  f.name = "Facilitator";
  f.token_hash = std::string(64, 'f');
  return f;
}

}  // namespace

TEST_CASE(
    "the report's votes cast are the rounds' ballots, also after a voter moves or is erased") {
  event_state s(make_event(1, "K7QX2M", "T", {{"Skills", ""}, {"Public", ""}}, 0).value());
  s.restore(facilitator());
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

TEST_CASE("someone who takes back their consent is named in no part of the organisers' data") {
  event_state s(make_event(1, "K7QX2M", "T", {{"Skills", ""}}, 0).value());
  s.restore(facilitator());
  const auto join = [&](const std::string& name, bool credit) {
    auto ch = s.join({name, name + " Org", "sme", 1, credit}, "h-" + name, 0);
    REQUIRE(ch);
    return std::get<member_joined>(ch->body).m.id;
  };
  const id_type ana = join("Ana", true);
  join("Bo", false);  // never agreed: the organisers still have her name
  REQUIRE(s.post_idea(ana, 1, "An idea", false, 0));
  const auto named = [&](const std::string& name) {
    const auto d = rt::report::build_document(s, true);
    bool in_ideas = false;
    for (const auto& i : d.facilitator.ideas) in_ideas = in_ideas || i.author == name;
    for (const auto& p : d.facilitator.participants) {
      if (p.name == name) return in_ideas || !p.organisation.empty();
    }
    return in_ideas;
  };
  CHECK(named("Ana"));
  CHECK(named("Bo"));

  REQUIRE(s.update_profile(ana, {{}, {}, {}, false}, 1));
  CHECK_FALSE(named("Ana"));
  CHECK(named("Bo"));
  const auto d = rt::report::build_document(s, true);
  CHECK(d.facilitator.ideas.at(0).author == "Name withheld");
  const auto& row = d.facilitator.participants.at(1);
  CHECK(row.name == "Name withheld");
  CHECK(row.organisation.empty());
  CHECK(row.group == "Small or medium enterprise");  // still counted where she took part

  // Given back before publication, her name returns.
  REQUIRE(s.update_profile(ana, {{}, {}, {}, true}, 2));
  CHECK(named("Ana"));
}
