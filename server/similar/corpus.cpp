// corpus.cpp: TF-IDF, duplicate pairs, average-linkage clusters and their labels
// (see corpus.hpp).
#include "similar/corpus.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace rt::similar {

namespace {

float idf(std::size_t n, std::size_t df) {
  return std::log((1.0f + static_cast<float>(n)) / (1.0f + static_cast<float>(df))) + 1.0f;
}

void add_part(const bag& b, const std::unordered_map<feature, std::uint32_t>& df, std::size_t n,
              float scale, std::size_t min_df, std::size_t max_df,
              std::vector<std::pair<feature, float>>& out) {
  const std::size_t first = out.size();
  double norm = 0;
  for (const auto& [f, count] : b.items) {
    const std::size_t d = df.at(f);
    if (d < min_df || d > max_df) continue;
    const float w = (1.0f + std::log(count)) * idf(n, df.at(f));
    out.emplace_back(f, w);
    norm += static_cast<double>(w) * w;
  }
  if (norm <= 0) return;
  const float k = scale / static_cast<float>(std::sqrt(norm));
  for (std::size_t i = first; i < out.size(); ++i) out[i].second *= k;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool upper_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c < 0; });
}

}  // namespace

corpus::corpus(analyser& a, const std::vector<item>& items, purpose p) {
  const std::size_t n = items.size();
  std::vector<analysed> docs;
  docs.reserve(n);
  std::unordered_map<feature, std::uint32_t> df_words;
  std::unordered_map<feature, std::uint32_t> df_grams;
  for (const auto& it : items) {
    ids_.push_back(it.id);
    docs.push_back(a.analyse(it.text));
    for (const auto& [f, c] : docs.back().words.items) ++df_words[f];
    for (const auto& [f, c] : docs.back().grams.items) ++df_grams[f];
  }
  const float word_weight = std::clamp(a.options().word_weight, 0.0f, 1.0f);
  const float ww = std::sqrt(word_weight);
  const float wg = std::sqrt(1.0f - word_weight);
  const bool clusters = p == purpose::clusters;
  const std::size_t min_df = clusters ? 2 : 1;
  const std::size_t max_df =
      clusters
          ? std::max<std::size_t>(
                2, static_cast<std::size_t>(a.options().cluster_max_df * static_cast<float>(n)))
          : n;
  vectors_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& v = vectors_[i];
    add_part(docs[i].words, df_words, n, ww, min_df, max_df, v);
    add_part(docs[i].grams, df_grams, n, wg, min_df, max_df, v);
    std::sort(v.begin(), v.end());
    for (const auto& [f, w] : v) postings_[f].push_back(entry{i, w});
    surfaces_.push_back(std::move(docs[i].surfaces));
  }
  for (const auto& [f, count] : df_words) word_idf_[f] = idf(n, count);
  if (clusters) common_idf_ = idf(n, max_df);
}

float corpus::score(std::size_t i, std::size_t j) const {
  const auto& x = vectors_[i];
  const auto& y = vectors_[j];
  double dot = 0;
  auto p = x.begin();
  auto q = y.begin();
  while (p != x.end() && q != y.end()) {
    if (p->first < q->first) {
      ++p;
    } else if (q->first < p->first) {
      ++q;
    } else {
      dot += static_cast<double>(p->second) * q->second;
      ++p;
      ++q;
    }
  }
  return static_cast<float>(dot);
}

void corpus::row(std::size_t i, float min, std::vector<std::pair<std::size_t, float>>& out) const {
  out.clear();
  std::vector<float> acc(size(), 0.0f);
  std::vector<char> seen(size(), 0);
  std::vector<std::size_t> touched;
  for (const auto& [f, w] : vectors_[i]) {
    const auto& list = postings_.at(f);
    auto e = std::upper_bound(list.begin(), list.end(), i,
                              [](std::size_t doc, const entry& x) { return doc < x.doc; });
    for (; e != list.end(); ++e) {
      if (!seen[e->doc]) {
        seen[e->doc] = 1;
        touched.push_back(e->doc);
      }
      acc[e->doc] += w * e->weight;
    }
  }
  std::sort(touched.begin(), touched.end());
  for (const std::size_t j : touched) {
    if (acc[j] >= min) out.emplace_back(j, acc[j]);
  }
}

