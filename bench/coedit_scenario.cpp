// coedit_scenario.cpp: the `co-edit` scenario: N editors type into one section of one
// proposal at once, each a collab_peer (the C++ mirror of @codemirror/collab's client).
//
// Set-up over the real protocol: the admin creates the event, the editors join track 1 as
// participants, the facilitator creates a proposal in that track whose team is every editor,
// and each editor opens section 0 (`open_section` with version null).
//
// Typing: every editor inserts one character every 1/--rate seconds (its first at a random
// offset within the first interval), at a uniform random position of its current local
// text; the character is the keystroke's marker (coedit.hpp). With --same-spot every editor
// types forward at one shared spot instead, like people appending to the same sentence: its
// first keystroke at the start of the section (where everyone starts), each later one at the
// end of its own run (collab_peer::run_end(), which others' text inserted there does not
// join), so each editor types one run for the whole duration. Every peer marks the updates
// that continue its run (collab_peer's default); with --no-runs none does, which is
// @codemirror/collab's own tie rule, the baseline. --delay-ms D makes each editor see the
// server's `section_updates` D ms late, in order, as over a slow link (people typing over the
// internet see each other's keystrokes 50-150 ms late, and type the next meanwhile); the
// latencies measured then include D. Pushing as a @codemirror/collab
// client does: at most one `push` in flight, carrying all of sendable(); another push goes out
// when new typing happens or when the answer comes back and something was typed meanwhile
// (after the rest of the frame that carried the answer, whose `section_updates` may confirm
// what was just accepted). The answer is not a confirmation: an editor's own updates are
// confirmed when they come back in `section_updates`; an accepted push only means its updates
// need not be sent on their own again. A refusal is counted and the push retried 100 ms later.
// `section_updates` are received one update at a time (collab_peer::receive_at), after a
// check that their `version` follows the editor's; a gap is counted and the editor opens the
// section again with its version and receives what it missed from the answer.
//
// Measured: push-to-visible (the first push that carried a keystroke -> the moment the last of
// the other editors applied it, and to each of them), typing -> confirmation per editor, push
// answers, the server's CPU over the typing window and its RSS. After typing stops everyone
// settles (nothing unsent, one version); then every editor's text must equal the server's
// (a fresh `open_section` on the facilitator's connection), that text must hold every typed
// keystroke exactly once and nothing else, and the database's `section_updates` must count
// the server's version and replay to the same text. With --same-spot the report adds how many
// pieces each editor's run ended up in in the server's text (coedit::count_fragments; 1 when
// it stayed whole): a figure, not a check, since the baseline is expected to cut runs.
//
// Thread-safety: an editor lives on its session's io thread; the driver reads only its
// atomics, and its text through run_on_each.
#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "coedit.hpp"
#include "coedit_editor.hpp"
#include "domain/text.hpp"
#include "harness.hpp"

namespace rt::bench {

using nlohmann::json;

namespace {
using namespace coedit_detail;

class co_edit final : public scenario {
 public:
  bool supports_bare() const override { return false; }

