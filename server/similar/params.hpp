// params.hpp: the similarity's settings. The defaults were chosen on the evaluation set
// (tests/similarity/; docs/performance.md says how and what they give); the evaluation tool
// tries others.
#pragma once

#include <cstddef>

namespace rt::similar {

struct settings {
  // Words shorter than this (in letters) are left out ("à", "a"); "AI" is kept.
  std::size_t min_word_length = 2;
  // The character n-grams taken from each word.
  std::size_t gram_min = 3;
  std::size_t gram_max = 5;
  // How much the stemmed words count against the character n-grams in the score:
  // score = word_weight * cosine(words) + (1 - word_weight) * cosine(grams).
  float word_weight = 0.4f;
  // A match worth showing while someone types (similar_ideas).
  float similar_min = 0.20f;
  // A pair worth suggesting to a moderator as a duplicate (suggest_duplicates).
  float duplicate_min = 0.36f;
  // The average-linkage similarity down to which groups of ideas are joined (suggest_clusters).
  float cluster_min = 0.16f;
  // For clusters, features in more than this share of a track's ideas are left out.
  float cluster_max_df = 0.1f;
};

}  // namespace rt::similar
