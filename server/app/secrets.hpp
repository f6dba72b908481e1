// secrets.hpp: secrets from the OS random source, and their hashes.
//
// Secrets (admin, member tokens) are 128 random bits as 32 hex digits; only their SHA-256
// is stored. A member's token is "CODE.secret", so the server finds the event by its code
// and the member by the hash. Thread-safety: all functions may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rt::app {

// 32 hex digits from getrandom(2). Throws std::system_error if the OS has no randomness.
std::string random_secret();
// A uniform integer in [0, n), n > 0, from the OS random source.
std::uint32_t random_below(std::uint32_t n);
// Hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

struct token_parts {
  std::string code;
  std::string secret;
};
// Splits "CODE.secret"; nothing when it has not that shape.
std::optional<token_parts> split_token(std::string_view token);

}  // namespace rt::app
