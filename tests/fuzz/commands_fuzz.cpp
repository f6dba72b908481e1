// commands_fuzz.cpp: libFuzzer harness for protocol::parse_command, which reads every text
// frame a client sends (server/protocol/commands.hpp).
//
// Whatever the bytes, parse_command returns (it never throws) and:
//   - a command has an id of 1 to 64 characters (code points) of valid UTF-8, and values
//     within the bounds the parser promises (positive ids, a section, phase or vote count up
//     to 1000, at most 100 tracks, phases, sections, chapters or updates, at most 20 tracks
//     chosen to vote in a round, a clientID of 1 to 64 bytes, change sets that from_parts
//     accepted);
//   - a refusal carries one of the parser's error codes, and an id only when that id is valid;
//   - what the server answers (ack, error message) and logs (type_name) is made without
//     throwing, and the answer is JSON that carries the same id;
//   - the same JSON value written out again (no spaces, keys sorted, duplicates gone) parses
//     to the same outcome: the parser reads values, not their spelling;
//   - each update of a push applies to a document of its length, giving its new length.
// Seeds: corpus/commands/ (every command of docs/protocol.md); dictionary: commands.dict.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "check.hpp"
#include "domain/text.hpp"
#include "protocol/commands.hpp"
#include "protocol/messages.hpp"

