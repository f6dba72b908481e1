// Tests of CSV reading and writing: quoting, line breaks, byte-order marks, bad encoding and
// formula injection.
#include "catch.hpp"

#include "protocol/csv.hpp"

using namespace rt::protocol;

TEST_CASE("CSV rows are read with quotes, commas and line breaks inside cells") {
  auto rows = parse_csv(
      "\xEF\xBB\xBFname,organisation\r\n\"Ruiz, Ana\",\"DG \"\"CNECT\"\"\"\r\n"
      "\"Line\nbreak\",x\n\n,\n");
  REQUIRE(rows);
  REQUIRE(rows.value().size() == 3);
  CHECK(rows.value()[0] == std::vector<std::string>{"name", "organisation"});
  CHECK(rows.value()[1] == std::vector<std::string>{"Ruiz, Ana", "DG \"CNECT\""});
  CHECK(rows.value()[2] == std::vector<std::string>{"Line\nbreak", "x"});
}

TEST_CASE("bad encoding and malformed CSV are refused") {
  CHECK(parse_csv("name\nZo\xEB\n").err().code ==
        rt::domain::errc::bad_value);  // Latin-1, not UTF-8
  CHECK(parse_csv("name\n\"unterminated\n").err().code == rt::domain::errc::bad_value);
  CHECK(parse_csv("a,b\n\"x\"y,z\n").err().code == rt::domain::errc::bad_value);
}

TEST_CASE("cells are quoted when needed and formulas neutralised") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_cell("+1") == "'+1");
  CHECK(csv_cell("-2") == "'-2");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  // A formula after any separator a spreadsheet may split on (semicolon locales, tabs, bars).
  CHECK(csv_cell("safe;=1+1") == "\"'safe;=1+1\"");
  CHECK(csv_cell("safe; +1") == "\"'safe; +1\"");
  CHECK(csv_cell("a,@SUM(A1)") == "\"'a,@SUM(A1)\"");
  CHECK(csv_cell("a\t-2") == "\"'a\t-2\"");
  CHECK(csv_cell("a|=cmd") == "\"'a|=cmd\"");
  CHECK(csv_cell("x;y") == "\"x;y\"");      // quoted, so it stays one cell
  CHECK(csv_cell("1-2 = 3") == "1-2 = 3");  // not after a separator: left as it is
  CHECK(csv_cell("Ruiz; Ana") == "\"Ruiz; Ana\"");
  CHECK(csv_line({"a", "b c"}) == "a,b c\r\n");
  // What is written reads back the same (apart from the neutralising apostrophe).
  auto back = parse_csv(csv_line({"Ruiz, Ana", "multi\nline", "\"q\""}));
  REQUIRE(back);
  CHECK(back.value()[0] == std::vector<std::string>{"Ruiz, Ana", "multi\nline", "\"q\""});
}
