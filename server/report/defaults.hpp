// defaults.hpp: a new event's agenda, proposal template and stakeholder groups in the
// event's language.
//
// domain::default_agenda(), default_template() and default_groups() are the English
// originals; these take the same phases (kinds and minutes), sections and group codes with the
// titles, headings, hints and labels of the language's catalogue (default.phase.<kind>,
// default.section.<n>.heading/.hint, default.group.<code>). They are content: stored with the
// event when it is created, edited by the facilitator like any other, and left as they are
// when the event's language changes later.
#pragma once

#include <string_view>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/model.hpp"

namespace rt::report {

std::vector<domain::phase> default_agenda(std::string_view language);
std::vector<domain::template_section> default_template(std::string_view language);
// The nine usual stakeholder groups (domain::default_groups(): the same codes) with their
// labels in the language (default.group.<code>).
std::vector<domain::stakeholder_group> default_groups(std::string_view language);

// Whether a template's first heading marks a one-line summary: it contains "summary" (any
// case), or it is the default template's summary heading in any of the languages (an event
// created in German and switched to English keeps its "Zusammenfassung in einem Satz").
bool is_summary_heading(std::string_view heading);

}  // namespace rt::report
