// The similar-ideas engine (server/similar): words and n-grams in several languages, scores,
// the incremental index against the exact corpus, duplicates, clusters and their labels.
// Everything deterministic: the same input gives the same output, run after run.
#include <catch.hpp>

#include "similar/analyser.hpp"
#include "similar/corpus.hpp"
#include "similar/index.hpp"

using namespace rt::similar;

namespace {

std::vector<item> sample() {
  return {
      {1, "Every worker gets an individual learning account with a yearly training budget."},
      {2, "Individual learning accounts for every worker, with a training budget each year"},
      {3, "Build a sovereign European cloud for public administrations."},
      {4, "A sovereign European cloud that every public administration can use."},
      {5, "Free GPU hours for university researchers on EuroHPC machines."},
      {6, "Jeder Beschäftigte bekommt ein persönliches Weiterbildungskonto."},
      {7, "Ein persönliches Weiterbildungskonto für alle Beschäftigten!"},
      {8, "Ulga podatkowa na robotyzację dla małych firm."},
      {9, "Ulgę podatkową na robotyzację rozszerzyć na małe firmy i oprogramowanie AI."},
  };
}

}  // namespace

TEST_CASE("words are case-folded and lose their accents, in any script") {
  const auto w = words_of("Éducation, l'IA & Straße — Ελλάδα 2030!");
  REQUIRE(w.size() == 6);
  CHECK(w[0].written == "Éducation");
  CHECK(w[0].folded == "éducation");
  CHECK(w[0].bare == "education");
  CHECK(w[2].folded == "ia");
  CHECK(w[3].folded == "strasse");
  CHECK(w[4].bare == "ελλαδα");
  CHECK(w[5].folded == "2030");
}

TEST_CASE("a Snowball stemmer where the language has one, whole words where not") {
  analyser en("en");
  CHECK(en.stems());
  CHECK(en.stem("accounts") == en.stem("account"));
  analyser de("de");
  CHECK(de.stem("beschäftigten") == de.stem("beschäftigte"));
  analyser pl("pl");  // Snowball has no Polish stemmer: n-grams carry it
  CHECK_FALSE(pl.stems());
  CHECK(pl.stem("robotyzację") == "robotyzację");
}

TEST_CASE("duplicates score high, unrelated ideas low, in English, German and Polish") {
  analyser a("en");
  const corpus c(a, sample());
  CHECK(c.score(0, 1) > 0.5f);  // learning accounts
  CHECK(c.score(2, 3) > 0.4f);  // cloud
  CHECK(c.score(5, 6) > 0.4f);  // Weiterbildungskonto, in another language than the event's
  CHECK(c.score(7, 8) > 0.3f);  // robotyzacja, inflected
  CHECK(c.score(0, 2) < 0.15f);
  CHECK(c.score(0, 4) < 0.15f);
  CHECK(c.score(0, 7) < 0.1f);
  CHECK(c.score(0, 0) == Approx(1.0f).margin(1e-4));
  CHECK(c.score(0, 1) == Approx(c.score(1, 0)));
}

TEST_CASE("suggested duplicates: best first, the earlier idea first, dismissed pairs left out") {
  analyser a("en");
  const corpus c(a, sample());
  const auto pairs = c.duplicates(0.36f, 50, {});
  REQUIRE(pairs.size() >= 3);
  CHECK(pairs.front() == pair_score{1, 2, pairs.front().score});
  for (std::size_t i = 1; i < pairs.size(); ++i) CHECK(pairs[i - 1].score >= pairs[i].score);
  for (const auto& p : pairs) CHECK(p.a < p.b);
  const auto without =
      c.duplicates(0.36f, 50, [](idea_id x, idea_id y) { return x == 1 && y == 2; });
  CHECK(without.size() == pairs.size() - 1);
  CHECK(c.duplicates(0.36f, 1, {}).size() == 1);
}

