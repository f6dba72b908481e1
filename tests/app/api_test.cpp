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
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.rows[0].name == "Ana Ruiz");
  CHECK(rows.rows[0].track == "Skills");
  CHECK(rows.rows[0].table == "Table 1");
  CHECK(rows.rows[0].email == "ana@example.org");
  CHECK(rows.rows[1].organisation.empty());
  // table and email are optional columns
  CHECK(app::read_roster("name,organisation,group,track\nA,,sme,1\n"));
}

TEST_CASE("a roster file with wrong columns is refused with a clear message and its code") {
  auto unknown = app::read_roster("name,organisation,group,track,phone\nA,,sme,1,123\n");
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.problem->message, Catch::Contains("Unknown column \"phone\""));
  CHECK(unknown.problem->code == "unknown_column");
  CHECK(unknown.problem->texts.at("column") == "phone");
  auto missing = app::read_roster("name,group,track\nA,sme,1\n");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.problem->message, Catch::Contains("\"organisation\" is missing"));
  CHECK(missing.problem->code == "column_missing");
  CHECK(missing.problem->texts.at("column") == "organisation");
  auto twice = app::read_roster("name,name,organisation,group,track\nA,B,,sme,1\n");
  REQUIRE_FALSE(twice);
  CHECK_THAT(twice.problem->message, Catch::Contains("appears twice"));
  CHECK(twice.problem->code == "column_twice");
  auto ragged = app::read_roster("name,organisation,group,track\nA,,sme\n");
  REQUIRE_FALSE(ragged);
  CHECK_THAT(ragged.problem->message, Catch::Contains("The row has 3 cells"));
  CHECK(ragged.problem->row == 1);
  CHECK(ragged.problem->code == "cells");
  CHECK(ragged.problem->numbers.at("cells") == 3);
  CHECK(ragged.problem->numbers.at("header") == 4);
  const auto empty = app::read_roster("");
  REQUIRE_FALSE(empty);
  CHECK(empty.problem->code == "empty");
  const auto not_utf8 = app::read_roster("name,organisation,group,track\nZo\xEB,,sme,1\n");
  REQUIRE_FALSE(not_utf8);
  CHECK(not_utf8.problem->code == "csv");
}

TEST_CASE("a roster file over 10,000 rows is refused whole") {
  std::string csv = "name,organisation,group,track\n";
  for (int i = 0; i < 10'001; ++i) csv += "P" + std::to_string(i) + ",,sme,1\n";
  auto r = app::read_roster(csv);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.problem->message, Catch::Contains("10001 rows"));
  CHECK(r.problem->code == "too_many_rows");
  CHECK(r.problem->numbers.at("max") == 10'000);
}
