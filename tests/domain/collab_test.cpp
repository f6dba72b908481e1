// Tests of the collaborative-editing authority and client: the sessions and receive steps of
// tests/vectors/changesets.json (made by the real @codemirror/collab), refusals that change
// nothing, duplicates and checkpoints. Randomised convergence is in collab_peers_test.cpp.
#include "catch.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "domain/collab.hpp"
#include "domain/text.hpp"
#include "vectors.hpp"

using namespace rt::domain;
using namespace rt::test_vectors;

namespace {

std::vector<client_update> client_updates_of(const json& j) {
  std::vector<client_update> out;
  for (const json& u : j) {
    out.push_back({u.at("clientID").get<std::string>(), set_of(u.at("changes")),
                   u.value("continues", false)});
  }
  return out;
}

// Which updates continue a run, as "+" and "-".
template <class Updates>
std::string flags_of(const Updates& us) {
  std::string s;
  for (const auto& u : us) s += u.continues ? '+' : '-';
  return s;
}
std::string flags_of(const json& j) {
  std::string s;
  for (const json& u : j) s += u.value("continues", false) ? '+' : '-';
  return s;
}

change_set insert_at(std::int64_t length, std::int64_t pos, const std::u16string& text) {
  auto r = change_set::replace_range(length, pos, pos, text);
  REQUIRE(r);
  return r.value();
}

change_set replace(std::int64_t length, std::int64_t from, std::int64_t to,
                   const std::u16string& text) {
  auto r = change_set::replace_range(length, from, to, text);
  REQUIRE(r);
  return r.value();
}

std::string show_updates(const std::vector<client_update>& us) {
  std::string s;
  for (const auto& u : us) s += u.client_id + ":" + show(u.changes) + " ";
  return s;
}
std::string show_updates(const std::vector<accepted_update>& us) {
  std::string s;
  for (const auto& u : us) s += u.client_id + ":" + show(u.changes) + " ";
  return s;
}
std::string show_updates(const json& j) {
  std::string s;
  for (const json& u : j)
    s += u.at("clientID").get<std::string>() + ":" + show(u.at("changes")) + " ";
  return s;
}

// The state a refused push must leave untouched.
struct snapshot {
  std::u16string text;
  std::int64_t version;
  std::string updates;
  explicit snapshot(const section_doc& d)
      : text(d.text()), version(d.version()), updates(show_updates(d.updates())) {}
  bool operator==(const snapshot&) const = default;
};

}  // namespace

TEST_CASE("sessions of the vectors: rebase_updates as @codemirror/collab, section_doc stepwise") {
  const json& sessions = vectors().at("sessions");
  REQUIRE(sessions.size() >= 10);
  std::size_t pushes = 0, duplicates = 0, rebased = 0, composed_differs = 0, continuing = 0;
  for (std::size_t s = 0; s < sessions.size(); ++s) {
    const json& session = sessions[s];
    std::map<std::string, std::int64_t> member_of;
    for (const json& id : session.at("clients")) {
      member_of.emplace(id.get<std::string>(), static_cast<std::int64_t>(member_of.size()) + 1);
    }
    section_doc doc;
    for (const json& p : session.at("pushes")) {
      INFO("session " << s << " push " << pushes << ": " << p.dump());
      ++pushes;
      const auto version = p.at("version").get<std::int64_t>();
      const std::vector<client_update> updates = client_updates_of(p.at("updates"));
      const std::string expected = show_updates(p.at("result"));
      duplicates += p.at("result").size() < updates.size();
      rebased += version < doc.version();

      const auto over = doc.updates_since(version);
      REQUIRE(over);
      composed_differs += p.at("composed") != p.at("result");
      CHECK(show_updates(rebase_updates(updates, over.value())) == show_updates(p.at("composed")));
      CHECK(show_updates(rebase_updates_stepwise(updates, over.value())) == expected);
      const std::string flags = flags_of(updates);
      continuing += static_cast<std::size_t>(std::count(flags.begin(), flags.end(), '+'));

      const auto appended = doc.push(version, updates, member_of.at(updates.at(0).client_id),
                                     static_cast<std::int64_t>(pushes));
      REQUIRE(appended);
      CHECK(show_updates(appended.value()) == expected);
      CHECK(flags_of(appended.value()) == flags_of(p.at("result")));
    }
    CHECK(utf8(doc.text()) == session.at("text").get<std::string>());
    // Replaying the accepted updates gives the same text; every one reads back from JSON.
    const auto replayed = section_doc::replay(doc.updates());
    REQUIRE(replayed);
    CHECK(replayed->text() == doc.text());
    for (const auto& u : doc.updates()) CHECK(change_set::from_parts(u.changes.to_parts()));
  }
  // The generator made the interesting cases.
  CHECK(duplicates >= 10);
  CHECK(rebased >= 30);
  CHECK(composed_differs >= 1);  // pushes where the two rebases disagree are among them
  CHECK(continuing >= 100);      // and many updates that continue a run
}

