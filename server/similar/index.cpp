// index.cpp: the inverted index of one track's ideas (see index.hpp).
#include "similar/index.hpp"

#include <algorithm>
#include <cmath>

namespace rt::similar {

namespace {

float idf(std::size_t n, std::size_t df) {
  return std::log((1.0f + static_cast<float>(n)) / (1.0f + static_cast<float>(df))) + 1.0f;
}

std::vector<std::pair<feature, float>> damped(const bag& b) {
  std::vector<std::pair<feature, float>> out;
  out.reserve(b.items.size());
  for (const auto& [f, count] : b.items) out.emplace_back(f, 1.0f + std::log(count));
  return out;
}

}  // namespace

float index::norm(const std::vector<std::pair<feature, float>>& tf, const postings& p) const {
  double sum = 0;
  for (const auto& [f, t] : tf) {
    const auto it = p.find(f);
    const float w = t * idf(size(), it == p.end() ? 0 : it->second.size());
    sum += static_cast<double>(w) * w;
  }
  return static_cast<float>(std::sqrt(sum));
}

void index::put(analyser& a, idea_id id, std::string_view text) {
  if (const auto* known = text_of(id); known != nullptr && *known == text) return;
  remove(id);
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(docs_.size());
    docs_.emplace_back();
  }
  const analysed an = a.analyse(text);
  doc& d = docs_[slot];
  d = doc{id, std::string(text), damped(an.words), damped(an.grams), 0, 0, true};
  for (const auto& [f, t] : d.words) words_[f].push_back(posting{slot, t});
  for (const auto& [f, t] : d.grams) grams_[f].push_back(posting{slot, t});
  slots_.emplace(id, slot);
  d.norm_words = norm(d.words, words_);
  d.norm_grams = norm(d.grams, grams_);
  renorm_if_due();
}

void index::remove(idea_id id) {
  const auto it = slots_.find(id);
  if (it == slots_.end()) return;
  const std::uint32_t slot = it->second;
  doc& d = docs_[slot];
  const auto drop = [slot](postings& p, const std::vector<std::pair<feature, float>>& tf) {
    for (const auto& [f, t] : tf) {
      auto& list = p.at(f);
      const auto at = std::find_if(list.begin(), list.end(),
                                   [slot](const posting& x) { return x.slot == slot; });
      *at = list.back();
      list.pop_back();
      if (list.empty()) p.erase(f);
    }
  };
  drop(words_, d.words);
  drop(grams_, d.grams);
  d = doc{};
  free_.push_back(slot);
  slots_.erase(it);
  renorm_if_due();
}

void index::renorm_if_due() {
  const std::size_t n = size();
  const std::size_t moved = n > normed_at_ ? n - normed_at_ : normed_at_ - n;
  if (moved * 10 < std::max<std::size_t>(normed_at_, 80)) return;
  for (auto& d : docs_) {
    if (!d.live) continue;
    d.norm_words = norm(d.words, words_);
    d.norm_grams = norm(d.grams, grams_);
  }
  normed_at_ = n;
}

const std::string* index::text_of(idea_id id) const {
  const auto it = slots_.find(id);
  return it == slots_.end() ? nullptr : &docs_[it->second].text;
}

std::vector<match> index::nearest(analyser& a, std::string_view text, std::size_t k, float min) {
  const analysed q = a.analyse(text);
  const std::size_t n = size();
  acc_words_.assign(docs_.size(), 0.0f);
  acc_grams_.assign(docs_.size(), 0.0f);
  touched_.clear();
  // In a large track, features in more than a quarter of the ideas (the language's little
  // words) would touch nearly every idea for little weight: they are left out of choosing the
  // candidates, and counted again in the exact scores below.
  const std::size_t common = n > 1000 ? n / 4 : n + 1;
  std::vector<std::pair<feature, float>> qwords;  // the query's weights, sorted by feature
  std::vector<std::pair<feature, float>> qgrams;
  const auto run = [&](const bag& b, const postings& p, std::vector<float>& acc,
                       std::vector<std::pair<feature, float>>& weights) {
    double qnorm = 0;
    for (const auto& [f, count] : b.items) {
      const auto it = p.find(f);
      const std::size_t df = it == p.end() ? 0 : it->second.size();
      const float i = idf(n, df);
      const float qw = (1.0f + std::log(count)) * i;
      qnorm += static_cast<double>(qw) * qw;
      if (it == p.end()) continue;
      weights.emplace_back(f, qw * i);
      if (df > common) continue;
      for (const auto& e : it->second) {
        if (acc_words_[e.slot] == 0.0f && acc_grams_[e.slot] == 0.0f) touched_.push_back(e.slot);
        acc[e.slot] += qw * e.tf * i;
      }
    }
    return static_cast<float>(std::sqrt(qnorm));
  };
  const float qw = run(q.words, words_, acc_words_, qwords);
  const float qg = run(q.grams, grams_, acc_grams_, qgrams);
  // The exact dot product of the query with an idea: both sorted by feature.
  const auto dot = [](const std::vector<std::pair<feature, float>>& x,
                      const std::vector<std::pair<feature, float>>& y) {
    double sum = 0;
    auto p = x.begin();
    auto r = y.begin();
    while (p != x.end() && r != y.end()) {
      if (p->first < r->first) {
        ++p;
      } else if (r->first < p->first) {
        ++r;
      } else {
        sum += static_cast<double>(p->second) * r->second;
        ++p;
        ++r;
      }
    }
    return static_cast<float>(sum);
  };
  const float word_weight = std::clamp(a.options().word_weight, 0.0f, 1.0f);
  const auto score = [&](std::uint32_t slot, float norm_words, float norm_grams) {
    float s = 0;
    if (qw > 0 && norm_words > 0) s += word_weight * acc_words_[slot] / (qw * norm_words);
    if (qg > 0 && norm_grams > 0) s += (1.0f - word_weight) * acc_grams_[slot] / (qg * norm_grams);
    return std::min(s, 1.0f);
  };
  const auto better = [](const match& x, const match& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.id < y.id;
  };
  // First with the norms as last computed, for every idea the text touches; then the best
  // of them again with exact norms, so that the order of the few shown is exact.
  std::vector<std::pair<match, std::uint32_t>> rough;
  rough.reserve(touched_.size());
  for (const std::uint32_t slot : touched_) {
    const doc& d = docs_[slot];
    rough.push_back({match{d.id, score(slot, d.norm_words, d.norm_grams)}, slot});
  }
  const std::size_t keep = std::min(rough.size(), std::max<std::size_t>(k * 8, 32));
  std::partial_sort(rough.begin(), rough.begin() + static_cast<std::ptrdiff_t>(keep), rough.end(),
                    [&](const auto& x, const auto& y) { return better(x.first, y.first); });
  std::vector<match> found;
  for (std::size_t i = 0; i < keep; ++i) {
    const std::uint32_t slot = rough[i].second;
    const doc& d = docs_[slot];
    acc_words_[slot] = dot(qwords, d.words);
    acc_grams_[slot] = dot(qgrams, d.grams);
    float s = score(slot, norm(d.words, words_), norm(d.grams, grams_));
    s = std::round(s * 1000.0f) / 1000.0f;  // three decimals: float noise never splits a tie
    if (s >= min) found.push_back(match{d.id, s});
  }
  std::sort(found.begin(), found.end(), better);
  if (found.size() > k) found.resize(k);
  return found;
}

}  // namespace rt::similar
