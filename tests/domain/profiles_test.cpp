// Tests of an event's own stakeholder groups (check_groups, set_groups, results and the
// consensus score by those groups) and of profiles: a participant's own edits until the
// report is published (then only withdrawing consent), a facilitator's corrections, and the
// roster's credit column and labels. Every refusal changes nothing.
#include "catch.hpp"

#include "domain/event_state.hpp"

using namespace rt::domain;

namespace {

const std::vector<stakeholder_group> economists_and_ai{{"economist", "Economist"},
                                                       {"ai", "AI specialist"}};

struct fixture {
  event_state s;
  id_type ana = 0, ben = 0, lead = 0;

  explicit fixture(const std::vector<stakeholder_group>& groups = default_groups())
      : s(make_event(1, "K7QX2M", "AI & Work", {{"Skills", ""}, {"Public", ""}}, 0, groups)
              .value()) {
    member f;
    f.id = 1;
    f.member_role = role::facilitator;
    f.name = "Facilitator";
    f.token_hash = "hf";
    s.restore(f);
    ana = join("Ana", groups.front().code);
    ben = join("Ben", groups.back().code);
    auto l = s.add_member(1, role::lead, 1, "Lead", "hl", 10);
    REQUIRE(l);
    lead = std::get<member_joined>(l->body).m.id;
  }
  id_type join(const std::string& name, const std::string& group) {
    auto c = s.join({name, "Org", group, 1, true}, "h-" + name, 5);
    REQUIRE(c);
    return std::get<member_joined>(c->body).m.id;
  }
  void publish() {
    REQUIRE(s.set_chapters(1, {}, std::nullopt, 30));
    REQUIRE(s.publish_report(1, true, 31));
  }
};

}  // namespace

TEST_CASE("an event's groups are checked: codes, labels, count, no repeats") {
  CHECK(check_groups(economists_and_ai).value() == economists_and_ai);
  CHECK(check_groups(default_groups()).value().size() == 9);
  CHECK(check_groups({}).err().code == errc::bad_value);
  CHECK(check_groups({{"Economist", "Economist"}}).err().code == errc::bad_value);  // upper case
  CHECK(check_groups({{"a-b", "A"}}).err().code == errc::bad_value);
  CHECK(check_groups({{"", "A"}}).err().code == errc::bad_value);
  CHECK(check_groups({{std::string(33, 'a'), "A"}}).err().code == errc::bad_value);
  CHECK(check_groups({{std::string(32, 'a'), "A"}}).ok());
  CHECK(check_groups({{"a", ""}}).err().code == errc::bad_text);
  CHECK(check_groups({{"a", std::string(61, 'x')}}).err().code == errc::bad_text);
  CHECK(check_groups({{"a", "A"}, {"a", "B"}}).err().code == errc::bad_value);
  CHECK(check_groups({{"a", "Same"}, {"b", "same"}}).err().code == errc::bad_value);
  std::vector<stakeholder_group> many;
  for (int i = 0; i < 21; ++i) many.push_back({"g" + std::to_string(i), "G" + std::to_string(i)});
  CHECK(check_groups(many).err().code == errc::bad_value);
  many.pop_back();
  CHECK(check_groups(many).ok());
  CHECK(check_groups({{"a", "  Spaced  "}}).value().front().label == "Spaced");
  // make_event refuses bad groups, and gives the default nine when none are given.
  CHECK(make_event(1, "K7QX2M", "T", {{"S", ""}}, 0, {}).err().code == errc::bad_value);
  const auto info = make_event(1, "K7QX2M", "T", {{"S", ""}}, 0).value();
  REQUIRE(info.groups.size() == 9);
  CHECK(info.groups[4] == stakeholder_group{"startup", "Start-up"});
  CHECK(info.groups[3].label == "Small or medium enterprise");
  CHECK(info.groups[5].label == "Academia and research");
}

TEST_CASE("joining takes one of the event's own groups") {
  fixture f(economists_and_ai);
  CHECK(f.s.find_member(f.ana)->group == "economist");
  CHECK(f.s.find_member(f.ben)->group == "ai");
  const auto seq = f.s.seq();
  CHECK(f.s.join({"Cy", "", "sme", 1, false}, "h-cy", 6).err().code == errc::bad_value);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.group_label("ai") == "AI specialist");
  CHECK(f.s.group_label("other") == "Other");  // the staff's group
}

