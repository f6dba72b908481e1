// changeset.cpp: the port of @codemirror/state's ChangeDesc / ChangeSet (see changeset.hpp).
//
// The functions below follow the JavaScript of @codemirror/state 6.x line by line (names in
// comments: addSection, addInsert, SectionIter, iterChanges, mapSet, composeSets) so that a
// reader can compare them. A CodeMirror `Text` is held as one string with '\n' between lines:
// Text.append is concatenation, Text.slice is substr, Text.length is size().
#include "changeset.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace rt::domain {

struct detail::change_access {
  static change_set make_set(std::vector<std::int64_t> sections,
                             std::vector<std::u16string> inserted) {
    change_set s;
    s.desc_ = change_desc(std::move(sections));
    s.inserted_ = std::move(inserted);
    return s;
  }
};

namespace {

using detail::change_access;
using sections_t = std::vector<std::int64_t>;
using texts_t = std::vector<std::u16string>;

const std::u16string empty_text;

[[noreturn]] void mismatch() { throw std::invalid_argument("Mismatched change set lengths"); }

// addSection
void add_section(sections_t& sections, std::int64_t len, std::int64_t ins,
                 bool force_join = false) {
  if (len == 0 && ins <= 0) return;
  const std::size_t n = sections.size();
  if (n >= 2 && ins <= 0 && ins == sections[n - 1]) {
    sections[n - 2] += len;
  } else if (n >= 2 && len == 0 && sections[n - 2] == 0) {
    sections[n - 1] += ins;
  } else if (force_join && n >= 2) {
    sections[n - 2] += len;
    sections[n - 1] += ins;
  } else {
    sections.push_back(len);
    sections.push_back(ins);
  }
}

// addInsert: appends to the last text when the last section already has one.
void add_insert(texts_t& values, const sections_t& sections, const std::u16string& value) {
  if (value.empty()) return;
  const std::ptrdiff_t index = (static_cast<std::ptrdiff_t>(sections.size()) - 2) >> 1;
  if (index < static_cast<std::ptrdiff_t>(values.size())) {
    if (values.empty()) values.emplace_back();  // JS would fail here; never reached
    values.back() += value;
  } else {
    while (static_cast<std::ptrdiff_t>(values.size()) < index) values.emplace_back();
    values.push_back(value);
  }
}

// SectionIter: walks the sections of a desc or set, possibly part of a section at a time.
struct section_iter {
  const sections_t& sections;
  const texts_t* inserted;  // null for a desc
  std::size_t i = 0;
  std::int64_t len = 0;
  std::int64_t ins = 0;
  std::int64_t off = 0;

  section_iter(const sections_t& s, const texts_t* t) : sections(s), inserted(t) { next(); }

