// sections.cpp: the room's side of collaborative editing: who has which section open, the
// push path (rebase, commit, then one `section_updates` per section and batch), reads of a
// section's text and history, and the coalesced `section_presence`.
//
// Everything here runs on the room's strand (see event_room.hpp).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cmath>

#include "app/loading.hpp"
#include "app/metrics.hpp"
#include "domain/member_edits.hpp"
#include "event_room.hpp"

namespace rt::app {

using nlohmann::json;

namespace {

// A section_history answer: the same bytes whether its page came from memory or the database.
std::string history_answer(const std::string& cmd_id, std::int64_t version, const std::string& page,
                           bool more) {
  return R"({"type":"ack","id":)" + protocol::dump(json(cmd_id)) + R"(,"result":{"version":)" +
         std::to_string(version) + R"(,"updates":[)" + page + R"(],"more":)" +
         (more ? "true" : "false") + "}}";
}

}  // namespace

bool event_room::take_section_command(request& r) {
  const auto reply_error = [&](const domain::error& e) {
    metrics::errors.add(domain::name(e.code));
    r.origin->send(net::make_text(protocol::error_message(r.cmd_id, e)));
    return true;
  };
  const auto& body = std::get<section_request>(r.what).body;
  if (const auto* c = std::get_if<protocol::close_section_cmd>(&body)) {
    const section_key key{c->proposal, c->section};
    if (auto v = section_viewers_.find(key);
        v != section_viewers_.end() && v->second.erase(r.origin.get())) {
      if (v->second.empty()) section_viewers_.erase(v);
      if (auto s = sections_of_.find(r.origin.get()); s != sections_of_.end()) s->second.erase(key);
      section_presence_changed(key);
    }
    r.origin->send(net::make_text(protocol::ack(r.cmd_id)));
    return true;
  }
  if (const auto* c = std::get_if<protocol::cursor_cmd>(&body)) {
    const section_key key{c->proposal, c->section};
    const auto v = section_viewers_.find(key);
    if (v == section_viewers_.end() || !v->second.contains(r.origin.get())) {
      return reply_error(
          domain::make_error(domain::errc::bad_value, "Open the section before moving in it."));
    }
    const auto* doc = state_.find_section(c->proposal, c->section);
    const std::int64_t version = doc ? doc->version() : 0;
    if (c->version < 0 || c->version > version) {
      return reply_error(
          domain::make_error(domain::errc::bad_value, "The section has no such version."));
    }
    const std::int64_t length = doc ? doc->length_at(c->version).value() : 0;
    if (c->where.anchor < 0 || c->where.head < 0 || c->where.anchor > length ||
        c->where.head > length) {
      return reply_error(
          domain::make_error(domain::errc::bad_value, "The selection is outside the text."));
    }
    auto& viewer = v->second.at(r.origin.get());
    viewer.where = c->where;
    viewer.version = c->version;
    section_presence_changed(key);
    r.origin->send(net::make_text(protocol::ack(r.cmd_id)));
    return true;
  }
  if (const auto* c = std::get_if<protocol::section_history_cmd>(&body)) {
    answer_history(r, *c);
    return true;
  }
  if (const auto* c = std::get_if<protocol::similar_ideas_cmd>(&body)) {
    answer_similar(r, *c);
    return true;
  }
  if (const auto* c = std::get_if<protocol::suggest_duplicates_cmd>(&body)) {
    answer_suggestions(r, c->track, false);
    return true;
  }
  if (const auto* c = std::get_if<protocol::suggest_clusters_cmd>(&body)) {
    answer_suggestions(r, c->track, true);
    return true;
  }
  return false;  // open_section waits for committed state; push is committed
}

void event_room::answer_history(request& r, const protocol::section_history_cmd& c) {
  // Answered at once, never queued behind commits: a page of at most history_page updates,
  // each serialised once for everyone who reads this section's history, and none that is
  // still being committed.
  if (auto ok = state_.check_section(r.member, c.proposal, c.section); !ok) {
    return refuse(r, ok.err());
  }
  const section_key key{c.proposal, c.section};
  const auto* doc = state_.find_section(c.proposal, c.section);
  std::int64_t version = doc ? doc->version() : 0;
  if (auto pending = committed_version_.find(key); pending != committed_version_.end()) {
    version = pending->second;
  }
  if (c.from > version) {
    return refuse(
        r, domain::make_error(domain::errc::bad_value,
                              "The section has no version " + std::to_string(c.from) + " yet."));
  }
  std::string page;
  std::int64_t v = c.from;
  if (doc && c.from < doc->first_version()) {
    // Before the window: one range of the database's primary key, read on the writer thread.
    const auto end =
        std::min<std::int64_t>(version, c.from + static_cast<std::int64_t>(options_.history_page));
    return answer_older_page(r, key, c.from, end, version);
  }
  if (doc) {
    const auto& kept = doc->updates();
    auto& cache = history_[key];
    if (cache.first_version != doc->first_version()) {
      for (const auto& item : cache.items) history_bytes_ -= item.size();
      cache.items.clear();
      cache.first_version = doc->first_version();
    }
    const auto end =
        std::min<std::int64_t>(version, c.from + static_cast<std::int64_t>(options_.history_page));
    while (cache.first_version + static_cast<std::int64_t>(cache.items.size()) < end) {
      const auto i = cache.items.size();
      cache.items.push_back(protocol::dump(protocol::update_json(
          kept[i], true, cache.first_version + static_cast<std::int64_t>(i) + 1)));
      history_bytes_ += cache.items.back().size();
    }
    for (; v < end; ++v) {
      if (!page.empty()) page.push_back(',');
      page += cache.items[static_cast<std::size_t>(v - cache.first_version)];
    }
  }
  std::string text = history_answer(r.cmd_id, version, page, v < version);
  if (history_bytes_ > options_.max_history_cache) {
    history_.clear();  // rebuilt on demand; bounded memory beats a warm cache
    history_bytes_ = 0;
  }
  charge(r.payer, text.size());
  r.origin->send(net::make_text(std::move(text)));
}

void event_room::answer_similar(request& r, const protocol::similar_ideas_cmd& c) {
  // Answered at once from the index (see similar_ideas.hpp): ideas that are committed, as
  // this member may be offered them.
  auto text = state_.check_similar(r.member, c.track, c.text);
  if (!text) return refuse(r, text.err());
  json ideas = json::array();
  for (const auto& m : similar_.nearest(state_, c.track, text.value())) {
    ideas.push_back(
        {{"idea", m.id}, {"score", std::round(static_cast<double>(m.score) * 100) / 100}});
  }
  r.origin->send(net::make_text(protocol::ack(r.cmd_id, json{{"ideas", std::move(ideas)}})));
}

void event_room::answer_suggestions(request& r, domain::id_type track, bool clusters) {
  if (auto ok = state_.check_suggestions(r.member, track); !ok) return refuse(r, ok.err());
  // Every pair of the track's ideas: computed from a copy, away from the strand.
  auto work = [snapshot = similar_.snapshot(state_, track, clusters), clusters, origin = r.origin,
               id = r.cmd_id] {
    const std::string result = clusters ? clusters_result(snapshot) : duplicates_result(snapshot);
    origin->send(net::make_text(R"({"type":"ack","id":)" + protocol::dump(json(id)) +
                                R"(,"result":)" + result + "}"));
  };
  if (options_.background) {
    options_.background(std::move(work));
  } else {
    work();
  }
}

void event_room::do_read(request& r, const protocol::open_section_cmd& c) {
  if (auto ok = state_.check_section(r.member, c.proposal, c.section); !ok) {
    return refuse(r, ok.err());
  }
  const section_key key{c.proposal, c.section};
  auto& open = sections_of_[r.origin.get()];
  if (!open.contains(key) && open.size() >= options_.max_open_sections) {
    if (open.empty()) sections_of_.erase(r.origin.get());
    return refuse(r, domain::make_error(domain::errc::too_large,
                                        "Close a section before opening another: at most " +
                                            std::to_string(options_.max_open_sections) +
                                            " are open at once."));
  }
  const auto* doc = state_.find_section(c.proposal, c.section);
  const std::int64_t version = doc ? doc->version() : 0;
  json result{{"version", version}};
  if (c.version) {
    if (*c.version < 0 || *c.version > version) {
      if (open.empty()) sections_of_.erase(r.origin.get());
      return refuse(
          r, domain::make_error(domain::errc::bad_value, "The section has no version " +
                                                             std::to_string(*c.version) + " yet."));
    }
    json list = json::array();
    if (doc && *c.version < doc->first_version()) {
      // Before the window: the older updates come back from the database, then this again.
      if (!carries_older(r, *c.version, *doc)) {
        if (open.empty()) sections_of_.erase(r.origin.get());
        const std::int64_t from = *c.version;  // c is in r, which moves
        return read_older(std::move(r), key, from, doc->first_version());
      }
      const auto& s = std::get<section_request>(r.what);
      for (const auto& u : *s.older) list.push_back(protocol::update_json(u, false, 0));
    }
    if (doc) {
      auto since = doc->updates_since(std::max(*c.version, doc->first_version()));
      if (!since) return refuse(r, since.err());
      for (const auto& u : since.value()) list.push_back(protocol::update_json(u, false, 0));
    }
    result["updates"] = std::move(list);
  } else {
    result["text"] = doc ? domain::to_utf8(doc->text()) : std::string();
  }
  open.insert(key);
  auto& viewers = section_viewers_[key];
  const bool fresh = !viewers.contains(r.origin.get());
  auto& viewer = viewers[r.origin.get()];
  viewer.member = r.member;
  if (fresh) viewer.version = version;
  auto answer = net::make_text(protocol::ack(r.cmd_id, result));
  charge(r.payer, answer->size());
  r.origin->send(std::move(answer));
  section_presence_changed(key);
}

bool event_room::start_push(request& r, protocol::push_cmd& c, domain::millis now, batch& b) {
  if (auto closed = closed_to(r)) {
    refuse(r, *closed);
    return false;
  }
  std::span<const domain::accepted_update> older;
  if (const auto* doc = state_.find_section(c.proposal, c.section);
      doc && c.version >= 0 && c.version < doc->first_version()) {
    // Made on a version before the window: rebased over the updates read back from the
    // database (the client could not recover from a refusal without losing its edits).
    if (!carries_older(r, c.version, *doc)) {
      if (auto ok = state_.check_section(r.member, c.proposal, c.section); !ok) {
        refuse(r, ok.err());
        return false;
      }
      const section_key key{c.proposal, c.section};  // c is in r, which moves
      const std::int64_t from = c.version;
      read_older(std::move(r), key, from, doc->first_version());
      return false;
    }
    older = *std::get<section_request>(r.what).older;
  }
  auto pushed = state_.push_section(r.member, c.proposal, c.section, c.version,
                                    std::move(c.updates), now, options_.section_limits, older);
  if (!pushed) {
    refuse(r, pushed.err());
    return false;
  }
  item it;
  const auto& p = pushed.value();
  std::int64_t version = p.from_version;
  for (const auto& u : p.updates) {
    it.stored.push_back(storage::stored_update{p.proposal, p.section, ++version, u.client_id,
                                               u.member, protocol::changes_json(u.changes).dump(),
                                               u.at, u.continues});
  }
  if (c.where) {
    // The selection is in the pusher's text after its pushed updates: carried into the
    // section's text over the others' updates accepted meanwhile, it stays at the end of the
    // writer's own text, before anyone else's (domain::map_pushed_caret).
    protocol::selection where = *c.where;
    where.anchor = domain::map_pushed_caret(where.anchor, p.others_after);
    where.head = domain::map_pushed_caret(where.head, p.others_after);
    const std::int64_t where_version = version;
    const section_key key{c.proposal, c.section};
    if (auto v = section_viewers_.find(key); v != section_viewers_.end()) {
      if (auto me = v->second.find(r.origin.get()); me != v->second.end()) {
        me->second.where = where;
        me->second.version = where_version;
        section_presence_changed(key);
      }
    }
  }
  it.answer = net::make_text(protocol::ack(r.cmd_id, json{{"version", version}}));
  committed_version_.try_emplace(section_key{c.proposal, c.section}, p.from_version);
  it.push = std::move(pushed.value());
  it.req = std::move(r);
  b.items.push_back(std::move(it));
  return true;
}

void event_room::send_section_updates(const batch& b) {
  // One message per section and batch, holding every update the batch added to it, in order,
  // with each update's changes as serialised once for the database.
  std::map<section_key, std::pair<std::int64_t, std::vector<protocol::wire_update>>> by_section;
  for (const auto& it : b.items) {
    if (!it.push || it.stored.empty()) continue;
    const section_key key{it.push->proposal, it.push->section};
    auto [entry, fresh] =
        by_section.try_emplace(key, it.push->from_version, std::vector<protocol::wire_update>{});
    for (const auto& u : it.stored) {
      entry->second.second.push_back({u.client_id, u.changes, u.member, u.continues});
    }
  }
  std::vector<std::pair<client_ptr, net::shared_text>> out;
  for (const auto& [key, entry] : by_section) {
    const auto viewers = section_viewers_.find(key);
    if (viewers == section_viewers_.end()) continue;
    const auto text = net::make_text(
        protocol::section_updates_message(key.first, key.second, entry.first, entry.second));
    for (const auto& [client, viewer] : viewers->second) {
      if (const auto s = subscribers_.find(client); s != subscribers_.end()) {
        out.emplace_back(s->second.c, text);
      }
    }
  }
  deliver_by_thread(std::move(out));
}

void event_room::answer_older_page(request& r, const section_key& key, std::int64_t from,
                                   std::int64_t end, std::int64_t version) {
  // Readers flat out cost one query per page, not one per request: the writer thread also
  // commits everyone's ideas and votes.
  const older_page_key k{key, from, end};
  auto& p = older_pages_[k];
  if (p.ready) {
    std::string text = history_answer(r.cmd_id, version, p.page, end < version);
    charge(r.payer, text.size());
    return r.origin->send(net::make_text(std::move(text)));
  }
  p.waiting.push_back({r.origin, r.payer, r.cmd_id, version});
  if (p.waiting.size() > 1) return;  // its read is on the way
  read_updates(
      key, from, end,
      [self = shared_from_this(), k](domain::result<std::vector<domain::accepted_update>> got) {
        self->older_page_read(k, std::move(got));
      });
}

void event_room::older_page_read(const older_page_key& k,
                                 domain::result<std::vector<domain::accepted_update>> got) {
  auto it = older_pages_.find(k);
  if (it == older_pages_.end()) return;
  auto waiting = std::move(it->second.waiting);
  it->second.waiting.clear();
  if (!got) {
    older_pages_.erase(it);
    for (const auto& w : waiting) {
      metrics::errors.add(domain::name(got.err().code));
      w.origin->send(net::make_text(protocol::error_message(w.cmd_id, got.err())));
    }
    return;
  }
  std::string page;
  std::int64_t at = k.from;
  for (const auto& u : got.value()) {
    if (!page.empty()) page.push_back(',');
    page += protocol::dump(protocol::update_json(u, true, ++at));
  }
  for (const auto& w : waiting) {
    std::string text = history_answer(w.cmd_id, w.version, page, k.end < w.version);
    charge(w.payer, text.size());
    w.origin->send(net::make_text(std::move(text)));
  }
  older_bytes_ += page.size();
  it->second.page = std::move(page);
  it->second.ready = true;
  if (older_bytes_ > options_.max_history_cache) forget_older_pages();
}

void event_room::forget_older_pages() {
  std::erase_if(older_pages_, [](const auto& e) { return e.second.ready; });
  older_bytes_ = 0;
}

bool event_room::carries_older(const request& r, std::int64_t version,
                               const domain::section_doc& doc) {
  const auto& s = std::get<section_request>(r.what);
  return s.older && s.older_from == version &&
         static_cast<std::int64_t>(s.older->size()) == doc.first_version() - version;
}

void event_room::read_older(request r, const section_key& key, std::int64_t version,
                            std::int64_t up_to) {
  auto held = std::make_shared<request>(std::move(r));
  read_updates(key, version, up_to,
               [self = shared_from_this(), held,
                version](domain::result<std::vector<domain::accepted_update>> got) {
                 if (!got) return self->refuse(*held, got.err());
                 auto& s = std::get<section_request>(held->what);
                 s.older = std::make_shared<const std::vector<domain::accepted_update>>(
                     std::move(got.value()));
                 s.older_from = version;
                 self->requeue(std::move(*held));
               });
}

void event_room::read_updates(
    const section_key& key, std::int64_t after, std::int64_t up_to,
    std::function<void(domain::result<std::vector<domain::accepted_update>>)> then) {
  auto rows = std::make_shared<std::vector<storage::stored_update>>();
  auto job = [rows, id = info_.id, key, after, up_to](storage::store& s) {
    *rows = s.read_section_updates(id, key.first, key.second, after, up_to);
  };
  auto done = [self = shared_from_this(), rows, after, up_to, then](std::exception_ptr e) {
    asio::post(self->strand_, [rows, after, up_to, then, e] {
      const auto failed = [&] {
        then(domain::make_error(domain::errc::storage_failed,
                                "The section's history could not be read; try again."));
      };
      if (e || static_cast<std::int64_t>(rows->size()) != up_to - after) return failed();
      std::vector<domain::accepted_update> out;
      out.reserve(rows->size());
      try {
        for (auto& u : *rows) out.push_back(parse_stored_update(u));
      } catch (const storage::storage_error&) {
        return failed();
      }
      then(std::move(out));
    });
  };
  if (!writer_.submit(std::move(job), std::move(done))) {
    then(domain::make_error(domain::errc::shutting_down,
                            "The server is stopping; reconnect later."));
  }
}

void event_room::read_edits(
    domain::id_type member,
    std::function<void(std::optional<std::vector<domain::member_data::edit>>)> then) {
  auto rows = std::make_shared<std::vector<storage::stored_update>>();
  auto job = [rows, id = info_.id, member](storage::store& s) {
    *rows = s.read_member_updates(id, member);
  };
  auto done = [self = shared_from_this(), rows, then](std::exception_ptr e) {
    asio::post(self->strand_, [rows, then, e] {
      if (e) return then(std::nullopt);
      std::vector<domain::member_data::edit> out;
      try {
        for (auto& u : *rows) {
          const auto proposal = u.proposal;
          const auto section = u.section;
          const auto version = u.version;
          out.push_back(domain::edit_of(proposal, section, version, parse_stored_update(u)));
        }
      } catch (const storage::storage_error&) {
        return then(std::nullopt);
      }
      then(std::move(out));
    });
  };
  if (!writer_.submit(std::move(job), std::move(done))) then(std::nullopt);
}

void event_room::requeue(request r) {
  if (closing_) return refuse(r, domain::make_error(domain::errc::shutting_down));
  if (r.origin) {
    ++queued_of_[r.origin.get()];
    r.counted = r.origin.get();
  }
  queue_.push_back(std::move(r));
  queued_.store(queue_.size(), std::memory_order_relaxed);
  start_batch();
}

void event_room::drop_sections(net::client* c) {
  const auto open = sections_of_.find(c);
  if (open == sections_of_.end()) return;
  for (const auto& key : open->second) {
    if (auto v = section_viewers_.find(key); v != section_viewers_.end()) {
      v->second.erase(c);
      if (v->second.empty()) section_viewers_.erase(v);
      section_presence_changed(key);
    }
  }
  sections_of_.erase(open);
}

void event_room::section_presence_changed(const section_key& key) {
  const bool scheduled = !section_presence_dirty_.empty();
  section_presence_dirty_.insert(key);
  if (scheduled) return;
  section_presence_timer_.expires_after(section_presence_interval);
  section_presence_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    self->send_section_presence();
  });
}

