// Tests of the drafting rules: the template, proposals and their teams, who writes a section,
// pushes through event_state, comments and their phases, freezing, and rounds over clusters
// and proposals. Every refusal changes nothing.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "domain/text.hpp"

using namespace rt::domain;

namespace {

struct fixture {
  event_state s;
  id_type ana = 0, ben = 0, omar = 0, lead = 0, idea1 = 0, idea2 = 0, table1 = 0;

  fixture() : s(make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public", ""}}, 0).value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "Facilitator";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana", 1);
    ben = join("Ben", 1);
    omar = join("Omar", 2);
    auto l = s.add_member(1, role::lead, 1, "Lead", "hl", 10);
    REQUIRE(l);
    lead = std::get<member_joined>(l->body).m.id;
    idea1 = std::get<idea_posted>(s.post_idea(ana, 1, "Learning accounts", false, 20)->body).i.id;
    idea2 = std::get<idea_posted>(s.post_idea(ben, 1, "Vouchers", false, 21)->body).i.id;
    table1 = std::get<table_added>(s.add_table(1, 1, "Table A", 22)->body).t.id;
    REQUIRE(s.move_member(1, ana, 1, table1, 23));
  }
  id_type join(const std::string& name, id_type track) {
    auto c = s.join({name, "Org", "sme", track, true}, "h-" + name, 5);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  id_type create(id_type actor = 1) {
    proposal_draft d{"Individual AI Learning Account", 1, {idea1}, std::nullopt, table1, {ben}};
    auto c = s.create_proposal(actor, d, 30);
    REQUIRE(c);
    return std::get<proposal_created>(c->body).p.id;
  }
  static change_set insert_at(std::int64_t length, std::int64_t at, const std::u16string& text) {
    return change_set::replace_range(length, at, at, text).value();
  }
};

}  // namespace

TEST_CASE("the default template and its changes before the first proposal") {
  fixture f;
  REQUIRE(f.s.template_sections().size() == 6);
  CHECK(f.s.template_sections()[0].heading == "One-line summary");
  CHECK(f.s.set_template(f.ana, {{"A", ""}}, 40).err().code == errc::forbidden);
  CHECK(f.s.set_template(1, {}, 40).err().code == errc::bad_value);
  CHECK(f.s.set_template(1, {{"", "hint"}}, 40).err().code == errc::bad_text);
  CHECK(f.s.set_template(1, std::vector<template_section>(13, {"x", ""}), 40).err().code ==
        errc::bad_value);
  const auto seq = f.s.seq();
  CHECK(f.s.seq() == seq);
  auto c = f.s.set_template(1, {{" Summary ", "One sentence."}, {"Plan", ""}}, 40);
  REQUIRE(c);
  CHECK(f.s.template_sections()[0].heading == "Summary");
  f.create();
  CHECK(f.s.set_template(1, {{"Late", ""}}, 50).err().code == errc::bad_value);
  CHECK(f.s.template_sections().size() == 2);
}

TEST_CASE("proposals: who creates them, their sources and their team") {
  fixture f;
  proposal_draft d{"Title", 1, {f.idea1}, std::nullopt, std::nullopt, {}};
  CHECK(f.s.create_proposal(f.ana, d, 30).err().code == errc::forbidden);
  d.track = 2;
  CHECK(f.s.create_proposal(f.lead, d, 30).err().code == errc::forbidden);  // a lead of track 1
  CHECK(f.s.create_proposal(1, d, 30).err().code == errc::bad_value);       // idea of track 1
  d.track = 1;
  d.ideas = {9999};
  CHECK(f.s.create_proposal(1, d, 30).err().code == errc::bad_value);
  d.ideas = {};
  d.title = "";
  CHECK(f.s.create_proposal(1, d, 30).err().code == errc::bad_text);
  CHECK(f.s.proposals().empty());

  const auto id = f.create(f.lead);
  const auto& p = *f.s.find_proposal(id);
  CHECK(p.ideas == std::vector<id_type>{f.idea1});
  CHECK(p.team == std::vector<id_type>{f.ana, f.ben});  // the table's Ana, and Ben by name
  CHECK(p.table == f.table1);

  // From a cluster: its ideas join the sources.
  const auto cl = std::get<cluster_created>(f.s.create_cluster(1, 1, "Skills", 31)->body).c.id;
  REQUIRE(f.s.cluster_idea(1, f.idea2, cl, 32));
  proposal_draft from_cluster{"From cluster", 1, {f.idea1}, cl, std::nullopt, {}};
  auto c = f.s.create_proposal(1, from_cluster, 33);
  REQUIRE(c);
  CHECK(std::get<proposal_created>(c->body).p.ideas == std::vector<id_type>{f.idea1, f.idea2});
}

