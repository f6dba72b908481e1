// Tests of join codes: alphabet without look-alikes, normalisation of typed codes.
#include "catch.hpp"

#include "domain/join_code.hpp"

using namespace rt::domain;

TEST_CASE("a join code has six characters of the alphabet without look-alikes") {
  std::uint32_t n = 0;
  const auto code = make_join_code([&](std::uint32_t bound) { return (n++ * 7) % bound; });
  REQUIRE(code.size() == 6);
  for (char c : code) CHECK(join_code_alphabet.find(c) != std::string_view::npos);
  for (char c : std::string_view("01ILO"))
    CHECK(join_code_alphabet.find(c) == std::string_view::npos);
}

TEST_CASE("typed codes are normalised") {
  CHECK(normalize_join_code("k7qx2m") == std::optional<std::string>("K7QX2M"));
  CHECK(normalize_join_code(" K7Q-X2M ") == std::optional<std::string>("K7QX2M"));
  CHECK_FALSE(normalize_join_code("K7QX2"));
  CHECK_FALSE(normalize_join_code("K7QX2MM"));
  CHECK_FALSE(normalize_join_code("K7QX0M"));  // 0 is not in the alphabet
  CHECK_FALSE(normalize_join_code(""));
}
