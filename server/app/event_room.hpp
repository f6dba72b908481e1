// event_room.hpp: one live event: its state, its connections and its strand.
//
// All state of one event is changed only on the room's strand. Commands queue up; the room
// checks as many as are waiting against the domain rules, hands the accepted changes to the
// writer as ONE job (one job in flight per room), and when the writer reports them durable it
// acknowledges each and broadcasts each batch as one frame per audience, serialised once and
// shared by every connection. Requests that read the whole state (hello) wait until nothing
// is in flight, so a snapshot never shows a change that is not committed.
//
// A short window of recent changes (already serialised) lets a reconnecting client resume
// with exactly what it missed; when it is further behind it gets a snapshot.
//
// Besides commands, the room runs three timers of its own on its strand: the agenda's
// auto-advance (committed like a command), and the coalesced `presence` (at most once a
// second) and vote `results` (at most four times a second per round) messages. Broadcasts go
// out as one posted task per network thread (deliver_by_thread).
//
// Thread-safety: public methods may be called from any thread; they post to the strand.
// info() is constant after construction.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/answer_cache.hpp"
#include "app/clock.hpp"
#include "app/similar_ideas.hpp"
#include "domain/event_state.hpp"
#include "net/client.hpp"
#include "net/http_server.hpp"
#include "protocol/commands.hpp"
#include "protocol/messages.hpp"
#include "storage/store.hpp"
#include "storage/writer.hpp"

namespace rt::app {

namespace asio = boost::asio;
using client_ptr = std::shared_ptr<net::client>;

// What a connection knows of who it is. The room writes it; the connection reads it on its
// own strand. A connection learns the answer through the ack, which is sent after the write.
struct identity {
  enum : int { none = 0, pending = 1, known = 2 };
  std::atomic<int> state{none};
  std::atomic<domain::id_type> member{0};
  std::atomic<bool> staff{false};
  // What the room's answers cost beyond one token per command, in thousandths of a token:
  // the connection takes it off its rate budget before its next command.
  std::atomic<std::int64_t> owed_millitokens{0};
};

// What the room charges for answers: one token for each this many bytes answered (a page of
// history, a section's text, a snapshot, a resume).
inline constexpr std::size_t bytes_per_token = 16 * 1024;

struct room_options {
  std::size_t resume_window = 4096;    // recent changes kept for resume
  std::size_t max_batch = 512;         // commands checked into one writer job
  domain::push_limits section_limits;  // what one push and one section may hold
  std::size_t max_open_sections = 16;  // per connection
  std::size_t join_burst = 100;        // joins per address at once (hub::allow_join); 0: no limit
  // Commands one connection may have waiting in the room; beyond it they are refused with
  // rate_limited ("slow down") at once, so one flooding client never lengthens the queue
  // that everyone else waits in. And the room's whole queue, past which anyone is told so.
  std::size_t max_queued_per_connection = 64;
  std::size_t max_queue = 20'000;
  std::size_t history_page = 200;             // updates per section_history answer
  std::size_t max_history_cache = 32u << 20;  // bytes of serialised history kept per room
  // Runs work that must not hold up the room's strand (suggested duplicates and clusters) on
  // another thread; empty: on the strand itself (tests).
  std::function<void(std::function<void()>)> background;
};

class event_room : public std::enable_shared_from_this<event_room> {
 public:
  // `now` is the room's clock (the time commands are stamped with, timers are measured
  // against and hello answers as serverTime), called on the strand; tests give a fake one.
  event_room(asio::io_context& ioc, storage::writer& writer, storage::loaded_event loaded,
             room_options options, clock now = wall_ms);

  const domain::event_info& info() const { return info_; }
  // info() with the event's stakeholder groups, language and screens' languages as last
  // committed (set_groups, set_event_language change them); any thread.
  domain::event_info current_info() const;
  // The agenda and its timer as the snapshot has them (JSON), for the join form's `event_info`.
  nlohmann::json current_agenda() const;
  std::size_t participants() const { return participants_.load(std::memory_order_relaxed); }
  std::size_t ideas() const { return ideas_.load(std::memory_order_relaxed); }
  std::size_t connected() const { return connected_.load(std::memory_order_relaxed); }
  // Whether new people may join with the code (as last committed); any thread.
  bool self_join() const { return self_join_.load(std::memory_order_relaxed); }
  // The event's status, and whether its archive was downloaded since its last change (as
  // last committed); any thread.
  domain::event_status status() const {
    return static_cast<domain::event_status>(status_.load(std::memory_order_relaxed));
  }
  bool exported() const {
    return exported_seq_.load(std::memory_order_relaxed) == seq_.load(std::memory_order_relaxed);
  }
  // When it was last closed or archived (as last committed); none while open. Any thread.
  std::optional<domain::millis> closed_at() const {
    const auto at = closed_at_.load(std::memory_order_relaxed);
    return at > 0 ? std::optional<domain::millis>(at) : std::nullopt;
  }
  std::size_t queued() const { return queued_.load(std::memory_order_relaxed); }  // metrics