  void next() {
    if (i < sections.size()) {
      len = sections[i++];
      ins = sections[i++];
    } else {
      len = 0;
      ins = -2;
    }
    off = 0;
  }
  bool done() const { return ins == -2; }
  std::int64_t len2() const { return ins < 0 ? len : ins; }
  std::int64_t index() const { return (static_cast<std::int64_t>(i) - 2) >> 1; }
  const std::u16string& text() const {
    const std::int64_t k = index();
    if (!inserted || k < 0 || k >= static_cast<std::int64_t>(inserted->size())) return empty_text;
    return (*inserted)[static_cast<std::size_t>(k)];
  }
  std::u16string text_bit(std::int64_t n) const {
    const std::u16string& t = text();
    const auto from = static_cast<std::size_t>(std::min<std::int64_t>(off, t.size()));
    return t.substr(from, static_cast<std::size_t>(n));
  }
  void forward(std::int64_t n) {
    if (n == len) {
      next();
    } else {
      len -= n;
      off += n;
    }
  }
  void forward2(std::int64_t n) {
    if (ins == -1) {
      forward(n);
    } else if (n == ins) {
      next();
    } else {
      ins -= n;
      off += n;
    }
  }
};

// mapSet: a copy of A that applies to the document after B (both start from the same
// document). Without `out_inserted` it maps descs (the sections are the same either way).
sections_t map_set(const sections_t& a_sections, const texts_t* a_inserted,
                   const sections_t& b_sections, bool before, texts_t* out_inserted) {
  sections_t sections;
  section_iter a(a_sections, a_inserted), b(b_sections, nullptr);
  // `inserted` tracks, for changes in A processed piece by piece, whether their content has
  // been inserted already; it refers to the section index.
  for (std::int64_t inserted = -1;;) {
    const auto a_i = static_cast<std::int64_t>(a.i);
    if ((a.done() && b.len) || (b.done() && a.len)) {
      mismatch();
    } else if (a.ins == -1 && b.ins == -1) {
      // Move across ranges skipped by both sets.
      const std::int64_t len = std::min(a.len, b.len);
      add_section(sections, len, -1);
      a.forward(len);
      b.forward(len);
    } else if (b.ins >= 0 && (a.ins < 0 || inserted == a_i ||
                              (a.off == 0 && (b.len < a.len || (b.len == a.len && !before))))) {
      // A change in B that comes before the next change in A (by start, then length, then
      // `before`): skip it, and process the changes in A it covers.
      std::int64_t len = b.len;
      add_section(sections, b.ins, -1);
      while (len) {
        const std::int64_t piece = std::min(a.len, len);
        if (a.ins >= 0 && inserted < static_cast<std::int64_t>(a.i) && a.len <= piece) {
          add_section(sections, 0, a.ins);
          if (out_inserted) add_insert(*out_inserted, sections, a.text());
          inserted = static_cast<std::int64_t>(a.i);
        }
        if (a.done() && piece == 0) mismatch();  // B longer than A: JS would loop forever
        a.forward(piece);
        len -= piece;
      }
      b.next();
    } else if (a.ins >= 0) {
      // The part of a change in A up to the start of the next non-deletion change in B.
      std::int64_t len = 0, left = a.len;
      while (left) {
        if (b.ins == -1) {
          const std::int64_t piece = std::min(left, b.len);
          len += piece;
          left -= piece;
          b.forward(piece);
        } else if (b.ins == 0 && b.len < left) {
          left -= b.len;
          b.next();
        } else {
          break;
        }
      }
      add_section(sections, len, inserted < a_i ? a.ins : 0);
      if (out_inserted && inserted < a_i) add_insert(*out_inserted, sections, a.text());
      inserted = a_i;
      a.forward(a.len - left);
    } else if (a.done() && b.done()) {
      return sections;
    } else {
      mismatch();
    }
  }
}

// composeSets: A followed by B.
sections_t compose_sets(const sections_t& a_sections, const texts_t* a_inserted,
                        const sections_t& b_sections, const texts_t* b_inserted,
                        texts_t* out_inserted) {
  sections_t sections;
  section_iter a(a_sections, a_inserted), b(b_sections, b_inserted);
  for (bool open = false;;) {
    if (a.done() && b.done()) {
      return sections;
    } else if (a.ins == 0) {  // deletion in A
      add_section(sections, a.len, 0, open);
      a.next();
    } else if (b.len == 0 && !b.done()) {  // insertion in B
      add_section(sections, 0, b.ins, open);
      if (out_inserted) add_insert(*out_inserted, sections, b.text());
      b.next();
    } else if (a.done() || b.done()) {
      mismatch();
    } else {
      const std::int64_t len = std::min(a.len2(), b.len);
      const std::size_t section_len = sections.size();
      if (a.ins == -1) {
        const std::int64_t ins_b = b.ins == -1 ? -1 : b.off ? 0 : b.ins;
        add_section(sections, len, ins_b, open);
        if (out_inserted && ins_b) add_insert(*out_inserted, sections, b.text());
      } else if (b.ins == -1) {
        add_section(sections, a.off ? 0 : a.len, len, open);
        if (out_inserted) add_insert(*out_inserted, sections, a.text_bit(len));
      } else {
        add_section(sections, a.off ? 0 : a.len, b.off ? 0 : b.ins, open);
        if (out_inserted && !b.off) add_insert(*out_inserted, sections, b.text());
      }
      open =
          (a.ins > len || (b.ins >= 0 && b.len > len)) && (open || sections.size() > section_len);
      a.forward2(len);
      b.forward(len);
    }
  }
}

// iterChanges
void iter_changes_impl(const sections_t& s, const texts_t* inserted_texts,
                       const std::function<void(std::int64_t, std::int64_t, std::int64_t,
                                                std::int64_t, const std::u16string&)>& f,
                       bool individual) {
  std::int64_t pos_a = 0, pos_b = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::int64_t len = s[i++], ins = s[i++];
    if (ins < 0) {
      pos_a += len;
      pos_b += len;
    } else {
      std::int64_t end_a = pos_a, end_b = pos_b;
      std::u16string text;
      for (;;) {
        end_a += len;
        end_b += ins;
        if (ins && inserted_texts) {
          const std::size_t k = (i - 2) >> 1;
          if (k < inserted_texts->size()) text += (*inserted_texts)[k];
        }
        if (individual || i == s.size() || s[i + 1] < 0) break;
        len = s[i++];
        ins = s[i++];
      }
      f(pos_a, end_a, pos_b, end_b, text);
      pos_a = end_a;
      pos_b = end_b;
    }
  }
}

