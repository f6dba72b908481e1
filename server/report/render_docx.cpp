// render_docx.cpp: the report as a Word document (Office Open XML), zipped by libzip in memory.
//
// The package: [Content_Types].xml, _rels/.rels, word/document.xml with its relationships,
// styles, numbering (bullets, and one numbering per ordered list so each restarts), settings
// (updateFields, so Word fills the table of contents on opening), a footer with the page
// number, and docProps/core.xml. Headings use Word's built-in heading styles: Heading1 for the
// report's parts and chapters, Heading2 for proposals, Heading3 for their sections, Heading4
// for people's own headings (kept out of the table of contents). Element order inside pPr,
// rPr, style, lvl and sectPr follows the schema, which Word enforces.
#include <cmark.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clean.hpp"
#include "escape.hpp"
#include "markdown_tree.hpp"
#include "render.hpp"
#include "wording.hpp"

namespace rt::report {
namespace {

constexpr std::string_view xml_declaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view ns_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view ns_r =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view toc_instruction = " TOC \\o \"1-2\" \\h \\z \\u ";
constexpr int max_list_level = 8;  // Word's levels are 0..8
constexpr int indent_step = 720;   // twips (half an inch) per list level

struct run_format {
  bool bold = false;
  bool italic = false;
  bool code = false;
};

struct paragraph_format {
  std::string_view style;  // "" for Normal
  bool page_break_before = false;
  int num_id = 0;     // 0: not a list item
  int level = 0;      // the list level, with num_id
  int indent = 0;     // left indent in twips when not numbered
  bool rule = false;  // a line under it (a thematic break)
};

// document.xml's body, written paragraph by paragraph, with the headings seen (for the table
// of contents) and the ordered lists opened (for numbering.xml).
class body_writer {
 public:
  void open(const paragraph_format& p) {
    xml_ += "<w:p>";
    std::string props;
    if (!p.style.empty()) props += "<w:pStyle w:val=\"" + std::string(p.style) + "\"/>";
    if (p.page_break_before) props += "<w:pageBreakBefore/>";
    if (p.num_id != 0) {
      props += "<w:numPr><w:ilvl w:val=\"" + std::to_string(p.level) + "\"/><w:numId w:val=\"" +
               std::to_string(p.num_id) + "\"/></w:numPr>";
    }
    if (p.rule) {
      props +=
          "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/>"
          "</w:pBdr>";
    }
    if (p.num_id == 0 && p.indent > 0) {
      props += "<w:ind w:left=\"" + std::to_string(p.indent) + "\"/>";
    }
    if (!props.empty()) xml_ += "<w:pPr>" + props + "</w:pPr>";
  }

  void close() { xml_ += "</w:p>\n"; }

  // A run of cleaned text: line feeds become line breaks, tabs tabs.
  void text(std::string_view s, run_format f = {}) {
    if (s.empty()) return;
    xml_ += "<w:r>";
    if (f.code || f.bold || f.italic) {
      xml_ += "<w:rPr>";
      if (f.code) xml_ += "<w:rStyle w:val=\"CodeChar\"/>";
      if (f.bold) xml_ += "<w:b/>";
      if (f.italic) xml_ += "<w:i/>";
      xml_ += "</w:rPr>";
    }
    std::size_t start = 0;
    while (start < s.size()) {
      const std::size_t end = s.find_first_of("\n\t", start);
      const std::string_view piece =
          s.substr(start, end == std::string_view::npos ? end : end - start);
      if (!piece.empty()) xml_ += "<w:t xml:space=\"preserve\">" + xml_escape(piece) + "</w:t>";
      if (end == std::string_view::npos) break;
      xml_ += s[end] == '\n' ? "<w:br/>" : "<w:tab/>";
      start = end + 1;
    }
    xml_ += "</w:r>";
  }

  void line_break() { xml_ += "<w:r><w:br/></w:r>"; }

