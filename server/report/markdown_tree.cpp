// markdown_tree.cpp: parsing with cmark, and the neutralising walk over the tree.
#include "markdown_tree.hpp"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace rt::report {
namespace {

constexpr int parse_options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

struct free_deleter {
  void operator()(char* p) const { std::free(p); }
};

std::string take(char* rendered) {
  if (rendered == nullptr) throw std::bad_alloc();
  std::unique_ptr<char, free_deleter> owner(rendered);
  return std::string(rendered);
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_web_address(std::string_view url) {
  return starts_with_nocase(url, "http://") || starts_with_nocase(url, "https://");
}

cmark_node* new_text(std::string_view text) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  if (n == nullptr) throw std::bad_alloc();
  const std::string s(text);
  cmark_node_set_literal(n, s.c_str());
  return n;
}

std::string literal_of(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s == nullptr ? std::string() : std::string(s);
}

// A link becomes its content, then " (address)" for a web address that is not already the
// text (an autolink shows its address as its text).
void replace_link(cmark_node* link) {
  const char* u = cmark_node_get_url(link);
  const std::string url = u == nullptr ? "" : u;
  const std::string text = plain_text(link);
  while (cmark_node* child = cmark_node_first_child(link)) cmark_node_insert_before(link, child);
  if (is_web_address(url) && url != text) {
    cmark_node_insert_before(link, new_text(" (" + url + ")"));
  }
  cmark_node_free(link);
}

void replace_image(cmark_node* image) {
  const std::string alt = plain_text(image);
  if (!alt.empty()) cmark_node_insert_before(image, new_text(alt));
  cmark_node_free(image);
}

void replace_html_inline(cmark_node* html) {
  cmark_node_insert_before(html, new_text(literal_of(html)));
  cmark_node_free(html);
}

// A block of raw HTML becomes a paragraph of its lines, as text, with line breaks.
void replace_html_block(cmark_node* html) {
  std::string lit = literal_of(html);
  while (!lit.empty() && lit.back() == '\n') lit.pop_back();
  cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
  if (para == nullptr) throw std::bad_alloc();
  std::size_t start = 0;
  while (start <= lit.size()) {
    const std::size_t end = std::min(lit.find('\n', start), lit.size());
    if (start > 0) cmark_node_append_child(para, cmark_node_new(CMARK_NODE_LINEBREAK));
    cmark_node_append_child(para, new_text(std::string_view(lit).substr(start, end - start)));
    start = end + 1;
  }
  cmark_node_insert_before(html, para);
  cmark_node_free(html);
}

// A paragraph that began with an image now begins with a space, or is empty when the image
// had no alternative text: the space goes, and so does the empty paragraph.
void tidy_paragraphs(cmark_node* root) {
  std::vector<cmark_node*> paragraphs;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
      paragraphs.push_back(n);
    }
  }
  cmark_iter_free(it);
  for (cmark_node* p : paragraphs) {
    cmark_node* first = cmark_node_first_child(p);
    if (first != nullptr && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
      const std::string text = literal_of(first);
      const std::size_t start = text.find_first_not_of(' ');
      if (start == std::string::npos) {
        cmark_node_free(first);
      } else if (start > 0) {
        cmark_node_set_literal(first, text.substr(start).c_str());
      }
    }
    if (cmark_node_first_child(p) == nullptr) cmark_node_free(p);
  }
}

void neutralise(cmark_node* root, int heading_shift) {
  std::vector<cmark_node*> found;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_HTML_BLOCK:
        found.push_back(n);
        break;
      case CMARK_NODE_HEADING:
        cmark_node_set_heading_level(n,
                                     std::min(6, cmark_node_get_heading_level(n) + heading_shift));
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  // In reverse document order a node comes before its ancestors: a link inside an image (or
  // an image inside a link) is replaced first, and no pointer in `found` goes stale.
  for (auto n = found.rbegin(); n != found.rend(); ++n) {
    switch (cmark_node_get_type(*n)) {
      case CMARK_NODE_LINK:
        replace_link(*n);
        break;
      case CMARK_NODE_IMAGE:
        replace_image(*n);
        break;
      case CMARK_NODE_HTML_INLINE:
        replace_html_inline(*n);
        break;
      default:
        replace_html_block(*n);
        break;
    }
  }
  cmark_consolidate_text_nodes(root);
  tidy_paragraphs(root);
}

}  // namespace

markdown_tree::markdown_tree(std::string_view markdown, int heading_shift)
    : root_(cmark_parse_document(markdown.data(), markdown.size(), parse_options)) {
  if (root_ == nullptr) throw std::bad_alloc();
  neutralise(root_, heading_shift);
}

markdown_tree::~markdown_tree() { cmark_node_free(root_); }

std::string markdown_tree::commonmark() const {
  if (cmark_node_first_child(root_) == nullptr) return "";
  return take(cmark_render_commonmark(root_, CMARK_OPT_DEFAULT, 0));
}

std::string markdown_tree::html() const {
  return take(cmark_render_html(root_, CMARK_OPT_DEFAULT));
}

std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        out += literal_of(n);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out.push_back(' ');
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  return out;
}

}  // namespace rt::report
