// temp_db.hpp: a database file in a fresh temporary folder, removed afterwards.
#pragma once

#include <filesystem>
#include <random>
#include <string>

struct temp_db {
  std::filesystem::path dir;
  std::string path;
  temp_db() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("rt-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    path = (dir / "rt.db").string();
  }
  ~temp_db() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  temp_db(const temp_db&) = delete;
  temp_db& operator=(const temp_db&) = delete;
};
