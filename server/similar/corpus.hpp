// corpus.hpp: TF-IDF over a fixed set of ideas, and what moderators are offered from it:
// likely duplicates and a grouping into clusters, each named by its most telling words.
//
// Weights are the usual ones: a feature's count damped as 1 + ln(count), times its inverse
// document frequency ln((1 + n) / (1 + df)) + 1 over the set; each idea's word vector and
// n-gram vector is scaled to length 1, and the score of two ideas is
//   word_weight * cosine(words) + (1 - word_weight) * cosine(grams),
// between 0 (nothing in common) and 1 (the same words).
//
// Clusters are agglomerative with average linkage: start with one group per idea and keep
// joining the two groups whose ideas are most alike on average, down to `cluster_min`. The
// nearest-neighbour chain finds the same joins as the textbook algorithm in O(n^2) time and
// n^2 floats of memory (2,000 ideas: 16 MB for the moment it runs), so clusters are
// suggested for at most `max_cluster_items` ideas at once (the newest).
//
// Pure computation: deterministic (ties go to the lower index), no I/O, no shared state.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "similar/analyser.hpp"

namespace rt::similar {

using idea_id = std::int64_t;

struct item {
  idea_id id = 0;
  std::string text;
};

struct pair_score {
  idea_id a = 0;  // the earlier idea (the lower id)
  idea_id b = 0;
  float score = 0;
  bool operator==(const pair_score&) const = default;
};

struct group {
  std::string label;
  std::vector<idea_id> ideas;  // ascending
  bool operator==(const group&) const = default;
};

inline constexpr std::size_t max_cluster_items = 3000;
inline constexpr std::size_t max_label_length = 60;  // code points: a cluster's longest name

class corpus {
 public:
  // For clusters, the features that cannot tell themes apart are left out: those of one idea
  // only, and those in more than `cluster_max_df` of the ideas (the language's little words).
  enum class purpose { duplicates, clusters };
  corpus(analyser& a, const std::vector<item>& items, purpose p = purpose::duplicates);

  std::size_t size() const { return ids_.size(); }
  idea_id id(std::size_t i) const { return ids_[i]; }
  // The score of items i and j.
  float score(std::size_t i, std::size_t j) const;
  // Each j > i with a score of at least `min`, and its score.
  void row(std::size_t i, float min, std::vector<std::pair<std::size_t, float>>& out) const;

  // Pairs scoring at least `min`, best first (ties: by a, then b), without those
  // `dismissed(a, b)` says were ruled out, at most `limit`.
  std::vector<pair_score> duplicates(float min, std::size_t limit,
                                     const std::function<bool(idea_id, idea_id)>& dismissed) const;
  // Groups of at least two ideas whose average linkage is at least `min`: largest first, then
  // by their first idea.
  std::vector<group> clusters(float min) const;
  // The group's most telling words (frequent in the group, rare in the set), as written.
  std::string label(const std::vector<std::size_t>& members) const;

 private:
  struct entry {
    std::size_t doc;
    float weight;
  };
  std::vector<idea_id> ids_;
  // Each item's weighted, combined vector, sorted by feature.
  std::vector<std::vector<std::pair<feature, float>>> vectors_;
  std::unordered_map<feature, std::vector<entry>> postings_;
  // For labels: each item's stemmed words as written, and each word's idf.
  std::vector<std::vector<std::pair<feature, std::string>>> surfaces_;
  std::unordered_map<feature, float> word_idf_;
  float common_idf_ = 0;  // below it a word is in too many ideas to name a cluster
};

}  // namespace rt::similar
