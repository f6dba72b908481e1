// event_room.cpp: one event's requests: queueing, checking in batches, commit and acknowledgement
// (the fan-out is in fan_out.cpp, co-editing in sections.cpp).
#include "event_room.hpp"

#include "app/api.hpp"
#include "app/loading.hpp"
#include "app/metrics.hpp"
#include "app/secrets.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <chrono>
#include <map>
#include <utility>

namespace rt::app {

using nlohmann::json;

namespace {

net::shared_text optional_text(std::optional<std::string> s) {
  return s ? net::make_text(std::move(*s)) : nullptr;
}

}  // namespace

event_room::event_room(asio::io_context& ioc, storage::writer& writer, storage::loaded_event loaded,
                       room_options options, clock now)
    : info_(loaded.info),
      options_(options),
      clock_(std::move(now)),
      writer_(writer),
      strand_(asio::make_strand(ioc)),
      advance_timer_(strand_),
      presence_timer_(strand_),
      results_timer_(strand_),
      section_presence_timer_(strand_),
      state_(loaded.info) {
  restore(std::move(loaded));
}

void event_room::restore(storage::loaded_event loaded) {
  const auto seq = loaded.seq;
  exported_seq_.store(loaded.exported_seq.value_or(-1), std::memory_order_relaxed);
  closed_at_.store(loaded.closed_at.value_or(0), std::memory_order_relaxed);
  auto commands = std::move(loaded.commands);
  state_ = load_state(std::move(loaded));
  similar_.reset(state_.info().language);
  committed_seq_ = seq;
  recent_.clear();
  recent_base_ = seq;
  answers_.clear();
  for (auto& c : commands) answers_.settle(c.member, c.command_id, net::make_text(c.answer));
  // What was cached may have been built from state that was never committed.
  participant_snapshot_ = facilitator_snapshot_ = cached{};
  lead_snapshots_.clear();
  own_snapshots_.clear();
  committed_version_.clear();
  history_.clear();
  history_bytes_ = 0;
  forget_older_pages();
  update_counters();
}

void event_room::update_counters() {
  participants_.store(state_.participant_count(), std::memory_order_relaxed);
  ideas_.store(state_.ideas().size(), std::memory_order_relaxed);
  connected_.store(subscribers_.size(), std::memory_order_relaxed);
  self_join_.store(state_.self_join(), std::memory_order_relaxed);
  {
    const std::lock_guard lock(groups_mutex_);
    if (groups_ != state_.groups()) groups_ = state_.groups();
    language_ = state_.info().language;
    screens_ = state_.info().screens;
    agenda_ = protocol::agenda_json(state_.agenda(), state_.timer(), state_.pacing());
  }
  status_.store(static_cast<int>(state_.status()), std::memory_order_relaxed);
  seq_.store(committed_seq_, std::memory_order_relaxed);
}

domain::event_info event_room::current_info() const {
  domain::event_info out = info_;
  const std::lock_guard lock(groups_mutex_);
  out.groups = groups_;
  out.language = language_;
  out.screens = screens_;
  return out;
}

nlohmann::json event_room::current_agenda() const {
  const std::lock_guard lock(groups_mutex_);
  return agenda_;
}

// ---------------------------------------------------------------------------------------------
// Entry points: each hops onto the strand.

void event_room::join(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
                      domain::join_draft draft, std::string token, std::string token_hash) {
  request r;
  r.origin = std::move(c);
  r.payer = who;
  r.who = std::move(who);
  r.cmd_id = std::move(cmd_id);
  r.what = join_request{std::move(draft), std::move(token), std::move(token_hash)};
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::hello(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
                       std::string token_hash, domain::seq_type last_seq) {
  request r;
  r.origin = std::move(c);
  r.payer = who;
  r.who = std::move(who);
  r.cmd_id = std::move(cmd_id);
  r.what = hello_request{std::move(token_hash), last_seq};
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::submit(client_ptr c, domain::id_type member, std::string cmd_id,
                        protocol::room_command body, std::string token, std::string token_hash,
                        std::shared_ptr<identity> payer) {
  request r;
  r.origin = std::move(c);
  r.payer = std::move(payer);
  r.member = member;
  r.cmd_id = std::move(cmd_id);
  r.what = write_request{std::move(body), std::move(token), std::move(token_hash)};
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::section(client_ptr c, domain::id_type member, std::string cmd_id,
                         protocol::section_command body, std::shared_ptr<identity> payer) {
  request r;
  r.origin = std::move(c);
  r.payer = std::move(payer);
  r.member = member;
  r.cmd_id = std::move(cmd_id);
  r.what = section_request{std::move(body), nullptr, 0};
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::set_language(client_ptr c, std::string language) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(c),
                       language = std::move(language)]() mutable {
    self->languages_[c.get()] = std::move(language);
    if (self->subscribers_.contains(c.get())) self->presence_changed();
  });
}

void event_room::detach(client_ptr c) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(c)] {
    self->languages_.erase(c.get());
    const auto it = self->subscribers_.find(c.get());
    if (it == self->subscribers_.end()) return;
    auto& conns = self->connections_of_[it->second.member];
    std::erase(conns, c.get());
    if (conns.empty()) self->connections_of_.erase(it->second.member);
    self->subscribers_.erase(it);
    self->drop_sections(c.get());
    self->presence_changed();
  });
}

