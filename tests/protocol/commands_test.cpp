// Tests of command parsing: every command's shape, and each malformed frame's error code.
#include "catch.hpp"

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"

using namespace rt::protocol;

namespace {

command ok(std::string_view text) {
  auto r = parse_command(text);
  if (auto* f = std::get_if<parse_failure>(&r))
    FAIL(std::string(rt::domain::name(f->err.code)) + ": " + f->err.message);
  return std::get<command>(r);
}

parse_failure bad(std::string_view text) {
  auto r = parse_command(text);
  REQUIRE(std::holds_alternative<parse_failure>(r));
  return std::get<parse_failure>(r);
}

}  // namespace

TEST_CASE("join") {
  auto c = ok(R"({"type":"join","id":"c1","code":"k7qx2m","name":"Ana","organisation":"DG",
                  "group":"sme","track":2,"credit":true})");
  CHECK(c.id == "c1");
  const auto& j = std::get<join_cmd>(c.body);
  CHECK(j.code == "k7qx2m");
  CHECK(j.draft.name == "Ana");
  CHECK(j.draft.track == 2);
  CHECK(j.draft.credit);
  auto no_org = ok(
      R"({"type":"join","id":"c1","code":"x","name":"A","group":"sme","track":1,"credit":false})");
  CHECK(std::get<join_cmd>(no_org.body).draft.organisation.empty());
}

TEST_CASE("a keep-alive ping needs no id; other frames without one are refused") {
  for (const char* ping : {R"({"type":"ping"})", R"( { "type" : "ping" } )",
                           R"({"type":"ping","id":"p1"})", R"({"type":"ping","extra":[1,2]})"}) {
    INFO(ping);
    CHECK(std::holds_alternative<ping_frame>(parse_command(ping)));
  }
  CHECK(bad(R"({"type":"pong"})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"PING"})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"ping")").err.code == rt::domain::errc::bad_json);
  CHECK(bad(R"(["ping"])").err.code == rt::domain::errc::bad_json);
  CHECK(bad(R"({"type":["ping"]})").err.code == rt::domain::errc::bad_command);
}

TEST_CASE("every other command parses") {
  CHECK(std::get<hello_cmd>(ok(R"({"type":"hello","id":"1","token":"A.b","lastSeq":41})").body)
            .last_seq == 41);
  CHECK(std::get<event_info_cmd>(ok(R"({"type":"event_info","id":"1","code":"ABC"})").body).code ==
        "ABC");
  auto p =
      std::get<post_idea_cmd>(ok(R"({"type":"post_idea","id":"1","track":1,"text":"t"})").body);
  CHECK_FALSE(p.anonymous);
  CHECK(std::get<edit_idea_cmd>(ok(R"({"type":"edit_idea","id":"1","idea":3,"text":"t"})").body)
            .idea == 3);
  CHECK(std::get<delete_idea_cmd>(ok(R"({"type":"delete_idea","id":"1","idea":3})").body).idea ==
        3);
  CHECK(std::get<hide_idea_cmd>(ok(R"({"type":"hide_idea","id":"1","idea":3})").body).idea == 3);
  CHECK(std::get<unhide_idea_cmd>(ok(R"({"type":"unhide_idea","id":"1","idea":4})").body).idea ==
        4);
  auto l = std::get<create_link_cmd>(
      ok(R"({"type":"create_link","id":"1","role":"lead","track":2,"name":"L"})").body);
  CHECK(l.member_role == rt::domain::role::lead);
  CHECK(l.track == 2);
  CHECK(
      std::get<auth_admin_cmd>(ok(R"({"type":"auth_admin","id":"1","secret":"s"})").body).secret ==
      "s");
  auto e = std::get<create_event_cmd>(
      ok(R"({"type":"create_event","id":"1","title":"T","tracks":[{"name":"A"},{"name":"B","description":"d"}]})")
          .body);
  REQUIRE(e.tracks.size() == 2);
  CHECK(e.tracks[1].description == "d");
  CHECK(std::holds_alternative<list_events_cmd>(ok(R"({"type":"list_events","id":"1"})").body));
}

