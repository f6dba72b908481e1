// roundtable-similarity: how good and how fast the similar-ideas engine is (server/similar),
// on the evaluation set of tests/similarity/ (see its README.md for what the numbers mean).
//
//   roundtable-similarity quality [--set DIR] [--language en|track] [settings...]
//     duplicate recall@3 (while typing: only earlier ideas of the track can be found),
//     precision and recall of the suggested duplicates, hard negatives above the threshold,
//     and the adjusted Rand index of the suggested clusters against the reference themes;
//     plus thresholds chosen by two-fold cross-validation over the tracks. With --check it
//     fails when recall@3 < 0.9 or precision < 0.85 (CTest runs it so).
//   roundtable-similarity speed [--set DIR]
//     the query's median and p99 with 10,000 ideas in one track, and suggesting clusters for
//     150 and 2,000 ideas (medians).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "similar/analyser.hpp"
#include "similar/corpus.hpp"
#include "similar/index.hpp"

namespace {

using rt::similar::idea_id;

struct idea {
  idea_id id = 0;  // line number, from 1: posting order
  std::string key, lang, track, text, cluster, dup_of;
};

struct eval_set {
  std::vector<idea> ideas;
  std::map<std::string, idea_id> by_key;
  std::vector<std::pair<idea_id, idea_id>> hard_negatives;
  std::vector<std::string> tracks;  // in order of first appearance
  std::map<idea_id, idea_id> group;  // each idea's duplicate group (its first original)
};

eval_set read_set(const std::string& dir) {
  eval_set s;
  std::ifstream in(dir + "/ideas.jsonl");
  if (!in) throw std::runtime_error("cannot read " + dir + "/ideas.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    idea i;
    i.id = static_cast<idea_id>(s.ideas.size() + 1);
    i.key = j.at("id");
    i.lang = j.at("lang");
    i.track = j.at("track");
    i.text = j.at("text");
    i.cluster = j.at("cluster");
    i.dup_of = j.at("dup_of").is_null() ? "" : j.at("dup_of").get<std::string>();
    s.by_key[i.key] = i.id;
    if (std::find(s.tracks.begin(), s.tracks.end(), i.track) == s.tracks.end())
      s.tracks.push_back(i.track);
    s.ideas.push_back(i);
  }
  for (const auto& i : s.ideas) {
    idea_id g = i.id;
    for (const idea* x = &i; !x->dup_of.empty();) {
      g = s.by_key.at(x->dup_of);
      x = &s.ideas[static_cast<std::size_t>(g - 1)];
    }
    s.group[i.id] = g;
  }
  std::ifstream hn(dir + "/hard_negatives.jsonl");
  while (std::getline(hn, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    s.hard_negatives.emplace_back(s.by_key.at(j.at("a")), s.by_key.at(j.at("b")));
  }
  return s;
}

std::string language_of(const eval_set& s, const std::string& track, const std::string& mode) {
  if (mode != "track") return mode;
  std::map<std::string, int> count;
  for (const auto& i : s.ideas)
    if (i.track == track) ++count[i.lang];
  return std::max_element(count.begin(), count.end(),
                          [](auto& a, auto& b) { return a.second < b.second; })
      ->first;
}

std::vector<const idea*> of_track(const eval_set& s, const std::string& track) {
  std::vector<const idea*> out;
  for (const auto& i : s.ideas)
    if (i.track == track) out.push_back(&i);
  return out;
}

double adjusted_rand(const std::vector<int>& x, const std::vector<int>& y) {
  std::map<std::pair<int, int>, long> both;
  std::map<int, long> a, b;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ++both[{x[i], y[i]}];
    ++a[x[i]];
    ++b[y[i]];
  }
  const auto c2 = [](long n) { return static_cast<double>(n) * (n - 1) / 2.0; };
  double index = 0, sa = 0, sb = 0;
  for (auto& [k, n] : both) index += c2(n);
  for (auto& [k, n] : a) sa += c2(n);
  for (auto& [k, n] : b) sb += c2(n);
  const double expected = sa * sb / c2(static_cast<long>(x.size()));
  const double max = (sa + sb) / 2.0;
  return max == expected ? 1.0 : (index - expected) / (max - expected);
}

struct track_scores {
  std::vector<std::tuple<idea_id, idea_id, float, bool>> pairs;  // every pair above 0.05
  std::size_t labelled_pairs = 0;
  int found_at3 = 0, dups = 0, cross_found = 0, cross = 0;
};

// Every score of a track's pairs once, and recall@3 the way the app asks while typing.
track_scores score_track(const eval_set& s, const std::string& track,
                         const rt::similar::settings& opts, const std::string& lang_mode) {
  track_scores out;
  const auto items = of_track(s, track);
  rt::similar::analyser a(language_of(s, track, lang_mode), opts);
  rt::similar::index index;
  for (const idea* i : items) {
    if (!i->dup_of.empty()) {
      const auto near = index.nearest(a, i->text, 3, 0.0f);
      const idea_id g = s.group.at(i->id);
      const bool hit = std::any_of(near.begin(), near.end(),
                                   [&](const auto& m) { return s.group.at(m.id) == g; });
      const bool crossed =
          s.ideas[static_cast<std::size_t>(s.by_key.at(i->dup_of) - 1)].lang != i->lang;
      ++out.dups;
      out.found_at3 += hit;
      out.cross += crossed;
      out.cross_found += crossed && hit;
    }
    index.put(a, i->id, i->text);
  }
  std::vector<rt::similar::item> all;
  for (const idea* i : items) all.push_back({i->id, i->text});
  rt::similar::corpus c(a, all);
  std::vector<std::pair<std::size_t, float>> row;
  for (std::size_t i = 0; i < c.size(); ++i) {
    c.row(i, 0.05f, row);
    for (auto& [j, v] : row) {
      out.pairs.emplace_back(c.id(i), c.id(j), v, s.group.at(c.id(i)) == s.group.at(c.id(j)));
    }
  }
  std::map<idea_id, std::size_t> group_size;
  for (const idea* i : items) ++group_size[s.group.at(i->id)];
  for (auto& [g, n] : group_size) out.labelled_pairs += n * (n - 1) / 2;
  return out;
}

struct pr {
  std::size_t suggested = 0, right = 0, labelled = 0, negatives = 0;
  double precision() const { return suggested ? static_cast<double>(right) / suggested : 1.0; }
  double recall() const { return labelled ? static_cast<double>(right) / labelled : 1.0; }
};

pr precision_at(const eval_set& s, const std::map<std::string, track_scores>& scores,
                const std::vector<std::string>& tracks, float min) {
  pr out;
  std::set<std::pair<idea_id, idea_id>> negatives;
  for (auto [a, b] : s.hard_negatives) negatives.insert({std::min(a, b), std::max(a, b)});
  for (const auto& t : tracks) {
    const auto& ts = scores.at(t);
    out.labelled += ts.labelled_pairs;
    for (const auto& [a, b, v, same] : ts.pairs) {
      if (v < min) continue;
      ++out.suggested;
      out.right += same;
      out.negatives += negatives.contains({std::min(a, b), std::max(a, b)});
    }
  }
  return out;
}

struct purity {
  std::size_t groups = 0, accepted = 0, grouped = 0, ideas = 0;
};

double ari_of_track(const eval_set& s, const std::string& track, const rt::similar::settings& opts,
                    const std::string& lang_mode, float min, std::size_t* groups = nullptr,
                    purity* pure = nullptr) {
  std::vector<rt::similar::item> items;
  std::map<std::string, int> ref_ids;
  std::vector<int> ref;
  for (const idea* i : of_track(s, track)) {
    if (!i->dup_of.empty()) continue;
    items.push_back({i->id, i->text});
    ref.push_back(ref_ids.emplace(i->cluster, static_cast<int>(ref_ids.size())).first->second);
  }
  rt::similar::analyser a(language_of(s, track, lang_mode), opts);
  rt::similar::corpus c(a, items, rt::similar::corpus::purpose::clusters);
  const auto found = c.clusters(min);
  if (groups) *groups = found.size();
  if (std::getenv("SHOW_TRACK") && track == std::getenv("SHOW_TRACK")) {
    for (const auto& g : found) {
      std::printf("[%s]\n", g.label.c_str());
      for (auto id : g.ideas) {
        const auto& i = s.ideas[static_cast<std::size_t>(id - 1)];
        std::printf("   %-28s %.90s\n", i.cluster.c_str(), i.text.c_str());
      }
    }
  }
  if (pure) {
    std::map<idea_id, std::string> theme;
    for (const idea* i : of_track(s, track)) theme[i->id] = i->cluster;
    pure->ideas += items.size();
    for (const auto& g : found) {
      std::map<std::string, std::size_t> n;
      for (auto id : g.ideas) ++n[theme[id]];
      std::size_t most = 0;
      for (auto& [k, v] : n) most = std::max(most, v);
      ++pure->groups;
      pure->grouped += g.ideas.size();
      // A lead accepts a group when at least two thirds of it share one reference theme.
      pure->accepted += most * 3 >= g.ideas.size() * 2;
    }
  }
  std::map<idea_id, int> label;
  for (std::size_t g = 0; g < found.size(); ++g)
    for (auto id : found[g].ideas) label[id] = static_cast<int>(g);
  std::vector<int> got;
  int next = static_cast<int>(found.size());
  for (const auto& it : items) {
    const auto l = label.find(it.id);
    got.push_back(l == label.end() ? next++ : l->second);
  }
  return adjusted_rand(ref, got);
}

int quality(const std::string& dir, const rt::similar::settings& opts, const std::string& lang,
            bool check) {
  const auto s = read_set(dir);
  std::map<std::string, track_scores> scores;
  int found = 0, dups = 0, cross = 0, cross_found = 0;
  for (const auto& t : s.tracks) {
    scores[t] = score_track(s, t, opts, lang);
    found += scores[t].found_at3;
    dups += scores[t].dups;
    cross += scores[t].cross;
    cross_found += scores[t].cross_found;
  }
  std::printf("settings: grams %zu-%zu, word weight %.2f, stemming language %s\n", opts.gram_min,
              opts.gram_max, opts.word_weight, lang.c_str());
  std::printf("recall@3: %.3f (%d of %d); same language %.3f (%d of %d); across languages %d of %d\n",
              static_cast<double>(found) / dups, found, dups,
              static_cast<double>(found - cross_found) / (dups - cross), found - cross_found,
              dups - cross, cross_found, cross);
  const auto p = precision_at(s, scores, s.tracks, opts.duplicate_min);
  const double recall3 = static_cast<double>(found) / dups;
  if (check && (recall3 < 0.9 || p.precision() < 0.85)) {
    std::printf("FAILED: recall@3 %.3f (at least 0.9) and precision %.3f (at least 0.85)\n",
                recall3, p.precision());
    return 1;
  }
  std::printf(
      "duplicates at %.2f: precision %.3f (%zu of %zu), recall %.3f of %zu labelled pairs, hard "
      "negatives above: %zu\n",
      opts.duplicate_min, p.precision(), p.right, p.suggested, p.recall(), p.labelled, p.negatives);
  double sum = 0;
  purity pure;
  std::printf("clusters at %.2f: ARI", opts.cluster_min);
  for (const auto& t : s.tracks) {
    std::size_t g = 0;
    purity mine;
    const double ari = ari_of_track(s, t, opts, lang, opts.cluster_min, &g, &mine);
    sum += ari;
    std::printf(" %s %.2f (%zu of %zu groups acceptable);", t.c_str(), ari, mine.accepted, g);
    pure.groups += mine.groups;
    pure.accepted += mine.accepted;
    pure.grouped += mine.grouped;
    pure.ideas += mine.ideas;
  }
  std::printf(" mean %.3f\n", sum / static_cast<double>(s.tracks.size()));
  std::printf("groups a lead can accept (two thirds or more of one theme): %zu of %zu (%.2f); "
              "ideas placed in a group: %zu of %zu\n",
              pure.accepted, pure.groups,
              pure.groups ? static_cast<double>(pure.accepted) / pure.groups : 0.0, pure.grouped,
              pure.ideas);
  // Two-fold cross-validation over the tracks: each threshold chosen on one half (the lowest
  // duplicate threshold with precision >= 0.9, the cluster threshold with the best mean ARI)
  // and measured on the other.
  std::vector<std::string> fold[2];
  for (std::size_t i = 0; i < s.tracks.size(); ++i) fold[i % 2].push_back(s.tracks[i]);
  for (int f = 0; f < 2; ++f) {
    const auto& train = fold[f];
    const auto& test = fold[1 - f];
    float chosen = 0.9f;
    for (float t = 0.20f; t <= 0.90f; t += 0.01f) {
      if (precision_at(s, scores, train, t).precision() >= 0.9) {
        chosen = t;
        break;
      }
    }
    const auto q = precision_at(s, scores, test, chosen);
    float best_c = 0, best_ari = -1;
    for (float t = 0.04f; t <= 0.40f; t += 0.01f) {
      double ari = 0;
      for (const auto& tr : train) ari += ari_of_track(s, tr, opts, lang, t);
      ari /= static_cast<double>(train.size());
      if (ari > best_ari) best_ari = static_cast<float>(ari), best_c = t;
    }
    double test_ari = 0;
    for (const auto& tr : test) test_ari += ari_of_track(s, tr, opts, lang, best_c);
    test_ari /= static_cast<double>(test.size());
    std::printf(
        "fold %d: duplicate threshold %.2f chosen on %zu tracks -> precision %.3f (%zu of %zu), "
        "recall %.3f on the other %zu; cluster threshold %.2f (train ARI %.3f) -> test ARI %.3f\n",
        f + 1, chosen, train.size(), q.precision(), q.right, q.suggested, q.recall(), test.size(),
        best_c, best_ari, test_ari);
  }
  return 0;
}

template <class F>
double median_ms(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// `n` distinct ideas made from the set's: each joins the first half of one idea and the second
// half of another, as a large consultation's notes would vary around the same themes.
std::vector<rt::similar::item> synthetic(const eval_set& s, std::size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<rt::similar::item> out;
  const auto halves = [](const std::string& t) {
    const auto mid = t.find(' ', t.size() / 2);
    return mid == std::string::npos ? std::pair{t, std::string()}
                                    : std::pair{t.substr(0, mid), t.substr(mid)};
  };
  for (std::size_t i = 0; i < n; ++i) {
    const auto& a = s.ideas[random() % s.ideas.size()].text;
    const auto& b = s.ideas[random() % s.ideas.size()].text;
    out.push_back({static_cast<idea_id>(i + 1), halves(a).first + halves(b).second});
  }
  return out;
}

int speed(const std::string& dir) {
  const auto s = read_set(dir);
  rt::similar::analyser a("en");
  {
    rt::similar::index index;
    const auto items = synthetic(s, 10'000, 1);
    const auto start = std::chrono::steady_clock::now();
    for (const auto& it : items) index.put(a, it.id, it.text);
    const double build =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::mt19937 random(2);
    std::vector<double> t;
    for (int q = 0; q < 2000; ++q) {
      // What someone has typed so far: the start of an idea, 20 characters or more.
      const auto& text = s.ideas[random() % s.ideas.size()].text;
      const auto cut = std::min(text.size(), 20 + random() % 120);
      const auto qs = std::chrono::steady_clock::now();
      const auto found = index.nearest(a, std::string_view(text).substr(0, cut), 3, 0.2f);
      t.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - qs).count());
      if (found.size() > 3) return 1;
    }
    std::sort(t.begin(), t.end());
    std::printf("query, 10000 ideas in one track: median %.3f ms, p99 %.3f ms, max %.3f ms "
                "(indexing all 10000: %.0f ms)\n",
                t[t.size() / 2], t[t.size() * 99 / 100], t.back(), build);
  }
  for (const std::size_t n : {150u, 2000u}) {
    const auto items = synthetic(s, n, 3);
    std::size_t groups = 0;
    const double ms = median_ms(n < 1000 ? 21 : 5, [&] {
      rt::similar::corpus c(a, items, rt::similar::corpus::purpose::clusters);
      groups = c.clusters(rt::similar::settings{}.cluster_min).size();
    });
    const double dup_ms = median_ms(n < 1000 ? 21 : 5, [&] {
      rt::similar::corpus c(a, items);
      (void)c.duplicates(rt::similar::settings{}.duplicate_min, 50, {});
    });
    std::printf("suggest clusters for %zu ideas: median %.1f ms (%zu groups); suggest duplicates: "
                "median %.1f ms\n",
                n, ms, groups, dup_ms);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"How good and how fast Roundtable's similar ideas are"};
  std::string dir = "tests/similarity";
  std::string lang = "en";
  bool check = false;
  rt::similar::settings opts;
  auto* q = app.add_subcommand("quality", "recall, precision and cluster agreement");
  q->add_option("--set", dir, "the evaluation set's folder");
  q->add_flag("--check", check, "fail when recall@3 < 0.9 or precision < 0.85 (a test)");
  q->add_option("--language", lang, "the stemming language: a code, or 'track' for each track's "
                                    "most used language");
  q->add_option("--gram-min", opts.gram_min);
  q->add_option("--gram-max", opts.gram_max);
  q->add_option("--word-weight", opts.word_weight);
  q->add_option("--duplicate-min", opts.duplicate_min);
  q->add_option("--cluster-min", opts.cluster_min);
  q->add_option("--min-word", opts.min_word_length);
  q->add_option("--cluster-max-df", opts.cluster_max_df);
  auto* sp = app.add_subcommand("speed", "query and clustering times");
  sp->add_option("--set", dir, "the evaluation set's folder");
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  try {
    return q->parsed() ? quality(dir, opts, lang, check) : speed(dir);
  } catch (const std::exception& e) {
    std::cerr << "roundtable-similarity: " << e.what() << "\n";
    return 1;
  }
}
