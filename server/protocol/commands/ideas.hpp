// ideas.hpp: the commands of ideation and clustering: posting, editing, supporting and
// moderating ideas, merging and splitting them, the clusters of a track, and the pairs of ideas
// moderators dismiss as not duplicates.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct post_idea_cmd {
  static constexpr std::string_view name = "post_idea";
  id_type track = 0;
  std::string text;
  bool anonymous = false;
  static domain::result<post_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {idea}
};
struct edit_idea_cmd {
  static constexpr std::string_view name = "edit_idea";
  id_type idea = 0;
  std::string text;
  static domain::result<edit_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct delete_idea_cmd {
  static constexpr std::string_view name = "delete_idea";
  id_type idea = 0;
  static domain::result<delete_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct hide_idea_cmd {
  static constexpr std::string_view name = "hide_idea";
  id_type idea = 0;
  static domain::result<hide_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct unhide_idea_cmd {
  static constexpr std::string_view name = "unhide_idea";
  id_type idea = 0;
  static domain::result<unhide_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct pin_idea_cmd {
  static constexpr std::string_view name = "pin_idea";
  id_type idea = 0;
  static domain::result<pin_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct unpin_idea_cmd {
  static constexpr std::string_view name = "unpin_idea";
  id_type idea = 0;
  static domain::result<unpin_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct merge_idea_cmd {
  static constexpr std::string_view name = "merge_idea";
  id_type idea = 0;
  id_type into = 0;
  static domain::result<merge_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct split_idea_cmd {
  static constexpr std::string_view name = "split_idea";
  id_type idea = 0;
  static domain::result<split_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct create_cluster_cmd {
  static constexpr std::string_view name = "create_cluster";
  id_type track = 0;
  std::string cluster_name;  // "name" on the wire
  static domain::result<create_cluster_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {cluster}
};
struct rename_cluster_cmd {
  static constexpr std::string_view name = "rename_cluster";
  id_type cluster = 0;
  std::string cluster_name;  // "name" on the wire
  static domain::result<rename_cluster_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct delete_cluster_cmd {
  static constexpr std::string_view name = "delete_cluster";
  id_type cluster = 0;
  static domain::result<delete_cluster_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct cluster_idea_cmd {
  static constexpr std::string_view name = "cluster_idea";
  id_type idea = 0;
  std::optional<id_type> cluster;  // none: out of its cluster
  static domain::result<cluster_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// "This is mine too": a member supports someone else's idea, or withdraws that support.
struct support_idea_cmd {
  static constexpr std::string_view name = "support_idea";
  id_type idea = 0;
  static domain::result<support_idea_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct withdraw_support_cmd {
  static constexpr std::string_view name = "withdraw_support";
  id_type idea = 0;
  static domain::result<withdraw_support_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// A moderator says ideas `a` and `b` are not duplicates (dismiss), or takes it back (restore).
struct dismiss_duplicate_cmd {
  static constexpr std::string_view name = "dismiss_duplicate";
  id_type a = 0;
  id_type b = 0;
  static domain::result<dismiss_duplicate_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct restore_duplicate_cmd {
  static constexpr std::string_view name = "restore_duplicate";
  id_type a = 0;
  id_type b = 0;
  static domain::result<restore_duplicate_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
