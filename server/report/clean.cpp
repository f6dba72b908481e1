// clean.cpp: removing invisible and control characters; the document-wide pass.
#include "clean.hpp"

namespace rt::report {
namespace {

// Decodes one code point at s[i]; returns its byte length, or 0 when malformed.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len;
  char32_t min;
  if (b0 < 0x80) { cp = b0; return 1; }
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_removed(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C || c == 0xFFFE ||
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
    const std::size_t n = decode(s, i, cp);
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