  // A new participant; `token` is "CODE.secret", `token_hash` the hash of the secret.
  void join(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
            domain::join_draft draft, std::string token, std::string token_hash);
  // A known member resumes after `last_seq`.
  void hello(client_ptr c, std::shared_ptr<identity> who, std::string cmd_id,
             std::string token_hash, domain::seq_type last_seq);
  // A command that changes the event, from `member`. `token`/`token_hash` are a fresh secret
  // for create_link, empty otherwise. `payer` (may be null) is charged for large answers.
  void submit(client_ptr c, domain::id_type member, std::string cmd_id, protocol::room_command body,
              std::string token = {}, std::string token_hash = {},
              std::shared_ptr<identity> payer = nullptr);
  // A section command from `member`: reads answered at once or from committed state, pushes
  // committed through the section's authority.
  void section(client_ptr c, domain::id_type member, std::string cmd_id,
               protocol::section_command body, std::shared_ptr<identity> payer = nullptr);
  // The connection's UI language (one of domain::language_codes), as presence counts it.
  // Recorded even before the connection is subscribed (join, hello); forgotten on detach.
  void set_language(client_ptr c, std::string language);
  // The connection is gone.
  void detach(client_ptr c);

  // The roster import of the HTTP API (api.hpp), checked against a facilitator's token hash
  // and queued like a command. `done` is called once, from the room's strand.
  using api_done = std::function<void(net::api_response)>;
  // `key` (an Idempotency-Key, may be empty) names the upload: the same facilitator sending
  // the same key again gets the first answer (the same people and links), not a second import.
  void import_roster(std::string token_hash, std::vector<domain::roster_row> rows, std::string key,
                     api_done done);
  // Calls `fn` once, on the room's strand, with the event's state as committed: while a
  // batch is being written it waits until the batch is durable, and after a failed commit
  // until the room has reloaded what was committed (a commit that fails while the server
  // stops is not reloaded: `fn` then sees the state the room holds). `fn` must not keep
  // pointers or references into the state, which goes on changing after it returns: it
  // copies what it needs. The HTTP routes (api.hpp) check tokens and render files this way.
  void read_committed(std::function<void(const domain::event_state&)> fn);
  // Every section update `member` wrote, read back from the database (a section keeps only a
  // window in memory), as their download shows them; `then` runs on the strand, with nullopt
  // when the database could not be read.
  void read_edits(domain::id_type member,
                  std::function<void(std::optional<std::vector<domain::member_data::edit>>)> then);
  // Records that the event's archive, built from the state at `seq`, was downloaded; `done`
  // runs (on the writer's thread) once that is durable, with the failure if any.
  void record_export(domain::seq_type seq, std::function<void(std::exception_ptr)> done);
  // Deletes the event from the database: refused with bad_value while it is open, and (with
  // `require_export`: the admin's deletion, not the retention period's) with not_exported
  // unless its archive was downloaded since its last change. Once deleted, every connection
  // is told (event_deleted) and closed, and the room refuses everything; the caller forgets
  // the room. `done` runs once, on the room's strand.
  void delete_event(bool require_export, std::function<void(std::optional<domain::error>)> done);
  // From now on refuse new commands with shutting_down; what is in flight completes.
  void begin_shutdown();
  // Calls `done` on the strand after everything posted before it.
  void flush(std::function<void()> done);
  // Once every thread has stopped (the end of a shutdown): lets go of every connection the
  // room still holds, so that a room and a connection whose leaving never ran (it was posted
  // as the threads stopped) do not keep each other alive.
  void release_clients();
  // Starts the room's own clock: the next phase when the current one ends with
  // auto-advance on. Call once after construction.
  void start();

