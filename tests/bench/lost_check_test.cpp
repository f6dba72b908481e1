// Tests of the lost-change check against a temporary database with the real schema.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lost_check.hpp"

using namespace rt::bench;

namespace {

struct temp_schema_db {
  std::string path;
  temp_schema_db() {
    char tmpl[] = "/tmp/rt-lost-test-XXXXXX";
    const int fd = mkstemp(tmpl);
    close(fd);
    path = tmpl;
    std::ifstream in(RT_SCHEMA_DIR "/001_init.sql");
    std::stringstream ss;
    ss << in.rdbuf();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, ss.str().c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    const char* rows =
        "INSERT INTO events VALUES (1, 'ABCDEF', 't', 0);"
        "INSERT INTO tracks VALUES (1, 1, 'Skills', '');"
        "INSERT INTO members VALUES (1, 1, 'participant', 'A', '', 'other', 1, 0, 'h1', 0);"
        "INSERT INTO ideas VALUES (1, 1, 1, 1, 'first', 0, 0, 0, 0, NULL);"
        "INSERT INTO ideas VALUES (1, 2, 1, 1, 'second', 0, 0, 0, 0, NULL);"
        "INSERT INTO ideas VALUES (1, 3, 1, 1, 'gone', 0, 0, 1, 0, NULL);";
    REQUIRE(sqlite3_exec(db, rows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  ~temp_schema_db() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("every acked idea present: nothing lost") {
  temp_schema_db t;
  const auto r = check_acked_ideas(t.path, 1, {{1, "first"}, {2, "second"}});
  CHECK(r.ok);
  CHECK(r.checked == 2);
  CHECK(r.lost == 0);
  CHECK(r.wrong_text == 0);
  CHECK(r.passed());
}

TEST_CASE("an absent, a deleted and a changed idea are reported") {
  temp_schema_db t;
  const auto r = check_acked_ideas(t.path, 1, {{1, "first"}, {2, "other"}, {3, "gone"}, {9, "x"}});
  CHECK(r.ok);
  CHECK(r.checked == 4);
  CHECK(r.lost == 2);        // 3 (deleted) and 9 (absent)
  CHECK(r.wrong_text == 1);  // 2
  CHECK_FALSE(r.passed());
  CHECK(r.examples == std::vector<std::int64_t>{2, 3, 9});
}

TEST_CASE("ideas of another event do not count") {
  temp_schema_db t;
  const auto r = check_acked_ideas(t.path, 2, {{1, "first"}});
  CHECK(r.lost == 1);
}

TEST_CASE("no acked ideas: nothing to lose") {
  temp_schema_db t;
  const auto r = check_acked_ideas(t.path, 1, {});
  CHECK(r.passed());
  CHECK(r.checked == 0);
}

TEST_CASE("a missing database is a failed check, not a pass") {
  const auto r = check_acked_ideas("/nonexistent/dir/rt.db", 1, {{1, "first"}});
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.passed());
  CHECK_FALSE(r.error.empty());
}
