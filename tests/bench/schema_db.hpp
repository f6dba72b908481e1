// schema_db.hpp: a temporary SQLite database with every migration of schema/ applied and some
// rows inserted, for the load generator's database checks. Removed when it goes out of scope.
#pragma once

#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

struct temp_schema_db {
  std::string path;

  // `rows`: SQL run after the schema, with foreign keys off (SQLite's default), so a test
  // fills only the tables it reads.
  explicit temp_schema_db(const std::string& rows) {
    char tmpl[] = "/tmp/rt-bench-test-XXXXXX";
    const int fd = mkstemp(tmpl);
    close(fd);
    path = tmpl;
    std::string schema;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(RT_SCHEMA_DIR))
      files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      schema += ss.str() + "\n";
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, schema.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, rows.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  ~temp_schema_db() { std::filesystem::remove(path); }
  temp_schema_db(const temp_schema_db&) = delete;
  temp_schema_db& operator=(const temp_schema_db&) = delete;
};
