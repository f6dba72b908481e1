// backup.hpp: an online, consistent copy of a database (SQLite's backup API) and its check.
//
// copy_database() is safe while the server writes to the same database: it opens the source
// as one more connection and holds ONE read transaction on it for the whole copy. In WAL mode
// a reader never blocks the writer and never sees its later commits, so the copy is the
// database exactly as it was when the copy began, however long it takes and however much is
// committed meanwhile. (Without that transaction, a step that follows another connection's
// commit starts the copy over from the first page: a large database under a steady stream
// of commits would be copied again and again.)
// Pages go over a few at a time (sqlite3_backup_step); a step that finds the source or the
// destination busy or locked is retried after a short wait, up to a deadline.
//
// Thread-safety: the functions own every connection they open; call them from any thread.
// Failures throw sqlite_error (from SQLite) or storage_error (the rest).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace rt::storage {

struct backup_options {
  int pages_per_step = 256;                         // 1 MiB of 4 KiB pages
  std::chrono::milliseconds retry_after{20};        // after a busy or locked step
  std::chrono::milliseconds give_up_after{60'000};  // busy or locked this long in a row: fail
};

struct backup_report {
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
  int retries = 0;  // busy or locked steps
  std::chrono::steady_clock::duration took{};
};

// Copies the database at `from` (which must exist) into a new database file at `to` (which
// must not exist; the caller removes it after a failure). Throws on any failure, including
// a source that is not an SQLite database.
backup_report copy_database(const std::string& from, const std::string& to,
                            const backup_options& options = {});

// PRAGMA integrity_check on the existing database at `path`: empty when it is
// sound, else SQLite's complaints (at most `max_problems`). Throws when it cannot be read.
std::vector<std::string> check_database(const std::string& path, int max_problems = 10);

}  // namespace rt::storage
