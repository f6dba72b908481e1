// Tests of who may vote in a round (event_state::eligible): the members of its track,
// everyone, or chosen tracks; refusals with not_eligible that change nothing; one budget per
// round someone may vote in; turnout counting eligible people only, and results counting the
// ballots cast by eligible people.
#include "catch.hpp"

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

// Three tracks; Ana (SME) and Bo (academia) in track 1, Cy in track 2, Di in track 3; a lead
// of track 2, a viewer; one idea per track (by their own track's member).
struct fixture {
  event_state s;
  id_type ana = 0, bo = 0, cy = 0, di = 0, lead = 0, screen = 0;
  id_type i1 = 0, i2 = 0, i3 = 0;
  const round_rules dots{vote_method::dots, 5, 3, true};

  fixture()
      : s(make_event(1, "K7QX2M", "T", {{"Skills", ""}, {"Public", ""}, {"Health", ""}}, 0)
              .value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "F";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana", 1, "sme");
    bo = join("Bo", 1, "academia");
    cy = join("Cy", 2, "sme");
    di = join("Di", 3, "startup");
    lead = std::get<member_joined>(s.add_member(1, role::lead, 2, "Lea", "hl", 0)->body).m.id;
    screen = std::get<member_joined>(
                 s.add_member(1, role::viewer, std::nullopt, "Screen", "hv", 0)->body)
                 .m.id;
    i1 = post(bo, 1, "one");
    i2 = post(cy, 2, "two");
    i3 = post(di, 3, "three");
  }
  id_type join(const std::string& name, id_type track, const std::string& group) {
    auto ch = s.join({name, "", group, track, false}, "h-" + name, 0);
    REQUIRE(ch);
    return std::get<member_joined>(ch->body).m.id;
  }
  id_type post(id_type who, id_type track, const std::string& text) {
    auto ch = s.post_idea(who, track, text, false, 0);
    REQUIRE(ch);
    return std::get<idea_posted>(ch->body).i.id;
  }
  vote_round open(std::optional<id_type> track, std::optional<eligibility> e = std::nullopt) {
    auto ch = s.open_round(1, "Vote", track, dots, false, false, 0, item_kind::idea, std::move(e));
    REQUIRE(ch);
    return std::get<round_opened>(ch->body).r;
  }
};

eligibility chosen(std::vector<id_type> tracks) { return {voters::tracks, std::move(tracks)}; }

}  // namespace

TEST_CASE("a vote from another track's member is refused with not_eligible and changes nothing") {
  fixture f;
  const auto one = f.open(1);
  const auto two = f.open(2);
  CHECK(one.eligible == eligibility{voters::track, {}});
  const auto seq = f.s.seq();
  // The replay: a participant of track 1 votes in track 2's round.
  const auto refused = f.s.vote(f.ana, two.id, f.i2, 1, 0);
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code == errc::not_eligible);
  CHECK(refused.err().message == "Only the members of the round's track vote in this round.");
  CHECK(f.s.vote(f.cy, one.id, f.i1, 1, 0).err().code == errc::not_eligible);
  CHECK(f.s.vote(1, one.id, f.i1, 1, 0).err().code == errc::not_eligible);  // a facilitator
  CHECK(f.s.vote(f.lead, one.id, f.i1, 1, 0).err().code == errc::not_eligible);
  CHECK(f.s.vote(f.screen, one.id, f.i1, 1, 0).err().code == errc::forbidden);  // viewers
  // Taking votes off is refused too: nothing to take.
  CHECK(f.s.vote(f.ana, two.id, f.i2, 0, 0).err().code == errc::not_eligible);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.ballots(two.id).empty());
  CHECK(f.s.ballots(one.id).empty());
  // The track's own members and its lead vote.
  CHECK(f.s.vote(f.cy, two.id, f.i2, 1, 0));
  CHECK(f.s.vote(f.lead, two.id, f.i2, 2, 0));
  CHECK(f.s.vote(f.ana, one.id, f.i1, 1, 0));
}

TEST_CASE("a full budget in every round one may vote in, none in the others") {
  fixture f;
  const auto own = f.open(1);
  const auto all = f.open(std::nullopt);
  const auto other = f.open(2);
  CHECK(all.eligible == eligibility{voters::everyone, {}});
  REQUIRE(f.s.vote(f.ana, own.id, f.i1, 3, 0));
  REQUIRE(f.s.vote(f.ana, own.id, f.i1, 3, 0));
  CHECK(f.s.vote(f.ana, own.id, f.i1, 4, 0).err().code == errc::bad_value);  // 3 per item
  // The whole budget of 5 in the all-tracks round too, whatever was spent in the first.
  REQUIRE(f.s.vote(f.ana, all.id, f.i2, 3, 0));
  REQUIRE(f.s.vote(f.ana, all.id, f.i3, 2, 0));
  CHECK(f.s.vote(f.ana, all.id, f.i1, 1, 0).err().code == errc::over_budget);
  REQUIRE(f.s.vote(f.ana, own.id, f.i1, 1, 0));  // the first round's budget is untouched...
  CHECK(f.s.ballots(own.id).at(f.ana).at(f.i1) == 1);
  // ...and in track 2's round there is none: not even one dot.
  CHECK(f.s.vote(f.ana, other.id, f.i2, 1, 0).err().code == errc::not_eligible);
  CHECK_FALSE(f.s.ballots(other.id).contains(f.ana));
}

