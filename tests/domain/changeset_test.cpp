// Tests of the CodeMirror change set port: every case of tests/vectors/changesets.json (made
// by the real @codemirror/state), hand-worked cases, input validation, and a randomised check
// of the property collaboration rests on.
#include "catch.hpp"

#include <random>
#include <stdexcept>
#include <tuple>

#include "domain/changeset.hpp"
#include "domain/text.hpp"
#include "vectors.hpp"

using namespace rt::domain;
using namespace rt::test_vectors;

namespace {

using iter_row = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::string>;

std::vector<iter_row> iter_of(const change_set& c, bool individual) {
  std::vector<iter_row> rows;
  c.iter_changes(
      [&](std::int64_t fa, std::int64_t ta, std::int64_t fb, std::int64_t tb,
          const std::u16string& text) { rows.emplace_back(fa, ta, fb, tb, to_utf8(text)); },
      individual);
  return rows;
}

std::vector<iter_row> iter_of(const json& j) {
  std::vector<iter_row> rows;
  for (const json& r : j) {
    rows.emplace_back(r[0].get<std::int64_t>(), r[1].get<std::int64_t>(), r[2].get<std::int64_t>(),
                      r[3].get<std::int64_t>(), r[4].get<std::string>());
  }
  return rows;
}

change_set parse(const std::vector<change_part>& parts) {
  auto r = change_set::from_parts(parts);
  REQUIRE(r);
  return r.value();
}

change_part keep(std::int64_t n) { return {n, false, {}}; }
change_part del(std::int64_t n) { return {n, true, {}}; }
change_part put(std::int64_t n, std::vector<std::u16string> lines) {
  return {n, true, std::move(lines)};
}

}  // namespace

TEST_CASE("the vectors file holds enough cases") {
  CHECK(vectors().at("changesets").size() >= 200);
}

TEST_CASE("change sets behave as CodeMirror's on every vector") {
  std::size_t n = 0;
  for (const json& c : vectors().at("changesets")) {
    INFO("case " << n << ": " << c.dump());
    ++n;
    const std::u16string doc = u16(c.at("doc"));
    const change_set a = set_of(c.at("a"));
    const change_set b = set_of(c.at("b"));
    const change_set cc = set_of(c.at("c"));

    CHECK(show(a) == show(c.at("aParts")));
    CHECK(a.length() == c.at("length").get<std::int64_t>());
    CHECK(a.new_length() == c.at("newLength").get<std::int64_t>());
    CHECK(a.empty() == c.at("empty").get<bool>());
    CHECK(utf8(a.apply(doc)) == c.at("applied").get<std::string>());
    CHECK(iter_of(a, false) == iter_of(c.at("iter")));
    CHECK(iter_of(a, true) == iter_of(c.at("iterIndividual")));

    CHECK(show(a.map(b)) == show(c.at("mapAB")));
    CHECK(show(a.map(b, true)) == show(c.at("mapABBefore")));
    CHECK(a.desc().map_desc(b.desc()).sections() == sections_of(c.at("mapDescAB")));
    CHECK(a.desc().map_desc(b.desc(), true).sections() == sections_of(c.at("mapDescABBefore")));
    CHECK(show(a.map_desc(b.desc(), true)) == show(c.at("mapDescSetAB")));

    const change_set ac = a.compose(cc);
    CHECK(show(ac) == show(c.at("composeAC")));
    CHECK(a.desc().compose_desc(cc.desc()).sections() == sections_of(c.at("composeDescAC")));
    CHECK(utf8(ac.apply(doc)) == c.at("composedApplied").get<std::string>());

    for (const json& m : c.at("mapPos")) {
      const auto got = a.desc().map_pos(m[0].get<std::int64_t>(), m[1].get<int>(),
                                        static_cast<map_mode>(m[2].get<int>()));
      if (m[3].is_null()) {
        CHECK_FALSE(got.has_value());
      } else {
        REQUIRE(got.has_value());
        CHECK(*got == m[3].get<std::int64_t>());
      }
    }

    // to_parts() reads back as the same set.
    CHECK(show(set_of(c.at("aParts"))) == show(a));
    CHECK(parse(a.to_parts()).desc() == a.desc());
  }
  CHECK(n == vectors().at("changesets").size());
}

