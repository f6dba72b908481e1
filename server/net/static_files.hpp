// static_files.hpp: mapping a request path to a file of the web app, and choosing which of its
// representations (Brotli, gzip or as is) to send.
//
// No path can escape the web root: the path is percent-decoded, must be absolute, may not
// contain "..", backslashes or NUL, and the resolved file must lie inside the canonical root
// (so a symlink cannot lead out either). Paths of the app's pages (no file extension) are
// answered with index.html. The build writes `<file>.br` and `<file>.gz` beside the files worth
// compressing (web/scripts/compress.mjs); a copy is used only when it is a regular file inside
// the root, and the copies are never served by their own names (404).
// Thread-safety: stateless; the functions may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rt::net {

enum class content_encoding { identity, gzip, br };

// The header value's token for `e` ("identity", "gzip" or "br").
std::string_view name(content_encoding e);

struct static_file {
  std::string path;  // the file to send as is
  std::string content_type;
  std::string cache_control;  // hashed assets are immutable; everything else is revalidated
  std::string br_path;        // its Brotli copy, "" when there is none
  std::string gzip_path;      // its gzip copy, "" when there is none
};

// The file for request target `target` (path and optional query), or nothing (404).
// Touches the file system (canonical paths, file types).
std::optional<static_file> resolve_static(const std::string& web_root, std::string_view target);

std::string_view content_type_of(std::string_view path);

// What an Accept-Encoding header allows: the q-value (0 to 1) of each coding we can send.
struct accepted_encodings {
  double br = 0;
  double gzip = 0;
  double identity = 1;
};

// Parses an Accept-Encoding value (RFC 9110 12.5.3): comma-separated codings, each with an
// optional `;q=` weight (0 refuses it), `*` for every coding not named, case-insensitive, with
// optional whitespace; "x-gzip" is gzip. `header` absent: identity only. Elements that do not
// parse (a bad q-value, an empty token) are ignored. Never fails.
accepted_encodings parse_accept_encoding(std::optional<std::string_view> header);

// The representation to send: among br and gzip with q > 0 whose copy exists, the one with the
// higher q (br on a tie); identity only when neither is. When nothing is acceptable (identity
// refused and no acceptable copy) the file goes as is: better than no page at all.
content_encoding choose_encoding(const accepted_encodings& accepted, bool have_br, bool have_gzip);

// A strong entity tag for the file at `path` sent with encoding `e`: its size and modification
// time, and the encoding (the gzip and br bodies differ). Nothing when the file cannot be read.
std::optional<std::string> entity_tag(const std::string& path, content_encoding e);

// Whether an If-None-Match value (`*` or a list of entity tags) matches `etag`, by the weak
// comparison (a W/ prefix on either side is ignored), as RFC 9110 13.1.2 asks for GET and HEAD.
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

}  // namespace rt::net
