// Tests of message serialisation: who sees what of each change, and snapshots per audience.
#include "catch.hpp"

#include "protocol/messages.hpp"

using namespace rt;
using namespace rt::protocol;
using nlohmann::json;

namespace {

struct fixture {
  domain::event_state s{domain::make_event(1, "K7QX2M", "T", {{"A", ""}, {"B", ""}}, 0).value()};
  domain::id_type ana = 0, bo = 0;
  fixture() {
    domain::member f;
    f.id = 1;
    f.member_role = domain::role::facilitator;
    f.name = "F";
    f.token_hash = "hf";
    s.restore(f);
    ana =
        std::get<domain::member_joined>(s.join({"Ana", "DG", "sme", 1, true}, "ha", 0)->body).m.id;
    bo = std::get<domain::member_joined>(s.join({"Bo", "", "other", 2, false}, "hb", 0)->body).m.id;
  }
};

json parse(const std::optional<std::string>& s) {
  REQUIRE(s);
  return json::parse(*s);
}

}  // namespace

TEST_CASE("acks and errors carry the command id") {
  CHECK(json::parse(ack("c1")) == json{{"type", "ack"}, {"id", "c1"}});
  CHECK(json::parse(ack("c1", json{{"idea", 3}}))["result"]["idea"] == 3);
  auto e = json::parse(
      error_message(std::string("c2"), domain::make_error(domain::errc::bad_text, "m")));
  CHECK(e["code"] == "bad_text");
  CHECK(e["id"] == "c2");
  CHECK_FALSE(
      json::parse(error_message(std::nullopt, domain::make_error(domain::errc::bad_json, "m")))
          .contains("id"));
}

TEST_CASE("a posted idea names its author unless anonymous; the author gets mine") {
  fixture f;
  auto named = f.s.post_idea(f.ana, 1, "named", false, 5).value();
  auto j = parse(change_message(named, f.s, audience::participant));
  CHECK(j["type"] == "change");
  CHECK(j["kind"] == "idea_posted");
  CHECK(j["seq"] == named.seq);
  CHECK(j["idea"]["author"]["name"] == "Ana");
  CHECK_FALSE(j["idea"].contains("mine"));

  auto anon = f.s.post_idea(f.ana, 1, "anon", true, 5).value();
  CHECK(parse(change_message(anon, f.s, audience::participant))["idea"]["author"].is_null());
  CHECK(parse(change_message(anon, f.s, audience::staff))["idea"]["author"].is_null());
  auto own = parse(change_message(anon, f.s, audience::author));
  CHECK(own["idea"]["author"].is_null());
  CHECK(own["idea"]["mine"] == true);
  CHECK(subject_author(anon) == f.ana);
}

TEST_CASE("participants never get a hidden idea's text; staff and the author do") {
  fixture f;
  const auto id =
      std::get<domain::idea_posted>(f.s.post_idea(f.ana, 1, "secret text", false, 5)->body).i.id;
  auto hidden = f.s.set_hidden(1, id, true, 6).value();
  const auto p = change_message(hidden, f.s, audience::participant);
  CHECK(parse(p)["idea"] == id);
  CHECK(p->find("secret text") == std::string::npos);
  CHECK(parse(change_message(hidden, f.s, audience::staff))["idea"]["text"] == "secret text");
  CHECK(parse(change_message(hidden, f.s, audience::author))["idea"]["hidden"] == true);

  auto edited = f.s.edit_idea(f.ana, id, "still secret", 7).value();
  CHECK_FALSE(change_message(edited, f.s, audience::participant));
  CHECK(parse(change_message(edited, f.s, audience::author))["idea"]["text"] == "still secret");

  auto snap_p = json::parse(snapshot_message(f.s, audience::participant, std::nullopt));
  CHECK(snap_p["ideas"].empty());
  CHECK_FALSE(snap_p.contains("members"));
  auto snap_author = json::parse(snapshot_message(f.s, audience::participant, f.ana));
  CHECK(snap_author["ideas"].size() == 1);
  CHECK(has_private_ideas(f.s, f.ana));
  CHECK_FALSE(has_private_ideas(f.s, f.bo));
  auto snap_staff = json::parse(snapshot_message(f.s, audience::staff, std::nullopt));
  CHECK(snap_staff["ideas"].size() == 1);
  CHECK(snap_staff["members"].size() == 3);
  CHECK(snap_staff["seq"] == f.s.seq());
  CHECK(snap_staff["event"]["code"] == "K7QX2M");
}

