// store.cpp: migrations, loading and writing of store.hpp.
#include "store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <map>

namespace rt::storage {

using domain::id_type;

namespace {
constexpr std::string_view event_columns =
    "id, code, title, created_at, phase_index, timer_running, timer_started_at, "
    "timer_elapsed_ms, timer_extra_ms, auto_advance, screen_track_id, track_pacing, "
    "proposals_frozen, self_join, undo_phase_index, undo_running, undo_elapsed_ms, "
    "undo_extra_ms";
}  // namespace

struct store::statements {
  explicit statements(database& db)
      : insert_member(db,
                      "INSERT INTO members (event_id, id, role, name, organisation, "
                      "stakeholder_group, track_id, credit, token_hash, joined_at, table_id, "
                      "email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        insert_idea(db,
                    "INSERT INTO ideas (event_id, id, track_id, author_id, text, anonymous, "
                    "hidden, deleted, created_at, edited_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        update_idea(db,
                    "UPDATE ideas SET text = ?3, hidden = ?4, deleted = ?5, edited_at = ?6, "
                    "edited_by = ?7, pinned = ?8, merged_into = ?9, cluster_id = ?10 "
                    "WHERE event_id = ?1 AND id = ?2"),
        insert_change(db,
                      "INSERT INTO changes (event_id, seq, kind, actor_id, data, at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        insert_command(db,
                       "INSERT INTO commands (event_id, member_id, command_id, answer, at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)"),
        insert_section_update(db,
                              "INSERT INTO section_updates (event_id, proposal_id, section, "
                              "version, client_id, member_id, changes, at, continues) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        savepoint(db, "SAVEPOINT job"),
        release(db, "RELEASE job"),
        rollback_to(db, "ROLLBACK TO job") {}

  statement insert_member, insert_idea, update_idea, insert_change, insert_command,
      insert_section_update;
  statement begin, commit, rollback, savepoint, release, rollback_to;
};

store::store(const std::string& path) : db_(path) {
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  migrate();
  st_ = std::make_unique<statements>(db_);
}

store::~store() = default;

int store::latest_version() { return migrations().empty() ? 0 : migrations().back().version; }

int store::schema_version() {
  statement s(db_, "PRAGMA user_version");
  s.step();
  return static_cast<int>(s.column_int(0));
}

void store::migrate() {
  const int have = schema_version();
  const int latest = latest_version();
  if (have > latest) {
    throw storage_error("the database has schema version " + std::to_string(have) +
                        ", newer than this roundtable binary knows (" + std::to_string(latest) +
                        "); use a newer roundtable or another database");
  }
  for (const auto& m : migrations()) {
    if (m.version <= have) continue;
    db_.exec("BEGIN IMMEDIATE");
    try {
      db_.exec(m.sql);
      db_.exec("PRAGMA user_version = " + std::to_string(m.version));
      db_.exec("COMMIT");
    } catch (const sqlite_error& e) {
      db_.exec("ROLLBACK");
      throw storage_error("migration " + std::string(m.name) + " failed: " + e.what());
    }
  }
}

void store::begin() { st_->begin.run(); }
void store::commit() { st_->commit.run(); }
void store::rollback() { st_->rollback.run(); }
void store::savepoint() { st_->savepoint.run(); }
void store::release() { st_->release.run(); }
void store::rollback_to() { st_->rollback_to.run(); }

void store::insert_member(id_type event_id, const domain::member& m) {
  auto& s = st_->insert_member;
  s.bind(1, event_id).bind(2, m.id).bind(3, domain::to_string(m.member_role)).bind(4, m.name);
  s.bind(5, m.organisation).bind(6, domain::to_string(m.group));
  s.bind(7, m.track ? std::optional<std::int64_t>(*m.track) : std::nullopt);
  s.bind(8, std::int64_t{m.credit}).bind(9, m.token_hash).bind(10, m.joined_at);
  s.bind(11, m.table).bind(12, m.email);
  s.run();
}

void store::insert_event(const domain::event_info& info, const domain::member& facilitator) {
  statement e(db_, "INSERT INTO events (id, code, title, created_at) VALUES (?1, ?2, ?3, ?4)");
  e.bind(1, info.id).bind(2, info.code).bind(3, info.title).bind(4, info.created_at).run();
  statement t(db_, "INSERT INTO tracks (event_id, id, name, description) VALUES (?1, ?2, ?3, ?4)");
  for (const auto& tr : info.tracks) {
    t.bind(1, info.id).bind(2, tr.id).bind(3, tr.name).bind(4, tr.description).run();
  }
  insert_member(info.id, facilitator);
  write_agenda(info.id, domain::default_agenda(), domain::timer_state{});
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
                 "undo_elapsed_ms = ?4, undo_extra_ms = ?5 WHERE id = ?1");
  const auto left = t.undo.value_or(domain::timer_state::left_phase{});
  undo.bind(1, event_id);
  undo.bind(2, t.undo ? std::optional<std::int64_t>(left.index) : std::nullopt);
  undo.bind(3, std::int64_t{left.running}).bind(4, left.elapsed).bind(5, left.extra).run();
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
                "max_per_item, allow_own, live_results, random_order, state, opened_at, item_kind) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  ins.bind(1, event_id).bind(2, r.id).bind(3, r.title).bind(4, r.track);
  ins.bind(5, domain::to_string(static_cast<domain::vote_method>(r.method)));
  ins.bind(6, std::int64_t{r.budget}).bind(7, std::int64_t{r.max_per_item});
  ins.bind(8, std::int64_t{r.allow_own}).bind(9, std::int64_t{r.live_results});
  ins.bind(10, std::int64_t{r.random_order}).bind(11, domain::to_string(r.state));
  ins.bind(12, r.opened_at).bind(13, domain::to_string(r.kind)).run();
  statement item(db_,
                 "INSERT INTO round_items (event_id, round_id, position, item_id) VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    item.bind(1, event_id).bind(2, r.id).bind(3, static_cast<std::int64_t>(i)).bind(4, r.items[i]).run();
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
      idea.bind(1, event_id).bind(2, p.id).bind(3, static_cast<std::int64_t>(i)).bind(4, p.ideas[i]).run();
    }
  } else {
    statement up(db_, "UPDATE proposals SET title = ?3, deleted_at = ?4 WHERE event_id = ?1 AND id = ?2");
    up.bind(1, event_id).bind(2, p.id).bind(3, p.title);
    up.bind(4, p.deleted ? std::optional<std::int64_t>(1) : std::nullopt).run();
    expect_one_row("proposal", p.id, event_id);
    run_for_event("DELETE FROM proposal_team WHERE event_id = ?1 AND proposal_id = ?2", event_id, p.id);
  }
  statement team(db_,
                 "INSERT INTO proposal_team (event_id, proposal_id, member_id) VALUES (?1, ?2, ?3)");
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
  statement up(db_,
               "INSERT INTO reports (event_id, title, subtitle, date, foreword, method, round_id, "
               "published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (event_id) DO UPDATE "
               "SET title = ?2, subtitle = ?3, date = ?4, foreword = ?5, method = ?6, "
               "round_id = ?7, published = ?8");
  up.bind(1, event_id).bind(2, r.title).bind(3, r.subtitle).bind(4, r.date).bind(5, r.foreword);
  up.bind(6, r.method).bind(7, r.round).bind(8, std::int64_t{r.published}).run();
  statement chapter(db_,
                    "INSERT INTO report_chapters (event_id, position, title, intro) VALUES (?1, ?2, ?3, ?4)");
  statement entry(db_,
                  "INSERT INTO report_entries (event_id, chapter, position, proposal_id) "
                  "VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t c = 0; c < r.chapters.size(); ++c) {
    const auto& ch = r.chapters[c];
    chapter.bind(1, event_id).bind(2, static_cast<std::int64_t>(c)).bind(3, ch.title).bind(4, ch.intro).run();
    for (std::size_t i = 0; i < ch.proposals.size(); ++i) {
      entry.bind(1, event_id).bind(2, static_cast<std::int64_t>(c)).bind(3, static_cast<std::int64_t>(i));
      entry.bind(4, ch.proposals[i]).run();
    }
  }
}