TEST_CASE("the facilitator sets the groups until the first vote") {
  fixture f;
  CHECK(f.s.set_groups(f.ana, economists_and_ai, 20).err().code == errc::forbidden);
  CHECK(f.s.set_groups(f.lead, economists_and_ai, 20).err().code == errc::forbidden);
  CHECK(f.s.set_groups(1, {{"Bad code", "X"}}, 20).err().code == errc::bad_value);
  // Ana is in eu_institution and Ben in other: a list without them is refused.
  CHECK(f.s.set_groups(1, economists_and_ai, 20).err().code == errc::bad_value);
  CHECK(f.s.set_groups(1, default_groups(), 20).err().code == errc::bad_value);  // unchanged
  CHECK(f.s.groups() == default_groups());
  std::vector<stakeholder_group> next{
      {"eu_institution", "EU body"}, {"other", "Other"}, {"economist", "Economist"}};
  auto c = f.s.set_groups(1, next, 21);
  REQUIRE(c);
  CHECK(kind_name(c->body) == "groups_changed");
  CHECK(std::get<groups_changed>(c->body).groups == next);
  CHECK(f.s.groups() == next);
  CHECK(f.s.group_label("eu_institution") == "EU body");

  // Once someone has voted, the groups stay.
  auto idea = f.s.post_idea(f.ana, 1, "An idea", false, 22);
  REQUIRE(idea);
  auto round = f.s.open_round(1, "Vote", 1, round_rules{}, false, false, 23);
  REQUIRE(round);
  const auto round_id = std::get<round_opened>(round->body).r.id;
  CHECK(f.s.set_groups(1, default_groups(), 24));  // a round is open, nobody voted yet
  REQUIRE(f.s.vote(f.ben, round_id, std::get<idea_posted>(idea->body).i.id, 1, 25));
  const auto seq = f.s.seq();
  CHECK(f.s.set_groups(1, next, 26).err().code == errc::bad_value);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.groups() == default_groups());
}

TEST_CASE("results and the consensus score count by the event's own groups") {
  fixture f(economists_and_ai);
  const auto cy = f.join("Cy", "economist");
  auto i1 = f.s.post_idea(f.ana, 1, "One", false, 20);
  auto i2 = f.s.post_idea(f.ana, 1, "Two", false, 20);
  REQUIRE(i1);
  REQUIRE(i2);
  const auto one = std::get<idea_posted>(i1->body).i.id;
  const auto two = std::get<idea_posted>(i2->body).i.id;
  auto round = f.s.open_round(1, "Vote", 1, round_rules{}, false, false, 21);
  REQUIRE(round);
  const auto r = std::get<round_opened>(round->body).r.id;
  REQUIRE(f.s.vote(f.ana, r, one, 2, 22));  // economist
  REQUIRE(f.s.vote(cy, r, one, 1, 22));     // economist
  REQUIRE(f.s.vote(f.ben, r, two, 1, 22));  // ai
  const auto results = f.s.results(r);
  REQUIRE(results.size() == 2);
  CHECK(results[0].item == one);
  CHECK(results[0].voters_by_group.at("economist") == 2);
  CHECK(results[0].votes_by_group.at("economist") == 3);
  CHECK_FALSE(results[0].voters_by_group.contains("ai"));
  // Two economists and one AI specialist voted: sqrt(3/4 * 1/3) = 0.5
  CHECK(results[0].consensus == Approx(0.5));
  // Two: sqrt(1/4 * 2/3) = 0.4082
  CHECK(results[1].consensus == Approx(0.4082483));

  // Ben moves to the economists: his ballot now counts for them, and the change says which
  // rounds' results changed.
  auto moved = f.s.edit_member(1, f.ben, {{}, {}, "economist", {}}, 23);
  REQUIRE(moved);
  CHECK(std::get<member_updated>(moved->body).rounds == std::vector<id_type>{r});
  CHECK(rounds_with_changed_results(moved.value(), f.s) == std::vector<id_type>{r});
  const auto after = f.s.results(r);
  CHECK(after[1].voters_by_group.at("economist") == 1);
  CHECK(after[0].consensus == Approx(0.6));  // one group of three voters: (2 + 1) / (3 + 2)
}

