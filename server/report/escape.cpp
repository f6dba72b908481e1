// escape.cpp: the per-format escaping of plain text.
#include "escape.hpp"

namespace rt::report {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `s` with its white space runs made single spaces, and trimmed.
std::string one_line(std::string_view s) {
  std::string out;
  bool pending = false;
  for (const char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string markdown_inline(std::string_view s) {
  const std::string line = one_line(s);
  std::size_t digits = 0;
  while (digits < line.size() && is_digit(line[digits])) ++digits;
  std::string out;
  out.reserve(line.size() + 8);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    bool escape = false;
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '#':
      case '!':
      case '|':
      case '~':
      case '&':
        escape = true;
        break;
      case '-':
      case '+':
      case '=':
        escape = i == 0;
        break;
      case '.':
      case ')':
        escape = i > 0 && i == digits;
        break;
      default:
        break;
    }
    if (escape) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

namespace {

// `s` with &, <, > and " as entities, and ' too when `apostrophe`.
std::string escape_markup(std::string_view s, bool apostrophe) {
  std::string out;
  out.reserve(s.size() + 16);
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        if (apostrophe) {
          out += "&#39;";
          break;
        }
        [[fallthrough]];
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view s) { return escape_markup(s, true); }

std::string xml_escape(std::string_view s) { return escape_markup(s, false); }

}  // namespace rt::report
