// backup.cpp: the `backup` command: checks, the temporary file, flush, rename and report.
#include "app/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "storage/backup.hpp"

namespace rt::app {

namespace fs = std::filesystem;

namespace {

// fsync of a file or a folder; false when it cannot be opened or synced.
bool sync_path(const fs::path& p, bool folder) {
  const int fd = ::open(p.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Removes the temporary copy and what SQLite may have left beside it.
void remove_copy(const fs::path& p) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    fs::remove(fs::path(p.string() + suffix), ec);
  }
}

int fail(const std::string& why) {
  std::cerr << "roundtable backup: " << why << "\n";
  return 1;
}

}  // namespace

int backup_command(const std::string& db, const std::string& out, bool force) {
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) return fail("no database at " + db);
  const fs::path target = fs::absolute(out, ec);
  if (ec || target.filename().empty()) return fail("cannot write to " + out);
  if (fs::exists(target, ec)) {
    if (fs::equivalent(db, target, ec)) return fail(out + " is the database itself");
    if (!fs::is_regular_file(target, ec)) return fail(out + " exists and is not a file");
    if (!force) return fail(out + " exists; pass --force to replace it");
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) return fail("cannot create " + target.parent_path().string() + ": " + ec.message());

  // Beside the target, so that the rename stays on one file system.
  std::string temp_name = ".";  // hidden; appended, not "." + ..., for GCC 12's -Wrestrict
  temp_name += target.filename().string();
  temp_name += ".tmp-";
  temp_name += std::to_string(::getpid());
  const fs::path temp = target.parent_path() / temp_name;
  remove_copy(temp);
  storage::backup_report report;
  std::vector<std::string> problems;
  try {
    report = storage::copy_database(db, temp.string());
    problems = storage::check_database(temp.string());
  } catch (const std::exception& e) {
    remove_copy(temp);
    return fail("cannot copy " + db + ": " + e.what());
  }
  if (!problems.empty()) {
    remove_copy(temp);
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    return fail("the copy fails its integrity check (so may the database):" + all);
  }
  // As private as the database: it holds the same people's data.
  fs::permissions(temp, fs::status(db, ec).permissions() & fs::perms::mask, ec);
  if (ec) {
    remove_copy(temp);
    return fail("cannot set the permissions of " + temp.string() + ": " + ec.message());
  }
  if (!sync_path(temp, false)) {
    remove_copy(temp);
    return fail("cannot flush " + temp.string() + " to disk");
  }
  fs::rename(temp, target, ec);
  if (ec) {
    remove_copy(temp);
    return fail("cannot rename the copy to " + target.string() + ": " + ec.message());
  }
  sync_path(target.parent_path(), true);  // the rename itself is durable (best effort)

  const double seconds = std::chrono::duration<double>(report.took).count();
  const double mib = static_cast<double>(report.pages * report.page_size) / (1024.0 * 1024.0);
  char line[160];
  std::snprintf(line, sizeof line, "%lld pages of %lld bytes (%.1f MiB) in %.2f s",
                static_cast<long long>(report.pages), static_cast<long long>(report.page_size), mib,
                seconds);
  std::cout << "Backed up " << db << " to " << target.string() << ": " << line
            << (report.retries > 0 ? ", " + std::to_string(report.retries) + " busy retries" : "")
            << "; integrity check ok" << std::endl;
  return 0;
}

}  // namespace rt::app
