// similar.cpp: parsing the questions about similar ideas (see similar.hpp).
#include "protocol/commands/similar.hpp"

namespace rt::protocol {

domain::result<similar_ideas_cmd> similar_ideas_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(text, f.str("text"));
  return similar_ideas_cmd{track, std::move(text)};
}

domain::result<suggest_duplicates_cmd> suggest_duplicates_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  return suggest_duplicates_cmd{track};
}

domain::result<suggest_clusters_cmd> suggest_clusters_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  return suggest_clusters_cmd{track};
}

}  // namespace rt::protocol