TEST_CASE("malformed frames get stable error codes") {
  CHECK(bad("{nope").err.code == rt::domain::errc::bad_json);
  CHECK(bad("[1,2]").err.code == rt::domain::errc::bad_json);
  CHECK(bad("\"text\"").err.code == rt::domain::errc::bad_json);
  CHECK(bad("{\"type\":\"join\",\"id\":\"\\udc00\"").err.code == rt::domain::errc::bad_json);

  auto no_id = bad(R"({"type":"post_idea","track":1,"text":"t"})");
  CHECK(no_id.err.code == rt::domain::errc::bad_command);
  CHECK_FALSE(no_id.id);
  CHECK(bad(R"({"type":"list_events","id":""})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"list_events","id":")" + std::string(65, 'x') + "\"}").err.code ==
        rt::domain::errc::bad_command);
  // 64 characters, not bytes: 64 two-byte letters are fine, 65 are not.
  std::string wide, wider;
  for (int i = 0; i < 64; ++i) wide += "\xC3\xAF";  // ï
  wider = wide + "\xC3\xAF";
  CHECK(std::holds_alternative<list_events_cmd>(
      ok(R"({"type":"list_events","id":")" + wide + "\"}").body));
  CHECK(bad(R"({"type":"list_events","id":")" + wider + "\"}").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"list_events","id":7})").err.code == rt::domain::errc::bad_command);

  auto unknown = bad(R"({"type":"launch_rockets","id":"c9"})");
  CHECK(unknown.err.code == rt::domain::errc::unknown_type);
  CHECK(unknown.id == "c9");
  CHECK(bad(R"({"id":"c9"})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":5,"id":"c9"})").err.code == rt::domain::errc::bad_command);
}

TEST_CASE("missing or wrongly typed fields name the field") {
  auto f = bad(R"({"type":"post_idea","id":"1","track":"1","text":"t"})");
  CHECK(f.err.code == rt::domain::errc::bad_command);
  CHECK_THAT(f.err.message, Catch::Contains("\"track\""));
  CHECK(bad(R"({"type":"post_idea","id":"1","track":1})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"post_idea","id":"1","track":0,"text":"t"})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"post_idea","id":"1","track":1.5,"text":"t"})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"post_idea","id":"1","track":1,"text":"t","anonymous":"yes"})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"hello","id":"1","token":"A.b","lastSeq":-1})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"join","id":"1","code":"x","name":"A","group":"sme","track":1})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"create_link","id":"1","role":"king","name":"x"})").err.code ==
        rt::domain::errc::bad_value);
  CHECK(bad(R"({"type":"create_event","id":"1","title":"T","tracks":"A"})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"create_event","id":"1","title":"T","tracks":[1]})").err.code ==
        rt::domain::errc::bad_command);
}

TEST_CASE("drafting commands: shapes and malformed fields") {
  const auto push = ok(R"({"type":"push","id":"p","proposal":4,"section":2,"version":12,
      "updates":[{"clientID":"k3","changes":[5,[0,"new ","text"],30]}],"selection":{"anchor":3,"head":4}})");
  const auto& p = std::get<push_cmd>(push.body);
  CHECK(p.proposal == 4);
  CHECK(p.section == 2);
  REQUIRE(p.updates.size() == 1);
  CHECK(p.updates[0].changes.length() == 35);
  CHECK(p.updates[0].changes.new_length() == 44);
  CHECK(p.where->head == 4);
  CHECK(changes_json(p.updates[0].changes).dump() == R"([5,[0,"new ","text"],30])");
  CHECK_FALSE(p.updates[0].continues);  // absent: false
  const auto cont = ok(R"({"type":"push","id":"p","proposal":4,"section":2,"version":1,
      "updates":[{"clientID":"a","changes":[1,[0,"x"]],"continues":true},
                 {"clientID":"a","changes":[2,[0,"y"]],"continues":false}]})");
  CHECK(std::get<push_cmd>(cont.body).updates[0].continues);
  CHECK_FALSE(std::get<push_cmd>(cont.body).updates[1].continues);
  const auto wrong = bad(
      R"({"type":"push","id":"p","proposal":4,"section":2,"version":1,"updates":[{"clientID":"a","changes":[1],"continues":"yes"}]})");
  CHECK(wrong.err.code == rt::domain::errc::bad_command);
  CHECK_THAT(wrong.err.message, Catch::Contains("continues"));
  CHECK(
      bad(R"({"type":"push","id":"p","proposal":4,"section":2,"version":1,"updates":[{"clientID":"","changes":[1]}]})")
          .err.code == rt::domain::errc::bad_value);
  CHECK(
      bad(R"({"type":"push","id":"p","proposal":4,"section":2,"version":1,"updates":[{"clientID":"a","changes":[[1,7]]}]})")
          .err.code == rt::domain::errc::bad_value);
  CHECK(
      bad(R"({"type":"push","id":"p","proposal":4,"section":2,"version":1,"updates":[{"clientID":"a"}]})")
          .err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"push","id":"p","proposal":4,"section":2,"version":-1,"updates":[]})")
            .err.code == rt::domain::errc::bad_command);
  const auto open =
      ok(R"({"type":"open_section","id":"o","proposal":1,"section":0,"version":null})");
  CHECK_FALSE(std::get<open_section_cmd>(open.body).version);
  CHECK(type_name(open.body) == "open_section");
  CHECK(type_name(push.body) == "push");
  const auto comment = ok(R"({"type":"add_comment","id":"c","proposal":1,"section":null,"from":null,
      "to":null,"version":null,"quote":null,"parent":null,"text":"Why?"})");
  CHECK_FALSE(std::get<add_comment_cmd>(comment.body).draft.section);
  const auto chapters = ok(R"({"type":"set_chapters","id":"s","round":null,
      "chapters":[{"title":"A","intro":"","proposals":[3,1]}]})");
  CHECK(std::get<set_chapters_cmd>(chapters.body).chapters[0].proposals ==
        std::vector<id_type>{3, 1});
  CHECK(bad(R"({"type":"set_chapters","id":"s","chapters":[{"title":"A","proposals":[0]}]})")
            .err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"open_round","id":"r","title":"x","items":"stones"})").err.code ==
        rt::domain::errc::bad_value);
  CHECK(std::get<open_round_cmd>(
            ok(R"({"type":"open_round","id":"r","title":"x","items":"clusters"})").body)
            .kind == rt::domain::item_kind::cluster);
}