bool is_high_surrogate(char16_t c) { return c >= 0xD800 && c <= 0xDBFF; }
bool is_low_surrogate(char16_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

// Splits `text` into lines at '\n'.
std::vector<std::u16string> split_lines(const std::u16string& text) {
  std::vector<std::u16string> lines(1);
  for (const char16_t c : text) {
    if (c == u'\n') {
      lines.emplace_back();
    } else {
      lines.back() += c;
    }
  }
  return lines;
}

}  // namespace

// ---- change_desc ----

std::int64_t change_desc::length() const {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < sections_.size(); i += 2) n += sections_[i];
  return n;
}

std::int64_t change_desc::new_length() const {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < sections_.size(); i += 2) {
    const std::int64_t ins = sections_[i + 1];
    n += ins < 0 ? sections_[i] : ins;
  }
  return n;
}

bool change_desc::empty() const {
  return sections_.empty() || (sections_.size() == 2 && sections_[1] < 0);
}

std::int64_t change_desc::inserted_length() const {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < sections_.size(); i += 2)
    n += std::max<std::int64_t>(0, sections_[i + 1]);
  return n;
}

change_desc change_desc::map_desc(const change_desc& other, bool before) const {
  if (other.empty()) return *this;
  return change_desc(map_set(sections_, nullptr, other.sections_, before, nullptr));
}

change_desc change_desc::compose_desc(const change_desc& other) const {
  if (empty()) return other;
  if (other.empty()) return *this;
  return change_desc(compose_sets(sections_, nullptr, other.sections_, nullptr, nullptr));
}

std::optional<std::int64_t> change_desc::map_pos(std::int64_t pos, int assoc, map_mode mode) const {
  std::int64_t pos_a = 0, pos_b = 0;
  for (std::size_t i = 0; i < sections_.size();) {
    const std::int64_t len = sections_[i++], ins = sections_[i++], end_a = pos_a + len;
    if (ins < 0) {
      if (end_a > pos) return pos_b + (pos - pos_a);
      pos_b += len;
    } else {
      if (mode != map_mode::simple && end_a >= pos &&
          ((mode == map_mode::track_del && pos_a < pos && end_a > pos) ||
           (mode == map_mode::track_before && pos_a < pos) ||
           (mode == map_mode::track_after && end_a > pos))) {
        return std::nullopt;
      }
      if (end_a > pos || (end_a == pos && assoc < 0 && !len)) {
        return pos == pos_a || assoc < 0 ? pos_b : pos_b + ins;
      }
      pos_b += ins;
    }
    pos_a = end_a;
  }
  if (pos > pos_a) {
    throw std::invalid_argument("Position " + std::to_string(pos) +
                                " is out of range for changeset of length " +
                                std::to_string(pos_a));
  }
  return pos_b;
}

void change_desc::iter_gaps(
    const std::function<void(std::int64_t, std::int64_t, std::int64_t)>& f) const {
  std::int64_t pos_a = 0, pos_b = 0;
  for (std::size_t i = 0; i < sections_.size();) {
    const std::int64_t len = sections_[i++], ins = sections_[i++];
    if (ins < 0) {
      f(pos_a, pos_b, len);
      pos_b += len;
    } else {
      pos_b += ins;
    }
    pos_a += len;
  }
}

// ---- change_set ----

change_set change_set::unchanged(std::int64_t length) {
  return change_access::make_set(length ? sections_t{length, -1} : sections_t{}, {});
}