void event_room::import_roster(std::string token_hash, std::vector<domain::roster_row> rows,
                               std::string key, api_done done) {
  asio::post(
      strand_, [self = shared_from_this(), token_hash = std::move(token_hash),
                rows = std::move(rows), key = std::move(key), done = std::move(done)]() mutable {
        const auto* m = self->state_.find_member_by_token(token_hash);
        if (m == nullptr || m->member_role != domain::role::facilitator) {
          return done(json_error(domain::errc::forbidden, "Only a facilitator imports a roster."));
        }
        if (const auto problems = self->state_.check_roster(rows); !problems.empty()) {
          return done(
              roster_problems_answer("The roster has problems; nothing was imported.", problems));
        }
        // Rows of staff and screens (an exported participants.csv has them) make nobody.
        std::erase_if(rows, [](const auto& row) { return !domain::event_state::imports_row(row); });
        roster_request rr{std::move(rows), {}, {}, std::move(done)};
        if (!key.empty()) {
          // A repeat of an upload (its answer was lost) gets the first answer, never a second
          // import. Called on the strand: a success is kept for repeats; a failure may be retried.
          if (self->roster_uploads_.answer_or_wait(token_hash, key, rr.done)) return;
          rr.done = [self, token_hash, key, done = std::move(rr.done)](net::api_response res) {
            if (res.status == 200) {
              self->roster_uploads_.settle(token_hash, key, res);
            } else {
              self->roster_uploads_.fail(token_hash, key, res);
            }
            done(std::move(res));
          };
        }
        for (std::size_t i = 0; i < rr.rows.size(); ++i) {
          const std::string secret = random_secret();
          rr.tokens.push_back(self->info_.code + "." + secret);
          rr.hashes.push_back(sha256_hex(secret));
        }
        request r;
        r.member = m->id;
        r.what = std::move(rr);
        self->enqueue(std::move(r));
      });
}

void event_room::read_committed(std::function<void(const domain::event_state&)> fn) {
  asio::post(strand_, [self = shared_from_this(), fn = std::move(fn)]() mutable {
    if (self->in_flight_) return self->readers_.push_back(std::move(fn));
    fn(self->state_);
  });
}

void event_room::begin_shutdown() {
  asio::post(strand_, [self = shared_from_this()] { self->closing_ = true; });
}

void event_room::flush(std::function<void()> done) { asio::post(strand_, std::move(done)); }

void event_room::release_clients() {
  subscribers_.clear();
  connections_of_.clear();
  languages_.clear();
  section_viewers_.clear();
  sections_of_.clear();
  older_pages_.clear();
  queue_.clear();
}

