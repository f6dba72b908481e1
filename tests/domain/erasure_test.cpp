// Tests of a member's data rights: erasing a member (who may, what stays, what goes, totals
// kept and groups dropped) and what their own download holds. Every refusal changes nothing.
#include "catch.hpp"

#include "domain/event_state.hpp"
#include "domain/text.hpp"

using namespace rt::domain;

namespace {

struct fixture {
  event_state s;
  id_type ana = 0, ben = 0, lead = 0, ana_idea = 0, ben_idea = 0, proposal = 0, round = 0;
  id_type ana_comment = 0, ben_reply = 0;

  fixture() : s(make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public", ""}}, 0).value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "Facilitator";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana Zed", "Zed Labs", "academia", 1);
    ben = join("Ben", "Org", "sme", 1);
    lead = std::get<member_joined>(s.add_member(1, role::lead, 1, "Lead", "hl", 10)->body).m.id;
    ana_idea =
        std::get<idea_posted>(s.post_idea(ana, 1, "Learning accounts", false, 20)->body).i.id;
    ben_idea = std::get<idea_posted>(s.post_idea(ben, 1, "Vouchers", false, 21)->body).i.id;
    proposal_draft d{"Accounts", 1, {ana_idea}, std::nullopt, std::nullopt, {ana, ben}};
    proposal = std::get<proposal_created>(s.create_proposal(1, d, 30)->body).p.id;
    auto text = change_set::replace_range(0, 0, 0, u"Ana wrote this").value();
    REQUIRE(s.push_section(ana, proposal, 0, 0, {{"c-ana", text}}, 40, {}));
    comment_draft top{proposal, std::nullopt, 0, 0, 0, "", std::nullopt, "A question"};
    ana_comment = std::get<comment_added>(s.add_comment(ana, top, 50)->body).c.id;
    comment_draft reply{proposal, std::nullopt, 0, 0, 0, "", ana_comment, "An answer"};
    ben_reply = std::get<comment_added>(s.add_comment(ben, reply, 51)->body).c.id;
    round = std::get<round_opened>(s.open_round(1, "Vote", 1, {}, true, false, 60)->body).r.id;
    REQUIRE(s.vote(ana, round, ben_idea, 2, 61));
    REQUIRE(s.vote(ben, round, ben_idea, 1, 62));
  }
  id_type join(const std::string& name, const std::string& org, const std::string& group,
               id_type track) {
    auto c = s.join({name, org, group, track, true}, "h-" + name, 5);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  const item_result& result_of(id_type item) {
    results = s.results(round);
    for (const auto& r : results)
      if (r.item == item) return r;
    FAIL("no result");
    return results.front();
  }
  std::vector<item_result> results;
};

}  // namespace

TEST_CASE("erase_member: only a facilitator, never oneself, only a member still there") {
  fixture f;
  const auto seq = f.s.seq();
  CHECK(f.s.erase_member(f.ben, f.ana, false, 70).err().code == errc::forbidden);   // participant
  CHECK(f.s.erase_member(f.lead, f.ana, false, 70).err().code == errc::forbidden);  // a lead
  CHECK(f.s.erase_member(1, 1, false, 70).err().code == errc::forbidden);           // oneself
  CHECK(f.s.erase_member(1, 99, false, 70).err().code == errc::not_found);
  CHECK(f.s.erase_member(99, f.ana, false, 70).err().code == errc::bad_token);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.find_member(f.ana)->name == "Ana Zed");
  REQUIRE(f.s.erase_member(1, f.ana, false, 70));
  CHECK(f.s.erase_member(1, f.ana, false, 71).err().code == errc::not_found);  // erased already
  // An erased member is no longer moved, removed, renamed or given a link.
  CHECK(f.s.move_member(1, f.ana, 2, std::nullopt, 72).err().code == errc::not_found);
  CHECK(f.s.remove_member(1, f.ana, 72).err().code == errc::not_found);
  CHECK(f.s.reissue_link(1, f.ana, "h-new", 72).err().code == errc::not_found);
  CHECK(f.s.revoke_link(1, f.ana, 72).err().code == errc::not_found);
  CHECK(f.s.update_proposal(1, f.proposal, std::nullopt, std::vector<id_type>{f.ana}, 72)
            .err()
            .code == errc::bad_value);
}