void store::append_section_updates(id_type event_id, const std::vector<stored_update>& updates) {
  auto& s = st_->insert_section_update;
  for (const auto& u : updates) {
    s.bind(1, event_id).bind(2, u.proposal).bind(3, std::int64_t{u.section}).bind(4, u.version);
    s.bind(5, u.client_id).bind(6, u.member).bind(7, u.changes).bind(8, u.at);
    s.bind(9, std::int64_t{u.continues}).run();
  }
}

void store::load_drafting(loaded_event& out) {
  const id_type id = out.info.id;
  statement ts(db_,
               "SELECT heading, hint FROM template_sections WHERE event_id = ?1 ORDER BY position");
  ts.bind(1, id);
  while (ts.step()) out.template_sections.push_back({ts.column_text(0), ts.column_text(1)});
  if (out.template_sections.empty()) out.template_sections = domain::default_template();

  statement p(db_,
              "SELECT id, track_id, title, cluster_id, table_id, created_at, created_by, deleted_at "
              "FROM proposals WHERE event_id = ?1 ORDER BY id");
  p.bind(1, id);
  statement ideas(db_,
                  "SELECT idea_id FROM proposal_ideas WHERE event_id = ?1 AND proposal_id = ?2 "
                  "ORDER BY position");
  statement team(db_,
                 "SELECT member_id FROM proposal_team WHERE event_id = ?1 AND proposal_id = ?2 "
                 "ORDER BY member_id");
  while (p.step()) {
    domain::proposal x;
    x.id = p.column_int(0);
    x.track = p.column_int(1);
    x.title = p.column_text(2);
    if (!p.column_is_null(3)) x.cluster = p.column_int(3);
    if (!p.column_is_null(4)) x.table = p.column_int(4);
    x.created_at = p.column_int(5);
    x.created_by = p.column_int(6);
    x.deleted = !p.column_is_null(7);
    ideas.bind(1, id).bind(2, x.id);
    while (ideas.step()) x.ideas.push_back(ideas.column_int(0));
    ideas.reset();
    team.bind(1, id).bind(2, x.id);
    while (team.step()) x.team.push_back(team.column_int(0));
    team.reset();
    out.proposals.push_back(std::move(x));
  }

  statement c(db_,
              "SELECT id, proposal_id, section, from_pos, to_pos, version, quote, parent_id, "
              "author_id, text, at, resolved FROM comments WHERE event_id = ?1 ORDER BY id");
  c.bind(1, id);
  while (c.step()) {
    domain::comment x;
    x.id = c.column_int(0);
    x.proposal = c.column_int(1);
    if (!c.column_is_null(2)) x.section = static_cast<int>(c.column_int(2));
    x.from = c.column_int(3);
    x.to = c.column_int(4);
    x.version = c.column_int(5);
    x.quote = c.column_text(6);
    if (!c.column_is_null(7)) x.parent = c.column_int(7);
    x.author = c.column_int(8);
    x.text = c.column_text(9);
    x.at = c.column_int(10);
    x.resolved = c.column_int(11) != 0;
    out.comments.push_back(std::move(x));
  }

  statement rp(db_,
               "SELECT title, subtitle, date, foreword, method, round_id, published FROM reports "
               "WHERE event_id = ?1");
  rp.bind(1, id);
  if (rp.step()) {
    out.report.title = rp.column_text(0);
    out.report.subtitle = rp.column_text(1);
    out.report.date = rp.column_text(2);
    out.report.foreword = rp.column_text(3);
    out.report.method = rp.column_text(4);
    if (!rp.column_is_null(5)) out.report.round = rp.column_int(5);
    out.report.published = rp.column_int(6) != 0;
  }
  statement ch(db_, "SELECT title, intro FROM report_chapters WHERE event_id = ?1 ORDER BY position");
  ch.bind(1, id);
  while (ch.step()) out.report.chapters.push_back({ch.column_text(0), ch.column_text(1), {}});
  statement en(db_,
               "SELECT chapter, proposal_id FROM report_entries WHERE event_id = ?1 "
               "ORDER BY chapter, position");
  en.bind(1, id);
  while (en.step()) {
    const auto c = static_cast<std::size_t>(en.column_int(0));
    if (c >= out.report.chapters.size()) throw storage_error("a report entry has no chapter");
    out.report.chapters[c].proposals.push_back(en.column_int(1));
  }

  statement u(db_,
              "SELECT proposal_id, section, version, client_id, member_id, changes, at, continues "
              "FROM section_updates WHERE event_id = ?1 ORDER BY proposal_id, section, version");
  u.bind(1, id);
  while (u.step()) {
    out.section_updates.push_back({u.column_int(0), static_cast<int>(u.column_int(1)),
                                   u.column_int(2), u.column_text(3), u.column_int(4),
                                   u.column_text(5), u.column_int(6), u.column_int(7) != 0});
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
}

void store::apply(id_type event_id, const domain::change& c, std::string_view json) {
  struct visitor {
    store& self;
    id_type event_id;
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
      self.run_for_event("INSERT INTO clusters (event_id, id, track_id, name) VALUES (?1, ?2, ?3, ?4)",
                         event_id, x.c.id, x.c.track, x.c.name);
    }
    void operator()(const domain::cluster_renamed& x) const {
      self.run_for_event("UPDATE clusters SET name = ?3 WHERE event_id = ?1 AND id = ?2",
                         event_id, x.c.id, std::nullopt, x.c.name);
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
      self.run_for_event("INSERT INTO event_tables (event_id, id, track_id, name) VALUES (?1, ?2, ?3, ?4)",
                         event_id, x.t.id, x.t.track, x.t.name);
    }
    void operator()(const domain::table_removed& x) const {
      self.run_for_event("UPDATE event_tables SET removed_at = ?3 WHERE event_id = ?1 AND id = ?2",
                         event_id, x.t.id, at);
      self.expect_one_row("table", x.t.id, event_id);
      self.run_for_event("UPDATE members SET table_id = NULL WHERE event_id = ?1 AND table_id = ?2",
                         event_id, x.t.id);
    }
    void operator()(const domain::member_moved& x) const {
      statement s(self.db_, "UPDATE members SET track_id = ?3, table_id = ?4 WHERE event_id = ?1 AND id = ?2");
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
      statement del(self.db_, "DELETE FROM template_sections WHERE event_id = ?1");
      del.bind(1, event_id).run();
      statement ins(self.db_,
                    "INSERT INTO template_sections (event_id, position, heading, hint) "
                    "VALUES (?1, ?2, ?3, ?4)");
      for (std::size_t i = 0; i < x.sections.size(); ++i) {
        ins.bind(1, event_id).bind(2, static_cast<std::int64_t>(i)).bind(3, x.sections[i].heading);
        ins.bind(4, x.sections[i].hint).run();
      }
    }
    void operator()(const domain::proposal_created& x) const { self.write_proposal(event_id, x.p, true); }
    void operator()(const domain::proposal_updated& x) const { self.write_proposal(event_id, x.p, false); }
    void operator()(const domain::proposal_deleted& x) const { self.write_proposal(event_id, x.p, false); }
    void operator()(const domain::proposals_frozen& x) const {
      statement s(self.db_, "UPDATE events SET proposals_frozen = ?2 WHERE id = ?1");
      s.bind(1, event_id).bind(2, std::int64_t{x.frozen}).run();
      self.expect_one_row("event", event_id, event_id);
    }
    void operator()(const domain::comment_added& x) const { self.write_comment(event_id, x.c, true); }
    void operator()(const domain::comment_resolved& x) const { self.write_comment(event_id, x.c, false); }
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
    void operator()(const domain::screen_changed& x) const {
      statement s(self.db_, "UPDATE events SET screen_track_id = ?2 WHERE id = ?1");
      s.bind(1, event_id);
      s.bind(2, x.screen.track ? std::optional<std::int64_t>(*x.screen.track) : std::nullopt);
      s.run();
      self.expect_one_row("event", event_id, event_id);
    }
    domain::millis at;
  };
  std::visit(visitor{*this, event_id, c.at}, c.body);
  auto& s = st_->insert_change;
  s.bind(1, event_id).bind(2, c.seq).bind(3, domain::kind_name(c.body)).bind(4, c.actor);
  s.bind(5, json).bind(6, c.at);
  s.run();
}

