// Tests of the agenda and the timer arithmetic: pause, resume, extend, skip, go back, and a
// server restart in the middle of a phase.
#include "catch.hpp"

#include "domain/agenda.hpp"

using namespace rt::domain;

namespace {
constexpr millis min = 60'000;
}

TEST_CASE("the default agenda runs the whole day") {
  const auto a = default_agenda();
  REQUIRE(a.size() == 8);
  CHECK(a.front().kind == phase_kind::welcome);
  CHECK(a[1].kind == phase_kind::ideation);
  CHECK(a.back().kind == phase_kind::closed);
  CHECK(a.back().planned == 0);
}

TEST_CASE("agendas are checked") {
  CHECK(make_agenda({{"ideation", "Ideas", 45}}));
  CHECK(make_agenda({}).err().code == errc::bad_value);
  CHECK(make_agenda({{"party", "Ideas", 45}}).err().code == errc::bad_value);
  CHECK(make_agenda({{"ideation", "", 45}}).err().code == errc::bad_text);
  CHECK(make_agenda({{"ideation", "Ideas", 0}}).err().code == errc::bad_value);
  CHECK(make_agenda({{"ideation", "Ideas", -5}}).err().code == errc::bad_value);
  CHECK(make_agenda({{"ideation", "Ideas", 601}}).err().code == errc::bad_value);
  CHECK(make_agenda({{"closed", "The end", 0}}));
  std::vector<phase_draft> many(31, {"ideation", "x", 5});
  CHECK(make_agenda(many).err().code == errc::bad_value);
  CHECK(make_agenda({{"voting", "Vote", 15}})->front().planned == 15 * min);
}

TEST_CASE("the timer counts down, pauses, resumes and extends") {
  const auto a = default_agenda();  // ideation: 45 minutes
  timer_state t;
  CHECK_FALSE(remaining(a, t, 0));
  CHECK(current_kind(a, t) == phase_kind::welcome);

  t = go_to_phase(a, t, 1, 1000).value();
  CHECK(current_kind(a, t) == phase_kind::ideation);
  CHECK(remaining(a, t, 1000) == 45 * min);
  CHECK(remaining(a, t, 1000 + 10 * min) == 35 * min);

  t = pause_timer(t, 1000 + 10 * min).value();
  CHECK(remaining(a, t, 1000 + 30 * min) == 35 * min);  // paused: time stands still
  CHECK(pause_timer(t, 0).err().code == errc::bad_value);

  t = resume_timer(t, 1000 + 30 * min).value();
  CHECK(remaining(a, t, 1000 + 40 * min) == 25 * min);
  CHECK(resume_timer(t, 0).err().code == errc::bad_value);

  t = extend_timer(t, 5).value();
  t = extend_timer(t, 1).value();
  CHECK(remaining(a, t, 1000 + 40 * min) == 31 * min);
  CHECK(extend_timer(t, 0).err().code == errc::bad_value);
  CHECK(extend_timer(t, 61).err().code == errc::bad_value);
  CHECK(extend_timer(t, -1).err().code == errc::bad_value);

  CHECK(remaining(a, t, 1000 + 80 * min) == -9 * min);  // over time
}

TEST_CASE("skipping and going back start the phase afresh") {
  const auto a = default_agenda();
  auto t = go_to_phase(a, timer_state{}, 1, 0).value();
  t = extend_timer(t, 5).value();
  t = go_to_phase(a, t, 2, 10 * min).value();  // skip ahead
  CHECK(current_kind(a, t) == phase_kind::clustering);
  CHECK(remaining(a, t, 10 * min) == 20 * min);
  t = go_to_phase(a, t, 1, 11 * min).value();  // go back
  CHECK(remaining(a, t, 11 * min) == 45 * min);
  CHECK(go_to_phase(a, t, 8, 0).err().code == errc::bad_value);
  CHECK(go_to_phase(a, t, -1, 0).err().code == errc::bad_value);
  t = go_to_phase(a, t, 7, 0).value();  // closed: no timer
  CHECK_FALSE(t.running);
  CHECK_FALSE(remaining(a, t, 5 * min));
}

TEST_CASE("a restart mid-phase shows the same remaining time") {
  const auto a = default_agenda();
  auto t = go_to_phase(a, timer_state{}, 1, 5000).value();
  t = pause_timer(t, 5000 + 3 * min).value();
  t = resume_timer(t, 5000 + 4 * min).value();
  // What is stored is the state itself; a server that reloads it computes the same figure.
  const timer_state reloaded = t;
  CHECK(remaining(a, reloaded, 5000 + 14 * min) == remaining(a, t, 5000 + 14 * min));
  CHECK(remaining(a, reloaded, 5000 + 14 * min) == 32 * min);
}

TEST_CASE("auto-advance is due only when on, running, over time and not last") {
  const auto a = default_agenda();
  auto t = go_to_phase(a, timer_state{}, 1, 0).value();
  CHECK_FALSE(due_to_advance(a, t, 46 * min));  // off
  t.auto_advance = true;
  CHECK_FALSE(due_to_advance(a, t, 44 * min));
  CHECK(due_to_advance(a, t, 45 * min));
  t = pause_timer(t, 45 * min).value();
  CHECK_FALSE(due_to_advance(a, t, 50 * min));  // paused
  t = go_to_phase(a, t, 6, 0).value();
  t.auto_advance = true;
  CHECK(due_to_advance(a, t, 21 * min));  // final selection -> closed
  t = go_to_phase(a, t, 7, 0).value();
  CHECK_FALSE(due_to_advance(a, t, 100 * min));  // closed is last
}

TEST_CASE("undo goes back to the phase the last change left, as it was") {
  const auto a = default_agenda();
  CHECK(undo_phase_change(a, timer_state{}, 0).err().code == errc::bad_value);
  auto t = go_to_phase(a, timer_state{}, 1, 0).value();  // ideation, 45 min
  REQUIRE(t.undo);
  CHECK(t.undo->index == -1);
  t = extend_timer(t, 5).value();
  t = go_to_phase(a, t, 3, 10 * min).value();  // a misclick, 10 minutes in
  CHECK(t.undo->index == 1);
  CHECK(t.undo->elapsed == 10 * min);
  auto back = undo_phase_change(a, t, 12 * min).value();
  CHECK(back.current == 1);
  CHECK(back.extra == 5 * min);
  CHECK(back.running);
  CHECK(remaining(a, back, 12 * min) ==
        40 * min);  // 45 + 5 - 10: the two minutes away are not lost
  CHECK_FALSE(back.undo);
  CHECK(undo_phase_change(a, back, 12 * min).err().code == errc::bad_value);

  // A paused phase comes back paused.
  t = pause_timer(back, 13 * min).value();
  t = go_to_phase(a, t, 2, 14 * min).value();
  back = undo_phase_change(a, t, 20 * min).value();
  CHECK_FALSE(back.running);
  CHECK(remaining(a, back, 30 * min) == 39 * min);
}

TEST_CASE("undo into a phase whose time is up turns auto-advance off") {
  const auto a = default_agenda();
  auto t = go_to_phase(a, timer_state{}, 1, 0).value();
  t.auto_advance = true;
  t = go_to_phase(a, t, 2, 50 * min).value();  // auto-advance after 45 minutes (and a bit)
  const auto back = undo_phase_change(a, t, 51 * min).value();
  CHECK(back.current == 1);
  CHECK_FALSE(back.auto_advance);
  CHECK_FALSE(due_to_advance(a, back, 51 * min));
}
