// golden.hpp: comparing a renderer's output with a golden file in tests/report/golden/.
//
// The golden files are the reviewed output of the sample document (sample_document.hpp). After
// a deliberate change to a renderer, a catalogue (server/report/i18n/) or the sample, rewrite
// them and review the diff (golden/<code>/ holds the report in en, de, fr and pl):
//   RT_UPDATE_GOLDEN=1 ./build-report/tests/report_tests
// With RT_UPDATE_GOLDEN=1 every golden check writes its file and passes.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "catch.hpp"

namespace rt::report::test {

inline std::filesystem::path golden_path(const std::string& name) {
  return std::filesystem::path(RT_REPORT_GOLDEN_DIR) / name;
}

inline bool updating_golden() {
  const char* v = std::getenv("RT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Where `a` and `b` first differ: "line N: expected <...> got <...>", or "" when equal.
inline std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, le));
    const bool more_a = static_cast<bool>(std::getline(a, la));
    if (!more_e && !more_a) return expected == actual ? "" : "line ends differ";
    if (!more_e || !more_a || le != la) {
      return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? le : "<end>") +
             "\n  actual:   " + (more_a ? la : "<end>");
    }
  }
}

inline void check_golden(const std::string& name, const std::string& actual) {
  const auto path = golden_path(name);
  if (updating_golden()) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path.string() << " (RT_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(in.good());
  const std::string expected((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  CHECK(first_difference(expected, actual) == "");
}

}  // namespace rt::report::test