TEST_CASE("a hand-worked change: insert, delete and replace") {
  const std::u16string doc = u"hello world";
  // "hello" kept, " " deleted, "world" replaced by "there\nfriend"
  const change_set c = parse({keep(5), del(1), put(5, {u"there", u"friend"})});
  CHECK(c.length() == 11);
  CHECK(c.new_length() == 17);
  CHECK(c.inserted_length() == 12);
  CHECK(c.apply(doc) == u"hellothere\nfriend");
  CHECK(show(c) == R"([5,[1],[5,"there","friend"]])");
  // Adjacent changes are reported together unless individual.
  CHECK(iter_of(c, false) == std::vector<iter_row>{{5, 11, 5, 17, "there\nfriend"}});
  CHECK(iter_of(c, true).size() == 2);
  std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> gaps;
  c.desc().iter_gaps(
      [&](std::int64_t a, std::int64_t b, std::int64_t n) { gaps.emplace_back(a, b, n); });
  CHECK(gaps == std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>{{0, 0, 5}});
}

TEST_CASE("lengths are UTF-16 code units: an emoji is two") {
  const std::u16string doc = to_utf16(
      "a\xF0\x9F\x98\x80"
      "b");  // a😀b
  REQUIRE(doc.size() == 4);
  const change_set c = parse({keep(1), del(2), keep(1)});
  CHECK(c.apply(doc) == u"ab");
  // Splitting a pair is allowed (CodeMirror allows it); the halves are lone surrogates.
  const change_set half = parse({keep(2), del(1), keep(1)});
  const std::u16string split = half.apply(doc);
  CHECK(split.size() == 3);
  CHECK(to_utf8(split) ==
        "a\xEF\xBF\xBD"
        "b");  // the lone half becomes U+FFFD in UTF-8
}

TEST_CASE("empty and unchanged sets") {
  CHECK(change_set().empty());
  CHECK(change_set().length() == 0);
  CHECK(change_set::unchanged(0).to_parts().empty());
  CHECK(show(change_set::unchanged(7)) == "[7]");
  CHECK(change_set::unchanged(7).empty());
  CHECK(change_set::unchanged(7).apply(u"abcdefg") == u"abcdefg");
  // CodeMirror calls a set of two kept runs not empty; so does the port.
  CHECK_FALSE(parse({keep(3), keep(4)}).empty());
  CHECK(show(parse({keep(3), keep(4)})) == "[3,4]");
  // A deletion written with one empty line is a deletion.
  CHECK(show(parse({put(3, {u""})})) == "[[3]]");
  CHECK(parse({put(3, {u""})}).new_length() == 0);
}

TEST_CASE("from_parts refuses malformed changes with bad_value") {
  auto refused = [](const std::vector<change_part>& parts, const std::string& says) {
    auto r = change_set::from_parts(parts);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == errc::bad_value);
    CHECK_THAT(r.err().message, Catch::Contains(says));
  };
  refused({keep(-1)}, "negative");
  refused({keep(2), del(-3)}, "negative");
  refused({keep(0)}, "keeps 0");
  refused({keep(3), del(0)}, "nothing with nothing");
  refused({put(0, {u""})}, "nothing with nothing");
  refused({put(0, {u"a\nb"})}, "line break");
  refused({put(0, {u"a\rb"})}, "line break");
  refused({keep(max_change_length + 1)}, "longer than");
  refused({keep(max_change_length), keep(1)}, "longer than");
  refused({put(0, {std::u16string(static_cast<std::size_t>(max_change_length), u'x'), u""})},
          "longer than");
  // Accepted: an insertion of a line break is two empty lines.
  auto br = change_set::from_parts({put(0, {u"", u""})});
  REQUIRE(br);
  CHECK(br->apply(u"") == u"\n");
  CHECK(change_set::from_parts({}));
}

