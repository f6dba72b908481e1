// similar_ideas.cpp: a room's similar ideas (see similar_ideas.hpp).
#include "app/similar_ideas.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "protocol/messages.hpp"

namespace rt::app {

using nlohmann::json;

namespace {

// Scores go out with two decimals: enough to rank and to show a percentage.
double rounded(float score) { return std::round(static_cast<double>(score) * 100.0) / 100.0; }

// The first `limit` code points of `text`, cut at a space when one is near.
std::string shortened(std::string_view text, std::size_t limit) {
  std::size_t points = 0;
  std::size_t end = 0;
  for (; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && points++ == limit) break;
  }
  std::string out(text.substr(0, end));
  if (end < text.size()) {
    if (const auto space = out.rfind(' '); space != std::string::npos && space > out.size() / 2)
      out.resize(space);
  }
  return out;
}

}  // namespace

similar_ideas::similar_ideas(std::string language) { reset(std::move(language)); }

void similar_ideas::reset(std::string language) {
  language_ = std::move(language);
  analyser_ = std::make_unique<similar::analyser>(language_);
  tracks_.clear();
  track_of_.clear();
  touched_.clear();
}

void similar_ideas::committed(const domain::change& c, const domain::event_state& state) {
  if (tracks_.empty()) return;  // nobody asked yet: nothing to keep up to date
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, domain::idea_posted> ||
                      std::is_same_v<T, domain::idea_edited> ||
                      std::is_same_v<T, domain::idea_deleted>) {
          touched_.insert(x.i.id);
        } else if constexpr (std::is_same_v<T, domain::member_erased>) {
          for (const auto& i : x.ideas) touched_.insert(i.id);
        } else if constexpr (std::is_same_v<T, domain::event_language_changed>) {
          reset(state.info().language);
        }
      },
      c.body);
}

void similar_ideas::catch_up(const domain::event_state& state, domain::id_type track) {
  auto [it, fresh] = tracks_.try_emplace(track);
  if (fresh) {
    for (const auto& [id, i] : state.ideas()) {
      if (i.track == track && !i.deleted) it->second.backlog.push_back(id);
    }
    std::reverse(it->second.backlog.begin(), it->second.backlog.end());  // oldest taken first
  }
  for (const auto id : touched_) {
    const domain::idea* i = state.find_idea(id);
    const auto known = track_of_.find(id);
    if (known != track_of_.end() && (i == nullptr || i->track != known->second)) {
      if (auto t = tracks_.find(known->second); t != tracks_.end()) t->second.index.remove(id);
      track_of_.erase(known);
    }
    if (i == nullptr) continue;
    if (auto t = tracks_.find(i->track); t != tracks_.end()) {
      t->second.index.put(*analyser_, id, i->text);
      track_of_[id] = i->track;
    }
  }
  touched_.clear();
  auto& backlog = it->second.backlog;
  for (std::size_t n = 0; n < index_budget && !backlog.empty(); ++n) {
    const auto id = backlog.back();
    backlog.pop_back();
    if (const domain::idea* i = state.find_idea(id); i != nullptr && i->track == track) {
      it->second.index.put(*analyser_, id, i->text);
      track_of_[id] = track;
    }
  }
}

std::vector<similar::match> similar_ideas::nearest(const domain::event_state& state,
                                                   domain::id_type track, std::string_view text) {
  catch_up(state, track);
  auto& index = tracks_.at(track).index;
  // More than needed: some may be hidden, or merged beneath another match.
  const auto found =
      index.nearest(*analyser_, text, max_matches * 4, similar::settings{}.similar_min);
  std::vector<similar::match> out;
  for (const auto& m : found) {
    const auto shown = state.offered_as(m.id);
    if (!shown) continue;
    if (std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.id == *shown; }))
      continue;
    out.push_back(similar::match{*shown, m.score});
    if (out.size() == max_matches) break;
  }
  return out;
}

similar_snapshot similar_ideas::snapshot(const domain::event_state& state, domain::id_type track,
                                         bool unclustered) const {
  similar_snapshot s;
  s.language = language_;
  for (const domain::idea* i : state.suggestable(track, unclustered)) {
    s.items.push_back(similar::item{i->id, i->text});
  }
  if (unclustered && s.items.size() > similar::max_cluster_items) {
    s.items.erase(s.items.begin(), s.items.end() - static_cast<std::ptrdiff_t>(
                                                       similar::max_cluster_items));
  }
  if (!unclustered) s.dismissed = state.dismissed_duplicates();
  return s;
}

std::string duplicates_result(const similar_snapshot& s) {
  similar::analyser a(s.language);
  const similar::corpus c(a, s.items);
  const auto pairs = c.duplicates(similar::settings{}.duplicate_min, similar_ideas::max_pairs,
                                  [&](similar::idea_id x, similar::idea_id y) {
                                    return s.dismissed.contains({x, y});
                                  });
  json list = json::array();
  for (const auto& p : pairs) list.push_back({{"a", p.a}, {"b", p.b}, {"score", rounded(p.score)}});
  return protocol::dump(json{{"pairs", std::move(list)}});
}

std::string clusters_result(const similar_snapshot& s) {
  similar::analyser a(s.language);
  const similar::corpus c(a, s.items, similar::corpus::purpose::clusters);
  const auto groups = c.clusters(similar::settings{}.cluster_min);
  json list = json::array();
  for (const auto& g : groups) {
    std::string label = g.label;
    if (label.empty()) {
      // No telling word (ideas of numbers only...): the first idea's start names it.
      const auto first = std::find_if(s.items.begin(), s.items.end(),
                                      [&](const auto& i) { return i.id == g.ideas.front(); });
      label = shortened(first->text, similar::max_label_length);
    }
    list.push_back({{"label", label}, {"ideas", g.ideas}});
  }
  return protocol::dump(json{{"groups", std::move(list)}});
}

}  // namespace rt::app