  void paragraph(const paragraph_format& p, std::string_view s, run_format f = {}) {
    open(p);
    text(s, f);
    close();
  }

  // A paragraph "Label: text", the label (with its colon, wording.hpp with_colon) in bold.
  void labelled(const paragraph_format& p, std::string_view label, std::string_view s) {
    open(p);
    text(std::string(label) + " ", {.bold = true});
    text(s);
    close();
  }

  // A heading of level 1..3 (Heading1..Heading3), listed in the table of contents.
  void heading(int level, std::string_view s, bool page_break_before = false) {
    const std::string style = "Heading" + std::to_string(level);
    paragraph({.style = style, .page_break_before = page_break_before}, s);
    headings_.emplace_back(level, std::string(s));
  }

  // A new ordered list at `level` counting from `start`; returns its numbering id.
  int ordered_list(int level, int start) {
    ordered_.emplace_back(level, start);
    return static_cast<int>(ordered_.size()) + 1;  // 1 is the bullets
  }

  const std::string& xml() const { return xml_; }
  const std::vector<std::pair<int, std::string>>& headings() const { return headings_; }
  const std::vector<std::pair<int, int>>& ordered() const { return ordered_; }

 private:
  std::string xml_;
  std::vector<std::pair<int, std::string>> headings_;  // level, text
  std::vector<std::pair<int, int>> ordered_;           // level, start; numId = index + 2
};

constexpr int bullets = 1;  // the numbering id of every bulleted list

// A paragraph of a bulleted list outside people's Markdown.
paragraph_format bullet_item(int level = 0) {
  paragraph_format p;
  p.num_id = bullets;
  p.level = level;
  return p;
}

// Writes people's Markdown (a neutralised cmark tree) as paragraphs.
class markdown_writer {
 public:
  explicit markdown_writer(body_writer& out) : out_(out) {}

  void write(const std::string& markdown) {
    const markdown_tree tree(markdown, 0);
    context ctx;
    for (cmark_node* n = cmark_node_first_child(tree.root()); n; n = cmark_node_next(n)) {
      block(n, ctx);
    }
  }

 private:
  struct context {
    int level = -1;      // list level; -1 outside lists
    int num_id = 0;      // the innermost list's numbering
    bool first = false;  // the next paragraph is the first of a list item: it gets the number
    bool quote = false;
  };

  paragraph_format format(context& ctx, std::string_view style) {
    paragraph_format p{.style = ctx.quote ? std::string_view("Quote") : style};
    if (ctx.level >= 0) {
      if (ctx.first) {
        p.num_id = ctx.num_id;
        p.level = ctx.level;
        ctx.first = false;
      } else {
        p.indent = indent_step * (ctx.level + 1);
      }
      if (p.style.empty()) p.style = "ListParagraph";
    }
    return p;
  }

