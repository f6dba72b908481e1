// ideas.cpp: parsing and applying the ideation and clustering commands.
#include "protocol/commands/ideas.hpp"

namespace rt::protocol {

using json = nlohmann::json;

domain::result<post_idea_cmd> post_idea_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(text, f.str("text"));
  RT_TRY(anonymous, f.boolean("anonymous", false));
  return post_idea_cmd{track, text, anonymous};
}
domain::result<outcome> post_idea_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.post_idea(x.actor, track, text, anonymous, x.now));
  const auto id = std::get<domain::idea_posted>(ch.body).i.id;
  return outcome{std::move(ch), json{{"idea", id}}};
}

domain::result<edit_idea_cmd> edit_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  RT_TRY(text, f.str("text"));
  return edit_idea_cmd{idea, text};
}
domain::result<outcome> edit_idea_cmd::apply(const context& x) const {
  return plain(x.state.edit_idea(x.actor, idea, text, x.now));
}

domain::result<delete_idea_cmd> delete_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return delete_idea_cmd{idea};
}
domain::result<outcome> delete_idea_cmd::apply(const context& x) const {
  return plain(x.state.delete_idea(x.actor, idea, x.now));
}

domain::result<hide_idea_cmd> hide_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return hide_idea_cmd{idea};
}
domain::result<outcome> hide_idea_cmd::apply(const context& x) const {
  return plain(x.state.set_hidden(x.actor, idea, true, x.now));
}

domain::result<unhide_idea_cmd> unhide_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return unhide_idea_cmd{idea};
}
domain::result<outcome> unhide_idea_cmd::apply(const context& x) const {
  return plain(x.state.set_hidden(x.actor, idea, false, x.now));
}

domain::result<pin_idea_cmd> pin_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return pin_idea_cmd{idea};
}
domain::result<outcome> pin_idea_cmd::apply(const context& x) const {
  return plain(x.state.set_pinned(x.actor, idea, true, x.now));
}

domain::result<unpin_idea_cmd> unpin_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return unpin_idea_cmd{idea};
}
domain::result<outcome> unpin_idea_cmd::apply(const context& x) const {
  return plain(x.state.set_pinned(x.actor, idea, false, x.now));
}

domain::result<merge_idea_cmd> merge_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  RT_TRY(into, f.integer("into", 1));
  return merge_idea_cmd{idea, into};
}
domain::result<outcome> merge_idea_cmd::apply(const context& x) const {
  return plain(x.state.merge_idea(x.actor, idea, into, x.now));
}

domain::result<split_idea_cmd> split_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return split_idea_cmd{idea};
}
domain::result<outcome> split_idea_cmd::apply(const context& x) const {
  return plain(x.state.split_idea(x.actor, idea, x.now));
}

domain::result<create_cluster_cmd> create_cluster_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(cluster_name, f.str("name"));
  return create_cluster_cmd{track, cluster_name};
}
domain::result<outcome> create_cluster_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.create_cluster(x.actor, track, cluster_name, x.now));
  const auto id = std::get<domain::cluster_created>(ch.body).c.id;
  return outcome{std::move(ch), json{{"cluster", id}}};
}

domain::result<rename_cluster_cmd> rename_cluster_cmd::parse(const fields& f) {
  RT_TRY(cluster, f.integer("cluster", 1));
  RT_TRY(cluster_name, f.str("name"));
  return rename_cluster_cmd{cluster, cluster_name};
}
domain::result<outcome> rename_cluster_cmd::apply(const context& x) const {
  return plain(x.state.rename_cluster(x.actor, cluster, cluster_name, x.now));
}

domain::result<delete_cluster_cmd> delete_cluster_cmd::parse(const fields& f) {
  RT_TRY(cluster, f.integer("cluster", 1));
  return delete_cluster_cmd{cluster};
}
domain::result<outcome> delete_cluster_cmd::apply(const context& x) const {
  return plain(x.state.delete_cluster(x.actor, cluster, x.now));
}

domain::result<cluster_idea_cmd> cluster_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  RT_TRY(cluster, f.opt_id("cluster"));
  return cluster_idea_cmd{idea, cluster};
}
domain::result<outcome> cluster_idea_cmd::apply(const context& x) const {
  return plain(x.state.cluster_idea(x.actor, idea, cluster, x.now));
}
domain::result<support_idea_cmd> support_idea_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return support_idea_cmd{idea};
}
domain::result<outcome> support_idea_cmd::apply(const context& x) const {
  return plain(x.state.set_support(x.actor, idea, true, x.now));
}

domain::result<withdraw_support_cmd> withdraw_support_cmd::parse(const fields& f) {
  RT_TRY(idea, f.integer("idea", 1));
  return withdraw_support_cmd{idea};
}
domain::result<outcome> withdraw_support_cmd::apply(const context& x) const {
  return plain(x.state.set_support(x.actor, idea, false, x.now));
}

domain::result<dismiss_duplicate_cmd> dismiss_duplicate_cmd::parse(const fields& f) {
  RT_TRY(a, f.integer("a", 1));
  RT_TRY(b, f.integer("b", 1));
  return dismiss_duplicate_cmd{a, b};
}
domain::result<outcome> dismiss_duplicate_cmd::apply(const context& x) const {
  return plain(x.state.set_duplicate_dismissed(x.actor, a, b, true, x.now));
}

domain::result<restore_duplicate_cmd> restore_duplicate_cmd::parse(const fields& f) {
  RT_TRY(a, f.integer("a", 1));
  RT_TRY(b, f.integer("b", 1));
  return restore_duplicate_cmd{a, b};
}
domain::result<outcome> restore_duplicate_cmd::apply(const context& x) const {
  return plain(x.state.set_duplicate_dismissed(x.actor, a, b, false, x.now));
}

}  // namespace rt::protocol