void event_room::send_section_presence() {
  std::vector<std::pair<client_ptr, net::shared_text>> out;
  for (const auto& key : section_presence_dirty_) {
    const auto viewers = section_viewers_.find(key);
    if (viewers == section_viewers_.end()) continue;
    // One entry per member: the selection they moved last among their connections.
    std::map<domain::id_type, const section_viewer*> by_member;
    for (const auto& [client, v] : viewers->second) {
      auto& best = by_member[v.member];
      if (best == nullptr || (v.where && (!best->where || v.version >= best->version))) best = &v;
    }
    json editors = json::array();
    for (const auto& [member, v] : by_member) {
      const auto* m = state_.find_member(member);
      editors.push_back({{"member", member},
                         {"name", m ? m->name : std::string()},
                         {"anchor", v->where ? json(v->where->anchor) : json(nullptr)},
                         {"head", v->where ? json(v->where->head) : json(nullptr)},
                         {"version", v->version}});
    }
    const auto text = net::make_text(protocol::dump(json{{"type", "section_presence"},
                                                         {"proposal", key.first},
                                                         {"section", key.second},
                                                         {"editors", std::move(editors)}}));
    for (const auto& [client, v] : viewers->second) {
      if (const auto s = subscribers_.find(client); s != subscribers_.end()) {
        out.emplace_back(s->second.c, text);
      }
    }
  }
  section_presence_dirty_.clear();
  deliver_by_thread(std::move(out));
}

}  // namespace rt::app