 private:
  // What a request asks the room to do; one alternative per kind.
  struct join_request {
    domain::join_draft draft;
    std::string token;       // "CODE.secret", only in the answer
    std::string token_hash;  // stored
  };
  struct hello_request {
    std::string token_hash;
    domain::seq_type last_seq = 0;
  };
  struct write_request {  // a room command, checked by its domain handler
    protocol::room_command body;
    std::string token, token_hash;  // create_link: the new link's secret; else empty
  };
  struct section_request {  // answered at once, or a push through a section's authority
    protocol::section_command body;
    // A push or open_section on a version before the section's window: the updates accepted
    // after `older_from`, read back from the database (read_older), up to the window then.
    std::shared_ptr<const std::vector<domain::accepted_update>> older;
    std::int64_t older_from = 0;
  };
  struct advance_request {};  // the room's own clock: the next phase when this one ends
  struct roster_request {
    std::vector<domain::roster_row> rows;
    std::vector<std::string> tokens, hashes;
    api_done done;
  };
  // Per track, the form of a change its lead gets, when it differs from the facilitators'.
  using lead_forms = std::vector<std::pair<domain::id_type, net::shared_text>>;
  struct request {
    client_ptr origin;                // null: the room's own clock or the HTTP API
    std::shared_ptr<identity> who;    // join, hello: the identity being settled
    std::shared_ptr<identity> payer;  // charged for the answer's size (may be null)
    net::client* counted = nullptr;   // in queued_of_ while queued (kept when moved from)
    domain::id_type member = 0;
    std::string cmd_id;
    std::variant<join_request, hello_request, write_request, section_request, advance_request,
                 roster_request>
        what;
    template <class T>
    bool is() const {
      return std::holds_alternative<T>(what);
    }
  };
  struct item {
    request req;
    domain::change change;
    std::optional<domain::id_type> author;
    net::shared_text participant_form, staff_form, author_form;  // null: not seen
    lead_forms leads;        // where a track's lead sees less than staff_form
    std::string staff_json;  // for the change log
    net::shared_text answer;
    bool persist_answer = true;
    // A push: the updates it added to a section (not a change of the event's sequence).
    std::optional<domain::section_push> push;
    std::vector<storage::stored_update> stored;
  };
  struct batch {
    std::vector<item> items;
  };
  struct recent {
    domain::seq_type seq;
    std::optional<domain::id_type> author;
    net::shared_text participant_form, staff_form, author_form;
    lead_forms leads;
  };
  // Who a connection is and so which form of each change it gets.
  struct subscriber {
    client_ptr c;
    domain::id_type member;
    bool staff;
    domain::id_type lead_track = 0;  // a track lead's track: their narrower staff form
    bool viewer = false;             // a big screen: gets turnout like staff
  };
  using section_key = std::pair<domain::id_type, int>;
  struct section_viewer {
    domain::id_type member = 0;
    std::optional<protocol::selection> where;
    std::int64_t version = 0;  // of `where`
  };
  static constexpr auto presence_interval = std::chrono::milliseconds(1000);
  static constexpr auto section_presence_interval = std::chrono::milliseconds(200);
  static constexpr auto results_interval = std::chrono::milliseconds(250);
  void enqueue(request r);
  void pop_front();  // the queue's first request, taken or answered
  void charge(const std::shared_ptr<identity>& payer, std::size_t bytes) const;
  void start_batch();
  // A change serialised once per audience (and per track lead where theirs differs).
  item item_for(domain::change change) const;
  // Hands a batch to the writer; on_committed() follows on the strand.
  void commit(const std::shared_ptr<batch>& b, domain::millis now);
  // Commands answered once per id (a repeat gets the same answer): writes and pushes.
  // The admin's commands (member 0) are not: the admin is no member of the event.
  static bool deduplicated(const request& r) {
    const auto* s = std::get_if<section_request>(&r.what);
    if (r.member == 0) return false;
    return r.is<write_request>() ||
           (s != nullptr && std::holds_alternative<protocol::push_cmd>(s->body));
  }
  // Checks a write, join, roster or advance request against the domain: the change and the
  // ack's result, or why it is refused.
  domain::result<protocol::outcome> apply(request& r, domain::millis now);
  // The name of what a request asks, for logs.
  static std::string_view what_of(const request& r);
  void on_committed(const std::shared_ptr<batch>& b, std::exception_ptr failure);
  void on_reloaded(const std::shared_ptr<storage::loaded_event>& loaded, std::exception_ptr e);
  // Runs the read_committed calls that waited for a commit (nothing is in flight).
  void run_readers();
  void do_hello(request& r);
  void fan_out(const batch& b);
  void send_snapshot(const client_ptr& c, const subscriber& s);
  net::shared_text snapshot_for(const subscriber& s);
  subscriber subscriber_for(const client_ptr& c, const domain::member& m) const;
  static const net::shared_text& staff_form_for(const net::shared_text& staff_form,
                                                const lead_forms& leads, domain::id_type track);
  const net::shared_text& form_for(const recent& r, const subscriber& s) const;
  void answer_roster(const item& it);
  void refuse(const request& r, const domain::error& e);
  void restore(storage::loaded_event loaded);
  void update_counters();
  // After a committed member_removed (or a revoked or re-issued link): closes the member's
  // connections (told why first: removed, revoked) and forgets what the room kept for them.
  void drop_member(domain::id_type member, domain::errc why = domain::errc::removed);
  // Tells every connection why (event_deleted) and closes it (room_admin.cpp).
  void close_everyone(domain::errc why);
  // Whether the event's status lets this request through: a closed or archived event
  // refuses every change but the admin's status change (event_closed).
  std::optional<domain::error> closed_to(const request& r) const;
  void arm_advance();
  void subscribe(const subscriber& s);
  void presence_changed();
  void results_changed(domain::id_type round);
  void turnout_changed(domain::id_type round);
  // Marks a round in `dirty` (results_dirty_ or turnout_dirty_) and arms the results' timer
  // unless it is armed already.
  void mark_round(std::set<domain::id_type>& dirty, domain::id_type round);
  void send_results();
  void send_presence();
  // Sections (sections.cpp).
  // Answers close_section, cursor and section_history at once (history from the cache,
  // up to each section's committed version).
  bool take_section_command(request& r);
  void answer_history(request& r, const protocol::section_history_cmd& c);
  // similar_ideas from the index; suggest_duplicates and suggest_clusters on `background`.
  void answer_similar(request& r, const protocol::similar_ideas_cmd& c);
  void answer_suggestions(request& r, domain::id_type track, bool clusters);
  void do_read(request& r, const protocol::open_section_cmd& c);
  bool start_push(request& r, protocol::push_cmd& c, domain::millis now, batch& b);
  void send_section_updates(const batch& b);
  void drop_sections(net::client* c);
  // Whether `r` carries exactly the updates from `version` to the section's window.
  static bool carries_older(const request& r, std::int64_t version, const domain::section_doc& doc);
  // Reads the updates of section `key` from the database, after `version` up to the window's
  // first version (on the writer thread, behind the commits before it), and puts `r` back in
  // the queue with them (section_request::older), or refuses it (storage_failed).
  void read_older(request r, const section_key& key, std::int64_t version, std::int64_t up_to);
  // Reads the updates of `key` with `after` < version <= `up_to` from the database, then calls
  // `then` on the strand with them parsed, or with storage_failed.
  void read_updates(const section_key& key, std::int64_t after, std::int64_t up_to,
                    std::function<void(domain::result<std::vector<domain::accepted_update>>)> then);
  // A section_history page before the window (`from` < version <= `end`): from the pages
  // already read, or read once from the database for everyone asking meanwhile.
  void answer_older_page(request& r, const section_key& key, std::int64_t from, std::int64_t end,
                         std::int64_t version);
  struct older_page_key {
    section_key section;
    std::int64_t from = 0, end = 0;
    auto operator<=>(const older_page_key&) const = default;
  };
  void older_page_read(const older_page_key& k,
                       domain::result<std::vector<domain::accepted_update>> got);
  // Forgets the pages read (those still being read stay: people wait for them).
  void forget_older_pages();
  // Puts a request back at the end of the queue, past the repeat check (it is still the one
  // being applied).
  void requeue(request r);
  void section_presence_changed(const section_key& key);
  void send_section_presence();
  // Delivers each frame to its client with one posted task per network thread.
  static void deliver_by_thread(std::vector<std::pair<client_ptr, net::shared_text>> items);

