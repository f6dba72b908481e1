// analyser.hpp: what similarity compares, taken from one idea's text.
//
// A text becomes two bags of features, each with its count:
//   words  each word, case-folded and stemmed with the Snowball stemmer of the event's language
//          (libstemmer), so "account", "accounts" and "Accounts" are one feature;
//   grams  the character 3-, 4- and 5-grams of each word, case-folded and without accents, with
//          the word's edges marked ("_konto_" gives "_ko", "kon", ..., "nto_"). They match
//          inflections and compounds in every language, including those Snowball has no stemmer
//          for (Polish, Czech, ...), typos, and words shared across languages ("digital",
//          "digitale", "cyfrowe" do not; "Weiterbildungskonto" and "Bildungskonto" do).
// Words are what ICU calls letters and digits; everything else separates them. Features are
// 64-bit hashes of their text (FNV-1a, the same on every machine), so nothing is interned.
//
// Pure computation: no I/O. Not thread-safe (a Snowball stemmer keeps a buffer): one analyser
// per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "similar/params.hpp"

struct sb_stemmer;

namespace rt::similar {

using feature = std::uint64_t;

// A bag of features with their counts, sorted by feature.
struct bag {
  std::vector<std::pair<feature, float>> items;
};

struct analysed {
  bag words;
  bag grams;
  // Each distinct stemmed word once, with the first way it was written ("AI", "Konto"),
  // for cluster labels: (feature, surface).
  std::vector<std::pair<feature, std::string>> surfaces;
};

// A word as written, case-folded (NFKC_Casefold) and without accents.
struct word {
  std::string written;
  std::string folded;
  std::string bare;
};

// The words of `text` (UTF-8; invalid sequences separate words).
std::vector<word> words_of(std::string_view text);

class analyser {
 public:
  // `language`: an ISO 639-1 code; a language Snowball has no stemmer for keeps words whole.
  explicit analyser(std::string_view language, settings s = {});
  ~analyser();
  analyser(const analyser&) = delete;
  analyser& operator=(const analyser&) = delete;

  const std::string& language() const { return language_; }
  const settings& options() const { return settings_; }
  bool stems() const { return stemmer_ != nullptr; }

  analysed analyse(std::string_view text);
  std::string stem(std::string_view folded);

 private:
  std::string language_;
  settings settings_;
  sb_stemmer* stemmer_ = nullptr;
};

feature hash_feature(char kind, std::string_view text);

}  // namespace rt::similar