TEST_CASE("erasing and keeping contributions: personal data goes, what they wrote stays") {
  fixture f;
  const auto before = f.result_of(f.ben_idea);
  CHECK(before.votes == 3);
  CHECK(before.voters == 2);
  CHECK(before.voters_by_group.at("academia") == 1);
  const auto participants = f.s.participant_count();

  auto erased = f.s.erase_member(1, f.ana, false, 70);
  REQUIRE(erased);
  CHECK(kind_name(erased->body) == "member_erased");
  const auto& x = std::get<member_erased>(erased->body);
  CHECK(x.member == f.ana);
  CHECK(x.track == 1);
  CHECK_FALSE(x.contributions_deleted);
  CHECK(x.ideas.empty());
  CHECK(x.comments.empty());
  CHECK(x.rounds == std::vector<id_type>{f.round});
  REQUIRE(x.proposals.size() == 1);
  CHECK(x.proposals[0].team == std::vector<id_type>{f.ben});

  const member* m = f.s.find_member(f.ana);
  REQUIRE(m != nullptr);
  CHECK(m->erased);
  CHECK(m->name.empty());
  CHECK(m->organisation.empty());
  CHECK(m->email.empty());
  CHECK(m->token_hash.empty());
  CHECK_FALSE(m->credit);
  CHECK(f.s.find_member_by_token("h-Ana Zed") == nullptr);
  CHECK(f.s.participant_count() == participants - 1);
  CHECK(f.s.find_proposal(f.proposal)->team == std::vector<id_type>{f.ben});

  // Their idea, comment and section text stay, still theirs (shown as a former participant).
  CHECK(f.s.find_idea(f.ana_idea)->author == f.ana);
  CHECK(f.s.comments().at(f.ana_comment).author == f.ana);
  CHECK(f.s.find_section(f.proposal, 0)->text() == u"Ana wrote this");
  CHECK(f.s.has_posted(f.ana));

  // Their votes count in the totals, in no group; the round's groups are the others' only.
  const auto after = f.result_of(f.ben_idea);
  CHECK(after.votes == 3);
  CHECK(after.voters == 2);
  CHECK_FALSE(after.voters_by_group.contains("academia"));
  CHECK_FALSE(after.votes_by_group.contains("academia"));
  CHECK(after.voters_by_group.at("sme") == 1);
  CHECK(after.consensus == Approx(2.0 / 3.0));  // over the one group left: (1+1)/(1+2)
  // No longer eligible: the turnout counts the others.
  CHECK(f.s.turnout_of(f.round).all.eligible == 2);  // Ben and the lead

  CHECK_FALSE(f.s.data_of(f.ana));  // nothing left to download: the token is gone
  CHECK(rounds_with_changed_results(erased.value(), f.s) == std::vector<id_type>{f.round});
}

TEST_CASE("erasing with their contributions: ideas and comments deleted, others' kept") {
  fixture f;
  // Ben's idea is merged into Ana's: it moves up (stands alone) when Ana's is deleted.
  REQUIRE(f.s.merge_idea(1, f.ben_idea, f.ana_idea, 65));
  auto erased = f.s.erase_member(1, f.ana, true, 70);
  REQUIRE(erased);
  const auto& x = std::get<member_erased>(erased->body);
  CHECK(x.contributions_deleted);
  REQUIRE(x.ideas.size() == 2);
  CHECK(x.ideas[0].id == f.ana_idea);
  CHECK(x.ideas[0].deleted);
  CHECK(x.ideas[0].text.empty());
  CHECK(x.ideas[1].id == f.ben_idea);
  CHECK_FALSE(x.ideas[1].merged_into);
  CHECK(x.comments == std::vector<id_type>{f.ana_comment});
  REQUIRE(x.replies.size() == 1);
  CHECK(x.replies[0].id == f.ben_reply);
  CHECK_FALSE(x.replies[0].parent);

  CHECK(f.s.find_idea(f.ana_idea) == nullptr);
  CHECK(f.s.find_idea(f.ben_idea) != nullptr);
  CHECK_FALSE(f.s.find_idea(f.ben_idea)->merged_into);
  CHECK_FALSE(f.s.comments().contains(f.ana_comment));
  CHECK_FALSE(f.s.comments().at(f.ben_reply).parent);
  // Section texts are the proposal's, not theirs alone: they stay.
  CHECK(f.s.find_section(f.proposal, 0)->text() == u"Ana wrote this");
  // Totals stay.
  CHECK(f.result_of(f.ben_idea).votes == 3);
}

TEST_CASE("data_of: a member's profile, ideas, comments, votes and section edits") {
  fixture f;
  CHECK_FALSE(f.s.data_of(99));
  const auto d = f.s.data_of(f.ana);
  REQUIRE(d);
  CHECK(d->profile.name == "Ana Zed");
  CHECK(d->profile.organisation == "Zed Labs");
  CHECK(d->profile.group == "academia");
  CHECK(d->profile.token_hash.empty());
  REQUIRE(d->ideas.size() == 1);
  CHECK(d->ideas[0].text == "Learning accounts");
  REQUIRE(d->comments.size() == 1);
  CHECK(d->comments[0].text == "A question");
  REQUIRE(d->votes.size() == 1);
  CHECK(d->votes[0].round == f.round);
  CHECK(d->votes[0].item == f.ben_idea);
  CHECK(d->votes[0].votes == 2);
  REQUIRE(d->edits.size() == 1);
  CHECK(d->edits[0].proposal == f.proposal);
  CHECK(d->edits[0].section == 0);
  CHECK(d->edits[0].version == 1);
  CHECK(d->edits[0].at == 40);
  CHECK(d->edits[0].inserted == "Ana wrote this");
  // Ben's data holds none of Ana's.
  const auto b = f.s.data_of(f.ben);
  REQUIRE(b);
  CHECK(b->ideas.size() == 1);
  CHECK(b->ideas[0].text == "Vouchers");
  CHECK(b->edits.empty());
  CHECK(b->comments.size() == 1);
}