TEST_CASE("member_joined goes to staff only") {
  fixture f;
  auto j = f.s.join({"Cy", "", "academia", 1, false}, "hc", 0).value();
  CHECK_FALSE(change_message(j, f.s, audience::participant));
  CHECK(parse(change_message(j, f.s, audience::staff))["member"]["name"] == "Cy");
}

TEST_CASE("a track lead sees the people and hidden ideas of their own track only, and no e-mail") {
  fixture f;
  auto j = f.s.join({"Cy", "", "academia", 2, false}, "hc", 0).value();
  CHECK_FALSE(change_message(j, f.s, audience::staff, 1));
  const auto own = parse(change_message(j, f.s, audience::staff, 2));
  CHECK(own["member"]["name"] == "Cy");
  CHECK_FALSE(own["member"].contains("email"));
  CHECK(parse(change_message(j, f.s, audience::staff))["member"].contains("email"));
  CHECK(protocol::differs_for_leads(j));

  const auto posted = f.s.post_idea(f.bo, 2, "secret of B", false, 5).value();
  CHECK_FALSE(protocol::differs_for_leads(posted));
  const auto id = std::get<domain::idea_posted>(posted.body).i.id;
  const auto hidden = f.s.set_hidden(1, id, true, 6).value();
  CHECK(protocol::differs_for_leads(hidden));
  CHECK(parse(change_message(hidden, f.s, audience::staff, 1))["idea"] == id);
  CHECK(parse(change_message(hidden, f.s, audience::staff, 2))["idea"]["text"] == "secret of B");

  const auto lead_a = json::parse(snapshot_message(f.s, audience::staff, std::nullopt, 1));
  for (const auto& m : lead_a["members"]) {
    if (m["role"] == "participant") CHECK(m["track"] == 1);
    CHECK_FALSE(m.contains("email"));
  }
  CHECK(lead_a["members"][0]["name"] == "F");  // the staff, by name
  CHECK(lead_a.dump().find("secret of B") == std::string::npos);
  const auto lead_b = json::parse(snapshot_message(f.s, audience::staff, std::nullopt, 2));
  CHECK(lead_b.dump().find("secret of B") != std::string::npos);

  // Moved from B to A: both tracks' leads hear of it.
  const auto moved = f.s.move_member(1, f.bo, 1, std::nullopt, 7).value();
  CHECK(parse(change_message(moved, f.s, audience::staff, 1))["member"]["track"] == 1);
  CHECK(parse(change_message(moved, f.s, audience::staff, 2))["member"]["track"] == 1);
}

TEST_CASE("a backlog of changes is one changes message") {
  const std::string a = R"({"type":"change","seq":5})", b = R"({"type":"change","seq":7})";
  auto j = json::parse(changes_message(4, 8, {&a, &b}));
  CHECK(j["type"] == "changes");
  CHECK(j["from"] == 4);
  CHECK(j["seq"] == 8);
  CHECK(j["changes"].size() == 2);
  CHECK(json::parse(changes_message(8, 8, {}))["changes"].empty());
}

TEST_CASE("invalid UTF-8 never breaks serialisation") {
  CHECK_NOTHROW(dump(json{{"x", std::string("\xFF")}}));
}

TEST_CASE("editing one's own anonymous idea names nobody, except to the author") {
  fixture f;
  const auto id =
      std::get<domain::idea_posted>(f.s.post_idea(f.ana, 1, "quiet", true, 5)->body).i.id;
  auto edited = f.s.edit_idea(f.ana, id, "still quiet", 6).value();
  const auto p = change_message(edited, f.s, audience::participant);
  CHECK(parse(p)["idea"]["editedBy"].is_null());
  CHECK(p->find("Ana") == std::string::npos);
  CHECK(parse(change_message(edited, f.s, audience::staff))["idea"]["editedBy"].is_null());
  CHECK(parse(change_message(edited, f.s, audience::author))["idea"]["editedBy"]["name"] == "Ana");
  // A moderator's edit of an anonymous idea names the moderator.
  auto moderated = f.s.edit_idea(1, id, "tidied", 7).value();
  CHECK(parse(change_message(moderated, f.s, audience::participant))["idea"]["editedBy"]["name"] ==
        "F");
}

