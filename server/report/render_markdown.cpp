// render_markdown.cpp: the report as one CommonMark file.
//
// Heading levels: # the report, ## its parts and chapters, ### proposals (and the facts),
// #### a proposal's sections; people's own headings are moved below the level they sit in.
#include <string>
#include <vector>

#include "clean.hpp"
#include "escape.hpp"
#include "markdown_tree.hpp"
#include "render.hpp"
#include "wording.hpp"

namespace rt::report {
namespace {

// The file as blocks separated by one blank line.
class blocks {
 public:
  void add(std::string block) {
    while (!block.empty() && block.back() == '\n') block.pop_back();
    if (!block.empty()) parts_.push_back(std::move(block));
  }
  void heading(int level, const std::string& text) { add(std::string(level, '#') + " " + text); }
  void markdown(const std::string& text, int heading_shift) {
    add(markdown_tree(text, heading_shift).commonmark());
  }
  std::string str() const {
    std::string out;
    for (const auto& p : parts_) out += (out.empty() ? "" : "\n\n") + p;
    return out.empty() ? out : out + "\n";
  }

 private:
  std::vector<std::string> parts_;
};

std::string bold_label(const words& w, std::string_view label) {
  return "**" + with_colon(w, label) + "** ";
}

// Escaped `text` in strong emphasis; "" for no text ("****" alone would be a thematic break).
std::string strong(std::string_view text) {
  const std::string s = markdown_inline(text);
  return s.empty() ? s : "**" + s + "**";
}

void facts(blocks& b, const words& w, const event_facts& f) {
  std::string list;
  for (const auto& line : fact_lines(w, f, markdown_inline)) {
    list += "- " + bold_label(w, line.label) + line.text + "\n";
  }
  if (!f.tracks.empty()) {
    list += "- " + bold_label(w, w.text("label.tracks")) +
            w.number(static_cast<long long>(f.tracks.size())) + "\n";
    for (const auto& t : f.tracks) {
      list += "  - **" + markdown_inline(t.name) + "**" +
              (t.description.empty() ? "" : ": " + markdown_inline(t.description)) + "\n";
    }
  }
  b.heading(3, w.text("heading.facts"));
  b.add(list);
  b.add(w.text("consensus_note"));
}

// One nested list: the parts, each chapter with its proposals beneath it, the annex.
void contents(blocks& b, const words& w, const document& d) {
  b.heading(2, w.text("heading.contents"));
  std::string list;
  if (!d.foreword.empty()) list += "- " + w.text("heading.foreword") + "\n";
  list += "- " + w.text("heading.method") + "\n";
  for (const auto& ch : d.chapters) {
    list += "- " + markdown_inline(ch.title) + "\n";
    for (const auto& p : ch.proposals) {
      list += "  - " + proposal_heading(w, p, markdown_inline) + "\n";
    }
  }
  if (!d.annex.empty()) list += "- " + w.text("heading.annex") + "\n";
  b.add(list);
}

void proposal_part(blocks& b, const words& w, const proposal& p) {
  b.heading(3, proposal_heading(w, p, markdown_inline));
  const std::string summary = markdown_inline(p.summary);
  if (!summary.empty()) b.add("*" + summary + "*");
  if (!p.track.empty()) b.add(bold_label(w, w.text("label.track")) + markdown_inline(p.track));
  for (const auto& s : p.sections) {
    b.heading(4, markdown_inline(s.heading));
    b.markdown(s.markdown, 4);
  }
  if (p.vote) {
    b.add(bold_label(w, w.text("label.final_vote")) + vote_sentence(w, *p.vote));
    const std::string groups = groups_sentence(w, *p.vote, markdown_inline);
    if (!groups.empty()) b.add(bold_label(w, w.text("label.by_group")) + groups);
  }
  const std::string team = team_sentence(w, p, markdown_inline);
  if (!team.empty()) b.add(bold_label(w, w.text("label.team")) + team);
  if (!p.source_ideas.empty()) {
    b.heading(4, w.text("heading.source_ideas"));
    std::string list;
    for (const auto& i : p.source_ideas) list += "- " + markdown_inline(i) + "\n";
    b.add(list);
  }
}

void annex(blocks& b, const words& w, const std::vector<annex_track>& tracks) {
  if (tracks.empty()) return;
  b.heading(2, w.text("heading.annex"));
  for (const auto& t : tracks) {
    b.heading(3, markdown_inline(t.track));
    std::string list;
    for (const auto& i : t.ideas) {
      list += "- " + markdown_inline(i.text) + " (" + annex_idea_note(w, i) + ")\n";
    }
    b.add(list);
  }
}

}  // namespace

std::string render_markdown(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  blocks b;
  b.heading(1, markdown_inline(d.title));
  b.add(strong(d.subtitle));
  b.add(markdown_inline(d.date));
  if (!d.updated.empty()) b.add("*" + markdown_inline(d.updated) + "*");
  if (!d.foreword.empty()) {
    b.heading(2, w.text("heading.foreword"));
    b.markdown(d.foreword, 2);
  }
  b.heading(2, w.text("heading.method"));
  b.markdown(d.method, 2);
  facts(b, w, d.facts);
  contents(b, w, d);
  for (const auto& ch : d.chapters) {
    b.heading(2, markdown_inline(ch.title));
    b.markdown(ch.introduction, 2);
    for (const auto& p : ch.proposals) proposal_part(b, w, p);
  }
  annex(b, w, d.annex);
  return b.str();
}

}  // namespace rt::report