namespace {

using nlohmann::json;
using namespace rt;
using namespace rt::protocol;

bool valid_id(const std::string& id) {
  return !id.empty() && domain::is_valid_utf8(id) && domain::count_code_points(id) <= 64;
}

bool positive_ids(const std::vector<std::int64_t>& ids) {
  for (const auto id : ids)
    if (id < 1) return false;
  return ids.size() <= 10'000;
}

bool opt_positive(const std::optional<std::int64_t>& id) { return !id || *id >= 1; }

// The bounds parse_command promises for each kind of command it accepts.
void check_bounds(const command_body& body) {
  if (const auto* c = std::get_if<join_cmd>(&body)) RT_FUZZ_CHECK(c->draft.track >= 1);
  if (const auto* c = std::get_if<hello_cmd>(&body)) RT_FUZZ_CHECK(c->last_seq >= 0);
  if (const auto* c = std::get_if<post_idea_cmd>(&body)) RT_FUZZ_CHECK(c->track >= 1);
  if (const auto* c = std::get_if<edit_idea_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<delete_idea_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<hide_idea_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<unhide_idea_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<create_link_cmd>(&body)) RT_FUZZ_CHECK(opt_positive(c->track));
  if (const auto* c = std::get_if<create_event_cmd>(&body)) {
    RT_FUZZ_CHECK(c->tracks.size() <= 100 && (!c->groups || c->groups->size() <= 100));
  }
  if (const auto* c = std::get_if<set_groups_cmd>(&body)) RT_FUZZ_CHECK(c->groups.size() <= 100);
  if (const auto* c = std::get_if<edit_member_cmd>(&body)) RT_FUZZ_CHECK(c->member >= 1);
  if (const auto* c = std::get_if<set_agenda_cmd>(&body)) RT_FUZZ_CHECK(c->phases.size() <= 100);
  if (const auto* c = std::get_if<go_to_phase_cmd>(&body)) {
    RT_FUZZ_CHECK(c->index >= 0 && c->index <= 1000);
  }
  if (const auto* c = std::get_if<announce_cmd>(&body)) RT_FUZZ_CHECK(opt_positive(c->track));
  if (const auto* c = std::get_if<set_screen_cmd>(&body)) {
    RT_FUZZ_CHECK(!c->track || opt_positive(*c->track));
    RT_FUZZ_CHECK(!c->round || opt_positive(*c->round));
  }
  if (const auto* c = std::get_if<rename_link_cmd>(&body)) RT_FUZZ_CHECK(c->member >= 1);
  if (const auto* c = std::get_if<revoke_link_cmd>(&body)) RT_FUZZ_CHECK(c->member >= 1);
  if (const auto* c = std::get_if<reissue_link_cmd>(&body)) RT_FUZZ_CHECK(c->member >= 1);
  if (const auto* c = std::get_if<issue_facilitator_link_cmd>(&body)) {
    RT_FUZZ_CHECK(c->event >= 1 && !c->person.empty());
  }
  if (const auto* c = std::get_if<set_event_status_cmd>(&body)) RT_FUZZ_CHECK(c->event >= 1);
  if (const auto* c = std::get_if<delete_event_cmd>(&body)) RT_FUZZ_CHECK(c->event >= 1);
  if (const auto* c = std::get_if<erase_member_cmd>(&body)) RT_FUZZ_CHECK(c->member >= 1);
  if (const auto* c = std::get_if<set_retention_cmd>(&body)) {
    RT_FUZZ_CHECK(!c->days || (*c->days >= 0 && *c->days <= set_retention_cmd::max_days));
  }
  if (const auto* c = std::get_if<restore_proposal_cmd>(&body)) RT_FUZZ_CHECK(c->proposal >= 1);
  if (const auto* c = std::get_if<merge_idea_cmd>(&body)) {
    RT_FUZZ_CHECK(c->idea >= 1 && c->into >= 1);
  }
  if (const auto* c = std::get_if<support_idea_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<withdraw_support_cmd>(&body)) RT_FUZZ_CHECK(c->idea >= 1);
  if (const auto* c = std::get_if<dismiss_duplicate_cmd>(&body)) {
    RT_FUZZ_CHECK(c->a >= 1 && c->b >= 1);
  }
  if (const auto* c = std::get_if<restore_duplicate_cmd>(&body)) {
    RT_FUZZ_CHECK(c->a >= 1 && c->b >= 1);
  }
  if (const auto* c = std::get_if<cluster_idea_cmd>(&body)) {
    RT_FUZZ_CHECK(c->idea >= 1 && opt_positive(c->cluster));
  }
  if (const auto* c = std::get_if<move_member_cmd>(&body)) {
    RT_FUZZ_CHECK(c->member >= 1 && c->track >= 1 && opt_positive(c->table));
  }
  if (const auto* c = std::get_if<set_track_phase_cmd>(&body)) {
    RT_FUZZ_CHECK(c->track >= 1 && (!c->index || (*c->index >= 0 && *c->index <= 1000)));
  }
  if (const auto* c = std::get_if<open_round_cmd>(&body)) {
    RT_FUZZ_CHECK(opt_positive(c->track));
    RT_FUZZ_CHECK(c->rules.budget >= -1000 && c->rules.budget <= 1000);
    RT_FUZZ_CHECK(c->rules.max_per_item >= -1000 && c->rules.max_per_item <= 1000);
    // Who votes: "track" or "everyone" with no list, or at most max_tracks positive ids.
    if (c->eligible) {
      const auto& e = *c->eligible;
      RT_FUZZ_CHECK(e.who == domain::voters::tracks || e.tracks.empty());
      RT_FUZZ_CHECK(e.tracks.size() <= domain::max_tracks && positive_ids(e.tracks));
    }
  }
  if (const auto* c = std::get_if<close_round_cmd>(&body)) RT_FUZZ_CHECK(c->round >= 1);
  if (const auto* c = std::get_if<reveal_round_cmd>(&body)) RT_FUZZ_CHECK(c->round >= 1);
  if (const auto* c = std::get_if<reopen_round_cmd>(&body)) RT_FUZZ_CHECK(c->round >= 1);
  if (const auto* c = std::get_if<vote_cmd>(&body)) {
    RT_FUZZ_CHECK(c->round >= 1 && c->item >= 1 && c->votes >= 0 && c->votes <= 1000);
  }
  if (const auto* c = std::get_if<set_template_cmd>(&body)) {
    RT_FUZZ_CHECK(c->sections.size() <= rt::domain::max_template_sections);
  }
  if (const auto* c = std::get_if<create_proposal_cmd>(&body)) {
    RT_FUZZ_CHECK(c->draft.track >= 1 && positive_ids(c->draft.ideas) &&
                  positive_ids(c->draft.team) && opt_positive(c->draft.cluster) &&
                  opt_positive(c->draft.table));
  }
  if (const auto* c = std::get_if<update_proposal_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && (!c->team || positive_ids(*c->team)));
  }
  if (const auto* c = std::get_if<open_section_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && c->section >= 0 && c->section <= 1000);
    RT_FUZZ_CHECK(!c->version || *c->version >= 0);
  }
  if (const auto* c = std::get_if<close_section_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && c->section >= 0 && c->section <= 1000);
  }
  if (const auto* c = std::get_if<section_history_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && c->section >= 0 && c->section <= 1000 && c->from >= 0);
  }
  if (const auto* c = std::get_if<cursor_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && c->section >= 0 && c->section <= 1000 && c->version >= 0);
    RT_FUZZ_CHECK(c->where.anchor >= 0 && c->where.head >= 0);
  }
  if (const auto* c = std::get_if<push_cmd>(&body)) {
    RT_FUZZ_CHECK(c->proposal >= 1 && c->section >= 0 && c->section <= 1000 && c->version >= 0);
    RT_FUZZ_CHECK(c->updates.size() <= 100);
    RT_FUZZ_CHECK(!c->where || (c->where->anchor >= 0 && c->where->head >= 0));
    for (const auto& u : c->updates) {
      RT_FUZZ_CHECK(!u.client_id.empty() && u.client_id.size() <= 64);
      const auto& ch = u.changes;
      RT_FUZZ_CHECK(ch.length() >= 0 && ch.length() <= domain::max_change_length);
      RT_FUZZ_CHECK(ch.new_length() >= 0 && ch.new_length() <= domain::max_change_length);
      // Handled as the authority would: applied to a text of its length.
      if (ch.length() <= 4096) {
        const std::u16string doc(static_cast<std::size_t>(ch.length()), u'a');
        RT_FUZZ_CHECK(static_cast<std::int64_t>(ch.apply(doc).size()) == ch.new_length());
      }
    }
  }
  if (const auto* c = std::get_if<add_comment_cmd>(&body)) {
    RT_FUZZ_CHECK(c->draft.proposal >= 1 && opt_positive(c->draft.parent));
    RT_FUZZ_CHECK(!c->draft.section || (*c->draft.section >= 0 && *c->draft.section <= 1000));
  }
  if (const auto* c = std::get_if<resolve_comment_cmd>(&body)) RT_FUZZ_CHECK(c->comment >= 1);
  if (const auto* c = std::get_if<set_chapters_cmd>(&body)) {
    RT_FUZZ_CHECK(c->chapters.size() <= 100 && opt_positive(c->round));
    for (const auto& ch : c->chapters) RT_FUZZ_CHECK(positive_ids(ch.proposals));
  }
  if (const auto* c = std::get_if<prefill_report_cmd>(&body)) {
    RT_FUZZ_CHECK(c->round >= 1 && c->top >= 1 && c->top <= 1000);
  }
}

