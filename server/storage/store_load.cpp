// store_load.cpp: loading an event from its rows (store::load_events, store::load_event).
#include <algorithm>
#include <map>

#include "store.hpp"

namespace rt::storage {

using domain::id_type;

namespace {

constexpr std::string_view event_columns =
    "id, code, title, created_at, phase_index, timer_running, timer_started_at, "
    "timer_elapsed_ms, timer_extra_ms, auto_advance, screen_track_id, track_pacing, "
    "proposals_frozen, self_join, undo_phase_index, undo_running, undo_elapsed_ms, "
    "undo_extra_ms, undo_at, screen_mode, screen_round_id, status, exported_seq, closed_at, "
    "language, screen_languages";

// The phases (the default agenda when none was set) and the tracks with their own pace.
void load_agenda(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement ph(db,
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
  std::erase_if(out.pacing.track_phase,
                [&](const auto& kv) { return kv.second >= static_cast<int>(out.agenda.size()); });

  statement g(db, "SELECT code, label FROM event_groups WHERE event_id = ?1 ORDER BY position");
  g.bind(1, id);
  out.info.groups.clear();
  while (g.step()) out.info.groups.push_back({g.column_text(0), g.column_text(1)});
  if (out.info.groups.empty()) out.info.groups = domain::default_groups();

  statement t(
      db, "SELECT id, name, description, phase_index FROM tracks WHERE event_id = ?1 ORDER BY id");
  t.bind(1, id);
  while (t.step()) {
    out.info.tracks.push_back({t.column_int(0), t.column_text(1), t.column_text(2)});
    if (!t.column_is_null(3))
      out.pacing.track_phase[t.column_int(0)] = static_cast<int>(t.column_int(3));
  }
}

// Every member, removed and erased ones too (flagged).
void load_members(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement m(db,
              "SELECT id, role, name, organisation, stakeholder_group, track_id, credit, "
              "token_hash, joined_at, table_id, email, removed_at, revoked_at, erased_at, "
              "credit_withdrawn FROM members "
              "WHERE event_id = ?1 "
              "ORDER BY id");
  m.bind(1, id);
  while (m.step()) {
    domain::member x;
    x.id = m.column_int(0);
    const auto r = domain::parse_role(m.column_text(1));
    if (!r) throw storage_error("member " + std::to_string(x.id) + " has a bad role");
    x.member_role = *r;
    x.name = m.column_text(2);
    x.organisation = m.column_text(3);
    x.group = m.column_text(4);
    if (!m.column_is_null(5)) x.track = m.column_int(5);
    x.credit = m.column_int(6) != 0;
    x.token_hash = m.column_text(7);
    x.joined_at = m.column_int(8);
    if (!m.column_is_null(9)) x.table = m.column_int(9);
    x.email = m.column_text(10);
    x.removed = !m.column_is_null(11);
    x.revoked = !m.column_is_null(12);
    x.erased = !m.column_is_null(13);
    x.credit_withdrawn = m.column_int(14) != 0;
    if (x.erased) x.token_hash.clear();  // a placeholder no secret hashes to
    out.members.push_back(std::move(x));
  }
}

// Every idea, deleted ones too (flagged), and the pairs dismissed as not duplicates.
void load_ideas(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement i(db,
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
  // Their supporters, in the order they supported (ideas are in id order).
  statement sp(db,
               "SELECT idea_id, member_id FROM idea_supports WHERE event_id = ?1 "
               "ORDER BY at, rowid");
  sp.bind(1, id);
  while (sp.step()) {
    const auto idea =
        std::lower_bound(out.ideas.begin(), out.ideas.end(), sp.column_int(0),
                         [](const domain::idea& x, id_type wanted) { return x.id < wanted; });
    if (idea == out.ideas.end() || idea->id != sp.column_int(0)) {
      throw storage_error("a support of event " + std::to_string(id) + " has no idea");
    }
    idea->supporters.push_back(sp.column_int(1));
  }
  statement dd(db,
               "SELECT idea_a, idea_b FROM dismissed_duplicates WHERE event_id = ?1 "
               "ORDER BY idea_a, idea_b");
  dd.bind(1, id);
  while (dd.step()) out.dismissed.emplace_back(dd.column_int(0), dd.column_int(1));
}

// The announcements that are up, the clusters and tables that exist, and the last id of each.
void load_board(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement an(db,
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

  statement cl(
      db, "SELECT id, track_id, name, deleted_at FROM clusters WHERE event_id = ?1 ORDER BY id");
  cl.bind(1, id);
  while (cl.step()) {
    out.last_cluster_id = cl.column_int(0);
    if (cl.column_is_null(3))
      out.clusters.push_back({cl.column_int(0), cl.column_int(1), cl.column_text(2)});
  }
  statement tb(
      db,
      "SELECT id, track_id, name, removed_at FROM event_tables WHERE event_id = ?1 ORDER BY id");
  tb.bind(1, id);
  while (tb.step()) {
    out.last_table_id = tb.column_int(0);
    if (tb.column_is_null(3))
      out.tables.push_back({tb.column_int(0), tb.column_int(1), tb.column_text(2)});
  }
}

// The vote rounds with their items and everyone's ballots.
void load_rounds(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement vr(db,
               "SELECT id, title, track_id, method, budget, max_per_item, allow_own, live_results, "
               "random_order, state, opened_at, item_kind, eligible FROM vote_rounds "
               "WHERE event_id = ?1 ORDER BY id");
  vr.bind(1, id);
  while (vr.step()) {
    domain::vote_round r;
    r.id = vr.column_int(0);
    r.title = vr.column_text(1);
    if (!vr.column_is_null(2)) r.track = vr.column_int(2);
    const auto method = domain::parse_vote_method(vr.column_text(3));
    if (!method)
      throw storage_error("vote round " + std::to_string(r.id) + " has an unknown method");
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
    const auto who = domain::parse_voters(vr.column_text(12));
    if (!who) throw storage_error("vote round " + std::to_string(r.id) + " has unknown voters");
    r.eligible.who = *who;
    statement voter_tracks(db,
                           "SELECT track_id FROM round_voter_tracks WHERE event_id = ?1 AND "
                           "round_id = ?2 ORDER BY track_id");
    voter_tracks.bind(1, id).bind(2, r.id);
    while (voter_tracks.step()) r.eligible.tracks.push_back(voter_tracks.column_int(0));
    statement items(
        db,
        "SELECT item_id FROM round_items WHERE event_id = ?1 AND round_id = ?2 ORDER BY position");
    items.bind(1, id).bind(2, r.id);
    while (items.step()) r.items.push_back(items.column_int(0));
    std::map<id_type, domain::ballot> ballots;
    statement v(
        db, "SELECT member_id, item_id, votes FROM votes WHERE event_id = ?1 AND round_id = ?2");
    v.bind(1, id).bind(2, r.id);
    while (v.step()) ballots[v.column_int(0)][v.column_int(1)] = static_cast<int>(v.column_int(2));
    out.rounds.emplace_back(std::move(r), std::move(ballots));
  }
}

// The template (the default when none was set) and the proposals, deleted ones too.
void load_proposals(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement ts(db,
               "SELECT heading, hint FROM template_sections WHERE event_id = ?1 ORDER BY position");
  ts.bind(1, id);
  while (ts.step()) out.template_sections.push_back({ts.column_text(0), ts.column_text(1)});
  if (out.template_sections.empty()) out.template_sections = domain::default_template();

  statement p(
      db,
      "SELECT id, track_id, title, cluster_id, table_id, created_at, created_by, deleted_at "
      "FROM proposals WHERE event_id = ?1 ORDER BY id");
  p.bind(1, id);
  statement ideas(db,
                  "SELECT idea_id FROM proposal_ideas WHERE event_id = ?1 AND proposal_id = ?2 "
                  "ORDER BY position");
  statement team(db,
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
    if (x.deleted) x.deleted_at = p.column_int(7);
    ideas.bind(1, id).bind(2, x.id);
    while (ideas.step()) x.ideas.push_back(ideas.column_int(0));
    ideas.reset();
    team.bind(1, id).bind(2, x.id);
    while (team.step()) x.team.push_back(team.column_int(0));
    team.reset();
    out.proposals.push_back(std::move(x));
  }
}

// Every comment.
void load_comments(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement c(db,
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
}

// The report's texts and chapters.
void load_report(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement rp(db,
               "SELECT title, subtitle, date, foreword, method, round_id, published, "
               "credits_changed_at FROM reports WHERE event_id = ?1");
  rp.bind(1, id);
  if (rp.step()) {
    out.report.title = rp.column_text(0);
    out.report.subtitle = rp.column_text(1);
    out.report.date = rp.column_text(2);
    out.report.foreword = rp.column_text(3);
    out.report.method = rp.column_text(4);
    if (!rp.column_is_null(5)) out.report.round = rp.column_int(5);
    out.report.published = rp.column_int(6) != 0;
    if (!rp.column_is_null(7)) out.report.credits_changed_at = rp.column_int(7);
  }
  statement ch(db,
               "SELECT title, intro FROM report_chapters WHERE event_id = ?1 ORDER BY position");
  ch.bind(1, id);
  while (ch.step()) out.report.chapters.push_back({ch.column_text(0), ch.column_text(1), {}});
  statement en(db,
               "SELECT chapter, proposal_id FROM report_entries WHERE event_id = ?1 "
               "ORDER BY chapter, position");
  en.bind(1, id);
  while (en.step()) {
    const auto c = static_cast<std::size_t>(en.column_int(0));
    if (c >= out.report.chapters.size()) throw storage_error("a report entry has no chapter");
    out.report.chapters[c].proposals.push_back(en.column_int(1));
  }
}

// Every accepted update of every section, in order.
stored_update section_update_row(statement& u, domain::id_type proposal, int section) {
  return {proposal,        section,          u.column_int(0), u.column_text(1),
          u.column_int(2), u.column_text(3), u.column_int(4), u.column_int(5) != 0};
}

void load_section_updates(database& db, loaded_event& out, section_consumer* sections) {
  const id_type id = out.info.id;
  statement u(db,
              "SELECT version, client_id, member_id, changes, at, continues, proposal_id, section "
              "FROM section_updates WHERE event_id = ?1 ORDER BY proposal_id, section, version");
  u.bind(1, id);
  while (u.step()) {
    auto row = section_update_row(u, u.column_int(6), static_cast<int>(u.column_int(7)));
    if (sections) {
      sections->add(out, std::move(row));
    } else {
      out.section_updates.push_back(std::move(row));
    }
  }
  if (sections) sections->done(out);
}

// The sequence number reached and the most recent answers per member.
void load_sequence(database& db, loaded_event& out) {
  const id_type id = out.info.id;
  statement s(db, "SELECT coalesce(max(seq), 0) FROM changes WHERE event_id = ?1");
  s.bind(1, id);
  s.step();
  out.seq = s.column_int(0);

  statement c(db,
              "SELECT member_id, command_id, answer FROM ("
              "  SELECT member_id, command_id, answer, rowid AS r, row_number() OVER ("
              "    PARTITION BY member_id ORDER BY rowid DESC) AS n"
              "  FROM commands WHERE event_id = ?1) WHERE n <= ?2 ORDER BY r");
  c.bind(1, id).bind(2, std::int64_t{store::remembered_commands});
  while (c.step()) out.commands.push_back({c.column_int(0), c.column_text(1), c.column_text(2)});
}

}  // namespace

loaded_event store::load(statement& ev, section_consumer* sections) {
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
    out.timer.undo =
        domain::timer_state::left_phase{static_cast<int>(ev.column_int(14)), ev.column_int(15) != 0,
                                        ev.column_int(16), ev.column_int(17), ev.column_int(18)};
  }
  if (const auto mode = domain::parse_screen_mode(ev.column_text(19))) out.screen.mode = *mode;
  if (!ev.column_is_null(20)) out.screen.round = ev.column_int(20);
  if (const auto st = domain::parse_event_status(ev.column_text(21))) out.status = *st;
  if (!ev.column_is_null(22)) out.exported_seq = ev.column_int(22);
  if (!ev.column_is_null(23)) out.closed_at = ev.column_int(23);
  if (const auto language = ev.column_text(24); domain::is_language(language)) {
    out.info.language = language;
  }
  if (const auto s = domain::parse_screen_languages(ev.column_text(25))) out.info.screens = *s;
  load_agenda(db_, out);
  load_members(db_, out);
  load_ideas(db_, out);
  load_board(db_, out);
  load_rounds(db_, out);
  load_proposals(db_, out);
  load_comments(db_, out);
  load_report(db_, out);
  load_section_updates(db_, out, sections);
  load_sequence(db_, out);
  return out;
}

std::vector<loaded_event> store::load_events(section_consumer* sections) {
  std::vector<loaded_event> out;
  statement ev(db_, "SELECT " + std::string(event_columns) + " FROM events ORDER BY id");
  while (ev.step()) out.push_back(load(ev, sections));
  return out;
}

std::vector<stored_update> store::read_section_updates(id_type event_id, id_type proposal,
                                                       int section, std::int64_t after,
                                                       std::int64_t up_to) {
  statement u(db_,
              "SELECT version, client_id, member_id, changes, at, continues FROM section_updates "
              "WHERE event_id = ?1 AND proposal_id = ?2 AND section = ?3 AND version > ?4 "
              "AND version <= ?5 ORDER BY version");
  u.bind(1, event_id)
      .bind(2, proposal)
      .bind(3, std::int64_t{section})
      .bind(4, after)
      .bind(5, up_to);
  std::vector<stored_update> out;
  while (u.step()) out.push_back(section_update_row(u, proposal, section));
  return out;
}

loaded_event store::load_event(id_type event_id) {
  statement ev(db_, "SELECT " + std::string(event_columns) + " FROM events WHERE id = ?1");
  ev.bind(1, event_id);
  if (!ev.step())
    throw storage_error("event " + std::to_string(event_id) + " is not in the database");
  return load(ev);
}

std::vector<stored_update> store::read_member_updates(id_type event_id, id_type member) {
  statement u(db_,
              "SELECT version, client_id, member_id, changes, at, continues, proposal_id, section "
              "FROM section_updates WHERE event_id = ?1 AND member_id = ?2 "
              "ORDER BY proposal_id, section, version");
  u.bind(1, event_id).bind(2, member);
  std::vector<stored_update> out;
  while (u.step()) {
    out.push_back(section_update_row(u, u.column_int(6), static_cast<int>(u.column_int(7))));
  }
  return out;
}

}  // namespace rt::storage