TEST_CASE("open_round's eligible: track, everyone, chosen tracks, or the round's default") {
  using rt::domain::eligibility;
  using rt::domain::voters;
  auto eligible = [](const std::string& value) {
    return std::get<open_round_cmd>(
               ok(R"({"type":"open_round","id":"r","title":"x","track":1,"eligible":)" + value +
                  "}")
                   .body)
        .eligible;
  };
  CHECK(eligible("\"track\"") == eligibility{voters::track, {}});
  CHECK(eligible("\"everyone\"") == eligibility{voters::everyone, {}});
  CHECK(eligible("[3,1]") == eligibility{voters::tracks, {3, 1}});  // the domain sorts, checks
  CHECK(eligible("[]") == eligibility{voters::tracks, {}});         // refused by the domain
  CHECK_FALSE(eligible("null"));
  CHECK_FALSE(
      std::get<open_round_cmd>(ok(R"({"type":"open_round","id":"r","title":"x"})").body).eligible);
  auto refused = [](const std::string& value) {
    return bad(R"({"type":"open_round","id":"r","title":"x","eligible":)" + value + "}").err.code;
  };
  CHECK(refused("\"tracks\"") == rt::domain::errc::bad_value);
  CHECK(refused("\"all\"") == rt::domain::errc::bad_value);
  CHECK(refused("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]") ==
        rt::domain::errc::bad_value);
  CHECK(refused("[0]") == rt::domain::errc::bad_command);
  CHECK(refused("[\"1\"]") == rt::domain::errc::bad_command);
  CHECK(refused("true") == rt::domain::errc::bad_command);
  CHECK(refused("{}") == rt::domain::errc::bad_command);
}

TEST_CASE("languages: join, hello, set_language, set_event_language, create_event") {
  auto joined = ok(R"({"type":"join","id":"c1","code":"k7qx2m","name":"Ana","organisation":"",
    "group":"sme","track":1,"credit":true,"language":"de"})");
  CHECK(std::get<join_cmd>(joined.body).language == "de");
  // An unknown, misspelt or absent language is none, never an error.
  for (const char* language : {R"("klingon")", R"("DE")", "3", "null"}) {
    INFO(language);
    auto c = ok(std::string(R"({"type":"hello","id":"1","token":"A.b","lastSeq":0,"language":)") +
                language + "}");
    CHECK(std::get<hello_cmd>(c.body).language.empty());
  }
  CHECK(std::get<hello_cmd>(ok(R"({"type":"hello","id":"1","token":"A.b","lastSeq":0})").body)
            .language.empty());

  const auto set = ok(R"({"type":"set_language","id":"c9","language":"fr"})");
  CHECK(std::get<set_language_cmd>(set.body).language == "fr");
  STATIC_REQUIRE(is_alternative_v<set_language_cmd, session_command>);
  CHECK(bad(R"({"type":"set_language","id":"c9","language":"xx"})").err.code ==
        rt::domain::errc::bad_value);
  CHECK(bad(R"({"type":"set_language","id":"c9"})").err.code == rt::domain::errc::bad_command);

  const auto both =
      ok(R"({"type":"set_event_language","id":"f1","language":"de","screenLanguages":"room"})");
  const auto& e = std::get<set_event_language_cmd>(both.body);
  CHECK(e.language == "de");
  CHECK(e.screens == rt::domain::screen_languages::room);
  STATIC_REQUIRE(is_alternative_v<set_event_language_cmd, room_command>);
  const auto one = ok(R"({"type":"set_event_language","id":"f2","screenLanguages":"event"})");
  CHECK_FALSE(std::get<set_event_language_cmd>(one.body).language.has_value());
  CHECK(bad(R"({"type":"set_event_language","id":"f3","screenLanguages":"all"})").err.code ==
        rt::domain::errc::bad_value);
  CHECK(bad(R"({"type":"set_event_language","id":"f4","language":7})").err.code ==
        rt::domain::errc::bad_command);

  const auto created = ok(
      R"({"type":"create_event","id":"a2","title":"T","tracks":[{"name":"A"}],"language":"pl"})");
  CHECK(std::get<create_event_cmd>(created.body).language == "pl");
  CHECK(std::get<create_event_cmd>(
            ok(R"({"type":"create_event","id":"a2","title":"T","tracks":[{"name":"A"}]})").body)
            .language == "en");
}

