// harness.cpp: the shared machinery of scenarios.
#include "harness.hpp"

#include <chrono>
#include <future>
#include <random>
#include <thread>

namespace rt::bench {

using nlohmann::json;

namespace {

std::uint32_t random_nonce() {
  std::random_device rd;
  return rd();
}

// Waits for a future with a deadline; nullopt on timeout.
template <class T>
std::optional<T> wait_for(std::future<T>& f, double seconds) {
  if (f.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
    return std::nullopt;
  }
  return f.get();
}

// Sends one command on `s` and waits for its answer line (empty on timeout or close).
std::optional<std::string> ask(session& s, std::string command, double seconds) {
  auto promise = std::make_shared<std::promise<std::string>>();
  auto future = promise->get_future();
  s.send_command(std::move(command), [promise](wire::kind k, std::string_view line) {
    promise->set_value(k == wire::kind::other ? std::string() : std::string(line));
  });
  return wait_for(future, seconds);
}

}  // namespace

run_context::run_context(const options& o, target_info t, std::ostream& human)
    : opt(o), target(std::move(t)), out(human) {
  pool = std::make_unique<io_pool>(opt.threads);
  ideas = std::make_unique<idea_table>(opt.max_ideas);
  shared.pool = pool.get();
  shared.ideas = ideas.get();
  shared.target = target.ws;
  shared.bare = target.bare;
  shared.prefix = wire::marker_prefix(random_nonce());
  shared.idea_length = opt.idea_length;
  for (unsigned i = 0; i < pool->size(); ++i)
    shared.stats.push_back(std::make_unique<thread_stats>());
  for (std::uint32_t i = 0; i < opt.sources; ++i) {
    shared.sources.push_back("127.0.0." + std::to_string(2 + i));
  }
  if (target.pid > 0) {
    monitor = std::make_unique<process_monitor>(target.pid, std::chrono::milliseconds(100));
  }
}

run_context::~run_context() {
  pool->stop();
  participants.clear();
  facilitator.reset();
  admin.reset();
}

void run_context::fail(std::string why) {
  completed = false;
  problems.push_back(std::move(why));
}

bool run_context::wait_until(const std::function<bool()>& done, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

bool run_context::create_event() {
  if (target.bare) return true;
  const std::uint32_t index = opt.participants + 1000;  // outside the participants' range
  admin = std::make_unique<session>(shared, index);
  const auto ready_before = shared.ready.load();
  admin->start_raw();
  if (!wait_until(
          [&] {
            return shared.ready.load() > ready_before ||
                   admin->current_phase() == session::phase::failed;
          },
          30) ||
      admin->current_phase() != session::phase::ready) {
    fail("admin connection failed: " + admin->last_error());
    return false;
  }
  const auto auth =
      ask(*admin, json{{"type", "auth_admin"}, {"secret", target.admin_secret}}.dump(), 30);
  if (!auth || wire::classify(*auth) != wire::kind::ack) {
    fail("auth_admin refused: " + auth.value_or("(no answer)"));
    return false;
  }
  const json create{
      {"type", "create_event"},
      {"title", "Load test"},
      {"tracks", json::array({json{{"name", "Skills"}, {"description", ""}},
                              json{{"name", "Public sector"}, {"description", ""}}})}};
  const auto created = ask(*admin, create.dump(), 30);
  if (!created || wire::classify(*created) != wire::kind::ack) {
    fail("create_event refused: " + created.value_or("(no answer)"));
    return false;
  }
  try {
    const json j = json::parse(*created);
    const json& r = j.at("result");
    event.code = r.at("event").at("code").get<std::string>();
    event.id = r.at("event").at("id").get<std::int64_t>();
    event.track = r.at("event").at("tracks").at(0).at("id").get<std::int64_t>();
    event.facilitator_token = r.at("facilitatorToken").get<std::string>();
  } catch (const std::exception& e) {
    fail(std::string("unexpected create_event answer: ") + e.what());
    return false;
  }
  shared.track = event.track;
  return true;
}

bool run_context::connect_facilitator() {
  if (target.bare || !opt.facilitator) return true;
  facilitator = std::make_unique<session>(shared, opt.participants + 1001);
  const auto ready_before = shared.ready.load();
  facilitator->start_hello(event.facilitator_token, 0);
  if (!wait_until(
          [&] {
            return shared.ready.load() > ready_before ||
                   facilitator->current_phase() == session::phase::failed;
          },
          30) ||
      facilitator->current_phase() != session::phase::ready) {
    fail("facilitator connection failed: " + facilitator->last_error());
    return false;
  }
  return true;
}

bool run_context::connect_participants(std::uint32_t count) {
  const auto first = static_cast<std::uint32_t>(participants.size());
  const auto ready0 = shared.ready.load();
  const auto failed0 = shared.failed.load();
  auto settled = [&] { return (shared.ready.load() - ready0) + (shared.failed.load() - failed0); };
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(opt.connect_timeout);
  const auto t0 = now_ns();
  for (std::uint32_t i = 0; i < count; ++i) {
    while (participants.size() - first - settled() >= opt.connect_window) {
      if (std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    auto s = std::make_unique<session>(shared, first + i);
    if (target.bare) {
      s->start_raw();
    } else {
      s->start_join(event.code, event.track, "Participant " + std::to_string(first + i));
    }
    participants.push_back(std::move(s));
  }
  const double left =
      std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
  wait_until([&] { return settled() >= participants.size() - first; }, std::max(0.0, left));
  const auto ready = shared.ready.load() - ready0;
  const double secs = (now_ns() - t0) / 1e9;
  result["connect_s"] = secs;
  result["connected"] = ready;
  out << "  connected " << ready << " of " << count << " participants in " << secs << " s";
  if (secs > 0) out << " (" << static_cast<std::uint64_t>(ready / secs) << "/s)";
  out << "\n";
  if (ready < count) {
    std::string example;
    for (std::size_t i = first; i < participants.size() && example.empty(); ++i) {
      if (participants[i]->current_phase() != session::phase::ready) {
        example = participants[i]->last_error();
      }
    }
    fail(std::to_string(count - ready) + " participants could not connect (e.g. " +
         (example.empty() ? "timeout" : example) + ")");
    return false;
  }
  return true;
}

std::uint32_t run_context::receivers() const {
  std::uint32_t n = 0;
  for (const auto& p : participants) {
    if (p->current_phase() == session::phase::ready) ++n;
  }
  if (facilitator && facilitator->current_phase() == session::phase::ready) ++n;
  return n;
}

std::uint64_t run_context::server_rss_kb() const {
  if (target.pid <= 0) return 0;
  return sample_process(target.pid).rss_kb;
}

probe run_context::begin_window() const {
  probe p;
  p.t_ns = now_ns();
  p.self_cpu = self_cpu_seconds();
  if (target.pid > 0) p.server = sample_process(target.pid);
  for (const auto& st : shared.stats) {
    p.frames += st->frames.load();
    p.messages += st->messages.load();
    p.deliveries += st->deliveries.load();
    p.bytes += st->bytes.load();
  }
  return p;
}

json run_context::end_window(const probe& p) const {
  const probe q = begin_window();
  const double wall = (q.t_ns - p.t_ns) / 1e9;
  json j;
  j["wall_s"] = wall;
  const double self = q.self_cpu - p.self_cpu;
  j["loadgen_cpu_s"] = self;
  j["loadgen_cpu_pct"] = wall > 0 ? 100.0 * self / wall : 0.0;
  if (target.pid > 0 && p.server.ok && q.server.ok) {
    const double cpu = q.server.cpu_s - p.server.cpu_s;
    j["server_cpu_s"] = cpu;
    j["server_cpu_pct"] = wall > 0 ? 100.0 * cpu / wall : 0.0;
  }
  if (wall > 0) {
    j["frames_per_s"] = (q.frames - p.frames) / wall;
    j["messages_per_s"] = (q.messages - p.messages) / wall;
    j["deliveries_per_s"] = (q.deliveries - p.deliveries) / wall;
    j["mbytes_per_s"] = (q.bytes - p.bytes) / wall / 1e6;
  }
  return j;
}

void run_context::clear_latencies() {
  pool->run_on_each([this](unsigned i) {
    shared.stats[i]->ack_us.clear();
    shared.stats[i]->delivery_us.clear();
  });
}

latency_histogram run_context::merged_ack() const {
  latency_histogram h;
  std::mutex m;
  pool->run_on_each([&](unsigned i) {
    std::lock_guard lock(m);
    h.merge(shared.stats[i]->ack_us);
  });
  return h;
}

latency_histogram run_context::merged_delivery() const {
  latency_histogram h;
  std::mutex m;
  pool->run_on_each([&](unsigned i) {
    std::lock_guard lock(m);
    h.merge(shared.stats[i]->delivery_us);
  });
  return h;
}

std::vector<acked_idea> run_context::acked_ideas() const {
  std::vector<acked_idea> v;
  for (std::size_t i = 0; i < ideas->size(); ++i) {
    const idea_slot* s = ideas->find(i);
    if (s->acked_ns.load() == 0) continue;
    v.push_back(acked_idea{s->idea_id.load(), wire::idea_text(shared.prefix, i, opt.idea_length)});
  }
  return v;
}

void run_context::drop_all() {
  for (auto& p : participants) p->drop();
  if (facilitator) facilitator->drop();
  if (admin) admin->drop();
  pool->run_on_each([](unsigned) {});
}

json to_json(const latency_summary& s) {
  return json{{"count", s.count},   {"p50_ms", s.p50_ms}, {"p95_ms", s.p95_ms},
              {"p99_ms", s.p99_ms}, {"max_ms", s.max_ms}, {"mean_ms", s.mean_ms}};
}

json to_json(const delivery_accounting& a) {
  return json{{"posted", a.posted},
              {"acked", a.acked},
              {"failed", a.failed},
              {"unanswered", a.unanswered},
              {"expected_deliveries", a.expected_deliveries},
              {"delivered", a.delivered},
              {"missing_deliveries", a.missing_deliveries},
              {"extra_deliveries", a.extra_deliveries},
              {"stray_deliveries", a.stray_deliveries},
              {"fully_delivered", a.fully_delivered}};
}

}  // namespace rt::bench
