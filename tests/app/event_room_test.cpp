// Tests of an event room with a real store and writer, and a fault injected into the database:
// a change whose commit fails is refused with storage_failed, is never broadcast, and the room
// reloads what was committed, so the sequence continues without a gap.
#include "catch.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "../storage/temp_db.hpp"
#include "app/event_room.hpp"
#include "domain/event_state.hpp"
#include "storage/store.hpp"
#include "storage/writer.hpp"

using namespace rt;
using nlohmann::json;

namespace {

// A client that records every message it is sent.
class recording_client : public net::client {
 public:
  explicit recording_client(boost::asio::any_io_executor ex) : executor_(std::move(ex)) {}
  void deliver(net::shared_text text) override { send(std::move(text)); }
  boost::asio::any_io_executor executor() const override { return executor_; }
  std::size_t thread_index() const override { return 0; }
  void send(net::shared_text text) override {
    std::lock_guard lock(mutex_);
    std::size_t start = 0;
    while (start < text->size()) {
      auto end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      messages_.push_back(json::parse(text->substr(start, end - start)));
      start = end + 1;
    }
    cv_.notify_all();
  }
  void close(net::close_code) override {}
  const std::string& remote() const override { return remote_; }

  // Waits for a message with `key` == `value`.
  json wait_for(const std::string& key, const json& value) {
    std::unique_lock lock(mutex_);
    json found;
    const bool ok = cv_.wait_for(lock, std::chrono::seconds(5), [&] {
      for (const auto& m : messages_) {
        if (m.contains(key) && m[key] == value) {
          found = m;
          return true;
        }
      }
      return false;
    });
    if (!ok) FAIL("no message with " << key << " = " << value.dump());
    return found;
  }
  std::vector<json> all() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<json> messages_;
  std::string remote_ = "test";
  boost::asio::any_io_executor executor_;
};

// A clock the test sets and advances; copies share the time. The room reads it on its strand.
class fake_clock {
 public:
  explicit fake_clock(domain::millis start)
      : now_(std::make_shared<std::atomic<domain::millis>>(start)) {}
  domain::millis operator()() const { return now_->load(); }
  void advance(domain::millis ms) const { now_->fetch_add(ms); }

 private:
  std::shared_ptr<std::atomic<domain::millis>> now_;
};

// A database with one event (one track) and its facilitator (member 1, token hash "hf").
storage::store& event_store(temp_db& t, std::unique_ptr<storage::store>& out) {
  out = std::make_unique<storage::store>(t.path);
  auto info = domain::make_event(1, "K7QX2M", "T", {{"A", ""}}, 0).value();
  domain::member f;
  f.id = 1;
  f.member_role = domain::role::facilitator;
  f.name = "F";
  f.token_hash = "hf";
  out->insert_event(info, f);
  return *out;
}

}  // namespace

TEST_CASE("a failed commit is refused, never broadcast, and the room reloads") {
  temp_db t;
  std::unique_ptr<storage::store> owned;
  storage::store& store = event_store(t, owned);
  // The fault: the database refuses one particular idea at commit time.
  store.db().exec(
      "CREATE TRIGGER fault BEFORE INSERT ON ideas WHEN NEW.text = 'disk full' "
      "BEGIN SELECT RAISE(ABORT, 'injected fault'); END");

  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread io([&] { ioc.run(); });
  storage::writer writer(store);
  auto room =
      std::make_shared<app::event_room>(ioc, writer, store.load_event(1), app::room_options{});

  auto author = std::make_shared<recording_client>(ioc.get_executor());
  auto watcher = std::make_shared<recording_client>(ioc.get_executor());
  auto who = std::make_shared<app::identity>();
  room->hello(watcher, std::make_shared<app::identity>(), "h1", "hf", 0);
  watcher->wait_for("type", "snapshot");

  auto post = [&](const std::string& id, const std::string& text) {
    room->submit(author, 1, id, protocol::post_idea_cmd{1, text, false});
  };
  post("p1", "first");
  CHECK(author->wait_for("id", "p1")["type"] == "ack");
  post("p2", "disk full");
  const auto refused = author->wait_for("id", "p2");
  CHECK(refused["type"] == "error");
  CHECK(refused["code"] == "storage_failed");
  post("p3", "third");
  const auto third = author->wait_for("id", "p3");
  REQUIRE(third["type"] == "ack");

  // The watcher saw first and third, with consecutive sequence numbers; never "disk full".
  const auto change3 = watcher->wait_for("seq", 2);
  CHECK(change3["idea"]["text"] == "third");
  for (const auto& m : watcher->all()) CHECK(m.dump().find("disk full") == std::string::npos);
  // The retry of the refused command is checked afresh, not answered from memory.
  post("p2", "disk full, retried");
  CHECK(watcher->wait_for("seq", 3)["idea"]["text"] == "disk full, retried");
  std::vector<std::string> answers;
  for (const auto& m : author->all()) {
    if (m.value("id", "") == "p2") answers.push_back(m.value("type", ""));
  }
  CHECK(answers == std::vector<std::string>{"error", "ack"});

  writer.stop();
  ioc.stop();
  io.join();
  const auto stored = store.load_event(1);
  CHECK(stored.seq == 3);
  REQUIRE(stored.ideas.size() == 3);
  CHECK(stored.ideas[1].text == "third");
  CHECK(stored.ideas[2].text == "disk full, retried");
}

