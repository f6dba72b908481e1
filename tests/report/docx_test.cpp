// Tests of the Word export: the package's parts, their well-formedness, the headings and the
// table of contents field, lists and emphasis from people's Markdown, page breaks, and bytes
// that do not depend on the run or the time zone.
#include <cstdlib>
#include <ctime>

#include "catch.hpp"

#include "docx_reader.hpp"
#include "report/render.hpp"
#include "sample_document.hpp"
#include "xml_check.hpp"

using namespace rt::report;
using namespace rt::report::test;

namespace {

const std::vector<zip_entry>& sample_entries() {
  static const std::vector<zip_entry> entries = unzip(render_docx(sample_document()));
  return entries;
}

const std::string& part(const std::string& name) {
  const std::string* data = find_entry(sample_entries(), name);
  INFO(name);
  REQUIRE(data != nullptr);
  return *data;
}

bool contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("the docx package has every part, content types first, each well-formed XML") {
  const auto& entries = sample_entries();
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                          "word/_rels/document.xml.rels", "word/styles.xml",
                                          "word/numbering.xml", "word/settings.xml",
                                          "word/footer1.xml", "docProps/core.xml"});
  for (const auto& e : entries) {
    INFO(e.name);
    CHECK(xml_problem(e.data) == "");
  }
  CHECK(xml_problem("<a><b></a></b>") != "");  // the check does refuse bad XML
  CHECK(xml_problem("<a>x & y</a>") != "");
  CHECK(xml_problem("<a/><b/>") != "");

  const auto& types = part("[Content_Types].xml");
  for (const char* p : {"/word/document.xml", "/word/styles.xml", "/word/numbering.xml",
                        "/word/settings.xml", "/word/footer1.xml", "/docProps/core.xml"}) {
    CHECK(contains(types, std::string("PartName=\"") + p + "\""));
  }
  CHECK(contains(part("_rels/.rels"), "Target=\"word/document.xml\""));
  CHECK_FALSE(contains(part("word/_rels/document.xml.rels"), "External"));
  CHECK(contains(part("docProps/core.xml"),
                 "<dc:title>Twenty Proposals for an AI-Ready Public Sector</dc:title>"));
}

TEST_CASE("docx headings use Word's heading styles with the report's texts") {
  const auto ps = paragraphs(part("word/document.xml"));
  CHECK(texts_with_style(ps, "Title") ==
        std::vector<std::string>{"Twenty Proposals for an AI-Ready Public Sector"});
  CHECK(texts_with_style(ps, "Heading1") ==
        std::vector<std::string>{"Foreword", "How this report was made",
                                 "Skills for an AI-ready administration", "Shared infrastructure",
                                 "Annex: every idea posted"});
  CHECK(
      texts_with_style(ps, "Heading2") ==
      std::vector<std::string>{"The event in numbers", "Proposal 1: Individual AI Learning Account",
                               "Proposal 2: AI Champions Network", "Proposal 3: European GovAI Hub",
                               "Skills & Training", "Public Sector Adoption"});
  const auto h3 = texts_with_style(ps, "Heading3");
  REQUIRE(h3.size() == 3 * 6 + 1);
  CHECK(std::vector<std::string>(h3.begin(), h3.begin() + 7) ==
        std::vector<std::string>{"One-line summary", "The problem", "The proposal",
                                 "Who should act", "Expected impact", "First steps",
                                 "The ideas it grew from"});
  CHECK(texts_with_style(ps, "Heading4") == std::vector<std::string>{"Year one"});

  // Every proposal and chapter starts a page.
  for (const auto& p : ps) {
    if (p.style == "Heading1" || (p.style == "Heading2" && p.text.starts_with("Proposal "))) {
      INFO(p.text);
      CHECK(p.page_break_before);
    }
  }
  const auto styles = part("word/styles.xml");
  for (const char* id : {"Title", "Heading1", "Heading2", "Heading3"}) {
    CHECK(contains(styles, std::string("w:styleId=\"") + id + "\""));
  }
  CHECK(contains(styles, "<w:name w:val=\"heading 1\"/>"));
  CHECK(contains(styles, "<w:outlineLvl w:val=\"0\"/>"));
}

