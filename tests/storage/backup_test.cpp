// Tests of the online backup: a copy taken while the writer keeps committing holds everything
// committed before it began, is consistent and passes the integrity check, even when it
// goes over one page at a time; bad sources and existing targets are refused.
#include "catch.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "storage/backup.hpp"
#include "storage/writer.hpp"
#include "temp_db.hpp"

using namespace rt::storage;

namespace {

std::int64_t count_rows(const std::string& path, const char* sql) {
  database db(path, database::mode::existing);
  statement q(db, sql);
  q.step();
  return q.column_int(0);
}

}  // namespace

TEST_CASE("a copy taken while the writer commits holds all that was committed before it") {
  temp_db t;
  store s(t.path);
  const std::string copy = (t.dir / "copy.db").string();
  std::atomic<int> committed{0};
  std::atomic<bool> stop{false};
  backup_report report;
  int before = 0;
  {
    writer w(s);
    // A steady stream of small transactions, as a busy server makes.
    std::thread load([&] {
      for (int i = 0; !stop; ++i) {
        std::promise<void> done;
        w.submit([i](store& st) { st.add_admin_secret("h" + std::to_string(i), i); },
                 [&](std::exception_ptr) { done.set_value(); });
        done.get_future().wait();
        ++committed;
      }
    });
    while (committed < 200) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    before = committed.load();
    // One page per step, so that many commits land between the steps of one copy.
    backup_options o;
    o.pages_per_step = 1;
    report = copy_database(t.path, copy, o);
    const int during = committed.load();
    stop = true;
    load.join();
    CHECK(during > before);  // the writer went on during the copy
  }
  CHECK(report.pages > 1);
  CHECK(report.page_size == 4096);
  CHECK(check_database(copy).empty());
  const auto rows = count_rows(copy, "SELECT count(*) FROM admin_secrets");
  CHECK(rows >= before);
  CHECK(rows <= count_rows(t.path, "SELECT count(*) FROM admin_secrets"));
  // Consistent: the rows are exactly the first `rows` commits, with no gap.
  CHECK(count_rows(copy,
                   "SELECT count(*) FROM admin_secrets WHERE created_at < "
                   "(SELECT count(*) FROM admin_secrets)") == rows);
  // The copy opens as a Roundtable database.
  store reopened(copy);
  CHECK(reopened.is_admin_secret("h0"));
}

TEST_CASE("a missing source, a file that is not a database and an existing target are refused") {
  temp_db t;
  const std::string copy = (t.dir / "copy.db").string();
  CHECK_THROWS_AS(copy_database((t.dir / "missing.db").string(), copy), sqlite_error);
  CHECK_FALSE(std::filesystem::exists(t.dir / "missing.db"));  // not created by looking

  const auto junk = t.dir / "junk.db";
  std::ofstream(junk) << "this is not an SQLite database, just some text long enough";
  std::filesystem::remove(copy);
  CHECK_THROWS(copy_database(junk.string(), copy));

  { store s(t.path); }
  std::ofstream(copy) << "already here";
  CHECK_THROWS_AS(copy_database(t.path, copy), storage_error);
}

TEST_CASE("the check names what is wrong with a damaged database") {
  temp_db t;
  {
    store s(t.path);
    for (int i = 0; i < 2000; ++i) s.add_admin_secret("secret-" + std::to_string(i), i);
    s.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  CHECK(check_database(t.path).empty());
  // Overwrite a stretch of a page near the end of the file, where the secrets went (the
  // first pages are the roots of the other, empty tables).
  {
    const auto size = static_cast<std::streamoff>(std::filesystem::file_size(t.path));
    REQUIRE(size > 4096 * 20);
    std::fstream f(t.path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((size / 4096 - 3) * 4096 + 100);
    const std::string garbage(3000, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  bool reported = false;
  try {
    reported = !check_database(t.path).empty();
  } catch (const sqlite_error&) {
    reported = true;  // so damaged that it cannot even be read: also a failed check
  }
  CHECK(reported);
}