  // Constant after construction.
  const domain::event_info info_;
  const room_options options_;
  const clock clock_;
  storage::writer& writer_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer advance_timer_;              // used on strand_
  asio::steady_timer presence_timer_;             // used on strand_
  bool presence_pending_ = false;                 // on strand_: an update is scheduled
  asio::steady_timer results_timer_;              // used on strand_
  std::set<domain::id_type> results_dirty_;       // on strand_: rounds whose results changed
  std::set<domain::id_type> turnout_dirty_;       // on strand_: rounds whose turnout changed
  asio::steady_timer section_presence_timer_;     // used on strand_
  std::set<section_key> section_presence_dirty_;  // on strand_

  // Read from any thread.
  std::atomic<std::size_t> participants_{0}, ideas_{0}, connected_{0};
  std::atomic<bool> self_join_{true};
  mutable std::mutex groups_mutex_;
  // Guarded by groups_mutex_: what current_info() adds to info_.
  std::vector<domain::stakeholder_group> groups_;
  std::string language_{domain::default_language};
  domain::screen_languages screens_ = domain::screen_languages::event;
  nlohmann::json agenda_;                 // agenda_json of the committed state
  std::atomic<int> status_{0};            // a domain::event_status
  std::atomic<domain::seq_type> seq_{0};  // committed_seq_
  std::atomic<domain::seq_type> exported_seq_{-1};
  std::atomic<domain::millis> closed_at_{0};  // 0: open
  std::atomic<bool> deleted_{false};
  std::atomic<std::size_t> queued_{0};  // queue_.size(), for metrics

