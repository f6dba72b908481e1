// event_room.cpp: command batching, commit, acknowledgement and fan-out of one event.
#include "event_room.hpp"

#include "app/api.hpp"
#include "app/loading.hpp"
#include "app/metrics.hpp"
#include "app/secrets.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

namespace rt::app {

using nlohmann::json;

namespace {

net::shared_text optional_text(std::optional<std::string> s) {
  return s ? net::make_text(std::move(*s)) : nullptr;
}

constexpr std::size_t max_roster_uploads = 64;

}  // namespace

// A join is the same join again when its id AND what it says are the same: ids are chosen by
// clients, and two clients may well both start at "1".

namespace {

}  // namespace

event_room::event_room(asio::io_context& ioc, storage::writer& writer,
                       storage::loaded_event loaded, room_options options, clock now)
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
  auto commands = std::move(loaded.commands);
  state_ = load_state(std::move(loaded));
  committed_seq_ = seq;
  recent_.clear();
  recent_base_ = seq;
  answers_.clear();
  for (auto& c : commands) remember(c.member, c.command_id, net::make_text(c.answer));
  // What was cached may have been built from state that was never committed.
  participant_snapshot_ = facilitator_snapshot_ = cached{};
  lead_snapshots_.clear();
  own_snapshots_.clear();
  committed_version_.clear();
  history_.clear();
  history_bytes_ = 0;
  update_counters();
}

void event_room::update_counters() {
  participants_.store(state_.participant_count(), std::memory_order_relaxed);
  ideas_.store(state_.ideas().size(), std::memory_order_relaxed);
  connected_.store(subscribers_.size(), std::memory_order_relaxed);
  self_join_.store(state_.self_join(), std::memory_order_relaxed);
}

// ---------------------------------------------------------------------------------------------
// Entry points: each hops onto the strand.

