// Tests of supporting ideas ("This is mine too") and of the pairs of ideas moderators dismiss
// as not duplicates (ideas.cpp): who may, in which phase, every refusal (each changes
// nothing), what deleting an idea and erasing a member do to them, and a member's download.
// The older rules of the board (posting, editing, hiding) are in event_state_test.cpp.
#include "catch.hpp"

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

// An event with two tracks: Ana and Bo in track 1, Cy in track 2, a lead of each track, a
// viewer; Ana's and Bo's ideas in track 1, Cy's in track 2.
struct fixture {
  event_state s;
  id_type ana = 0, bo = 0, cy = 0, lead1 = 0, lead2 = 0, viewer = 0;
  id_type ana_idea = 0, bo_idea = 0, bo_other = 0, cy_idea = 0;

  fixture() : s(make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public", ""}}, 0).value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "Facilitator";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana", 1);
    bo = join("Bo", 1);
    cy = join("Cy", 2);
    lead1 = added(role::lead, 1, "Lead one");
    lead2 = added(role::lead, 2, "Lead two");
    viewer = added(role::viewer, std::nullopt, "Screen");
    ana_idea = post(ana, "Learning accounts", 1);
    bo_idea = post(bo, "Training budgets", 1);
    bo_other = post(bo, "Accounts for learning", 1);
    cy_idea = post(cy, "Digital public services", 2);
  }
  id_type join(const std::string& name, id_type track) {
    auto c = s.join({name, "Org", "sme", track, true}, "h-" + name, 5);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  id_type added(role r, std::optional<id_type> track, const std::string& name) {
    auto c = s.add_member(1, r, track, name, "h-" + name, 6);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  id_type post(id_type who, const std::string& text, id_type track) {
    auto c = s.post_idea(who, track, text, false, 10);
    REQUIRE(c);
    return std::get<idea_posted>(c->body).i.id;
  }
  const std::vector<id_type>& supporters(id_type idea) { return s.find_idea(idea)->supporters; }
};

// A refused command with its error code (the caller checks that nothing changed).
void refused(const result<change>& r, errc code) {
  REQUIRE_FALSE(r);
  CHECK(r.err().code == code);
}

}  // namespace

TEST_CASE("support_idea: members support others' ideas, in order; withdrawing takes it back") {
  fixture x;
  auto c = x.s.set_support(x.bo, x.ana_idea, true, 100);
  REQUIRE(c);
  const auto& supported = std::get<idea_supported>(c->body);
  CHECK(supported.member == x.bo);
  CHECK(supported.i.id == x.ana_idea);
  CHECK(supported.i.supporters == std::vector<id_type>{x.bo});
  CHECK(c->seq == x.s.seq());
  CHECK(kind_name(c->body) == "idea_supported");
  // Participants of another track, leads and facilitators support too.
  REQUIRE(x.s.set_support(x.cy, x.ana_idea, true, 101));
  REQUIRE(x.s.set_support(1, x.ana_idea, true, 102));
  REQUIRE(x.s.set_support(x.lead2, x.ana_idea, true, 103));
  CHECK(x.supporters(x.ana_idea) == std::vector<id_type>{x.bo, x.cy, 1, x.lead2});

  auto w = x.s.set_support(x.cy, x.ana_idea, false, 104);
  REQUIRE(w);
  const auto& withdrawn = std::get<idea_support_withdrawn>(w->body);
  CHECK(withdrawn.member == x.cy);
  CHECK(withdrawn.i.supporters == std::vector<id_type>{x.bo, 1, x.lead2});
  CHECK(kind_name(w->body) == "idea_support_withdrawn");
  // Supporting again puts them at the end.
  REQUIRE(x.s.set_support(x.cy, x.ana_idea, true, 105));
  CHECK(x.supporters(x.ana_idea) == std::vector<id_type>{x.bo, 1, x.lead2, x.cy});
  CHECK(x.supporters(x.bo_idea).empty());
}

