// similar_ideas.hpp: a room's similar ideas: the index the question asked while typing is
// answered from, and the snapshots moderators' suggestions are computed on.
//
// The index of a track is built the first time someone asks about that track, and kept up to
// date lazily: a committed change that adds, edits or removes an idea only notes its id
// (touch); the next question takes the noted ideas from the event's state and re-indexes
// them. So a burst of posts costs the room nothing but a set insertion each, and a question
// indexes at most `index_budget` ideas of a backlog (a large event's first question answers
// from what is indexed so far, the next ones catch up).
//
// Suggestions (duplicates, clusters) need every pair of a track's ideas: the room copies the
// ideas' texts (`snapshot`) and a background thread computes them from scratch (`duplicates`,
// `clusters`), so the room's strand never waits for them.
//
// Thread-safety: an instance belongs to its room's strand. `duplicates` and `clusters` are
// free functions of their snapshot, for any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/event_state.hpp"
#include "similar/analyser.hpp"
#include "similar/corpus.hpp"
#include "similar/index.hpp"

namespace rt::app {

struct similar_snapshot {
  std::string language;
  std::vector<similar::item> items;
  std::set<std::pair<domain::id_type, domain::id_type>> dismissed;  // (a, b), a < b
};

class similar_ideas {
 public:
  static constexpr std::size_t index_budget = 500;  // ideas indexed per question at most
  static constexpr std::size_t max_matches = 3;
  static constexpr std::size_t max_pairs = 50;

  explicit similar_ideas(std::string language);

  // After a committed change: notes the ideas it adds, edits or removes; a change of the
  // event's language starts every index again.
  void committed(const domain::change& c, const domain::event_state& state);
  // After the state was reloaded: every index starts again.
  void reset(std::string language);

  // The ideas of `track` most like `text`, as a participant may be offered them (see
  // event_state::offered_as): at most max_matches, best first.
  std::vector<similar::match> nearest(const domain::event_state& state, domain::id_type track,
                                      std::string_view text);

  // What a background thread needs for a track's suggestions.
  similar_snapshot snapshot(const domain::event_state& state, domain::id_type track,
                            bool unclustered) const;

 private:
  void catch_up(const domain::event_state& state, domain::id_type track);

  std::string language_;
  std::unique_ptr<similar::analyser> analyser_;
  struct track_index {
    similar::index index;
    std::vector<domain::id_type> backlog;  // ideas still to index, newest last
  };
  std::unordered_map<domain::id_type, track_index> tracks_;
  std::unordered_map<domain::id_type, domain::id_type> track_of_;  // each indexed idea's track
  std::unordered_set<domain::id_type> touched_;
};

// The answers to suggest_duplicates and suggest_clusters, as their ack's `result` JSON text.
std::string duplicates_result(const similar_snapshot& s);
std::string clusters_result(const similar_snapshot& s);

}  // namespace rt::app
