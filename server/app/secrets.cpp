// secrets.cpp: randomness from getrandom(2) and SHA-256 from OpenSSL.
#include "secrets.hpp"

#include <openssl/evp.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace rt::app {
namespace {

void fill_random(void* buf, std::size_t n) {
  auto* p = static_cast<unsigned char*>(buf);
  while (n > 0) {
    const ssize_t got = getrandom(p, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    p += got;
    n -= static_cast<std::size_t>(got);
  }
}

std::string to_hex(const unsigned char* p, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 0xF]);
  }
  return out;
}

}  // namespace

std::string random_secret() {
  std::array<unsigned char, 16> bytes{};
  fill_random(bytes.data(), bytes.size());
  return to_hex(bytes.data(), bytes.size());
}

std::uint32_t random_below(std::uint32_t n) {
  // Rejection sampling: no modulo bias.
  const std::uint32_t limit = UINT32_MAX - UINT32_MAX % n;
  for (;;) {
    std::uint32_t x;
    fill_random(&x, sizeof x);
    if (x < limit) return x % n;
  }
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(text.data(), text.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return to_hex(md.data(), len);
}

std::optional<token_parts> split_token(std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= token.size()) return std::nullopt;
  return token_parts{std::string(token.substr(0, dot)), std::string(token.substr(dot + 1))};
}

}  // namespace rt::app