  void block(cmark_node* n, context& ctx) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH:
        out_.open(format(ctx, ""));
        inlines(n, {});
        out_.close();
        break;
      case CMARK_NODE_HEADING:
        out_.open(format(ctx, "Heading4"));
        inlines(n, {});
        out_.close();
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: {  // no raw HTML is left after neutralising; shown as code
        std::string code = literal(n);
        while (!code.empty() && code.back() == '\n') code.pop_back();
        out_.paragraph(format(ctx, "Code"), code);
        break;
      }
      case CMARK_NODE_THEMATIC_BREAK: {
        paragraph_format p = format(ctx, "");
        p.rule = true;
        out_.open(p);
        out_.close();
        break;
      }
      case CMARK_NODE_BLOCK_QUOTE: {
        context inner = ctx;
        inner.quote = true;
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) block(c, inner);
        ctx.first = inner.first;
        break;
      }
      case CMARK_NODE_LIST: {
        const int level = std::min(ctx.level + 1, max_list_level);
        const int num_id = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST
                               ? out_.ordered_list(level, cmark_node_get_list_start(n))
                               : bullets;
        for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
          context inner{.level = level, .num_id = num_id, .first = true, .quote = ctx.quote};
          for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
            block(c, inner);
          }
          if (inner.first) {  // an empty item still shows its bullet or number
            out_.open(format(inner, ""));
            out_.close();
          }
        }
        ctx.first = false;
        break;
      }
      default:
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) block(c, ctx);
        break;
    }
  }

  void inlines(cmark_node* parent, run_format f) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
          out_.text(literal(n), f);
          break;
        case CMARK_NODE_CODE: {
          run_format code = f;
          code.code = true;
          out_.text(literal(n), code);
          break;
        }
        case CMARK_NODE_SOFTBREAK:
          out_.text(" ", f);
          break;
        case CMARK_NODE_LINEBREAK:
          out_.line_break();
          break;
        case CMARK_NODE_EMPH: {
          run_format inner = f;
          inner.italic = true;
          inlines(n, inner);
          break;
        }
        case CMARK_NODE_STRONG: {
          run_format inner = f;
          inner.bold = true;
          inlines(n, inner);
          break;
        }
        default:  // links and images are gone after neutralising; their text would be here
          inlines(n, f);
          break;
      }
    }
  }

  static std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s == nullptr ? std::string() : std::string(s);
  }

  body_writer& out_;
};

// ---- the document's content ----

void method_part(body_writer& b, const words& w, const document& d) {
  b.heading(1, w.text("heading.method"), true);
  markdown_writer(b).write(d.method);
  b.heading(2, w.text("heading.facts"));
  const auto as_is = [](std::string_view s) { return std::string(s); };
  for (const auto& line : fact_lines(w, d.facts, as_is)) {
    b.labelled(bullet_item(), with_colon(w, line.label), line.text);
  }
  if (!d.facts.tracks.empty()) {
    b.labelled(bullet_item(), with_colon(w, w.text("label.tracks")),
               w.number(static_cast<long long>(d.facts.tracks.size())));
    for (const auto& t : d.facts.tracks) {
      b.open(bullet_item(1));
      b.text(t.name, {.bold = true});
      if (!t.description.empty()) b.text(": " + t.description);
      b.close();
    }
  }
  b.paragraph({}, w.text("consensus_note"));
}

void proposal_part(body_writer& b, const words& w, const proposal& p) {
  const auto as_is = [](std::string_view s) { return std::string(s); };
  b.heading(2, proposal_heading(w, p, as_is), true);
  if (!p.summary.empty()) b.paragraph({.style = "Summary"}, p.summary);
  if (!p.track.empty()) b.labelled({}, with_colon(w, w.text("label.track")), p.track);
  for (const auto& s : p.sections) {
    b.heading(3, s.heading);
    markdown_writer(b).write(s.markdown);
  }
  if (p.vote) {
    b.labelled({}, with_colon(w, w.text("label.final_vote")), vote_sentence(w, *p.vote));
    const std::string groups = groups_sentence(w, *p.vote, as_is);
    if (!groups.empty()) b.labelled({}, with_colon(w, w.text("label.by_group")), groups);
  }
  const std::string team = team_sentence(w, p, as_is);
  if (!team.empty()) b.labelled({}, with_colon(w, w.text("label.team")), team);
  if (!p.source_ideas.empty()) {
    b.heading(3, w.text("heading.source_ideas"));
    for (const auto& i : p.source_ideas) b.paragraph(bullet_item(), i);
  }
}

void annex_part(body_writer& b, const words& w, const std::vector<annex_track>& tracks) {
  if (tracks.empty()) return;
  b.heading(1, w.text("heading.annex"), true);
  for (const auto& t : tracks) {
    b.heading(2, t.track);
    for (const auto& i : t.ideas) {
      b.open(bullet_item());
      b.text(i.text);
      b.text(" (" + annex_idea_note(w, i) + ")", {.italic = true});
      b.close();
    }
  }
}

