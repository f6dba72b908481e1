// static_files.cpp: safe resolution of web app files.
#include "static_files.hpp"

#include <filesystem>

namespace rt::net {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

std::string_view content_type_of(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot);
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<static_file> resolve_static(const std::string& web_root, std::string_view target) {
  const auto q = target.find_first_of("?#");
  const auto decoded = percent_decode(target.substr(0, q));
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  const std::string& path = *decoded;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  for (const auto& part : fs::path(path)) {
    if (part == "..") return std::nullopt;
  }
  std::error_code ec;
  const fs::path root = fs::canonical(web_root, ec);
  if (ec) return std::nullopt;

  const fs::path relative = fs::path(path).relative_path();
  const bool is_page = relative.extension().empty();
  fs::path file = root / relative;
  if (is_page || fs::is_directory(file, ec)) file = root / "index.html";
  const fs::path real = fs::canonical(file, ec);
  if (ec || !inside(root, real) || !fs::is_regular_file(real, ec)) return std::nullopt;

  static_file out;
  out.path = real.string();
  out.content_type = std::string(content_type_of(out.path));
  const bool hashed_asset = relative.begin() != relative.end() && *relative.begin() == "assets";
  if (hashed_asset && !is_page) {
    out.cache_control = "public, max-age=31536000, immutable";
  } else if (real.filename() == "index.html") {
    out.cache_control = "no-cache";
  } else {
    out.cache_control = "public, max-age=3600";
  }
  return out;
}

}  // namespace rt::net
