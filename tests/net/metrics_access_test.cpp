// Tests of who may read /metrics: this machine (loopback, not through a proxy), or the holder
// of the token; the token is compared whole.
#include "catch.hpp"

#include "net/metrics_access.hpp"

using namespace rt::net;

TEST_CASE("loopback addresses, also mapped into IPv6") {
  CHECK(is_loopback_address("127.0.0.1"));
  CHECK(is_loopback_address("127.8.9.10"));
  CHECK(is_loopback_address("::1"));
  CHECK(is_loopback_address("::ffff:127.0.0.1"));
  CHECK_FALSE(is_loopback_address("192.0.2.2"));
  CHECK_FALSE(is_loopback_address("::ffff:192.0.2.2"));
  CHECK_FALSE(is_loopback_address("fd00::2"));
  CHECK_FALSE(is_loopback_address("0.0.0.0"));
  CHECK_FALSE(is_loopback_address("?"));
  CHECK_FALSE(is_loopback_address(""));
  CHECK_FALSE(is_loopback_address("localhost"));
}

TEST_CASE("the constant-time comparison compares whole strings") {
  CHECK(equal_in_constant_time("s3cret-token-123", "s3cret-token-123"));
  CHECK_FALSE(equal_in_constant_time("s3cret-token-12", "s3cret-token-123"));
  CHECK_FALSE(equal_in_constant_time("s3cret-token-1234", "s3cret-token-123"));
  CHECK_FALSE(equal_in_constant_time("S3cret-token-123", "s3cret-token-123"));
  CHECK_FALSE(equal_in_constant_time("", "s3cret-token-123"));
  CHECK(equal_in_constant_time("", ""));
  // A prefix of the secret padded with NULs is not the secret.
  CHECK_FALSE(equal_in_constant_time(std::string_view("ab\0", 3), "ab"));
}

TEST_CASE("this machine may read the metrics, unless the request came through a proxy") {
  CHECK(may_read_metrics({"127.0.0.1", "", false}, ""));
  CHECK(may_read_metrics({"::1", "", false}, ""));
  CHECK_FALSE(may_read_metrics({"127.0.0.1", "", true}, ""));
  CHECK_FALSE(may_read_metrics({"192.0.2.2", "", false}, ""));
}

TEST_CASE("with a token, anyone who shows it may") {
  const std::string token = "0123456789abcdef-metrics";
  CHECK(may_read_metrics({"192.0.2.2", "Bearer " + token, false}, token));
  CHECK(may_read_metrics({"127.0.0.1", "Bearer " + token, true}, token));
  CHECK_FALSE(may_read_metrics({"192.0.2.2", "Bearer wrong", false}, token));
  CHECK_FALSE(may_read_metrics({"192.0.2.2", token, false}, token));  // no scheme
  CHECK_FALSE(may_read_metrics({"192.0.2.2", "Basic " + token, false}, token));
  CHECK_FALSE(may_read_metrics({"192.0.2.2", "", false}, token));
  // Without a configured token, no header opens it.
  CHECK_FALSE(may_read_metrics({"192.0.2.2", "Bearer ", false}, ""));
}