void event_room::join(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
                      domain::join_draft draft, std::string token, std::string token_hash) {
  request r;
  r.k = kind::join;
  r.origin = std::move(c);
  r.payer = who;
  r.who = std::move(who);
  r.cmd_id = std::move(cmd_id);
  r.draft = std::move(draft);
  r.token = std::move(token);
  r.token_hash = std::move(token_hash);
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::hello(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
                       std::string token_hash, domain::seq_type last_seq) {
  request r;
  r.k = kind::hello;
  r.origin = std::move(c);
  r.payer = who;
  r.who = std::move(who);
  r.cmd_id = std::move(cmd_id);
  r.token_hash = std::move(token_hash);
  r.last_seq = last_seq;
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::submit(client_ptr c, domain::id_type member, protocol::command cmd,
                        std::string token, std::string token_hash,
                        std::shared_ptr<identity> payer) {
  request r;
  r.k = kind::write;
  r.origin = std::move(c);
  r.payer = std::move(payer);
  r.member = member;
  r.cmd_id = std::move(cmd.id);
  r.body = std::move(cmd.body);
  r.token = std::move(token);
  r.token_hash = std::move(token_hash);
  asio::post(strand_, [self = shared_from_this(), r = std::move(r)]() mutable {
    self->enqueue(std::move(r));
  });
}

void event_room::detach(client_ptr c) {
  asio::post(strand_, [self = shared_from_this(), c = std::move(c)] {
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
  request r;
  r.k = kind::roster;
  r.token_hash = std::move(token_hash);
  r.rows = std::move(rows);
  r.done = std::move(done);
  asio::post(strand_, [self = shared_from_this(), r = std::move(r), key = std::move(key)]() mutable {
    const auto* m = self->state_.find_member_by_token(r.token_hash);
    if (m == nullptr || m->member_role != domain::role::facilitator) {
      return r.done(json_error(domain::errc::forbidden, "Only a facilitator imports a roster."));
    }
    if (const auto problems = self->state_.check_roster(r.rows); !problems.empty()) {
      return r.done(roster_problems_answer("The roster has problems; nothing was imported.",
                                           problems));
    }
    if (!key.empty()) {
      // A repeat of an upload (its answer was lost): the first answer, never a second import.
      const std::string k = r.token_hash + '\0' + key;
      auto [upload, fresh] = self->roster_uploads_.try_emplace(k);
      if (!fresh) {
        if (upload->second.answer) return r.done(*upload->second.answer);
        return upload->second.waiting.push_back(std::move(r.done));
      }
      self->roster_upload_order_.push_back(k);
      while (self->roster_upload_order_.size() > max_roster_uploads) {
        self->roster_uploads_.erase(self->roster_upload_order_.front());
        self->roster_upload_order_.pop_front();
      }
      // Called on the strand: keep a success for repeats; a failure may be tried again.
      r.done = [self, k, done = std::move(r.done)](net::api_response res) {
        std::vector<api_done> waiting;
        if (auto u = self->roster_uploads_.find(k); u != self->roster_uploads_.end()) {
          waiting = std::move(u->second.waiting);
          if (res.status == 200) {
            u->second.answer = res;
          } else {
            self->roster_uploads_.erase(u);
          }
        }
        for (auto& w : waiting) w(res);
        done(std::move(res));
      };
    }
    r.member = m->id;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      const std::string secret = random_secret();
      r.tokens.push_back(self->info_.code + "." + secret);
      r.hashes.push_back(sha256_hex(secret));
    }
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

void event_room::start() {
  asio::post(strand_, [self = shared_from_this()] { self->arm_advance(); });
}

void event_room::arm_advance() {
  advance_timer_.cancel();
  const auto& t = state_.timer();
  const auto& agenda = state_.agenda();
  if (closing_ || !t.auto_advance || !t.running || t.current + 1 >= static_cast<int>(agenda.size())) {
    return;
  }
  const auto left = domain::remaining(agenda, t, clock_());
  if (!left) return;
  advance_timer_.expires_after(std::chrono::milliseconds(std::max<domain::millis>(0, *left) + 20));
  advance_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    request r;
    r.k = kind::advance;
    self->enqueue(std::move(r));
  });
}

// ---------------------------------------------------------------------------------------------
// On the strand.

void event_room::refuse(const request& r, const domain::error& e) {
  if (r.done) {
    return r.done(net::api_response{domain::info(e.code).http_status, "application/json",
                                    protocol::http_error(e), ""});
  }
  if (!r.origin) return;  // the room's own clock: nothing to answer
  metrics::errors.add(domain::name(e.code));
  auto text = net::make_text(protocol::error_message(r.cmd_id, e));
  r.origin->send(text);
  if (r.k == kind::write) {
    // Repeats of a refused command get the same refusal; a later retry is checked afresh.
    if (auto m = answers_.find(r.member); m != answers_.end()) {
      if (auto w = m->second.waiting.find(r.cmd_id); w != m->second.waiting.end()) {
        for (auto& c : w->second) c->send(text);
        m->second.waiting.erase(w);
      }
    }
  }
  const std::string_view what = r.k == kind::join    ? "join"
                                : r.k == kind::hello ? "hello"
                                                     : protocol::type_name(r.body);
  spdlog::info("event {} member {} {}: refused {}: {}", info_.code, r.member,
               r.origin->remote(), what, domain::name(e.code));
}

void event_room::enqueue(request r) {
  if (r.k == kind::write && protocol::reads_section(r.body)) {
    // Reads are answered from committed state and never stored: not deduplicated.
    if (take_section_command(r)) return;
    r.k = kind::read;
  }
  if (r.k == kind::write) {
    // A retry of a command already applied (or being applied) is answered, not applied again.
    auto it = answers_.find(r.member);
    if (it != answers_.end()) {
      for (const auto& [id, answer] : it->second.done) {
        if (id == r.cmd_id) return r.origin->send(answer);
      }
      if (auto w = it->second.waiting.find(r.cmd_id); w != it->second.waiting.end()) {
        w->second.push_back(std::move(r.origin));
        return;
      }
    }
  }
  // Bounded: a connection with too much waiting is told to slow down, and nobody queues
  // behind its flood; the room's whole queue has a bound too.
  if (r.origin) {
    auto& queued = queued_of_[r.origin.get()];
    if (queued >= options_.max_queued_per_connection || queue_.size() >= options_.max_queue) {
      if (queued == 0) queued_of_.erase(r.origin.get());
      if (r.who) r.who->state.store(identity::none);
      const bool mine = queue_.size() < options_.max_queue;
      return refuse(r, domain::make_error(domain::errc::rate_limited, mine ? "Too many commands waiting; slow down."
                                                : "The event is very busy; retry in a moment."));
    }
    ++queued;
    r.counted = r.origin.get();
  }
  if (r.k == kind::write) {
    answers_[r.member].waiting[r.cmd_id];  // from now on a repeat waits for this answer
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

domain::result<domain::change> event_room::apply(request& r, domain::millis now, json& result,
                                                 bool& persist) {
  if (r.k == kind::join) {
    auto c = state_.join(r.draft, r.token_hash, now);
    if (c) {
      const auto& m = std::get<domain::member_joined>(c->body).m;
      result = json{{"token", r.token}, {"you", protocol::to_json(m)}, {"serverTime", now}};
    }
    persist = false;  // the answer holds the secret, which is never stored
    return c;
  }
  if (r.k == kind::advance) return state_.advance_if_due(now);
  if (r.k == kind::roster) {
    persist = false;  // the answer holds the new members' secrets
    return state_.import_roster(r.member, r.rows, r.hashes, now);
  }
  // kind::write: the command itself.
  if (const auto* c = std::get_if<protocol::post_idea_cmd>(&r.body)) {
    auto ch = state_.post_idea(r.member, c->track, c->text, c->anonymous, now);
    if (ch) result = json{{"idea", std::get<domain::idea_posted>(ch->body).i.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::edit_idea_cmd>(&r.body)) {
    return state_.edit_idea(r.member, c->idea, c->text, now);
  }
  if (const auto* c = std::get_if<protocol::delete_idea_cmd>(&r.body)) {
    return state_.delete_idea(r.member, c->idea, now);
  }
  if (const auto* c = std::get_if<protocol::set_hidden_cmd>(&r.body)) {
    return state_.set_hidden(r.member, c->idea, c->hidden, now);
  }
  if (const auto* c = std::get_if<protocol::create_link_cmd>(&r.body)) {
    auto ch = state_.add_member(r.member, c->member_role, c->track, c->name, r.token_hash, now);
    if (ch) {
      result = json{{"token", r.token},
                    {"member", protocol::to_json(std::get<domain::member_joined>(ch->body).m)}};
    }
    persist = false;  // the answer holds a secret, which is never stored
    return ch;
  }
  if (const auto* c = std::get_if<protocol::set_agenda_cmd>(&r.body)) {
    return state_.set_agenda(r.member, c->phases, now);
  }
  if (const auto* c = std::get_if<protocol::go_to_phase_cmd>(&r.body)) {
    return state_.go_to_phase(r.member, c->index, now);
  }
  if (std::holds_alternative<protocol::pause_timer_cmd>(r.body)) {
    return state_.pause_timer(r.member, now);
  }
  if (std::holds_alternative<protocol::resume_timer_cmd>(r.body)) {
    return state_.resume_timer(r.member, now);
  }
  if (const auto* c = std::get_if<protocol::extend_timer_cmd>(&r.body)) {
    return state_.extend_timer(r.member, c->minutes, now);
  }
  if (const auto* c = std::get_if<protocol::set_auto_advance_cmd>(&r.body)) {
    return state_.set_auto_advance(r.member, c->on, now);
  }
  if (const auto* c = std::get_if<protocol::announce_cmd>(&r.body)) {
    auto ch = state_.announce(r.member, c->text, c->track, now);
    if (ch) result = json{{"announcement", std::get<domain::announcement_made>(ch->body).a.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::clear_announcement_cmd>(&r.body)) {
    return state_.clear_announcement(r.member, c->announcement, now);
  }
  if (const auto* c = std::get_if<protocol::set_screen_cmd>(&r.body)) {
    return state_.set_screen(r.member, c->track, now);
  }
  if (const auto* c = std::get_if<protocol::pin_idea_cmd>(&r.body)) {
    return state_.set_pinned(r.member, c->idea, c->pinned, now);
  }
  if (const auto* c = std::get_if<protocol::merge_idea_cmd>(&r.body)) {
    return state_.merge_idea(r.member, c->idea, c->into, now);
  }
  if (const auto* c = std::get_if<protocol::split_idea_cmd>(&r.body)) {
    return state_.split_idea(r.member, c->idea, now);
  }
  if (const auto* c = std::get_if<protocol::create_cluster_cmd>(&r.body)) {
    auto ch = state_.create_cluster(r.member, c->track, c->name, now);
    if (ch) result = json{{"cluster", std::get<domain::cluster_created>(ch->body).c.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::rename_cluster_cmd>(&r.body)) {
    return state_.rename_cluster(r.member, c->cluster, c->name, now);
  }
  if (const auto* c = std::get_if<protocol::delete_cluster_cmd>(&r.body)) {
    return state_.delete_cluster(r.member, c->cluster, now);
  }
  if (const auto* c = std::get_if<protocol::cluster_idea_cmd>(&r.body)) {
    return state_.cluster_idea(r.member, c->idea, c->cluster, now);
  }
  if (const auto* c = std::get_if<protocol::add_table_cmd>(&r.body)) {
    auto ch = state_.add_table(r.member, c->track, c->name, now);
    if (ch) result = json{{"table", std::get<domain::table_added>(ch->body).t.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::remove_table_cmd>(&r.body)) {
    return state_.remove_table(r.member, c->table, now);
  }
  if (const auto* c = std::get_if<protocol::move_member_cmd>(&r.body)) {
    return state_.move_member(r.member, c->member, c->track, c->table, now);
  }
  if (const auto* c = std::get_if<protocol::set_self_join_cmd>(&r.body)) {
    return state_.set_self_join(r.member, c->open, now);
  }
  if (const auto* c = std::get_if<protocol::remove_member_cmd>(&r.body)) {
    return state_.remove_member(r.member, c->member, now);
  }
  if (const auto* c = std::get_if<protocol::set_track_pacing_cmd>(&r.body)) {
    return state_.set_track_pacing(r.member, c->allowed, now);
  }
  if (const auto* c = std::get_if<protocol::set_track_phase_cmd>(&r.body)) {
    return state_.set_track_phase(r.member, c->track, c->index, now);
  }
  if (const auto* c = std::get_if<protocol::open_round_cmd>(&r.body)) {
    auto ch = state_.open_round(r.member, c->title, c->track, c->rules, c->live_results,
                                c->random_order, now, c->kind);
    if (ch) result = json{{"round", std::get<domain::round_opened>(ch->body).r.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::round_cmd>(&r.body)) {
    switch (c->action) {
      case protocol::round_cmd::what::close: return state_.close_round(r.member, c->round, now);
      case protocol::round_cmd::what::reveal: return state_.reveal_round(r.member, c->round, now);
      case protocol::round_cmd::what::reopen: return state_.reopen_round(r.member, c->round, now);
    }
  }
  if (const auto* c = std::get_if<protocol::vote_cmd>(&r.body)) {
    auto ch = state_.vote(r.member, c->round, c->item, c->votes, now);
    if (ch) {
      const auto& cast = std::get<domain::vote_cast>(ch->body);
      const auto& round = state_.rounds().at(cast.round);
      const domain::round_rules rules{static_cast<domain::vote_method>(round.method), round.budget,
                                      round.max_per_item, round.allow_own};
      result = json{{"spent", domain::ballot_cost(rules, cast.ballot)}, {"budget", round.budget}};
    }
    return ch;
  }
  if (const auto* c = std::get_if<protocol::set_template_cmd>(&r.body)) {
    return state_.set_template(r.member, c->sections, now);
  }
  if (const auto* c = std::get_if<protocol::create_proposal_cmd>(&r.body)) {
    auto ch = state_.create_proposal(r.member, c->draft, now);
    if (ch) result = json{{"proposal", std::get<domain::proposal_created>(ch->body).p.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::update_proposal_cmd>(&r.body)) {
    return state_.update_proposal(r.member, c->proposal, c->title, c->team, now);
  }
  if (const auto* c = std::get_if<protocol::delete_proposal_cmd>(&r.body)) {
    return state_.delete_proposal(r.member, c->proposal, now);
  }
  if (const auto* c = std::get_if<protocol::freeze_proposals_cmd>(&r.body)) {
    return state_.freeze_proposals(r.member, c->frozen, now);
  }
  if (const auto* c = std::get_if<protocol::add_comment_cmd>(&r.body)) {
    auto ch = state_.add_comment(r.member, c->draft, now);
    if (ch) result = json{{"comment", std::get<domain::comment_added>(ch->body).c.id}};
    return ch;
  }
  if (const auto* c = std::get_if<protocol::resolve_comment_cmd>(&r.body)) {
    return state_.resolve_comment(r.member, c->comment, c->resolved, now);
  }
  if (const auto* c = std::get_if<protocol::set_report_cmd>(&r.body)) {
    return state_.set_report_texts(r.member, c->texts, now);
  }
  if (const auto* c = std::get_if<protocol::set_chapters_cmd>(&r.body)) {
    return state_.set_chapters(r.member, c->chapters, c->round, now);
  }
  if (const auto* c = std::get_if<protocol::prefill_report_cmd>(&r.body)) {
    return state_.prefill_report(r.member, c->round, c->top, now);
  }
  if (const auto* c = std::get_if<protocol::publish_report_cmd>(&r.body)) {
    return state_.publish_report(r.member, c->published, now);
  }
  return domain::make_error(domain::errc::unknown_type, "This command does not change an event.");
}

void event_room::start_batch() {
  if (in_flight_) return;
  auto b = std::make_shared<batch>();
  const domain::millis now = clock_();
  while (!queue_.empty() && b->items.size() < options_.max_batch) {
    request& r = queue_.front();
    if (closing_) {
      if (r.who) r.who->state.store(identity::none);
      refuse(r, domain::make_error(domain::errc::shutting_down, "The server is stopping; reconnect later."));
      pop_front();
      continue;
    }
    if (r.k == kind::hello || r.k == kind::read) {
      if (!b->items.empty()) break;  // answer it once this batch is committed
      if (r.k == kind::hello) {
        do_hello(r);
      } else {
        do_read(r);
      }
      pop_front();
      continue;
    }
    if (r.k == kind::write && std::holds_alternative<protocol::push_cmd>(r.body)) {
      start_push(r, now, *b);
      pop_front();
      continue;
    }
    json result;
    bool persist = true;
    auto ch = apply(r, now, result, persist);
    if (!ch) {
      if (r.who) r.who->state.store(identity::none);
      refuse(r, ch.err());
      pop_front();
      continue;
    }
    item it;
    it.change = std::move(ch.value());
    it.author = protocol::subject_author(it.change);
    auto staff = protocol::change_message(it.change, state_, protocol::audience::staff);
    it.staff_json = staff.value_or("{}");
    it.staff_form = optional_text(std::move(staff));
    it.participant_form = optional_text(
        protocol::change_message(it.change, state_, protocol::audience::participant));
    if (it.author) {
      it.author_form = optional_text(
          protocol::change_message(it.change, state_, protocol::audience::author));
    }
    if (protocol::differs_for_leads(it.change)) {
      for (const auto& t : info_.tracks) {
        auto lead = protocol::change_message(it.change, state_, protocol::audience::staff, t.id);
        const bool same = lead && it.staff_form && *lead == *it.staff_form;
        it.leads.emplace_back(t.id, same ? it.staff_form : optional_text(std::move(lead)));
      }
    }
    it.answer = net::make_text(result.is_null() ? protocol::ack(r.cmd_id)
                                                : protocol::ack(r.cmd_id, result));
    it.persist_answer = persist;
    it.req = std::move(r);
    pop_front();
    b->items.push_back(std::move(it));
  }
  queued_.store(queue_.size(), std::memory_order_relaxed);
  if (b->items.empty()) return;

  in_flight_ = true;
  const domain::id_type event_id = info_.id;
  auto job = [b, event_id, now](storage::store& s) {
    for (const auto& it : b->items) {
      if (it.push) {
        s.append_section_updates(event_id, it.stored);
      } else {
        s.apply(event_id, it.change, it.staff_json);
      }
      if (it.req.k == kind::write && it.persist_answer) {
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
        stopping ? domain::make_error(domain::errc::shutting_down, "The server is stopping; reconnect later.")
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

  for (auto& it : b->items) {
    if (it.req.k == kind::write) remember(it.req.member, it.req.cmd_id, it.answer);
  }
  // Acks first: a sender waits only for the commit, not for the fan-out to thousands.
  for (auto& it : b->items) {
    if (it.req.k == kind::write) it.req.origin->send(it.answer);
    if (it.req.k == kind::roster) answer_roster(it);
  }
  fan_out(*b);
  send_section_updates(*b);
  bool agenda_touched = false;
  for (auto& it : b->items) {
    if (it.push) continue;
    if (std::holds_alternative<domain::agenda_changed>(it.change.body)) agenda_touched = true;
    for (const auto round : domain::rounds_with_changed_results(it.change, state_)) {
      results_changed(round);
    }
    if (const auto* x = std::get_if<domain::member_removed>(&it.change.body)) drop_member(x->member);
    if (it.req.k != kind::join) continue;
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
  it.req.done(roster_imported_answer(std::get<domain::roster_imported>(it.change.body),
                                     it.req.tokens));
}

void event_room::remember(domain::id_type member, const std::string& cmd_id,
                          net::shared_text answer) {
  auto& mem = answers_[member];
  if (auto w = mem.waiting.find(cmd_id); w != mem.waiting.end()) {
    for (auto& c : w->second) c->send(answer);
    mem.waiting.erase(w);
  }
  mem.done.emplace_back(cmd_id, std::move(answer));
  while (mem.done.size() > static_cast<std::size_t>(storage::store::remembered_commands)) {
    mem.done.pop_front();
  }
}

const net::shared_text& event_room::staff_form_for(const net::shared_text& staff_form,
                                                   const lead_forms& leads, domain::id_type track) {
  if (track != 0) {
    for (const auto& [t, form] : leads) {
      if (t == track) return form;
    }
  }
  return staff_form;
}

const net::shared_text& event_room::form_for(const recent& r, const subscriber& s) const {
  if (r.author && *r.author == s.member && r.author_form) return r.author_form;
  return s.staff ? staff_form_for(r.staff_form, r.leads, s.lead_track) : r.participant_form;
}

void event_room::fan_out(const batch& b) {
  if (subscribers_.empty()) return;
  auto join_forms = [&](auto pick) {
    std::string out;
    for (const auto& it : b.items) {
      const net::shared_text& f = pick(it);
      if (!f) continue;
      if (!out.empty()) out.push_back('\n');
      out += *f;
    }
    return out.empty() ? net::shared_text() : net::make_text(std::move(out));
  };
  const auto participant_frame = join_forms([](const item& it) -> const net::shared_text& {
    return it.participant_form;
  });
  const auto staff_frame =
      join_forms([](const item& it) -> const net::shared_text& { return it.staff_form; });
  // Each track's lead gets a frame of their own only when the batch holds a change that
  // differs for them (about people or a hidden idea).
  std::unordered_map<domain::id_type, net::shared_text> lead_frames;
  const bool any_lead_form =
      std::any_of(b.items.begin(), b.items.end(), [](const item& it) { return !it.leads.empty(); });
  if (any_lead_form) {
    for (const auto& t : info_.tracks) {
      const domain::id_type track = t.id;
      lead_frames[track] = join_forms([&](const item& it) -> const net::shared_text& {
        return staff_form_for(it.staff_form, it.leads, track);
      });
    }
  }
  // The members who get a version of their own (authors of anonymous or hidden ideas, voters).
  std::unordered_map<domain::id_type, std::vector<const item*>> own;
  for (const auto& it : b.items) {
    if (it.author && it.author_form) own[*it.author].push_back(&it);
  }

  std::vector<std::pair<client_ptr, net::shared_text>> out;
  if (participant_frame || staff_frame) {
    out.reserve(subscribers_.size());
    for (const auto& [p, s] : subscribers_) {
      if (own.contains(s.member)) continue;
      const auto lead = s.lead_track != 0 ? lead_frames.find(s.lead_track) : lead_frames.end();
      const auto& frame = lead != lead_frames.end() ? lead->second
                          : s.staff                 ? staff_frame
                                                    : participant_frame;
      if (frame) out.emplace_back(s.c, frame);
    }
  }
  // Own versions reach only their members' connections (a vote goes to its voter alone,
  // without a walk over everyone).
  for (const auto& [member, items] : own) {
    const auto conns = connections_of_.find(member);
    if (conns == connections_of_.end()) continue;
    for (auto* c : conns->second) {
      const subscriber& s = subscribers_.at(c);
      net::shared_text frame;
      if (!participant_frame && !staff_frame) {
        std::string text;
        for (const item* it : items) {
          if (!text.empty()) text.push_back('\n');
          text += *it->author_form;
        }
        frame = net::make_text(std::move(text));
      } else {
        const domain::id_type self = member;  // clang 14 cannot capture a structured binding
        frame = join_forms([&](const item& it) -> const net::shared_text& {
          if (it.author && *it.author == self && it.author_form) return it.author_form;
          return s.staff ? staff_form_for(it.staff_form, it.leads, s.lead_track)
                         : it.participant_form;
        });
      }
      if (frame) out.emplace_back(s.c, std::move(frame));
    }
  }
  deliver_by_thread(std::move(out));
}

void event_room::deliver_by_thread(std::vector<std::pair<client_ptr, net::shared_text>> items) {
  // One task per network thread delivers to every connection of that thread: a broadcast
  // to thousands costs a handful of cross-thread hops, not thousands.
  std::vector<std::vector<std::pair<client_ptr, net::shared_text>>> by_thread;
  for (auto& item : items) {
    const std::size_t t = item.first->thread_index();
    if (by_thread.size() <= t) by_thread.resize(t + 1);
    by_thread[t].push_back(std::move(item));
  }
  for (auto& group : by_thread) {
    if (group.empty()) continue;
    auto executor = group.front().first->executor();
    asio::post(executor, [group = std::move(group)] {
      for (const auto& [c, frame] : group) c->deliver(frame);
    });
  }
}

event_room::subscriber event_room::subscriber_for(const client_ptr& c,
                                                 const domain::member& m) const {
  subscriber s{c, m.id, domain::is_staff(m.member_role)};
  if (m.member_role == domain::role::lead && m.track) s.lead_track = *m.track;
  return s;
}

void event_room::subscribe(const subscriber& s) {
  subscribers_[s.c.get()] = s;
  connections_of_[s.member].push_back(s.c.get());
  presence_changed();
}

void event_room::drop_member(domain::id_type member) {
  answers_.erase(member);
  own_snapshots_.erase(member);
  const auto conns = connections_of_.find(member);
  if (conns == connections_of_.end()) return;
  const auto notice = net::make_text(protocol::error_message(
      std::nullopt, domain::make_error(domain::errc::removed, "You were removed from this event.")));
  for (auto* c : conns->second) {
    const auto s = subscribers_.find(c);
    if (s == subscribers_.end()) continue;
    const client_ptr client = s->second.c;
    drop_sections(c);
    subscribers_.erase(s);
    client->send(notice);
    client->close(net::close_code::normal);
    spdlog::info("event {} member {} {}: removed; connection closed", info_.code, member,
                 client->remote());
  }
  connections_of_.erase(conns);
  presence_changed();
}

void event_room::presence_changed() {
  connected_.store(subscribers_.size(), std::memory_order_relaxed);
  if (presence_pending_) return;
  presence_pending_ = true;
  presence_timer_.expires_after(presence_interval);
  presence_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    self->presence_pending_ = false;
    self->send_presence();
  });
}

void event_room::results_changed(domain::id_type round) {
  const bool scheduled = !results_dirty_.empty();
  results_dirty_.insert(round);
  if (scheduled) return;
  results_timer_.expires_after(results_interval);
  results_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    self->send_results();
  });
}

void event_room::send_results() {
  // Coalesced: however many votes arrived, each round's results go out once per interval,
  // serialised once, to staff (and to everyone when the round shows live results).
  std::vector<std::pair<client_ptr, net::shared_text>> items;
  for (const auto round : results_dirty_) {
    const auto it = state_.rounds().find(round);
    if (it == state_.rounds().end()) continue;
    const auto text = net::make_text(protocol::results_message(state_, round));
    const bool everyone = protocol::sees_results(it->second, protocol::audience::participant);
    for (const auto& [p, s] : subscribers_) {
      if (s.staff || everyone) items.emplace_back(s.c, text);
    }
  }
  results_dirty_.clear();
  deliver_by_thread(std::move(items));
}

void event_room::send_presence() {
  std::map<domain::id_type, std::size_t> by_track;
  for (const auto& t : info_.tracks) by_track[t.id] = 0;
  std::vector<domain::id_type> members;
  std::size_t staff = 0;
  for (const auto& [p, s] : subscribers_) members.push_back(s.member);
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  for (const auto id : members) {
    const auto* m = state_.find_member(id);
    if (m == nullptr) continue;
    if (domain::is_staff(m->member_role)) ++staff;
    if (m->member_role == domain::role::participant && m->track) ++by_track[*m->track];
  }
  const auto everyone = net::make_text(
      protocol::presence_message(members.size(), by_track, staff, nullptr));
  const auto for_staff = net::make_text(
      protocol::presence_message(members.size(), by_track, staff, &members));
  std::vector<std::pair<client_ptr, net::shared_text>> items;
  items.reserve(subscribers_.size());
  for (const auto& [p, s] : subscribers_) items.emplace_back(s.c, s.staff ? for_staff : everyone);
  deliver_by_thread(std::move(items));
}

net::shared_text event_room::snapshot_for(const subscriber& s) {
  // Built at most once per committed seq and audience: a reconnecting crowd (or one member
  // reconnecting in a loop) costs one serialisation, not one each.
  const auto fresh = [&](cached& c, auto build) {
    if (c.seq != committed_seq_ || !c.text) {
      c.seq = committed_seq_;
      c.text = net::make_text(build());
    }
    return c.text;
  };
  if (!s.staff && protocol::has_private_ideas(state_, s.member)) {
    if (own_snapshots_.size() >= max_own_snapshots && !own_snapshots_.contains(s.member)) {
      // Keep only current entries; if all are current, start afresh.
      std::erase_if(own_snapshots_, [&](const auto& e) { return e.second.seq != committed_seq_; });
      if (own_snapshots_.size() >= max_own_snapshots) own_snapshots_.clear();
    }
    return fresh(own_snapshots_[s.member], [&] {
      return protocol::snapshot_message(state_, protocol::audience::participant, s.member);
    });
  }
  if (!s.staff) {
    return fresh(participant_snapshot_, [&] {
      return protocol::snapshot_message(state_, protocol::audience::participant, std::nullopt);
    });
  }
  if (s.lead_track != 0) {
    return fresh(lead_snapshots_[s.lead_track], [&] {
      return protocol::snapshot_message(state_, protocol::audience::staff, std::nullopt,
                                        s.lead_track);
    });
  }
  return fresh(facilitator_snapshot_, [&] {
    return protocol::snapshot_message(state_, protocol::audience::staff, std::nullopt);
  });
}

void event_room::send_snapshot(const client_ptr& c, const subscriber& s) {
  c->send(snapshot_for(s));
}

void event_room::do_hello(request& r) {
  const domain::member* m = state_.find_member_by_token(r.token_hash);
  if (m == nullptr) {
    r.who->state.store(identity::none);
    return refuse(r, domain::make_error(domain::errc::bad_token, "This link or token is not known."));
  }
  const subscriber s = subscriber_for(r.origin, *m);
  r.who->member.store(m->id);
  r.who->staff.store(s.staff);
  r.who->state.store(identity::known);
  r.origin->send(net::make_text(
      protocol::ack(r.cmd_id, json{{"you", protocol::to_json(*m)},
                                   {"serverTime", clock_()},
                                   {"ballots", protocol::ballots_json(state_, m->id)}})));
  subscribe(s);
  spdlog::info("event {} member {} {}: resumed as {} after seq {}", info_.code, m->id,
               r.origin->remote(), domain::to_string(m->member_role), r.last_seq);

  if (r.last_seq > 0 && r.last_seq >= recent_base_ && r.last_seq <= committed_seq_) {
    std::vector<const std::string*> missed;
    for (const auto& rc : recent_) {
      if (rc.seq <= r.last_seq) continue;
      if (const auto& f = form_for(rc, s)) missed.push_back(f.get());
    }
    auto text = net::make_text(protocol::changes_message(r.last_seq, committed_seq_, missed));
    charge(r.payer, text->size());
    r.origin->send(std::move(text));
    return;
  }
  const auto snapshot = snapshot_for(s);
  charge(r.payer, snapshot->size());
  r.origin->send(snapshot);
}

}  // namespace rt::app
