// static_files.hpp: mapping a request path to a file of the web app.
//
// No path can escape the web root: the path is percent-decoded, must be absolute, may not
// contain "..", backslashes or NUL, and the resolved file must lie inside the canonical root
// (so a symlink cannot lead out either). Paths of the app's pages (no file extension) are
// answered with index.html. Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rt::net {

struct static_file {
  std::string path;  // the file to send
  std::string content_type;
  std::string cache_control;  // hashed assets are immutable; pages must be revalidated
};

// The file for request target `target` (path and optional query), or nothing (404).
std::optional<static_file> resolve_static(const std::string& web_root, std::string_view target);

std::string_view content_type_of(std::string_view path);

}  // namespace rt::net
