// text.cpp: UTF-8 validation, UTF-8 <-> UTF-16, and the text rules of text.hpp.
#include "text.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <cstdint>

namespace rt::domain {
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len;
  char32_t min;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else
    return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const std::size_t n = decode_utf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::u16string to_utf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp;
    std::size_t n = decode_utf8(utf8, i, cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    i += n;
    if (cp < 0x10000) {
      out += static_cast<char16_t>(cp);
    } else {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    }
  }
  return out;
}

std::string to_utf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (std::size_t i = 0; i < utf16.size(); ++i) {
    char32_t cp = utf16[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 &&
        utf16[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view trim(std::string_view s) {
  auto is_space_at_front = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    const char c = v.front();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (v.size() >= 2 && v[0] == '\xC2' && v[1] == '\xA0') return 2;
    return 0;
  };
  auto is_space_at_back = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    const char c = v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (v.size() >= 2 && v[v.size() - 2] == '\xC2' && v.back() == '\xA0') return 2;
    return 0;
  };
  while (std::size_t n = is_space_at_front(s)) s.remove_prefix(n);
  while (std::size_t n = is_space_at_back(s)) s.remove_suffix(n);
  return s;
}

result<std::string> clean_text(std::string_view s, const text_rule& rule) {
  const std::string what = rule.what;
  if (!is_valid_utf8(s)) return make_error(errc::bad_text, "The " + what + " is not valid UTF-8.");
  const std::string_view t = trim(s);
  for (const char c : t) {
    const auto u = static_cast<unsigned char>(c);
    const bool allowed_ws = rule.multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((u < 0x20 && !allowed_ws) || u == 0x7F) {
      return make_error(errc::bad_text, "The " + what + " contains a control character.");
    }
  }
  const std::size_t n = count_code_points(t);
  if (n < rule.min) {
    return make_error(errc::bad_text, rule.min == 1
                                          ? "The " + what + " is empty."
                                          : "The " + what + " is shorter than " +
                                                std::to_string(rule.min) + " characters.");
  }
  if (n > rule.max) {
    return make_error(errc::bad_text, "The " + what + " is longer than " +
                                          std::to_string(rule.max) + " characters.");
  }
  return std::string(t);
}

bool is_invisible(char32_t cp) {
  return cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0x2060 ||
         cp == 0xFEFF || cp == 0x00AD || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

bool blank(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x00A0 || cp == 0x200C ||
         cp == 0x200D || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x1680;
}

}  // namespace

std::string strip_invisible(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = std::max<std::size_t>(1, decode_utf8(s, i, cp));  // a bad byte: kept
    if (!is_invisible(cp)) out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

bool has_visible(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    i += std::max<std::size_t>(1, decode_utf8(s, i, cp));
    if (!is_invisible(cp) && !blank(cp)) return true;
  }
  return false;
}

result<std::string> clean_person_text(std::string_view s, const text_rule& rule) {
  auto clean = clean_text(strip_invisible(s), rule);  // refuses malformed UTF-8
  if (!clean) return clean;
  if (rule.min > 0 && !has_visible(clean.value())) {
    return make_error(errc::bad_text, std::string("The ") + rule.what +
                                          " shows nothing: only spaces or invisible characters.");
  }
  return clean;
}

bool looks_like_role(std::string_view name) {
  // Lower-case ASCII words; any other character separates words (names in other scripts
  // have no role word of the app's languages in them).
  std::vector<std::string> words(1);
  for (const char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      words.back().push_back(static_cast<char>(c | 0x20));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  static const std::array<std::string_view, 7> roles{
      "facilitator", "moderator", "admin", "administrator", "organiser", "organizer", "staff"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (std::find(roles.begin(), roles.end(), words[i]) != roles.end()) return true;
    if (words[i] == "track" && i + 1 < words.size() && words[i + 1] == "lead") return true;
  }
  return false;
}

}  // namespace rt::domain