// The table of contents: a TOC field whose current result lists the headings without page
// numbers, so that readers that do not update fields still show the contents.
std::string contents_part(const words& w, const body_writer& body) {
  body_writer b;
  b.paragraph({.style = "TOCHeading", .page_break_before = true}, w.text("heading.contents"));
  std::string xml = b.xml();
  xml += "<w:p><w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>";
  xml += "<w:r><w:instrText xml:space=\"preserve\">" + xml_escape(toc_instruction) +
         "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
  xml += "<w:r><w:rPr><w:i/></w:rPr><w:t>" + xml_escape(w.text("docx.toc_placeholder")) +
         "</w:t></w:r></w:p>\n";
  for (const auto& [level, text] : body.headings()) {
    if (level > 2) continue;  // chapters and proposals, as the field lists them
    xml += "<w:p><w:pPr><w:pStyle w:val=\"TOC" + std::to_string(level) +
           "\"/></w:pPr><w:r><w:t xml:space=\"preserve\">" + xml_escape(text) +
           "</w:t></w:r></w:p>\n";
  }
  xml += "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\n";
  return xml;
}

std::string document_xml(const words& w, const document& d, body_writer& body) {
  body_writer front;
  front.paragraph({.style = "Title"}, d.title);
  if (!d.subtitle.empty()) front.paragraph({.style = "Subtitle"}, d.subtitle);
  if (!d.date.empty()) front.paragraph({.style = "Date"}, d.date);
  if (!d.updated.empty()) front.paragraph({.style = "Date"}, d.updated);

  if (!d.foreword.empty()) {
    body.heading(1, w.text("heading.foreword"), true);
    markdown_writer(body).write(d.foreword);
  }
  method_part(body, w, d);
  for (const auto& ch : d.chapters) {
    body.heading(1, ch.title, true);
    markdown_writer(body).write(ch.introduction);
    for (const auto& p : ch.proposals) proposal_part(body, w, p);
  }
  annex_part(body, w, d.annex);

  std::string xml(xml_declaration);
  xml += "<w:document xmlns:w=\"" + std::string(ns_w) + "\" xmlns:r=\"" + std::string(ns_r) +
         "\"><w:body>\n";
  xml += front.xml();
  xml += contents_part(w, body);
  xml += body.xml();
  // A4, 2 cm margins; the first page (the title page) has no page number.
  xml +=
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
      "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
      "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
      "<w:titlePg/></w:sectPr>\n</w:body></w:document>\n";
  return xml;
}

// ---- the package's fixed parts ----

std::string content_types_xml() {
  std::string xml(xml_declaration);
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  xml +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"" +
      wml +
      "document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"" +
      wml +
      "styles+xml\"/>"
      "<Override PartName=\"/word/numbering.xml\" ContentType=\"" +
      wml +
      "numbering+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" ContentType=\"" +
      wml +
      "settings+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" ContentType=\"" +
      wml +
      "footer+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>\n";
  return xml;
}

std::string package_rels_xml() {
  std::string xml(xml_declaration);
  xml +=
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
      "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
      "</Relationships>\n";
  return xml;
}

std::string document_rels_xml() {
  struct relationship {
    const char* id;
    const char* type;
    const char* target;
  };
  static constexpr relationship relationships[] = {{"rIdStyles", "styles", "styles.xml"},
                                                   {"rIdNumbering", "numbering", "numbering.xml"},
                                                   {"rIdSettings", "settings", "settings.xml"},
                                                   {"rIdFooter", "footer", "footer1.xml"}};
  std::string xml(xml_declaration);
  xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const auto& r : relationships) {
    xml += std::string("<Relationship Id=\"") + r.id +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
           r.type + "\" Target=\"" + r.target + "\"/>";
  }
  xml += "</Relationships>\n";
  return xml;
}

