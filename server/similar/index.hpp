// index.hpp: the ideas of one track, kept ready for the question asked while someone types:
// which of them is most like this text?
//
// An inverted index from each feature (see analyser.hpp) to the ideas that have it, with the
// damped counts. A query weighs its features and the ideas' with the inverse document
// frequencies of the moment and adds up the products feature by feature, so it only touches
// ideas that share something with the text. The length of each idea's vector depends on those
// frequencies too; it is computed when the idea is added and all of them again whenever the
// track has grown or shrunk by a tenth since. Those lengths only choose the candidates: the
// best few are scored again with exact lengths, so what is shown is the exact score of
// corpus.hpp (to three decimals) in its exact order.
//
// Not thread-safe: one owner (the event's room) uses it on one strand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "similar/analyser.hpp"
#include "similar/corpus.hpp"

namespace rt::similar {

struct match {
  idea_id id = 0;
  float score = 0;
  bool operator==(const match&) const = default;
};

class index {
 public:
  // Adds the idea, or replaces its text.
  void put(analyser& a, idea_id id, std::string_view text);
  void remove(idea_id id);
  // The text the idea was indexed with; null when it is not in the index.
  const std::string* text_of(idea_id id) const;
  std::size_t size() const { return slots_.size(); }

  // The `k` ideas most like `text` scoring at least `min`, best first (scores to three
  // decimals; ties: the lower id).
  std::vector<match> nearest(analyser& a, std::string_view text, std::size_t k, float min);

 private:
  struct posting {
    std::uint32_t slot;
    float tf;
  };
  struct doc {
    idea_id id = 0;
    std::string text;
    std::vector<std::pair<feature, float>> words;  // damped counts
    std::vector<std::pair<feature, float>> grams;
    float norm_words = 0;
    float norm_grams = 0;
    bool live = false;
  };
  using postings = std::unordered_map<feature, std::vector<posting>>;

  float norm(const std::vector<std::pair<feature, float>>& tf, const postings& p) const;
  void renorm_if_due();

  std::vector<doc> docs_;
  std::unordered_map<idea_id, std::uint32_t> slots_;
  std::vector<std::uint32_t> free_;
  postings words_;
  postings grams_;
  std::size_t normed_at_ = 0;  // size() when every norm was last computed
  std::vector<float> acc_words_;
  std::vector<float> acc_grams_;
  std::vector<std::uint32_t> touched_;
};

}  // namespace rt::similar
