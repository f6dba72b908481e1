// csv.cpp: CSV through libcsv.
#include "csv.hpp"

#include <csv.h>

#include "domain/text.hpp"

namespace rt::protocol {
namespace {

struct reader_state {
  csv_rows rows;
  std::vector<std::string> row;
};

void on_field(void* data, std::size_t len, void* user) {
  auto* st = static_cast<reader_state*>(user);
  st->row.emplace_back(data == nullptr ? "" : std::string(static_cast<const char*>(data), len));
}

void on_row(int, void* user) {
  auto* st = static_cast<reader_state*>(user);
  bool blank = true;
  for (const auto& f : st->row) blank = blank && f.empty();
  if (!blank) st->rows.push_back(std::move(st->row));
  st->row.clear();
}

}  // namespace

domain::result<csv_rows> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!domain::is_valid_utf8(text)) {
    return domain::make_error(domain::errc::bad_value,
                              "The file is not UTF-8 text (save it as \"CSV UTF-8\").");
  }
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return domain::make_error(domain::errc::bad_value, "The CSV reader could not start.");
  }
  reader_state st;
  const std::size_t used = csv_parse(&p, text.data(), text.size(), on_field, on_row, &st);
  int rc = used == text.size() ? csv_fini(&p, on_field, on_row, &st) : csv_error(&p);
  if (used != text.size()) rc = csv_error(&p);
  const std::string why = rc != 0 ? csv_strerror(rc) : "";
  csv_free(&p);
  if (rc != 0) {
    return domain::make_error(domain::errc::bad_value,
                              "The file is not well-formed CSV (" + why + ").");
  }
  return st.rows;
}

namespace {

// What a spreadsheet may take as the start of a formula.
bool formula_start(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}
// What a spreadsheet may take as a cell separator, depending on the locale or the import.
bool separator(char c) { return c == ',' || c == ';' || c == '\t' || c == '|'; }

// Whether any part of `v` could start a formula: its first character, or the first one after
// a separator (spaces skipped), should a spreadsheet split the cell there.
bool formula_like(std::string_view v) {
  bool at_start = true;
  for (char c : v) {
    if (at_start && formula_start(c)) return true;
    if (separator(c)) {
      at_start = true;
    } else if (c != ' ') {
      at_start = false;
    }
  }
  return false;
}

}  // namespace

std::string csv_cell(std::string_view value) {
  std::string v(value);
  if (formula_like(v)) v.insert(v.begin(), '\'');
  // Quoted also on `;`, tab and `|`, so that a spreadsheet splitting on them keeps one cell.
  if (v.find_first_of(",;|\t\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += csv_cell(cells[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace rt::protocol
