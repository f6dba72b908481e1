// xml_check.hpp: a small well-formedness check for the XML parts the report writes.
//
// It accepts the subset of XML 1.0 our writers use: an optional XML declaration, then one
// root element of nested elements, attributes in double or single quotes, text, and the five
// predefined entities or numeric character references. It refuses unbalanced or mismatched
// tags, a second root, duplicate attributes, a raw '<' in text or attributes, a bare '&',
// comments, CDATA and processing instructions (we write none), and bad UTF-8.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/text.hpp"

namespace rt::report::test {

namespace xml_detail {

inline bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}
inline bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Checks the text between markup: '&' must start a reference. Returns "" or the problem.
inline std::string check_chars(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') return "raw '<'";
    if (s[i] != '&') continue;
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) return "'&' without ';'";
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    bool ok = ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos";
    if (!ok && ref.size() >= 2 && ref[0] == '#') {
      ok = true;
      const bool hex = ref[1] == 'x';
      for (std::size_t k = hex ? 2 : 1; k < ref.size(); ++k) {
        const char c = ref[k];
        ok = ok && ((c >= '0' && c <= '9') ||
                    (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))));
      }
      ok = ok && ref.size() > (hex ? 2u : 1u);
    }
    if (!ok) return "unknown reference &" + std::string(ref) + ";";
    i = semi;
  }
  return "";
}

}  // namespace xml_detail

// "" when `xml` is well-formed (in the subset above), else what is wrong and where.
inline std::string xml_problem(std::string_view xml) {
  using namespace xml_detail;
  if (!rt::domain::is_valid_utf8(xml)) return "not UTF-8";
  std::size_t i = 0;
  if (xml.starts_with("<?xml")) {
    const std::size_t end = xml.find("?>");
    if (end == std::string_view::npos) return "unterminated declaration";
    i = end + 2;
  }
  std::vector<std::string> open;
  int roots = 0;
  while (i < xml.size()) {
    const std::size_t lt = xml.find('<', i);
    const std::string_view text = xml.substr(i, lt == std::string_view::npos ? lt : lt - i);
    if (open.empty()) {
      for (const char c : text) {
        if (!is_space(c)) return "text outside the root at " + std::to_string(i);
      }
    } else if (const auto p = check_chars(text); !p.empty()) {
      return p + " in text at " + std::to_string(i);
    }
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    const bool closing = i < xml.size() && xml[i] == '/';
    if (closing) ++i;
    if (i >= xml.size() || !is_name_start(xml[i])) return "bad tag at " + std::to_string(lt);
    const std::size_t name_start = i;
    while (i < xml.size() && is_name_char(xml[i])) ++i;
    const std::string name(xml.substr(name_start, i - name_start));
    if (closing) {
      while (i < xml.size() && is_space(xml[i])) ++i;
      if (i >= xml.size() || xml[i] != '>') return "bad end tag </" + name;
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
      }
      open.pop_back();
      ++i;
      continue;
    }
    std::set<std::string> attributes;
    for (;;) {
      const std::size_t before = i;
      while (i < xml.size() && is_space(xml[i])) ++i;
      if (i >= xml.size()) return "unterminated <" + name;
      if (xml[i] == '>' || xml.substr(i).starts_with("/>")) break;
      if (i == before || !is_name_start(xml[i])) return "bad attribute in <" + name;
      const std::size_t a = i;
      while (i < xml.size() && is_name_char(xml[i])) ++i;
      const std::string attribute(xml.substr(a, i - a));
      if (!attributes.insert(attribute).second) return "duplicate " + attribute + " in <" + name;
      if (i + 1 >= xml.size() || xml[i] != '=' || (xml[i + 1] != '"' && xml[i + 1] != '\'')) {
        return "unquoted " + attribute + " in <" + name;
      }
      const char quote = xml[i + 1];
      const std::size_t end = xml.find(quote, i + 2);
      if (end == std::string_view::npos) return "unterminated " + attribute;
      if (const auto p = check_chars(xml.substr(i + 2, end - i - 2)); !p.empty()) {
        return p + " in " + attribute + " of <" + name;
      }
      i = end + 1;
    }
    const bool empty = xml[i] == '/';
    i += empty ? 2 : 1;
    if (open.empty() && ++roots > 1) return "a second root <" + name;
    if (!empty) open.push_back(name);
  }
  if (!open.empty()) return "<" + open.back() + "> is not closed";
  if (roots != 1) return "no root element";
  return "";
}

}  // namespace rt::report::test
