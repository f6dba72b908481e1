// similar.hpp: the questions about similar ideas. Not changes: the room answers them at once
// (similar_ideas from its index, the suggestions on a background thread), with the answer in
// the ack's result (see app/similar_ideas.hpp and docs/protocol.md). They travel with the
// section commands, the other reads a room answers at once (commands.hpp, `section_command`).
// Thread-safety: plain values.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

// Which posted ideas of `track` are like `text` (a draft being typed).
struct similar_ideas_cmd {
  static constexpr std::string_view name = "similar_ideas";
  id_type track = 0;
  std::string text;
  static domain::result<similar_ideas_cmd> parse(const fields& f);
};
// Likely duplicate pairs among a track's ideas (moderators).
struct suggest_duplicates_cmd {
  static constexpr std::string_view name = "suggest_duplicates";
  id_type track = 0;
  static domain::result<suggest_duplicates_cmd> parse(const fields& f);
};
// A grouping of a track's ideas that are in no cluster (moderators).
struct suggest_clusters_cmd {
  static constexpr std::string_view name = "suggest_clusters";
  id_type track = 0;
  static domain::result<suggest_clusters_cmd> parse(const fields& f);
};

}  // namespace rt::protocol