result<change_set> change_set::from_parts(const std::vector<change_part>& parts) {
  sections_t sections;
  texts_t inserted;
  sections.reserve(parts.size() * 2);
  std::int64_t total = 0, total_new = 0, total_inserted = 0;
  const std::string limit = std::to_string(max_change_length);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const change_part& part = parts[i];
    const std::string where = "Part " + std::to_string(i) + " of the change";
    if (part.length < 0) return make_error(errc::bad_value, where + " has a negative length.");
    if (part.length > max_change_length) {
      return make_error(errc::bad_value, where + " is longer than " + limit + " characters.");
    }
    std::int64_t ins = -1;
    if (part.replace) {
      ins = 0;
      for (const std::u16string& line : part.lines) {
        if (line.find_first_of(u"\n\r") != std::u16string::npos) {
          return make_error(errc::bad_value, where + " has a line with a line break in it.");
        }
        ins += static_cast<std::int64_t>(line.size());
        if (ins > max_change_length) {
          return make_error(errc::bad_value,
                            where + " inserts more than " + limit + " characters.");
        }
      }
      if (!part.lines.empty()) ins += static_cast<std::int64_t>(part.lines.size()) - 1;
      if (part.length == 0 && ins == 0) {
        return make_error(errc::bad_value, where + " replaces nothing with nothing.");
      }
    } else if (part.length == 0) {
      return make_error(errc::bad_value, where + " keeps 0 characters.");
    }
    total += part.length;
    total_new += ins < 0 ? part.length : ins;
    total_inserted += std::max<std::int64_t>(0, ins);
    if (total > max_change_length || total_new > max_change_length ||
        total_inserted > max_change_length) {
      return make_error(errc::bad_value, "The change is longer than " + limit + " characters.");
    }
    sections.push_back(part.length);
    sections.push_back(ins);
    if (part.replace && part.lines.size() > 0) {
      // fromJSON: inserted[i] = Text.of(lines), even when that text is empty.
      while (inserted.size() < i) inserted.emplace_back();
      std::u16string text;
      text.reserve(static_cast<std::size_t>(ins));
      for (std::size_t k = 0; k < part.lines.size(); ++k) {
        if (k) text += u'\n';
        text += part.lines[k];
      }
      inserted.push_back(std::move(text));
    }
  }
  return change_access::make_set(std::move(sections), std::move(inserted));
}

result<change_set> change_set::replace_range(std::int64_t length, std::int64_t from,
                                             std::int64_t to, const std::u16string& insert) {
  if (length < 0 || from < 0 || from > to || to > length) {
    return make_error(errc::bad_value, "The range " + std::to_string(from) + " to " +
                                           std::to_string(to) + " is not in a text of " +
                                           std::to_string(length) + " characters.");
  }
  if (insert.find(u'\r') != std::u16string::npos) {
    return make_error(errc::bad_value, "Line breaks are written as \\n alone.");
  }
  sections_t sections;
  texts_t inserted;
  add_section(sections, from, -1);
  add_section(sections, to - from, static_cast<std::int64_t>(insert.size()));
  add_insert(inserted, sections, insert);
  add_section(sections, length - to, -1);
  return change_access::make_set(std::move(sections), std::move(inserted));
}

change_set change_set::replace_all(const std::u16string& from, const std::u16string& to_raw) {
  std::u16string to;
  to.reserve(to_raw.size());
  for (std::size_t i = 0; i < to_raw.size(); ++i) {
    if (to_raw[i] == u'\r') {
      to += u'\n';
      if (i + 1 < to_raw.size() && to_raw[i + 1] == u'\n') ++i;
    } else {
      to += to_raw[i];
    }
  }
  const std::size_t max_common = std::min(from.size(), to.size());
  std::size_t prefix = 0;
  while (prefix < max_common && from[prefix] == to[prefix]) ++prefix;
  if (prefix > 0 && is_high_surrogate(from[prefix - 1])) --prefix;
  std::size_t suffix = 0;
  while (suffix < max_common - prefix &&
         from[from.size() - 1 - suffix] == to[to.size() - 1 - suffix]) {
    ++suffix;
  }
  if (suffix > 0 && is_low_surrogate(from[from.size() - suffix])) --suffix;
  const auto length = static_cast<std::int64_t>(from.size());
  if (from == to) return unchanged(length);
  sections_t sections;
  texts_t inserted;
  const std::u16string middle = to.substr(prefix, to.size() - prefix - suffix);
  add_section(sections, static_cast<std::int64_t>(prefix), -1);
  add_section(sections, static_cast<std::int64_t>(from.size() - prefix - suffix),
              static_cast<std::int64_t>(middle.size()));
  add_insert(inserted, sections, middle);
  add_section(sections, static_cast<std::int64_t>(suffix), -1);
  return change_access::make_set(std::move(sections), std::move(inserted));
}