TEST_CASE("with auto-advance on, the room starts the next phase by itself when time is up") {
  temp_db t;
  std::unique_ptr<storage::store> owned;
  storage::store& store = event_store(t, owned);
  // Ideation (1 minute) started at t0 with auto-advance on; the room's clock reads 59 s later.
  const domain::millis t0 = 1'750'000'000'000;
  fake_clock clock(t0 + 59'000);
  domain::timer_state timer;
  timer.current = 0;
  timer.running = true;
  timer.started_at = t0;
  timer.auto_advance = true;
  const std::vector<domain::phase> agenda{{domain::phase_kind::ideation, "Ideas", 60'000},
                                          {domain::phase_kind::voting, "Vote", 600'000}};
  store.write_agenda(1, agenda, timer);

  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread io([&] { ioc.run(); });
  storage::writer writer(store);
  auto room = std::make_shared<app::event_room>(ioc, writer, store.load_event(1),
                                                app::room_options{}, clock);
  auto watcher = std::make_shared<recording_client>(ioc.get_executor());
  room->hello(watcher, std::make_shared<app::identity>(), "h1", "hf", 0);
  const auto hello = watcher->wait_for("id", "h1");
  CHECK(hello["result"]["serverTime"] == t0 + 59'000);
  CHECK(watcher->wait_for("type", "snapshot")["agenda"]["current"] == 0);
  // The room arms its timer for the second that is left, then the second passes.
  room->start();
  std::promise<void> armed;
  room->flush([&] { armed.set_value(); });
  armed.get_future().wait();
  clock.advance(1'000);

  const auto advanced = watcher->wait_for("kind", "agenda_changed");
  CHECK(advanced["agenda"]["current"] == 1);
  CHECK(advanced["agenda"]["running"] == true);
  // The vote started when the room's clock said the idea phase was over.
  CHECK(advanced["agenda"]["endsAt"] == t0 + 60'000 + 600'000);

  writer.stop();
  ioc.stop();
  io.join();
  // Committed like any change, by the server itself (actor 0), at the room's time.
  storage::statement q(store.db(),
                       "SELECT kind, actor_id, at FROM changes ORDER BY seq DESC LIMIT 1");
  REQUIRE(q.step());
  CHECK(q.column_text(0) == "agenda_changed");
  CHECK(q.column_int(1) == 0);
  CHECK(q.column_int(2) == t0 + 60'000);
  CHECK(store.load_event(1).timer.current == 1);
}

TEST_CASE("a connection with too many commands waiting is told to slow down; others are not") {
  temp_db t;
  std::unique_ptr<storage::store> owned;
  storage::store& store = event_store(t, owned);
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread io([&] { ioc.run(); });
  storage::writer writer(store);
  app::room_options options;
  options.max_queued_per_connection = 8;
  auto room = std::make_shared<app::event_room>(ioc, writer, store.load_event(1), options);
  auto flooder = std::make_shared<recording_client>(ioc.get_executor());
  auto other = std::make_shared<recording_client>(ioc.get_executor());

  // The writer is held up, so the room's first batch stays in flight and the rest queue.
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  writer.submit(
      [&](storage::store&) {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
      },
      [](std::exception_ptr) {});
  auto post = [&](const std::shared_ptr<recording_client>& c, const std::string& id) {
    room->submit(c, 1, id, protocol::post_idea_cmd{1, "idea " + id, false});
  };
  post(flooder, "f0");  // taken into the batch in flight
  // Wait until f0 is in flight, then 20 more: 8 wait, 12 are refused at once.
  std::promise<void> flushed;
  room->flush([&] { flushed.set_value(); });
  flushed.get_future().wait();
  for (int i = 1; i <= 20; ++i) post(flooder, "f" + std::to_string(i));
  post(other, "o1");
  for (int i = 9; i <= 20; ++i) {
    const auto refused = flooder->wait_for("id", "f" + std::to_string(i));
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "rate_limited");
  }
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  CHECK(other->wait_for("id", "o1")["type"] == "ack");
  for (int i = 0; i <= 8; ++i)
    CHECK(flooder->wait_for("id", "f" + std::to_string(i))["type"] == "ack");
  // A refused command is not remembered: sent again later, it is applied.
  post(flooder, "f20");
  std::size_t acks = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (acks == 0 && std::chrono::steady_clock::now() < deadline) {
    for (const auto& msg : flooder->all()) {
      if (msg.value("id", "") == "f20" && msg.value("type", "") == "ack") ++acks;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(acks == 1);

  writer.stop();
  ioc.stop();
  io.join();
  CHECK(store.load_event(1).ideas.size() == 11);  // f0..f8, o1, f20
}

TEST_CASE("read_committed waits while a batch is being written, then reads what was committed") {
  temp_db t;
  std::unique_ptr<storage::store> owned;
  storage::store& store = event_store(t, owned);
  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread io([&] { ioc.run(); });
  storage::writer writer(store);
  auto room =
      std::make_shared<app::event_room>(ioc, writer, store.load_event(1), app::room_options{});
  auto author = std::make_shared<recording_client>(ioc.get_executor());

  // Nothing in flight: answered at once.
  std::promise<std::size_t> before;
  room->read_committed([&](const domain::event_state& s) { before.set_value(s.ideas().size()); });
  CHECK(before.get_future().get() == 0);

  // The writer is held up, so the room's batch with the idea stays in flight.
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  writer.submit(
      [&](storage::store&) {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
      },
      [](std::exception_ptr) {});
  room->submit(author, 1, "p1", protocol::post_idea_cmd{1, "held", false});
  std::promise<void> applied;
  room->flush([&] { applied.set_value(); });
  applied.get_future().wait();

  std::promise<std::size_t> after;
  auto read = after.get_future();
  room->read_committed([&](const domain::event_state& s) { after.set_value(s.ideas().size()); });
  CHECK(read.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  CHECK(read.get() == 1);
  CHECK(author->wait_for("id", "p1")["type"] == "ack");

  writer.stop();
  ioc.stop();
  io.join();
}