std::string settings_xml() {
  std::string xml(xml_declaration);
  xml += "<w:settings xmlns:w=\"" + std::string(ns_w) +
         "\">"
         "<w:defaultTabStop w:val=\"720\"/>"
         "<w:updateFields w:val=\"true\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>\n";
  return xml;
}

std::string footer_xml() {
  std::string xml(xml_declaration);
  xml += "<w:ftr xmlns:w=\"" + std::string(ns_w) +
         "\"><w:p><w:pPr><w:jc w:val=\"center\"/>"
         "</w:pPr><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"
         "</w:ftr>\n";
  return xml;
}

std::string core_xml(const document& d) {
  std::string xml(xml_declaration);
  xml +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  xml += "<dc:title>" + xml_escape(d.title) + "</dc:title>";
  if (!d.subtitle.empty()) xml += "<dc:subject>" + xml_escape(d.subtitle) + "</dc:subject>";
  xml += "<dc:creator>Roundtable</dc:creator>";
  if (!d.language.empty()) xml += "<dc:language>" + xml_escape(d.language) + "</dc:language>";
  xml += "</cp:coreProperties>\n";
  return xml;
}

std::string paragraph_style(std::string_view id, std::string_view name, std::string_view ppr,
                            std::string_view rpr, std::string_view next = "Normal") {
  std::string xml = "<w:style w:type=\"paragraph\" w:styleId=\"" + std::string(id) + "\">";
  xml += "<w:name w:val=\"" + std::string(name) + "\"/><w:basedOn w:val=\"Normal\"/>";
  if (!next.empty()) xml += "<w:next w:val=\"" + std::string(next) + "\"/>";
  xml += "<w:qFormat/>";
  if (!ppr.empty()) xml += "<w:pPr>" + std::string(ppr) + "</w:pPr>";
  if (!rpr.empty()) xml += "<w:rPr>" + std::string(rpr) + "</w:rPr>";
  return xml + "</w:style>";
}

std::string styles_xml(const document& d) {
  const std::string lang = d.language.empty() ? "en" : xml_escape(d.language);
  std::string xml(xml_declaration);
  xml += "<w:styles xmlns:w=\"" + std::string(ns_w) + "\">";
  xml +=
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "
      "w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
      "<w:lang w:val=\"" +
      lang +
      "\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
      "<w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
      "</w:docDefaults>";
  xml +=
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
      "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
  const std::string heading_rpr =
      "<w:rFonts w:ascii=\"Calibri Light\" w:hAnsi=\"Calibri Light\"/>"
      "<w:b/><w:color w:val=\"1F4E79\"/>";
  xml += paragraph_style("Title", "Title", "<w:spacing w:before=\"3600\" w:after=\"240\"/>",
                         heading_rpr + "<w:sz w:val=\"56\"/><w:szCs w:val=\"56\"/>");
  xml += paragraph_style("Subtitle", "Subtitle", "<w:spacing w:after=\"240\"/>",
                         "<w:color w:val=\"404040\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>");
  xml += paragraph_style("Date", "Date", "",
                         "<w:color w:val=\"595959\"/><w:sz w:val=\"24\"/>"
                         "<w:szCs w:val=\"24\"/>");
  const int heading_sizes[] = {36, 30, 26, 23};
  for (int level = 1; level <= 4; ++level) {
    const std::string size = std::to_string(heading_sizes[level - 1]);
    xml += paragraph_style(
        "Heading" + std::to_string(level), "heading " + std::to_string(level),
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"" +
            std::string(level == 1 ? "0" : "240") + "\" w:after=\"120\"/><w:outlineLvl w:val=\"" +
            std::to_string(level - 1) + "\"/>",
        heading_rpr + "<w:sz w:val=\"" + size + "\"/><w:szCs w:val=\"" + size + "\"/>");
  }
  xml += paragraph_style("TOCHeading", "TOC Heading", "<w:keepNext/><w:spacing w:after=\"240\"/>",
                         heading_rpr + "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>");
  for (int level = 1; level <= 3; ++level) {
    xml += paragraph_style(
        "TOC" + std::to_string(level), "toc " + std::to_string(level),
        "<w:spacing w:after=\"60\"/><w:ind w:left=\"" + std::to_string((level - 1) * 440) + "\"/>",
        level == 1 ? "<w:b/>" : "");
  }
  xml += paragraph_style("Summary", "Summary", "<w:spacing w:after=\"200\"/>",
                         "<w:i/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>");
  xml += paragraph_style("ListParagraph", "List Paragraph", "<w:spacing w:after=\"60\"/>", "", "");
  xml += paragraph_style("Quote", "Quote", "<w:ind w:left=\"567\"/>",
                         "<w:i/><w:color w:val=\"404040\"/>");
  xml += paragraph_style("Code", "Code",
                         "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F5F7\"/>"
                         "<w:spacing w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>",
                         "<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>"
                         "<w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>",
                         "");
  xml +=
      "<w:style w:type=\"character\" w:styleId=\"CodeChar\"><w:name w:val=\"Code Char\"/>"
      "<w:rPr><w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/>"
      "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>";
  xml += "</w:styles>\n";
  return xml;
}

