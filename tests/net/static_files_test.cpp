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

TEST_CASE("Accept-Encoding: tokens, q-values, *, case and whitespace") {
  auto a = parse_accept_encoding("gzip, deflate, br, zstd");
  CHECK(a.br == 1);
  CHECK(a.gzip == 1);
  CHECK(a.identity == 1);

  a = parse_accept_encoding(std::nullopt);
  CHECK(a.br == 0);
  CHECK(a.gzip == 0);
  CHECK(a.identity == 1);
  a = parse_accept_encoding("");
  CHECK((a.br == 0 && a.gzip == 0 && a.identity == 1));

  a = parse_accept_encoding("  BR ;Q=0.5 ,\tGZip;q=0.25 ");
  CHECK(a.br == 0.5);
  CHECK(a.gzip == 0.25);

  a = parse_accept_encoding("br;q=0, gzip");
  CHECK(a.br == 0);
  CHECK(a.gzip == 1);

  a = parse_accept_encoding("*");
  CHECK((a.br == 1 && a.gzip == 1 && a.identity == 1));
  a = parse_accept_encoding("*;q=0");
  CHECK((a.br == 0 && a.gzip == 0 && a.identity == 0));
  a = parse_accept_encoding("*;q=0, identity");
  CHECK((a.br == 0 && a.gzip == 0 && a.identity == 1));
  a = parse_accept_encoding("gzip;q=0.8, *;q=0.1");
  CHECK((a.br == 0.1 && a.gzip == 0.8 && a.identity == 1));
  a = parse_accept_encoding("identity;q=0");
  CHECK(a.identity == 0);
  a = parse_accept_encoding("x-gzip");
  CHECK(a.gzip == 1);
  a = parse_accept_encoding("br;q=1.000, gzip;q=0.001, identity;q=0.");
  CHECK(a.br == 1);
  CHECK(a.gzip == Approx(0.001));
  CHECK(a.identity == 0);
  a = parse_accept_encoding("br;level=5;q=0.5");
  CHECK(a.br == 0.5);
}

TEST_CASE("Accept-Encoding: malformed elements are ignored, the rest still counts") {
  for (const char* header : {"br;q=2, gzip", "br;q=1.5, gzip", "br;q=-1, gzip", "br;q=0.1234, gzip",
                             "br;q=, gzip", "br;q, gzip", "br;q=abc, gzip", ",,br;q=x,,gzip,"}) {
    INFO(header);
    const auto a = parse_accept_encoding(header);
    CHECK(a.br == 0);
    CHECK(a.gzip == 1);
    CHECK(a.identity == 1);
  }
}

TEST_CASE("the representation: an accepted copy before identity, br first on ties") {
  const auto e = [](const char* header, bool br, bool gz) {
    return choose_encoding(parse_accept_encoding(header), br, gz);
  };
  using enum content_encoding;
  CHECK(e("gzip, deflate, br", true, true) == br);
  CHECK(e("gzip, deflate, br", false, true) == gzip);
  CHECK(e("gzip, deflate, br", false, false) == identity);
  CHECK(e("br", true, true) == br);
  CHECK(e("br", false, true) == identity);
  CHECK(e("gzip", true, true) == gzip);
  CHECK(e("br;q=0, gzip", true, true) == gzip);
  CHECK(e("identity", true, true) == identity);
  CHECK(e("gzip;q=1, br;q=0.5", true, true) == gzip);
  CHECK(e("identity;q=1, gzip;q=0.5", true, true) == gzip);
  CHECK(e("BR;Q=0.2 , GZIP;q=0.9", true, true) == gzip);
  CHECK(e("*", true, true) == br);
  CHECK(e("*;q=0, gzip", true, true) == gzip);
  // Nothing acceptable: the file as is, rather than no page.
  CHECK(e("*;q=0", true, true) == identity);
  CHECK(e("identity;q=0", false, false) == identity);
  CHECK(e("identity;q=0, br", true, true) == br);
  CHECK(choose_encoding(parse_accept_encoding(std::nullopt), true, true) == identity);
}

