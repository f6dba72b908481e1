// Tests of which vote rounds' results a change touches (rounds_with_changed_results): the
// room recomputes and sends exactly those after a commit.
#include "catch.hpp"

#include <functional>

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

// Two tracks; ideas 1 and 2 in track 1, 3 in track 2; round A over track 1, B over every
// track, C over track 2 (each round's voters: its track's members, everyone for B); Ana is in
// track 2, Cy in track 1; Cy voted in A and B and never posted.
struct fixture {
  event_state s;
  id_type ana = 0, cy = 0, i1 = 0, i2 = 0, i3 = 0, late = 0, a = 0, b = 0, c = 0;

  fixture() : s(make_event(1, "K7QX2M", "T", {{"Skills", ""}, {"Public", ""}}, 0).value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "F";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana", 2);
    cy = join("Cy", 1);
    i1 = post(1, "one");
    i2 = post(1, "two");
    i3 = post(2, "three");
    a = open("A", 1);
    b = open("B", std::nullopt);
    c = open("C", 2);
    late = post(1, "posted after the rounds opened");
    REQUIRE(s.vote(cy, a, i1, 2, 0));
    REQUIRE(s.vote(cy, b, i3, 1, 0));
  }
  id_type join(const std::string& name, id_type track) {
    auto ch = s.join({name, "", "sme", track, false}, "h-" + name, 0);
    REQUIRE(ch);
    return std::get<member_joined>(ch->body).m.id;
  }
  id_type post(id_type track, const std::string& text) {
    auto ch = s.post_idea(ana, track, text, false, 0);
    REQUIRE(ch);
    return std::get<idea_posted>(ch->body).i.id;
  }
  id_type open(const std::string& title, std::optional<id_type> track) {
    auto ch = s.open_round(1, title, track, {vote_method::dots, 5, 3, true}, false, false, 0);
    REQUIRE(ch);
    return std::get<round_opened>(ch->body).r.id;
  }
};

}  // namespace

TEST_CASE("a change's rounds with changed results: votes, merges, splits, moves, removals") {
  fixture f;
  struct row {
    const char* what;
    std::function<result<change>(fixture&)> apply;
    std::function<std::vector<id_type>(const fixture&)> expected;
  };
  using ids = std::vector<id_type>;
  const std::vector<row> table{
      {"a vote: its round", [](fixture& x) { return x.s.vote(x.ana, x.c, x.i3, 1, 0); },
       [](const fixture& x) { return ids{x.c}; }},
      {"a merge: every round listing the merged idea",
       [](fixture& x) { return x.s.merge_idea(1, x.i2, x.i1, 0); },
       [](const fixture& x) {
         return ids{x.a, x.b};
       }},
      {"a split: the same rounds again", [](fixture& x) { return x.s.split_idea(1, x.i2, 0); },
       [](const fixture& x) {
         return ids{x.a, x.b};
       }},
      {"a merge of an idea that no round lists",
       [](fixture& x) { return x.s.merge_idea(1, x.late, x.i1, 0); },
       [](const fixture&) { return ids{}; }},
      {"a moved member: the rounds where they have a ballot",
       [](fixture& x) { return x.s.move_member(1, x.cy, 2, std::nullopt, 0); },
       [](const fixture& x) {
         return ids{x.a, x.b};
       }},
      {"a removed member: the rounds their ballots left",
       [](fixture& x) { return x.s.remove_member(1, x.cy, 0); },
       [](const fixture& x) {
         return ids{x.a, x.b};
       }},
      {"an idea posted", [](fixture& x) { return x.s.post_idea(x.ana, 1, "four", false, 0); },
       [](const fixture&) { return ids{}; }},
      {"an idea hidden", [](fixture& x) { return x.s.set_hidden(1, x.i1, true, 0); },
       [](const fixture&) { return ids{}; }},
      {"a round closed", [](fixture& x) { return x.s.close_round(1, x.a, 0); },
       [](const fixture&) { return ids{}; }},
  };
  for (const auto& r : table) {
    INFO(r.what);
    auto ch = r.apply(f);
    REQUIRE(ch);
    CHECK(rounds_with_changed_results(ch.value(), f.s) == r.expected(f));
  }
}
