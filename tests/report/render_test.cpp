// Tests of the report's renderers on the sample document: golden files for every text format,
// determinism, and the structure each format promises.
#include "catch.hpp"

#include <sstream>

#include "docx_reader.hpp"
#include "golden.hpp"
#include "report/render.hpp"
#include "report/wording.hpp"
#include "sample_document.hpp"

using namespace rt::report;
using namespace rt::report::test;

// The public JSON (the published report for participants); the other formats are below.
TEST_CASE("the sample report's public JSON matches its golden file") {
  check_golden("report-public.json", render_public_json(sample_document()));
}

// The sample report in English, German, French and Polish, in every text format and the
// docx's document.xml: golden/<code>/ (RT_UPDATE_GOLDEN=1 rewrites them).
TEST_CASE("the sample report in four languages matches its golden files") {
  for (const char* code : {"en", "de", "fr", "pl"}) {
    const document d = sample_document(code);
    const std::string dir = std::string(code) + "/";
    check_golden(dir + "report.md", render_markdown(d));
    check_golden(dir + "report.html", render_html(d));
    check_golden(dir + "report.json", render_json(d));
    check_golden(dir + "ideas.csv", render_csv_ideas(d));
    check_golden(dir + "votes.csv", render_csv_votes(d));
    check_golden(dir + "participants.csv", render_csv_participants(d));
    std::string xml;
    for (const auto& e : unzip(render_docx(d))) {
      if (e.name == "word/document.xml") xml = e.data;
    }
    check_golden(dir + "document.xml", xml);
  }
}

TEST_CASE("every format gives the same bytes for the same document") {
  const document a = sample_document();
  const document b = sample_document();  // an equal copy, built again
  CHECK(render_markdown(a) == render_markdown(b));
  CHECK(render_html(a) == render_html(b));
  CHECK(render_json(a) == render_json(b));
  CHECK(render_public_json(a) == render_public_json(b));
  CHECK(render_csv_ideas(a) == render_csv_ideas(b));
  CHECK(render_csv_votes(a) == render_csv_votes(b));
  CHECK(render_csv_participants(a) == render_csv_participants(b));
  CHECK(render_docx(a) == render_docx(b));
  CHECK(render_markdown(a) == render_markdown(a));
}

TEST_CASE("the HTML file is self-contained and prints on A4 with page numbers") {
  const std::string html = render_html(sample_document());
  auto has = [&](const std::string& s) { return html.find(s) != std::string::npos; };
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
  CHECK(has("<title>Twenty Proposals for an AI-Ready Public Sector</title>"));
  CHECK(has("size: A4;"));
  CHECK(has("@bottom-center { content: counter(page);"));
  CHECK(has(".chapter, .proposal, .annex { break-before: page;"));
  CHECK(has("break-after: avoid; break-inside: avoid;"));
  CHECK(has("<li><a href=\"#proposal-3\">Proposal 3: European GovAI Hub</a></li>"));
  CHECK(has("<article class=\"proposal\" id=\"proposal-3\">"));
  for (const char* outside :
       {"<script", "<link", "<img", "src=", "url(", "@import", "http://", "//fonts"}) {
    INFO(outside);
    CHECK_FALSE(has(outside));
  }
  CHECK(has("(https://ec.europa.eu/social/skills)"));  // the only address: a shown one, as text
}

TEST_CASE("the Markdown file has the report's structure in order") {
  const std::string md = render_markdown(sample_document());
  std::vector<std::string> headings;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("#")) headings.push_back(line);
  }
  CHECK(std::vector<std::string>(headings.begin(), headings.begin() + 9) ==
        std::vector<std::string>{"# Twenty Proposals for an AI-Ready Public Sector", "## Foreword",
                                 "## How this report was made", "### The event in numbers",
                                 "## Contents", "## Skills for an AI-ready administration",
                                 "### Proposal 1: Individual AI Learning Account",
                                 "#### One-line summary", "#### The problem"});
  CHECK(md.find("**Final vote:** 31 votes from 17 people (ranked 3rd); support across 4 of 5 "
                "stakeholder groups; consensus 0.41") != std::string::npos);
  CHECK(md.find("**Team:** Ana Ruiz (DG CNECT), Jonas Berg (Fraunhofer), Zoë Kowalska and 2 "
                "others") != std::string::npos);
  CHECK(md.find("- Skills for an AI-ready administration\n  - Proposal 1: Individual AI "
                "Learning Account\n") != std::string::npos);
}

TEST_CASE("a report without optional parts still renders every format") {
  document d;
  d.title = "Empty";
  CHECK(render_markdown(d) ==
        "# Empty\n\n## How this report was made\n\n### The event in "
        "numbers\n\n- **Event:** \n- **Participants:** 0\n- **Ideas "
        "posted:** 0\n- **Votes cast:** 0 votes in 0 vote rounds\n\n" +
            words("en").text("consensus_note") + "\n\n## Contents\n\n- How this report was made\n");
  CHECK_FALSE(render_html(d).empty());
  CHECK_FALSE(render_json(d).empty());
  CHECK(render_csv_ideas(d) == "id,track,text,author,votes,hidden\r\n");
  CHECK(render_csv_votes(d) == "round,round_title,method,item,item_label,votes,voters\r\n");
  CHECK_FALSE(render_docx(d).empty());
}

TEST_CASE(
    "a report whose credits changed after publication says so under its date, in every format") {
  document d = sample_document();
  const std::string note = "Updated on 2 December 2026: credits changed";
  CHECK(render_markdown(d).find("Updated on") == std::string::npos);
  CHECK(render_json(d).find("\"updated\"") == std::string::npos);
  d.updated = note;
  const auto md = render_markdown(d);
  CHECK(md.find("*" + note + "*") != std::string::npos);
  CHECK(md.find(note) > md.find(d.date));
  CHECK(render_html(d).find("<p class=\"note updated\">" + note + "</p>") != std::string::npos);
  CHECK(render_json(d).find("\"updated\": \"" + note + "\"") != std::string::npos);
  CHECK(render_public_json(d).find(note) != std::string::npos);
}