  bool setup(run_context& ctx) override {
    const auto& o = ctx.opt;
    const std::uint32_t n = o.participants;
    if (!o.facilitator) {
      ctx.fail("co-edit needs the facilitator (it creates the proposal and reads the final text)");
      return false;
    }
    if (n < 2 || o.rate <= 0 || o.duration <= 0) {
      ctx.fail("co-edit needs at least 2 editors, a positive --rate and --duration");
      return false;
    }
    run_.period_ns = static_cast<std::int64_t>(1e9 / o.rate);
    run_.same_spot = o.same_spot;
    run_.mark_runs = !o.no_runs;
    run_.delay_ns = static_cast<std::int64_t>(o.delay_ms * 1e6);
    run_.planned = static_cast<std::uint32_t>(std::floor(o.rate * o.duration + 1e-9));
    const auto total = static_cast<std::uint64_t>(n) * run_.planned;
    if (run_.planned == 0 || total > coedit::marker_capacity) {
      ctx.fail("co-edit: " + std::to_string(n) + " editors x " + std::to_string(run_.planned) +
               " keystrokes; between 1 and " + std::to_string(coedit::marker_capacity) +
               " keystrokes fit the markers");
      return false;
    }
    if (o.max_section_chars > 0 && total > o.max_section_chars) {
      ctx.fail("co-edit: " + std::to_string(total) + " keystrokes do not fit --max-section-chars " +
               std::to_string(o.max_section_chars));
      return false;
    }
    run_.book = std::make_unique<coedit::keystroke_book>(n, run_.planned);
    for (unsigned t = 0; t < ctx.pool->size(); ++t) {
      run_.type_lag.push_back(std::make_unique<latency_histogram>());
      run_.parsed.emplace_back(8);
      run_.parsed_next.push_back(0);
    }
    // Every editor exists before any session starts, and editors_ never changes after.
    std::mt19937_64 seeds(o.seed ? o.seed : std::random_device{}());
    const auto nonce = std::to_string(seeds() % 1'000'000);
    for (std::uint32_t i = 0; i < n; ++i) {
      editors_.push_back(std::make_unique<editor>(run_, ctx.shared, i,
                                                  "e" + std::to_string(i) + "-" + nonce, seeds()));
    }
    ctx.shared.on_other_line = [this](session& s, std::string_view line, std::int64_t) {
      if (s.index() < editors_.size()) editors_[s.index()]->on_line(line);
    };

    if (!ctx.create_event() || !ctx.connect_facilitator()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    rss_before_kb_ = ctx.server_rss_kb();
    if (!ctx.connect_participants(n)) return false;

    // The proposal, with every editor on its team.
    json team = json::array();
    for (const auto& p : ctx.participants) {
      if (p->member_id() <= 0) {
        ctx.fail("an editor's member id is unknown (join ack without \"you\")");
        return false;
      }
      team.push_back(p->member_id());
    }
    const json create{{"type", "create_proposal"}, {"title", "Co-edit load test"},
                      {"track", ctx.event.track},  {"ideas", json::array()},
                      {"cluster", nullptr},        {"table", nullptr},
                      {"team", std::move(team)}};
    const auto created = ask(ctx, *ctx.facilitator, create.dump(), 30);
    if (!created || wire::classify(*created) != wire::kind::ack) {
      ctx.fail("create_proposal refused: " + created.value_or("(no answer)"));
      return false;
    }
    run_.proposal = wire::int_field(*created, "proposal").value_or(0);
    if (run_.proposal <= 0) {
      ctx.fail("create_proposal answered without a proposal: " + *created);
      return false;
    }

    // Every editor opens section 0.
    for (std::uint32_t i = 0; i < n; ++i) {
      editor* e = editors_[i].get();
      e->attach(*ctx.participants[i]);
      ctx.participants[i]->run([e] { e->open(); });
    }
    const bool all_open = ctx.wait_until(
        [&] {
          return std::all_of(editors_.begin(), editors_.end(),
                             [](const auto& e) { return e->opened() || e->failed(); });
        },
        60);
    const auto opened =
        std::count_if(editors_.begin(), editors_.end(), [](const auto& e) { return e->opened(); });
    ctx.out << "  proposal " << run_.proposal << ": " << opened << " of " << n
            << " editors opened section " << run_.section << "; typing "
            << (run_.same_spot ? "forward at one shared spot" : "at random positions") << ", runs "
            << (run_.mark_runs ? "marked" : "NOT marked (the old tie rule)");
    if (run_.delay_ns > 0) {
      ctx.out << "; every editor sees the server's updates " << fmt(o.delay_ms, 0) << " ms late";
    }
    ctx.out << "\n";
    if (!all_open || opened != static_cast<std::ptrdiff_t>(n)) {
      std::string why;
      for (const auto& e : editors_) {
        if (e->failed()) {
          why = e->error();
          break;
        }
      }
      ctx.fail("not every editor could open the section" + (why.empty() ? "" : ": " + why));
      return false;
    }
    const auto rss = ctx.server_rss_kb();
    if (rss > 0) {
      ctx.result["server_rss_before_kb"] = rss_before_kb_;
      ctx.result["server_rss_connected_kb"] = rss;
    }
    return true;
  }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    const auto n = static_cast<std::uint32_t>(editors_.size());
    ctx.clear_latencies();
    if (ctx.monitor) ctx.monitor->reset_peak();
    const probe p = ctx.begin_window();
    const std::int64_t t0 = now_ns() + 20'000'000;
    std::mt19937_64 rng(o.seed ? o.seed + 1 : std::random_device{}());
    std::uniform_int_distribution<std::int64_t> jitter(0, run_.period_ns - 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      editor* e = editors_[i].get();
      const std::int64_t first = t0 + jitter(rng);
      ctx.participants[i]->run([e, first] { e->start_typing(first); });
    }
    // Typing takes `duration` seconds; a late timer may stretch it a little.
    const bool typed_all = ctx.wait_until(
        [&] {
          return std::all_of(editors_.begin(), editors_.end(), [&](const auto& e) {
            return e->typed() >= run_.planned || e->failed();
          });
        },
        o.duration + 30);
    const json w = ctx.end_window(p);
    typing_s_ = (now_ns() - t0) / 1e9;
    ctx.result["window"] = w;
    ctx.result["server_peak_rss_typing_kb"] = ctx.monitor ? ctx.monitor->peak_rss_kb() : 0;
    if (!typed_all) ctx.problems.push_back("not every editor typed all its keystrokes in time");

    // Settle: nothing unsent, nothing in flight, everyone at one version.
    const auto settle0 = now_ns();
    settled_ = ctx.wait_until(
        [&] {
          const std::int64_t v = editors_.front()->version();
          return std::all_of(editors_.begin(), editors_.end(), [&](const auto& e) {
            return e->failed() || (e->unconfirmed() == 0 && !e->busy() && e->version() == v);
          });
        },
        o.drain);
    ctx.result["settle_s"] = (now_ns() - settle0) / 1e9;

    // The server's text and version, from a fresh open_section on the facilitator's connection.
    const auto answer =
        ask(ctx, *ctx.facilitator,
            coedit::open_section_command(run_.proposal, run_.section, std::nullopt), 30);
    if (answer && wire::classify(*answer) == wire::kind::ack) {
      const json j = json::parse(*answer, nullptr, false);
      if (j.is_object() && j.contains("result")) {
        server_text_ = domain::to_utf16(j["result"].value("text", std::string()));
        server_version_ = j["result"].value("version", std::int64_t{-1});
      }
    }
    if (server_version_ < 0) ctx.problems.push_back("the facilitator could not read the section");

    // The editors' texts, each read on its own thread.
    texts_.resize(n);
    versions_.resize(n);
    unsent_.resize(n);
    ctx.pool->run_on_each([&](unsigned t) {
      for (std::uint32_t i = 0; i < n; ++i) {
        if (ctx.participants[i]->thread() != t) continue;
        texts_[i] = editors_[i]->peer().text();
        versions_[i] = editors_[i]->peer().version();
        unsent_[i] = editors_[i]->peer().unconfirmed().size();
      }
    });
    return true;
  }

