// Tests of the report's text handling: cleaning invisible and control characters, escaping
// plain text per format, neutralising people's Markdown, and the shared wording.
#include <cmark.h>

#include <cmath>

#include "catch.hpp"

#include "domain/text.hpp"
#include "report/clean.hpp"
#include "report/escape.hpp"
#include "report/markdown_tree.hpp"
#include "report/wording.hpp"

using namespace rt::report;

namespace {

// The plain text of the first paragraph of `markdown`, parsed by cmark as it is.
std::string rendered_text(const std::string& markdown) {
  cmark_node* doc = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT);
  cmark_node* first = cmark_node_first_child(doc);
  const bool paragraph = first != nullptr && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
                         cmark_node_next(first) == nullptr;
  std::string text = paragraph ? plain_text(first) : "<not one paragraph>";
  for (cmark_node* n = first ? cmark_node_first_child(first) : nullptr; n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_TEXT) text = "<markup>";
  }
  cmark_node_free(doc);
  return text;
}

}  // namespace

TEST_CASE("cleaning removes invisible and direction-changing characters and controls") {
  for (const char* c :
       {"\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
        "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\u061C", "\u2060", "\u00AD"}) {
    INFO(c);
    CHECK(clean_user_text(std::string("ab") + c + "cd" + c) == "abcd");
  }
  CHECK(clean_user_text("admin\u202E\u2066gnp.exe\u2069") == "admingnp.exe");
  CHECK(clean_user_text("a\x01"
                        "b\x7F"
                        "c\u0085d\uFFFEe\uFFFF") == "abcde");
  CHECK(clean_user_text("one\r\ntwo\rthree\tfour\n") == "one\ntwo\nthree\tfour\n");
  CHECK(clean_user_text("bad \xFF\xC3 end") == "bad \uFFFD\uFFFD end");
  // Ordinary text in any script stays as it is.
  const std::string ordinary = "Zoë Kowalska, Ελένη, 中文, עברית, 😀, non\u00A0breaking, \u2028";
  CHECK(clean_user_text(ordinary) == ordinary);
}

TEST_CASE("every string of a document is cleaned") {
  document d;
  d.title = "T\u202Eitle";
  d.chapters.push_back({"C\u200Bh", "I\u2066ntro", {}});
  proposal p;
  p.team.push_back({"N\uFEFFame", "O\u061Crg"});
  p.vote = vote_result{1, 1, 1, 0.5, {{"G\u200Froup", 1, 1}}};
  d.chapters[0].proposals.push_back(p);
  d.facilitator.participants.push_back({"P\u202Aerson", "", "", "", "T\u2069able", "", false});
  const document c = clean_document(d);
  CHECK(c.title == "Title");
  CHECK(c.chapters[0].title == "Ch");
  CHECK(c.chapters[0].introduction == "Intro");
  CHECK(c.chapters[0].proposals[0].team[0].name == "Name");
  CHECK(c.chapters[0].proposals[0].team[0].organisation == "Org");
  CHECK(c.chapters[0].proposals[0].vote->groups[0].label == "Group");
  CHECK(c.facilitator.participants[0].name == "Person");
  CHECK(c.facilitator.participants[0].table == "Table");
}

TEST_CASE("plain text in Markdown renders exactly as typed") {
  CHECK(markdown_inline("a*b_c`d") == "a\\*b\\_c\\`d");
  CHECK(markdown_inline("- x") == "\\- x");
  CHECK(markdown_inline("1. x") == "1\\. x");
  CHECK(markdown_inline("2) x") == "2\\) x");
  CHECK(markdown_inline("2025 was good. 3. point") == "2025 was good. 3. point");
  CHECK(markdown_inline("R&D <b>[x](y)</b> #1 !") == "R\\&D \\<b\\>\\[x\\](y)\\</b\\> \\#1 \\!");
  CHECK(markdown_inline("  line\nbreak \t here  ") == "line break here");
  for (const std::string s : {"<script>alert(1)</script>",
                              "[x](javascript:alert(1))",
                              "![](http://evil/x.png)",
                              "<http://evil.example>",
                              "# heading",
                              "- item",
                              "+ item",
                              "* item",
                              "1. item",
                              "9) item",
                              "> quote",
                              "=== setext",
                              "---",
                              "    indented code",
                              "`code`",
                              "**bold** _em_",
                              "&lt;&#106;&amp;",
                              "a \\\\ b\\",
                              "~~strike~~ | table |",
                              "[ref]: http://x",
                              "x  "}) {
    INFO(s);
    const std::string expected(rt::domain::trim(s));
    CHECK(rendered_text(markdown_inline(s)) == expected);
  }
}