TEST_CASE("preconditions throw instead of corrupting") {
  const change_set c = parse({keep(3), put(0, {u"x"})});
  CHECK_THROWS_AS(c.apply(u"ab"), std::invalid_argument);
  auto r = c.try_apply(u"ab");
  REQUIRE_FALSE(r);
  CHECK(r.err().code == errc::bad_value);
  CHECK(c.try_apply(u"abc").value() == u"abcx");
  const change_set other = parse({keep(2), put(0, {u"y"})});
  CHECK_THROWS_AS(c.compose(other), std::invalid_argument);  // c makes 4, other wants 2
  CHECK_THROWS_AS(c.map(other), std::invalid_argument);      // 3 against 2
  CHECK_THROWS_AS(other.map(c), std::invalid_argument);
  CHECK_THROWS_AS(c.desc().map_pos(4), std::invalid_argument);
  CHECK_THROWS_AS(c.desc().compose_desc(other.desc()), std::invalid_argument);
}

TEST_CASE("replace_range makes one change") {
  auto c = change_set::replace_range(5, 1, 3, u"XY\nZ");
  REQUIRE(c);
  CHECK(show(c.value()) == R"([1,[2,"XY","Z"],2])");
  CHECK(c->apply(u"abcde") == u"aXY\nZde");
  CHECK(show(change_set::replace_range(5, 5, 5, u"!").value()) == R"([5,[0,"!"]])");
  CHECK(show(change_set::replace_range(0, 0, 0, u"!").value()) == R"([[0,"!"]])");
  CHECK(change_set::replace_range(5, 2, 2, u"").value().empty());
  CHECK(change_set::replace_range(5, 3, 2, u"").err().code == errc::bad_value);
  CHECK(change_set::replace_range(5, 0, 6, u"").err().code == errc::bad_value);
  CHECK(change_set::replace_range(5, -1, 2, u"").err().code == errc::bad_value);
  CHECK(change_set::replace_range(5, 0, 1, u"a\r").err().code == errc::bad_value);
}

TEST_CASE("replace_all keeps the common prefix and suffix") {
  const change_set c = change_set::replace_all(u"the quick fox", u"the slow fox");
  CHECK(show(c) == R"([4,[5,"slow"],4])");
  CHECK(c.apply(u"the quick fox") == u"the slow fox");
  CHECK(change_set::replace_all(u"same", u"same").empty());
  CHECK(change_set::replace_all(u"", u"").to_parts().empty());
  CHECK(change_set::replace_all(u"", u"new").apply(u"") == u"new");
  CHECK(change_set::replace_all(u"old", u"").apply(u"old") == u"");
  CHECK(show(change_set::replace_all(u"aaa", u"aaaa")) == R"([3,[0,"a"]])");
  CHECK(change_set::replace_all(u"a\nb", u"a\r\nc\rd").apply(u"a\nb") == u"a\nc\nd");

  // Never splits a surrogate pair: 😀 (D83D DE00) -> 😃 (D83D DE03) replaces both units.
  const std::u16string smile = to_utf16("x\xF0\x9F\x98\x80y"),
                       smiley = to_utf16("x\xF0\x9F\x98\x83y");
  const change_set e = change_set::replace_all(smile, smiley);
  CHECK(e.apply(smile) == smiley);
  CHECK(show(e) == "[1,[2,\"\xF0\x9F\x98\x83\"],1]");
  // A shared low half: 𝐀 (D835 DC00) -> 🐀 (D83D DC00) replaces both units too.
  const std::u16string math = to_utf16("\xF0\x9D\x90\x80"), rat = to_utf16("\xF0\x9F\x90\x80");
  const change_set f = change_set::replace_all(math, rat);
  CHECK(f.apply(math) == rat);
  CHECK(show(f) == "[[2,\"\xF0\x9F\x90\x80\"]]");
}

TEST_CASE("map_pos follows CodeMirror on a hand-worked case") {
  // "abcdef": insert "XY" at 2, delete [3, 5)
  const change_desc d = parse({keep(2), put(0, {u"XY"}), keep(1), del(2), keep(1)}).desc();
  CHECK(d.map_pos(0) == 0);
  CHECK(d.map_pos(2, -1) == 2);
  CHECK(d.map_pos(2, 1) == 4);
  CHECK(d.map_pos(4) == 5);
  CHECK(d.map_pos(4, 1) == 5);
  CHECK_FALSE(d.map_pos(4, -1, map_mode::track_del).has_value());
  CHECK(d.map_pos(3, -1, map_mode::track_del) == 5);
  CHECK_FALSE(d.map_pos(5, -1, map_mode::track_before).has_value());
  CHECK_FALSE(d.map_pos(3, -1, map_mode::track_after).has_value());
  CHECK(d.map_pos(6) == 6);
}

