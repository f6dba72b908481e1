// sqlite.hpp: a small RAII layer over SQLite's C API.
//
// `database` owns one connection; `statement` owns one prepared statement and follows
// SQLite's lifecycle: prepare (constructor) → bind → step → reset → finalize (destructor).
// Every failing SQLite call throws `sqlite_error` carrying sqlite3_errmsg().
// Neither type can be copied; both can be moved.
// Thread-safety: a database and its statements are used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rt::storage {

class sqlite_error : public std::runtime_error {
 public:
  sqlite_error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class database {
 public:
  enum class mode {
    create,     // read and write, creating the file if needed
    existing,   // read and write an existing file (SQLite falls back to reading only when
                // the file is write-protected)
    read_only,  // read an existing file
  };
  // Opens the database file at `path`. Throws sqlite_error (also when `existing` or
  // `read_only` finds no file).
  database(const std::string& path, mode m);
  // Opens (creating if needed) the database file at `path`; with `read_only`, an existing
  // file for reading only. Throws sqlite_error.
  explicit database(const std::string& path, bool read_only = false)
      : database(path, read_only ? mode::read_only : mode::create) {}
  ~database();
  database(database&& other) noexcept;
  database& operator=(database&& other) noexcept;
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  // Runs one or more statements without results. Throws sqlite_error.
  void exec(std::string_view sql);
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class statement {
 public:
  // Prepares `sql` (one statement) on `db`, which must outlive it. Throws sqlite_error.
  statement(database& db, std::string_view sql);
  ~statement();
  statement(statement&& other) noexcept;
  statement& operator=(statement&& other) noexcept;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  // Parameters are numbered from 1.
  statement& bind(int index, std::int64_t value);
  statement& bind(int index, std::string_view value);
  statement& bind(int index, std::optional<std::int64_t> value);
  statement& bind_null(int index);

  // Advances; true while a row is available. Throws sqlite_error on failure.
  bool step();
  // Runs a statement without results to completion, then resets it.
  void run();
  // Resets the statement and clears its bindings, ready to bind and step again.
  void reset();

  // Columns are numbered from 0.
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace rt::storage