bool change_set::splits_surrogate_pair(const std::u16string& doc) const {
  if (static_cast<std::int64_t>(doc.size()) != length()) {
    throw std::invalid_argument("splits_surrogate_pair: the document has another length");
  }
  // A boundary at `pos` splits a pair when a high surrogate is just before it and a low one
  // just after it.
  const auto inside_pair = [&doc](std::int64_t pos) {
    const auto p = static_cast<std::size_t>(pos);
    return p > 0 && p < doc.size() && is_high_surrogate(doc[p - 1]) && is_low_surrogate(doc[p]);
  };
  const auto lone_half = [](const std::u16string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (is_high_surrogate(text[i])) {
        if (i + 1 >= text.size() || !is_low_surrogate(text[i + 1])) return true;
        ++i;
      } else if (is_low_surrogate(text[i])) {
        return true;
      }
    }
    return false;
  };
  bool splits = false;
  iter_changes(
      [&](std::int64_t from_a, std::int64_t to_a, std::int64_t, std::int64_t,
          const std::u16string& inserted) {
        if (inside_pair(from_a) || inside_pair(to_a) || lone_half(inserted)) splits = true;
      },
      false);  // adjacent changes together: a pair may be inserted in two adjacent parts
  return splits;
}

std::vector<change_part> change_set::to_parts() const {
  std::vector<change_part> parts;
  const sections_t& s = desc_.sections();
  parts.reserve(s.size() / 2);
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const std::int64_t len = s[i], ins = s[i + 1];
    if (ins < 0) {
      parts.push_back({len, false, {}});
    } else if (ins == 0) {
      parts.push_back({len, true, {}});
    } else {
      const std::size_t k = i >> 1;
      parts.push_back({len, true, split_lines(k < inserted_.size() ? inserted_[k] : empty_text)});
    }
  }
  return parts;
}

std::u16string change_set::apply(const std::u16string& doc) const {
  if (static_cast<std::int64_t>(doc.size()) != length()) {
    throw std::invalid_argument("Applying change set to a document with the wrong length");
  }
  std::u16string out;
  out.reserve(static_cast<std::size_t>(new_length()));
  std::size_t copied = 0;
  iter_changes_impl(
      desc_.sections(), &inserted_,
      [&](std::int64_t from_a, std::int64_t to_a, std::int64_t, std::int64_t,
          const std::u16string& text) {
        out.append(doc, copied, static_cast<std::size_t>(from_a) - copied);
        out += text;
        copied = static_cast<std::size_t>(to_a);
      },
      false);
  out.append(doc, copied, std::u16string::npos);
  return out;
}

result<std::u16string> change_set::try_apply(const std::u16string& doc) const {
  if (static_cast<std::int64_t>(doc.size()) != length()) {
    return make_error(errc::bad_value, "The change is for a text of " + std::to_string(length()) +
                                           " characters, but the text has " +
                                           std::to_string(doc.size()) + ".");
  }
  return apply(doc);
}

change_set change_set::compose(const change_set& other) const {
  if (empty()) return other;
  if (other.empty()) return *this;
  texts_t inserted;
  sections_t sections = compose_sets(desc_.sections(), &inserted_, other.desc_.sections(),
                                     &other.inserted_, &inserted);
  return change_access::make_set(std::move(sections), std::move(inserted));
}

change_set change_set::map(const change_desc& other, bool before) const {
  if (other.empty()) return *this;
  texts_t inserted;
  sections_t sections = map_set(desc_.sections(), &inserted_, other.sections(), before, &inserted);
  return change_access::make_set(std::move(sections), std::move(inserted));
}

change_set change_set::map_desc(const change_desc& other, bool before) const {
  texts_t inserted;
  sections_t sections = map_set(desc_.sections(), &inserted_, other.sections(), before, &inserted);
  return change_access::make_set(std::move(sections), std::move(inserted));
}

void change_set::iter_changes(const std::function<void(std::int64_t, std::int64_t, std::int64_t,
                                                       std::int64_t, const std::u16string&)>& f,
                              bool individual) const {
  iter_changes_impl(desc_.sections(), &inserted_, f, individual);
}

}  // namespace rt::domain
