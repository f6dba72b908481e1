// Tests of static file resolution: content types, cache headers, and that no path escapes the
// web root (dot-dot, encoded dot-dot, backslashes, NUL, symlinks).
#include "catch.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include "net/static_files.hpp"

using namespace rt::net;
namespace fs = std::filesystem;

namespace {

struct web_root {
  fs::path base, root;
  web_root() {
    base = fs::temp_directory_path() / ("rt-web-" + std::to_string(std::random_device{}()));
    root = base / "dist";
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html>";
    std::ofstream(root / "assets" / "app-1a2b.js") << "x";
    std::ofstream(root / "favicon.svg") << "<svg/>";
    std::ofstream(base / "secret.txt") << "secret";
    fs::create_symlink(base / "secret.txt", root / "link.txt");
  }
  ~web_root() { fs::remove_all(base); }
};

}  // namespace

TEST_CASE("files are served with their content type and cache policy") {
  web_root w;
  auto js = resolve_static(w.root.string(), "/assets/app-1a2b.js");
  REQUIRE(js);
  CHECK(js->content_type == "text/javascript; charset=utf-8");
  CHECK(js->cache_control == "public, max-age=31536000, immutable");
  auto svg = resolve_static(w.root.string(), "/favicon.svg?v=2");
  REQUIRE(svg);
  CHECK(svg->content_type == "image/svg+xml");
}

TEST_CASE("pages of the app get index.html, never cached") {
  web_root w;
  for (const char* page : {"/", "/join/K7QX2M", "/admin", "/facilitate/K7QX2M", "/screen/ABC"}) {
    auto f = resolve_static(w.root.string(), page);
    REQUIRE(f);
    CHECK(fs::path(f->path).filename() == "index.html");
    CHECK(f->cache_control == "no-cache");
    CHECK(f->content_type == "text/html; charset=utf-8");
  }
  CHECK_FALSE(resolve_static(w.root.string(), "/missing.js"));
}

TEST_CASE("no path escapes the web root") {
  web_root w;
  for (const char* evil :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
        "/assets/..\\..\\secret.txt", "/a%00.js", "/link.txt", "secret.txt", "/%zz", "/%2"}) {
    INFO(evil);
    CHECK_FALSE(resolve_static(w.root.string(), evil));
  }
}
