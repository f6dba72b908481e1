// changes_fuzz.cpp: libFuzzer harness for the ChangeSet JSON decoder (protocol::parse_changes)
// and the change-set algebra behind co-editing (server/domain/changeset.hpp).
//
// The input is JSON text: an object {"doc": text, "a": changes, "b": changes, "c": changes},
// the shape of tests/vectors/changesets.json, or any other JSON value, which is decoded as one
// change set. Whatever it is, parse_changes returns (never throws), and for every change set
// it accepts:
//   - its lengths are within max_change_length, new length = length - deleted + inserted,
//     and it survives its JSON form and its parts unchanged;
//   - applied to a document of its length, it gives a document of its new length; if
//     splits_surrogate_pair() says no, a document without lone surrogates stays without;
//   - iter_changes reports ordered ranges within both documents that insert exactly
//     inserted_length() units; map_pos keeps positions within the new document;
//   - with "b" of the same length, both orders of mapping converge: a then b mapped over a
//     gives the document b then a mapped over b (before) gives;
//   - with "c" starting where "a" ends, a composed with c applies as a then c;
//   - with lengths that do not fit, compose and map throw std::invalid_argument, never worse;
//   - replace_all(doc, result) turns doc into the result without splitting a pair.
// Seeds: corpus/changes/ (cases of tests/vectors/changesets.json).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "check.hpp"
#include "domain/changeset.hpp"
#include "domain/text.hpp"
#include "protocol/commands.hpp"

namespace {

using nlohmann::json;
using namespace rt;
using domain::change_set;

// Documents longer than this are not built (the decoder accepts up to max_change_length).
constexpr std::int64_t max_doc = 1 << 16;

bool is_high(char16_t c) { return c >= 0xD800 && c <= 0xDBFF; }
bool is_low(char16_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

bool well_formed(const std::u16string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_high(s[i])) {
      if (i + 1 >= s.size() || !is_low(s[i + 1])) return false;
      ++i;
    } else if (is_low(s[i])) {
      return false;
    }
  }
  return true;
}

std::optional<change_set> decode(const json& j) {
  auto r = protocol::parse_changes(j);
  if (!r) {
    RT_FUZZ_CHECK(r.err().code == domain::errc::bad_value ||
                  r.err().code == domain::errc::too_large);
    return std::nullopt;
  }
  return r.value();
}

// A document of `length` units: `given` when it fits, else letters and emoji.
std::optional<std::u16string> document_for(const change_set& c, const std::u16string* given) {
  if (given && static_cast<std::int64_t>(given->size()) == c.length()) return *given;
  if (c.length() > max_doc) return std::nullopt;
  std::u16string doc;
  const std::u16string pattern = u"ab\U0001F600c\nd";
  while (static_cast<std::int64_t>(doc.size()) < c.length()) doc += pattern;
  doc.resize(static_cast<std::size_t>(c.length()));
  return doc;
}

template <class F>
void expect_mismatch(F&& f) {
  bool threw = false;
  try {
    f();
  } catch (const std::invalid_argument&) {
    threw = true;
  }
  RT_FUZZ_CHECK(threw);
}

// What holds for one accepted change set on its own.
void check_one(const change_set& c, const std::u16string* given) {
  RT_FUZZ_CHECK(c.length() >= 0 && c.length() <= domain::max_change_length);
  RT_FUZZ_CHECK(c.new_length() >= 0 && c.new_length() <= domain::max_change_length);
  RT_FUZZ_CHECK(c.inserted_length() >= 0 && c.inserted_length() <= domain::max_change_length);

  // Its JSON form and its parts read back as the same change.
  const auto again = protocol::parse_changes(protocol::changes_json(c));
  RT_FUZZ_CHECK(again && again.value() == c);
  const auto parts = change_set::from_parts(c.to_parts());
  RT_FUZZ_CHECK(parts && parts.value() == c);
  RT_FUZZ_CHECK(c.desc().length() == c.length() && c.desc().new_length() == c.new_length());

  // The changed ranges: ordered, within both documents, inserting inserted_length() units.
  std::int64_t last_a = 0, last_b = 0, deleted = 0, inserted = 0;
  c.iter_changes(
      [&](std::int64_t from_a, std::int64_t to_a, std::int64_t from_b, std::int64_t to_b,
          const std::u16string& text) {
        RT_FUZZ_CHECK(last_a <= from_a && from_a <= to_a && to_a <= c.length());
        RT_FUZZ_CHECK(last_b <= from_b && from_b <= to_b && to_b <= c.new_length());
        RT_FUZZ_CHECK(static_cast<std::int64_t>(text.size()) == to_b - from_b);
        RT_FUZZ_CHECK(from_b - last_b == from_a - last_a);  // kept ranges stay as they are
        deleted += to_a - from_a;
        inserted += to_b - from_b;
        last_a = to_a;
        last_b = to_b;
      },
      true);
  RT_FUZZ_CHECK(inserted == c.inserted_length());
  RT_FUZZ_CHECK(c.new_length() == c.length() - deleted + inserted);

  for (const std::int64_t pos : {std::int64_t{0}, c.length() / 2, c.length()}) {
    for (const int assoc : {-1, 1}) {
      const auto mapped = c.desc().map_pos(pos, assoc);
      RT_FUZZ_CHECK(mapped && *mapped >= 0 && *mapped <= c.new_length());
    }
  }
  expect_mismatch([&] { (void)c.desc().map_pos(c.length() + 1); });

  const auto doc = document_for(c, given);
  if (!doc) return;
  const std::u16string after = c.apply(*doc);
  RT_FUZZ_CHECK(static_cast<std::int64_t>(after.size()) == c.new_length());
  const bool splits = c.splits_surrogate_pair(*doc);
  if (well_formed(*doc) && !well_formed(after)) RT_FUZZ_CHECK(splits);
  RT_FUZZ_CHECK(!c.try_apply(*doc + u"x"));

  // replace_all: the same text reached from doc, never splitting a pair it keeps.
  if (after.find(u'\r') == std::u16string::npos) {
    const change_set all = change_set::replace_all(*doc, after);
    RT_FUZZ_CHECK(all.apply(*doc) == after);
    if (well_formed(*doc) && well_formed(after)) RT_FUZZ_CHECK(!all.splits_surrogate_pair(*doc));
  }
}