TEST_CASE("section_updates carries each update's stored changes as they are") {
  const auto text = section_updates_message(4, 2, 13, {{"k\"3", R"([5,[0,"x"]])", 9}});
  const auto j = nlohmann::json::parse(text);
  CHECK(j["type"] == "section_updates");
  CHECK(j["version"] == 13);
  CHECK(j["updates"][0]["clientID"] == "k\"3");
  CHECK(j["updates"][0]["changes"].dump() == R"([5,[0,"x"]])");
  CHECK(j["updates"][0]["member"] == 9);
  CHECK_FALSE(j["updates"][0].contains("continues"));  // only when true
  const auto cont =
      nlohmann::json::parse(section_updates_message(4, 2, 13, {{"a", "[1]", 9, true}}));
  CHECK(cont["updates"][0]["continues"] == true);
}

TEST_CASE("self_join_changed goes to everyone; the snapshot carries selfJoin") {
  fixture f;
  CHECK(json::parse(snapshot_message(f.s, audience::participant, std::nullopt))["selfJoin"] ==
        true);
  auto closed = f.s.set_self_join(1, false, 5).value();
  for (const auto a : {audience::participant, audience::staff}) {
    auto j = parse(change_message(closed, f.s, a));
    CHECK(j["kind"] == "self_join_changed");
    CHECK(j["open"] == false);
  }
  CHECK_FALSE(subject_author(closed));
  CHECK_FALSE(differs_for_leads(closed));
  const auto snap = json::parse(snapshot_message(f.s, audience::participant, std::nullopt));
  CHECK(snap["selfJoin"] == false);
}

TEST_CASE("member_removed: staff who see the person get the id and rounds, everyone the teams") {
  fixture f;
  const auto lead_a = std::get<domain::member_joined>(
                          f.s.add_member(1, domain::role::lead, 1, "Lead A", "hla", 0)->body)
                          .m.id;
  const auto idea = std::get<domain::idea_posted>(f.s.post_idea(f.bo, 1, "x", false, 1)->body).i.id;
  const auto round =
      std::get<domain::round_opened>(
          f.s.open_round(1, "R", 1, {domain::vote_method::dots, 5, 3, true}, false, true, 2)->body)
          .r.id;
  REQUIRE(f.s.vote(f.ana, round, idea, 2, 3));

  // Without a team place, participants and other tracks' leads do not see it at all.
  auto plain = f.s.remove_member(1, f.ana, 4).value();
  CHECK(differs_for_leads(plain));
  CHECK_FALSE(subject_author(plain));
  auto staff = parse(change_message(plain, f.s, audience::staff));
  CHECK(staff["kind"] == "member_removed");
  CHECK(staff["member"] == f.ana);
  CHECK(staff["rounds"] == json::array({round}));
  CHECK(staff["proposals"] == json::array());
  CHECK_FALSE(staff.dump().find("Ana") != std::string::npos);  // no personal data
  CHECK(parse(change_message(plain, f.s, audience::staff, 1))["member"] == f.ana);
  CHECK_FALSE(change_message(plain, f.s, audience::staff, 2));
  CHECK_FALSE(change_message(plain, f.s, audience::participant));

  // On a team: everyone learns the team's new members, only those who see the person who left.
  const auto cleo =
      std::get<domain::member_joined>(f.s.join({"Cleo", "", "sme", 2, true}, "hc", 5)->body).m.id;
  const auto p =
      std::get<domain::proposal_created>(
          f.s.create_proposal(1, {"P", 1, {idea}, std::nullopt, std::nullopt, {lead_a, cleo}}, 6)
              ->body)
          .p.id;
  auto teamed = f.s.remove_member(1, cleo, 7).value();
  auto everyone = parse(change_message(teamed, f.s, audience::participant));
  CHECK_FALSE(everyone.contains("member"));
  CHECK_FALSE(everyone.contains("rounds"));
  REQUIRE(everyone["proposals"].size() == 1);
  CHECK(everyone["proposals"][0]["id"] == p);
  CHECK(everyone["proposals"][0]["team"] == json::array({lead_a}));
  CHECK_FALSE(parse(change_message(teamed, f.s, audience::staff, 1)).contains("member"));
  CHECK(parse(change_message(teamed, f.s, audience::staff, 2))["member"] == cleo);

  // Gone from every snapshot.
  const auto snap = json::parse(snapshot_message(f.s, audience::staff, std::nullopt));
  for (const auto& m : snap["members"]) {
    CHECK(m["id"] != f.ana);
    CHECK(m["id"] != cleo);
  }
}

