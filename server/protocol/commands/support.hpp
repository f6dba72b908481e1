// support.hpp: what every command type is made of: a field reader for its parser, and the
// context and outcome of its domain handler.
//
// A command type (one per wire name) carries three things, in one place:
//   static constexpr std::string_view name;          // its `type` on the wire
//   static domain::result<T> parse(const fields& f); // shapes and types only (bad_command,
//                                                    // bad_value); rules live in the domain
//   domain::result<outcome> apply(const context& x) const;  // room commands only: the domain
//                                                    // rule, its change and the ack's result
// Thread-safety: stateless; `apply` runs on the event's strand (it changes `x.state`).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/changeset.hpp"
#include "domain/collab.hpp"
#include "domain/event_state.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"
#include "domain/voting.hpp"

namespace rt::protocol {

using domain::id_type;

// Field readers: each fails with bad_command naming the field.
struct fields {
  const nlohmann::json& j;

  domain::error missing(const char* field, const char* want) const;
  domain::result<std::string> str(const char* field) const;
  domain::result<std::string> opt_str(const char* field) const;  // absent or null: ""
  // An integer of at least `min` (0 or 1).
  domain::result<std::int64_t> integer(const char* field, std::int64_t min = 0) const;
  // A positive id (a track, a cluster, a table), or null/absent for none.
  domain::result<std::optional<std::int64_t>> opt_id(const char* field) const;
  // A list of positive ids; absent or null: none.
  domain::result<std::vector<std::int64_t>> ids(const char* field) const;
  domain::result<bool> boolean(const char* field, std::optional<bool> fallback = {}) const;
  // Present and not null.
  bool has(const char* field) const;
};

// What a room command's handler works on.
struct context {
  domain::event_state& state;
  domain::id_type actor;          // the member who sent it
  domain::millis now;             // the room's clock
  const std::string& token;       // create_link: the new link's "CODE.secret"; else empty
  const std::string& token_hash;  // its hash, the only form stored
};

// What a room command's handler returns when the domain accepts it.
struct outcome {
  domain::change change;    // committed, then fanned out to every screen
  nlohmann::json result;    // the ack's `result`; null: a plain ack
  bool keep_answer = true;  // false: the ack holds a secret and is never stored
};

// Each command's parse() and apply() return early on an error with these.
#define RT_TRY(var, expr)             \
  auto var##_r = (expr);              \
  if (!var##_r) return var##_r.err(); \
  auto var = std::move(var##_r.value())

// An outcome with no result: a plain ack.
inline domain::result<outcome> plain(domain::result<domain::change> ch) {
  if (!ch) return ch.err();
  return outcome{std::move(ch.value()), nullptr, true};
}

}  // namespace rt::protocol