void event_room::start() {
  asio::post(strand_, [self = shared_from_this()] { self->arm_advance(); });
}

void event_room::arm_advance() {
  advance_timer_.cancel();
  const auto& t = state_.timer();
  const auto& agenda = state_.agenda();
  if (closing_ || !t.auto_advance || !t.running ||
      t.current + 1 >= static_cast<int>(agenda.size())) {
    return;
  }
  const auto left = domain::remaining(agenda, t, clock_());
  if (!left) return;
  advance_timer_.expires_after(std::chrono::milliseconds(std::max<domain::millis>(0, *left) + 20));
  advance_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    request r;
    r.what = advance_request{};
    self->enqueue(std::move(r));
  });
}

// ---------------------------------------------------------------------------------------------
// On the strand.

void event_room::refuse(const request& r, const domain::error& e) {
  if (const auto* roster = std::get_if<roster_request>(&r.what)) {
    return roster->done(json_error(e.code, e.message));
  }
  if (!r.origin) return;  // the room's own clock: nothing to answer
  metrics::errors.add(domain::name(e.code));
  auto text = net::make_text(protocol::error_message(r.cmd_id, e));
  r.origin->send(text);
  // Repeats of a refused command get the same refusal; a later retry is checked afresh.
  if (deduplicated(r)) answers_.fail(r.member, r.cmd_id, text);
  spdlog::info("event {} member {} {}: refused {}: {}", info_.code, r.member, r.origin->remote(),
               what_of(r), domain::name(e.code));
}

std::string_view event_room::what_of(const request& r) {
  struct {
    std::string_view operator()(const join_request&) const { return "join"; }
    std::string_view operator()(const hello_request&) const { return "hello"; }
    std::string_view operator()(const write_request& w) const {
      return protocol::type_name(w.body);
    }
    std::string_view operator()(const section_request& x) const {
      return protocol::type_name(x.body);
    }
    std::string_view operator()(const advance_request&) const { return "advance"; }
    std::string_view operator()(const roster_request&) const { return "roster"; }
  } name;
  return std::visit(name, r.what);
}

void event_room::enqueue(request r) {
  // Section reads are answered from committed state and never stored: not deduplicated.
  if (r.is<section_request>() && take_section_command(r)) return;
  if (deduplicated(r)) {
    // A retry of a command already applied (or being applied) is answered, not applied again.
    const bool taken = answers_.answer_or_wait(
        r.member, r.cmd_id, [origin = r.origin](const net::shared_text& a) { origin->send(a); });
    if (taken) return;
  }
  // Bounded: a connection with too much waiting is told to slow down, and nobody queues
  // behind its flood; the room's whole queue has a bound too.
  if (r.origin) {
    auto& queued = queued_of_[r.origin.get()];
    if (queued >= options_.max_queued_per_connection || queue_.size() >= options_.max_queue) {
      if (queued == 0) queued_of_.erase(r.origin.get());
      if (r.who) r.who->state.store(identity::none);
      const bool mine = queue_.size() < options_.max_queue;
      return refuse(r, domain::make_error(domain::errc::rate_limited,
                                          mine ? "Too many commands waiting; slow down."
                                               : "The event is very busy; retry in a moment."));
    }
    ++queued;
    r.counted = r.origin.get();
  }
  queue_.push_back(std::move(r));
  queued_.store(queue_.size(), std::memory_order_relaxed);
  start_batch();
}

void event_room::pop_front() {
  if (auto* counted = queue_.front().counted) {
    if (auto q = queued_of_.find(counted); q != queued_of_.end() && --q->second == 0) {
      queued_of_.erase(q);
    }
  }
  queue_.pop_front();
}

void event_room::charge(const std::shared_ptr<identity>& payer, std::size_t bytes) const {
  if (!payer) return;
  const auto milli = static_cast<std::int64_t>(bytes * 1000 / bytes_per_token);
  if (milli > 0) payer->owed_millitokens.fetch_add(milli, std::memory_order_relaxed);
}

