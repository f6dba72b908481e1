// analyser.cpp: words, stems and character n-grams of a text (see analyser.hpp).
#include "similar/analyser.hpp"

#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>


namespace rt::similar {

namespace {

const icu::Normalizer2& normalizer(bool casefold) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = casefold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                       : icu::Normalizer2::getNFDInstance(status);
  return *n;  // ICU's own data: present whenever libicu is
}

bool in_word(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c) ||
         u_charType(c) == U_NON_SPACING_MARK;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// The word case-folded, then decomposed without its combining marks ("é" -> "e", "ł" stays).
std::string without_accents(const icu::UnicodeString& folded) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = normalizer(false).normalize(folded, status);
  if (U_FAILURE(status)) return utf8(folded);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  return utf8(bare);
}

void add(std::unordered_map<feature, float>& counts, feature f) { counts[f] += 1.0f; }

bag to_bag(const std::unordered_map<feature, float>& counts) {
  bag b;
  b.items.assign(counts.begin(), counts.end());
  std::sort(b.items.begin(), b.items.end());
  return b;
}

// The code points of a UTF-8 string as byte offsets: n + 1 offsets for n code points.
std::vector<std::size_t> code_point_offsets(std::string_view s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  }
  at.push_back(s.size());
  return at;
}

}  // namespace

feature hash_feature(char kind, std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  const auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(kind));
  for (const char c : text) mix(static_cast<unsigned char>(c));
  return h;
}

std::vector<word> words_of(std::string_view text) {
  std::vector<word> out;
  const icu::UnicodeString all =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  int32_t i = 0;
  while (i < all.length()) {
    while (i < all.length() && !in_word(all.char32At(i))) i += U16_LENGTH(all.char32At(i));
    const int32_t start = i;
    while (i < all.length() && in_word(all.char32At(i))) i += U16_LENGTH(all.char32At(i));
    if (i == start) break;
    const icu::UnicodeString written = all.tempSubStringBetween(start, i);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = normalizer(true).normalize(written, status);
    if (U_FAILURE(status) || folded.isEmpty()) continue;
    out.push_back(word{utf8(written), utf8(folded), without_accents(folded)});
  }
  return out;
}

analyser::analyser(std::string_view language, settings s) : language_(language), settings_(s) {
  stemmer_ = sb_stemmer_new(language_.c_str(), "UTF_8");  // null: no Snowball stemmer
}

analyser::~analyser() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string analyser::stem(std::string_view folded) {
  if (stemmer_ == nullptr) return std::string(folded);
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                       static_cast<int>(folded.size()));
  if (s == nullptr) return std::string(folded);  // out of memory: the word itself
  return std::string(reinterpret_cast<const char*>(s),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
}

analysed analyser::analyse(std::string_view text) {
  analysed a;
  std::unordered_map<feature, float> words;
  std::unordered_map<feature, float> grams;
  for (const auto& w : words_of(text)) {
    const auto points = code_point_offsets(w.bare);
    const std::size_t length = points.size() - 1;
    if (length < settings_.min_word_length) continue;
    const std::string stemmed = stem(w.folded);
    const feature f = hash_feature('w', stemmed);
    add(words, f);
    if (std::none_of(a.surfaces.begin(), a.surfaces.end(),
                     [&](const auto& s) { return s.first == f; })) {
      a.surfaces.emplace_back(f, w.written);
    }
    // The n-grams of "_bare_", in code points.
    const std::string marked = "_" + w.bare + "_";
    const auto at = code_point_offsets(marked);
    const std::size_t n_points = at.size() - 1;
    for (std::size_t n = settings_.gram_min; n <= settings_.gram_max; ++n) {
      if (n_points < n) {
        if (n == settings_.gram_min) add(grams, hash_feature('g', marked));
        break;
      }
      for (std::size_t i = 0; i + n <= n_points; ++i) {
        add(grams, hash_feature('g', std::string_view(marked).substr(at[i], at[i + n] - at[i])));
      }
    }
  }
  a.words = to_bag(words);
  a.grams = to_bag(grams);
  return a;
}

}  // namespace rt::similar
