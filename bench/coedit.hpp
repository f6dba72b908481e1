// coedit.hpp: the co-edit scenario's logic without sockets: the keystroke markers, reading and
// writing the few section messages it needs, the accounting of every keystroke (typed, first
// pushed, confirmed to its typist, applied by every other editor), the check of a final text
// against the keystrokes typed, how many pieces each run of typing ended up in, and reading a
// section back from the database.
//
// Markers. Keystroke k of editor e (both from 0) has the id k * editors + e and types ONE
// UTF-16 unit of its own: U+3400 + id, continuing at U+E000 past U+D7FF (so never a
// surrogate, a line break or anything JSON escapes). A final text then shows which
// keystrokes it holds, and how many times, by looking at each of its units.
//
// Thread-safety: the free functions have no shared state. keystroke_book's recording methods
// may be called from any thread (its entries are atomics); summarize() gives a consistent
// picture once the recording threads have stopped.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/changeset.hpp"
#include "domain/collab.hpp"
#include "stats.hpp"

namespace rt::bench::coedit {

// --- Markers ---------------------------------------------------------------------------------

// How many distinct markers there are: U+3400..U+D7FF and U+E000..U+F8FF.
inline constexpr std::uint32_t marker_capacity = (0xD800 - 0x3400) + (0xF900 - 0xE000);

// The unit keystroke `id` types; nullopt when id >= marker_capacity.
std::optional<char16_t> marker_char(std::uint32_t id);
// The keystroke a unit stands for; nullopt for any other unit.
std::optional<std::uint32_t> marker_id(char16_t c);

// --- Messages (ChangeSets are read and written by protocol::parse_changes / changes_json) ----

// An array of updates as `section_updates` and the `open_section` answer carry them
// ([{"clientID":..,"changes":[..],"member":..,"continues":true}, ...]); nullopt when malformed.
std::optional<std::vector<domain::accepted_update>> updates_from_json(const nlohmann::json& j);

// A `section_updates` message.
struct section_updates {
  std::int64_t proposal = 0;
  std::int64_t section = 0;
  std::int64_t version = 0;  // the section's version before the first update
  std::vector<domain::accepted_update> updates;
};
// Whether a line is a `section_updates` message (cheap: no parsing).
bool is_section_updates_line(std::string_view line);
// The message of a line; nullopt when it is not a well-formed `section_updates`.
std::optional<section_updates> parse_section_updates(std::string_view line);

// {"type":"push","proposal":P,"section":S,"version":V,
//  "updates":[{"clientID":..,"changes":..,"continues":true}]} ("continues" only when true)
std::string push_command(std::int64_t proposal, std::int64_t section, std::int64_t version,
                         std::span<const domain::client_update> updates);
// {"type":"open_section","proposal":P,"section":S,"version":V or null}
std::string open_section_command(std::int64_t proposal, std::int64_t section,
                                 std::optional<std::int64_t> version);

// Calls f(id) for every marker that `changes` inserts.
template <class F>
void for_each_inserted_marker(const domain::change_set& changes, F&& f) {
  changes.iter_changes(
      [&](std::int64_t, std::int64_t, std::int64_t, std::int64_t, const std::u16string& text) {
        for (const char16_t c : text) {
          if (const auto id = marker_id(c)) f(*id);
        }
      },
      true);
}

// --- Keystroke accounting --------------------------------------------------------------------

// One keystroke's times (steady clock, ns; 0: not yet) and how many other editors applied it.
struct keystroke_entry {
  std::atomic<std::int64_t> typed_ns{0};
  std::atomic<std::int64_t> pushed_ns{0};     // the first push that carried it
  std::atomic<std::int64_t> confirmed_ns{0};  // its typist received it back from the server
  std::atomic<std::int64_t> last_ns{0};       // the latest other editor applied it
  std::atomic<std::uint32_t> applied{0};      // other editors that applied it
};

// Latencies of one editor's keystrokes, typing -> confirmation.
struct editor_confirmation {
  std::uint32_t editor = 0;
  std::uint64_t typed = 0;
  std::uint64_t confirmed = 0;
  latency_summary confirm;  // typing -> own update received back
};

// What the book says once the run is over.
struct book_summary {
  std::uint64_t typed = 0;
  std::uint64_t pushed = 0;
  std::uint64_t confirmed = 0;
  std::uint64_t fully_visible = 0;     // applied by every other editor
  std::uint64_t missing_applies = 0;   // (keystroke, other editor) pairs not applied
  std::uint64_t extra_applies = 0;     // applied more often than there are other editors
  latency_histogram push_to_everyone;  // us: first push -> the last other editor applied it
  latency_histogram confirmation;      // us: typing -> confirmation, every editor
  std::vector<editor_confirmation> editors;
  // The editor whose confirmation p99 is highest, and the highest confirmation delay of all.
  std::uint32_t worst_editor = 0;
  double worst_p99_ms = 0;
  double worst_max_ms = 0;
  std::uint64_t editors_all_confirmed = 0;  // editors all of whose typed keystrokes came back
};

class keystroke_book {
 public:
  // Room for `per_editor` keystrokes of each of `editors` editors. Precondition:
  // editors * per_editor <= marker_capacity (else throws std::invalid_argument).
  keystroke_book(std::uint32_t editors, std::uint32_t per_editor);
  keystroke_book(const keystroke_book&) = delete;
  keystroke_book& operator=(const keystroke_book&) = delete;