std::optional<domain::error> event_room::closed_to(const request& r) const {
  if (state_.status() == domain::event_status::open || r.is<hello_request>()) return std::nullopt;
  if (const auto* w = std::get_if<write_request>(&r.what)) {
    if (std::holds_alternative<protocol::set_event_status_cmd>(w->body) ||
        std::holds_alternative<protocol::issue_facilitator_link_cmd>(w->body)) {
      return std::nullopt;
    }
  }
  return domain::make_error(domain::errc::event_closed,
                            "The event is closed: nothing can change any more. You can still "
                            "open it and download what you may.");
}

domain::result<protocol::outcome> event_room::apply(request& r, domain::millis now) {
  if (auto closed = closed_to(r)) return *closed;
  struct {
    event_room& room;
    request& r;
    domain::millis now;
    domain::result<protocol::outcome> operator()(write_request& w) const {
      const protocol::context x{room.state_, r.member, now, w.token, w.token_hash};
      return std::visit([&](const auto& c) { return c.apply(x); }, w.body);
    }
    domain::result<protocol::outcome> operator()(join_request& j) const {
      RT_TRY(ch, room.state_.join(j.draft, j.token_hash, now));
      const auto& m = std::get<domain::member_joined>(ch.body).m;
      json result{{"token", j.token}, {"you", protocol::to_json(m)}, {"serverTime", now}};
      // The answer holds the secret, which is never stored.
      return protocol::outcome{std::move(ch), std::move(result), /*keep_answer=*/false};
    }
    domain::result<protocol::outcome> operator()(roster_request& x) const {
      // The answer holds the new members' secrets: never stored.
      RT_TRY(ch, room.state_.import_roster(r.member, x.rows, x.hashes, now));
      return protocol::outcome{std::move(ch), nullptr, /*keep_answer=*/false};
    }
    domain::result<protocol::outcome> operator()(advance_request&) const {
      return protocol::plain(room.state_.advance_if_due(now));
    }
    // Answered in start_batch() without a change of their own.
    domain::result<protocol::outcome> operator()(hello_request&) const { return unreachable(); }
    domain::result<protocol::outcome> operator()(section_request&) const { return unreachable(); }
    static domain::error unreachable() {
      assert(false);
      return domain::make_error(domain::errc::bad_command, "Not a change of the event.");
    }
  } visitor{*this, r, now};
  return std::visit(visitor, r.what);
}

void event_room::start_batch() {
  if (in_flight_) return;
  auto b = std::make_shared<batch>();
  const domain::millis now = clock_();
  while (!queue_.empty() && b->items.size() < options_.max_batch) {
    request& r = queue_.front();
    if (closing_) {
      if (r.who) r.who->state.store(identity::none);
      refuse(r, deleted_.load(std::memory_order_relaxed)
                    ? domain::make_error(domain::errc::event_deleted)
                    : domain::make_error(domain::errc::shutting_down,
                                         "The server is stopping; reconnect later."));
      pop_front();
      continue;
    }
    // Reads wait until nothing is in flight: they show committed state only.
    auto* section = std::get_if<section_request>(&r.what);
    auto* open = section ? std::get_if<protocol::open_section_cmd>(&section->body) : nullptr;
    if (r.is<hello_request>() || open != nullptr) {
      if (!b->items.empty()) break;  // answer it once this batch is committed
      if (open != nullptr) {
        do_read(r, *open);
      } else {
        do_hello(r);
      }
      pop_front();
      continue;
    }
    if (auto* push = section ? std::get_if<protocol::push_cmd>(&section->body) : nullptr) {
      start_push(r, *push, now, *b);
      pop_front();
      continue;
    }
    auto applied = apply(r, now);
    if (!applied) {
      if (r.who) r.who->state.store(identity::none);
      refuse(r, applied.err());
      pop_front();
      continue;
    }
    item it = item_for(std::move(applied->change));
    const json& result = applied->result;
    it.answer = net::make_text(result.is_null() ? protocol::ack(r.cmd_id)
                                                : protocol::ack(r.cmd_id, result));
    it.persist_answer = applied->keep_answer;
    it.req = std::move(r);
    pop_front();
    b->items.push_back(std::move(it));
  }
  queued_.store(queue_.size(), std::memory_order_relaxed);
  if (b->items.empty()) return;
  commit(b, now);
}