TEST_CASE("support_idea: every refusal changes nothing") {
  fixture x;
  REQUIRE(x.s.set_support(x.bo, x.ana_idea, true, 100));
  const auto seq = x.s.seq();
  const auto check_unchanged = [&] {
    CHECK(x.s.seq() == seq);
    CHECK(x.supporters(x.ana_idea) == std::vector<id_type>{x.bo});
    CHECK(x.supporters(x.bo_idea).empty());
  };

  SECTION("one's own idea") {
    const auto r = x.s.set_support(x.ana, x.ana_idea, true, 200);
    refused(r, errc::bad_value);
    CHECK(r.err().message == "This idea is yours.");
    refused(x.s.set_support(x.ana, x.ana_idea, false, 200), errc::bad_value);
  }
  SECTION("already supporting, or not supporting") {
    const auto again = x.s.set_support(x.bo, x.ana_idea, true, 200);
    refused(again, errc::bad_value);
    CHECK(again.err().message == "You already support this idea.");
    refused(x.s.set_support(x.cy, x.ana_idea, false, 200), errc::bad_value);
  }
  SECTION("a viewer") {
    refused(x.s.set_support(x.viewer, x.ana_idea, true, 200), errc::forbidden);
  }
  SECTION("no such idea, or a deleted one") {
    refused(x.s.set_support(x.bo, 999, true, 200), errc::not_found);
    REQUIRE(x.s.delete_idea(x.cy, x.cy_idea, 150));
    const auto after_delete = x.s.seq();
    refused(x.s.set_support(x.bo, x.cy_idea, true, 200), errc::not_found);
    CHECK(x.s.seq() == after_delete);
    return;  // the deletion took a sequence number
  }
  SECTION("not a member") { refused(x.s.set_support(99, x.ana_idea, true, 200), errc::bad_token); }
  SECTION("a hidden idea, for those who do not see it") {
    REQUIRE(x.s.set_hidden(1, x.bo_idea, true, 150));
    const auto hidden_seq = x.s.seq();
    refused(x.s.set_support(x.ana, x.bo_idea, true, 200), errc::not_found);
    refused(x.s.set_support(x.lead2, x.bo_idea, true, 200), errc::not_found);
    refused(x.s.set_support(x.ana, x.bo_idea, false, 200), errc::not_found);
    CHECK(x.s.seq() == hidden_seq);
    CHECK(x.supporters(x.bo_idea).empty());
    // Its track's moderators see it, and may.
    CHECK(x.s.set_support(x.lead1, x.bo_idea, true, 201));
    CHECK(x.s.set_support(1, x.bo_idea, true, 202));
    return;
  }
  SECTION("outside ideation and clustering") {
    REQUIRE(x.s.go_to_phase(1, 0, 150));  // welcome
    const auto phase_seq = x.s.seq();
    refused(x.s.set_support(x.cy, x.ana_idea, true, 200), errc::wrong_phase);
    refused(x.s.set_support(x.bo, x.ana_idea, false, 200), errc::wrong_phase);
    REQUIRE(x.s.go_to_phase(1, 3, 210));  // voting
    const auto voting_seq = x.s.seq();
    refused(x.s.set_support(x.cy, x.ana_idea, true, 220), errc::wrong_phase);
    // Moderators too: the phase is the track's.
    refused(x.s.set_support(1, x.ana_idea, true, 220), errc::wrong_phase);
    CHECK(x.s.seq() == voting_seq);
    CHECK(phase_seq < voting_seq);
    CHECK(x.supporters(x.ana_idea) == std::vector<id_type>{x.bo});
    return;
  }
  check_unchanged();
}

TEST_CASE("support_idea: ideation and clustering allow it, per track when leads pace") {
  fixture x;
  REQUIRE(x.s.go_to_phase(1, 1, 100));  // ideation
  CHECK(x.s.set_support(x.bo, x.ana_idea, true, 110));
  REQUIRE(x.s.go_to_phase(1, 2, 120));  // clustering
  CHECK(x.s.set_support(x.cy, x.ana_idea, true, 130));
  CHECK(x.s.set_support(x.bo, x.ana_idea, false, 131));
  // Track 2 held back in welcome by its lead: its ideas are not supported; track 1's are.
  REQUIRE(x.s.set_track_pacing(1, true, 140));
  REQUIRE(x.s.set_track_phase(x.lead2, 2, 0, 141));
  CHECK(x.s.set_support(x.ana, x.cy_idea, true, 150).err().code == errc::wrong_phase);
  CHECK(x.s.set_support(x.cy, x.bo_idea, true, 151));
}