TEST_CASE("the snapshot carries the limits of what people type, as the domain checks them") {
  fixture f;
  for (const auto a : {audience::participant, audience::staff}) {
    const auto limits = json::parse(snapshot_message(f.s, a, std::nullopt)).at("limits");
    CHECK(limits == limits_json());
  }
  const auto limits = limits_json();
  CHECK(limits.at("idea") == domain::idea_rule.max);
  CHECK(limits.at("name") == domain::name_rule.max);
  CHECK(limits.at("organisation") == domain::organisation_rule.max);
  CHECK(limits.at("comment") == domain::comment_rule.max);
  CHECK(limits.at("phaseTitle") == domain::phase_title_rule.max);
  CHECK(limits.at("chapters") == domain::max_chapters);
  CHECK(limits.at("sectionChars") == domain::push_limits{}.max_chars);
  // Every limit is a positive whole number.
  for (const auto& [key, value] : limits.items()) {
    INFO(key);
    CHECK(value.is_number_integer());
    CHECK(value.get<std::int64_t>() > 0);
  }
  configure_limits(5000);
  CHECK(limits_json().at("sectionChars") == 5000);
  configure_limits(domain::push_limits{}.max_chars);
}

TEST_CASE("member_erased: no personal data; whose only where it is safe; authors shown erased") {
  fixture f;
  const auto idea =
      std::get<domain::idea_posted>(f.s.post_idea(f.ana, 1, "kept", false, 1)->body).i.id;
  const auto anon =
      std::get<domain::idea_posted>(f.s.post_idea(f.bo, 1, "anon", true, 1)->body).i.id;
  const auto round =
      std::get<domain::round_opened>(
          f.s.open_round(1, "R", 1, {domain::vote_method::dots, 5, 3, true}, false, true, 2)->body)
          .r.id;
  REQUIRE(f.s.vote(f.ana, round, idea, 2, 3));

  auto kept = f.s.erase_member(1, f.ana, false, 4).value();
  CHECK(differs_for_leads(kept));
  CHECK_FALSE(subject_author(kept));
  auto staff = parse(change_message(kept, f.s, audience::staff));
  CHECK(staff["kind"] == "member_erased");
  CHECK(staff["member"] == f.ana);
  CHECK(staff["contributions"] == "keep");
  CHECK(staff["rounds"] == json::array({round}));
  CHECK(staff["ideas"] == json::array());
  CHECK(staff.dump().find("Ana") == std::string::npos);
  CHECK(staff.dump().find("DG") == std::string::npos);
  // Participants learn whose (to relabel), not the rounds.
  auto everyone = parse(change_message(kept, f.s, audience::participant));
  CHECK(everyone["member"] == f.ana);
  CHECK_FALSE(everyone.contains("rounds"));
  // The idea now names a former participant; the snapshot has no member entry for her.
  const auto snap = json::parse(snapshot_message(f.s, audience::staff, std::nullopt));
  for (const auto& i : snap["ideas"]) {
    if (i["id"] != idea) continue;
    CHECK(i["author"] == json{{"id", f.ana}, {"name", ""}, {"organisation", ""}, {"erased", true}});
  }
  for (const auto& m : snap["members"]) CHECK(m["id"] != f.ana);
  for (const auto& r : snap["rounds"]) {
    CHECK(r["results"][0]["votes"] == 2);
    CHECK(r["results"][0]["byGroup"] == json::object());
  }

  // With the contributions: participants get the deleted ids, not whose they were.
  auto deleted = f.s.erase_member(1, f.bo, true, 5).value();
  auto seen = parse(change_message(deleted, f.s, audience::participant));
  CHECK_FALSE(seen.contains("member"));
  CHECK(seen["ideas"] == json::array({anon}));
  CHECK(seen["contributions"] == "delete");
  CHECK(parse(change_message(deleted, f.s, audience::staff))["member"] == f.bo);
  CHECK_FALSE(parse(change_message(deleted, f.s, audience::staff, 1)).contains("member"));
}

TEST_CASE("a member's data as JSON: profile, ideas, comments, votes and edits") {
  fixture f;
  REQUIRE(f.s.post_idea(f.ana, 1, "mine", false, 1));
  const auto d = f.s.data_of(f.ana);
  REQUIRE(d);
  const auto j = member_data_json(f.s, *d);
  CHECK(j["event"]["code"] == "K7QX2M");
  CHECK(j["profile"]["name"] == "Ana");
  CHECK(j["profile"]["organisation"] == "DG");
  CHECK(j["profile"]["track"] == "A");
  CHECK_FALSE(j["profile"].contains("token"));
  REQUIRE(j["ideas"].size() == 1);
  CHECK(j["ideas"][0]["text"] == "mine");
  CHECK(j["ideas"][0]["track"] == "A");
  CHECK(j["comments"] == json::array());
  CHECK(j["votes"] == json::array());
  CHECK(j["proposalEdits"] == json::array());
}