TEST_CASE(
    "receive steps of the vectors: collab_peer as receiveUpdates, one at a time and batched") {
  const json& receives = vectors().at("receives");
  REQUIRE(receives.size() >= 30);
  std::size_t own_after_others = 0, batch_differs = 0;
  auto check_state = [](const collab_peer& peer, const json& want) {
    CHECK(peer.version() == want.at("version").get<std::int64_t>());
    CHECK(utf8(peer.text()) == want.at("text").get<std::string>());
    std::string got, expected;
    for (const auto& u : peer.unconfirmed()) got += show(u.changes) + " ";
    for (const json& c : want.at("unconfirmed")) expected += show(c) + " ";
    CHECK(got == expected);
  };
  auto flags_want = [](const json& want) {
    std::string s;
    for (const json& c : want.at("continues")) s += c.get<bool>() ? '+' : '-';
    return s;
  };
  for (std::size_t i = 0; i < receives.size(); ++i) {
    const json& r = receives[i];
    INFO("receive " << i << ": " << r.dump());
    const json& before = r.at("before");
    std::vector<local_update> unconfirmed;
    for (std::size_t k = 0; k < before.at("unconfirmed").size(); ++k) {
      unconfirmed.push_back(
          {set_of(before.at("unconfirmed")[k]), before.at("continues")[k].get<bool>()});
    }
    const std::string id = r.at("clientID").get<std::string>();
    const collab_peer start(id, u16(before.at("text")), before.at("version").get<std::int64_t>(),
                            unconfirmed);
    const std::vector<client_update> updates = client_updates_of(r.at("updates"));
    bool seen_other = false;
    for (const auto& u : updates) {
      if (u.client_id != id) seen_other = true;
      if (u.client_id == id && seen_other) {
        ++own_after_others;
        break;
      }
    }
    batch_differs += r.at("each") != r.at("batch");
    collab_peer each = start, batch = start;
    each.receive(updates);
    check_state(each, r.at("each"));
    CHECK(flags_of(each.unconfirmed()) == flags_want(r.at("each")));
    batch.receive_batch(updates);
    check_state(batch, r.at("batch"));
  }
  CHECK(own_after_others >= 5);
  CHECK(batch_differs >= 1);
}

TEST_CASE("why the authority rebases stepwise and peers receive one at a time") {
  // "ab"; client a inserts "cd" at the end, then deletes "abc"; client b meanwhile inserts "X"
  // between "a" and "b" (see collab.hpp).
  const std::vector<accepted_update> accepted{{"a", insert_at(0, 0, u"ab"), 1, 1},
                                              {"a", insert_at(2, 2, u"cd"), 1, 2},
                                              {"a", replace(4, 0, 3, u""), 1, 3}};
  const std::vector<client_update> pushed{{"b", insert_at(2, 1, u"X")}};
  const auto over = std::span(accepted).subspan(1);
  CHECK(show(accepted[1].changes.compose(accepted[2].changes)) == R"([[2,"d"]])");
  CHECK(show(rebase_updates(pushed, over).at(0).changes) == R"([1,[0,"X"]])");           // "dX"
  CHECK(show(rebase_updates_stepwise(pushed, over).at(0).changes) == R"([[0,"X"],1])");  // "Xd"

  section_doc server = section_doc::replay(accepted).value();
  collab_peer b("b", u"ab", 1);
  b.local_change(pushed[0].changes);
  REQUIRE(server.push(1, b.sendable(), 2, 4));
  CHECK(server.text() == u"Xd");
  const auto all = server.updates_since(1).value();
  // Received in two runs, or whole: the same text as the authority, one at a time.
  collab_peer runs = b, whole = b, batched = b;
  runs.receive(std::span(all).first(1));
  runs.receive(std::span(all).subspan(1));
  whole.receive(all);
  CHECK(runs.text() == u"Xd");
  CHECK(whole.text() == u"Xd");
  // receiveUpdates on a batch of a's two updates maps over their composition instead.
  batched.receive_batch(std::span(all).first(2));
  batched.receive_batch(std::span(all).subspan(2));
  CHECK(batched.text() == u"dX");
  CHECK(batched.unconfirmed().empty());
}

