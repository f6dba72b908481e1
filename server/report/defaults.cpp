// defaults.cpp: the default agenda, template and groups in a language (defaults.hpp).
#include "report/defaults.hpp"

#include <set>
#include <string>

#include "report/words.hpp"

namespace rt::report {

std::vector<domain::phase> default_agenda(std::string_view language) {
  const words w(language);
  auto agenda = domain::default_agenda();
  for (auto& p : agenda) {
    p.title = w.text("default.phase." + std::string(domain::to_string(p.kind)));
  }
  return agenda;
}

std::vector<domain::template_section> default_template(std::string_view language) {
  const words w(language);
  auto sections = domain::default_template();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string key = "default.section." + std::to_string(i + 1);
    sections[i].heading = w.text(key + ".heading");
    sections[i].hint = w.text(key + ".hint");
  }
  return sections;
}

std::vector<domain::stakeholder_group> default_groups(std::string_view language) {
  const words w(language);
  auto groups = domain::default_groups();
  for (auto& g : groups) g.label = w.text("default.group." + g.code);
  return groups;
}

bool is_summary_heading(std::string_view heading) {
  std::string lower;
  for (char c : heading)
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (lower.find("summary") != std::string::npos) return true;
  // The catalogues' own entries: no ICU formatter is made for this.
  static const std::set<std::string, std::less<>> defaults = [] {
    std::set<std::string, std::less<>> out;
    for (const auto code : domain::language_codes) {
      for (const auto& [key, text] : words::entries(code)) {
        if (key == "default.section.1.heading") out.insert(text);
      }
    }
    return out;
  }();
  return defaults.contains(heading);
}

}  // namespace rt::report
