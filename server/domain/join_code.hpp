// join_code.hpp: the short code people type to join an event.
//
// Six characters from an alphabet without look-alikes (no 0/O, 1/I/L). Pure: randomness is
// supplied by the caller. Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace rt::domain {

inline constexpr std::string_view join_code_alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t join_code_length = 6;

// A new code; `random_below(n)` must return a uniform integer in [0, n).
std::string make_join_code(const std::function<std::uint32_t(std::uint32_t)>& random_below);

// The canonical form of a typed code (upper case, spaces and dashes removed), or nothing when
// it cannot be a join code.
std::optional<std::string> normalize_join_code(std::string_view typed);

}  // namespace rt::domain
