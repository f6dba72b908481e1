// backup.cpp: the page copy and the integrity check of backup.hpp.
#include "storage/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <thread>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace rt::storage {

namespace {

// One sqlite3_backup, finished exactly once.
class backup_handle {
 public:
  backup_handle(database& to, database& from)
      : to_(to.handle()), b_(sqlite3_backup_init(to.handle(), "main", from.handle(), "main")) {
    if (b_ == nullptr) {
      throw sqlite_error(sqlite3_errcode(to_), std::string("backup: ") + sqlite3_errmsg(to_));
    }
  }
  ~backup_handle() {
    if (b_ != nullptr) sqlite3_backup_finish(b_);
  }
  backup_handle(const backup_handle&) = delete;
  backup_handle& operator=(const backup_handle&) = delete;

  int step(int pages) { return sqlite3_backup_step(b_, pages); }
  int page_count() const { return sqlite3_backup_pagecount(b_); }

  // Releases the backup; throws with the destination's message when it failed.
  void finish() {
    const int rc = sqlite3_backup_finish(b_);
    b_ = nullptr;
    if (rc != SQLITE_OK) throw sqlite_error(rc, std::string("backup: ") + sqlite3_errmsg(to_));
  }

 private:
  sqlite3* to_;
  sqlite3_backup* b_;
};

bool busy_or_locked(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

backup_report copy_database(const std::string& from, const std::string& to,
                            const backup_options& options) {
  const auto started = std::chrono::steady_clock::now();
  if (std::filesystem::exists(to)) throw storage_error("backup: " + to + " exists");
  // Read and write, not read-only: a read-only connection to a WAL database of a stopped
  // server would leave the -wal and -shm files it creates behind, owned by whoever ran it.
  database source(from, database::mode::existing);
  database copy(to, database::mode::create);

  // One read transaction for the whole copy: its snapshot is the copy.
  source.exec("BEGIN");
  {
    statement first(source, "SELECT count(*) FROM sqlite_schema");
    first.step();
  }

  backup_report report;
  {
    backup_handle b(copy, source);
    auto busy_since = std::chrono::steady_clock::time_point{};
    for (;;) {
      const int rc = b.step(options.pages_per_step);
      if (rc == SQLITE_DONE) {
        report.pages = b.page_count();
        break;
      }
      if (rc == SQLITE_OK) {
        busy_since = {};
        continue;
      }
      if (!busy_or_locked(rc)) {
        throw sqlite_error(rc, std::string("backup step: ") + sqlite3_errstr(rc));
      }
      const auto now = std::chrono::steady_clock::now();
      if (busy_since == std::chrono::steady_clock::time_point{}) busy_since = now;
      if (now - busy_since > options.give_up_after) {
        throw storage_error("backup: the database stayed busy or locked; try again later");
      }
      ++report.retries;
      std::this_thread::sleep_for(options.retry_after);
    }
    b.finish();
  }
  source.exec("COMMIT");

  statement page_size(copy, "PRAGMA page_size");
  page_size.step();
  report.page_size = page_size.column_int(0);
  report.took = std::chrono::steady_clock::now() - started;
  return report;
}

std::vector<std::string> check_database(const std::string& path, int max_problems) {
  database db(path, database::mode::existing);
  statement check(db, "PRAGMA integrity_check(" + std::to_string(max_problems) + ")");
  std::vector<std::string> problems;
  while (check.step()) {
    std::string row = check.column_text(0);
    if (row != "ok") problems.push_back(std::move(row));
  }
  return problems;
}

}  // namespace rt::storage
