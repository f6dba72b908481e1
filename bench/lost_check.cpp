// lost_check.cpp: the read-only SQLite lookup of acknowledged ideas.
#include "lost_check.hpp"

#include <sqlite3.h>

#include <memory>

namespace rt::bench {

namespace {

struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

lost_report check_acked_ideas(const std::string& db_path, std::int64_t event_id,
                              const std::vector<acked_idea>& ideas) {
  lost_report r;
  sqlite3* raw = nullptr;
  const int rc_open = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, db_closer> db(raw);
  if (rc_open != SQLITE_OK) {
    r.error = "cannot open " + db_path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return r;
  }
  sqlite3_busy_timeout(db.get(), 5000);
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(),
                         "SELECT text, deleted FROM ideas WHERE event_id = ?1 AND id = ?2", -1,
                         &raw_stmt, nullptr) != SQLITE_OK) {
    r.error = std::string("cannot query ideas: ") + sqlite3_errmsg(db.get());
    return r;
  }
  std::unique_ptr<sqlite3_stmt, stmt_finalizer> q(raw_stmt);
  // One read transaction: a consistent view, and much faster than one per idea.
  sqlite3_exec(db.get(), "BEGIN", nullptr, nullptr, nullptr);
  for (const auto& idea : ideas) {
    sqlite3_bind_int64(q.get(), 1, event_id);
    sqlite3_bind_int64(q.get(), 2, idea.id);
    const int rc = sqlite3_step(q.get());
    if (rc == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
      const bool deleted = sqlite3_column_int(q.get(), 1) != 0;
      if (deleted) {
        ++r.lost;
        if (r.examples.size() < 10) r.examples.push_back(idea.id);
      } else if (!text || idea.text != text) {
        ++r.wrong_text;
        if (r.examples.size() < 10) r.examples.push_back(idea.id);
      }
    } else if (rc == SQLITE_DONE) {
      ++r.lost;
      if (r.examples.size() < 10) r.examples.push_back(idea.id);
    } else {
      r.error = std::string("query failed: ") + sqlite3_errmsg(db.get());
      sqlite3_exec(db.get(), "END", nullptr, nullptr, nullptr);
      return r;
    }
    ++r.checked;
    sqlite3_reset(q.get());
  }
  sqlite3_exec(db.get(), "END", nullptr, nullptr, nullptr);
  r.ok = true;
  return r;
}

}  // namespace rt::bench
