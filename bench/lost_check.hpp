// lost_check.hpp: are all acknowledged ideas in the database?
//
// Opens the SQLite database read-only (the server may still run: WAL readers do not block
// it) and looks up every acknowledged idea by (event_id, id) in the `ideas` table of
// schema/001_init.sql, comparing its text.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ideas.hpp"

namespace rt::bench {

struct lost_report {
  bool ok = false;  // the database could be read (error says why not)
  std::string error;
  std::size_t checked = 0;
  std::size_t lost = 0;                // acked but absent (or deleted)
  std::size_t wrong_text = 0;          // present with another text
  std::vector<std::int64_t> examples;  // up to 10 ids that were lost or wrong
  bool passed() const { return ok && lost == 0 && wrong_text == 0; }
};

lost_report check_acked_ideas(const std::string& db_path, std::int64_t event_id,
                              const std::vector<acked_idea>& ideas);

}  // namespace rt::bench