  void report(run_context& ctx) override {
    auto& o = ctx.out;
    const auto n = static_cast<std::uint32_t>(editors_.size());
    const auto s = run_.book->summarize();
    latency_histogram lag;
    std::mutex lag_mutex;
    ctx.pool->run_on_each([&](unsigned t) {
      std::lock_guard lock(lag_mutex);
      lag.merge(*run_.type_lag[t]);
    });
    const auto each = ctx.merged_delivery();
    const auto answers = ctx.merged_ack();

    // Convergence and markers.
    std::uint32_t equal = 0, failed = 0;
    std::uint64_t unsent = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (editors_[i]->failed()) ++failed;
      if (texts_[i] == server_text_ && versions_[i] == server_version_) ++equal;
      unsent += unsent_[i];
    }
    const auto markers = coedit::check_markers(server_text_, run_.book->typed_flags());
    std::vector<std::string> problems;
    {
      std::lock_guard lock(run_.problems_mutex);
      problems = run_.problems;
    }

    auto& r = ctx.result;
    r["editors"] = n;
    r["rate_per_editor"] = ctx.opt.rate;
    r["keystrokes_per_editor"] = run_.planned;
    r["typing_s"] = typing_s_;
    r["keystrokes"] = json{{"typed", s.typed},
                           {"pushed", s.pushed},
                           {"confirmed", s.confirmed},
                           {"visible_to_all", s.fully_visible},
                           {"missing_applies", s.missing_applies},
                           {"extra_applies", s.extra_applies}};
    r["visible"] = to_json_p90(s.push_to_everyone);
    r["visible_each"] = to_json_p90(each);
    r["push_answer"] = to_json_p90(answers);
    r["confirm"] = to_json_p90(s.confirmation);
    r["confirm_worst_editor"] = s.worst_editor;
    r["confirm_worst_p99_ms"] = s.worst_p99_ms;
    r["confirm_worst_max_ms"] = s.worst_max_ms;
    r["editors_all_confirmed"] = s.editors_all_confirmed;
    r["type_lag"] = to_json_p90(lag);
    r["pushes"] = run_.pushes.load();
    r["push_refusals"] = run_.refusals.load();
    r["updates_resent"] = run_.resent.load();
    r["updates_accepted"] = server_version_;
    r["updates_applied"] = run_.applied_updates.load();
    r["version_gaps"] = run_.gaps.load();
    r["reopens"] = run_.reopens.load();
    r["settled"] = settled_;
    r["editors_equal_to_server"] = equal;
    r["editors_failed"] = failed;
    r["unsent_at_end"] = unsent;
    r["server_text_units"] = server_text_.size();
    r["markers"] = json{{"expected", markers.expected},
                        {"found", markers.found},
                        {"missing", markers.missing},
                        {"duplicated", markers.duplicated},
                        {"foreign", markers.foreign}};
    r["same_spot"] = run_.same_spot;
    r["mark_runs"] = run_.mark_runs;
    r["delay_ms"] = run_.delay_ns / 1e6;
    r["keystrokes_continuing"] = run_.continuing.load();
    // Fragments per run: in --same-spot each editor types one run, its keystrokes in order.
    coedit::fragment_summary frag;
    std::vector<std::pair<std::int64_t, std::uint64_t>> stretches;
    if (run_.same_spot) {
      const auto typed = run_.book->typed_flags();
      std::vector<std::vector<std::uint32_t>> runs(n);
      for (std::uint32_t e = 0; e < n; ++e) {
        for (std::uint32_t k = 0; k < run_.planned; ++k) {
          const auto id = run_.book->id(e, k);
          if (typed[id]) runs[e].push_back(id);
        }
      }
      frag = coedit::count_fragments(server_text_, runs);
      stretches = coedit::stretches_by_editor(server_text_, *run_.book, 12);
      r["fragments"] = json{{"runs", frag.runs},
                            {"whole", frag.whole},
                            {"whole_share", frag.whole_share()},
                            {"mean", frag.mean()},
                            {"max", frag.max_fragments},
                            {"total", frag.fragments},
                            {"keystrokes", frag.keys},
                            {"missing", frag.missing},
                            {"absent_runs", frag.absent}};
    }
    const bool converged = equal == n && failed == 0 && unsent == 0 && settled_;
    const bool all_confirmed = s.editors_all_confirmed == n && s.confirmed == s.typed;
    const bool all_visible = s.missing_applies == 0 && s.extra_applies == 0;
    const bool ok = converged && markers.ok() && all_confirmed && all_visible &&
                    run_.refusals.load() == 0 &&
                    s.typed == static_cast<std::uint64_t>(n) * run_.planned;
    r["all_delivered"] = ok;
    r["checks_failed"] = !ok;

