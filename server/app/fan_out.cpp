// fan_out.cpp: the room's side of who gets what: the form of each change for each audience,
// the batch's frames to every connection (one posted task per network thread), presence and
// vote results coalesced on their timers, snapshots per audience, resuming after `hello`, and
// closing a removed member's connections.
//
// Everything here runs on the room's strand (see event_room.hpp).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <map>
#include <utility>

#include "app/metrics.hpp"
#include "event_room.hpp"

namespace rt::app {

using nlohmann::json;

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
  const auto participant_frame =
      join_forms([](const item& it) -> const net::shared_text& { return it.participant_form; });
  const auto staff_frame =
      join_forms([](const item& it) -> const net::shared_text& { return it.staff_form; });
  // Each track's lead gets a frame of their own only when the batch holds a change that
  // differs for them (about people, a hidden idea or a dismissed pair of ideas).
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
  s.viewer = m.member_role == domain::role::viewer;
  return s;
}

void event_room::subscribe(const subscriber& s) {
  subscribers_[s.c.get()] = s;
  connections_of_[s.member].push_back(s.c.get());
  presence_changed();
}

void event_room::drop_member(domain::id_type member, domain::errc why) {
  answers_.forget(member);
  own_snapshots_.erase(member);
  const auto conns = connections_of_.find(member);
  if (conns == connections_of_.end()) return;
  const auto notice =
      net::make_text(protocol::error_message(std::nullopt, domain::make_error(why)));
  for (auto* c : conns->second) {
    const auto s = subscribers_.find(c);
    if (s == subscribers_.end()) continue;
    const client_ptr client = s->second.c;
    drop_sections(c);
    subscribers_.erase(s);
    client->send(notice);
    client->close(net::close_code::normal);
    spdlog::info("event {} member {} {}: {}; connection closed", info_.code, member,
                 client->remote(), domain::name(why));
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

void event_room::results_changed(domain::id_type round) { mark_round(results_dirty_, round); }

void event_room::turnout_changed(domain::id_type round) {
  // On the results' timer: a round's turnout goes out at most as often as its results.
  mark_round(turnout_dirty_, round);
}

void event_room::mark_round(std::set<domain::id_type>& dirty, domain::id_type round) {
  const bool scheduled = !results_dirty_.empty() || !turnout_dirty_.empty();
  dirty.insert(round);
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
  // serialised once, to staff (and to everyone when the round shows live results). Its
  // turnout goes to staff (with who has not voted yet) and to the big screens.
  std::vector<std::pair<client_ptr, net::shared_text>> items;
  for (const auto round : turnout_dirty_) {
    if (!state_.rounds().contains(round)) continue;
    net::shared_text for_screens, for_facilitators;
    std::map<domain::id_type, net::shared_text> for_leads;
    for (const auto& [p, s] : subscribers_) {
      if (!s.staff && !s.viewer) continue;
      net::shared_text* text = &for_screens;
      if (s.staff) text = s.lead_track != 0 ? &for_leads[s.lead_track] : &for_facilitators;
      if (!*text) {
        *text = net::make_text(protocol::turnout_message(
            state_, round, s.staff ? protocol::audience::staff : protocol::audience::participant,
            s.lead_track));
      }
      items.emplace_back(s.c, *text);
    }
  }
  turnout_dirty_.clear();
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
  // Each member once, by the language of their most recent connection (the last subscribed).
  std::map<std::string, std::size_t> languages;
  for (const auto& [member, conns] : connections_of_) {
    if (conns.empty()) continue;
    const auto l = languages_.find(conns.back());
    if (l != languages_.end()) ++languages[l->second];
  }
  const auto everyone = net::make_text(
      protocol::presence_message(members.size(), by_track, staff, nullptr, languages));
  const auto for_staff = net::make_text(
      protocol::presence_message(members.size(), by_track, staff, &members, languages));
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
  const auto& h = std::get<hello_request>(r.what);
  const domain::member* m = state_.find_member_by_token(h.token_hash);
  if (m == nullptr) {
    r.who->state.store(identity::none);
    return refuse(r,
                  domain::make_error(domain::errc::bad_token, "This link or token is not known."));
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
               r.origin->remote(), domain::to_string(m->member_role), h.last_seq);

  if (h.last_seq > 0 && h.last_seq >= recent_base_ && h.last_seq <= committed_seq_) {
    std::vector<const std::string*> missed;
    for (const auto& rc : recent_) {
      if (rc.seq <= h.last_seq) continue;
      if (const auto& f = form_for(rc, s)) missed.push_back(f.get());
    }
    auto text = net::make_text(protocol::changes_message(h.last_seq, committed_seq_, missed));
    charge(r.payer, text->size());
    r.origin->send(std::move(text));
    return;
  }
  const auto snapshot = snapshot_for(s);
  charge(r.payer, snapshot->size());
  r.origin->send(snapshot);
}

}  // namespace rt::app