TEST_CASE("a participant edits their own profile until the report is published") {
  fixture f;
  const auto seq = f.s.seq();
  CHECK(f.s.update_profile(1, {"New", {}, {}, {}}, 20).err().code == errc::forbidden);
  CHECK(f.s.update_profile(f.ana, {"", {}, {}, {}}, 20).err().code == errc::bad_text);
  CHECK(f.s.update_profile(f.ana, {"Facilitator", {}, {}, {}}, 20).err().code == errc::bad_text);
  CHECK(f.s.update_profile(f.ana, {{}, std::string(101, 'o'), {}, {}}, 20).err().code ==
        errc::bad_text);
  CHECK(f.s.update_profile(f.ana, {{}, {}, "lobbyist", {}}, 20).err().code == errc::bad_value);
  CHECK(f.s.update_profile(f.ana, {"Ana", {}, {}, {}}, 20).err().code == errc::bad_value);  // same
  CHECK(f.s.update_profile(f.ana, {}, 20).err().code == errc::bad_value);
  CHECK(f.s.seq() == seq);
  CHECK(f.s.find_member(f.ana)->name == "Ana");

  auto c = f.s.update_profile(f.ana, {"Ana Ruiz", "DG CNECT", "sme", false}, 21);
  REQUIRE(c);
  CHECK(kind_name(c->body) == "member_updated");
  CHECK(c->actor == f.ana);
  const auto& u = std::get<member_updated>(c->body);
  CHECK(u.m.name == "Ana Ruiz");
  CHECK(u.m.organisation == "DG CNECT");
  CHECK(u.m.group == "sme");
  CHECK_FALSE(u.m.credit);
  CHECK_FALSE(u.public_name);  // she posted nothing yet
  CHECK_FALSE(u.report);
  CHECK(f.s.find_member(f.ana)->name == "Ana Ruiz");
  REQUIRE(f.s.post_idea(f.ana, 1, "Idea", false, 22));
  auto named = f.s.update_profile(f.ana, {"Ana R.", {}, {}, true}, 23);
  REQUIRE(named);
  CHECK(std::get<member_updated>(named->body).public_name);  // her idea shows her name

  // Published: only withdrawing consent, which changes the report's credits.
  f.publish();
  CHECK(f.s.update_profile(f.ana, {"Ana", {}, {}, {}}, 40).err().code == errc::bad_value);
  CHECK(f.s.update_profile(f.ana, {{}, {}, {}, true}, 40).err().code == errc::bad_value);
  CHECK(f.s.update_profile(f.ana, {{}, {}, "sme", false}, 40).err().code == errc::bad_value);
  CHECK_FALSE(f.s.report().credits_changed_at);
  auto withdrawn = f.s.update_profile(f.ana, {{}, {}, {}, false}, 41);
  REQUIRE(withdrawn);
  CHECK_FALSE(f.s.find_member(f.ana)->credit);
  const auto& w = std::get<member_updated>(withdrawn->body);
  REQUIRE(w.report);
  CHECK(w.report->credits_changed_at == 41);
  CHECK(f.s.report().credits_changed_at == 41);
  CHECK(f.s.update_profile(f.ana, {{}, {}, {}, false}, 42).err().code == errc::bad_value);
  // A new publication starts without the note.
  REQUIRE(f.s.publish_report(1, false, 43));
  REQUIRE(f.s.publish_report(1, true, 44));
  CHECK_FALSE(f.s.report().credits_changed_at);
}

TEST_CASE("taking back one's consent is remembered until it is given again") {
  fixture f;  // Ana and Ben joined agreeing to be named
  CHECK_FALSE(f.s.find_member(f.ana)->credit_withdrawn);
  auto off = f.s.update_profile(f.ana, {{}, {}, {}, false}, 20);
  REQUIRE(off);
  CHECK(std::get<member_updated>(off->body).m.credit_withdrawn);
  CHECK(f.s.find_member(f.ana)->credit_withdrawn);
  // Other edits keep it; giving consent again clears it.
  REQUIRE(f.s.update_profile(f.ana, {"Ana R.", {}, {}, {}}, 21));
  CHECK(f.s.find_member(f.ana)->credit_withdrawn);
  REQUIRE(f.s.edit_member(1, f.ana, {"Ana Ruiz", {}, {}, {}}, 22));
  CHECK(f.s.find_member(f.ana)->credit_withdrawn);
  REQUIRE(f.s.update_profile(f.ana, {{}, {}, {}, true}, 23));
  CHECK_FALSE(f.s.find_member(f.ana)->credit_withdrawn);
  // Someone who never agreed has taken nothing back.
  auto c = f.s.join({"Cleo", "", "sme", 1, false}, "h-cleo", 24);
  REQUIRE(c);
  CHECK_FALSE(std::get<member_joined>(c->body).m.credit_withdrawn);
  // After publication, withdrawing marks it too.
  f.publish();
  REQUIRE(f.s.update_profile(f.ben, {{}, {}, {}, false}, 40));
  CHECK(f.s.find_member(f.ben)->credit_withdrawn);
}

TEST_CASE("a track lead edits their own name, organisation and consent, and has no group") {
  fixture f;
  const auto seq = f.s.seq();
  CHECK(f.s.update_profile(f.lead, {{}, {}, "sme", {}}, 20).err().code == errc::bad_value);
  CHECK(f.s.update_profile(f.lead, {"", {}, {}, {}}, 20).err().code == errc::bad_text);
  CHECK(f.s.seq() == seq);
  auto c = f.s.update_profile(f.lead, {"Lea Novak", "JRC", {}, true}, 21);
  REQUIRE(c);
  const auto& u = std::get<member_updated>(c->body);
  CHECK(u.m.name == "Lea Novak");
  CHECK(u.m.organisation == "JRC");
  CHECK(u.m.credit);
  CHECK(u.m.member_role == role::lead);
  // Published: as for participants, only withdrawing consent.
  f.publish();
  CHECK(f.s.update_profile(f.lead, {"Lea", {}, {}, {}}, 40).err().code == errc::bad_value);
  REQUIRE(f.s.update_profile(f.lead, {{}, {}, {}, false}, 41));
  CHECK_FALSE(f.s.find_member(f.lead)->credit);
}

