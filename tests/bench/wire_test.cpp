// Tests of the cheap message reading: line splitting, top-level type, seq, fields and the
// idea text markers, on messages shaped like the server's (sorted keys) and the hand-written
// `changes`.
#include <catch2/catch.hpp>

#include <vector>

#include "wire.hpp"

using namespace rt::bench;
using wire::kind;

namespace {

std::vector<std::string> lines_of(std::string_view frame) {
  std::vector<std::string> v;
  wire::for_each_line(frame, [&](std::string_view l) { v.emplace_back(l); });
  return v;
}

std::vector<std::uint64_t> markers(std::string_view line, std::string_view prefix) {
  std::vector<std::uint64_t> v;
  wire::for_each_marker(line, prefix, [&](std::uint64_t i) { v.push_back(i); });
  return v;
}

}  // namespace

TEST_CASE("a frame splits into its non-empty lines") {
  CHECK(lines_of("a\nb\n\nc") == std::vector<std::string>{"a", "b", "c"});
  CHECK(lines_of("only") == std::vector<std::string>{"only"});
  CHECK(lines_of("x\n") == std::vector<std::string>{"x"});
  CHECK(lines_of("").empty());
}

TEST_CASE("the top-level type of server messages") {
  CHECK(wire::classify(R"({"id":"p3","result":{"idea":17},"type":"ack"})") == kind::ack);
  CHECK(wire::classify(
            R"({"code":"rate_limited","id":"p3","message":"Slow down.","type":"error"})") ==
        kind::error);
  CHECK(wire::classify(
            R"({"idea":{"id":1,"text":"x"},"kind":"idea_posted","seq":42,"type":"change"})") ==
        kind::change);
  CHECK(wire::classify(R"({"event":{"id":1},"ideas":[],"seq":4,"type":"snapshot"})") ==
        kind::snapshot);
  // Written by hand with "type" first, and nested changes with their own "type".
  CHECK(wire::classify(
            R"({"type":"changes","from":41,"seq":44,"changes":[{"seq":43,"type":"change"}]})") ==
        kind::changes);
  // The same with sorted keys.
  CHECK(wire::classify(
            R"({"changes":[{"seq":43,"type":"change"}],"from":41,"seq":44,"type":"changes"})") ==
        kind::changes);
  CHECK(wire::classify(R"({"type":"mystery"})") == kind::other);
  CHECK(wire::classify("not json") == kind::other);
}

TEST_CASE("a type spelled inside an idea text is not a type") {
  // In JSON the inner quotes are escaped, so the text cannot fake a key.
  const std::string line =
      R"({"idea":{"text":"say \"type\":\"ack\" here"},"kind":"idea_posted","seq":5,"type":"change"})";
  CHECK(wire::classify(line) == kind::change);
}

TEST_CASE("the largest seq of a line") {
  CHECK(wire::max_seq(R"({"idea":{"id":1},"kind":"idea_posted","seq":42,"type":"change"})") == 42);
  CHECK(wire::max_seq(
            R"({"type":"changes","from":41,"seq":44,"changes":[{"seq":42},{"seq":44}]})") == 44);
  CHECK(wire::max_seq(R"({"text":"\"seq\":99","seq":3})") == 3);
  CHECK_FALSE(wire::max_seq(R"({"type":"ack","id":"c1"})").has_value());
}

TEST_CASE("string and integer fields") {
  const std::string ack = R"({"id":"p12","result":{"idea":17,"token":"K7QX2M.3f9c"},"type":"ack"})";
  CHECK(wire::string_field(ack, "id") == std::string_view("p12"));
  CHECK(wire::string_field(ack, "token") == std::string_view("K7QX2M.3f9c"));
  CHECK(wire::int_field(ack, "idea") == 17);
  CHECK_FALSE(wire::string_field(ack, "code").has_value());
  CHECK_FALSE(wire::int_field(ack, "id").has_value());  // a string, not a number
}

TEST_CASE("post ids carry the slot index") {
  CHECK(wire::post_id(0) == "p0");
  CHECK(wire::post_index("p123") == 123u);
  CHECK_FALSE(wire::post_index("c1").has_value());
  CHECK_FALSE(wire::post_index("p").has_value());
  CHECK_FALSE(wire::post_index("p12x").has_value());
}

TEST_CASE("idea texts carry a findable marker and have the asked length") {
  const std::string prefix = wire::marker_prefix(0xdeadbeef);
  CHECK(prefix == "rtb:deadbeef:");
  const std::string text = wire::idea_text(prefix, 4711, 100);
  CHECK(text.size() == 100);
  CHECK(text.starts_with("rtb:deadbeef:4711:"));
  CHECK(text.back() != ' ');
  CHECK(text.find('"') == std::string::npos);
  CHECK(text.find('\\') == std::string::npos);
  // A short length still keeps the whole marker.
  CHECK(wire::idea_text(prefix, 123456, 10) == "rtb:deadbeef:123456:");
}

TEST_CASE("markers are found in changes, several per line, only with the run's prefix") {
  const std::string prefix = wire::marker_prefix(1);
  const std::string other = wire::marker_prefix(2);
  const std::string line = R"({"changes":[{"idea":{"text":")" + wire::idea_text(prefix, 7, 40) +
                           R"("}},{"idea":{"text":")" + wire::idea_text(other, 8, 40) +
                           R"("}},{"idea":{"text":")" + wire::idea_text(prefix, 9, 40) + R"("}}]})";
  CHECK(markers(line, prefix) == std::vector<std::uint64_t>{7, 9});
  CHECK(markers(line, other) == std::vector<std::uint64_t>{8});
  CHECK(markers("rtb:00000001:12", prefix).empty());  // cut off: no closing ':'
  CHECK(markers("rtb:00000001::", prefix).empty());   // no digits
}

TEST_CASE("the post command is the protocol's post_idea") {
  const std::string c = wire::post_command(5, 2, "rtb:00000001:5: hi");
  CHECK(
      c ==
      R"({"type":"post_idea","id":"p5","track":2,"text":"rtb:00000001:5: hi","anonymous":false})");
}
