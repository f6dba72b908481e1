// Tests of who may come in and who may be taken out: closing joining with the code, and
// removing a member who never posted (their ballots, teams and token go; ids are not reused).
// Every refusal changes nothing.
#include "catch.hpp"

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

struct fixture {
  event_state s;
  id_type ana = 0, ben = 0, omar = 0, lead = 0, viewer = 0;

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
    lead = link(role::lead, 1, "Lead", "hl");
    viewer = link(role::viewer, std::nullopt, "Screen", "hv");
  }
  id_type join(const std::string& name, id_type track) {
    auto c = s.join({name, "Org", "sme", track, true}, "h-" + name, 5);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  id_type link(role r, std::optional<id_type> track, const std::string& name,
               const std::string& hash) {
    auto c = s.add_member(1, r, track, name, hash, 10);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
};

}  // namespace

TEST_CASE("the facilitator closes and reopens joining with the code") {
  fixture f;
  CHECK(f.s.self_join());
  CHECK(f.s.set_self_join(f.lead, false, 20).err().code == errc::forbidden);
  CHECK(f.s.set_self_join(f.ana, false, 20).err().code == errc::forbidden);
  CHECK(f.s.set_self_join(1, true, 20).err().code == errc::bad_value);  // open already
  const auto seq = f.s.seq();
  auto closed = f.s.set_self_join(1, false, 20);
  REQUIRE(closed);
  CHECK(closed->seq == seq + 1);
  CHECK_FALSE(std::get<self_join_changed>(closed->body).open);
  CHECK(kind_name(closed->body) == "self_join_changed");
  CHECK_FALSE(f.s.self_join());
  CHECK(f.s.set_self_join(1, false, 21).err().code == errc::bad_value);

  // While closed, a join creates nothing; links and rosters still bring people in.
  const auto members = f.s.members().size();
  const auto participants = f.s.participant_count();
  CHECK(f.s.join({"Zoe", "", "sme", 1, false}, "h-zoe", 22).err().code == errc::join_closed);
  CHECK(f.s.members().size() == members);
  CHECK(f.s.participant_count() == participants);
  CHECK(f.s.find_member_by_token("h-zoe") == nullptr);
  CHECK(f.s.seq() == seq + 1);
  CHECK(f.s.find_member_by_token("h-Ana")->id == f.ana);
  CHECK(f.s.import_roster(1, {{"Zoe", "", "sme", "Skills", "", ""}}, {"h-roster"}, 23));
  CHECK(f.link(role::viewer, std::nullopt, "Screen 2", "hv2") > 0);

  REQUIRE(f.s.set_self_join(1, true, 24));
  CHECK(f.s.self_join());
  CHECK(f.s.join({"Zoe", "", "sme", 1, false}, "h-zoe", 25));
}

TEST_CASE("the event's language: chosen at creation, changed by facilitators only") {
  CHECK(is_language("de"));
  CHECK(is_language("ga"));
  CHECK_FALSE(is_language("DE"));
  CHECK_FALSE(is_language("de-AT"));
  CHECK_FALSE(is_language("nb"));
  CHECK_FALSE(is_language(""));
  CHECK(make_event(2, "K7QX2N", "E", {{"T", ""}}, 0, default_groups(), "xx").err().code ==
        errc::bad_value);
  const auto german = make_event(2, "K7QX2N", "E", {{"T", ""}}, 0, default_groups(), "de");
  REQUIRE(german);
  CHECK(german->language == "de");
  CHECK(german->screens == screen_languages::event);

  fixture f;
  CHECK(f.s.info().language == "en");
  const auto seq = f.s.seq();
  CHECK(f.s.set_event_language(f.lead, "de", std::nullopt, 20).err().code == errc::forbidden);
  CHECK(f.s.set_event_language(f.ana, "de", std::nullopt, 20).err().code == errc::forbidden);
  CHECK(f.s.set_event_language(1, "xx", std::nullopt, 20).err().code == errc::bad_value);
  CHECK(f.s.set_event_language(1, "xx", screen_languages::room, 20).err().code == errc::bad_value);
  CHECK(f.s.set_event_language(1, std::nullopt, std::nullopt, 20).err().code == errc::bad_value);
  CHECK(f.s.set_event_language(1, "en", screen_languages::event, 20).err().code ==
        errc::bad_value);  // nothing would change
  CHECK(f.s.seq() == seq);
  CHECK(f.s.info().language == "en");
  CHECK(f.s.info().screens == screen_languages::event);

  auto changed = f.s.set_event_language(1, "fr", screen_languages::room, 21);
  REQUIRE(changed);
  CHECK(changed->seq == seq + 1);
  CHECK(kind_name(changed->body) == "event_language_changed");
  CHECK(std::get<event_language_changed>(changed->body).language == "fr");
  CHECK(std::get<event_language_changed>(changed->body).screens == screen_languages::room);
  // One field alone: the other stays as it is, and the change carries both.
  auto screens = f.s.set_event_language(1, std::nullopt, screen_languages::event, 22);
  REQUIRE(screens);
  CHECK(std::get<event_language_changed>(screens->body).language == "fr");
  CHECK(f.s.info().language == "fr");
  CHECK(f.s.info().screens == screen_languages::event);
  CHECK(to_string(screen_languages::room) == "room");
  CHECK(parse_screen_languages("room") == screen_languages::room);
  CHECK_FALSE(parse_screen_languages("Room").has_value());
}

