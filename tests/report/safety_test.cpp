// Tests that nothing people type can act in any export: HTML and scripts, Markdown links,
// images, autolinks and reference links, text that would become Markdown structure, spreadsheet
// formulas, and invisible or direction-changing characters.
#include <cmark.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "catch.hpp"

#include "docx_reader.hpp"
#include "protocol/csv.hpp"
#include "report/markdown_tree.hpp"
#include "report/render.hpp"
#include "sample_document.hpp"
#include "xml_check.hpp"

using namespace rt::report;
using namespace rt::report::test;

namespace {

constexpr const char* hostile_markdown =
    R"md(Click [here](javascript:alert(1)) or [there](http://example.org/a "t").

![](http://evil.example/x.png) and ![tracking pixel](https://evil.example/p.gif)

An autolink <http://evil.example/auto> and <javascript:alert(2)> and <mail@example.org>.

A [reference link][r] too.

[r]: javascript:alert(3)

<script>alert(4)</script>

Inline <b onmouseover="alert(5)">bold</b> HTML and <!-- a comment -->.

[![nested](http://evil.example/i.png)](http://evil.example/l)
)md";

document hostile_document() {
  document d = sample_document();
  d.language = "en\" onload=\"alert(1)";
  d.title = "<script>alert('t')</script> Report & <b>more</b>";
  d.subtitle = "[click](javascript:alert(1))";
  d.date = "![x](http://evil.example/x.png)";
  d.foreword =
      "<div onclick=\"alert(1)\">raw block</div>\n\nText with <img src=x onerror=alert(1)> "
      "inline.";
  d.method = hostile_markdown;
  d.chapters[0].introduction = hostile_markdown;
  auto& p = d.chapters[0].proposals[0];
  p.title = "<img src=x onerror=alert(1)>";
  p.summary = "# not a heading [x](javascript:alert(1))";
  p.track = "<a href=\"javascript:alert(1)\">track</a>";
  p.sections[1].heading = "<h1>Heading</h1>";
  p.sections[1].markdown = hostile_markdown;
  p.team = {{"<script>alert(6)</script>", "[Org](javascript:alert(7))"}};
  p.source_ideas = {"<iframe src=\"http://evil.example\"></iframe>", "- item\n# heading"};
  d.annex[0].track = "**bold** track";
  d.annex[0].ideas[0].text = "- not a list item";
  d.annex[0].ideas[1].text = "1. not a numbered item";
  d.annex[0].ideas[2].text = "<http://evil.example/auto>";
  d.facts.tracks[0].description = "<style>body{display:none}</style>";
  d.facilitator.ideas[0].text = "=HYPERLINK(\"http://evil.example\",\"click\")";
  d.facilitator.ideas[1].text = "+1+1";
  d.facilitator.ideas[2].author = "-2+3";
  d.facilitator.ideas[3].text = "@SUM(A1:A9)";
  d.facilitator.ideas[4].text = "\u200B=1+1";  // an invisible character does not hide a formula
  d.facilitator.participants[0].name = "=cmd|' /C calc'!A0";
  d.facilitator.participants[1].organisation = "@evil";
  d.facilitator.votes[0].item_label = "-1";
  d.facilitator.votes[0].round_title = "\u202E+2";
  return d;
}

struct markdown_census {
  std::set<cmark_node_type> types;
  std::vector<std::string> headings;    // plain text of each heading
  std::vector<std::string> paragraphs;  // plain text of each paragraph
};

// What cmark, parsing `markdown` as it is (no neutralising), finds in it.
markdown_census census(const std::string& markdown) {
  markdown_census c;
  cmark_node* doc = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    c.types.insert(cmark_node_get_type(n));
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) c.headings.push_back(plain_text(n));
    if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) c.paragraphs.push_back(plain_text(n));
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  return c;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

void check_no_active_markdown(const std::string& markdown) {
  const auto c = census(markdown);
  CHECK_FALSE(c.types.contains(CMARK_NODE_LINK));
  CHECK_FALSE(c.types.contains(CMARK_NODE_IMAGE));
  CHECK_FALSE(c.types.contains(CMARK_NODE_HTML_BLOCK));
  CHECK_FALSE(c.types.contains(CMARK_NODE_HTML_INLINE));
}

}  // namespace

TEST_CASE("Markdown export: people's text cannot make links, images, HTML or structure") {
  const std::string md = render_markdown(hostile_document());
  check_no_active_markdown(md);
  const auto c = census(md);
  CHECK(has(c.headings, "<script>alert('t')</script> Report & <b>more</b>"));
  CHECK(has(c.headings, "Proposal 1: <img src=x onerror=alert(1)>"));
  CHECK(has(c.headings, "<h1>Heading</h1>"));
  CHECK(has(c.headings, "**bold** track"));
  CHECK(has(c.paragraphs, "[click](javascript:alert(1))"));
  CHECK(has(c.paragraphs, "![x](http://evil.example/x.png)"));
  CHECK(has(c.paragraphs, "# not a heading [x](javascript:alert(1))"));
  CHECK(has(c.paragraphs,
            "Team: <script>alert(6)</script> ([Org](javascript:alert(7))) and 2 others"));
  CHECK(has(c.paragraphs, "- not a list item (24 votes)"));
  CHECK(has(c.paragraphs, "1. not a numbered item (0 votes; merged into another idea)"));
  CHECK(has(c.paragraphs, "- item # heading"));
  // People's Markdown keeps its text; only web addresses are shown, as text.
  CHECK(has(c.paragraphs, "Click here or there (http://example.org/a)."));
  CHECK(has(c.paragraphs, "and tracking pixel"));
  CHECK(has(c.paragraphs, "<script>alert(4)</script>"));
  CHECK(has(c.paragraphs, "nested (http://evil.example/l)"));
  CHECK_FALSE(contains(md, "x.png) and"));  // an image's address is dropped...
  CHECK_FALSE(contains(md, "p.gif"));
  CHECK_FALSE(contains(md, "alert(3)"));  // ...and a reference definition with it
}

TEST_CASE("HTML export: only the report's own tags and attributes, links only to anchors") {
  const std::string html = render_html(hostile_document());
  const std::set<std::string> tags{
      "html", "head",    "meta",    "title",      "style", "body",    "header", "nav",
      "main", "section", "article", "div",        "h1",    "h2",      "h3",     "h4",
      "h5",   "h6",      "p",       "ul",         "ol",    "li",      "a",      "strong",
      "em",   "code",    "pre",     "blockquote", "table", "caption", "thead",  "tbody",
      "tr",   "th",      "td",      "span",       "br",    "hr"};
  const std::set<std::string> attributes{"lang", "charset", "name",  "content",         "class",
                                         "id",   "href",    "scope", "aria-labelledby", "start"};
  const std::regex tag(R"(<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>)");
  const std::regex attribute(R"re(([A-Za-z-]+)="([^"]*)")re");
  int seen = 0;
  for (std::sregex_iterator t(html.begin(), html.end(), tag), end; t != end; ++t, ++seen) {
    const std::string name = (*t)[2];
    INFO((*t)[0].str());
    CHECK(tags.contains(name));
    const std::string attrs = (*t)[3];
    for (std::sregex_iterator a(attrs.begin(), attrs.end(), attribute); a != end; ++a) {
      CHECK(attributes.contains((*a)[1].str()));
      if ((*a)[1] == "href") CHECK((*a)[2].str().starts_with("#"));
    }
  }
  CHECK(seen > 100);
  CHECK_FALSE(contains(html, "<!DOCTYPE html>\n<!"));  // no comment slipped through
  // A language that is not one of the 24 is English: nothing of it reaches the page.
  CHECK(contains(html, "<html lang=\"en\">"));
  CHECK(contains(html,
                 "<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Report &amp; "
                 "&lt;b&gt;more&lt;/b&gt;</title>"));
  CHECK(contains(html, "<h3>Proposal 1: &lt;img src=x onerror=alert(1)&gt;</h3>"));
  CHECK(contains(html, "<p>&lt;script&gt;alert(4)&lt;/script&gt;</p>"));
  CHECK(contains(html, "Click here or there (http://example.org/a)."));
  CHECK(contains(html, "&lt;style&gt;body{display:none}&lt;/style&gt;"));
  CHECK_FALSE(contains(html, "p.gif"));
}

TEST_CASE("JSON export: text is data, and its Markdown is neutralised") {
  const auto j = nlohmann::json::parse(render_json(hostile_document()));
  CHECK(j["title"] == "<script>alert('t')</script> Report & <b>more</b>");
  const auto& p = j["chapters"][0]["proposals"][0];
  CHECK(p["title"] == "<img src=x onerror=alert(1)>");
  check_no_active_markdown(p["sections"][1]["markdown"].get<std::string>());
  check_no_active_markdown(j["foreword"].get<std::string>());
  check_no_active_markdown(j["method"].get<std::string>());
  check_no_active_markdown(j["chapters"][0]["introduction"].get<std::string>());
  CHECK(j["facilitator"]["ideas"][4]["text"] == "=1+1");  // cleaned, not neutralised: JSON is data
  CHECK_FALSE(
      nlohmann::json::parse(render_public_json(hostile_document())).contains("facilitator"));
}

TEST_CASE("CSV export: formula cells are neutralised, even behind an invisible character") {
  const document d = hostile_document();
  auto cells = [](const std::string& csv) {
    auto rows = rt::protocol::parse_csv(csv);
    REQUIRE(rows);
    return rows.value();
  };
  const auto ideas = cells(render_csv_ideas(d));
  CHECK(ideas[1][2] == "'=HYPERLINK(\"http://evil.example\",\"click\")");
  CHECK(ideas[2][2] == "'+1+1");
  CHECK(ideas[3][3] == "'-2+3");
  CHECK(ideas[4][2] == "'@SUM(A1:A9)");
  CHECK(ideas[5][2] == "'=1+1");
  const auto people = cells(render_csv_participants(d));
  CHECK(people[1][0] == "'=cmd|' /C calc'!A0");
  CHECK(people[2][1] == "'@evil");
  const auto votes = cells(render_csv_votes(d));
  CHECK(votes[1][4] == "'-1");
  CHECK(votes[1][1] == "'+2");
}

TEST_CASE("DOCX export: people's text is escaped, no links or pictures, every part well-formed") {
  const auto entries = unzip(render_docx(hostile_document()));
  for (const auto& e : entries) {
    INFO(e.name);
    CHECK(xml_problem(e.data) == "");
    CHECK_FALSE(contains(e.data, "<script"));
    CHECK_FALSE(contains(e.data, "TargetMode=\"External\""));
  }
  const std::string& xml = *find_entry(entries, "word/document.xml");
  CHECK_FALSE(contains(xml, "<w:hyperlink"));
  CHECK_FALSE(contains(xml, "<w:drawing"));
  CHECK_FALSE(contains(xml, "p.gif"));
  const auto ps = paragraphs(xml);
  CHECK(texts_with_style(ps, "Title") ==
        std::vector<std::string>{"<script>alert('t')</script> Report & <b>more</b>"});
  CHECK(has(texts_with_style(ps, "Heading2"), "Proposal 1: <img src=x onerror=alert(1)>"));
  std::vector<std::string> texts;
  for (const auto& p : ps) texts.push_back(p.text);
  CHECK(has(texts, "Click here or there (http://example.org/a)."));
  CHECK(has(texts, "<script>alert(4)</script>"));
}

namespace {

// Every string of `d` with invisible and direction-changing characters around and inside it.
void poison(std::string& s) { s = "\u202E" + s + "\u200B\u2066x\u2069\uFEFF\u061C\u200F"; }
void poison(std::vector<group_vote>& groups) {
  for (auto& g : groups) poison(g.label);
}
void poison(document& d) {
  for (auto* s : {&d.title, &d.subtitle, &d.date, &d.foreword, &d.method, &d.facts.event_title}) {
    poison(*s);
  }
  for (auto& t : d.facts.tracks) {
    poison(t.name);
    poison(t.description);
  }
  for (auto& g : d.facts.participants_by_group) poison(g.label);
  for (auto& ch : d.chapters) {
    poison(ch.title);
    poison(ch.introduction);
    for (auto& p : ch.proposals) {
      for (auto* s : {&p.title, &p.track, &p.summary}) poison(*s);
      for (auto& s : p.sections) {
        poison(s.heading);
        poison(s.markdown);
      }
      if (p.vote) poison(p.vote->groups);
      for (auto& m : p.team) {
        poison(m.name);
        poison(m.organisation);
      }
      for (auto& i : p.source_ideas) poison(i);
    }
  }
  for (auto& t : d.annex) {
    poison(t.track);
    for (auto& i : t.ideas) poison(i.text);
  }
  for (auto& i : d.facilitator.ideas) {
    for (auto* s : {&i.track, &i.text, &i.author}) poison(*s);
  }
  for (auto& v : d.facilitator.votes) {
    for (auto* s : {&v.round_title, &v.method, &v.item_label}) poison(*s);
    poison(v.groups);
  }
  for (auto& p : d.facilitator.participants) {
    for (auto* s : {&p.name, &p.organisation, &p.group, &p.track, &p.table, &p.role}) poison(*s);
  }
}

}  // namespace

TEST_CASE("invisible and direction-changing characters are removed from every format") {
  document d = sample_document();
  poison(d);
  std::vector<std::pair<std::string, std::string>> outputs{
      {"markdown", render_markdown(d)},   {"html", render_html(d)},
      {"json", render_json(d)},           {"ideas.csv", render_csv_ideas(d)},
      {"votes.csv", render_csv_votes(d)}, {"participants.csv", render_csv_participants(d)}};
  for (auto& e : unzip(render_docx(d))) outputs.emplace_back(e.name, std::move(e.data));
  for (const auto& [name, text] : outputs) {
    INFO(name);
    for (const char* c :
         {"\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
          "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\u061C"}) {
      CHECK_FALSE(contains(text, c));
    }
    if (name == "markdown" || name == "html" || name == "json" || name == "votes.csv" ||
        name == "word/document.xml") {
      CHECK(contains(text, "Individual AI Learning Accountx"));  // the visible text stays
    }
  }
}