TEST_CASE("updating and deleting proposals") {
  fixture f;
  const auto id = f.create();
  CHECK(f.s.update_proposal(f.omar, id, std::string("X"), std::nullopt, 40).err().code ==
        errc::forbidden);
  CHECK(f.s.update_proposal(f.ana, id, std::nullopt, std::vector<id_type>{f.ana}, 40).err().code ==
        errc::forbidden);
  CHECK(f.s.update_proposal(f.ana, id, std::nullopt, std::nullopt, 40).err().code ==
        errc::bad_value);
  CHECK(f.s.update_proposal(1, 77, std::string("X"), std::nullopt, 40).err().code ==
        errc::not_found);
  REQUIRE(f.s.update_proposal(f.ana, id, std::string("Renamed"), std::nullopt, 40));
  REQUIRE(f.s.update_proposal(f.lead, id, std::nullopt, std::vector<id_type>{f.omar, f.ana, f.omar},
                              41));
  CHECK(f.s.find_proposal(id)->title == "Renamed");
  CHECK(f.s.find_proposal(id)->team == std::vector<id_type>{f.ana, f.omar});
  CHECK(f.s.delete_proposal(f.ana, id, 42).err().code == errc::forbidden);
  REQUIRE(f.s.delete_proposal(1, id, 42));
  CHECK(f.s.find_proposal(id) == nullptr);
  CHECK(f.s.delete_proposal(1, id, 43).err().code == errc::not_found);
}

TEST_CASE("sections: the team, the track's lead and facilitators write; frozen stops them") {
  fixture f;
  const auto id = f.create();
  std::vector<client_update> hello{{"c1", fixture::insert_at(0, 0, u"Hello")}};
  CHECK(f.s.push_section(f.omar, id, 0, 0, hello, 50, {}).err().code == errc::forbidden);
  CHECK(f.s.push_section(f.ana, id, 9, 0, hello, 50, {}).err().code == errc::not_found);
  CHECK(f.s.push_section(f.ana, 99, 0, 0, hello, 50, {}).err().code == errc::not_found);
  auto pushed = f.s.push_section(f.ana, id, 0, 0, hello, 50, {});
  REQUIRE(pushed);
  CHECK(pushed->from_version == 0);
  CHECK(pushed->updates.size() == 1);
  CHECK(f.s.find_section(id, 0)->text() == u"Hello");
  // A misfitting change (the text has 5 characters now, the change assumes 3 at version 1).
  std::vector<client_update> bad{{"c2", fixture::insert_at(3, 0, u"x")}};
  CHECK(f.s.push_section(f.lead, id, 0, 1, bad, 51, {}).err().code == errc::bad_value);
  std::vector<client_update> lead{{"c2", fixture::insert_at(5, 5, u"!")}};
  REQUIRE(f.s.push_section(f.lead, id, 0, 1, lead, 51, {}));
  REQUIRE(f.s.freeze_proposals(1, true, 52));
  CHECK(f.s.freeze_proposals(1, true, 52).err().code == errc::bad_value);
  std::vector<client_update> more{{"c1", fixture::insert_at(6, 0, u">")}};
  CHECK(f.s.push_section(f.ana, id, 0, 2, more, 53, {}).err().code == errc::frozen);
  CHECK(f.s.update_proposal(f.ana, id, std::string("X"), std::nullopt, 53).err().code ==
        errc::frozen);
  CHECK(f.s.find_section(id, 0)->text() == u"Hello!");
  REQUIRE(f.s.freeze_proposals(1, false, 54));
  REQUIRE(f.s.push_section(f.ana, id, 0, 2, more, 55, {}));
  CHECK(f.s.find_section(id, 0)->text() == u">Hello!");
}

