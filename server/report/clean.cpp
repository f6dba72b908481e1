// clean.cpp: removing invisible and control characters; the document-wide pass.
#include "clean.hpp"

#include "domain/text.hpp"

namespace rt::report {
namespace {

// What the app removes from names (domain::is_invisible), the joiners too (a report has no
// script that needs them shown apart), control characters, and what XML does not allow.
bool is_removed(char32_t c) {
  return domain::is_invisible(c) || c == 0x200C || c == 0x200D ||
         (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
         c == 0xFFFF;
}

void clean(std::string& s) { s = clean_user_text(s); }

void clean(std::vector<group_vote>& groups) {
  for (auto& g : groups) clean(g.label);
}

}  // namespace

std::string clean_user_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = domain::decode_utf8(s, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (cp == '\r') {
      out.push_back('\n');
      i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (!is_removed(cp)) out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

document clean_document(const document& d) {
  document c = d;
  clean(c.language);
  clean(c.title);
  clean(c.subtitle);
  clean(c.date);
  clean(c.updated);
  clean(c.foreword);
  clean(c.method);
  clean(c.facts.event_title);
  for (auto& t : c.facts.tracks) {
    clean(t.name);
    clean(t.description);
  }
  for (auto& g : c.facts.participants_by_group) clean(g.label);
  for (auto& ch : c.chapters) {
    clean(ch.title);
    clean(ch.introduction);
    for (auto& p : ch.proposals) {
      clean(p.title);
      clean(p.track);
      clean(p.summary);
      for (auto& s : p.sections) {
        clean(s.heading);
        clean(s.markdown);
      }
      if (p.vote) clean(p.vote->groups);
      for (auto& m : p.team) {
        clean(m.name);
        clean(m.organisation);
      }
      for (auto& i : p.source_ideas) clean(i);
    }
  }
  for (auto& t : c.annex) {
    clean(t.track);
    for (auto& i : t.ideas) clean(i.text);
  }
  for (auto& i : c.facilitator.ideas) {
    clean(i.track);
    clean(i.text);
    clean(i.author);
  }
  for (auto& v : c.facilitator.votes) {
    clean(v.round_title);
    clean(v.method);
    clean(v.item_label);
    clean(v.groups);
  }
  for (auto& p : c.facilitator.participants) {
    clean(p.name);
    clean(p.organisation);
    clean(p.group);
    clean(p.track);
    clean(p.table);
    clean(p.role);
  }
  return c;
}

}  // namespace rt::report
