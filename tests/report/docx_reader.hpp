// docx_reader.hpp: reading back a .docx in tests: its ZIP entries (through libzip) and the
// paragraphs of word/document.xml (style, text, page break), by plain string search.
#pragma once

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace rt::report::test {

struct zip_entry {
  std::string name;
  std::string data;
};

// The entries of the ZIP archive `bytes`, in the archive's order. Throws std::runtime_error
// when libzip cannot read it.
inline std::vector<zip_entry> unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) throw std::runtime_error(zip_error_strerror(&error));
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(src);
    throw std::runtime_error(zip_error_strerror(&error));
  }
  std::vector<zip_entry> entries;
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t k = 0; k < n; ++k) {
    zip_stat_t st;
    zip_stat_init(&st);
    zip_file_t* f =
        zip_stat_index(archive, k, 0, &st) == 0 ? zip_fopen_index(archive, k, 0) : nullptr;
    if (f == nullptr) {
      zip_discard(archive);
      throw std::runtime_error("cannot open entry " + std::to_string(k));
    }
    std::string data(st.size, '\0');
    const zip_int64_t got = zip_fread(f, data.data(), data.size());
    zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) {
      zip_discard(archive);
      throw std::runtime_error(std::string("short read of ") + st.name);
    }
    entries.push_back({st.name, std::move(data)});
  }
  zip_discard(archive);  // frees `src` too
  return entries;
}

inline const std::string* find_entry(const std::vector<zip_entry>& entries,
                                     const std::string& name) {
  for (const auto& e : entries) {
    if (e.name == name) return &e.data;
  }
  return nullptr;
}

inline std::string xml_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    out += ref == "amp" ? "&" : ref == "lt" ? "<" : ref == "gt" ? ">" : ref == "quot" ? "\"" : "'";
    i = semi;
  }
  return out;
}

struct docx_paragraph {
  std::string style;  // "" for Normal
  std::string text;   // its w:t texts, unescaped; w:br as "\n"
  bool page_break_before = false;
  bool numbered = false;  // has w:numPr
  std::string xml;
};

// The paragraphs of a document.xml as we write it (no nested paragraphs).
inline std::vector<docx_paragraph> paragraphs(const std::string& xml) {
  std::vector<docx_paragraph> out;
  std::size_t i = 0;
  while ((i = xml.find("<w:p>", i)) != std::string::npos) {
    const std::size_t end = xml.find("</w:p>", i);
    docx_paragraph p;
    p.xml = xml.substr(i, end - i);
    const std::size_t s = p.xml.find("<w:pStyle w:val=\"");
    if (s != std::string::npos) {
      const std::size_t v = s + 17;
      p.style = p.xml.substr(v, p.xml.find('"', v) - v);
    }
    p.page_break_before = p.xml.find("<w:pageBreakBefore/>") != std::string::npos;
    p.numbered = p.xml.find("<w:numPr>") != std::string::npos;
    for (std::size_t t = 0; (t = p.xml.find("<w:", t)) != std::string::npos; ++t) {
      if (p.xml.compare(t, 5, "<w:br") == 0) p.text += "\n";
      if (p.xml.compare(t, 5, "<w:t>") != 0 && p.xml.compare(t, 5, "<w:t ") != 0) continue;
      const std::size_t open_end = p.xml.find('>', t) + 1;
      p.text += xml_unescape(p.xml.substr(open_end, p.xml.find("</w:t>", open_end) - open_end));
    }
    out.push_back(std::move(p));
    i = end;
  }
  return out;
}

// The texts of the paragraphs with style `style`, in order.
inline std::vector<std::string> texts_with_style(const std::vector<docx_paragraph>& ps,
                                                 const std::string& style) {
  std::vector<std::string> out;
  for (const auto& p : ps) {
    if (p.style == style) out.push_back(p.text);
  }
  return out;
}

}  // namespace rt::report::test