event_room::item event_room::item_for(domain::change change) const {
  item it;
  it.change = std::move(change);
  it.author = protocol::subject_author(it.change);
  auto staff = protocol::change_message(it.change, state_, protocol::audience::staff);
  it.staff_json = staff.value_or("{}");
  it.staff_form = optional_text(std::move(staff));
  it.participant_form =
      optional_text(protocol::change_message(it.change, state_, protocol::audience::participant));
  if (it.author) {
    it.author_form =
        optional_text(protocol::change_message(it.change, state_, protocol::audience::author));
  }
  if (protocol::differs_for_leads(it.change)) {
    for (const auto& t : info_.tracks) {
      auto lead = protocol::change_message(it.change, state_, protocol::audience::staff, t.id);
      const bool same = lead && it.staff_form && *lead == *it.staff_form;
      it.leads.emplace_back(t.id, same ? it.staff_form : optional_text(std::move(lead)));
    }
  }
  return it;
}

void event_room::commit(const std::shared_ptr<batch>& b, domain::millis now) {
  in_flight_ = true;
  const domain::id_type event_id = info_.id;
  auto job = [b, event_id, now](storage::store& s) {
    for (const auto& it : b->items) {
      if (it.push) {
        s.append_section_updates(event_id, it.stored);
      } else {
        s.apply(event_id, it.change, it.staff_json);
      }
      if (deduplicated(it.req) && it.persist_answer) {
        s.record_command(event_id, it.req.member, it.req.cmd_id, *it.answer, now);
      }
    }
  };
  auto done = [self = shared_from_this(), b](std::exception_ptr e) {
    asio::post(self->strand_, [self, b, e] { self->on_committed(b, e); });
  };
  if (!writer_.submit(std::move(job), std::move(done))) {
    closing_ = true;  // the writer stops only when the server does
    on_committed(b, std::make_exception_ptr(std::runtime_error("the writer has stopped")));
  }
}

