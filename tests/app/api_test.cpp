// Tests of reading a roster file: its columns, its rows and its limits.
#include "catch.hpp"

#include "app/api.hpp"

using namespace rt;

TEST_CASE("a roster file's header names its columns in any order and case") {
  auto rows = app::read_roster(
      "Track,NAME,group,Organisation,Email,Table\r\n"
      "Skills,Ana Ruiz,SME,DG CNECT,ana@example.org,Table 1\r\n"
      "2,Bo,eu_institution,,,\r\n");
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 2);
  CHECK(rows.value()[0].name == "Ana Ruiz");
  CHECK(rows.value()[0].track == "Skills");
  CHECK(rows.value()[0].table == "Table 1");
  CHECK(rows.value()[0].email == "ana@example.org");
  CHECK(rows.value()[1].organisation.empty());
  // table and email are optional columns
  CHECK(app::read_roster("name,organisation,group,track\nA,,sme,1\n"));
}

TEST_CASE("a roster file with wrong columns is refused with a clear message") {
  auto unknown = app::read_roster("name,organisation,group,track,phone\nA,,sme,1,123\n");
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.err().message, Catch::Contains("Unknown column \"phone\""));
  auto missing = app::read_roster("name,group,track\nA,sme,1\n");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.err().message, Catch::Contains("\"organisation\" is missing"));
  auto twice = app::read_roster("name,name,organisation,group,track\nA,B,,sme,1\n");
  REQUIRE_FALSE(twice);
  CHECK_THAT(twice.err().message, Catch::Contains("appears twice"));
  auto ragged = app::read_roster("name,organisation,group,track\nA,,sme\n");
  REQUIRE_FALSE(ragged);
  CHECK_THAT(ragged.err().message, Catch::Contains("Row 1 has 3 cells"));
  CHECK_FALSE(app::read_roster(""));
  CHECK_FALSE(app::read_roster("name,organisation,group,track\nZo\xEB,,sme,1\n"));
}

TEST_CASE("a roster file over 10,000 rows is refused whole") {
  std::string csv = "name,organisation,group,track\n";
  for (int i = 0; i < 10'001; ++i) csv += "P" + std::to_string(i) + ",,sme,1\n";
  auto r = app::read_roster(csv);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.err().message, Catch::Contains("10001 rows"));
}
