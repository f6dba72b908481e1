// text.hpp: validation of user-typed text (names, titles, ideas), and UTF-8 <-> UTF-16.
//
// Pure functions; no I/O, no locale. Lengths are counted in Unicode code points, never bytes,
// so "Zoë" is 3 characters. Thread-safety: stateless.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "result.hpp"

namespace rt::domain {

// Decodes the code point starting at byte `i` of `s` into `cp`; returns its length in bytes,
// or 0 when the bytes there are not well-formed UTF-8 (`cp` is then unspecified).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);

// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Number of code points of well-formed UTF-8 `s`.
std::size_t count_code_points(std::string_view s);

// `utf8` as UTF-16 code units, the unit CodeMirror counts positions in. Precondition: valid
// UTF-8 (see is_valid_utf8); a malformed byte becomes U+FFFD rather than undefined behaviour.
std::u16string to_utf16(std::string_view utf8);

// `utf16` as UTF-8. A lone surrogate (half of a pair) becomes U+FFFD, which is also one UTF-16
// unit, so lengths in UTF-16 units are kept.
std::string to_utf8(std::u16string_view utf16);

// `s` without leading and trailing white space (ASCII white space and U+00A0).
std::string_view trim(std::string_view s);

struct text_rule {
  const char* what;        // "name", "idea", ... used in the message
  std::size_t min;         // at least this many code points after trimming
  std::size_t max;         // at most this many code points after trimming
  bool multiline = false;  // whether line breaks and tabs are allowed
};

// Checks `s` against `rule` and returns the trimmed text. Fails with code "bad_text" when the
// text is not valid UTF-8, contains control characters (other than \n and \t in multiline
// texts), or is shorter or longer than allowed; the message says which and the limit.
result<std::string> clean_text(std::string_view s, const text_rule& rule);

// Whether `cp` does not show but reorders or hides text: the bidirectional controls (U+200E,
// U+200F, U+061C, U+202A..U+202E, U+2066..U+2069) and the invisible format characters U+200B
// (zero width space), U+2060 (word joiner), U+FEFF and U+00AD (soft hyphen). Not the joiners
// U+200C and U+200D, which some scripts and emoji need.
bool is_invisible(char32_t cp);

// `s` (UTF-8; a malformed byte is kept) without the is_invisible() characters.
std::string strip_invisible(std::string_view s);

// Whether `s` (valid UTF-8) shows something: a character other than white space, the joiners
// and what strip_invisible() removes.
bool has_visible(std::string_view s);

// A person's name as typed: invisible and bidirectional controls removed (strip_invisible),
// then checked against `rule` (clean_text), and refused ("bad_text") when nothing visible is
// left.
result<std::string> clean_person_text(std::string_view s, const text_rule& rule);

// Whether a name reads as one of the app's roles, so that it could pass for staff: one of
// its words (or two-word phrases) is a role word of the app's languages ("facilitator",
// "moderator", "admin", "administrator", "organiser", "organizer", "track lead", "staff"),
// ignoring case and punctuation. "Leadbetter" or "Adminta" are names, not roles.
bool looks_like_role(std::string_view name);

}  // namespace rt::domain