TEST_CASE("who may remove whom") {
  fixture f;
  const auto seq = f.s.seq();
  CHECK(f.s.remove_member(f.ana, f.ben, 30).err().code == errc::forbidden);     // a participant
  CHECK(f.s.remove_member(f.viewer, f.ben, 30).err().code == errc::forbidden);  // a viewer
  CHECK(f.s.remove_member(f.lead, f.omar, 30).err().code == errc::forbidden);   // another track
  CHECK(f.s.remove_member(f.lead, f.viewer, 30).err().code ==
        errc::forbidden);                                                 // not a participant
  CHECK(f.s.remove_member(1, f.lead, 30).err().code == errc::forbidden);  // staff
  CHECK(f.s.remove_member(1, 1, 30).err().code == errc::forbidden);       // oneself
  CHECK(f.s.remove_member(f.lead, f.lead, 30).err().code == errc::forbidden);
  CHECK(f.s.remove_member(1, 99, 30).err().code == errc::not_found);
  CHECK(f.s.remove_member(99, f.ana, 30).err().code == errc::bad_token);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.members().size() == 6);

  CHECK(f.s.remove_member(f.lead, f.ben, 31));  // a participant of the lead's track
  CHECK(f.s.remove_member(1, f.omar, 32));      // facilitators: any participant
  CHECK(f.s.remove_member(1, f.viewer, 33));    // and viewers
  CHECK(f.s.members().size() == 3);
  CHECK(f.s.remove_member(1, f.omar, 34).err().code == errc::not_found);  // gone already
}

TEST_CASE("someone who posted stays: ideas (also merged or hidden), comments, section text") {
  fixture f;
  REQUIRE(f.s.set_template(1, {{"Summary", ""}}, 11));
  const auto ideas = [&](id_type who) {
    auto c = f.s.post_idea(who, 1, "An idea by " + std::to_string(who), false, 20);
    REQUIRE(c);
    return std::get<idea_posted>(c->body).i.id;
  };
  const auto top = ideas(f.ben);
  const auto merged = ideas(f.ana);
  REQUIRE(f.s.merge_idea(1, merged, top, 21));
  REQUIRE(f.s.set_hidden(1, merged, true, 22));
  const auto seq = f.s.seq();
  auto refused = f.s.remove_member(1, f.ana, 23);
  CHECK(refused.err().code == errc::bad_value);
  CHECK(refused.err().message.find("hide their ideas") != std::string::npos);
  CHECK(f.s.find_member(f.ana) != nullptr);
  CHECK(f.s.seq() == seq);

  // An idea deleted by its author no longer counts.
  const auto once = ideas(f.omar);
  REQUIRE(f.s.delete_idea(f.omar, once, 24));
  CHECK_FALSE(f.s.has_posted(f.omar));

  // A comment, or text in a proposal's section.
  auto p = f.s.create_proposal(1, {"Accounts", 1, {top}, std::nullopt, std::nullopt, {f.ben}}, 25);
  REQUIRE(p);
  const auto pid = std::get<proposal_created>(p->body).p.id;
  const auto pupil = f.join("Pia", 1);
  const auto writer = f.join("Wim", 1);
  comment_draft d;
  d.proposal = pid;
  d.text = "Who pays?";
  REQUIRE(f.s.add_comment(pupil, d, 26));
  CHECK(f.s.remove_member(1, pupil, 27).err().code == errc::bad_value);
  REQUIRE(f.s.update_proposal(1, pid, std::nullopt, std::vector<id_type>{f.ben, writer}, 28));
  std::vector<client_update> hello{{"w1", change_set::replace_range(0, 0, 0, u"Hello").value()}};
  REQUIRE(f.s.push_section(writer, pid, 0, 0, hello, 29, {}));
  CHECK(f.s.has_posted(writer));
  CHECK(f.s.remove_member(1, writer, 30).err().code == errc::bad_value);
}