void event_room::on_committed(const std::shared_ptr<batch>& b, std::exception_ptr failure) {
  in_flight_ = false;
  // What was in flight is durable now; after a failure the cut stays until the reload.
  if (!failure) committed_version_.clear();
  if (failure) {
    std::string why = "unknown";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      why = e.what();
    }
    const bool stopping = closing_;
    const auto err =
        stopping ? domain::make_error(domain::errc::shutting_down,
                                      "The server is stopping; reconnect later.")
                 : domain::make_error(domain::errc::storage_failed,
                                      "The change could not be saved; nothing changed. Retry.");
    if (!stopping) spdlog::error("event {}: commit failed: {}", info_.code, why);
    for (auto& it : b->items) {
      if (it.req.who) it.req.who->state.store(identity::none);
      refuse(it.req, err);
    }
    if (stopping) return run_readers();
    // The state in memory ran ahead of the database: reload it from what was committed.
    in_flight_ = true;
    auto loaded = std::make_shared<storage::loaded_event>();
    const auto id = info_.id;
    const bool queued = writer_.submit(
        [loaded, id](storage::store& s) { *loaded = s.load_event(id); },
        [self = shared_from_this(), loaded](std::exception_ptr e) {
          asio::post(self->strand_, [self, loaded, e] { self->on_reloaded(loaded, e); });
        });
    if (!queued) {
      in_flight_ = false;
      run_readers();
    }
    return;
  }

  for (auto& it : b->items) {
    if (it.push) continue;  // sections have versions of their own
    recent_.push_back(recent{it.change.seq, it.author, it.participant_form, it.staff_form,
                             it.author_form, it.leads});
    committed_seq_ = it.change.seq;
  }
  while (recent_.size() > options_.resume_window) {
    recent_base_ = recent_.front().seq;
    recent_.pop_front();
  }

  // What other threads read (status, seq, counts) is as committed before anyone is told.
  update_counters();
  // Acks first: a sender waits only for the commit, not for the fan-out to thousands.
  for (auto& it : b->items) {
    if (deduplicated(it.req)) {
      it.req.origin->send(it.answer);
      answers_.settle(it.req.member, it.req.cmd_id, it.answer);
    } else if (it.req.is<write_request>() && it.req.origin) {
      it.req.origin->send(it.answer);  // the admin's: answered, not remembered
    }
    if (it.req.is<roster_request>()) answer_roster(it);
  }
  fan_out(*b);
  send_section_updates(*b);
  bool agenda_touched = false;
  for (auto& it : b->items) {
    if (it.push) continue;
    if (std::holds_alternative<domain::agenda_changed>(it.change.body)) agenda_touched = true;
    similar_.committed(it.change, state_);
    for (const auto round : domain::rounds_with_changed_results(it.change, state_)) {
      results_changed(round);
    }
    for (const auto round : domain::rounds_with_changed_turnout(it.change, state_)) {
      turnout_changed(round);
    }
    if (const auto* x = std::get_if<domain::member_removed>(&it.change.body))
      drop_member(x->member);
    if (const auto* x = std::get_if<domain::member_erased>(&it.change.body)) {
      drop_member(x->member);
      // The backlog holds the erased person's data as it was sent: whoever resumes from
      // before now gets a snapshot instead.
      recent_.clear();
      recent_base_ = committed_seq_;
      // Serialised history names its writers: built again without them.
      history_.clear();
      history_bytes_ = 0;
      forget_older_pages();
    }
    if (const auto* x = std::get_if<domain::event_status_changed>(&it.change.body)) {
      // As stored: closed_at stays from closed to archived, and goes when reopened.
      if (x->status == domain::event_status::open) {
        closed_at_.store(0, std::memory_order_relaxed);
      } else if (closed_at_.load(std::memory_order_relaxed) == 0) {
        closed_at_.store(it.change.at, std::memory_order_relaxed);
      }
    }
    if (const auto* x = std::get_if<domain::link_changed>(&it.change.body);
        x && x->action != domain::link_action::renamed) {
      drop_member(x->m.id, domain::errc::revoked);
    }
    if (!it.req.is<join_request>()) continue;
    // A new participant: known from now on, subscribed after this batch's fan-out, given the
    // state as committed.
    const auto& m = std::get<domain::member_joined>(it.change.body).m;
    it.req.who->member.store(m.id);
    it.req.who->staff.store(false);
    it.req.who->state.store(identity::known);
    it.req.origin->send(it.answer);
    const subscriber s = subscriber_for(it.req.origin, m);
    subscribe(s);
    send_snapshot(it.req.origin, s);
    charge(it.req.payer, snapshot_for(s)->size());
    spdlog::info("event {} member {} {}: joined as participant", info_.code, m.id,
                 it.req.origin->remote());
  }
  update_counters();
  if (agenda_touched) arm_advance();
  run_readers();
  start_batch();
}

void event_room::on_reloaded(const std::shared_ptr<storage::loaded_event>& loaded,
                             std::exception_ptr e) {
  in_flight_ = false;
  if (e) {
    spdlog::critical("event {}: cannot reload after a failed commit; refusing its commands",
                     info_.code);
    closing_ = true;
  } else {
    restore(std::move(*loaded));
    arm_advance();
    // Everyone re-syncs from the committed state.
    for (auto& [p, s] : subscribers_) send_snapshot(s.c, s);
  }
  run_readers();
  start_batch();
}

void event_room::run_readers() {
  for (auto& fn : std::exchange(readers_, {})) fn(state_);
}

void event_room::answer_roster(const item& it) {
  // The only time the personal links' tokens are seen: only their hashes are stored.
  const auto& roster = std::get<roster_request>(it.req.what);
  roster.done(
      roster_imported_answer(std::get<domain::roster_imported>(it.change.body), roster.tokens));
}

}  // namespace rt::app