TEST_CASE("concurrent inserts at one place: the earlier push comes first, everywhere") {
  section_doc server;
  REQUIRE(server.push(0, {{"a", insert_at(0, 0, u"ab")}}, 1, 1));
  collab_peer a("a", u"ab", 1), b("b", u"ab", 1);
  a.local_change(insert_at(2, 1, u"X"));
  b.local_change(insert_at(2, 1, u"Y"));
  // b's push arrives first; a's, made on version 1 too, is rebased over it.
  auto rb = server.push(1, b.sendable(), 2, 2);
  auto ra = server.push(1, a.sendable(), 1, 3);
  REQUIRE(rb);
  REQUIRE(ra);
  CHECK(server.text() == u"aYXb");
  CHECK(show(ra->at(0).changes) == R"([2,[0,"X"],1])");
  // a receives [b's, its own rebased]: its own update after another's, in one batch.
  a.receive(server.updates_since(1).value());
  CHECK(a.text() == server.text());
  CHECK(a.unconfirmed().empty());
  // b receives in two runs.
  const auto all = server.updates_since(1).value();
  b.receive(std::span(all).first(1));
  CHECK(b.unconfirmed().empty());
  b.receive(std::span(all).subspan(1));
  CHECK(b.text() == server.text());
  CHECK(a.version() == 3);
  CHECK(b.version() == 3);
}

TEST_CASE("a retried push counts once") {
  section_doc d;
  const change_set u1 = insert_at(0, 0, u"hello");
  REQUIRE(d.push(0, {{"a", u1}}, 1, 1)->size() == 1);
  // The reply was lost; the same push again changes nothing and appends nothing.
  auto again = d.push(0, {{"a", u1}}, 1, 2);
  REQUIRE(again);
  CHECK(again->empty());
  CHECK(d.version() == 1);
  CHECK(d.text() == u"hello");
  // Retried with one more update made since: only the new one is appended.
  const change_set u2 = insert_at(5, 5, u" world");
  auto more = d.push(0, {{"a", u1}, {"a", u2}}, 1, 3);
  REQUIRE(more);
  REQUIRE(more->size() == 1);
  CHECK(d.text() == u"hello world");
  // Someone else edits; the client retries all three with the version it last knew.
  REQUIRE(d.push(2, {{"b", insert_at(11, 0, u">> ")}}, 2, 4));
  const change_set u3 = insert_at(11, 11, u"!");
  auto third = d.push(0, {{"a", u1}, {"a", u2}, {"a", u3}}, 1, 5);
  REQUIRE(third);
  REQUIRE(third->size() == 1);
  CHECK(third->at(0).member == 1);
  CHECK(third->at(0).at == 5);
  CHECK(d.text() == u">> hello world!");
  CHECK(d.version() == 4);
  // Duplicates do not count toward the inserted limit: the client confirmed u1 and u2, and
  // retries u3 (accepted, reply lost) with u4; only u4's one character counts.
  push_limits tight;
  tight.max_inserted_per_push = 1;
  const change_set u4 = insert_at(12, 12, u"?");
  auto small = d.push(2, {{"a", u3}, {"a", u4}}, 1, 6, tight);
  REQUIRE(small);
  CHECK(small->size() == 1);
  CHECK(d.text() == u">> hello world!?");
}