std::vector<pair_score> corpus::duplicates(
    float min, std::size_t limit, const std::function<bool(idea_id, idea_id)>& dismissed) const {
  std::vector<pair_score> pairs;
  std::vector<std::pair<std::size_t, float>> near;
  for (std::size_t i = 0; i < size(); ++i) {
    row(i, min, near);
    for (const auto& [j, s] : near) {
      const idea_id a = std::min(ids_[i], ids_[j]);
      const idea_id b = std::max(ids_[i], ids_[j]);
      if (dismissed && dismissed(a, b)) continue;
      pairs.push_back(pair_score{a, b, s});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const pair_score& x, const pair_score& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  if (pairs.size() > limit) pairs.resize(limit);
  return pairs;
}

std::vector<group> corpus::clusters(float min) const {  // NOLINT(readability-function-size)
  const std::size_t n = size();
  if (n < 2) return {};
  // The dense similarity matrix, from the sparse rows.
  std::vector<float> s(n * n, 0.0f);
  std::vector<std::pair<std::size_t, float>> near;
  for (std::size_t i = 0; i < n; ++i) {
    row(i, std::numeric_limits<float>::lowest(), near);
    for (const auto& [j, v] : near) s[i * n + j] = s[j * n + i] = v;
  }
  // The nearest-neighbour chain with average linkage: the joins, each with its similarity.
  std::vector<bool> active(n, true);
  std::vector<std::size_t> count(n, 1);
  struct join {
    std::size_t a, b;
    float at;
  };
  std::vector<join> joins;
  std::vector<std::size_t> chain;
  std::size_t remaining = n;
  while (remaining > 1) {
    if (chain.empty()) {
      chain.push_back(static_cast<std::size_t>(
          std::distance(active.begin(), std::find(active.begin(), active.end(), true))));
    }
    const std::size_t x = chain.back();
    const std::size_t before = chain.size() >= 2 ? chain[chain.size() - 2] : n;
    std::size_t best = before;
    float best_s = before < n ? s[x * n + before] : std::numeric_limits<float>::lowest();
    for (std::size_t y = 0; y < n; ++y) {
      if (!active[y] || y == x) continue;
      const float v = s[x * n + y];
      if (v > best_s) {  // ties keep the chain's previous group, then the lower index
        best = y;
        best_s = v;
      }
    }
    if (best == before) {
      chain.pop_back();
      chain.pop_back();
      const std::size_t keep = std::min(x, before);
      const std::size_t gone = std::max(x, before);
      joins.push_back(join{keep, gone, best_s});
      const float ca = static_cast<float>(count[keep]);
      const float cb = static_cast<float>(count[gone]);
      for (std::size_t y = 0; y < n; ++y) {
        if (!active[y] || y == keep || y == gone) continue;
        const float v = (ca * s[keep * n + y] + cb * s[gone * n + y]) / (ca + cb);
        s[keep * n + y] = s[y * n + keep] = v;
      }
      active[gone] = false;
      count[keep] += count[gone];
      --remaining;
    } else {
      chain.push_back(best);
    }
  }
  // The flat groups: every join at `min` or above (average linkage never joins higher after
  // lower, so this is a cut of the tree).
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](std::size_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (const auto& j : joins) {
    if (j.at >= min) parent[root(j.b)] = root(j.a);
  }
  std::map<std::size_t, std::vector<std::size_t>> by_root;
  for (std::size_t i = 0; i < n; ++i) by_root[root(i)].push_back(i);
  std::vector<group> groups;
  for (auto& [r, members] : by_root) {
    if (members.size() < 2) continue;
    group g;
    g.label = label(members);
    for (const auto m : members) g.ideas.push_back(ids_[m]);
    std::sort(g.ideas.begin(), g.ideas.end());
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const group& x, const group& y) {
    if (x.ideas.size() != y.ideas.size()) return x.ideas.size() > y.ideas.size();
    return x.ideas.front() < y.ideas.front();
  });
  return groups;
}

std::string corpus::label(const std::vector<std::size_t>& members) const {
  struct seen {
    std::size_t ideas = 0;
    std::map<std::string, std::size_t> written;  // how often each way of writing it
  };
  std::map<feature, seen> words;
  for (const auto m : members) {
    for (const auto& [f, w] : surfaces_[m]) {
      auto& s = words[f];
      ++s.ideas;
      ++s.written[w];
    }
  }
  struct candidate {
    float score;
    std::string text;
  };
  std::vector<candidate> candidates;
  const std::size_t need = members.size() >= 2 ? 2 : 1;
  for (int pass = 0; pass < 2 && candidates.empty(); ++pass) {
    for (const auto& [f, s] : words) {
      if (pass == 0 && s.ideas < need) continue;
      const auto most =
          std::max_element(s.written.begin(), s.written.end(),
                           [](const auto& x, const auto& y) { return x.second < y.second; });
      const std::string& text = most->first;
      const std::size_t length = code_points(text);
      if (all_digits(text) || length < 2 || (length == 2 && !upper_ascii(text))) continue;
      const auto i = word_idf_.find(f);
      const float rarity = i == word_idf_.end() ? 1.0f : i->second;
      // A word too common to cluster by (the language's little words) names nothing.
      if (pass == 0 && rarity < common_idf_) continue;
      const float share = static_cast<float>(s.ideas) / static_cast<float>(members.size());
      candidates.push_back(candidate{share * rarity * rarity, text});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const candidate& x, const candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.text < y.text;
  });
  std::string out;
  std::size_t taken = 0;
  for (const auto& c : candidates) {
    if (taken == 3) break;
    const std::string next = out.empty() ? c.text : out + " · " + c.text;
    if (code_points(next) > max_label_length) continue;
    out = next;
    ++taken;
  }
  return out;
}

}  // namespace rt::similar