TEST_CASE("a removed member's ballots, team places and token go; ids are never reused") {
  fixture f;
  const auto i1 =
      std::get<idea_posted>(f.s.post_idea(f.omar, 1, "Learning accounts", false, 20)->body).i.id;
  const auto i2 = std::get<idea_posted>(f.s.post_idea(f.omar, 1, "Vouchers", false, 21)->body).i.id;
  const round_rules dots{vote_method::dots, 5, 3, true};
  auto r1 = f.s.open_round(1, "First", 1, dots, false, true, 22);
  auto r2 = f.s.open_round(1, "Second", 1, dots, false, true, 23);
  REQUIRE(r1);
  REQUIRE(r2);
  const auto round1 = std::get<round_opened>(r1->body).r.id;
  const auto round2 = std::get<round_opened>(r2->body).r.id;
  REQUIRE(f.s.vote(f.ben, round1, i1, 3, 24));
  REQUIRE(f.s.vote(f.ana, round1, i1, 1, 25));
  REQUIRE(f.s.vote(f.ben, round2, i2, 2, 26));
  REQUIRE(f.s.vote(f.ben, round2, i2, 0, 27));  // taken back: round 2 is not affected
  CHECK(f.s.results(round1).front().votes == 4);
  auto p =
      f.s.create_proposal(1, {"Accounts", 1, {i1}, std::nullopt, std::nullopt, {f.ana, f.ben}}, 28);
  REQUIRE(p);
  const auto pid = std::get<proposal_created>(p->body).p.id;
  const auto participants = f.s.participant_count();

  auto removed = f.s.remove_member(f.lead, f.ben, 30);
  REQUIRE(removed);
  CHECK(kind_name(removed->body) == "member_removed");
  CHECK(removed->actor == f.lead);
  const auto& x = std::get<member_removed>(removed->body);
  CHECK(x.member == f.ben);
  CHECK(x.track == 1);
  CHECK(x.rounds == std::vector<id_type>{round1});
  REQUIRE(x.proposals.size() == 1);
  CHECK(x.proposals[0].team == std::vector<id_type>{f.ana});

  CHECK(f.s.find_member(f.ben) == nullptr);
  CHECK(f.s.find_member_by_token("h-Ben") == nullptr);
  CHECK(f.s.participant_count() == participants - 1);
  CHECK_FALSE(f.s.ballots(round1).contains(f.ben));
  CHECK_FALSE(f.s.ballots(round2).contains(f.ben));
  CHECK(f.s.results(round1).front().votes == 1);
  CHECK(f.s.results(round1).front().voters == 1);
  CHECK(f.s.find_proposal(pid)->team == std::vector<id_type>{f.ana});
  CHECK(f.s.vote(f.ben, round1, i1, 1, 31).err().code == errc::bad_token);

  // The next member gets a new id; a restored event skips the removed one but keeps counting.
  const auto next = f.join("Nora", 1);
  CHECK(next > f.viewer);
  event_state restored(f.s.info());
  for (id_type id = 1; id <= next; ++id) {
    member m;
    m.id = id;
    m.token_hash = "t" + std::to_string(id);
    m.removed = id == next;
    restored.restore(m);
  }
  CHECK(restored.find_member(next) == nullptr);
  CHECK(restored.members().size() == static_cast<std::size_t>(next - 1));
  auto later = restored.join({"Olga", "", "sme", 1, false}, "h-olga", 40);
  REQUIRE(later);
  CHECK(std::get<member_joined>(later->body).m.id == next + 1);
}
