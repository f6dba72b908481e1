// roster_fuzz.cpp: libFuzzer harness for the roster import: the CSV text a facilitator uploads
// (POST /api/events/CODE/roster) turned into people, and the roster export that writes them
// back (app::read_roster, protocol::parse_csv and csv_line, event_state::check_roster and
// import_roster).
//
// Whatever the bytes, nothing throws, and:
//   - a file read as CSV has at least one row, each of valid UTF-8 cells; a roster read from
//     it has at most max_roster_rows rows;
//   - check_roster's problems name rows of the file (0 for the file as a whole);
//   - a roster without problems is imported whole: one participant per row, with a clean
//     name and organisation, a track of the event and, where the row names one, a table of
//     that track; a roster with problems imports nobody and changes nothing;
//   - every imported person written back as a CSV line (the roster export) reads back as the
//     same cells, a cell a spreadsheet would run as a formula prefixed with an apostrophe,
//     and no cell starting like a formula.
// Seeds: corpus/roster/ (the roster files of the tests and the README).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/api.hpp"
#include "check.hpp"
#include "domain/event_state.hpp"
#include "domain/text.hpp"
#include "protocol/csv.hpp"

namespace {

using namespace rt;

domain::event_state make_state() {
  auto info =
      domain::make_event(1, "K7QX2M", "AI & Work",
                         {{"Skills", "How do workers keep up?"}, {"Public sector", ""}}, 1000);
  RT_FUZZ_CHECK(info.ok());
  domain::event_state s(info.value());
  domain::member f;
  f.id = 1;
  f.member_role = domain::role::facilitator;
  f.name = "Facilitator";
  f.token_hash = "hf";
  s.restore(f);
  return s;
}

bool formula_start(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// The export of one person reads back as its cells.
void check_export(const std::vector<std::string>& cells) {
  bool blank = true;
  for (const auto& c : cells) blank = blank && c.empty();
  if (blank) return;  // a blank line is dropped on reading
  const auto back = protocol::parse_csv(protocol::csv_line(cells));
  RT_FUZZ_CHECK(back.ok() && back.value().size() == 1);
  const auto& row = back.value().front();
  RT_FUZZ_CHECK(row.size() == cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    RT_FUZZ_CHECK(row[i] == cells[i] || row[i] == "'" + cells[i]);
    RT_FUZZ_CHECK(row[i].empty() || !formula_start(row[i][0]));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto rows = protocol::parse_csv(text)) {
    for (const auto& row : rows.value()) {
      RT_FUZZ_CHECK(!row.empty());
      for (const auto& cell : row) RT_FUZZ_CHECK(domain::is_valid_utf8(cell));
    }
  }

  const auto roster = app::read_roster(text);
  if (!roster) {
    RT_FUZZ_CHECK(!roster.problem->message.empty() && !roster.problem->code.empty());
    return 0;
  }
  const auto& rows = roster.rows;
  RT_FUZZ_CHECK(rows.size() <= domain::max_roster_rows);

  auto state = make_state();
  const auto problems = state.check_roster(rows);
  for (const auto& p : problems) {
    RT_FUZZ_CHECK(p.row <= rows.size() && !p.message.empty() && !p.code.empty());
  }

  const std::vector<std::string> hashes(rows.size(), "h");
  const std::size_t members_before = state.members().size();
  const auto imported = state.import_roster(1, rows, hashes, 2000);
  if (!problems.empty()) {
    RT_FUZZ_CHECK(!imported && imported.err().code == domain::errc::bad_value);
    RT_FUZZ_CHECK(state.members().size() == members_before && state.tables().empty());
    return 0;
  }
  RT_FUZZ_CHECK(imported.ok());
  const auto& added = std::get<domain::roster_imported>(imported->body);
  // Rows of staff and screens (a role other than participant) make nobody.
  const auto people = static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), domain::event_state::imports_row));
  RT_FUZZ_CHECK(added.members.size() == people);
  RT_FUZZ_CHECK(state.members().size() == members_before + people);
  for (const auto& m : added.members) {
    RT_FUZZ_CHECK(m.member_role == domain::role::participant);
    RT_FUZZ_CHECK(domain::clean_person_text(m.name, domain::name_rule).ok());
    RT_FUZZ_CHECK(domain::is_valid_utf8(m.organisation));
    RT_FUZZ_CHECK(m.track && state.find_track(*m.track) != nullptr);
    if (m.table) {
      const auto t = state.tables().find(*m.table);
      RT_FUZZ_CHECK(t != state.tables().end() && t->second.track == *m.track);
    }
    RT_FUZZ_CHECK(state.find_group(m.group) != nullptr);
    check_export({m.name, m.organisation, m.group, state.find_track(*m.track)->name, m.email,
                  m.credit ? "yes" : "no"});
  }
  return 0;
}