TEST_CASE("comments: passages, replies, resolving, and who may comment when") {
  fixture f;
  const auto id = f.create();
  REQUIRE(f.s.push_section(f.ana, id, 1, 0,
                           {{"c", fixture::insert_at(0, 0, u"The problem is big")}}, 50, {}));
  comment_draft on_passage{id, 1, 4, 11, 1, "problem", std::nullopt, "Which one?"};
  auto c = f.s.add_comment(f.ben, on_passage, 60);
  REQUIRE(c);
  const auto first = std::get<comment_added>(c->body).c.id;
  comment_draft outside = on_passage;
  outside.to = 99;
  CHECK(f.s.add_comment(f.ben, outside, 61).err().code == errc::bad_value);
  outside = on_passage;
  outside.version = 7;
  CHECK(f.s.add_comment(f.ben, outside, 61).err().code == errc::bad_value);
  comment_draft empty{id, std::nullopt, 0, 0, 0, "", std::nullopt, "  "};
  CHECK(f.s.add_comment(f.ben, empty, 61).err().code == errc::bad_text);
  comment_draft reply{id, std::nullopt, 0, 0, 0, "", first, "The skills gap."};
  auto r = f.s.add_comment(f.ana, reply, 62);
  REQUIRE(r);
  comment_draft deep{id, std::nullopt, 0, 0, 0, "", std::get<comment_added>(r->body).c.id, "x"};
  CHECK(f.s.add_comment(f.ana, deep, 63).err().code == errc::bad_value);
  // Omar is of another track: not before the review phase.
  comment_draft from_omar{id, std::nullopt, 0, 0, 0, "", std::nullopt, "Nice"};
  CHECK(f.s.add_comment(f.omar, from_omar, 64).err().code == errc::forbidden);
  CHECK(f.s.resolve_comment(f.omar, first, true, 64).err().code == errc::forbidden);
  const auto review = [&] {
    for (std::size_t i = 0; i < f.s.agenda().size(); ++i) {
      if (f.s.agenda()[i].kind == phase_kind::review) return static_cast<int>(i);
    }
    return -1;
  }();
  REQUIRE(review >= 0);
  REQUIRE(f.s.go_to_phase(1, review, 65));
  REQUIRE(f.s.add_comment(f.omar, from_omar, 66));
  // Resolving: threads, not replies; the team (or the author).
  CHECK(f.s.resolve_comment(f.ana, std::get<comment_added>(r->body).c.id, true, 67).err().code ==
        errc::bad_value);
  REQUIRE(f.s.resolve_comment(f.ana, first, true, 67));
  CHECK(f.s.resolve_comment(f.ana, first, true, 67).err().code == errc::bad_value);
  CHECK(f.s.comments().at(first).resolved);
  REQUIRE(f.s.freeze_proposals(1, true, 68));
  REQUIRE(f.s.add_comment(f.ben, from_omar, 69));  // comments go on while frozen
}

TEST_CASE("rounds over clusters and proposals; own items where forbidden") {
  fixture f;
  const auto cl = std::get<cluster_created>(f.s.create_cluster(1, 1, "Skills", 31)->body).c.id;
  CHECK(f.s.open_round(1, "Clusters", 1, {}, false, true, 40, item_kind::cluster).err().code ==
        errc::bad_value);
  REQUIRE(f.s.cluster_idea(1, f.idea1, cl, 32));
  round_rules no_own{vote_method::dots, 5, 3, false};
  auto c = f.s.open_round(1, "Clusters", 1, no_own, false, true, 40, item_kind::cluster);
  REQUIRE(c);
  const auto& r = std::get<round_opened>(c->body).r;
  CHECK(r.items == std::vector<id_type>{cl});
  CHECK(f.s.vote(f.ana, r.id, cl, 1, 41).err().code == errc::own_idea);  // Ana's idea is in it
  REQUIRE(f.s.vote(f.ben, r.id, cl, 2, 41));
  CHECK(f.s.results(r.id).at(0).votes == 2);
  CHECK(f.s.item_label(r, cl) == "Skills");

  CHECK(f.s.open_round(1, "Final", std::nullopt, {}, false, true, 42, item_kind::proposal)
            .err()
            .code == errc::bad_value);
  const auto p = f.create();
  auto fin = f.s.open_round(1, "Final", std::nullopt, no_own, false, true, 43, item_kind::proposal);
  REQUIRE(fin);
  const auto& final_round = std::get<round_opened>(fin->body).r;
  CHECK(final_round.items == std::vector<id_type>{p});
  CHECK(f.s.vote(f.ben, final_round.id, p, 1, 44).err().code == errc::own_idea);  // on the team
  REQUIRE(f.s.vote(f.omar, final_round.id, p, 3, 44));
  CHECK(f.s.item_label(final_round, p) == "Individual AI Learning Account");
  CHECK(f.s.delete_proposal(1, p, 45).err().code == errc::bad_value);

  // Who votes by default: a track's clusters, its members; proposals, everyone (also when
  // they are one track's).
  CHECK(r.eligible == eligibility{voters::track, {}});
  CHECK(f.s.vote(f.omar, r.id, cl, 1, 46).err().code == errc::not_eligible);
  CHECK(final_round.eligible == eligibility{voters::everyone, {}});
  auto one = f.s.open_round(1, "Skills", 1, no_own, false, true, 46, item_kind::proposal);
  REQUIRE(one);
  const auto& skills = std::get<round_opened>(one->body).r;
  CHECK(skills.eligible == eligibility{voters::everyone, {}});
  CHECK(f.s.vote(f.omar, skills.id, p, 1, 47));
}