std::string numbering_xml(const body_writer& body) {
  static constexpr std::string_view bullet_marks[] = {"\u2022", "\u25E6", "\u25AA"};
  std::string xml(xml_declaration);
  xml += "<w:numbering xmlns:w=\"" + std::string(ns_w) + "\">";
  for (int abstract = 0; abstract < 2; ++abstract) {
    xml += "<w:abstractNum w:abstractNumId=\"" + std::to_string(abstract) +
           "\"><w:multiLevelType w:val=\"hybridMultilevel\"/>";
    for (int level = 0; level <= max_list_level; ++level) {
      // "%1." numbers level 0, "%2." level 1, ...
      const std::string text = abstract == 0
                                   ? std::string(bullet_marks[level % 3])
                                   : std::string(1, '%') + std::to_string(level + 1) + '.';
      const std::string format = abstract == 0 ? "bullet" : "decimal";
      const std::string indent = std::to_string(indent_step * (level + 1));
      xml += "<w:lvl w:ilvl=\"" + std::to_string(level) + "\"><w:start w:val=\"1\"/>";
      xml += "<w:numFmt w:val=\"" + format + "\"/><w:lvlText w:val=\"" + text + "\"/>";
      xml += "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"" + indent +
             "\" w:hanging=\"360\"/></w:pPr></w:lvl>";
    }
    xml += "</w:abstractNum>";
  }
  xml += "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
  int num_id = 2;
  for (const auto& [level, start] : body.ordered()) {
    xml += "<w:num w:numId=\"" + std::to_string(num_id++) +
           "\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"" + std::to_string(level) +
           "\"><w:startOverride w:val=\"" + std::to_string(start) + "\"/></w:lvlOverride></w:num>";
  }
  xml += "</w:numbering>\n";
  return xml;
}

}  // namespace

std::string render_docx(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  body_writer body;
  std::string document_part = document_xml(w, d, body);
  // [Content_Types].xml first, as readers that stream the package expect.
  const std::vector<std::pair<std::string, std::string>> parts{
      {"[Content_Types].xml", content_types_xml()},
      {"_rels/.rels", package_rels_xml()},
      {"word/document.xml", std::move(document_part)},
      {"word/_rels/document.xml.rels", document_rels_xml()},
      {"word/styles.xml", styles_xml(d)},
      {"word/numbering.xml", numbering_xml(body)},
      {"word/settings.xml", settings_xml()},
      {"word/footer1.xml", footer_xml()},
      {"docProps/core.xml", core_xml(d)},
  };
  return zip_package(parts);
}

}  // namespace rt::report
