// wire.hpp: cheap reading and writing of the few protocol messages the load generator needs.
//
// Received frames are NOT parsed as JSON on the hot path: a frame is split into lines, each
// line's top-level "type" is found by string search, "seq" and the ideas' text markers are
// found by searching for their exact spelling. This is sound for the messages the server
// writes: a JSON string value never contains a raw `"key":` sequence (its quotes would be
// escaped), so `"seq":` and `"type":"` only ever match real keys.
//
// An idea posted by the load generator has a text that starts with a marker
// `rtb:<nonce>:<index>:` (nonce: 8 hex digits chosen per run; index: the idea's slot), padded
// to the wanted length with letters that JSON never escapes.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rt::bench::wire {

enum class kind { ack, error, change, changes, snapshot, other };

// Calls f(line) for every non-empty '\n'-separated line of a frame.
template <class F>
void for_each_line(std::string_view frame, F&& f) {
  while (!frame.empty()) {
    const auto nl = frame.find('\n');
    const auto line = frame.substr(0, nl);
    if (!line.empty()) f(line);
    if (nl == std::string_view::npos) break;
    frame.remove_prefix(nl + 1);
  }
}

// The top-level "type" of a server message: the first key when the line starts with it (as
// the server writes `changes`), else the last "type" of the line (objects written with sorted
// keys, where nested objects come before "type").
kind classify(std::string_view line);
std::string_view kind_name(kind k);

// The largest `"seq":N` of a line (for a change or snapshot its seq, for `changes` the top
// seq, which is at least every nested one).
std::optional<std::int64_t> max_seq(std::string_view line);

// The first `"key":"value"` of a line, for values without escapes (ids, codes, tokens).
std::optional<std::string_view> string_field(std::string_view line, std::string_view key);
// The first `"key":N` of a line.
std::optional<std::int64_t> int_field(std::string_view line, std::string_view key);

// "rtb:<nonce>:"
std::string marker_prefix(std::uint32_t nonce);
// An idea text of `length` characters (at least the marker's) carrying `index`.
std::string idea_text(std::string_view prefix, std::uint64_t index, std::size_t length);
// Calls f(index) for every marker with this prefix in `line`.
template <class F>
void for_each_marker(std::string_view line, std::string_view prefix, F&& f) {
  std::size_t pos = 0;
  while ((pos = line.find(prefix, pos)) != std::string_view::npos) {
    pos += prefix.size();
    std::uint64_t v = 0;
    std::size_t digits = 0;
    while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9') {
      v = v * 10 + static_cast<std::uint64_t>(line[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits > 0 && pos < line.size() && line[pos] == ':') f(v);
  }
}

// The command ids the load generator gives its posts: "p<index>".
std::string post_id(std::uint64_t index);
std::optional<std::uint64_t> post_index(std::string_view id);

// {"type":"post_idea","id":"p<index>","track":T,"text":"...","anonymous":false}
std::string post_command(std::uint64_t index, std::int64_t track, std::string_view text);

}  // namespace rt::bench::wire
