// Tests of a section that keeps only a window of recent updates (push_limits::window): the
// same text, version and answers as a section that keeps everything, an amortised trim, and
// pushes on versions before the window rebased over updates read back from storage.
#include "catch.hpp"

#include <random>

#include "domain/collab.hpp"

using namespace rt::domain;

namespace {

change_set insert_at(std::int64_t length, std::int64_t pos, const std::u16string& text) {
  auto r = change_set::replace_range(length, pos, pos, text);
  REQUIRE(r);
  return r.value();
}

// Two peers typing into both `full` (keeps everything) and `kept` (a window), with pushes that
// lag behind by a few versions; checks after each push that both agree.
struct twin_sections {
  section_doc full, kept;
  push_limits all, windowed;
  explicit twin_sections(std::size_t window) { windowed.window = window; }

  // Pushes one insertion on `version` (which both keep) from client `who`, member `member`.
  void push(std::int64_t version, const std::string& who, std::int64_t member, std::int64_t pos,
            const std::u16string& text) {
    const auto length = full.length_at(version).value();
    const std::vector<client_update> u{{who, insert_at(length, std::min(pos, length), text)}};
    auto a = full.push(version, u, member, version, all);
    auto b = kept.push(version, u, member, version, windowed);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->size() == b->size());
    CHECK(kept.text() == full.text());
    CHECK(kept.version() == full.version());
  }
};

}  // namespace

TEST_CASE("window: trimming keeps the text, the version and the recent history") {
  twin_sections t(5);
  std::mt19937 rng(7);
  std::size_t trims = 0;
  std::int64_t first = 0;
  for (int i = 0; i < 60; ++i) {
    const std::int64_t lag = std::uniform_int_distribution<std::int64_t>(0, 3)(rng);
    const std::int64_t version = std::max(t.kept.first_version(), t.kept.version() - lag);
    const bool ana = i % 2 == 0;
    // A new client id each time: a client pushing again over its own update is a retry.
    t.push(version, (ana ? "ana" : "jonas") + std::to_string(i), ana ? 1 : 2,
           std::uniform_int_distribution<std::int64_t>(0, 40)(rng), ana ? u"a" : u"jj");
    // Amortised: the window grows to twice its size, then drops back to it.
    CHECK(t.kept.updates().size() < 10);
    CHECK(t.kept.updates().size() >= std::min<std::size_t>(5, t.kept.version()));
    if (t.kept.first_version() != first) {
      ++trims;
      CHECK(t.kept.first_version() - first == 5);
      first = t.kept.first_version();
    }
  }
  CHECK(trims == 11);  // at 10, 15, ..., 60 updates
  CHECK(t.kept.first_version() == 55);
  for (std::int64_t v = t.kept.first_version(); v <= t.kept.version(); ++v) {
    const auto a = t.full.updates_since(v).value();
    const auto b = t.kept.updates_since(v).value();
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].changes == b[i].changes);
      CHECK(a[i].client_id == b[i].client_id);
    }
    CHECK(t.kept.text_at(v).value() == t.full.text_at(v).value());
  }
  CHECK(t.kept.updates_since(t.kept.first_version() - 1).err().code == errc::bad_value);
  // The writers before the window are still known: Ana's client id stays hers.
  CHECK(t.kept.has_writer(1));
  CHECK(t.kept.push(t.kept.version(), {{"ana0", insert_at(t.kept.text().size(), 0, u"x")}}, 2, 1)
            .err()
            .code == errc::bad_value);
}

TEST_CASE("window: a push on a version before it is rebased over the updates read back") {
  twin_sections t(4);
  for (int i = 0; i < 20; ++i) {
    t.push(t.kept.version(), i % 2 ? "ana" : "jonas", i % 2 ? 1 : 2, 0, i % 2 ? u"a" : u"b");
  }
  REQUIRE(t.kept.first_version() > 6);
  const std::int64_t old = 6;
  const auto length = t.full.length_at(old).value();
  const std::vector<client_update> late{{"zoe", insert_at(length, 3, u"Z")}};
  const auto older_all = t.full.updates_since(old).value();
  const std::vector<accepted_update> older(older_all.begin(),
                                           older_all.begin() + (t.kept.first_version() - old));

  // Without the older updates: refused as before, nothing changes.
  const auto text = t.kept.text();
  CHECK(t.kept.push(old, late, 3, 1, t.windowed).err().code == errc::bad_value);
  // With the wrong ones: refused.
  const std::span<const accepted_update> short_by_one(older.data() + 1, older.size() - 1);
  CHECK(t.kept.push(old, late, 3, 1, t.windowed, nullptr, short_by_one).err().code ==
        errc::bad_value);
  CHECK(t.kept.text() == text);

  auto a = t.full.push(old, late, 3, 1, t.all);
  auto b = t.kept.push(old, late, 3, 1, t.windowed, nullptr, older);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(t.kept.text() == t.full.text());
  CHECK(t.kept.version() == t.full.version());
  CHECK(a->front().changes == b->front().changes);
}

TEST_CASE("window: a section restored from its window and its writers") {
  twin_sections t(3);
  for (int i = 0; i < 12; ++i) t.push(t.kept.version(), "ana", 1, 100, u"x");
  auto restored = section_doc::restore(t.kept.text_at(t.kept.first_version()).value(),
                                       t.kept.first_version(), t.kept.updates(), t.kept.clients());
  REQUIRE(restored);
  CHECK(restored->text() == t.full.text());
  CHECK(restored->version() == t.full.version());
  CHECK(restored->has_writer(1));
  CHECK(!restored->has_writer(2));
}
