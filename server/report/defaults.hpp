// defaults.hpp: a new event's agenda and proposal template in the event's language.
//
// domain::default_agenda() and domain::default_template() are the English originals; these
// take the same phases (kinds and minutes) and sections with the titles, headings and hints of
// the language's catalogue (default.phase.<kind>, default.section.<n>.heading/.hint). They are
// content: stored with the event when it is created, edited by the facilitator like any other,
// and left as they are when the event's language changes later.
#pragma once

#include <string_view>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/model.hpp"

namespace rt::report {

std::vector<domain::phase> default_agenda(std::string_view language);
std::vector<domain::template_section> default_template(std::string_view language);

// Whether a template's first heading marks a one-line summary: it contains "summary" (any
// case), or it is the default summary heading of the report's language.
bool is_summary_heading(std::string_view heading, std::string_view language);

}  // namespace rt::report