TEST_CASE("refused pushes change nothing") {
  section_doc d;
  REQUIRE(d.push(0, {{"a", insert_at(0, 0, u"hello")}}, 1, 1));
  const snapshot before(d);
  auto refused = [&](const result<std::vector<accepted_update>>& r, const std::string& code,
                     const std::string& says) {
    REQUIRE_FALSE(r);
    CHECK(name(r.err().code) == code);
    CHECK_THAT(r.err().message, Catch::Contains(says));
    CHECK(snapshot(d) == before);
  };
  refused(d.push(2, {{"a", insert_at(5, 0, u"x")}}, 1, 2), "bad_value", "ahead");
  refused(d.push(-1, {{"a", insert_at(0, 0, u"x")}}, 1, 2), "bad_value", "older");
  refused(d.push(1, {{"a", insert_at(4, 0, u"x")}}, 1, 2), "bad_value", "text at version 1");
  refused(d.push(0, {{"b", insert_at(5, 0, u"x")}}, 2, 2), "bad_value", "has 0");
  // The second update must start from what the first makes: all or nothing.
  refused(d.push(1, {{"a", insert_at(5, 0, u"x")}, {"a", insert_at(5, 0, u"y")}}, 1, 2),
          "bad_value", "Update 1");
  refused(d.push(1, {{"", insert_at(5, 0, u"x")}}, 1, 2), "bad_value", "client ID");
  refused(d.push(1, {{std::string(65, 'k'), insert_at(5, 0, u"x")}}, 1, 2), "bad_value",
          "client ID");
  refused(d.push(1, {{"a", insert_at(5, 0, u"x")}}, 2, 2), "bad_value", "another member");

  push_limits limits;
  limits.max_chars = 8;
  refused(d.push(1, {{"a", insert_at(5, 0, u"1234")}}, 1, 2, limits), "too_large", "8 characters");
  // Several updates that together pass the limit, the last one over it.
  refused(d.push(1, {{"a", insert_at(5, 0, u"12")}, {"a", insert_at(7, 0, u"34")}}, 1, 2, limits),
          "too_large", "8 characters");
  limits = {};
  limits.max_inserted_per_push = 3;
  refused(d.push(1, {{"a", insert_at(5, 0, u"12")}, {"a", insert_at(7, 0, u"34")}}, 1, 2, limits),
          "too_large", "inserts at most 3");
  limits = {};
  std::vector<client_update> many;
  for (std::int64_t i = 0; i < 101; ++i) many.push_back({"a", insert_at(5 + i, 0, u"x")});
  refused(d.push(1, many, 1, 2, limits), "too_large", "at most 100 updates");
  many.pop_back();
  CHECK(d.push(1, many, 1, 2, limits));  // 100 is allowed
  CHECK(d.text().size() == 105);
}

TEST_CASE("a text over a lowered limit may still shrink") {
  section_doc d;
  REQUIRE(d.push(0, {{"a", insert_at(0, 0, u"hello")}}, 1, 1));
  push_limits limits;
  limits.max_chars = 3;
  CHECK(d.push(1, {{"a", replace(5, 0, 1, u"")}}, 1, 2, limits));
  CHECK(d.push(2, {{"a", replace(4, 0, 1, u"J")}}, 1, 3, limits));  // same length: allowed
  CHECK(d.push(3, {{"a", insert_at(4, 0, u"x")}}, 1, 4, limits).err().code == errc::too_large);
  CHECK(d.text() == u"Jllo");
}

TEST_CASE("the history grows geometrically: a push does not move every earlier update") {
  // reserve(size() + k) on every push reallocated the whole history each time: O(n) per push,
  // 70% of the server's CPU with 100 editors (docs/performance.md, (g)).
  section_doc d;
  int moves = 0;
  const accepted_update* at = nullptr;
  for (int i = 0; i < 4000; ++i) {
    REQUIRE(d.push(i, {{"a", insert_at(i, i, u"x")}}, 1, i));
    if (d.updates().data() != at) {
      ++moves;
      at = d.updates().data();
    }
  }
  CHECK(d.version() == 4000);
  CHECK(moves <= 20);  // about log2(4000) = 12
}