TEST_CASE("compressed copies are found beside their file and never served by their own names") {
  web_root w;
  std::ofstream(w.root / "index.html.br") << "b";
  std::ofstream(w.root / "index.html.gz") << "g";
  std::ofstream(w.root / "assets" / "app-1a2b.js.gz") << "g";
  fs::create_directories(w.root / "assets" / "dir.js.br");  // not a regular file
  std::ofstream(w.root / "assets" / "dir.js") << "x";
  fs::create_symlink(w.base / "secret.txt", w.root / "favicon.svg.br");  // leads out of the root

  const auto page = resolve_static(w.root.string(), "/join/K7QX2M");
  REQUIRE(page);
  CHECK(fs::path(page->br_path) == fs::canonical(w.root / "index.html.br"));
  CHECK(fs::path(page->gzip_path) == fs::canonical(w.root / "index.html.gz"));
  const auto js = resolve_static(w.root.string(), "/assets/app-1a2b.js");
  REQUIRE(js);
  CHECK(js->br_path.empty());
  CHECK_FALSE(js->gzip_path.empty());
  const auto dir = resolve_static(w.root.string(), "/assets/dir.js");
  REQUIRE(dir);
  CHECK(dir->br_path.empty());
  const auto svg = resolve_static(w.root.string(), "/favicon.svg");
  REQUIRE(svg);
  CHECK(svg->br_path.empty());

  for (const char* copy : {"/index.html.br", "/index.html.gz", "/assets/app-1a2b.js.gz"}) {
    INFO(copy);
    CHECK_FALSE(resolve_static(w.root.string(), copy));
  }
}

TEST_CASE("only the hashed assets are cached for long; everything else is revalidated") {
  web_root w;
  std::ofstream(w.root / "sw.js") << "x";
  std::ofstream(w.root / "registerSW.js") << "x";
  std::ofstream(w.root / "manifest.webmanifest") << "{}";
  fs::create_directories(w.root / "assets" / "sub");
  std::ofstream(w.root / "assets" / "sub" / "index.html") << "<p>";
  for (const char* path :
       {"/sw.js", "/registerSW.js", "/manifest.webmanifest", "/favicon.svg", "/", "/assets/sub/"}) {
    INFO(path);
    const auto f = resolve_static(w.root.string(), path);
    REQUIRE(f);
    CHECK(f->cache_control == "no-cache");
  }
  CHECK(resolve_static(w.root.string(), "/manifest.webmanifest")->content_type ==
        "application/manifest+json");
}

TEST_CASE("content types of the app's kinds of files") {
  CHECK(content_type_of("/a/b.json") == "application/json");
  CHECK(content_type_of("/favicon.svg") == "image/svg+xml");
  CHECK(content_type_of("/favicon.ico") == "image/x-icon");
  CHECK(content_type_of("/icon-192.png") == "image/png");
  CHECK(content_type_of("/assets/font-1a.woff2") == "font/woff2");
  CHECK(content_type_of("/robots.txt") == "text/plain; charset=utf-8");
  CHECK(content_type_of("/manifest.webmanifest") == "application/manifest+json");
  CHECK(content_type_of("/README") == "application/octet-stream");
}

TEST_CASE("entity tags: strong, per file and encoding; If-None-Match by weak comparison") {
  web_root w;
  const auto path = (w.root / "index.html").string();
  const auto plain = entity_tag(path, content_encoding::identity);
  const auto br = entity_tag(path, content_encoding::br);
  REQUIRE(plain);
  REQUIRE(br);
  CHECK(plain->front() == '"');
  CHECK(plain->back() == '"');
  CHECK(*plain != *br);
  CHECK(*entity_tag(path, content_encoding::identity) == *plain);
  CHECK_FALSE(entity_tag((w.root / "missing").string(), content_encoding::identity));
  std::ofstream(path) << "<!doctype html><p>changed";
  CHECK(*entity_tag(path, content_encoding::identity) != *plain);

  const std::string tag = R"("1f-abc-br")";
  CHECK(none_match_hits(tag, tag));
  CHECK(none_match_hits("W/" + tag, tag));
  CHECK(none_match_hits("*", tag));
  CHECK(none_match_hits(R"("x", )" + tag + R"( , "y")", tag));
  CHECK(none_match_hits(R"("a,b",)" + tag, tag));
  CHECK_FALSE(none_match_hits(R"("1f-abc-gzip")", tag));
  CHECK_FALSE(none_match_hits(R"("1f-abc-br)", tag));
  CHECK_FALSE(none_match_hits("1f-abc-br", tag));
  CHECK_FALSE(none_match_hits("", tag));
}
