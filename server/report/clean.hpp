// clean.hpp: the one cleaning step every text of the report passes before any format.
//
// People's text may carry characters that do not show but change what a reader sees: zero
// width spaces and joiners, and the bidirectional controls that reverse a line ("Trojan
// Source"). They are removed from every text in every format by clean_user_text(); the
// renderers call clean_document() first and escape afterwards. Pure functions.
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include "document.hpp"

namespace rt::report {

// `s` fit for any output format:
//   - the invisible and direction-changing characters are removed: U+200B..U+200F (zero width
//     space, joiners, marks), U+202A..U+202E (embeddings, overrides), U+2066..U+2069
//     (isolates), U+FEFF (byte-order mark, zero width no-break space), U+061C (Arabic mark),
//     U+2060 (word joiner), U+00AD (soft hyphen): domain::is_invisible() and the joiners;
//   - control characters other than tab and line feed are removed (C0, DEL, C1); CR LF and a
//     lone CR become LF;
//   - the noncharacters U+FFFE and U+FFFF (not allowed in XML) are removed;
//   - bytes that are not well-formed UTF-8 become U+FFFD, one per bad byte.
// Everything else is kept as it is.
std::string clean_user_text(std::string_view s);

// A copy of `d` with clean_user_text() applied to every string in it.
document clean_document(const document& d);

}  // namespace rt::report
