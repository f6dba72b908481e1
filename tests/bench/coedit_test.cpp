// Tests of the co-edit scenario's logic: markers, section messages, the keystroke accounting,
// the marker check of a final text, the fragments of runs of typing, and reading a section
// back from a database with the real schema.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "coedit.hpp"
#include "protocol/commands.hpp"
#include "schema_db.hpp"

using namespace rt::bench;
using namespace rt::bench::coedit;
using rt::domain::accepted_update;
using rt::domain::change_set;
using rt::domain::client_update;

namespace {

change_set insert_at(std::int64_t length, std::int64_t pos, char16_t c) {
  return change_set::replace_range(length, pos, pos, std::u16string(1, c)).value();
}

}  // namespace

TEST_CASE("every keystroke id has its own marker, one UTF-16 unit outside the surrogates") {
  std::set<char16_t> seen;
  for (std::uint32_t id = 0; id < marker_capacity; ++id) {
    const auto c = marker_char(id);
    REQUIRE(c);
    CHECK_FALSE((*c >= 0xD800 && *c < 0xE000));
    CHECK(*c >= 0x3400);
    REQUIRE(marker_id(*c) == id);
    seen.insert(*c);
  }
  CHECK(seen.size() == marker_capacity);
  CHECK(marker_capacity >= 40000);  // 100 editors x 5/s x 60 s, and the 40,000 cap, fit
  CHECK_FALSE(marker_char(marker_capacity));
  CHECK_FALSE(marker_id(u'a'));
  CHECK_FALSE(marker_id(u'\n'));
  CHECK_FALSE(marker_id(0xD800));
  CHECK_FALSE(marker_id(0xF900));
}

TEST_CASE("changes go to CodeMirror's JSON and back") {
  const auto c = change_set::replace_range(5, 2, 3, u"x\ny").value();
  const auto j = rt::protocol::changes_json(c);
  CHECK(j.dump() == R"([2,[1,"x","y"],2])");
  const auto back = rt::protocol::parse_changes(j);
  REQUIRE(back);
  CHECK(back.value() == c);
  CHECK_FALSE(rt::protocol::parse_changes(nlohmann::json::parse(R"({"a":1})")));
  CHECK_FALSE(rt::protocol::parse_changes(nlohmann::json::parse(R"([2,[1,3]])")));
}

TEST_CASE("a section_updates line is read, other lines are not") {
  const std::string m = std::string(reinterpret_cast<const char*>(u8"\u3400"));
  const std::string line =
      R"({"proposal":4,"section":0,"type":"section_updates","updates":[)"
      R"({"changes":[[0,")" +
      m +
      R"("]],"clientID":"e1-7","member":5},)"
      R"({"changes":[1,[0,"ab"]],"clientID":"e2-7","member":6}],"version":12})";
  CHECK(is_section_updates_line(line));
  const auto u = parse_section_updates(line);
  REQUIRE(u);
  CHECK(u->proposal == 4);
  CHECK(u->section == 0);
  CHECK(u->version == 12);
  REQUIRE(u->updates.size() == 2);
  CHECK(u->updates[0].client_id == "e1-7");
  CHECK(u->updates[0].member == 5);
  CHECK(u->updates[1].changes.new_length() == 3);
  std::vector<std::uint32_t> ids;
  for_each_inserted_marker(u->updates[0].changes, [&](std::uint32_t id) { ids.push_back(id); });
  for_each_inserted_marker(u->updates[1].changes, [&](std::uint32_t id) { ids.push_back(id); });
  CHECK(ids == std::vector<std::uint32_t>{0});

  CHECK_FALSE(is_section_updates_line(R"({"type":"presence","connected":3})"));
  CHECK_FALSE(parse_section_updates(R"({"type":"section_updates","proposal":4})"));
  CHECK_FALSE(parse_section_updates(R"({"type":"section_updates",)"));
}

