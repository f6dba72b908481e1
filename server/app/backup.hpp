// backup.hpp: `roundtable backup --db FILE --out FILE [--force]`.
//
// Copies a database with storage::copy_database (consistent, safe while the server runs on
// it), into a temporary file beside --out; checks the copy (PRAGMA integrity_check); gives it
// the database's permissions; flushes it to disk and only then renames it to --out, so --out
// is either the old file or a whole, checked copy, never half of one. An existing --out is
// refused unless `force`.
// Thread-safety: owns everything it touches.
#pragma once

#include <string>

namespace rt::app {

// Returns the exit code: 0 with a one-line report on stdout; 1 with the reason on stderr
// (no database at `db`, --out exists, --out is the database itself, the copy or its check
// failed, the file could not be written).
int backup_command(const std::string& db, const std::string& out, bool force);

}  // namespace rt::app