TEST_CASE("plain text in HTML and XML is escaped") {
  CHECK(html_escape("<a href=\"x\" title='y'>&</a>") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(xml_escape("<w:t>\"a\" & 'b'</w:t>") == "&lt;w:t&gt;&quot;a&quot; &amp; 'b'&lt;/w:t&gt;");
}

TEST_CASE("links become text; web addresses follow in parentheses") {
  auto md = [](const std::string& s) { return markdown_tree(s, 0).commonmark(); };
  CHECK(md("[x](javascript:alert(1))") == "x\n");
  CHECK(md("[EU](https://europa.eu)") == "EU (https://europa.eu)\n");
  CHECK(md("[EU](HTTP://europa.eu)") == "EU (HTTP://europa.eu)\n");
  CHECK(md("[mail](mailto:a@b.org) [file](file:///etc/passwd) [rel](/x)") == "mail file rel\n");
  CHECK(md("<https://europa.eu>") == "https://europa.eu\n");  // the address is already the text
  CHECK(md("<javascript:alert(1)>") == "javascript:alert(1)\n");
  CHECK(md("[ref][r]\n\n[r]: javascript:alert(1)") == "ref\n");
  CHECK(md("[*em* text](http://a.example)") == "*em* text (http://a.example)\n");
}

TEST_CASE("images become their alternative text") {
  auto md = [](const std::string& s) { return markdown_tree(s, 0).commonmark(); };
  CHECK(md("![](http://evil/x.png)") == "");  // and the empty paragraph goes
  CHECK(md("![](http://evil/x.png) and text") == "and text\n");
  CHECK(md("a ![chart of *votes*](http://evil/x.png \"t\") b") == "a chart of votes b\n");
  CHECK(md("[![logo](http://evil/i.png)](http://evil/l)") == "logo (http://evil/l)\n");
  CHECK(md("![see [this](http://x.example)](http://evil/i.png)") ==
        "see this (http://x.example)\n");
}

TEST_CASE("raw HTML becomes text that shows the tags") {
  auto md = [](const std::string& s) { return markdown_tree(s, 0).commonmark(); };
  CHECK(md("a <b onclick=\"x\">b</b>") == "a \\<b onclick=\"x\"\\>b\\</b\\>\n");
  CHECK(md("<script>\nalert(1)\n</script>") == "\\<script\\>  \nalert(1)  \n\\</script\\>\n");
  const markdown_tree t("<div>x</div>\n\n<!-- c -->", 0);
  CHECK(t.html() == "<p>&lt;div&gt;x&lt;/div&gt;</p>\n<p>&lt;!-- c --&gt;</p>\n");
}

TEST_CASE("people's headings move below the report's own") {
  CHECK(markdown_tree("# A\n\n### B", 2).commonmark() == "### A\n\n##### B\n");
  CHECK(markdown_tree("# A\n\n#### B", 4).commonmark() == "##### A\n\n###### B\n");
  CHECK(markdown_tree("", 2).commonmark() == "");
}

TEST_CASE("the report's wording") {
  const words w("en");
  CHECK(w.ordinal(1) == "1st");
  CHECK(w.ordinal(2) == "2nd");
  CHECK(w.ordinal(3) == "3rd");
  CHECK(w.ordinal(4) == "4th");
  CHECK(w.ordinal(11) == "11th");
  CHECK(w.ordinal(12) == "12th");
  CHECK(w.ordinal(13) == "13th");
  CHECK(w.ordinal(21) == "21st");
  CHECK(w.ordinal(112) == "112th");
  CHECK(w.decimal2(0.405) == "0.41");
  CHECK(w.decimal2(0.4049) == "0.40");
  CHECK(w.decimal2(0) == "0.00");
  CHECK(w.decimal2(1) == "1.00");
  CHECK(w.decimal2(0.999) == "1.00");
  CHECK(w.decimal2(0.05) == "0.05");
  CHECK(w.decimal2(std::nan("")) == "0.00");
  CHECK(w.long_date(1741910400000) == "14 March 2025");

  vote_result v{1, 1, 1, 0.3, {{"Academia", 1, 1}, {"SME", 0, 0}}};
  CHECK(vote_sentence(w, v) ==
        "1 vote from 1 person (ranked 1st); support across 1 of 2 stakeholder groups; "
        "consensus 0.30");
  const auto as_is = [](std::string_view s) { return std::string(s); };
  CHECK(groups_sentence(w, v, as_is) == "Academia: 1 person, 1 vote; SME: none");
  CHECK(vote_sentence(w, vote_result{23, 11, 0, 0.41, {}}) ==
        "23 votes from 11 people; consensus 0.41");

  proposal p;
  CHECK(team_sentence(w, p, as_is) == "");
  p.other_members = 1;
  CHECK(team_sentence(w, p, as_is) == "1 person, not named");
  p.team = {{"Ana Ruiz", "DG CNECT"}};
  CHECK(team_sentence(w, p, as_is) == "Ana Ruiz (DG CNECT) and 1 other");
  p.team.push_back({"Jonas Berg", ""});
  p.other_members = 0;
  CHECK(team_sentence(w, p, as_is) == "Ana Ruiz (DG CNECT) and Jonas Berg");
  p.team.push_back({"Zoë", "X"});
  p.other_members = 3;
  CHECK(team_sentence(w, p, as_is) == "Ana Ruiz (DG CNECT), Jonas Berg, Zoë (X) and 3 others");
}

TEST_CASE("the report's wording in other languages: plural forms, ordinals, numbers, dates") {
  const words de("de");
  CHECK(de.ordinal(2) == "2.");
  CHECK(de.decimal2(0.41) == "0,41");
  CHECK(de.long_date(1741910400000) == "14. März 2025");
  CHECK(de.count("count.votes", 1) == "1 Stimme");
  CHECK(de.count("count.votes", 23) == "23 Stimmen");
  const words pl("pl");
  CHECK(pl.count("count.votes", 1) == "1 głos");
  CHECK(pl.count("count.votes", 3) == "3 głosy");
  CHECK(pl.count("count.votes", 5) == "5 głosów");
  CHECK(pl.count("count.votes", 22) == "22 głosy");
  CHECK(pl.long_date(1741910400000) == "14 marca 2025");
  const words fr("fr");
  CHECK(fr.ordinal(2) == "2e");
  CHECK(fr.decimal2(0.41) == "0,41");
  // An unknown language is English.
  CHECK(words("xx").code() == "en");
  CHECK(words("").text("heading.contents") == "Contents");
}
