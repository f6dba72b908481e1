// build.hpp: the report document of an event, built from its state.
//
// In the event's language (event_info::language): its fixed texts, dates and numbers.
// Reads the facilitator's plan (report_plan: texts, chapters, the final round), the proposals
// and their sections' texts, the vote results, the members who agreed to be credited, and
// every idea. Pure: no clock (the date is the plan's, or the event's creation day).
// Thread-safety: reads `s`, which must not change during the call.
#pragma once

#include "domain/event_state.hpp"
#include "report/document.hpp"

namespace rt::report {

// `with_facilitator_data`: fill `document::facilitator` (every idea with its author, every
// round's results, every member); for a facilitator's exports only.
document build_document(const domain::event_state& s, bool with_facilitator_data);

}  // namespace rt::report
