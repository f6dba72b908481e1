// messages.hpp: what the server sends, serialised once as JSON text.
//
// Each function returns the JSON text of one message (no trailing newline). A change is
// serialised per audience, because who may see what differs: participants and viewers never
// see hidden ideas or the member list; facilitators see all of them; a track lead sees those
// of their own track (and the staff) only (the `lead_track` argument), and never e-mail
// addresses; an idea's
// author also sees their own hidden idea and gets "mine":true on their anonymous ones.
// Thread-safety: stateless; the event_state passed in must not change during the call.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/event_state.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"

namespace rt::protocol {

enum class audience { participant, staff, author };

inline audience audience_of(domain::role r) {
  return domain::is_staff(r) ? audience::staff : audience::participant;
}

std::string ack(std::string_view id);
// The answer to a client's keep-alive {"type":"ping"}: {"type":"pong"}.
std::string pong_message();
std::string ack(std::string_view id, const nlohmann::json& result);
std::string error_message(const std::optional<std::string>& id, const domain::error& e);
// The body of an HTTP error answer: {"error": code, "message": text}.
std::string http_error(const domain::error& e);

// An event's stakeholder groups: [{code, label}], in order.
nlohmann::json groups_json(const std::vector<domain::stakeholder_group>& groups);
nlohmann::json to_json(const domain::event_info& e);

// The limits of what people type and make, for clients to check before they send
// (docs/protocol.md, "Limits"): the `limits` of the event_info answer and of the snapshot.
// Lengths count code points; `sectionChars` counts UTF-16 units.
nlohmann::json limits_json();
// Sets the one limit the server's options change (--max-section-chars). Call once at start-up,
// before any connection; limits_json() only reads it afterwards.
void configure_limits(std::size_t section_chars);
// With the e-mail address (for facilitators and the member themself) or without.
nlohmann::json to_json(const domain::member& m, bool with_email = true);
nlohmann::json to_json(const domain::announcement& a);
nlohmann::json to_json(const domain::screen_state& s);
nlohmann::json to_json(const domain::cluster& c);
nlohmann::json to_json(const domain::table& t);
nlohmann::json to_json(const domain::vote_round& r);
nlohmann::json report_json(const domain::report_plan& r);
nlohmann::json template_json(const std::vector<domain::template_section>& sections);
// Names of the team's people ride along: participants have no member list.
nlohmann::json to_json(const domain::proposal& p, const domain::event_state& s);
// A proposal in the trash: as to_json, with `deletedAt`.
nlohmann::json trashed_json(const domain::proposal& p, const domain::event_state& s);
nlohmann::json to_json(const domain::comment& c, const domain::event_state& s);
// One accepted update of a section; with its `version` (after it) and time for history.
nlohmann::json update_json(const domain::accepted_update& u, bool with_version,
                           std::int64_t version);
// An accepted update as it travels: its ChangeSet already serialised (changes_json()).
struct wire_update {
  std::string client_id;
  std::string changes_json;
  domain::id_type member = 0;
  bool continues = false;
};
// The `section_updates` message: `updates` came after version `from_version`.
std::string section_updates_message(domain::id_type proposal, int section,
                                    std::int64_t from_version,
                                    const std::vector<wire_update>& updates);
// A round's results: per item votes, voters, rank, consensus and the split by group.
nlohmann::json results_json(const std::vector<domain::item_result>& results);
// The `results` message of a round (staff always; everyone when results are live).
std::string results_message(const domain::event_state& s, domain::id_type round);
// `turnout` of a round: how many eligible people voted, in all and per track. Staff also get
// `waiting`, the ids of eligible people who have not voted (a lead: of `lead_track` only).
std::string turnout_message(const domain::event_state& s, domain::id_type round, audience a,
                            domain::id_type lead_track = 0);
// Whether `a` sees a round's results now.
bool sees_results(const domain::vote_round& r, audience a);
// The member's own ballots, round by round, for the ack of hello.
nlohmann::json ballots_json(const domain::event_state& s, domain::id_type member);
// The agenda and its timer: phases, the phase being run, and when it ends (server time).
nlohmann::json agenda_json(const std::vector<domain::phase>& agenda, const domain::timer_state& t,
                           const domain::pacing_state& pacing);
// `as_author`: the recipient is the idea's author.
nlohmann::json to_json(const domain::idea& i, const domain::event_state& s, bool as_author);

// The id of the member who wrote the idea a change is about, if any: that member's
// connections get the `author` form.
std::optional<domain::id_type> subject_author(const domain::change& c);

// The `change` message for `a`, or nothing when `a` does not see this change. With
// audience::staff, a non-zero `lead_track` narrows it to that track's lead: hidden ideas and
// members of other tracks are seen as a participant sees them, and e-mails not at all.
std::optional<std::string> change_message(const domain::change& c, const domain::event_state& s,
                                          audience a, domain::id_type lead_track = 0);

// Whether a lead's form of `c` may differ from the facilitators' one (it is about people, a
// hidden idea or a pair of ideas dismissed as not duplicates); when it does not, leads share
// the facilitators' text.
bool differs_for_leads(const domain::change& c);

// The `snapshot` message for audience `a`. For participants, `me` adds what only that member
// sees of their own ideas (hidden ones, "mine" on anonymous ones). `lead_track` as for
// change_message.
std::string snapshot_message(const domain::event_state& s, audience a,
                             std::optional<domain::id_type> me, domain::id_type lead_track = 0);

// Whether `me` has ideas that make their snapshot differ from the shared participant one.
bool has_private_ideas(const domain::event_state& s, domain::id_type me);

// The `changes` message: the given change messages (already serialised) after `from`.
std::string changes_message(domain::seq_type from, domain::seq_type to,
                            const std::vector<const std::string*>& changes);

// The `presence` message: how many are connected, in all, per track and per UI language
// (`languages`: code -> members, each by their most recent connection's language); for staff
// also who.
std::string presence_message(std::size_t connected,
                             const std::map<domain::id_type, std::size_t>& by_track,
                             std::size_t staff, const std::vector<domain::id_type>* members,
                             const std::map<std::string, std::size_t>& languages);

// Serialises with invalid UTF-8 replaced, never throwing.
std::string dump(const nlohmann::json& j);

// What the event holds about one member, as they download it (my-data.json; member_data.cpp):
// the event, their profile (with e-mail), ideas, comments, votes, the ideas they support and
// proposal edits.
nlohmann::json member_data_json(const domain::event_state& s, const domain::member_data& d);

}  // namespace rt::protocol