TEST_CASE("a round says who may vote: \"track\", \"everyone\" or the chosen tracks") {
  fixture f;
  REQUIRE(f.s.post_idea(f.ana, 1, "x", false, 1));
  const domain::round_rules dots{domain::vote_method::dots, 5, 3, true};
  auto opened = [&](std::optional<domain::id_type> track, std::optional<domain::eligibility> e) {
    auto ch = f.s.open_round(1, "R", track, dots, false, true, 2, domain::item_kind::idea, e);
    REQUIRE(ch);
    return parse(change_message(ch.value(), f.s, audience::participant))["round"]["eligible"];
  };
  CHECK(opened(1, std::nullopt) == "track");
  CHECK(opened(std::nullopt, std::nullopt) == "everyone");
  CHECK(opened(1, domain::eligibility{domain::voters::tracks, {2, 1}}) == json::array({1, 2}));
  const auto snap = json::parse(snapshot_message(f.s, audience::participant, std::nullopt));
  CHECK(snap["rounds"][2]["eligible"] == json::array({1, 2}));
}

TEST_CASE("member_updated: staff and the member get the member; others only a name they see") {
  fixture f;
  // Ana has posted nothing: participants are not told about her.
  const auto quiet = f.s.update_profile(f.ana, {"Ana R.", {}, {}, {}}, 5).value();
  CHECK_FALSE(change_message(quiet, f.s, audience::participant));
  CHECK(subject_author(quiet) == f.ana);
  const auto own = parse(change_message(quiet, f.s, audience::author));
  CHECK(own["member"]["name"] == "Ana R.");
  CHECK(own["member"]["group"] == "sme");
  CHECK(own["member"].contains("email"));
  CHECK(parse(change_message(quiet, f.s, audience::staff))["member"]["credit"] == true);
  CHECK(parse(change_message(quiet, f.s, audience::staff, 1))["member"]["name"] == "Ana R.");
  CHECK_FALSE(change_message(quiet, f.s, audience::staff, 2));  // another track's lead
  CHECK(differs_for_leads(quiet));

  // Once her name shows on an idea, everyone gets it, without her group or consent.
  REQUIRE(f.s.post_idea(f.ana, 1, "An idea", false, 6));
  const auto named = f.s.update_profile(f.ana, {"Ana Ruiz", "OECD", "academia", false}, 7).value();
  const auto p = parse(change_message(named, f.s, audience::participant));
  CHECK(p["member"] == json{{"id", f.ana}, {"name", "Ana Ruiz"}, {"organisation", "OECD"}});
  CHECK_FALSE(p.contains("report"));
  CHECK_FALSE(p.contains("rounds"));
}

TEST_CASE("the event carries its groups; groups_changed goes to everyone") {
  fixture f;
  const auto e =
      parse(change_message(f.s.set_groups(1, {{"sme", "SME"}, {"other", "Other"}}, 5).value(), f.s,
                           audience::participant));
  CHECK(e["groups"] == json::array({{{"code", "sme"}, {"label", "SME"}},
                                    {{"code", "other"}, {"label", "Other"}}}));
  const auto snap = json::parse(snapshot_message(f.s, audience::participant, std::nullopt));
  CHECK(snap["event"]["groups"][0]["label"] == "SME");
  CHECK(snap["report"].is_null());
}