TEST_CASE("chosen tracks: their members vote, the others not, whatever the round's items") {
  fixture f;
  const auto r = f.open(1, chosen({3, 2}));
  CHECK(r.eligible == chosen({2, 3}));  // kept in ascending order
  CHECK(f.s.vote(f.ana, r.id, f.i1, 1, 0).err().code ==
        errc::not_eligible);  // the items' own track was not chosen
  CHECK(f.s.vote(f.ana, r.id, f.i1, 1, 0).err().message ==
        "Only the members of the round's chosen tracks vote in this round.");
  REQUIRE(f.s.vote(f.cy, r.id, f.i1, 2, 0));
  REQUIRE(f.s.vote(f.di, r.id, f.i1, 1, 0));
  REQUIRE(f.s.vote(f.lead, r.id, f.i1, 1, 0));
  CHECK(f.s.voting_tracks(r) == std::vector<id_type>{2, 3});
  const auto t = f.s.turnout_of(r.id);
  CHECK(t.all == turnout::count{3, 3});  // Cy, Di and the lead
  CHECK(t.by_track.size() == 2);
  CHECK(t.by_track.at(2) == turnout::count{2, 2});
  CHECK(t.by_track.at(3) == turnout::count{1, 1});
  // One chosen track on a round over every track.
  const auto all = f.open(std::nullopt, chosen({1}));
  CHECK(f.s.vote(f.di, all.id, f.i3, 1, 0).err().code == errc::not_eligible);
  CHECK(f.s.vote(f.bo, all.id, f.i3, 1, 0));
}

TEST_CASE("everyone: every participant and lead votes in a track's round; staff do not") {
  fixture f;
  const auto r = f.open(1, eligibility{voters::everyone, {}});
  CHECK(f.s.voting_tracks(r) == std::vector<id_type>{1, 2, 3});
  for (const auto who : {f.ana, f.bo, f.cy, f.di, f.lead}) {
    INFO(who);
    CHECK(f.s.vote(who, r.id, f.i1, 1, 0));
  }
  CHECK(f.s.vote(1, r.id, f.i1, 1, 0).err().code == errc::not_eligible);
  CHECK(f.s.vote(1, r.id, f.i1, 1, 0).err().message == "Only participants and track leads vote.");
  CHECK(f.s.turnout_of(r.id).all == turnout::count{5, 5});
  CHECK(f.s.results(r.id).at(0).votes == 5);
}

TEST_CASE("a ballot cast while eligible keeps counting after its voter moves; turnout follows") {
  fixture f;
  const auto r = f.open(1);
  REQUIRE(f.s.vote(f.ana, r.id, f.i1, 2, 0));
  REQUIRE(f.s.vote(f.bo, r.id, f.i1, 3, 0));
  const auto both = f.s.results(r.id).at(0);
  CHECK(both.votes == 5);
  CHECK(both.voters == 2);
  CHECK(both.consensus ==
        consensus_score({{"sme", 1}, {"academia", 1}}, {{"sme", 1}, {"academia", 1}}));
  CHECK(f.s.turnout_of(r.id).all == turnout::count{2, 2});

  // Bo moves to track 2: the results do not change (a closed round's never would), but the
  // turnout of track 1's round no longer counts him, and he can no longer change his ballot.
  const auto moved = f.s.move_member(1, f.bo, 2, std::nullopt, 0);
  REQUIRE(moved);
  CHECK(rounds_with_changed_results(moved.value(), f.s).empty());
  CHECK(f.s.ballots(r.id).contains(f.bo));
  const auto after = f.s.results(r.id).at(0);
  CHECK(after.votes == 5);
  CHECK(after.voters == 2);
  CHECK(after.consensus == both.consensus);
  const auto t = f.s.turnout_of(r.id);
  CHECK(t.all == turnout::count{1, 1});
  CHECK(t.waiting.empty());
  CHECK(f.s.vote(f.bo, r.id, f.i1, 0, 0).err().code == errc::not_eligible);
  CHECK(f.s.results(r.id).at(0).votes == 5);

  // Back in track 1, he counts in the turnout again and may change his ballot.
  REQUIRE(f.s.move_member(1, f.bo, 1, std::nullopt, 0));
  CHECK(f.s.turnout_of(r.id).all == turnout::count{2, 2});
  REQUIRE(f.s.vote(f.bo, r.id, f.i1, 1, 0));
  CHECK(f.s.results(r.id).at(0).votes == 3);
}

TEST_CASE("who may vote: bad values are refused and change nothing") {
  fixture f;
  const auto seq = f.s.seq();
  auto refused = [&](std::optional<id_type> track, eligibility e) {
    auto ch = f.s.open_round(1, "Vote", track, f.dots, false, false, 0, item_kind::idea, e);
    REQUIRE_FALSE(ch);
    CHECK(ch.err().code == errc::bad_value);
    return ch.err().message;
  };
  CHECK(refused(std::nullopt, {voters::track, {}}) ==
        "A round over every track has no track of its own whose members vote: choose everyone "
        "or the tracks.");
  CHECK(refused(1, chosen({})) == "Choose at least one track whose members vote.");
  CHECK(refused(1, chosen({2, 9})) == "This event has no track 9.");
  CHECK(refused(1, chosen({2, 3, 2})) == "Track 2 is chosen more than once.");
  CHECK(f.s.seq() == seq);
  CHECK(f.s.rounds().empty());
  // Not a facilitator: forbidden before anything else.
  CHECK(f.s.open_round(f.ana, "Vote", 1, f.dots, false, false, 0, item_kind::idea, chosen({2}))
            .err()
            .code == errc::forbidden);
  // A list given for "track" or "everyone" is ignored: only voters::tracks has one.
  const auto r = f.open(1, eligibility{voters::everyone, {2}});
  CHECK(r.eligible == eligibility{voters::everyone, {}});
}