// What distinguishes two parse results, for the re-serialisation check.
std::string summary(const parsed_frame& parsed) {
  if (std::holds_alternative<ping_frame>(parsed)) return "ping";
  if (const auto* f = std::get_if<parse_failure>(&parsed)) {
    return "failure " + f->id.value_or("-") + " " + std::string(rt::domain::name(f->err.code)) +
           " " + f->err.message;
  }
  const auto& c = std::get<command>(parsed);
  std::string out = "command " + c.id + " " + std::string(type_name(c.body));
  if (const auto* p = std::get_if<push_cmd>(&c.body)) {
    for (const auto& u : p->updates) out += " " + u.client_id + changes_json(u.changes).dump();
  }
  return out;
}

void check_answer(const std::string& text, const std::optional<std::string>& id) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  RT_FUZZ_CHECK(j.is_object());
  if (id) {
    RT_FUZZ_CHECK(j.contains("id") && j["id"] == *id);
  } else {
    RT_FUZZ_CHECK(!j.contains("id"));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = parse_command(text);

  if (const auto* f = std::get_if<parse_failure>(&parsed)) {
    static const std::set<std::string> codes{"bad_json",  "bad_command", "unknown_type",
                                             "bad_value", "too_large",   "not_found"};
    RT_FUZZ_CHECK(codes.contains(std::string(rt::domain::name(f->err.code))));
    RT_FUZZ_CHECK(!f->err.message.empty());
    RT_FUZZ_CHECK(!f->id || valid_id(*f->id));
    check_answer(error_message(f->id, f->err), f->id);
  } else if (std::holds_alternative<ping_frame>(parsed)) {
    // Only a frame whose type is "ping" is one, and its answer carries no id.
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    RT_FUZZ_CHECK(j.is_object() && j.contains("type") && j["type"] == "ping");
    check_answer(pong_message(), std::nullopt);
  } else {
    const auto& c = std::get<command>(parsed);
    RT_FUZZ_CHECK(valid_id(c.id));
    RT_FUZZ_CHECK(!type_name(c.body).empty());
    RT_FUZZ_CHECK(std::visit(
        [](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          return is_alternative_v<T, room_command> + is_alternative_v<T, section_command> +
                     is_alternative_v<T, session_command> ==
                 1;
        },
        c.body));
    check_bounds(c.body);
    check_answer(ack(c.id), c.id);
  }

  // The same value, spelt another way, parses the same.
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) {
    RT_FUZZ_CHECK(summary(parse_command(j.dump())) == summary(parsed));
  }
  return 0;
}