TEST_CASE("set_self_join and remove_member") {
  const auto closed = ok(R"({"type":"set_self_join","id":"j1","open":false})");
  CHECK_FALSE(std::get<set_self_join_cmd>(closed.body).open);
  CHECK(type_name(closed.body) == "set_self_join");
  STATIC_REQUIRE(is_alternative_v<set_self_join_cmd, room_command>);
  CHECK(std::get<set_self_join_cmd>(ok(R"({"type":"set_self_join","id":"j2","open":true})").body)
            .open);
  CHECK(bad(R"({"type":"set_self_join","id":"j3"})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"set_self_join","id":"j4","open":"no"})").err.code ==
        rt::domain::errc::bad_command);

  const auto removal = ok(R"({"type":"remove_member","id":"r1","member":5})");
  CHECK(std::get<remove_member_cmd>(removal.body).member == 5);
  CHECK(type_name(removal.body) == "remove_member");
  STATIC_REQUIRE(is_alternative_v<remove_member_cmd, room_command>);
  CHECK(bad(R"({"type":"remove_member","id":"r2","member":0})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"remove_member","id":"r3","member":"5"})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"remove_member","id":"r4"})").err.code == rt::domain::errc::bad_command);
}

TEST_CASE("support_idea, withdraw_support, dismiss_duplicate and restore_duplicate") {
  const auto support = ok(R"({"type":"support_idea","id":"s1","idea":17})");
  CHECK(std::get<support_idea_cmd>(support.body).idea == 17);
  CHECK(type_name(support.body) == "support_idea");
  STATIC_REQUIRE(is_alternative_v<support_idea_cmd, room_command>);
  const auto withdraw = ok(R"({"type":"withdraw_support","id":"s2","idea":17})");
  CHECK(std::get<withdraw_support_cmd>(withdraw.body).idea == 17);
  STATIC_REQUIRE(is_alternative_v<withdraw_support_cmd, room_command>);
  CHECK(bad(R"({"type":"support_idea","id":"s3"})").err.code == rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"withdraw_support","id":"s4","idea":0})").err.code ==
        rt::domain::errc::bad_command);

  const auto dismiss = ok(R"({"type":"dismiss_duplicate","id":"d1","a":12,"b":40})");
  CHECK(std::get<dismiss_duplicate_cmd>(dismiss.body).a == 12);
  CHECK(std::get<dismiss_duplicate_cmd>(dismiss.body).b == 40);
  CHECK(type_name(dismiss.body) == "dismiss_duplicate");
  STATIC_REQUIRE(is_alternative_v<dismiss_duplicate_cmd, room_command>);
  const auto restore = ok(R"({"type":"restore_duplicate","id":"d2","a":40,"b":12})");
  CHECK(std::get<restore_duplicate_cmd>(restore.body).a == 40);
  CHECK(std::get<restore_duplicate_cmd>(restore.body).b == 12);
  STATIC_REQUIRE(is_alternative_v<restore_duplicate_cmd, room_command>);
  CHECK(bad(R"({"type":"dismiss_duplicate","id":"d3","a":12})").err.code ==
        rt::domain::errc::bad_command);
  CHECK(bad(R"({"type":"restore_duplicate","id":"d4","a":"12","b":40})").err.code ==
        rt::domain::errc::bad_command);
}