TEST_CASE("suggested clusters group the themes, named by their telling words") {
  analyser a("en");
  const corpus c(a, sample(), corpus::purpose::clusters);
  const auto groups = c.clusters(0.16f);
  const auto with = [&](idea_id id) -> const group* {
    for (const auto& g : groups)
      for (const auto i : g.ideas)
        if (i == id) return &g;
    return nullptr;
  };
  REQUIRE(with(1) != nullptr);
  CHECK(with(1) == with(2));
  REQUIRE(with(3) != nullptr);
  CHECK(with(3) == with(4));
  CHECK(with(1) != with(3));
  CHECK(with(5) == nullptr);  // alone: no group of one is suggested
  for (const auto& g : groups) {
    CHECK(g.ideas.size() >= 2);
    CHECK_FALSE(g.label.empty());
    CHECK(g.label.size() <= 4 * max_label_length);
  }
  CHECK(with(3)->label.find("cloud") != std::string::npos);
  // The same input, the same groups.
  const corpus again(a, sample(), corpus::purpose::clusters);
  CHECK(again.clusters(0.16f) == groups);
}

TEST_CASE("a cluster's label leaves out the words too common in the track to tell anything") {
  std::vector<item> items = {
      {1, "Heat pumps with grants"},
      {2, "Cheaper heat pumps with vouchers"},
  };
  const char* others[] = {"Bike lanes with shade",      "Libraries with longer hours",
                          "Parks with free water",      "Schools with solar roofs",
                          "Buses with night routes",    "Markets with local farmers",
                          "Clinics with evening slots", "Museums with free Sundays",
                          "Courts with online forms",   "Stations with lifts"};
  idea_id id = 3;
  for (const char* t : others) items.push_back({id++, t});
  analyser a("en");
  const corpus c(a, items, corpus::purpose::clusters);
  const auto groups = c.clusters(0.16f);
  const group* heat = nullptr;
  for (const auto& g : groups)
    if (std::find(g.ideas.begin(), g.ideas.end(), 1) != g.ideas.end()) heat = &g;
  REQUIRE(heat != nullptr);
  CHECK(heat->ideas == std::vector<idea_id>{1, 2});
  CHECK(heat->label == "Heat · pumps");
  CHECK(heat->label.find("with") == std::string::npos);
}

TEST_CASE("the index finds what the exact corpus finds, and follows edits and removals") {
  analyser a("en");
  index idx;
  for (const auto& it : sample()) idx.put(a, it.id, it.text);
  CHECK(idx.size() == 9);
  auto found = idx.nearest(a, "a learning account and training budget for workers", 3, 0.2f);
  REQUIRE(found.size() >= 2);
  CHECK((found[0].id == 1 || found[0].id == 2));
  for (const auto& m : found) CHECK((m.id == 1 || m.id == 2 || m.id == 6 || m.id == 7));
  // The score of a text against itself is 1 (up to the norms' refresh).
  found = idx.nearest(a, sample()[4].text, 1, 0.0f);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == 5);
  CHECK(found[0].score == Approx(1.0f).margin(0.05f));

  idx.put(a, 1, "Bike lanes on every bridge");
  found = idx.nearest(a, "bike lanes bridges", 3, 0.2f);
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].id == 1);
  CHECK(*idx.text_of(1) == "Bike lanes on every bridge");
  idx.remove(1);
  CHECK(idx.text_of(1) == nullptr);
  CHECK(idx.nearest(a, "bike lanes bridges", 3, 0.2f).empty());
  idx.remove(1);  // twice: nothing
  CHECK(idx.size() == 8);
  CHECK(idx.nearest(a, "", 3, 0.0f).empty());
}

TEST_CASE("the index ranks ties by id and is the same run after run") {
  analyser a("de");
  index one;
  index two;
  for (int round = 0; round < 2; ++round) {
    for (idea_id id = 1; id <= 200; ++id) {
      const std::string text = "Weiterbildung Konto Nummer " + std::to_string(10 + id % 10);
      one.put(a, id, text);
      two.put(a, id, text);
    }
  }
  const auto x = one.nearest(a, "Weiterbildung Konto Nummer 13", 3, 0.1f);
  REQUIRE(x.size() == 3);
  CHECK(x[0].id == 3);
  CHECK(x[1].id == 13);
  CHECK(x[2].id == 23);
  CHECK(x == two.nearest(a, "Weiterbildung Konto Nummer 13", 3, 0.1f));
}
