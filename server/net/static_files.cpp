// static_files.cpp: safe resolution of web app files and the choice of their representation.
#include "static_files.hpp"

#include <array>
#include <cstdio>
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

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// `real` + `suffix` when that is a regular file inside `root`, else "".
std::string copy_of(const fs::path& root, const fs::path& real, std::string_view suffix) {
  std::error_code ec;
  fs::path candidate = real;
  candidate += std::string(suffix);
  const fs::path copy = fs::canonical(candidate, ec);
  if (ec || !inside(root, copy) || !fs::is_regular_file(copy, ec)) return {};
  return copy.string();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// An RFC 9110 qvalue: "0" ["." up to 3 digits] or "1" ["." up to 3 zeros].
std::optional<double> parse_qvalue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  double q = v[0] - '0';
  if (v.size() == 1) return q;
  if (v[1] != '.' || v.size() > 5) return std::nullopt;
  double scale = 0.1;
  for (const char c : v.substr(2)) {
    if (c < '0' || c > '9' || (v[0] == '1' && c != '0')) return std::nullopt;
    q += (c - '0') * scale;
    scale /= 10;
  }
  return q;
}

// One element of Accept-Encoding: its coding (lower case) and weight; nothing when malformed.
std::optional<std::pair<std::string, double>> parse_coding(std::string_view element) {
  const auto semi = element.find(';');
  const std::string coding = lower(trim(element.substr(0, semi)));
  if (coding.empty()) return std::nullopt;
  double q = 1;
  std::string_view rest = semi == std::string_view::npos ? "" : element.substr(semi + 1);
  while (!rest.empty()) {
    const auto next = rest.find(';');
    const std::string_view param = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? "" : rest.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    if (lower(trim(param.substr(0, eq))) != "q") continue;  // other parameters: ignored
    const auto value = parse_qvalue(trim(param.substr(eq + 1)));
    if (!value) return std::nullopt;
    q = *value;
  }
  return std::pair{coding, q};
}

}  // namespace

std::string_view name(content_encoding e) {
  switch (e) {
    case content_encoding::br:
      return "br";
    case content_encoding::gzip:
      return "gzip";
    case content_encoding::identity:
      break;
  }
  return "identity";
}

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
  // The compressed copies are representations of their originals, not files of their own.
  if (ends_with(path, ".br") || ends_with(path, ".gz")) return std::nullopt;
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
  // Only the files under /assets/ carry a content hash in their names; the pages, sw.js,
  // registerSW.js, the manifest and the icons keep their names from build to build.
  const bool hashed_asset = relative.begin() != relative.end() && *relative.begin() == "assets";
  out.cache_control = hashed_asset && !is_page && real.filename() != "index.html"
                          ? "public, max-age=31536000, immutable"
                          : "no-cache";
  out.br_path = copy_of(root, real, ".br");
  out.gzip_path = copy_of(root, real, ".gz");
  return out;
}

accepted_encodings parse_accept_encoding(std::optional<std::string_view> header) {
  accepted_encodings out;
  if (!header) return out;
  std::optional<double> br, gzip, identity, star;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto element = parse_coding(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    if (!element) continue;
    const auto& [coding, q] = *element;
    if (coding == "br") {
      br = q;
    } else if (coding == "gzip" || coding == "x-gzip") {
      gzip = q;
    } else if (coding == "identity") {
      identity = q;
    } else if (coding == "*") {
      star = q;
    }
  }
  out.br = br.value_or(star.value_or(0));
  out.gzip = gzip.value_or(star.value_or(0));
  // As is is acceptable unless refused by name, or by "*;q=0" without naming it.
  out.identity = identity.value_or(star == 0.0 ? 0.0 : 1.0);
  return out;
}

content_encoding choose_encoding(const accepted_encodings& accepted, bool have_br, bool have_gzip) {
  // Identity is acceptable by default, at q=1, so it does not compete on q: a compressed copy
  // the client accepts at all is smaller, hence better.
  const std::array<std::pair<content_encoding, double>, 2> options{{
      {content_encoding::br, have_br ? accepted.br : 0.0},
      {content_encoding::gzip, have_gzip ? accepted.gzip : 0.0},
  }};
  content_encoding best = content_encoding::identity;
  double best_q = 0;
  for (const auto& [e, q] : options) {
    if (q > best_q) {
      best = e;
      best_q = q;
    }
  }
  return best;
}

std::optional<std::string> entity_tag(const std::string& path, content_encoding e) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  const auto ticks = static_cast<unsigned long long>(mtime.time_since_epoch().count());
  std::array<char, 96> buf{};
  std::snprintf(buf.data(), buf.size(), "\"%llx-%llx-%s\"", static_cast<unsigned long long>(size),
                ticks, std::string(name(e)).c_str());
  return std::string(buf.data());
}

bool none_match_hits(std::string_view if_none_match, std::string_view etag) {
  if (ends_with(etag, "\"") && etag.starts_with("W/")) etag.remove_prefix(2);
  std::string_view rest = if_none_match;
  while (true) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == ',')) {
      rest.remove_prefix(1);
    }
    if (rest.empty()) return false;
    if (rest.front() == '*') return true;
    if (rest.starts_with("W/")) rest.remove_prefix(2);
    if (rest.empty() || rest.front() != '"') return false;  // not an entity tag: no match
    const auto close = rest.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (rest.substr(0, close + 1) == etag) return true;
    rest.remove_prefix(close + 1);
  }
}

}  // namespace rt::net
