// render_html.cpp: the report as one self-contained HTML5 file for screens and A4 print.
//
// Heading levels as in Markdown: h1 the report, h2 its parts and chapters, h3 proposals,
// h4 a proposal's sections. Anchors are made from numbers only (chapter-2, proposal-7), never
// from people's text.
#include <string>

#include "clean.hpp"
#include "escape.hpp"
#include "markdown_tree.hpp"
#include "render.hpp"
#include "wording.hpp"

namespace rt::report {
namespace {

// Screen first; the print rules give A4 pages with numbers in the bottom margin, each chapter
// and proposal on a new page, and headings kept with what follows them.
constexpr std::string_view style_sheet = R"(:root {
  --ink: #1b1b1b; --muted: #595959; --accent: #1f4e79; --rule: #c9d1d9; --tint: #f3f5f7;
}
html { font-family: Georgia, "Times New Roman", serif; font-size: 17px; line-height: 1.55;
  color: var(--ink); background: #fff; }
body { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, "Segoe UI", Helvetica, Arial, sans-serif;
  line-height: 1.25; color: var(--accent);
  break-after: avoid; break-inside: avoid; page-break-after: avoid; page-break-inside: avoid; }
h1 { font-size: 2.3rem; margin: 0 0 1rem; }
h2 { font-size: 1.6rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.3rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1.08rem; margin: 1.5rem 0 .4rem; }
h5, h6 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
p, li { orphans: 3; widows: 3; }
a { color: var(--accent); }
.title-page { padding: 3rem 0 2rem; }
.subtitle { font-size: 1.35rem; margin: 0 0 .5rem; }
.date, .note { color: var(--muted); }
.toc ul { list-style: none; padding-left: 0; }
.toc ul ul { padding-left: 1.25rem; margin: .25rem 0 .75rem; }
.toc a { text-decoration: none; }
.summary { font-size: 1.12rem; font-style: italic; }
.meta, .vote, .team { font-family: system-ui, "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: .92rem; }
.vote { background: var(--tint); padding: .5rem .9rem; margin: 1.5rem 0 1rem;
  break-inside: avoid; }
.vote, pre { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
table { border-collapse: collapse; margin: .5rem 0; break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid var(--rule); padding: .15rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: var(--tint); padding: .75rem; white-space: pre-wrap; break-inside: avoid; }
code { font-family: ui-monospace, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); }
.idea { white-space: pre-line; }
.chapter, .proposal, .annex { break-before: page; page-break-before: always; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .title-page { padding-top: 35%; break-after: page; page-break-after: always; }
  .toc { break-after: page; page-break-after: always; }
  .chapter > h2 { margin-top: 30%; font-size: 2.2rem; border-bottom: none; }
}
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-center { content: counter(page); font-family: system-ui, sans-serif; font-size: 9pt;
    color: #595959; }
}
@page :first { @bottom-center { content: none; } }
)";

std::string anchor(std::string_view prefix, int n) {
  return std::string(prefix) + "-" + std::to_string(n);
}

std::string markdown_html(const std::string& text, int heading_shift) {
  return markdown_tree(text, heading_shift).html();
}

std::string strong_label(const words& w, std::string_view label) {
  return "<strong>" + with_colon(w, label) + "</strong> ";
}

void title_page(std::string& out, const document& d) {
  out += "<header class=\"title-page\">\n<h1>" + html_escape(d.title) + "</h1>\n";
  if (!d.subtitle.empty()) out += "<p class=\"subtitle\">" + html_escape(d.subtitle) + "</p>\n";
  if (!d.date.empty()) out += "<p class=\"date\">" + html_escape(d.date) + "</p>\n";
  if (!d.updated.empty()) out += "<p class=\"note updated\">" + html_escape(d.updated) + "</p>\n";
  out += "</header>\n";
}

void contents(std::string& out, const words& w, const document& d) {
  out += "<nav class=\"toc\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">" +
         w.text("heading.contents") + "</h2>\n<ul>\n";
  if (!d.foreword.empty()) {
    out += "<li><a href=\"#foreword\">" + w.text("heading.foreword") + "</a></li>\n";
  }
  out += "<li><a href=\"#method\">" + w.text("heading.method") + "</a></li>\n";
  for (std::size_t c = 0; c < d.chapters.size(); ++c) {
    const auto& ch = d.chapters[c];
    out += "<li><a href=\"#" + anchor("chapter", static_cast<int>(c + 1)) + "\">" +
           html_escape(ch.title) + "</a>\n<ul>\n";
    for (const auto& p : ch.proposals) {
      out += "<li><a href=\"#" + anchor("proposal", p.number) + "\">" +
             proposal_heading(w, p, html_escape) + "</a></li>\n";
    }
    out += "</ul></li>\n";
  }
  if (!d.annex.empty()) {
    out += "<li><a href=\"#annex\">" + w.text("heading.annex") + "</a></li>\n";
  }
  out += "</ul>\n</nav>\n";
}

void method(std::string& out, const words& w, const document& d) {
  out += "<section id=\"method\">\n<h2>" + w.text("heading.method") + "</h2>\n";
  out += markdown_html(d.method, 2);
  out += "<h3>" + w.text("heading.facts") + "</h3>\n<ul class=\"facts\">\n";
  for (const auto& line : fact_lines(w, d.facts, html_escape)) {
    out += "<li>" + strong_label(w, line.label) + line.text + "</li>\n";
  }
  if (!d.facts.tracks.empty()) {
    out += "<li>" + strong_label(w, w.text("label.tracks")) +
           w.number(static_cast<long long>(d.facts.tracks.size())) + "\n<ul>\n";
    for (const auto& t : d.facts.tracks) {
      out += "<li><strong>" + html_escape(t.name) + "</strong>" +
             (t.description.empty() ? "" : ": " + html_escape(t.description)) + "</li>\n";
    }
    out += "</ul></li>\n";
  }
  out += "</ul>\n<p class=\"note\">" + w.text("consensus_note") + "</p>\n</section>\n";
}

void vote_box(std::string& out, const words& w, const vote_result& v) {
  out += "<div class=\"vote\">\n<p>" + strong_label(w, w.text("label.final_vote")) +
         vote_sentence(w, v) + "</p>\n";
  if (!v.groups.empty()) {
    out += "<table>\n<caption>" + w.text("label.by_group") +
           "</caption>\n<thead><tr><th scope=\"col\">" + w.text("table.group") +
           "</th><th scope=\"col\">" + w.text("table.people") + "</th><th scope=\"col\">" +
           w.text("table.votes") + "</th></tr></thead>\n<tbody>\n";
    for (const auto& g : v.groups) {
      out += "<tr><th scope=\"row\">" + html_escape(g.label) + "</th><td class=\"n\">" +
             w.number(g.voters) + "</td><td class=\"n\">" + w.number(g.votes) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</div>\n";
}

void proposal_part(std::string& out, const words& w, const proposal& p) {
  out += "<article class=\"proposal\" id=\"" + anchor("proposal", p.number) + "\">\n<h3>" +
         proposal_heading(w, p, html_escape) + "</h3>\n";
  if (!p.summary.empty()) out += "<p class=\"summary\">" + html_escape(p.summary) + "</p>\n";
  if (!p.track.empty()) {
    out += "<p class=\"meta\">" + strong_label(w, w.text("label.track")) + html_escape(p.track) +
           "</p>\n";
  }
  for (const auto& s : p.sections) {
    out += "<section>\n<h4>" + html_escape(s.heading) + "</h4>\n" + markdown_html(s.markdown, 4) +
           "</section>\n";
  }
  if (p.vote) vote_box(out, w, *p.vote);
  const std::string team = team_sentence(w, p, html_escape);
  if (!team.empty()) {
    out += "<p class=\"team\">" + strong_label(w, w.text("label.team")) + team + "</p>\n";
  }
  if (!p.source_ideas.empty()) {
    out += "<section>\n<h4>" + w.text("heading.source_ideas") + "</h4>\n<ul>\n";
    for (const auto& i : p.source_ideas) {
      out += "<li><span class=\"idea\">" + html_escape(i) + "</span></li>\n";
    }
    out += "</ul>\n</section>\n";
  }
  out += "</article>\n";
}

void annex(std::string& out, const words& w, const std::vector<annex_track>& tracks) {
  if (tracks.empty()) return;
  out += "<section class=\"annex\" id=\"annex\">\n<h2>" + w.text("heading.annex") + "</h2>\n";
  for (const auto& t : tracks) {
    out += "<h3>" + html_escape(t.track) + "</h3>\n<ul>\n";
    for (const auto& i : t.ideas) {
      out += "<li><span class=\"idea\">" + html_escape(i.text) + "</span> <span class=\"note\">(" +
             annex_idea_note(w, i) + ")</span></li>\n";
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + w.code() +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    html_escape(d.title) + "</title>\n<style>\n" + std::string(style_sheet) +
                    "</style>\n</head>\n<body>\n";
  title_page(out, d);
  contents(out, w, d);
  out += "<main>\n";
  if (!d.foreword.empty()) {
    out += "<section id=\"foreword\">\n<h2>" + w.text("heading.foreword") + "</h2>\n" +
           markdown_html(d.foreword, 2) + "</section>\n";
  }
  method(out, w, d);
  for (std::size_t c = 0; c < d.chapters.size(); ++c) {
    const auto& ch = d.chapters[c];
    out += "<section class=\"chapter\" id=\"" + anchor("chapter", static_cast<int>(c + 1)) +
           "\">\n<h2>" + html_escape(ch.title) + "</h2>\n" + markdown_html(ch.introduction, 2);
    for (const auto& p : ch.proposals) proposal_part(out, w, p);
    out += "</section>\n";
  }
  annex(out, w, d.annex);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace rt::report
