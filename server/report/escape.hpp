// escape.hpp: plain text made literal in each output format.
//
// Plain text (titles, names, idea texts) must print as typed: never as a link, an image, a
// tag or a list. Each format has one function here; the renderers pass every plain text
// through it after cleaning (clean.hpp). Pure functions. Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>

namespace rt::report {

// `s` as one line of CommonMark inline text that renders exactly as `s` (white space runs,
// line breaks included, become one space): every character that could start markup is
// backslash-escaped (\ ` * _ [ ] < > # ! | ~ &), and so is what would start a block at the
// start of a line (- + = and the "." or ")" after leading digits).
std::string markdown_inline(std::string_view s);

// `s` with & < > " ' replaced by character references: safe in HTML text and attributes.
std::string html_escape(std::string_view s);

// `s` with & < > " replaced by entity references: safe in XML text and attribute values.
// `s` must be cleaned text (clean_user_text), so that it has no character XML forbids.
std::string xml_escape(std::string_view s);

}  // namespace rt::report
