// drafting.cpp: parsing and applying the drafting commands.
#include "protocol/commands/drafting.hpp"

namespace rt::protocol {

using json = nlohmann::json;

domain::result<set_template_cmd> set_template_cmd::parse(const fields& f) {
  const auto it = f.j.find("sections");
  if (it == f.j.end() || !it->is_array()) return f.missing("sections", "an array");
  if (it->size() > domain::max_template_sections) {
    return domain::make_error(
        domain::errc::bad_value,
        "A template has at most " + std::to_string(domain::max_template_sections) + " sections.");
  }
  set_template_cmd c;
  for (const auto& s : *it) {
    if (!s.is_object()) return f.missing("sections", "an array of {heading, hint}");
    const fields sf{s};
    RT_TRY(heading, sf.str("heading"));
    RT_TRY(hint, sf.opt_str("hint"));
    c.sections.push_back({heading, hint});
  }
  return c;
}
domain::result<outcome> set_template_cmd::apply(const context& x) const {
  return plain(x.state.set_template(x.actor, sections, x.now));
}

domain::result<create_proposal_cmd> create_proposal_cmd::parse(const fields& f) {
  RT_TRY(title, f.str("title"));
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(ideas, f.ids("ideas"));
  RT_TRY(cluster, f.opt_id("cluster"));
  RT_TRY(table, f.opt_id("table"));
  RT_TRY(team, f.ids("team"));
  return create_proposal_cmd{domain::proposal_draft{title, track, ideas, cluster, table, team}};
}
domain::result<outcome> create_proposal_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.create_proposal(x.actor, draft, x.now));
  const auto id = std::get<domain::proposal_created>(ch.body).p.id;
  return outcome{std::move(ch), json{{"proposal", id}}};
}

domain::result<update_proposal_cmd> update_proposal_cmd::parse(const fields& f) {
  update_proposal_cmd c;
  RT_TRY(proposal, f.integer("proposal", 1));
  c.proposal = proposal;
  if (f.has("title")) {
    RT_TRY(title, f.str("title"));
    c.title = title;
  }
  if (f.has("team")) {
    RT_TRY(team, f.ids("team"));
    c.team = team;
  }
  return c;
}
domain::result<outcome> update_proposal_cmd::apply(const context& x) const {
  return plain(x.state.update_proposal(x.actor, proposal, title, team, x.now));
}

domain::result<delete_proposal_cmd> delete_proposal_cmd::parse(const fields& f) {
  RT_TRY(proposal, f.integer("proposal", 1));
  return delete_proposal_cmd{proposal};
}
domain::result<outcome> delete_proposal_cmd::apply(const context& x) const {
  return plain(x.state.delete_proposal(x.actor, proposal, x.now));
}

domain::result<freeze_proposals_cmd> freeze_proposals_cmd::parse(const fields& f) {
  RT_TRY(frozen, f.boolean("frozen"));
  return freeze_proposals_cmd{frozen};
}
domain::result<outcome> freeze_proposals_cmd::apply(const context& x) const {
  return plain(x.state.freeze_proposals(x.actor, frozen, x.now));
}

domain::result<add_comment_cmd> add_comment_cmd::parse(const fields& f) {
  domain::comment_draft d;
  RT_TRY(proposal, f.integer("proposal", 1));
  RT_TRY(text, f.str("text"));
  RT_TRY(parent, f.opt_id("parent"));
  d.proposal = proposal;
  d.text = text;
  d.parent = parent;
  if (f.has("section")) {
    RT_TRY(section, f.integer("section"));
    RT_TRY(from, f.integer("from"));
    RT_TRY(to, f.integer("to"));
    RT_TRY(version, f.integer("version"));
    RT_TRY(quote, f.opt_str("quote"));
    if (section > 1000) {
      return domain::make_error(domain::errc::bad_value, "The template has no such section.");
    }
    d.section = static_cast<int>(section);
    d.from = from;
    d.to = to;
    d.version = version;
    d.quote = quote;
  }
  return add_comment_cmd{d};
}
domain::result<outcome> add_comment_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.add_comment(x.actor, draft, x.now));
  const auto id = std::get<domain::comment_added>(ch.body).c.id;
  return outcome{std::move(ch), json{{"comment", id}}};
}

domain::result<resolve_comment_cmd> resolve_comment_cmd::parse(const fields& f) {
  RT_TRY(comment, f.integer("comment", 1));
  RT_TRY(resolved, f.boolean("resolved"));
  return resolve_comment_cmd{comment, resolved};
}
domain::result<outcome> resolve_comment_cmd::apply(const context& x) const {
  return plain(x.state.resolve_comment(x.actor, comment, resolved, x.now));
}

domain::result<restore_proposal_cmd> restore_proposal_cmd::parse(const fields& f) {
  RT_TRY(proposal, f.integer("proposal", 1));
  return restore_proposal_cmd{proposal};
}
domain::result<outcome> restore_proposal_cmd::apply(const context& x) const {
  return plain(x.state.restore_proposal(x.actor, proposal, x.now));
}

}  // namespace rt::protocol
