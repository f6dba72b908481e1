// metrics_access.cpp: the access rule of metrics_access.hpp.
#include "net/metrics_access.hpp"

#include <boost/asio/ip/address.hpp>
#include <string>

namespace rt::net {

bool is_loopback_address(std::string_view address) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(std::string(address), ec);
  if (ec) return false;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).is_loopback();
  }
  return a.is_loopback();
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  // Every byte of b is looked at whatever a holds; the lengths are compared at the end.
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ static_cast<unsigned char>(b[i]));
  }
  return diff == 0;
}

bool may_read_metrics(const metrics_request& r, std::string_view token) {
  if (!r.forwarded && is_loopback_address(r.peer_address)) return true;
  if (token.empty()) return false;
  constexpr std::string_view bearer = "Bearer ";
  if (!r.authorization.starts_with(bearer)) return false;
  return equal_in_constant_time(r.authorization.substr(bearer.size()), token);
}

}  // namespace rt::net