TEST_CASE("a facilitator corrects a member's name, organisation and group") {
  fixture f(economists_and_ai);
  CHECK(f.s.edit_member(f.ana, f.ben, {"X", {}, {}, {}}, 20).err().code == errc::forbidden);
  CHECK(f.s.edit_member(f.lead, f.ben, {"X", {}, {}, {}}, 20).err().code == errc::forbidden);
  CHECK(f.s.edit_member(1, 99, {"X", {}, {}, {}}, 20).err().code == errc::not_found);
  CHECK(f.s.edit_member(1, f.ben, {{}, {}, {}, false}, 20).err().code == errc::bad_value);
  CHECK(f.s.edit_member(1, f.ben, {{}, {}, "sme", {}}, 20).err().code == errc::bad_value);
  CHECK(f.s.edit_member(1, f.lead, {{}, {}, "ai", {}}, 20).err().code == errc::bad_value);
  CHECK(f.s.edit_member(1, f.ben, {"", {}, {}, {}}, 20).err().code == errc::bad_text);
  auto c = f.s.edit_member(1, f.ben, {"Ben Okafor", "OECD", "economist", {}}, 21);
  REQUIRE(c);
  CHECK(c->actor == 1);
  const auto& m = *f.s.find_member(f.ben);
  CHECK(m.name == "Ben Okafor");
  CHECK(m.organisation == "OECD");
  CHECK(m.group == "economist");
  CHECK(m.credit);  // consent is the person's own
  // After publication a correction of a credited name changes the report's credits.
  f.publish();
  auto late = f.s.edit_member(1, f.ben, {"Ben O.", {}, {}, {}}, 50);
  REQUIRE(late);
  CHECK(std::get<member_updated>(late->body).report);
  CHECK(f.s.report().credits_changed_at == 50);
  // A staff member's name too (their group stays the staff's).
  CHECK(f.s.edit_member(1, f.lead, {"Lead of Skills", {}, {}, {}}, 51));
}

TEST_CASE("a roster takes credit, labels in any case, and skips staff rows") {
  fixture f(economists_and_ai);
  CHECK(parse_yes_no("YES") == true);
  CHECK(parse_yes_no(" no ") == false);
  CHECK(parse_yes_no("") == false);
  CHECK(parse_yes_no("1") == true);
  CHECK_FALSE(parse_yes_no("maybe"));
  // Yes and no as the roster help says them in each language.
  for (const char* y : {"ja", "JA", "oui", "Sí", "sì", "tak", "Da", "ano", "Áno", "igen", "jah",
                        "kyllä", "taip", "jā", "iva", "tá", "да", "ναι", "sim"}) {
    INFO(y);
    CHECK(parse_yes_no(y) == true);
  }
  for (const char* n : {"nein", "Non", "nee", "nej", "nie", "ne", "nu", "nem", "ei", "nē", "le",
                        "não", "níl", "не", "όχι"}) {
    INFO(n);
    CHECK(parse_yes_no(n) == false);
  }
  CHECK_FALSE(parse_yes_no("jein"));
  roster_row a{"Ana", "", "ECONOMIST", "Skills", "", "", "yes", "participant"};
  roster_row b{"Bo", "", "ai specialist", "1", "", "", "", ""};
  roster_row staff{"Facilitator", "", "Other", "", "", "", "no", "facilitator"};
  roster_row bad{"Cy", "", "Economist", "1", "", "", "perhaps", ""};
  roster_row bad_role{"Di", "", "Economist", "1", "", "", "", "boss"};
  const auto problems = f.s.check_roster({a, bad, bad_role});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].row == 2);
  CHECK(problems[0].code == "credit");
  CHECK(problems[0].texts.at("value") == "perhaps");
  CHECK(problems[1].row == 3);
  CHECK(problems[1].code == "role");
  CHECK(problems[1].texts.at("value") == "boss");
  CHECK(f.s.check_roster({staff}).at(0).code == "no_participants");
  CHECK(f.s.check_roster({staff, a, b}).empty());
  auto c = f.s.import_roster(1, {a, b}, {"r1", "r2"}, 30);
  REQUIRE(c);
  const auto& imported = std::get<roster_imported>(c->body);
  REQUIRE(imported.members.size() == 2);
  CHECK(imported.members[0].group == "economist");
  CHECK(imported.members[0].credit);
  CHECK(imported.members[1].group == "ai");
  CHECK_FALSE(imported.members[1].credit);
}