TEST_CASE("supports: deleting an idea drops them, merging keeps them, erasing keeps the ids") {
  fixture x;
  REQUIRE(x.s.set_support(x.ana, x.bo_idea, true, 100));
  REQUIRE(x.s.set_support(x.cy, x.bo_other, true, 101));
  REQUIRE(x.s.set_support(x.ana, x.bo_other, true, 102));

  REQUIRE(x.s.merge_idea(1, x.bo_other, x.bo_idea, 110));
  CHECK(x.supporters(x.bo_other) == std::vector<id_type>{x.cy, x.ana});

  REQUIRE(x.s.erase_member(1, x.ana, false, 120));
  CHECK(x.supporters(x.bo_idea) == std::vector<id_type>{x.ana});
  CHECK(x.supporters(x.bo_other) == std::vector<id_type>{x.cy, x.ana});

  REQUIRE(x.s.split_idea(1, x.bo_other, 125));
  auto d = x.s.delete_idea(x.bo, x.bo_other, 130);
  REQUIRE(d);
  CHECK(x.s.find_idea(x.bo_other) == nullptr);
  // Cy supports nothing any more.
  CHECK(x.s.data_of(x.cy)->supported.empty());
}

TEST_CASE("data_of lists the ideas a member supports") {
  fixture x;
  REQUIRE(x.s.set_support(x.cy, x.bo_other, true, 100));
  REQUIRE(x.s.set_support(x.cy, x.ana_idea, true, 101));
  REQUIRE(x.s.set_support(x.ana, x.bo_idea, true, 102));
  CHECK(x.s.data_of(x.cy)->supported == std::vector<id_type>{x.ana_idea, x.bo_other});
  CHECK(x.s.data_of(x.ana)->supported == std::vector<id_type>{x.bo_idea});
  CHECK(x.s.data_of(x.bo)->supported.empty());
}

TEST_CASE("dismiss_duplicate: moderators of the track; pairs kept in order, either way round") {
  fixture x;
  auto c = x.s.set_duplicate_dismissed(1, x.bo_other, x.ana_idea, true, 100);
  REQUIRE(c);
  const auto& d = std::get<duplicate_dismissed>(c->body);
  CHECK(d.a == x.ana_idea);
  CHECK(d.b == x.bo_other);
  CHECK(d.track == 1);
  CHECK(kind_name(c->body) == "duplicate_dismissed");
  CHECK(x.s.duplicate_dismissed(x.ana_idea, x.bo_other));
  CHECK(x.s.duplicate_dismissed(x.bo_other, x.ana_idea));
  CHECK_FALSE(x.s.duplicate_dismissed(x.ana_idea, x.bo_idea));

  // The track's lead too, also for a hidden idea of their track.
  REQUIRE(x.s.set_hidden(x.lead1, x.bo_idea, true, 105));
  REQUIRE(x.s.set_duplicate_dismissed(x.lead1, x.bo_idea, x.ana_idea, true, 110));
  using pairs = std::set<std::pair<id_type, id_type>>;
  CHECK(x.s.dismissed_duplicates() == pairs{{x.ana_idea, x.bo_idea}, {x.ana_idea, x.bo_other}});

  auto r = x.s.set_duplicate_dismissed(x.lead1, x.bo_other, x.ana_idea, false, 120);
  REQUIRE(r);
  const auto& restored = std::get<duplicate_restored>(r->body);
  CHECK(restored.a == x.ana_idea);
  CHECK(restored.b == x.bo_other);
  CHECK(restored.track == 1);
  CHECK(kind_name(r->body) == "duplicate_restored");
  CHECK_FALSE(x.s.duplicate_dismissed(x.ana_idea, x.bo_other));
  CHECK(x.s.dismissed_duplicates() == pairs{{x.ana_idea, x.bo_idea}});
  // In any phase.
  REQUIRE(x.s.go_to_phase(1, 3, 130));
  CHECK(x.s.set_duplicate_dismissed(1, x.ana_idea, x.bo_other, true, 140));
}

