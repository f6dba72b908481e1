// store_write.cpp: writing an event and its changes to the tables (store::insert_event,
// store::apply and the rows each kind of change touches).
#include <sqlite3.h>

#include "storage/store_statements.hpp"
#include "store.hpp"

namespace rt::storage {

using domain::id_type;

void store::insert_member(id_type event_id, const domain::member& m) {
  auto& s = st_->insert_member;
  s.bind(1, event_id).bind(2, m.id).bind(3, domain::to_string(m.member_role)).bind(4, m.name);
  s.bind(5, m.organisation).bind(6, m.group);
  s.bind(7, m.track ? std::optional<std::int64_t>(*m.track) : std::nullopt);
  s.bind(8, std::int64_t{m.credit}).bind(9, m.token_hash).bind(10, m.joined_at);
  s.bind(11, m.table).bind(12, m.email);
  s.run();
}

void store::insert_event(const domain::event_info& info, const domain::member& facilitator,
                         const std::vector<domain::phase>& agenda,
                         const std::vector<domain::template_section>& sections) {
  statement e(db_,
              "INSERT INTO events (id, code, title, created_at, language, screen_languages) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  e.bind(1, info.id).bind(2, info.code).bind(3, info.title).bind(4, info.created_at);
  e.bind(5, info.language).bind(6, domain::to_string(info.screens)).run();
  statement t(db_, "INSERT INTO tracks (event_id, id, name, description) VALUES (?1, ?2, ?3, ?4)");
  for (const auto& tr : info.tracks) {
    t.bind(1, info.id).bind(2, tr.id).bind(3, tr.name).bind(4, tr.description).run();
  }
  write_groups(info.id, info.groups);
  insert_member(info.id, facilitator);
  write_agenda(info.id, agenda, domain::timer_state{});
  if (!sections.empty()) write_template(info.id, sections);
}

void store::write_template(id_type event_id,
                           const std::vector<domain::template_section>& sections) {
  statement del(db_, "DELETE FROM template_sections WHERE event_id = ?1");
  del.bind(1, event_id).run();
  statement ins(db_,
                "INSERT INTO template_sections (event_id, position, heading, hint) "
                "VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < sections.size(); ++i) {
    ins.bind(1, event_id).bind(2, static_cast<std::int64_t>(i)).bind(3, sections[i].heading);
    ins.bind(4, sections[i].hint).run();
  }
}

void store::write_groups(id_type event_id, const std::vector<domain::stakeholder_group>& groups) {
  statement del(db_, "DELETE FROM event_groups WHERE event_id = ?1");
  del.bind(1, event_id).run();
  statement ins(db_,
                "INSERT INTO event_groups (event_id, position, code, label) "
                "VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    ins.bind(1, event_id).bind(2, static_cast<std::int64_t>(i));
    ins.bind(3, groups[i].code).bind(4, groups[i].label).run();
  }
}

void store::write_agenda(id_type event_id, const std::vector<domain::phase>& agenda,
                         const domain::timer_state& t, const domain::pacing_state& pacing) {
  statement del(db_, "DELETE FROM phases WHERE event_id = ?1");
  del.bind(1, event_id).run();
  statement ins(db_,
                "INSERT INTO phases (event_id, position, kind, title, planned_ms) "
                "VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < agenda.size(); ++i) {
    ins.bind(1, event_id).bind(2, static_cast<std::int64_t>(i));
    ins.bind(3, domain::to_string(agenda[i].kind)).bind(4, agenda[i].title);
    ins.bind(5, agenda[i].planned).run();
  }
  statement up(db_,
               "UPDATE events SET phase_index = ?2, timer_running = ?3, timer_started_at = ?4, "
               "timer_elapsed_ms = ?5, timer_extra_ms = ?6, auto_advance = ?7 WHERE id = ?1");
  up.bind(1, event_id).bind(2, std::int64_t{t.current}).bind(3, std::int64_t{t.running});
  up.bind(4, t.started_at).bind(5, t.elapsed).bind(6, t.extra);
  up.bind(7, std::int64_t{t.auto_advance}).run();
  statement undo(db_,
                 "UPDATE events SET undo_phase_index = ?2, undo_running = ?3, "
                 "undo_elapsed_ms = ?4, undo_extra_ms = ?5, undo_at = ?6 WHERE id = ?1");
  const auto left = t.undo.value_or(domain::timer_state::left_phase{});
  undo.bind(1, event_id);
  undo.bind(2, t.undo ? std::optional<std::int64_t>(left.index) : std::nullopt);
  undo.bind(3, std::int64_t{left.running}).bind(4, left.elapsed).bind(5, left.extra);
  undo.bind(6, left.at).run();
  expect_one_row("event", event_id, event_id);
  statement pace(db_, "UPDATE events SET track_pacing = ?2 WHERE id = ?1");
  pace.bind(1, event_id).bind(2, std::int64_t{pacing.allowed}).run();
  statement clear(db_, "UPDATE tracks SET phase_index = NULL WHERE event_id = ?1");
  clear.bind(1, event_id).run();
  statement set(db_, "UPDATE tracks SET phase_index = ?3 WHERE event_id = ?1 AND id = ?2");
  for (const auto& [track, index] : pacing.track_phase) {
    set.bind(1, event_id).bind(2, track).bind(3, std::int64_t{index}).run();
  }
}

void store::run_for_event(std::string_view sql, id_type event_id, id_type id,
                          std::optional<std::int64_t> a, std::optional<std::string_view> text) {
  statement s(db_, sql);
  s.bind(1, event_id).bind(2, id);
  int next = 3;
  if (a) s.bind(next++, *a);
  if (text) s.bind(next, *text);
  s.run();
}

void store::write_round(id_type event_id, const domain::vote_round& r, bool insert) {
  if (!insert) {
    statement up(db_, "UPDATE vote_rounds SET state = ?3 WHERE event_id = ?1 AND id = ?2");
    up.bind(1, event_id).bind(2, r.id).bind(3, domain::to_string(r.state)).run();
    return expect_one_row("vote round", r.id, event_id);
  }
  statement ins(db_,
                "INSERT INTO vote_rounds (event_id, id, title, track_id, method, budget, "
                "max_per_item, allow_own, live_results, random_order, state, opened_at, item_kind, "
                "eligible) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  ins.bind(1, event_id).bind(2, r.id).bind(3, r.title).bind(4, r.track);
  ins.bind(5, domain::to_string(static_cast<domain::vote_method>(r.method)));
  ins.bind(6, std::int64_t{r.budget}).bind(7, std::int64_t{r.max_per_item});
  ins.bind(8, std::int64_t{r.allow_own}).bind(9, std::int64_t{r.live_results});
  ins.bind(10, std::int64_t{r.random_order}).bind(11, domain::to_string(r.state));
  ins.bind(12, r.opened_at).bind(13, domain::to_string(r.kind));
  ins.bind(14, domain::to_string(r.eligible.who)).run();
  statement voter_track(
      db_, "INSERT INTO round_voter_tracks (event_id, round_id, track_id) VALUES (?1, ?2, ?3)");
  for (const auto track : r.eligible.tracks)
    voter_track.bind(1, event_id).bind(2, r.id).bind(3, track).run();
  statement item(
      db_,
      "INSERT INTO round_items (event_id, round_id, position, item_id) VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    item.bind(1, event_id)
        .bind(2, r.id)
        .bind(3, static_cast<std::int64_t>(i))
        .bind(4, r.items[i])
        .run();
  }
}

void store::write_proposal(id_type event_id, const domain::proposal& p, bool insert) {
  if (insert) {
    statement ins(db_,
                  "INSERT INTO proposals (event_id, id, track_id, title, cluster_id, table_id, "
                  "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.bind(1, event_id).bind(2, p.id).bind(3, p.track).bind(4, p.title).bind(5, p.cluster);
    ins.bind(6, p.table).bind(7, p.created_at).bind(8, p.created_by).run();
    statement idea(db_,
                   "INSERT INTO proposal_ideas (event_id, proposal_id, position, idea_id) "
                   "VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < p.ideas.size(); ++i) {
      idea.bind(1, event_id)
          .bind(2, p.id)
          .bind(3, static_cast<std::int64_t>(i))
          .bind(4, p.ideas[i])
          .run();
    }
  } else {
    statement up(
        db_, "UPDATE proposals SET title = ?3, deleted_at = ?4 WHERE event_id = ?1 AND id = ?2");
    up.bind(1, event_id).bind(2, p.id).bind(3, p.title);
    up.bind(4, p.deleted ? std::optional<std::int64_t>(p.deleted_at) : std::nullopt).run();
    expect_one_row("proposal", p.id, event_id);
    run_for_event("DELETE FROM proposal_team WHERE event_id = ?1 AND proposal_id = ?2", event_id,
                  p.id);
  }
  statement team(
      db_, "INSERT INTO proposal_team (event_id, proposal_id, member_id) VALUES (?1, ?2, ?3)");
  for (const auto m : p.team) team.bind(1, event_id).bind(2, p.id).bind(3, m).run();
}

void store::write_comment(id_type event_id, const domain::comment& c, bool insert) {
  if (!insert) {
    statement up(db_, "UPDATE comments SET resolved = ?3 WHERE event_id = ?1 AND id = ?2");
    up.bind(1, event_id).bind(2, c.id).bind(3, std::int64_t{c.resolved}).run();
    return expect_one_row("comment", c.id, event_id);
  }
  statement ins(db_,
                "INSERT INTO comments (event_id, id, proposal_id, section, from_pos, to_pos, "
                "version, quote, parent_id, author_id, text, at, resolved) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  ins.bind(1, event_id).bind(2, c.id).bind(3, c.proposal);
  ins.bind(4, c.section ? std::optional<std::int64_t>(*c.section) : std::nullopt);
  ins.bind(5, c.from).bind(6, c.to).bind(7, c.version).bind(8, c.quote).bind(9, c.parent);
  ins.bind(10, c.author).bind(11, c.text).bind(12, c.at).bind(13, std::int64_t{c.resolved}).run();
}

void store::write_report(id_type event_id, const domain::report_plan& r) {
  // The whole plan replaces what was stored: entries, then chapters, then the texts.
  statement del_entries(db_, "DELETE FROM report_entries WHERE event_id = ?1");
  del_entries.bind(1, event_id).run();
  statement del_chapters(db_, "DELETE FROM report_chapters WHERE event_id = ?1");
  del_chapters.bind(1, event_id).run();
  statement up(
      db_,
      "INSERT INTO reports (event_id, title, subtitle, date, foreword, method, round_id, "
      "published, credits_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (event_id) DO UPDATE SET title = ?2, subtitle = ?3, date = ?4, "
      "foreword = ?5, method = ?6, round_id = ?7, published = ?8, credits_changed_at = ?9");
  up.bind(1, event_id).bind(2, r.title).bind(3, r.subtitle).bind(4, r.date).bind(5, r.foreword);
  up.bind(6, r.method).bind(7, r.round).bind(8, std::int64_t{r.published});
  up.bind(9, r.credits_changed_at).run();
  statement chapter(
      db_,
      "INSERT INTO report_chapters (event_id, position, title, intro) VALUES (?1, ?2, ?3, ?4)");
  statement entry(db_,
                  "INSERT INTO report_entries (event_id, chapter, position, proposal_id) "
                  "VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t c = 0; c < r.chapters.size(); ++c) {
    const auto& ch = r.chapters[c];
    chapter.bind(1, event_id)
        .bind(2, static_cast<std::int64_t>(c))
        .bind(3, ch.title)
        .bind(4, ch.intro)
        .run();
    for (std::size_t i = 0; i < ch.proposals.size(); ++i) {
      entry.bind(1, event_id)
          .bind(2, static_cast<std::int64_t>(c))
          .bind(3, static_cast<std::int64_t>(i));
      entry.bind(4, ch.proposals[i]).run();
    }
  }
}

void store::expect_one_row(const char* what, id_type id, id_type event_id) {
  if (sqlite3_changes(db_.handle()) != 1) {
    throw storage_error(std::string(what) + " " + std::to_string(id) + " of event " +
                        std::to_string(event_id) + " is not in the database");
  }
}

void store::update_idea(id_type event_id, const domain::idea& i) {
  auto& s = st_->update_idea;
  s.bind(1, event_id).bind(2, i.id).bind(3, i.text).bind(4, std::int64_t{i.hidden});
  s.bind(5, std::int64_t{i.deleted}).bind(6, i.edited_at).bind(7, i.edited_by);
  s.bind(8, std::int64_t{i.pinned}).bind(9, i.merged_into).bind(10, i.cluster);
  s.run();
  if (sqlite3_changes(db_.handle()) != 1) {
    throw storage_error("idea " + std::to_string(i.id) + " of event " + std::to_string(event_id) +
                        " is not in the database");
  }
  if (!i.deleted) return;
  // A deleted idea's supports and dismissed pairs go with it.
  run_for_event("DELETE FROM idea_supports WHERE event_id = ?1 AND idea_id = ?2", event_id, i.id);
  run_for_event(
      "DELETE FROM dismissed_duplicates WHERE event_id = ?1 AND (idea_a = ?2 OR idea_b = ?2)",
      event_id, i.id);
}

// The rows of one change: a visitor over domain::change_body (store::apply).
struct store::change_writer {
  store& self;
  id_type event_id;
  domain::millis at;
  id_type actor;

  void operator()(const domain::member_joined& x) const { self.insert_member(event_id, x.m); }
  void operator()(const domain::idea_posted& x) const {
    const auto& i = x.i;
    auto& s = self.st_->insert_idea;
    s.bind(1, event_id).bind(2, i.id).bind(3, i.track).bind(4, i.author).bind(5, i.text);
    s.bind(6, std::int64_t{i.anonymous}).bind(7, std::int64_t{i.hidden});
    s.bind(8, std::int64_t{i.deleted}).bind(9, i.created_at).bind_null(10);
    s.run();
  }
  void operator()(const domain::idea_edited& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_deleted& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_hidden& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_unhidden& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::agenda_changed& x) const {
    self.write_agenda(event_id, x.agenda, x.timer, x.pacing);
  }
  void operator()(const domain::announcement_made& x) const {
    statement s(self.db_,
                "INSERT INTO announcements (event_id, id, text, track_id, at, by_id) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, event_id).bind(2, x.a.id).bind(3, x.a.text);
    s.bind(4, x.a.track ? std::optional<std::int64_t>(*x.a.track) : std::nullopt);
    s.bind(5, x.a.at).bind(6, x.a.by).run();
  }
  void operator()(const domain::announcement_cleared& x) const {
    statement s(self.db_,
                "UPDATE announcements SET cleared_at = ?3 WHERE event_id = ?1 AND id = ?2 "
                "AND cleared_at IS NULL");
    s.bind(1, event_id).bind(2, x.a.id).bind(3, at).run();
    self.expect_one_row("announcement", x.a.id, event_id);
  }
  void operator()(const domain::idea_pinned& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_merged& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_split& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::idea_clustered& x) const { self.update_idea(event_id, x.i); }
  void operator()(const domain::cluster_created& x) const {
    self.run_for_event(
        "INSERT INTO clusters (event_id, id, track_id, name) VALUES (?1, ?2, ?3, ?4)", event_id,
        x.c.id, x.c.track, x.c.name);
  }
  void operator()(const domain::cluster_renamed& x) const {
    self.run_for_event("UPDATE clusters SET name = ?3 WHERE event_id = ?1 AND id = ?2", event_id,
                       x.c.id, std::nullopt, x.c.name);
    self.expect_one_row("cluster", x.c.id, event_id);
  }
  void operator()(const domain::cluster_deleted& x) const {
    self.run_for_event("UPDATE clusters SET deleted_at = ?3 WHERE event_id = ?1 AND id = ?2",
                       event_id, x.c.id, at);
    self.expect_one_row("cluster", x.c.id, event_id);
    self.run_for_event("UPDATE ideas SET cluster_id = NULL WHERE event_id = ?1 AND cluster_id = ?2",
                       event_id, x.c.id);
  }
  void operator()(const domain::table_added& x) const {
    self.run_for_event(
        "INSERT INTO event_tables (event_id, id, track_id, name) VALUES (?1, ?2, ?3, ?4)", event_id,
        x.t.id, x.t.track, x.t.name);
  }
  void operator()(const domain::table_removed& x) const {
    self.run_for_event("UPDATE event_tables SET removed_at = ?3 WHERE event_id = ?1 AND id = ?2",
                       event_id, x.t.id, at);
    self.expect_one_row("table", x.t.id, event_id);
    self.run_for_event("UPDATE members SET table_id = NULL WHERE event_id = ?1 AND table_id = ?2",
                       event_id, x.t.id);
  }
  void operator()(const domain::member_moved& x) const {
    statement s(self.db_,
                "UPDATE members SET track_id = ?3, table_id = ?4 WHERE event_id = ?1 AND id = ?2");
    s.bind(1, event_id).bind(2, x.m.id).bind(3, x.m.track).bind(4, x.m.table).run();
    self.expect_one_row("member", x.m.id, event_id);
  }
  void operator()(const domain::round_opened& x) const { self.write_round(event_id, x.r, true); }
  void operator()(const domain::round_changed& x) const { self.write_round(event_id, x.r, false); }
  void operator()(const domain::vote_cast& x) const {
    // The voter's whole ballot replaces what was stored.
    statement del(self.db_,
                  "DELETE FROM votes WHERE event_id = ?1 AND round_id = ?2 AND member_id = ?3");
    del.bind(1, event_id).bind(2, x.round).bind(3, x.voter).run();
    statement ins(self.db_,
                  "INSERT INTO votes (event_id, round_id, member_id, item_id, votes) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& [item, votes] : x.ballot) {
      ins.bind(1, event_id).bind(2, x.round).bind(3, x.voter).bind(4, item);
      ins.bind(5, std::int64_t{votes}).run();
    }
  }
  void operator()(const domain::roster_imported& x) const {
    for (const auto& t : x.tables) (*this)(domain::table_added{t});
    for (const auto& m : x.members) self.insert_member(event_id, m);
  }
  void operator()(const domain::template_changed& x) const {
    self.write_template(event_id, x.sections);
  }
  void operator()(const domain::proposal_created& x) const {
    self.write_proposal(event_id, x.p, true);
  }
  void operator()(const domain::proposal_updated& x) const {
    self.write_proposal(event_id, x.p, false);
  }
  void operator()(const domain::proposal_deleted& x) const {
    self.write_proposal(event_id, x.p, false);
  }
  void operator()(const domain::proposal_restored& x) const {
    self.write_proposal(event_id, x.p, false);
  }
  void operator()(const domain::link_changed& x) const {
    statement s(self.db_,
                "UPDATE members SET name = ?3, token_hash = ?4, revoked_at = ?5 "
                "WHERE event_id = ?1 AND id = ?2");
    s.bind(1, event_id).bind(2, x.m.id).bind(3, x.m.name).bind(4, x.m.token_hash);
    s.bind(5, x.m.revoked ? std::optional<std::int64_t>(at) : std::nullopt).run();
    self.expect_one_row("member", x.m.id, event_id);
  }
  void operator()(const domain::event_status_changed& x) const {
    // closed_at: when it was closed (retention counts from it); kept from closed to archived.
    statement s(self.db_,
                "UPDATE events SET status = ?2, closed_at = CASE WHEN ?2 = 'open' THEN NULL "
                "ELSE COALESCE(closed_at, ?3) END WHERE id = ?1");
    s.bind(1, event_id).bind(2, domain::to_string(x.status)).bind(3, at).run();
    self.expect_one_row("event", event_id, event_id);
  }
  void operator()(const domain::proposals_frozen& x) const {
    statement s(self.db_, "UPDATE events SET proposals_frozen = ?2 WHERE id = ?1");
    s.bind(1, event_id).bind(2, std::int64_t{x.frozen}).run();
    self.expect_one_row("event", event_id, event_id);
  }
  void operator()(const domain::comment_added& x) const { self.write_comment(event_id, x.c, true); }
  void operator()(const domain::comment_resolved& x) const {
    self.write_comment(event_id, x.c, false);
  }
  void operator()(const domain::report_changed& x) const { self.write_report(event_id, x.r); }
  void operator()(const domain::self_join_changed& x) const {
    statement s(self.db_, "UPDATE events SET self_join = ?2 WHERE id = ?1");
    s.bind(1, event_id).bind(2, std::int64_t{x.open}).run();
    self.expect_one_row("event", event_id, event_id);
  }
  void operator()(const domain::member_removed& x) const {
    // The row stays (ideas, commands and the change log refer to members) with its personal
    // data erased; the token hash becomes a value no secret hashes to, unique per member.
    self.run_for_event(
        "UPDATE members SET removed_at = ?3, name = '', organisation = '', email = '', "
        "credit = 0, table_id = NULL, token_hash = 'removed:' || ?1 || ':' || ?2 "
        "WHERE event_id = ?1 AND id = ?2 AND removed_at IS NULL",
        event_id, x.member, at);
    self.expect_one_row("member", x.member, event_id);
    for (const char* sql : {"DELETE FROM votes WHERE event_id = ?1 AND member_id = ?2",
                            "DELETE FROM proposal_team WHERE event_id = ?1 AND member_id = ?2",
                            "DELETE FROM commands WHERE event_id = ?1 AND member_id = ?2"}) {
      self.run_for_event(sql, event_id, x.member);
    }
  }
  void operator()(const domain::groups_changed& x) const { self.write_groups(event_id, x.groups); }
  void operator()(const domain::event_language_changed& x) const {
    statement s(self.db_, "UPDATE events SET language = ?2, screen_languages = ?3 WHERE id = ?1");
    s.bind(1, event_id).bind(2, x.language).bind(3, domain::to_string(x.screens)).run();
    self.expect_one_row("event", event_id, event_id);
  }
  void operator()(const domain::member_updated& x) const {
    statement s(self.db_,
                "UPDATE members SET name = ?3, organisation = ?4, stakeholder_group = ?5, "
                "credit = ?6, credit_withdrawn = ?7 WHERE event_id = ?1 AND id = ?2");
    s.bind(1, event_id).bind(2, x.m.id).bind(3, x.m.name).bind(4, x.m.organisation);
    s.bind(5, x.m.group).bind(6, std::int64_t{x.m.credit});
    s.bind(7, std::int64_t{x.m.credit_withdrawn}).run();
    self.expect_one_row("member", x.m.id, event_id);
    if (x.report) {
      statement r(self.db_, "UPDATE reports SET credits_changed_at = ?2 WHERE event_id = ?1");
      r.bind(1, event_id).bind(2, x.report->credits_changed_at).run();
    }
  }
  void operator()(const domain::member_erased& x) const { self.erase_member(event_id, x, at); }
  void operator()(const domain::idea_supported& x) const {
    statement s(self.db_,
                "INSERT INTO idea_supports (event_id, idea_id, member_id, at) "
                "VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, event_id).bind(2, x.i.id).bind(3, x.member).bind(4, at).run();
  }
  void operator()(const domain::idea_support_withdrawn& x) const {
    self.run_for_event(
        "DELETE FROM idea_supports WHERE event_id = ?1 AND idea_id = ?2 AND member_id = ?3",
        event_id, x.i.id, x.member);
    self.expect_one_row("support of idea", x.i.id, event_id);
  }
  void operator()(const domain::duplicate_dismissed& x) const {
    statement s(self.db_,
                "INSERT INTO dismissed_duplicates (event_id, idea_a, idea_b, by, at) "
                "VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, event_id).bind(2, x.a).bind(3, x.b).bind(4, actor).bind(5, at).run();
  }
  void operator()(const domain::duplicate_restored& x) const {
    self.run_for_event(
        "DELETE FROM dismissed_duplicates WHERE event_id = ?1 AND idea_a = ?2 AND idea_b = ?3",
        event_id, x.a, x.b);
    self.expect_one_row("dismissed pair with idea", x.a, event_id);
  }
  void operator()(const domain::screen_changed& x) const {
    statement s(self.db_,
                "UPDATE events SET screen_track_id = ?2, screen_mode = ?3, screen_round_id = ?4 "
                "WHERE id = ?1");
    s.bind(1, event_id);
    s.bind(2, x.screen.track ? std::optional<std::int64_t>(*x.screen.track) : std::nullopt);
    s.bind(3, domain::to_string(x.screen.mode));
    s.bind(4, x.screen.round ? std::optional<std::int64_t>(*x.screen.round) : std::nullopt);
    s.run();
    self.expect_one_row("event", event_id, event_id);
  }
};

void store::apply(id_type event_id, const domain::change& c, std::string_view json) {
  std::visit(change_writer{*this, event_id, c.at, c.actor}, c.body);
  auto& s = st_->insert_change;
  s.bind(1, event_id).bind(2, c.seq).bind(3, domain::kind_name(c.body)).bind(4, c.actor);
  s.bind(5, json).bind(6, c.at);
  s.run();
}

}  // namespace rt::storage
