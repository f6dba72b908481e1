// vectors.hpp: reads tests/vectors/changesets.json, the cases web/src/collab/vectors.test.ts
// generates with the real @codemirror/state and @codemirror/collab, for changeset_test.cpp and
// collab_test.cpp. Test-only: the domain library itself knows no JSON.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/changeset.hpp"
#include "domain/text.hpp"

namespace rt::test_vectors {

using nlohmann::json;

// The whole file, read once.
inline const json& vectors() {
  static const json v = [] {
    const std::string path = std::string(RT_VECTORS_DIR) + "/changesets.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return json::parse(in);
  }();
  return v;
}

inline std::u16string u16(const json& j) { return rt::domain::to_utf16(j.get<std::string>()); }

// CodeMirror's ChangeSet JSON as parts.
inline std::vector<rt::domain::change_part> parts_of(const json& j) {
  std::vector<rt::domain::change_part> parts;
  for (const json& p : j) {
    if (p.is_number()) {
      parts.push_back({p.get<std::int64_t>(), false, {}});
    } else {
      rt::domain::change_part part{p.at(0).get<std::int64_t>(), true, {}};
      for (std::size_t i = 1; i < p.size(); ++i) part.lines.push_back(u16(p[i]));
      parts.push_back(std::move(part));
    }
  }
  return parts;
}

// Parts as CodeMirror's JSON text, for readable comparisons and failure messages.
inline std::string show(const std::vector<rt::domain::change_part>& parts) {
  json j = json::array();
  for (const auto& p : parts) {
    if (!p.replace) {
      j.push_back(p.length);
    } else {
      json a = json::array({p.length});
      for (const auto& line : p.lines) a.push_back(rt::domain::to_utf8(line));
      j.push_back(a);
    }
  }
  return j.dump();
}
inline std::string show(const rt::domain::change_set& c) { return show(c.to_parts()); }
inline std::string show(const json& j) { return show(parts_of(j)); }
inline std::string utf8(const std::u16string& s) { return rt::domain::to_utf8(s); }

// A change set from JSON that must be valid.
inline rt::domain::change_set set_of(const json& j) {
  auto r = rt::domain::change_set::from_parts(parts_of(j));
  if (!r) throw std::runtime_error("vector change refused: " + r.err().message);
  return r.value();
}

inline std::vector<std::int64_t> sections_of(const json& j) {
  return j.get<std::vector<std::int64_t>>();
}

}  // namespace rt::test_vectors