TEST_CASE("dismiss_duplicate and restore_duplicate: every refusal changes nothing") {
  fixture x;
  REQUIRE(x.s.set_duplicate_dismissed(1, x.ana_idea, x.bo_idea, true, 100));
  const auto seq = x.s.seq();
  const auto dismissed = x.s.dismissed_duplicates();
  const auto code = [&](id_type actor, id_type a, id_type b, bool dismiss) {
    auto r = x.s.set_duplicate_dismissed(actor, a, b, dismiss, 200);
    REQUIRE_FALSE(r);
    return r.err().code;
  };

  // A participant, a viewer: forbidden, whatever the ideas.
  CHECK(code(x.ana, x.ana_idea, x.bo_other, true) == errc::forbidden);
  CHECK(code(x.ana, x.ana_idea, x.bo_idea, false) == errc::forbidden);
  CHECK(code(x.viewer, x.ana_idea, x.bo_other, true) == errc::forbidden);
  CHECK(code(99, x.ana_idea, x.bo_other, true) == errc::bad_token);
  // The lead of another track.
  CHECK(code(x.lead2, x.ana_idea, x.bo_other, true) == errc::forbidden);
  CHECK(code(x.lead2, x.ana_idea, x.bo_idea, false) == errc::forbidden);
  // Not an idea of this event.
  CHECK(code(1, x.ana_idea, 999, true) == errc::not_found);
  CHECK(code(1, 999, x.ana_idea, false) == errc::not_found);
  // The same idea twice; ideas of two tracks.
  CHECK(code(1, x.ana_idea, x.ana_idea, true) == errc::bad_value);
  CHECK(code(1, x.ana_idea, x.cy_idea, true) == errc::bad_value);
  CHECK(code(x.lead1, x.ana_idea, x.cy_idea, true) == errc::bad_value);
  // Already dismissed (either order); not dismissed.
  CHECK(code(1, x.bo_idea, x.ana_idea, true) == errc::bad_value);
  CHECK(code(x.lead1, x.ana_idea, x.bo_idea, true) == errc::bad_value);
  CHECK(code(1, x.ana_idea, x.bo_other, false) == errc::bad_value);

  CHECK(x.s.seq() == seq);
  CHECK(x.s.dismissed_duplicates() == dismissed);

  // A deleted idea is not found, and its pairs are gone.
  REQUIRE(x.s.delete_idea(x.bo, x.bo_idea, 300));
  CHECK(x.s.dismissed_duplicates().empty());
  CHECK_FALSE(x.s.duplicate_dismissed(x.ana_idea, x.bo_idea));
  CHECK(code(1, x.ana_idea, x.bo_idea, false) == errc::not_found);
  CHECK(code(1, x.ana_idea, x.bo_idea, true) == errc::not_found);
}

TEST_CASE("erasing a member with their contributions drops the pairs of their ideas") {
  fixture x;
  REQUIRE(x.s.set_duplicate_dismissed(1, x.ana_idea, x.bo_idea, true, 100));
  REQUIRE(x.s.set_duplicate_dismissed(1, x.bo_idea, x.bo_other, true, 101));
  REQUIRE(x.s.set_support(x.cy, x.ana_idea, true, 102));
  REQUIRE(x.s.erase_member(1, x.ana, true, 110));
  using pairs = std::set<std::pair<id_type, id_type>>;
  CHECK(x.s.dismissed_duplicates() == pairs{{x.bo_idea, x.bo_other}});
  CHECK(x.s.data_of(x.cy)->supported.empty());
}

TEST_CASE("restoring from storage: supporters ride with the idea, pairs in either order") {
  fixture x;
  event_state s(x.s.info());
  for (const auto& [id, m] : x.s.members()) s.restore(m);
  idea i = *x.s.find_idea(x.ana_idea);
  i.supporters = {x.cy, x.bo};
  s.restore(i);
  s.restore(*x.s.find_idea(x.bo_idea));
  s.restore_dismissed(x.bo_idea, x.ana_idea);
  CHECK(s.find_idea(x.ana_idea)->supporters == std::vector<id_type>{x.cy, x.bo});
  CHECK(s.duplicate_dismissed(x.ana_idea, x.bo_idea));
  CHECK(s.dismissed_duplicates().begin()->first == x.ana_idea);
  CHECK(s.set_support(x.bo, x.ana_idea, true, 0).err().code == errc::bad_value);
  CHECK(s.set_duplicate_dismissed(1, x.ana_idea, x.bo_idea, true, 0).err().code == errc::bad_value);
}
