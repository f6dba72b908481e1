// Tests of the /proc parsing used to sample the server's CPU time and memory.
#include <unistd.h>
#include <catch2/catch.hpp>

#include "proc.hpp"

using namespace rt::bench;

TEST_CASE("utime + stime from /proc/PID/stat, with spaces and parentheses in the name") {
  const std::string stat =
      "4242 (road (table) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 150 25 0 0 20 0 3 0 "
      "100 200000 3000 18446744073709551615";
  CHECK(parse_stat_cpu_ticks(stat) == 175u);
  CHECK_FALSE(parse_stat_cpu_ticks("garbage").has_value());
  CHECK_FALSE(parse_stat_cpu_ticks("1 (x) S 1 2").has_value());
}

TEST_CASE("kB fields from /proc/PID/status") {
  const std::string status =
      "Name:\troundtable\nVmPeak:\t  300000 kB\nVmHWM:\t   20480 kB\nVmRSS:\t   12345 kB\n";
  CHECK(parse_status_kb(status, "VmRSS") == 12345u);
  CHECK(parse_status_kb(status, "VmHWM") == 20480u);
  CHECK_FALSE(parse_status_kb(status, "VmSwap").has_value());
  CHECK_FALSE(parse_status_kb(status, "Vm").has_value());  // a prefix is not a field
}

TEST_CASE("this process can be sampled") {
  const auto s = sample_process(getpid());
  CHECK(s.ok);
  CHECK(s.rss_kb > 0);
  CHECK(s.hwm_kb >= s.rss_kb);
  CHECK_FALSE(sample_process(-5).ok);
}
