// answer_cache_test.cpp: repeats get the first answer; refusals are forgotten.
#include <string>
#include <vector>

#include "app/answer_cache.hpp"
#include "catch.hpp"

using rt::app::answer_cache;

TEST_CASE("a fresh key goes ahead; repeats wait for its answer, then get the kept one") {
  answer_cache<int, std::string> cache(2);
  std::vector<std::string> got;
  auto record = [&](const std::string& a) { got.push_back(a); };
  CHECK_FALSE(cache.answer_or_wait(7, "c1", record));  // in progress now
  CHECK(cache.known(7, "c1"));
  CHECK(cache.answer_or_wait(7, "c1", record));  // waits
  CHECK(cache.answer_or_wait(7, "c1", record));  // waits too
  CHECK(got.empty());
  cache.settle(7, "c1", "ack c1");
  CHECK(got == std::vector<std::string>{"ack c1", "ack c1"});
  CHECK(cache.answer_or_wait(7, "c1", record));  // answered at once
  CHECK(got.size() == 3);
  CHECK_FALSE(cache.answer_or_wait(8, "c1", record));  // another owner's key is its own
}

TEST_CASE("a refusal reaches those waiting and is then forgotten") {
  answer_cache<int, std::string> cache(2);
  std::vector<std::string> got;
  auto record = [&](const std::string& a) { got.push_back(a); };
  CHECK_FALSE(cache.answer_or_wait(1, "c1", record));
  CHECK(cache.answer_or_wait(1, "c1", record));
  cache.fail(1, "c1", "refused");
  CHECK(got == std::vector<std::string>{"refused"});
  CHECK_FALSE(cache.known(1, "c1"));
  CHECK_FALSE(cache.answer_or_wait(1, "c1", record));  // checked afresh
}

TEST_CASE("each owner keeps its last answers only, and can be forgotten") {
  answer_cache<std::string, int> cache(2);
  int last = 0;
  auto record = [&](const int& a) { last = a; };
  for (int i = 1; i <= 3; ++i) {
    const auto key = "k" + std::to_string(i);
    REQUIRE_FALSE(cache.answer_or_wait("ana", key, record));
    cache.settle("ana", key, i);
  }
  CHECK_FALSE(cache.known("ana", "k1"));  // the oldest is dropped
  CHECK(cache.answer_or_wait("ana", "k3", record));
  CHECK(last == 3);
  cache.forget("ana");
  CHECK_FALSE(cache.known("ana", "k3"));
}