namespace {

// Random documents and changes on the C++ side: more shapes than the vectors, including
// denormalised part lists and changes that split surrogate pairs.
struct fuzz {
  std::mt19937 rng;
  explicit fuzz(unsigned seed) : rng(seed) {}
  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  std::u16string text(int max) {
    static const std::u16string alphabet = u"abc \n\u00e9\u4e2d\U0001F600";
    std::u16string s;
    for (int i = below(max + 1); i > 0; --i) {
      const std::size_t k = static_cast<std::size_t>(below(static_cast<int>(alphabet.size())));
      s += alphabet[k];
      if (k + 1 < alphabet.size() && alphabet[k] >= 0xD800 && alphabet[k] <= 0xDBFF)
        s += alphabet[k + 1];
    }
    return s;
  }
  std::vector<std::u16string> lines(const std::u16string& t) {
    std::vector<std::u16string> out(1);
    for (const char16_t ch : t) {
      if (ch == u'\n') {
        out.emplace_back();
      } else {
        out.back() += ch;
      }
    }
    return out;
  }
  // A change of a document of `len` units as (possibly denormalised) parts: adjacent kept or
  // deleted runs, adjacent insertions, trailing insertions.
  change_set change(std::int64_t len) {
    std::vector<change_part> parts;
    std::int64_t pos = 0;
    for (int guard = 0; guard < 64; ++guard) {
      if (pos == len && below(3) != 0) break;
      const std::int64_t n = std::min<std::int64_t>(len - pos, 1 + below(4));
      const int kind = below(4);
      if (kind == 0 && n > 0) {
        parts.push_back(keep(n));
        pos += n;
      } else if (kind == 1 && n > 0) {
        parts.push_back(del(n));
        pos += n;
      } else {
        const std::int64_t replaced = kind == 2 ? n : 0;
        const std::u16string t = text(4);
        if (replaced == 0 && t.empty()) continue;
        parts.push_back(put(replaced, lines(t)));
        pos += replaced;
      }
    }
    if (pos < len) parts.push_back(keep(len - pos));
    auto r = change_set::from_parts(parts);
    REQUIRE(r);
    REQUIRE(r->length() == len);
    return r.value();
  }
};

}  // namespace

TEST_CASE("mapping converges and composing equals applying in turn (randomised)") {
  for (unsigned seed = 1; seed <= 400; ++seed) {
    fuzz f(seed);
    const std::u16string doc = f.text(12);
    const auto len = static_cast<std::int64_t>(doc.size());
    const change_set a = f.change(len), b = f.change(len);
    INFO("seed " << seed << " a " << show(a) << " b " << show(b));
    // A then B mapped over A, against B then A mapped over B with before.
    const std::u16string ab = b.map(a).apply(a.apply(doc));
    const std::u16string ba = a.map(b, true).apply(b.apply(doc));
    CHECK(ab == ba);
    CHECK(a.compose(b.map(a)).apply(doc) == ab);
    CHECK(a.map(b).desc().sections() == a.desc().map_desc(b.desc()).sections());
    const change_set c = f.change(a.new_length());
    CHECK(a.compose(c).apply(doc) == c.apply(a.apply(doc)));
    CHECK(a.compose(c).desc().sections() == a.desc().compose_desc(c.desc()).sections());
    CHECK(a.compose(c).inserted_length() <= a.inserted_length() + c.inserted_length());
    CHECK(show(parse(a.to_parts())) == show(a));
    // What the port produces always reads back (a server stores and reloads it).
    CHECK(change_set::from_parts(a.map(b).to_parts()));
    CHECK(change_set::from_parts(a.map(b, true).to_parts()));
    CHECK(change_set::from_parts(a.compose(c).to_parts()));
  }
}
