// errors.hpp: the protocol's error codes, as one enum with one table of names and defaults.
//
// Every refusal the server sends carries one of these codes; docs/protocol.md lists them in
// the same order, and tests/protocol/error_table_test.cpp checks that the two agree. A new
// code is one line in `error_table` (and one row in the doc).
// Thread-safety: constants only.
#pragma once

#include <array>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace rt::domain {

enum class errc {
  bad_json,
  binary_frame,
  bad_command,
  unknown_type,
  bad_text,
  bad_value,
  bad_code,
  bad_token,
  bad_secret,
  locked,
  not_joined,
  already_joined,
  forbidden,
  not_found,
  not_author,
  wrong_phase,
  over_budget,
  round_closed,
  own_idea,
  not_eligible,
  frozen,
  too_large,
  not_published,
  bad_roster,
  join_closed,
  removed,
  revoked,
  event_closed,
  not_exported,
  event_deleted,
  rate_limited,
  storage_failed,
  shutting_down,
};

struct error_info {
  errc code;
  std::string_view name;     // on the wire: "bad_text"
  std::string_view message;  // the default English message, when nothing more precise is said
  unsigned http_status;      // as an HTTP answer
};

// In the enum's order; one row per code.
inline constexpr std::array<error_info, 33> error_table{{
    {errc::bad_json, "bad_json", "The frame is not a JSON object.", 400},
    {errc::binary_frame, "binary_frame", "Binary frames are not part of the protocol.", 400},
    {errc::bad_command, "bad_command", "A field is missing or has the wrong type.", 400},
    {errc::unknown_type, "unknown_type", "This is not a command of the protocol.", 400},
    {errc::bad_text, "bad_text", "The text is empty, not valid UTF-8, or too long.", 400},
    {errc::bad_value, "bad_value", "A field has a value outside its set.", 400},
    {errc::bad_code, "bad_code", "No event has this join code.", 404},
    {errc::bad_token, "bad_token", "The token is unknown.", 401},
    {errc::bad_secret, "bad_secret", "The admin secret is wrong.", 403},
    {errc::locked, "locked", "Too many wrong secrets: locked out for a while.", 429},
    {errc::not_joined, "not_joined", "Join the event or say hello first.", 400},
    {errc::already_joined, "already_joined", "This connection already has an identity.", 400},
    {errc::forbidden, "forbidden", "Your role may not do this.", 403},
    {errc::not_found, "not_found", "It does not exist in this event.", 404},
    {errc::not_author, "not_author", "It belongs to someone else.", 403},
    {errc::wrong_phase, "wrong_phase", "The current phase does not allow this.", 400},
    {errc::over_budget, "over_budget", "This would cost more than the budget left.", 400},
    {errc::round_closed, "round_closed", "The vote round is closed.", 400},
    {errc::own_idea, "own_idea", "This round does not take votes for your own ideas.", 400},
    {errc::not_eligible, "not_eligible", "You may not vote in this round.", 403},
    {errc::frozen, "frozen", "Proposals are frozen.", 400},
    {errc::too_large, "too_large", "It is larger than allowed.", 413},
    {errc::not_published, "not_published", "The report is not published yet.", 403},
    {errc::bad_roster, "bad_roster", "The roster has problems.", 400},
    {errc::join_closed, "join_closed", "This event takes no new sign-ups with its code.", 403},
    {errc::removed, "removed", "You were removed from this event.", 403},
    {errc::revoked, "revoked", "This link was revoked.", 403},
    {errc::event_closed, "event_closed", "The event is closed: nothing can change any more.", 403},
    {errc::not_exported, "not_exported",
     "Download the event's archive after its last change before deleting it.", 409},
    {errc::event_deleted, "event_deleted", "This event was deleted.", 410},
    {errc::rate_limited, "rate_limited", "Too many commands per second.", 429},
    {errc::storage_failed, "storage_failed", "The change could not be saved; nothing changed.",
     503},
    {errc::shutting_down, "shutting_down", "The server is stopping; reconnect later.", 503},
}};

constexpr const error_info& info(errc c) { return error_table[static_cast<std::size_t>(c)]; }
constexpr std::string_view name(errc c) { return info(c).name; }
// The code with this wire name, if any.
std::optional<errc> parse_errc(std::string_view name);
std::ostream& operator<<(std::ostream& os, errc c);  // its name, for test output

// The table is in the enum's order.
static_assert([] {
  for (std::size_t i = 0; i < error_table.size(); ++i) {
    if (static_cast<std::size_t>(error_table[i].code) != i) return false;
  }
  return true;
}());
static_assert(static_cast<std::size_t>(errc::shutting_down) + 1 == error_table.size());

}  // namespace rt::domain