    const json& w = r["window"];
    o << "  " << n << " editors typed " << s.typed << " keystrokes (" << run_.planned << " each, "
      << fmt(ctx.opt.rate, 1) << "/s) in " << fmt(typing_s_, 2) << " s; " << run_.pushes.load()
      << " pushes, " << run_.refusals.load() << " refused; " << server_version_
      << " updates accepted; " << run_.resent.load()
      << " updates sent again with newer ones (dropped by the server as duplicates)\n";
    o << "  push-to-visible (last other editor)  " << to_text_p90(s.push_to_everyone) << "\n";
    o << "  push-to-visible (each other editor)  " << to_text_p90(each) << "\n";
    o << "  push answer                          " << to_text_p90(answers) << "\n";
    o << "  typing -> confirmation, all editors  " << to_text_p90(s.confirmation) << "\n";
    o << "  typing -> confirmation, worst editor (" << s.worst_editor << "): p99 "
      << fmt(s.worst_p99_ms, 2) << " ms; the highest of all: " << fmt(s.worst_max_ms, 2) << " ms; "
      << s.editors_all_confirmed << " of " << n << " editors got every keystroke confirmed\n";
    o << "  typing timer lateness                " << to_text_p90(lag) << "\n";
    if (w.contains("server_cpu_s")) {
      o << "  server CPU " << fmt(w["server_cpu_s"].get<double>(), 2) << " s ("
        << fmt(w["server_cpu_pct"].get<double>()) << "% of one core) over the typing window; ";
    }
    o << "load generator CPU " << fmt(w["loadgen_cpu_pct"].get<double>()) << "%; server RSS peak "
      << (ctx.monitor ? ctx.monitor->peak_rss_kb() / 1024 : 0) << " MiB\n";
    o << "  settled: " << (settled_ ? "yes" : "NO") << " in " << fmt(r["settle_s"].get<double>(), 2)
      << " s; " << equal << " of " << n << " editors hold the server's text (version "
      << server_version_ << ", " << server_text_.size() << " units); " << unsent
      << " updates unsent; " << run_.gaps.load() << " version gaps, " << run_.reopens.load()
      << " re-opens\n";
    o << "  markers in the server's text: " << markers.found << " of " << markers.expected
      << " typed keystrokes, " << markers.missing << " missing, " << markers.duplicated
      << " duplicated, " << markers.foreign << " foreign units\n";
    o << "  applies by other editors: " << s.missing_applies << " missing, " << s.extra_applies
      << " extra\n";
    o << "  keystrokes marked as continuing their run: " << run_.continuing.load() << " of "
      << s.typed << (run_.mark_runs ? "" : " (runs not marked)") << "\n";
    if (run_.same_spot) {
      o << "  fragments per run (same spot): " << frag.runs << " runs, mean " << fmt(frag.mean(), 2)
        << ", max " << frag.max_fragments << "; " << frag.whole << " of " << frag.runs
        << " runs whole (" << fmt(100.0 * frag.whole_share(), 1) << "%)";
      if (frag.absent > 0) o << "; " << frag.absent << " runs absent from the text";
      o << "\n  the server's text from its start, editor x units:";
      for (const auto& [e, units] : stretches) {
        o << " " << (e < 0 ? std::string("?") : "e" + std::to_string(e)) << "x" << units;
      }
      o << (stretches.size() == 12 ? " ...\n" : "\n");
    }
    for (const auto& p : problems) ctx.problems.push_back(p);
    for (const auto& e : markers.examples) ctx.problems.push_back("markers: " + e);
    if (!converged) ctx.problems.push_back("the editors did not converge to the server's text");
    if (!all_confirmed) ctx.problems.push_back("not every keystroke was confirmed to its typist");
    if (!all_visible)
      ctx.problems.push_back("not every keystroke was applied once by every other editor");
    if (run_.refusals.load() > 0) ctx.problems.push_back("some pushes were refused");
  }

