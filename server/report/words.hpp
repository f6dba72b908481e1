// words.hpp: the report's fixed texts in the event's language, and the numbers, dates and lists
// in that language's conventions.
//
// Texts come from a catalogue per language (server/report/i18n/<code>.json, one of
// domain::language_codes), embedded into the binary at build time (CMake writes
// catalogues.cpp): flat keys, `{name}` placeholders, and plural forms as `<key>.<category>`
// with exactly the CLDR categories of the language (`one`, `few`, `other`, ...). ICU chooses
// the plural category and formats ordinals ("2nd", "2.", "2e"), long dates ("14 March 2025",
// "14. März 2025"), decimals ("0.41", "0,41") and lists ("A, B and C").
//
// Catalogue texts are trusted literal text: they hold no character that is markup in
// Markdown, HTML or XML (the catalogue test checks), so the renderers insert them unescaped;
// what fills a placeholder must already be escaped for the format.
//
// Thread-safety: the catalogues are parsed once (thread-safe) and then only read. A `words`
// owns its ICU formatters: use one object from one thread at a time (each render makes its
// own).
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/model.hpp"

namespace rt::report {

// The catalogues as embedded: (language code, JSON text), sorted by code. Generated.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_catalogues();

// One placeholder's value: {"votes", "23 votes"}.
using arg = std::pair<std::string_view, std::string_view>;

class words {
 public:
  // The words of `language`; an unknown or empty code gives English.
  explicit words(std::string_view language);
  ~words();
  words(const words&) = delete;
  words& operator=(const words&) = delete;

  // The language's code ("de").
  const std::string& code() const { return code_; }

  // The fixed text of `key`. A key the catalogue lacks gives English's text (the catalogue
  // test makes that never happen), and a key English lacks gives the key itself.
  const std::string& text(std::string_view key) const;
  // The text of `key` with each `{name}` replaced by its value (unknown names stay as typed).
  std::string fill(std::string_view key, std::initializer_list<arg> args) const;
  // The plural form of `key` for `n` (`<key>.<category>`), with `{count}` as the number in the
  // language's digits and grouping, and the other placeholders from `args`.
  std::string count(std::string_view key, long long n, std::initializer_list<arg> args = {}) const;

  // 12345 as the language writes it ("12,345", "12.345", "12 345").
  std::string number(long long n) const;
  // The ordinal of n: "2nd", "2.", "2e", "2º"; the plain number in el, lt, mt and ro, whose
  // catalogues say "place 2".
  std::string ordinal(long long n) const;
  // x with exactly two decimals, rounded half away from zero: "0.41", "0,41".
  std::string decimal2(double x) const;
  // The day of `at` (UTC) as a long date: "14 March 2025", "14. März 2025".
  std::string long_date(domain::millis at) const;
  // "A, B and C" (already escaped items; the conjunction from ICU).
  std::string list(const std::vector<std::string>& items) const;

  // The CLDR plural categories of a language, as ICU reports them ("one", "other", ...).
  static std::vector<std::string> plural_categories(std::string_view language);
  // Every key of a language's catalogue with its text (the catalogue test reads them).
  static const std::vector<std::pair<std::string, std::string>>& entries(std::string_view language);

 private:
  struct icu_parts;
  std::string code_;
  const void* catalogue_;  // the parsed catalogue of code_ (words.cpp)
  const void* english_;
  std::unique_ptr<icu_parts> icu_;
};

// The roster column (name, organisation, group, track, table, email, credit, role) that a CSV
// header names in any of the languages: the headers roster.csv and participants.csv are
// exported with (csv.credited reads as credit), compared trimmed and in ASCII lower case.
// nullopt for any other header. Any thread.
std::optional<std::string> roster_column(std::string_view header);

// `text` with each `{name}` replaced by its value from `args`.
std::string fill_placeholders(std::string_view text, std::initializer_list<arg> args);

}  // namespace rt::report
