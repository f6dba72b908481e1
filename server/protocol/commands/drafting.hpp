// drafting.hpp: the commands of drafting: the proposal template, proposals and their teams,
// freezing them, and comments. (Writing a section's text is in sections.hpp.)
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct set_template_cmd {
  static constexpr std::string_view name = "set_template";
  std::vector<domain::template_section> sections;
  static domain::result<set_template_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct create_proposal_cmd {
  static constexpr std::string_view name = "create_proposal";
  domain::proposal_draft draft;
  static domain::result<create_proposal_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {proposal}
};
struct update_proposal_cmd {
  static constexpr std::string_view name = "update_proposal";
  id_type proposal = 0;
  std::optional<std::string> title;
  std::optional<std::vector<id_type>> team;
  static domain::result<update_proposal_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct delete_proposal_cmd {
  static constexpr std::string_view name = "delete_proposal";
  id_type proposal = 0;
  static domain::result<delete_proposal_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct restore_proposal_cmd {
  static constexpr std::string_view name = "restore_proposal";
  id_type proposal = 0;
  static domain::result<restore_proposal_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct freeze_proposals_cmd {
  static constexpr std::string_view name = "freeze_proposals";
  bool frozen = true;
  static domain::result<freeze_proposals_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct add_comment_cmd {
  static constexpr std::string_view name = "add_comment";
  domain::comment_draft draft;
  static domain::result<add_comment_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {comment}
};
struct resolve_comment_cmd {
  static constexpr std::string_view name = "resolve_comment";
  id_type comment = 0;
  bool resolved = true;
  static domain::result<resolve_comment_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