  bool check_database(const std::string& db_path, std::int64_t event_id, json& r,
                      std::vector<std::string>& problems, std::ostream& out) override {
    if (run_.proposal <= 0) return true;  // no proposal: nothing to compare
    const auto db = coedit::read_section(db_path, event_id, run_.proposal, run_.section);
    if (!db.ok) {
      out << "  section check failed: " << db.error << "\n";
      problems.push_back("section check failed: " + db.error);
      return false;
    }
    const auto markers = coedit::check_markers(db.text, run_.book->typed_flags());
    const bool same_text = db.replayed && db.text == server_text_;
    r["db_section_updates"] = db.rows;
    r["db_versions_contiguous"] = db.contiguous;
    r["db_text_equals_server"] = same_text;
    // Keystrokes confirmed to their typists but absent from the database's text are lost.
    r["keystrokes_lost"] = markers.missing;
    out << "  database: " << db.rows << " section updates (server version " << server_version_
        << ", versions " << (db.contiguous ? "1.." + std::to_string(db.rows) : "NOT contiguous")
        << "); replayed text " << (same_text ? "equals" : "DIFFERS from") << " the server's; "
        << markers.missing << " typed keystrokes missing from it\n";
    const bool ok = db.rows == server_version_ && db.contiguous && same_text && markers.ok();
    if (!ok) {
      problems.push_back("the database's section differs from the server's (" +
                         std::to_string(db.rows) + " rows, version " +
                         std::to_string(server_version_) +
                         (db.replay_error.empty() ? "" : "; " + db.replay_error) + ")");
    }
    return ok;
  }

 private:
  coedit_run run_;
  std::vector<std::unique_ptr<editor>> editors_;
  std::uint64_t rss_before_kb_ = 0;
  double typing_s_ = 0;
  bool settled_ = false;
  std::u16string server_text_;
  std::int64_t server_version_ = -1;
  std::vector<std::u16string> texts_;
  std::vector<std::int64_t> versions_;
  std::vector<std::size_t> unsent_;
};

}  // namespace

std::unique_ptr<scenario> make_co_edit() { return std::make_unique<co_edit>(); }

}  // namespace rt::bench