TEST_CASE("push and open_section commands carry what the protocol asks") {
  const std::vector<client_update> ups{{"e1", insert_at(0, 0, *marker_char(7))}};
  const auto push = nlohmann::json::parse(push_command(4, 0, 3, ups));
  CHECK(push["type"] == "push");
  CHECK(push["proposal"] == 4);
  CHECK(push["section"] == 0);
  CHECK(push["version"] == 3);
  CHECK(push["updates"][0]["clientID"] == "e1");
  CHECK(rt::protocol::parse_changes(push["updates"][0]["changes"]).value() == ups[0].changes);
  CHECK(open_section_command(4, 0, std::nullopt) ==
        R"({"proposal":4,"section":0,"type":"open_section","version":null})");
  CHECK(open_section_command(4, 0, 9) ==
        R"({"proposal":4,"section":0,"type":"open_section","version":9})");
}

TEST_CASE("the keystroke book: first push, confirmation, every other editor's apply") {
  keystroke_book book(3, 2);
  CHECK(book.capacity() == 6);
  CHECK(book.id(1, 1) == 4);
  CHECK(book.editor_of(4) == 1);
  CHECK_THROWS(keystroke_book(2, marker_capacity));

  // Editor 0 types keystroke 0 (id 0), editor 1 its keystroke 0 (id 1).
  CHECK(book.typed(0, 1'000'000));
  CHECK(book.typed(1, 2'000'000));
  CHECK(book.pushed(0, 3'000'000));
  CHECK_FALSE(book.pushed(0, 9'000'000));  // a later push does not move the time
  CHECK(book.pushed(1, 4'000'000));
  CHECK(book.applied(0, 10'000'000) == 7'000'000);   // editor 1
  CHECK(book.applied(0, 25'000'000) == 22'000'000);  // editor 2: the last one
  CHECK(book.applied(1, 6'000'000) == 2'000'000);    // only one of two others
  CHECK(book.applied(99, 1) == -1);
  CHECK(book.confirmed(0, 13'000'000));
  CHECK_FALSE(book.typed(99, 1));

  const auto s = book.summarize();
  CHECK(s.typed == 2);
  CHECK(s.pushed == 2);
  CHECK(s.confirmed == 1);
  CHECK(s.fully_visible == 1);
  CHECK(s.missing_applies == 1);
  CHECK(s.extra_applies == 0);
  REQUIRE(s.push_to_everyone.count() == 1);
  CHECK(s.push_to_everyone.max() == 22'000);  // us, to the last of the others
  CHECK(s.confirmation.max() == 12'000);      // typing -> confirmation
  CHECK(s.editors[0].typed == 1);
  CHECK(s.editors[0].confirmed == 1);
  CHECK(s.editors[1].confirmed == 0);
  CHECK(s.editors_all_confirmed == 1);
  CHECK(s.worst_editor == 0);
  CHECK(s.worst_max_ms == Approx(12.0));
  CHECK(book.typed_flags() == std::vector<std::uint8_t>{1, 1, 0, 0, 0, 0});

  book.applied(1, 7'000'000);
  book.applied(1, 8'000'000);  // one apply too many
  CHECK(book.summarize().extra_applies == 1);
}

TEST_CASE("the marker check finds missing, repeated and foreign units") {
  const std::vector<std::uint8_t> typed{1, 1, 0, 1};
  std::u16string text{*marker_char(3), *marker_char(0), *marker_char(1)};
  CHECK(check_markers(text, typed).ok());
  CHECK(check_markers(text, typed).found == 3);

  const auto missing = check_markers(text.substr(1), typed);
  CHECK(missing.missing == 1);
  CHECK_FALSE(missing.ok());

  const auto twice = check_markers(text + *marker_char(0), typed);
  CHECK(twice.duplicated == 1);

  const auto foreign = check_markers(text + u"a" + *marker_char(2), typed);  // 2: never typed
  CHECK(foreign.foreign == 2);
  CHECK(foreign.examples.size() == 2);
}

TEST_CASE("peers that type markers at random converge, and the check sees every keystroke") {
  // The scenario's bookkeeping over the real authority and peers, without sockets.
  std::mt19937_64 rng(7);
  const std::uint32_t editors = 4, per = 30;
  keystroke_book book(editors, per);
  rt::domain::section_doc doc;
  std::vector<rt::domain::collab_peer> peers;
  for (std::uint32_t e = 0; e < editors; ++e) peers.emplace_back("e" + std::to_string(e));
  std::vector<std::uint32_t> typed(editors, 0);
  auto sync = [&](std::uint32_t e) {
    auto& p = peers[e];
    if (!p.unconfirmed().empty()) {
      REQUIRE(doc.push(p.version(), p.sendable(), e + 1, 0));
    }
  };
  auto pull = [&](std::uint32_t e) {
    auto& p = peers[e];
    const auto since = doc.updates_since(p.version()).value();
    REQUIRE(p.receive_at(p.version(), since));
  };
  for (int step = 0; step < 2000; ++step) {
    const auto e = static_cast<std::uint32_t>(rng() % editors);
    switch (rng() % 3) {
      case 0:
        if (typed[e] < per) {
          auto& p = peers[e];
          const auto len = static_cast<std::int64_t>(p.text().size());
          const auto id = book.id(e, typed[e]++);
          p.local_change(
              insert_at(len, static_cast<std::int64_t>(rng() % (len + 1)), *marker_char(id)));
          book.typed(id, 1);
        }
        break;
      case 1:
        sync(e);
        break;
      default:
        pull(e);
        break;
    }
  }
  for (int round = 0; round < 3; ++round) {
    for (std::uint32_t e = 0; e < editors; ++e) {
      pull(e);
      sync(e);
    }
  }
  for (std::uint32_t e = 0; e < editors; ++e) pull(e);
  for (const auto& p : peers) {
    CHECK(p.text() == doc.text());
    CHECK(p.unconfirmed().empty());
  }
  const auto check = check_markers(doc.text(), book.typed_flags());
  CHECK(check.ok());
  CHECK(check.found == check.expected);
}

namespace {

std::u16string keys(std::initializer_list<std::uint32_t> ids) {
  std::u16string out;
  for (const auto id : ids) out += *marker_char(id);
  return out;
}

}  // namespace

TEST_CASE("a run typed side by side in order is one fragment") {
  const std::vector<std::uint32_t> run{4, 5, 6, 7};
  const auto where = marker_positions(u"ab" + keys({4, 5, 6, 7}) + u"c", 8);
  CHECK(where[4] == 2);
  CHECK(where[7] == 5);
  CHECK(where[0] == -1);
  const auto p = count_run(where, run);
  CHECK(p.fragments == 1);
  CHECK(p.keys == 4);
  CHECK(p.missing == 0);
}

TEST_CASE("an interleaved run counts one fragment per piece") {
  // Two editors' keystrokes alternating, letter by letter: each run is cut into 3 pieces.
  const std::vector<std::vector<std::uint32_t>> runs{{0, 2, 4}, {1, 3, 5}};
  const auto text = keys({0, 1, 2, 3, 4, 5});
  const auto where = marker_positions(text, 6);
  CHECK(count_run(where, runs[0]).fragments == 3);
  CHECK(count_run(where, runs[1]).fragments == 3);
  const auto s = count_fragments(text, runs);
  CHECK(s.runs == 2);
  CHECK(s.whole == 0);
  CHECK(s.fragments == 6);
  CHECK(s.max_fragments == 3);
  CHECK(s.mean() == 3.0);
  CHECK(s.whole_share() == 0.0);

  // Pieces of several keystrokes: "0 2 | 1 3 | 4" -> run {0, 2, 4}: [0 2] [4], run {1, 3}: one.
  const auto pieces = count_fragments(keys({0, 2, 1, 3, 4}), runs);
  CHECK(count_run(marker_positions(keys({0, 2, 1, 3, 4}), 6), runs[0]).fragments == 2);
  CHECK(pieces.whole == 1);
  CHECK(pieces.max_fragments == 2);
  CHECK(pieces.mean() == 1.5);
  CHECK(pieces.missing == 1);  // keystroke 5
}

TEST_CASE("other text inside a run, or a keystroke out of order, splits it") {
  const std::vector<std::uint32_t> run{0, 1, 2};
  CHECK(count_run(marker_positions(keys({0, 1}) + u"x" + keys({2}), 3), run).fragments == 2);
  CHECK(count_run(marker_positions(keys({2, 1, 0}), 3), run).fragments == 3);
  CHECK(count_run(marker_positions(keys({1, 2, 0}), 3), run).fragments == 2);
}

TEST_CASE("missing keystrokes are skipped and counted, a run with none left is absent") {
  const std::vector<std::vector<std::uint32_t>> runs{{0, 1, 2, 3}, {4, 5}, {}};
  // Keystroke 1 is missing: 0, 2, 3 still sit side by side; run {4, 5} is gone entirely.
  const auto text = keys({0, 2, 3});
  const auto p = count_run(marker_positions(text, 6), runs[0]);
  CHECK(p.keys == 3);
  CHECK(p.missing == 1);
  CHECK(p.fragments == 1);
  // Ids beyond the positions are missing, not an error.
  CHECK(count_run(marker_positions(text, 2), runs[0]).missing == 3);
  const auto s = count_fragments(text, runs);
  CHECK(s.runs == 1);
  CHECK(s.absent == 2);
  CHECK(s.missing == 3);
  CHECK(s.whole == 1);
  CHECK(s.mean() == 1.0);
  CHECK(count_fragments(u"", runs).mean() == 0.0);
  // A repeated keystroke counts where it first appears.
  CHECK(
      count_run(marker_positions(keys({0, 1, 0}), 2), std::vector<std::uint32_t>{0, 1}).fragments ==
      1);
}

TEST_CASE("the text is read as stretches per editor") {
  keystroke_book book(2, 4);  // ids: k * 2 + editor
  const auto text = keys({0, 2, 1}) + u"x" + keys({4, 6});
  const auto all = stretches_by_editor(text, book, 10);
  REQUIRE(all.size() == 4);
  CHECK(all[0] == std::pair<std::int64_t, std::uint64_t>{0, 2});
  CHECK(all[1] == std::pair<std::int64_t, std::uint64_t>{1, 1});
  CHECK(all[2] == std::pair<std::int64_t, std::uint64_t>{-1, 1});
  CHECK(all[3] == std::pair<std::int64_t, std::uint64_t>{0, 2});
  CHECK(stretches_by_editor(text, book, 2).size() == 2);
}

namespace {

// Peers of one section, each typing at its own run end (at 0 before its first keystroke),
// as --same-spot does; pushes and pulls are driven by the test.
struct same_spot_room {
  rt::domain::section_doc doc;
  std::vector<rt::domain::collab_peer> peers;
  keystroke_book book;
  std::vector<std::uint32_t> typed;
  same_spot_room(std::uint32_t editors, std::uint32_t per, bool mark_runs)
      : book(editors, per), typed(editors, 0) {
    for (std::uint32_t e = 0; e < editors; ++e) {
      peers.emplace_back("e" + std::to_string(e));
      peers.back().set_mark_runs(mark_runs);
    }
  }
  void type(std::uint32_t e) {
    auto& p = peers[e];
    if (typed[e] >= book.per_editor()) return;
    const auto id = book.id(e, typed[e]++);
    const auto len = static_cast<std::int64_t>(p.text().size());
    REQUIRE(p.local_change(insert_at(len, p.run_end().value_or(0), *marker_char(id))));
    book.typed(id, 1);
  }
  void push(std::uint32_t e) {
    auto& p = peers[e];
    if (!p.unconfirmed().empty()) REQUIRE(doc.push(p.version(), p.sendable(), e + 1, 0));
  }
  void pull(std::uint32_t e) {
    auto& p = peers[e];
    REQUIRE(p.receive_at(p.version(), doc.updates_since(p.version()).value()));
  }
  std::vector<std::vector<std::uint32_t>> runs() const {
    std::vector<std::vector<std::uint32_t>> out(peers.size());
    for (std::uint32_t e = 0; e < peers.size(); ++e) {
      for (std::uint32_t k = 0; k < typed[e]; ++k) out[e].push_back(book.id(e, k));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("two editors at one spot: the old rule cuts a run, marked runs stay whole") {
  for (const bool mark : {false, true}) {
    CAPTURE(mark);
    same_spot_room room(2, 4, mark);
    // A and B type their first keystrokes at once; A's is accepted first. A types its second
    // before it sees B's, and pushes it after B's was accepted: a tie at B's keystroke.
    room.type(0);
    room.type(1);
    room.push(0);
    room.type(0);
    room.push(1);
    room.push(0);
    for (std::uint32_t e = 0; e < 2; ++e) room.pull(e);
    room.type(1);
    room.push(1);
    for (std::uint32_t e = 0; e < 2; ++e) room.pull(e);
    CHECK(room.peers[0].text() == room.doc.text());
    CHECK(room.peers[1].text() == room.doc.text());
    const auto runs = room.runs();
    const auto where = marker_positions(room.doc.text(), room.book.capacity());
    CHECK(count_run(where, runs[0]).fragments == (mark ? 1u : 2u));
    CHECK(count_run(where, runs[1]).fragments == 1);
  }
}

TEST_CASE("editors typing at one spot in any order: every marked run stays whole") {
  std::uint64_t unmarked_fragments = 0;
  for (const bool mark : {true, false}) {
    std::mt19937_64 rng(11);
    const std::uint32_t editors = 5;
    same_spot_room room(editors, 40, mark);
    for (int step = 0; step < 3000; ++step) {
      const auto e = static_cast<std::uint32_t>(rng() % editors);
      switch (rng() % 3) {
        case 0:
          room.type(e);
          break;
        case 1:
          room.push(e);
          break;
        default:
          room.pull(e);
          break;
      }
    }
    for (int round = 0; round < 2; ++round) {
      for (std::uint32_t e = 0; e < editors; ++e) {
        room.pull(e);
        room.push(e);
      }
    }
    for (std::uint32_t e = 0; e < editors; ++e) room.pull(e);
    for (const auto& p : room.peers) CHECK(p.text() == room.doc.text());
    CHECK(check_markers(room.doc.text(), room.book.typed_flags()).ok());
    const auto s = count_fragments(room.doc.text(), room.runs());
    CHECK(s.runs == editors);
    CHECK(s.keys == editors * 40);
    if (mark) {
      CHECK(s.whole == editors);
      CHECK(s.max_fragments == 1);
    } else {
      unmarked_fragments = s.fragments;
    }
  }
  // The same steps under the old rule cut some run (the scenario's baseline).
  CHECK(unmarked_fragments > 5);
}

TEST_CASE("a section is read back from the database and replayed") {
  temp_schema_db t(
      "INSERT INTO section_updates VALUES (1, 4, 0, 1, 'a', 5, '[[0,\"ab\"]]', 0, 0);"
      "INSERT INTO section_updates VALUES (1, 4, 0, 2, 'b', 6, '[1,[0,\"X\"],1]', 0, 0);"
      "INSERT INTO section_updates VALUES (1, 4, 1, 1, 'b', 6, '[[0,\"other section\"]]', 0, 0);"
      "INSERT INTO section_updates VALUES (2, 4, 0, 1, 'c', 7, '[[0,\"other event\"]]', 0, 0);");
  const auto r = read_section(t.path, 1, 4, 0);
  REQUIRE(r.ok);
  CHECK(r.rows == 2);
  CHECK(r.last_version == 2);
  CHECK(r.contiguous);
  CHECK(r.replayed);
  CHECK(r.text == u"aXb");
}

TEST_CASE("a gap in the versions or a change that does not fit is reported") {
  temp_schema_db t(
      "INSERT INTO section_updates VALUES (1, 4, 0, 1, 'a', 5, '[[0,\"ab\"]]', 0, 0);"
      "INSERT INTO section_updates VALUES (1, 4, 0, 3, 'b', 6, '[5,[0,\"X\"]]', 0, 0);");
  const auto r = read_section(t.path, 1, 4, 0);
  REQUIRE(r.ok);
  CHECK(r.rows == 2);
  CHECK_FALSE(r.contiguous);
  CHECK_FALSE(r.replayed);
  CHECK_FALSE(r.replay_error.empty());
}

TEST_CASE("a missing database is a failed section check") {
  const auto r = read_section("/nonexistent/dir/rt.db", 1, 4, 0);
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.error.empty());
}