// Two changes of the same document, mapped over each other, converge.
void check_map(const change_set& a, const change_set& b, const std::u16string* given) {
  const change_set a_over_b = a.map(b);
  const change_set b_over_a = b.map(a, true);
  RT_FUZZ_CHECK(a_over_b.length() == b.new_length());
  RT_FUZZ_CHECK(b_over_a.length() == a.new_length());
  RT_FUZZ_CHECK(a.desc().map_desc(b.desc()) == a_over_b.desc());
  // map_desc has no shortcut for an empty `b`: it normalises the sections then.
  if (!b.empty()) RT_FUZZ_CHECK(a.map_desc(b.desc()).desc() == a_over_b.desc());
  const change_set ab = a.compose(b_over_a);
  const change_set ba = b.compose(a_over_b);
  RT_FUZZ_CHECK(ab.length() == a.length() && ba.length() == a.length());
  RT_FUZZ_CHECK(ab.new_length() == ba.new_length());
  const auto doc = document_for(a, given);
  if (!doc || ab.new_length() > max_doc) return;
  RT_FUZZ_CHECK(ab.apply(*doc) == ba.apply(*doc));
  RT_FUZZ_CHECK(b_over_a.apply(a.apply(*doc)) == ab.apply(*doc));
}

// `c` applies after `a`: composing them is applying one then the other.
void check_compose(const change_set& a, const change_set& c, const std::u16string* given) {
  const change_set ac = a.compose(c);
  RT_FUZZ_CHECK(ac.length() == a.length() && ac.new_length() == c.new_length());
  RT_FUZZ_CHECK(a.desc().compose_desc(c.desc()) == ac.desc());
  const auto doc = document_for(a, given);
  if (!doc || a.new_length() > max_doc) return;
  RT_FUZZ_CHECK(ac.apply(*doc) == c.apply(a.apply(*doc)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json j = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr,
                             /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;

  // Any JSON value is one change set, or refused as one.
  if (const auto whole = decode(j)) check_one(*whole, nullptr);
  if (!j.is_object()) return 0;

  std::optional<std::u16string> doc;
  if (const auto d = j.find("doc"); d != j.end() && d->is_string()) {
    doc = domain::to_utf16(d->get_ref<const std::string&>());
  }
  const std::u16string* given = doc ? &*doc : nullptr;
  const auto part = [&j](const char* key) -> std::optional<change_set> {
    const auto it = j.find(key);
    return it == j.end() ? std::nullopt : decode(*it);
  };
  const auto a = part("a");
  if (!a) return 0;
  check_one(*a, given);
  if (const auto b = part("b")) {
    if (b->length() == a->length()) {
      check_one(*b, given);
      check_map(*a, *b, given);
    } else {
      // map() returns `a` as it is over a `b` that changes nothing, whatever its length.
      if (!b->empty()) expect_mismatch([&] { (void)a->map(*b); });
      expect_mismatch([&] { (void)a->map_desc(b->desc()); });
    }
  }
  if (const auto c = part("c")) {
    if (c->length() == a->new_length()) {
      check_compose(*a, *c, given);
    } else if (!a->empty() && !c->empty()) {
      expect_mismatch([&] { (void)a->compose(*c); });
    }
  }
  return 0;
}
