// wire.cpp: string-search reading of server messages and writing of post commands.
#include "wire.hpp"

#include <charconv>
#include <cstdio>

namespace rt::bench::wire {

namespace {

constexpr std::string_view type_key = "\"type\":\"";

kind kind_of(std::string_view name) {
  if (name == "ack") return kind::ack;
  if (name == "error") return kind::error;
  if (name == "change") return kind::change;
  if (name == "changes") return kind::changes;
  if (name == "snapshot") return kind::snapshot;
  return kind::other;
}

kind kind_at(std::string_view line, std::size_t pos) {
  pos += type_key.size();
  const auto end = line.find('"', pos);
  if (end == std::string_view::npos) return kind::other;
  return kind_of(line.substr(pos, end - pos));
}

std::optional<std::int64_t> number_at(std::string_view s, std::size_t pos) {
  std::int64_t v = 0;
  const auto* first = s.data() + pos;
  const auto* last = s.data() + s.size();
  const auto [p, ec] = std::from_chars(first, last, v);
  if (ec != std::errc{} || p == first) return std::nullopt;
  return v;
}

std::string quoted_key(std::string_view key) {
  std::string k;
  k.reserve(key.size() + 3);
  k.push_back('"');
  k.append(key);
  k.append("\":");
  return k;
}

}  // namespace

kind classify(std::string_view line) {
  if (line.starts_with("{\"type\":\"")) return kind_at(line, 1);
  const auto pos = line.rfind(type_key);
  if (pos == std::string_view::npos) return kind::other;
  return kind_at(line, pos);
}

std::string_view kind_name(kind k) {
  switch (k) {
    case kind::ack:
      return "ack";
    case kind::error:
      return "error";
    case kind::change:
      return "change";
    case kind::changes:
      return "changes";
    case kind::snapshot:
      return "snapshot";
    case kind::other:
      break;
  }
  return "other";
}

std::optional<std::int64_t> max_seq(std::string_view line) {
  constexpr std::string_view key = "\"seq\":";
  std::optional<std::int64_t> best;
  std::size_t pos = 0;
  while ((pos = line.find(key, pos)) != std::string_view::npos) {
    pos += key.size();
    if (auto v = number_at(line, pos); v && (!best || *v > *best)) best = v;
  }
  return best;
}

std::optional<std::string_view> string_field(std::string_view line, std::string_view key) {
  const std::string k = quoted_key(key) + '"';
  const auto pos = line.find(k);
  if (pos == std::string_view::npos) return std::nullopt;
  const auto start = pos + k.size();
  const auto end = line.find('"', start);
  if (end == std::string_view::npos) return std::nullopt;
  return line.substr(start, end - start);
}

std::optional<std::int64_t> int_field(std::string_view line, std::string_view key) {
  const std::string k = quoted_key(key);
  const auto pos = line.find(k);
  if (pos == std::string_view::npos) return std::nullopt;
  return number_at(line, pos + k.size());
}

std::string marker_prefix(std::uint32_t nonce) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "rtb:%08x:", nonce);
  return buf;
}

std::string idea_text(std::string_view prefix, std::uint64_t index, std::size_t length) {
  std::string t(prefix);
  t += std::to_string(index);
  t += ':';
  // Words of lowercase letters: readable, never escaped, never trimmed away.
  static constexpr std::string_view filler = " an idea for the future of work";
  std::size_t i = 0;
  while (t.size() < length) {
    t.push_back(filler[i % filler.size()]);
    ++i;
  }
  if (t.back() == ' ') t.back() = 'x';
  return t;
}

std::string post_id(std::uint64_t index) {
  std::string id(1, 'p');
  id += std::to_string(index);
  return id;
}

std::optional<std::uint64_t> post_index(std::string_view id) {
  if (id.size() < 2 || id[0] != 'p') return std::nullopt;
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), v);
  if (ec != std::errc{} || p != id.data() + id.size()) return std::nullopt;
  return v;
}

std::string post_command(std::uint64_t index, std::int64_t track, std::string_view text) {
  std::string c = R"({"type":"post_idea","id":")";
  c += post_id(index);
  c += R"(","track":)";
  c += std::to_string(track);
  c += R"(,"text":")";
  c += text;  // marker text: nothing to escape
  c += R"(","anonymous":false})";
  return c;
}

}  // namespace rt::bench::wire
