// csv.hpp: reading and writing CSV files (RFC 4180), for rosters and exports.
//
// Reading uses libcsv in strict mode. Writing quotes where needed and neutralises cells that a
// spreadsheet would run as a formula by prefixing an apostrophe: cells that start with =, +,
// -, @, tab or carriage return, or hold one of them right after a separator a spreadsheet may
// split on (`,`, `;`, tab, `|`; spaces between are skipped), as `safe;=1+1` in a semicolon
// locale. Such separators are also quoted. Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace rt::protocol {

using csv_rows = std::vector<std::vector<std::string>>;

// All rows of `text` (a UTF-8 byte-order mark is skipped; blank lines are dropped). Fails
// with bad_value when the text is not valid UTF-8 or not well-formed CSV.
domain::result<csv_rows> parse_csv(std::string_view text);

// One cell, quoted when it has a comma, semicolon, tab, bar, quote or line break;
// formula-like cells neutralised.
std::string csv_cell(std::string_view value);

// One line of cells, ended by CRLF.
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace rt::protocol