TEST_CASE("docx has a table of contents field that Word updates on opening") {
  const auto& xml = part("word/document.xml");
  CHECK(contains(xml, "<w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/>"));
  CHECK(contains(xml, "<w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-2&quot; \\h"));
  CHECK(contains(xml, "<w:fldChar w:fldCharType=\"end\"/>"));
  CHECK(contains(part("word/settings.xml"), "<w:updateFields w:val=\"true\"/>"));
  // Until Word updates it, the field shows the headings (without page numbers).
  const auto ps = paragraphs(xml);
  const auto toc2 = texts_with_style(ps, "TOC2");
  CHECK(std::find(toc2.begin(), toc2.end(), "Proposal 3: European GovAI Hub") != toc2.end());
}

TEST_CASE("docx carries lists, bold, italic and code from the sections' Markdown") {
  const auto& xml = part("word/document.xml");
  const auto ps = paragraphs(xml);
  auto find = [&](const std::string& text) -> const docx_paragraph& {
    for (const auto& p : ps) {
      if (p.text == text) return p;
    }
    FAIL("no paragraph " << text);
    return ps.front();
  };
  CHECK(find("courses are booked by managers;").numbered);  // a bullet
  CHECK(contains(find("courses are booked by managers;").xml, "<w:numId w:val=\"1\"/>"));
  CHECK(find("a catalogue of accredited courses;").numbered);  // an ordered list
  CHECK(contains(xml,
                 "<w:t xml:space=\"preserve\">Every public servant gets a personal budget "
                 "of </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">40 "
                 "hours</w:t></w:r>"));
  CHECK(contains(xml,
                 "<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Individual AI Learning "
                 "Account</w:t>"));
  CHECK(contains(xml, "<w:rStyle w:val=\"CodeChar\"/></w:rPr><w:t xml:space=\"preserve\">prompt"));
  CHECK(find("Reuse before you buy.").style == "Quote");
  // The link's address is plain text; there are no hyperlinks or pictures at all.
  CHECK(contains(xml, "European Skills Agenda (https://ec.europa.eu/social/skills) suggests."));
  CHECK_FALSE(contains(xml, "<w:hyperlink"));
  CHECK_FALSE(contains(xml, "<w:drawing"));

  // Each ordered list restarts: its own numbering with a start override.
  const auto& numbering = part("word/numbering.xml");
  CHECK(contains(numbering, "<w:numFmt w:val=\"bullet\"/>"));
  CHECK(contains(numbering, "<w:numFmt w:val=\"decimal\"/>"));
  CHECK(contains(numbering,
                 "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride "
                 "w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"));
  CHECK(contains(numbering, "<w:num w:numId=\"3\">"));
}

TEST_CASE("docx credits, votes and the annex") {
  const auto ps = paragraphs(part("word/document.xml"));
  std::vector<std::string> texts;
  for (const auto& p : ps) texts.push_back(p.text);
  auto has = [&](const std::string& t) {
    return std::find(texts.begin(), texts.end(), t) != texts.end();
  };
  CHECK(has("Team: Ana Ruiz (DG CNECT), Jonas Berg (Fraunhofer), Zoë Kowalska and 2 others"));
  CHECK(
      has("Final vote: 31 votes from 17 people (ranked 3rd); support across 4 of 5 "
          "stakeholder groups; consensus 0.41"));
  CHECK(has("Protected time for AI courses (0 votes; merged into another idea)"));
}

TEST_CASE("docx bytes are the same on every run and in every time zone") {
  const document d = sample_document();
  const std::string first = render_docx(d);
  CHECK(render_docx(d) == first);
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  for (const char* tz : {"UTC0", "JST-9", "PST8PDT", "NZST-12NZDT"}) {
    setenv("TZ", tz, 1);
    tzset();
    INFO(tz);
    CHECK(render_docx(d) == first);
  }
  if (old)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
  tzset();
}
