// render.hpp: the report in every export format.
//
// Each function is pure and deterministic: the same document gives byte-identical output (no
// clock, no randomness, no unordered iteration). Every text of the document is first cleaned
// (clean.hpp: invisible and direction-changing characters removed, bad UTF-8 replaced), then
// escaped for the format; Markdown written by people is parsed and its links, images and raw
// HTML turned into plain text (markdown_tree.hpp). Whatever the document holds gives a valid
// file; the only failure is running out of memory (std::bad_alloc, or std::runtime_error from
// libzip in render_docx). Thread-safety: stateless; may be called from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "document.hpp"

namespace rt::report {

// CommonMark (UTF-8, LF line ends): title block, foreword, "How this report was made", the
// contents, the chapters with their proposals, the annex.
std::string render_markdown(const document& d);

// One self-contained HTML5 file (inline CSS, no script, no external resource) with a linked
// table of contents and an A4 print style: page numbers, every proposal on a new page.
std::string render_html(const document& d);

// JSON, schema "roundtable-report/1" (docs/report-schema.md), keys in a fixed order, two-space
// indent. Markdown members hold the neutralised Markdown the report shows. render_json holds
// everything, the facilitator's data included (personal data: names of people who did not
// agree to be credited, authors of ideas, hidden ideas); render_public_json leaves the
// "facilitator" member out.
std::string render_json(const document& d);
std::string render_public_json(const document& d);

// The facilitator's CSV files (RFC 4180, CRLF line ends, a header row, formula-like cells
// neutralised by protocol::csv_line).
std::string render_csv_ideas(const document& d);
std::string render_csv_votes(const document& d);
std::string render_csv_participants(const document& d);

// A Word document (Office Open XML, .docx) as bytes: heading styles, lists, a table of
// contents field that Word fills on opening, each proposal on a new page, page numbers.
// The ZIP entries carry a fixed date, so the same document gives the same bytes.
std::string render_docx(const document& d);
// A ZIP file of these (name, bytes) entries, deflated, with a fixed date on every entry so
// the same parts give the same bytes. Throws std::runtime_error when libzip fails.
std::string zip_package(const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace rt::report