TEST_CASE("erase_member and set_retention") {
  const auto keep = ok(R"({"type":"erase_member","id":"e1","member":5,"contributions":"keep"})");
  CHECK(std::get<erase_member_cmd>(keep.body).member == 5);
  CHECK_FALSE(std::get<erase_member_cmd>(keep.body).delete_contributions);
  CHECK(type_name(keep.body) == "erase_member");
  STATIC_REQUIRE(is_alternative_v<erase_member_cmd, room_command>);
  CHECK(std::get<erase_member_cmd>(
            ok(R"({"type":"erase_member","id":"e2","member":5,"contributions":"delete"})").body)
            .delete_contributions);
  using rt::domain::errc;
  CHECK(bad(R"({"type":"erase_member","id":"e3","member":5,"contributions":"all"})").err.code ==
        errc::bad_value);
  CHECK(bad(R"({"type":"erase_member","id":"e4","member":5})").err.code == errc::bad_command);
  CHECK(bad(R"({"type":"erase_member","id":"e5","member":0,"contributions":"keep"})").err.code ==
        errc::bad_command);
  CHECK(bad(R"({"type":"erase_member","id":"e6","member":5,"contributions":true})").err.code ==
        errc::bad_command);

  const auto days = ok(R"({"type":"set_retention","id":"a1","days":30})");
  CHECK(std::get<set_retention_cmd>(days.body).days == 30);
  STATIC_REQUIRE(is_alternative_v<set_retention_cmd, session_command>);
  CHECK_FALSE(
      std::get<set_retention_cmd>(ok(R"({"type":"set_retention","id":"a2","days":null})").body)
          .days);
  CHECK(
      std::get<set_retention_cmd>(ok(R"({"type":"set_retention","id":"a3","days":0})").body).days ==
      0);
  CHECK(bad(R"({"type":"set_retention","id":"a4"})").err.code == errc::bad_command);
  CHECK(bad(R"({"type":"set_retention","id":"a5","days":-1})").err.code == errc::bad_command);
  CHECK(bad(R"({"type":"set_retention","id":"a6","days":"7"})").err.code == errc::bad_command);
  CHECK(bad(R"({"type":"set_retention","id":"a7","days":3651})").err.code == errc::bad_value);
}

TEST_CASE("the parser's bounds say the limits they check") {
  std::string sections = "[";
  for (int i = 0; i < 13; ++i) sections += std::string(i ? "," : "") + R"({"heading":"H"})";
  sections += "]";
  auto t = bad(R"({"type":"set_template","id":"c1","sections":)" + sections + "}");
  CHECK(t.err.code == rt::domain::errc::bad_value);
  CHECK(t.err.message == "A template has at most 12 sections.");
  std::string chapters = "[";
  for (int i = 0; i < 21; ++i) chapters += std::string(i ? "," : "") + R"({"title":"C"})";
  chapters += "]";
  auto c = bad(R"({"type":"set_chapters","id":"c1","chapters":)" + chapters + "}");
  CHECK(c.err.message == "A report has at most 20 chapters.");
  auto p = bad(R"({"type":"prefill_report","id":"c1","round":1,"top":101})");
  CHECK(p.err.message == "Choose 1 to 100 proposals.");
}

namespace {

// Parses {"type": name, "id": "x"} for every command type: each name is in the parser's
// table (a missing field is bad_command, never unknown_type), and type_name() gives it back.
template <class... T>
void every_type_is_reachable(std::variant<T...>*) {
  (
      [] {
        const std::string name(T::name);
        auto r = parse_command(R"({"type":")" + name + R"(","id":"x"})");
        if (auto* f = std::get_if<parse_failure>(&r)) {
          INFO(name);
          CHECK(f->err.code != rt::domain::errc::unknown_type);
        } else {
          CHECK(type_name(std::get<command>(r).body) == name);
          CHECK(std::holds_alternative<T>(std::get<command>(r).body));
        }
      }(),
      ...);
}

}  // namespace

TEST_CASE("every command type is reachable by its wire name") {
  every_type_is_reachable(static_cast<command_body*>(nullptr));
  STATIC_REQUIRE(std::variant_size_v<command_body> == std::variant_size_v<session_command> +
                                                          std::variant_size_v<section_command> +
                                                          std::variant_size_v<room_command>);
  CHECK(bad(R"({"type":"set_hidden","id":"x","idea":1})").err.code ==
        rt::domain::errc::unknown_type);
}