TEST_CASE("support: the idea's id and who, seen like an edit; every idea carries its supporters") {
  fixture f;
  const auto id =
      std::get<domain::idea_posted>(f.s.post_idea(f.ana, 1, "Learning accounts", true, 5)->body)
          .i.id;
  const auto supported = f.s.set_support(f.bo, id, true, 6).value();
  const auto p = parse(change_message(supported, f.s, audience::participant));
  CHECK(p == json{{"type", "change"},
                  {"seq", supported.seq},
                  {"kind", "idea_supported"},
                  {"idea", id},
                  {"member", f.bo}});
  CHECK(parse(change_message(supported, f.s, audience::staff)) == p);
  CHECK(subject_author(supported) == f.ana);
  CHECK_FALSE(differs_for_leads(supported));
  auto snap = json::parse(snapshot_message(f.s, audience::participant, std::nullopt));
  CHECK(snap["ideas"][0]["supporters"] == json::array({f.bo}));
  CHECK(snap["ideas"][0]["author"].is_null());  // the supporters never name an anonymous author

  // Of a hidden idea: staff who see it and its author only.
  REQUIRE(f.s.set_hidden(1, id, true, 7));
  const auto withdrawn = f.s.set_support(f.bo, id, false, 8);
  CHECK(withdrawn.err().code == domain::errc::not_found);  // Bo no longer sees it
  const auto by_staff = f.s.set_support(1, id, true, 9).value();
  CHECK(parse(change_message(by_staff, f.s, audience::staff))["member"] == 1);
  CHECK(parse(change_message(by_staff, f.s, audience::author))["idea"] == id);
  CHECK_FALSE(change_message(by_staff, f.s, audience::participant));
  CHECK(differs_for_leads(by_staff));
  CHECK(change_message(by_staff, f.s, audience::staff, 1));
  CHECK_FALSE(change_message(by_staff, f.s, audience::staff, 2));
  const auto back = f.s.set_support(1, id, false, 10).value();
  CHECK(parse(change_message(back, f.s, audience::staff))["kind"] == "idea_support_withdrawn");
  CHECK_FALSE(change_message(back, f.s, audience::participant));
  auto posted = f.s.post_idea(f.bo, 2, "Fresh", false, 11).value();
  CHECK(parse(change_message(posted, f.s, audience::participant))["idea"]["supporters"] ==
        json::array());
}

TEST_CASE("dismissed duplicates: staff only, a lead of the pair's track; in staff snapshots") {
  fixture f;
  const auto post = [&](domain::id_type who, domain::id_type track, const char* text) {
    return std::get<domain::idea_posted>(f.s.post_idea(who, track, text, false, 5)->body).i.id;
  };
  const auto a1 = post(f.ana, 1, "one");
  const auto a2 = post(f.ana, 1, "two");
  const auto b1 = post(f.bo, 2, "three");
  const auto b2 = post(f.bo, 2, "four");
  const auto dismissed = f.s.set_duplicate_dismissed(1, a2, a1, true, 6).value();
  CHECK(parse(change_message(dismissed, f.s, audience::staff)) ==
        json{{"type", "change"},
             {"seq", dismissed.seq},
             {"kind", "duplicate_dismissed"},
             {"a", a1},
             {"b", a2}});
  CHECK_FALSE(change_message(dismissed, f.s, audience::participant));
  CHECK_FALSE(change_message(dismissed, f.s, audience::author));
  CHECK_FALSE(subject_author(dismissed));
  CHECK(differs_for_leads(dismissed));
  CHECK(parse(change_message(dismissed, f.s, audience::staff, 1))["a"] == a1);
  CHECK_FALSE(change_message(dismissed, f.s, audience::staff, 2));
  REQUIRE(f.s.set_duplicate_dismissed(1, b1, b2, true, 7));
  const auto restored = f.s.set_duplicate_dismissed(1, b2, b1, false, 8).value();
  CHECK(parse(change_message(restored, f.s, audience::staff, 2))["kind"] == "duplicate_restored");
  CHECK_FALSE(change_message(restored, f.s, audience::staff, 1));
  CHECK_FALSE(change_message(restored, f.s, audience::participant));
  REQUIRE(f.s.set_duplicate_dismissed(1, b1, b2, true, 9));

  const auto all = json::parse(snapshot_message(f.s, audience::staff, std::nullopt));
  CHECK(all["dismissedDuplicates"] == json::array({json::array({a1, a2}), json::array({b1, b2})}));
  const auto lead2 = json::parse(snapshot_message(f.s, audience::staff, std::nullopt, 2));
  CHECK(lead2["dismissedDuplicates"] == json::array({json::array({b1, b2})}));
  CHECK_FALSE(json::parse(snapshot_message(f.s, audience::participant, f.ana))
                  .contains("dismissedDuplicates"));
}

TEST_CASE("a member's data lists the ideas they support") {
  fixture f;
  const auto id =
      std::get<domain::idea_posted>(f.s.post_idea(f.ana, 1, "Accounts", false, 5)->body).i.id;
  REQUIRE(f.s.set_support(f.bo, id, true, 6));
  CHECK(member_data_json(f.s, *f.s.data_of(f.bo))["supported"] == json::array({id}));
  CHECK(member_data_json(f.s, *f.s.data_of(f.ana))["supported"] == json::array());
}
