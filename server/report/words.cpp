// words.cpp: the catalogues (parsed once from the embedded JSON) and the ICU formatters.
#include "report/words.hpp"

#include <unicode/datefmt.h>
#include <unicode/listformatter.h>
#include <unicode/numfmt.h>
#include <unicode/plurrule.h>
#include <unicode/rbnf.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace rt::report {
namespace {

// One language's texts: by key, and in the file's order for entries().
struct catalogue {
  std::map<std::string, std::string, std::less<>> by_key;
  std::vector<std::pair<std::string, std::string>> in_order;
};

// Every embedded catalogue, parsed at first use. A catalogue that is not a flat JSON object
// of strings is a build mistake the catalogue test catches: its keys are skipped.
const std::map<std::string, catalogue, std::less<>>& catalogues() {
  static const auto all = [] {
    std::map<std::string, catalogue, std::less<>> out;
    for (const auto& [code, text] : embedded_catalogues()) {
      auto& c = out[std::string(code)];
      const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
      if (!j.is_object()) continue;
      for (const auto& [key, value] : j.items()) {
        if (!value.is_string()) continue;
        c.by_key.emplace(key, value.get<std::string>());
        c.in_order.emplace_back(key, value.get<std::string>());
      }
    }
    return out;
  }();
  return all;
}

const catalogue* find_catalogue(std::string_view code) {
  const auto& all = catalogues();
  const auto it = all.find(code);
  return it == all.end() ? nullptr : &it->second;
}

// The ICU locale of a language: English is written the European way (14 March 2025).
icu::Locale locale_of(const std::string& code) {
  return icu::Locale(code == "en" ? "en_GB" : code.c_str());
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

struct words::icu_parts {
  std::unique_ptr<icu::PluralRules> plural;
  std::unique_ptr<icu::NumberFormat> integer;
  std::unique_ptr<icu::NumberFormat> two_decimals;
  std::unique_ptr<icu::RuleBasedNumberFormat> ordinal;
  std::unique_ptr<icu::DateFormat> date;
  std::unique_ptr<icu::ListFormatter> list;
};

words::words(std::string_view language) : icu_(std::make_unique<icu_parts>()) {
  const catalogue* c = domain::is_language(language) ? find_catalogue(language) : nullptr;
  code_ = c != nullptr ? std::string(language) : std::string(domain::default_language);
  english_ = find_catalogue(domain::default_language);
  catalogue_ = c != nullptr ? c : english_;
  const icu::Locale loc = locale_of(code_);
  UErrorCode e = U_ZERO_ERROR;
  icu_->plural.reset(icu::PluralRules::forLocale(loc, e));
  e = U_ZERO_ERROR;
  icu_->integer.reset(icu::NumberFormat::createInstance(loc, e));
  e = U_ZERO_ERROR;
  icu_->two_decimals.reset(icu::NumberFormat::createInstance(loc, e));
  if (icu_->two_decimals) {
    icu_->two_decimals->setMinimumFractionDigits(2);
    icu_->two_decimals->setMaximumFractionDigits(2);
  }
  e = U_ZERO_ERROR;
  icu_->ordinal = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_ORDINAL, loc, e);
  if (U_FAILURE(e)) icu_->ordinal.reset();
  icu_->date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, loc));
  if (icu_->date) icu_->date->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  e = U_ZERO_ERROR;
  icu_->list.reset(icu::ListFormatter::createInstance(loc, e));
  if (U_FAILURE(e)) icu_->list.reset();
}

words::~words() = default;

const std::string& words::text(std::string_view key) const {
  for (const void* p : {catalogue_, english_}) {
    const auto* c = static_cast<const catalogue*>(p);
    if (c == nullptr) continue;
    if (const auto it = c->by_key.find(key); it != c->by_key.end()) return it->second;
  }
  // Not in English either: a programming mistake the tests catch. The key, kept per thread.
  thread_local std::string missing;
  missing = key;
  return missing;
}