  // Touched only on strand_.
  domain::event_state state_;
  similar_ideas similar_{std::string(domain::default_language)};  // kept with committed changes
  domain::seq_type committed_seq_ = 0;
  std::deque<request> queue_;
  std::unordered_map<net::client*, std::size_t> queued_of_;  // requests waiting, by connection
  bool in_flight_ = false;
  std::vector<std::function<void(const domain::event_state&)>> readers_;  // waiting for it
  // Sections whose pushes are being committed: their version before them (what history may
  // show until the commit lands).
  std::map<std::pair<domain::id_type, int>, std::int64_t> committed_version_;
  // Each section's kept updates as section_history lists them, serialised once.
  struct history_cache {
    std::int64_t first_version = 0;  // items[0] is the update after this version
    std::vector<std::string> items;
  };
  std::map<std::pair<domain::id_type, int>, history_cache> history_;
  std::size_t history_bytes_ = 0;
  // section_history pages before the windows, serialised, each read from the database once.
  struct older_page {
    struct asker {
      client_ptr origin;
      std::shared_ptr<identity> payer;
      std::string cmd_id;
      std::int64_t version = 0;
    };
    bool ready = false;
    std::string page;
    std::vector<asker> waiting;  // while the read is on its way
  };
  std::map<older_page_key, older_page> older_pages_;
  std::size_t older_bytes_ = 0;
  bool closing_ = false;
  std::deque<recent> recent_;
  domain::seq_type recent_base_ = 0;  // every change after this seq is in recent_
  std::unordered_map<net::client*, subscriber> subscribers_;
  std::unordered_map<domain::id_type, std::vector<net::client*>> connections_of_;  // by member
  // Each connection's UI language (set_language, join, hello), subscribed or not yet.
  std::unordered_map<net::client*, std::string> languages_;
  // Answers to recent commands by member and command id, so a repeat is answered and not
  // applied twice (storage keeps them across restarts).
  answer_cache<domain::id_type, net::shared_text> answers_{
      static_cast<std::size_t>(storage::store::remembered_commands)};
  // Who has which section open, and where their selection is.
  std::map<section_key, std::unordered_map<net::client*, section_viewer>> section_viewers_;
  std::unordered_map<net::client*, std::set<section_key>> sections_of_;
  // Roster uploads by facilitator and Idempotency-Key, in memory only (answers hold secrets).
  answer_cache<std::string, net::api_response> roster_uploads_{64};
  // Snapshots as of a committed seq, per audience: participants, facilitators, each track's
  // lead, and members whose own ideas make theirs differ (the most recent few hundred).
  struct cached {
    domain::seq_type seq = -1;
    net::shared_text text;
  };
  cached participant_snapshot_, facilitator_snapshot_;
  std::unordered_map<domain::id_type, cached> lead_snapshots_;  // by track
  std::unordered_map<domain::id_type, cached> own_snapshots_;   // by member
  static constexpr std::size_t max_own_snapshots = 256;
};

}  // namespace rt::app
