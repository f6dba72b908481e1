// Tests of a new event's agenda and proposal template in its language (report/defaults.hpp):
// every language has them, within the limits a facilitator's own would be held to, and the
// report recognises each language's summary heading.
#include "catch.hpp"

#include <set>
#include <string>

#include "domain/event_state.hpp"
#include "report/defaults.hpp"

using namespace rt;

TEST_CASE("every language has the default agenda and template, within the usual limits") {
  const auto english_agenda = domain::default_agenda();
  const auto english_template = domain::default_template();
  CHECK(report::default_agenda("en") == english_agenda);
  CHECK(report::default_template("en") == english_template);
  std::set<std::string> summaries;
  for (const auto code : domain::language_codes) {
    INFO("language " << code);
    const auto agenda = report::default_agenda(code);
    REQUIRE(agenda.size() == english_agenda.size());
    std::vector<domain::phase_draft> drafts;
    for (std::size_t i = 0; i < agenda.size(); ++i) {
      CHECK(agenda[i].kind == english_agenda[i].kind);
      CHECK(agenda[i].planned == english_agenda[i].planned);
      drafts.push_back({std::string(domain::to_string(agenda[i].kind)), agenda[i].title,
                        agenda[i].planned / 60'000});
    }
    // The facilitator's set_agenda would take it back unchanged.
    const auto made = domain::make_agenda(drafts);
    REQUIRE(made);
    CHECK(made.value() == agenda);

    const auto sections = report::default_template(code);
    REQUIRE(sections.size() == english_template.size());
    std::set<std::string> headings;
    for (const auto& s : sections) {
      CHECK(domain::clean_text(s.heading, domain::heading_rule).value() == s.heading);
      CHECK(domain::clean_text(s.hint, domain::hint_rule).value() == s.hint);
      CHECK(headings.insert(s.heading).second);
    }
    if (code != "en") {
      CHECK(sections[0].heading != english_template[0].heading);
      CHECK(agenda[1].title != english_agenda[1].title);
    }
    // The first heading is the summary's, whatever the event's language is now.
    CHECK(report::is_summary_heading(sections[0].heading));
    for (std::size_t i = 1; i < sections.size(); ++i) {
      CHECK_FALSE(report::is_summary_heading(sections[i].heading));
    }
    summaries.insert(sections[0].heading);
  }
  CHECK(summaries.size() == domain::language_codes.size());
  CHECK(report::is_summary_heading("Executive SUMMARY"));
  CHECK_FALSE(report::is_summary_heading("Zusammenfassung"));  // only the default's words
  CHECK_FALSE(report::is_summary_heading("The problem"));
}

TEST_CASE("every language names the nine usual groups, as an event's own groups would be") {
  CHECK(report::default_groups("en") == domain::default_groups());
  for (const auto code : domain::language_codes) {
    INFO("language " << code);
    const auto groups = report::default_groups(code);
    REQUIRE(groups.size() == domain::default_groups().size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
      CHECK(groups[i].code == domain::default_groups()[i].code);
    }
    // The rules create_event and set_groups apply: labels clean, short and distinct.
    const auto checked = domain::check_groups(groups);
    REQUIRE(checked.ok());
    CHECK(checked.value() == groups);
    if (code != "en") CHECK(groups != domain::default_groups());
  }
}