namespace {

std::string fill_range(std::string_view text, const arg* first, const arg* last) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t i = 0;
  while (i < text.size()) {
    const auto open = text.find('{', i);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const auto name = text.substr(open + 1, close - open - 1);
    const auto* found = std::find_if(first, last, [&](const arg& a) { return a.first == name; });
    out.append(found != last ? found->second : text.substr(open, close - open + 1));
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

}  // namespace

std::string fill_placeholders(std::string_view text, std::initializer_list<arg> args) {
  return fill_range(text, args.begin(), args.end());
}

std::string words::fill(std::string_view key, std::initializer_list<arg> args) const {
  return fill_placeholders(text(key), args);
}

std::string words::count(std::string_view key, long long n, std::initializer_list<arg> args) const {
  std::string category = "other";
  if (icu_->plural) category = utf8(icu_->plural->select(static_cast<int32_t>(n)));
  std::string full = std::string(key) + "." + category;
  const auto* c = static_cast<const catalogue*>(catalogue_);
  if (c == nullptr || !c->by_key.contains(full)) full = std::string(key) + ".other";
  const std::string number_text = number(n);
  std::vector<arg> all{{"count", number_text}};
  all.insert(all.end(), args.begin(), args.end());
  return fill_range(text(full), all.data(), all.data() + all.size());
}

std::string words::number(long long n) const {
  if (!icu_->integer) return std::to_string(n);
  icu::UnicodeString s;
  icu_->integer->format(static_cast<int64_t>(n), s);
  return utf8(s);
}

std::string words::ordinal(long long n) const {
  // Greek, Lithuanian, Maltese and Romanian say "place 2" (θέση 2, locul 2): their catalogues
  // put the number after the noun, where ICU's ordinal forms do not read well.
  static constexpr std::array<std::string_view, 4> cardinal{"el", "lt", "mt", "ro"};
  if (std::find(cardinal.begin(), cardinal.end(), code_) != cardinal.end()) return number(n);
  if (!icu_->ordinal) return std::to_string(n) + ".";
  icu::UnicodeString s;
  icu_->ordinal->format(static_cast<int64_t>(n), s);
  return utf8(s);
}

std::string words::decimal2(double x) const {
  if (!(x >= 0)) x = 0;  // NaN too
  const long long hundredths = std::llround(x * 100);
  if (!icu_->two_decimals) return std::to_string(hundredths / 100.0);
  icu::UnicodeString s;
  icu_->two_decimals->format(static_cast<double>(hundredths) / 100.0, s);
  return utf8(s);
}

std::string words::long_date(domain::millis at) const {
  if (!icu_->date) return std::to_string(at);
  icu::UnicodeString s;
  icu_->date->format(static_cast<UDate>(at), s);
  return utf8(s);
}

std::string words::list(const std::vector<std::string>& items) const {
  if (items.empty()) return "";
  std::vector<icu::UnicodeString> u;
  u.reserve(items.size());
  for (const auto& i : items) u.push_back(icu::UnicodeString::fromUTF8(i));
  icu::UnicodeString s;
  UErrorCode e = U_ZERO_ERROR;
  if (icu_->list) icu_->list->format(u.data(), static_cast<int32_t>(u.size()), s, e);
  if (!icu_->list || U_FAILURE(e)) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }
  return utf8(s);
}

std::vector<std::string> words::plural_categories(std::string_view language) {
  std::vector<std::string> out;
  UErrorCode e = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(locale_of(std::string(language)), e));
  if (U_FAILURE(e) || !rules) return out;
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(e));
  if (U_FAILURE(e) || !keywords) return out;
  while (const char* k = keywords->next(nullptr, e)) out.emplace_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<std::string> roster_column(std::string_view header) {
  static const auto columns = [] {
    std::map<std::string, std::string, std::less<>> out;
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> keys{{
        {"csv.name", "name"},
        {"csv.organisation", "organisation"},
        {"csv.group", "group"},
        {"csv.track", "track"},
        {"csv.table", "table"},
        {"csv.email", "email"},
        {"csv.credit", "credit"},
        {"csv.credited", "credit"},
        {"csv.role", "role"},
    }};
    for (const auto& [code, c] : catalogues()) {
      for (const auto& [key, column] : keys) {
        if (const auto it = c.by_key.find(key); it != c.by_key.end()) {
          out.emplace(lower_trimmed(it->second), std::string(column));
        }
      }
    }
    return out;
  }();
  const auto it = columns.find(lower_trimmed(header));
  if (it == columns.end()) return std::nullopt;
  return it->second;
}

const std::vector<std::pair<std::string, std::string>>& words::entries(std::string_view language) {
  static const std::vector<std::pair<std::string, std::string>> none;
  const auto* c = find_catalogue(language);
  return c == nullptr ? none : c->in_order;
}

}  // namespace rt::report