void store::record_command(id_type event_id, id_type member_id, std::string_view command_id,
                           std::string_view answer, domain::millis at) {
  auto& s = st_->insert_command;
  s.bind(1, event_id).bind(2, member_id).bind(3, command_id).bind(4, answer).bind(5, at);
  s.run();
}

void store::add_admin_secret(std::string_view hash, domain::millis at) {
  statement s(db_, "INSERT INTO admin_secrets (hash, created_at) VALUES (?1, ?2)");
  s.bind(1, hash).bind(2, at).run();
}

bool is_admin_secret_at(const std::string& path, std::string_view hash) {
  database db(path, true);
  statement s(db, "SELECT 1 FROM admin_secrets WHERE hash = ?1");
  s.bind(1, hash);
  return s.step();
}

bool store::is_admin_secret(std::string_view hash) {
  statement s(db_, "SELECT 1 FROM admin_secrets WHERE hash = ?1");
  s.bind(1, hash);
  return s.step();
}

loaded_event store::load(statement& ev) {
  loaded_event out;
  out.info.id = ev.column_int(0);
  out.info.code = ev.column_text(1);
  out.info.title = ev.column_text(2);
  out.info.created_at = ev.column_int(3);
  out.timer.current = static_cast<int>(ev.column_int(4));
  out.timer.running = ev.column_int(5) != 0;
  out.timer.started_at = ev.column_int(6);
  out.timer.elapsed = ev.column_int(7);
  out.timer.extra = ev.column_int(8);
  out.timer.auto_advance = ev.column_int(9) != 0;
  if (!ev.column_is_null(10)) out.screen.track = ev.column_int(10);
  out.pacing.allowed = ev.column_int(11) != 0;
  out.frozen = ev.column_int(12) != 0;
  out.self_join = ev.column_int(13) != 0;
  if (!ev.column_is_null(14)) {
    out.timer.undo = domain::timer_state::left_phase{static_cast<int>(ev.column_int(14)),
                                                     ev.column_int(15) != 0, ev.column_int(16),
                                                     ev.column_int(17)};
  }
  const id_type id = out.info.id;

  statement ph(db_,
               "SELECT kind, title, planned_ms FROM phases WHERE event_id = ?1 ORDER BY position");
  ph.bind(1, id);
  while (ph.step()) {
    const auto kind = domain::parse_phase_kind(ph.column_text(0));
    if (!kind) throw storage_error("event " + std::to_string(id) + " has a phase of unknown kind");
    out.agenda.push_back(domain::phase{*kind, ph.column_text(1), ph.column_int(2)});
  }
  if (out.agenda.empty()) out.agenda = domain::default_agenda();
  if (out.timer.current >= static_cast<int>(out.agenda.size())) out.timer = domain::timer_state{};
  if (out.timer.undo && out.timer.undo->index >= static_cast<int>(out.agenda.size())) {
    out.timer.undo.reset();
  }
  std::erase_if(out.pacing.track_phase, [&](const auto& kv) {
    return kv.second >= static_cast<int>(out.agenda.size());
  });

  statement t(db_,
              "SELECT id, name, description, phase_index FROM tracks WHERE event_id = ?1 ORDER BY id");
  t.bind(1, id);
  while (t.step()) {
    out.info.tracks.push_back({t.column_int(0), t.column_text(1), t.column_text(2)});
    if (!t.column_is_null(3)) out.pacing.track_phase[t.column_int(0)] = static_cast<int>(t.column_int(3));
  }

  statement m(db_,
              "SELECT id, role, name, organisation, stakeholder_group, track_id, credit, "
              "token_hash, joined_at, table_id, email, removed_at FROM members WHERE event_id = ?1 "
              "ORDER BY id");
  m.bind(1, id);
  while (m.step()) {
    domain::member x;
    x.id = m.column_int(0);
    const auto r = domain::parse_role(m.column_text(1));
    const auto g = domain::parse_group(m.column_text(4));
    if (!r || !g) throw storage_error("member " + std::to_string(x.id) + " has a bad role or group");
    x.member_role = *r;
    x.name = m.column_text(2);
    x.organisation = m.column_text(3);
    x.group = *g;
    if (!m.column_is_null(5)) x.track = m.column_int(5);
    x.credit = m.column_int(6) != 0;
    x.token_hash = m.column_text(7);
    x.joined_at = m.column_int(8);
    if (!m.column_is_null(9)) x.table = m.column_int(9);
    x.email = m.column_text(10);
    x.removed = !m.column_is_null(11);
    out.members.push_back(std::move(x));
  }

  statement i(db_,
              "SELECT id, track_id, author_id, text, anonymous, hidden, deleted, created_at, "
              "edited_at, edited_by, pinned, merged_into, cluster_id FROM ideas "
              "WHERE event_id = ?1 ORDER BY id");
  i.bind(1, id);
  while (i.step()) {
    domain::idea x;
    x.id = i.column_int(0);
    x.track = i.column_int(1);
    x.author = i.column_int(2);
    x.text = i.column_text(3);
    x.anonymous = i.column_int(4) != 0;
    x.hidden = i.column_int(5) != 0;
    x.deleted = i.column_int(6) != 0;
    x.created_at = i.column_int(7);
    if (!i.column_is_null(8)) x.edited_at = i.column_int(8);
    if (!i.column_is_null(9)) x.edited_by = i.column_int(9);
    x.pinned = i.column_int(10) != 0;
    if (!i.column_is_null(11)) x.merged_into = i.column_int(11);
    if (!i.column_is_null(12)) x.cluster = i.column_int(12);
    out.ideas.push_back(std::move(x));
  }

  statement an(db_,
               "SELECT id, text, track_id, at, by_id, cleared_at FROM announcements "
               "WHERE event_id = ?1 ORDER BY id");
  an.bind(1, id);
  while (an.step()) {
    out.last_announcement_id = an.column_int(0);
    if (!an.column_is_null(5)) continue;
    domain::announcement a;
    a.id = an.column_int(0);
    a.text = an.column_text(1);
    if (!an.column_is_null(2)) a.track = an.column_int(2);
    a.at = an.column_int(3);
    a.by = an.column_int(4);
    out.announcements.push_back(std::move(a));
  }

  statement cl(db_, "SELECT id, track_id, name, deleted_at FROM clusters WHERE event_id = ?1 ORDER BY id");
  cl.bind(1, id);
  while (cl.step()) {
    out.last_cluster_id = cl.column_int(0);
    if (cl.column_is_null(3)) out.clusters.push_back({cl.column_int(0), cl.column_int(1), cl.column_text(2)});
  }
  statement tb(db_,
               "SELECT id, track_id, name, removed_at FROM event_tables WHERE event_id = ?1 ORDER BY id");
  tb.bind(1, id);
  while (tb.step()) {
    out.last_table_id = tb.column_int(0);
    if (tb.column_is_null(3)) out.tables.push_back({tb.column_int(0), tb.column_int(1), tb.column_text(2)});
  }

  statement vr(db_,
               "SELECT id, title, track_id, method, budget, max_per_item, allow_own, live_results, "
               "random_order, state, opened_at, item_kind FROM vote_rounds WHERE event_id = ?1 "
               "ORDER BY id");
  vr.bind(1, id);
  while (vr.step()) {
    domain::vote_round r;
    r.id = vr.column_int(0);
    r.title = vr.column_text(1);
    if (!vr.column_is_null(2)) r.track = vr.column_int(2);
    const auto method = domain::parse_vote_method(vr.column_text(3));
    if (!method) throw storage_error("vote round " + std::to_string(r.id) + " has an unknown method");
    r.method = static_cast<int>(*method);
    r.budget = static_cast<int>(vr.column_int(4));
    r.max_per_item = static_cast<int>(vr.column_int(5));
    r.allow_own = vr.column_int(6) != 0;
    r.live_results = vr.column_int(7) != 0;
    r.random_order = vr.column_int(8) != 0;
    const std::string state = vr.column_text(9);
    r.state = state == "open"     ? domain::round_state::open
              : state == "closed" ? domain::round_state::closed
                                  : domain::round_state::revealed;
    r.opened_at = vr.column_int(10);
    const auto kind = domain::parse_item_kind(vr.column_text(11));
    if (!kind) throw storage_error("vote round " + std::to_string(r.id) + " has unknown items");
    r.kind = *kind;
    statement items(db_,
                    "SELECT item_id FROM round_items WHERE event_id = ?1 AND round_id = ?2 ORDER BY position");
    items.bind(1, id).bind(2, r.id);
    while (items.step()) r.items.push_back(items.column_int(0));
    std::map<id_type, domain::ballot> ballots;
    statement v(db_,
                "SELECT member_id, item_id, votes FROM votes WHERE event_id = ?1 AND round_id = ?2");
    v.bind(1, id).bind(2, r.id);
    while (v.step()) ballots[v.column_int(0)][v.column_int(1)] = static_cast<int>(v.column_int(2));
    out.rounds.emplace_back(std::move(r), std::move(ballots));
  }

  load_drafting(out);

  statement s(db_, "SELECT coalesce(max(seq), 0) FROM changes WHERE event_id = ?1");
  s.bind(1, id);
  s.step();
  out.seq = s.column_int(0);

  statement c(db_,
              "SELECT member_id, command_id, answer FROM ("
              "  SELECT member_id, command_id, answer, rowid AS r, row_number() OVER ("
              "    PARTITION BY member_id ORDER BY rowid DESC) AS n"
              "  FROM commands WHERE event_id = ?1) WHERE n <= ?2 ORDER BY r");
  c.bind(1, id).bind(2, std::int64_t{remembered_commands});
  while (c.step()) out.commands.push_back({c.column_int(0), c.column_text(1), c.column_text(2)});
  return out;
}

std::vector<loaded_event> store::load_events() {
  std::vector<loaded_event> out;
  statement ev(db_, "SELECT " + std::string(event_columns) + " FROM events ORDER BY id");
  while (ev.step()) out.push_back(load(ev));
  return out;
}

loaded_event store::load_event(id_type event_id) {
  statement ev(db_, "SELECT " + std::string(event_columns) + " FROM events WHERE id = ?1");
  ev.bind(1, event_id);
  if (!ev.step()) throw storage_error("event " + std::to_string(event_id) + " is not in the database");
  return load(ev);
}

}  // namespace rt::storage
