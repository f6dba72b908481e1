// error_table_test.cpp: docs/protocol.md's table of error codes lists exactly the server's
// codes (domain/errors.hpp), in the same order, and each has a default message.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catch.hpp"
#include "domain/errors.hpp"

using namespace rt::domain;

namespace {

// The first column of the table under "## Error codes": `| `code` | when |` rows.
std::vector<std::string> documented_codes() {
  std::ifstream in(RT_DOCS_DIR "/protocol.md");
  REQUIRE(in);
  std::vector<std::string> codes;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) inside = line == "## Error codes";
    if (!inside || line.rfind("| `", 0) != 0) continue;
    const auto end = line.find('`', 3);
    REQUIRE(end != std::string::npos);
    codes.push_back(line.substr(3, end - 3));
  }
  return codes;
}

}  // namespace

TEST_CASE("docs/protocol.md lists every error code in the enum's order") {
  std::vector<std::string> ours;
  for (const auto& e : error_table) ours.emplace_back(e.name);
  CHECK(documented_codes() == ours);
}

TEST_CASE("every error code has a name, a default message and an HTTP status") {
  for (const auto& e : error_table) {
    CHECK(parse_errc(e.name) == e.code);
    CHECK(!e.message.empty());
    CHECK(e.message.back() == '.');
    CHECK(e.http_status >= 400);
    CHECK(e.http_status < 600);
  }
  CHECK_FALSE(parse_errc("no_such_code"));
}
