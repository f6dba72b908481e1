// member_edits.hpp: a member's section update as their own download shows it (data_of, and
// the server's read of older updates from the database). Pure; thread-safe.
#pragma once

#include "event_state.hpp"

namespace rt::domain {

// The edit `u` made: where, when, and the text it inserted (UTF-8; "" when it only deleted).
member_data::edit edit_of(id_type proposal, int section, std::int64_t version,
                          const accepted_update& u);

}  // namespace rt::domain
