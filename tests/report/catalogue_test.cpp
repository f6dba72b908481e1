// Tests of the report's catalogues (server/report/i18n/<code>.json): every language has every
// key of English with the same placeholders, exactly the plural forms ICU knows for it, no
// markup characters in texts the renderers insert unescaped, and CSV headers that the roster
// import reads back in every language.
#include "catch.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "domain/model.hpp"
#include "report/words.hpp"

using namespace rt;
using namespace rt::report;

namespace {

const std::set<std::string> cldr_categories{"zero", "one", "two", "few", "many", "other"};

// "count.votes.one" -> {"count.votes", "one"}; other keys -> {key, ""}.
std::pair<std::string, std::string> split_plural(const std::string& key) {
  const auto dot = key.rfind('.');
  if (!key.starts_with("count.") || dot == std::string::npos) return {key, ""};
  const std::string category = key.substr(dot + 1);
  if (!cldr_categories.contains(category)) return {key, ""};
  return {key.substr(0, dot), category};
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  for (std::size_t open = text.find('{'); open != std::string::npos;
       open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    out.insert(text.substr(open + 1, close - open - 1));
  }
  return out;
}

struct shape {
  std::map<std::string, std::set<std::string>> placeholders;  // by key or plural base
  std::map<std::string, std::set<std::string>> categories;    // plural bases only
  std::map<std::string, std::string> texts;
};

shape shape_of(std::string_view language) {
  shape s;
  for (const auto& [key, text] : words::entries(language)) {
    const auto [base, category] = split_plural(key);
    s.texts[key] = text;
    if (!category.empty()) s.categories[base].insert(category);
    auto& p = s.placeholders[base];
    const auto found = placeholders(text);
    p.insert(found.begin(), found.end());
  }
  return s;
}

}  // namespace

TEST_CASE("every language has a catalogue with every key of English") {
  const shape english = shape_of("en");
  REQUIRE(english.texts.size() > 50);
  for (const auto code : domain::language_codes) {
    INFO("language " << code);
    const shape lang = shape_of(code);
    REQUIRE(!lang.texts.empty());
    for (const auto& [base, names] : english.placeholders) {
      INFO("key " << base);
      REQUIRE(lang.placeholders.contains(base));
      CHECK(lang.placeholders.at(base) == names);
    }
    for (const auto& [base, names] : lang.placeholders) {
      INFO("key " << base << " is not in English");
      CHECK(english.placeholders.contains(base));
    }
    // Every form of a plural key has the same placeholders as English's.
    for (const auto& [key, text] : lang.texts) {
      const auto [base, category] = split_plural(key);
      if (category.empty()) continue;
      INFO("key " << key);
      CHECK(placeholders(text) == english.placeholders.at(base));
    }
  }
}

TEST_CASE("every plural key has exactly the plural categories ICU reports for the language") {
  const shape english = shape_of("en");
  for (const auto code : domain::language_codes) {
    const auto wanted = words::plural_categories(code);
    REQUIRE(!wanted.empty());
    const std::set<std::string> want(wanted.begin(), wanted.end());
    const shape lang = shape_of(code);
    for (const auto& [base, categories] : english.categories) {
      INFO("language " << code << ", key " << base);
      REQUIRE(lang.categories.contains(base));
      CHECK(lang.categories.at(base) == want);
    }
  }
}

TEST_CASE("catalogue texts hold no markup, no empty text and no stray braces") {
  for (const auto code : domain::language_codes) {
    for (const auto& [key, text] : words::entries(code)) {
      INFO("language " << code << ", key " << key << ": " << text);
      CHECK(!text.empty());
      CHECK(std::count(text.begin(), text.end(), '{') == std::count(text.begin(), text.end(), '}'));
      if (key.starts_with("csv.")) continue;  // CSV cells are quoted by csv_line, not markup
      CHECK(text.find_first_of("\\`*_[]<>#|~&\"") == std::string::npos);
      CHECK(text.front() != ' ');
      if (key != "list.separator") CHECK(text.back() != ' ');
    }
  }
}

TEST_CASE("the roster's headers in every language read back as their columns") {
  const std::map<std::string, std::string> columns{
      {"csv.name", "name"},     {"csv.organisation", "organisation"},
      {"csv.group", "group"},   {"csv.track", "track"},
      {"csv.table", "table"},   {"csv.email", "email"},
      {"csv.credit", "credit"}, {"csv.credited", "credit"},
      {"csv.role", "role"}};
  for (const auto code : domain::language_codes) {
    const words w(code);
    std::set<std::string> seen;
    for (const auto& [key, column] : columns) {
      INFO("language " << code << ", " << key << " = " << w.text(key));
      const auto found = roster_column(w.text(key));
      REQUIRE(found.has_value());
      CHECK(*found == column);
      if (key != "csv.credited") CHECK(seen.insert(w.text(key)).second);
    }
  }
  CHECK_FALSE(roster_column("shoe size").has_value());
  CHECK(roster_column("  NAME ") == "name");
}
