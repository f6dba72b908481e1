// markdown_tree.hpp: people's Markdown, parsed by cmark and made harmless.
//
// A markdown_tree owns one cmark document tree. On construction the text is parsed
// (CommonMark) and neutralised, so that nothing a participant wrote can point a reader
// elsewhere or run in a browser or word processor:
//   - a link becomes its text; when its address is http(s) and differs from the text, the
//     address follows in parentheses as plain text: "[EU](https://europa.eu)" reads
//     "EU (https://europa.eu)"; "[x](javascript:alert(1))" reads "x";
//   - an image becomes its alternative text (nothing when it has none);
//   - raw HTML, inline or block, becomes text that shows the tags;
//   - autolinks and reference links are links and are treated the same.
// Headings are moved `heading_shift` levels down (at most level 6), so that people's headings
// sit below the report's own.
//
// Thread-safety: one tree is used by one thread at a time; distinct trees are independent.
#pragma once

#include <string>
#include <string_view>

struct cmark_node;

namespace rt::report {

class markdown_tree {
 public:
  // Parses `markdown` (cleaned UTF-8 text). Throws std::bad_alloc when cmark runs out of
  // memory; any text parses.
  markdown_tree(std::string_view markdown, int heading_shift);
  ~markdown_tree();
  markdown_tree(const markdown_tree&) = delete;
  markdown_tree& operator=(const markdown_tree&) = delete;

  // The document node; owned by this tree, valid while it lives.
  cmark_node* root() const { return root_; }

  // The tree as CommonMark (LF line ends, no wrapping, ends with a line feed unless empty).
  std::string commonmark() const;

  // The tree as an HTML fragment, rendered in cmark's safe mode (raw HTML and unsafe
  // addresses dropped, though neutralising has already removed them).
  std::string html() const;

 private:
  cmark_node* root_ = nullptr;  // owned
};

// The text of `node` and everything below it, without markup: text and code as written,
// line breaks as spaces. Used for an image's alternative text.
std::string plain_text(cmark_node* node);

}  // namespace rt::report