TEST_CASE("restore, replay, checkpoints and history") {
  section_doc d;
  std::int64_t v = 0;
  for (const char16_t* word : {u"one", u" two", u" three", u" four"}) {
    const std::u16string w(word);
    REQUIRE(d.push(v,
                   {{"a", insert_at(static_cast<std::int64_t>(d.text().size()),
                                    static_cast<std::int64_t>(d.text().size()), w)}},
                   1, 100 + v));
    ++v;
  }
  CHECK(d.text() == u"one two three four");
  CHECK(d.text_at(0).value() == u"");
  CHECK(d.text_at(2).value() == u"one two");
  CHECK(d.length_at(2).value() == 7);
  CHECK(d.length_at(4).value() == 18);
  CHECK(d.updates_since(4)->empty());
  CHECK(d.updates_since(1)->size() == 3);
  CHECK(d.updates_since(5).err().code == errc::bad_value);
  CHECK(d.text_at(5).err().code == errc::bad_value);
  CHECK(d.length_at(-1).err().code == errc::bad_value);

  auto all = section_doc::replay(d.updates());
  REQUIRE(all);
  CHECK(all->text() == d.text());
  CHECK(all->version() == 4);

  auto later = section_doc::restore(d.text_at(2).value(), 2, d.updates_since(2).value());
  REQUIRE(later);
  CHECK(later->text() == d.text());
  CHECK(later->version() == 4);
  CHECK(later->first_version() == 2);
  CHECK(later->text_at(2).value() == u"one two");
  CHECK(later->text_at(1).err().code == errc::bad_value);
  CHECK(later->updates_since(1).err().code == errc::bad_value);
  CHECK(later->push(1, {{"b", insert_at(3, 0, u"x")}}, 2, 1).err().code == errc::bad_value);
  // A push on the checkpoint's version is rebased over what follows it.
  auto pushed = later->push(2, {{"b", insert_at(7, 7, u"!")}}, 2, 1);
  REQUIRE(pushed);
  CHECK(later->text() == u"one two three four!");
  // The restored section still knows which member uses client "a".
  CHECK(later->push(5, {{"a", insert_at(19, 0, u"x")}}, 2, 1).err().code == errc::bad_value);

  // Stored updates that do not fit are refused.
  auto broken = d.updates();
  broken.erase(broken.begin() + 1);
  CHECK(section_doc::replay(broken).err().code == errc::bad_value);
  CHECK(section_doc::restore(u"", -1, {}).err().code == errc::bad_value);

  d.forget_before(3);
  CHECK(d.first_version() == 3);
  CHECK(d.updates().size() == 1);
  CHECK(d.text_at(3).value() == u"one two three");
  CHECK(d.push(2, {{"a", insert_at(7, 0, u"x")}}, 1, 1).err().code == errc::bad_value);
  // (client "a" pushing on version 3 would have been a retry of update 4: another client.)
  CHECK(d.push(3, {{"b", insert_at(13, 0, u"0 ")}}, 2, 1));
  CHECK(d.text() == u"0 one two three four");
  d.forget_before(99);  // clamped to the current version
  CHECK(d.first_version() == d.version());
  CHECK(d.text_at(d.version()).value() == d.text());
}

TEST_CASE("collab_peer: local changes, receive_at skips known updates and spots gaps") {
  section_doc server;
  collab_peer p("p"), q("q");
  p.local_change(insert_at(0, 0, u"abc"));
  p.local_change(change_set::unchanged(3));  // nothing changes: not queued
  CHECK(p.unconfirmed().size() == 1);
  CHECK_THROWS_AS(p.local_change(insert_at(2, 0, u"x")), std::invalid_argument);
  CHECK(p.text() == u"abc");
  auto r = server.push(p.version(), p.sendable(), 1, 1);
  REQUIRE(r);
  REQUIRE(server.push(1, {{"q", insert_at(3, 3, u"d")}}, 2, 2));
  const auto all = server.updates_since(0).value();
  // q has seen nothing: a batch starting at version 1 leaves a gap and changes nothing.
  auto gap = q.receive_at(1, std::span(all).subspan(1));
  REQUIRE_FALSE(gap);
  CHECK(gap.err().code == errc::bad_value);
  CHECK(q.version() == 0);
  CHECK(q.receive_at(0, all).value() == 2);
  CHECK(q.text() == u"abcd");
  // p gets its own update, then the whole list again: the known part is skipped.
  CHECK(p.receive_at(0, std::span(all).first(1)).value() == 1);
  CHECK(p.unconfirmed().empty());
  CHECK(p.receive_at(0, all).value() == 2);
  CHECK(p.receive_at(0, all).value() == 2);
  CHECK(p.text() == u"abcd");
  // Updates that do not fit the text are refused without changing the peer.
  const std::vector<accepted_update> bogus{{"z", insert_at(9, 0, u"x"), 3, 3}};
  CHECK(p.receive_at(2, bogus).err().code == errc::bad_value);
  CHECK(p.version() == 2);
  CHECK(p.text() == u"abcd");
}