  std::uint32_t editors() const { return editors_; }
  std::uint32_t per_editor() const { return per_editor_; }
  std::uint32_t capacity() const { return editors_ * per_editor_; }
  // The id of keystroke k of editor e (k < per_editor, e < editors).
  std::uint32_t id(std::uint32_t editor, std::uint32_t k) const { return k * editors_ + editor; }
  std::uint32_t editor_of(std::uint32_t id) const { return id % editors_; }

  // Recording; ids outside the book are ignored (they return false / -1).
  bool typed(std::uint32_t id, std::int64_t ns);
  // The first push that carries a keystroke stamps it; later ones do not. True the first time.
  bool pushed(std::uint32_t id, std::int64_t ns);
  bool confirmed(std::uint32_t id, std::int64_t ns);
  // Another editor applied the update holding keystroke `id` at `ns`: returns the time since
  // its first push (ns), or -1 (unknown id, never pushed).
  std::int64_t applied(std::uint32_t id, std::int64_t ns);

  const keystroke_entry* find(std::uint32_t id) const;
  // typed_flags()[id] is 1 when keystroke id was typed.
  std::vector<std::uint8_t> typed_flags() const;
  book_summary summarize() const;

 private:
  const std::uint32_t editors_;
  const std::uint32_t per_editor_;
  std::unique_ptr<keystroke_entry[]> entries_;
};

// --- End checks ------------------------------------------------------------------------------

// How a final text compares with the keystrokes typed (typed[id] == 1).
struct marker_check {
  std::uint64_t expected = 0;         // keystrokes typed
  std::uint64_t found = 0;            // typed keystrokes present in the text
  std::uint64_t missing = 0;          // typed, not in the text
  std::uint64_t duplicated = 0;       // extra copies of typed keystrokes
  std::uint64_t foreign = 0;          // units that are no typed keystroke
  std::vector<std::string> examples;  // up to 10
  bool ok() const { return missing == 0 && duplicated == 0 && foreign == 0; }
};
marker_check check_markers(std::u16string_view text, const std::vector<std::uint8_t>& typed);

// Runs of typing. A run is one editor's uninterrupted forward typing: its keystroke ids in the
// order typed. Kept whole, a final text holds its keystrokes side by side in that order. Its
// fragments are the pieces it ended up in: among its keystrokes the text holds, 1 + the number
// of consecutive pairs whose second does not sit right after the first (so someone else's
// text inside the run splits it, and so does a keystroke out of order). Keystrokes the text
// lacks are skipped and counted as missing (check_markers reports them too).

// Where each keystroke is in `text`: positions[id] is the index of its first unit, or -1, for
// ids below `capacity`. Other units are ignored.
std::vector<std::int64_t> marker_positions(std::u16string_view text, std::uint32_t capacity);

// One run in a text.
struct run_pieces {
  std::uint64_t keys = 0;       // its keystrokes the text holds
  std::uint64_t missing = 0;    // its keystrokes the text lacks (ids past positions count)
  std::uint64_t fragments = 0;  // 0 when keys == 0
};
run_pieces count_run(std::span<const std::int64_t> positions, std::span<const std::uint32_t> run);

// Every run of a text.
struct fragment_summary {
  std::uint64_t runs = 0;       // runs the text holds at least one keystroke of
  std::uint64_t absent = 0;     // runs none of whose keystrokes it holds (not in the figures)
  std::uint64_t whole = 0;      // runs in one piece
  std::uint64_t fragments = 0;  // summed over the runs
  std::uint64_t max_fragments = 0;
  std::uint64_t keys = 0;
  std::uint64_t missing = 0;
  double mean() const { return runs ? static_cast<double>(fragments) / runs : 0.0; }
  double whole_share() const { return runs ? static_cast<double>(whole) / runs : 0.0; }
};
fragment_summary count_fragments(std::u16string_view text,
                                 std::span<const std::vector<std::uint32_t>> runs);

// The text as maximal stretches typed by one editor: (editor, units), at most `limit` of
// them, from the start; units that are no keystroke of `editor_of`'s book are editor -1.
// For a readable picture of how runs were cut.
std::vector<std::pair<std::int64_t, std::uint64_t>> stretches_by_editor(std::u16string_view text,
                                                                        const keystroke_book& book,
                                                                        std::size_t limit);

// One section as the database holds it (schema/008_drafting.sql, `section_updates`),
// read-only: its rows, and the text they replay to from the empty text.
struct section_in_db {
  bool ok = false;  // the rows could be read (error says why not)
  std::string error;
  std::int64_t rows = 0;
  std::int64_t last_version = 0;
  bool contiguous = false;   // versions 1..rows, each once
  bool replayed = false;     // every row's change parsed and fitted the text before it
  std::string replay_error;  // why not
  std::u16string text;       // the replayed text
};
section_in_db read_section(const std::string& db_path, std::int64_t event_id, std::int64_t proposal,
                           std::int64_t section);

}  // namespace rt::bench::coedit
