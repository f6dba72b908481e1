// proc.hpp: what the load generator asks the operating system: CPU time and memory of a
// process (from /proc), its own CPU time (getrusage), the descriptor limit, and starting and
// stopping a server as a child process.
//
// Thread-safety: the free functions may be called from any thread. A child_process belongs
// to one thread. A process_monitor samples on its own thread; its accessors are thread-safe.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace rt::bench {

// utime + stime, in clock ticks, from the text of /proc/PID/stat.
std::optional<std::uint64_t> parse_stat_cpu_ticks(std::string_view stat);
// A "Field:   123 kB" line of /proc/PID/status, in kB.
std::optional<std::uint64_t> parse_status_kb(std::string_view status, std::string_view field);

struct proc_sample {
  bool ok = false;  // false when the process is gone
  double cpu_s = 0;
  std::uint64_t rss_kb = 0;
  std::uint64_t hwm_kb = 0;  // peak RSS since start
};
proc_sample sample_process(pid_t pid);

// CPU seconds (user + system) of this process so far.
double self_cpu_seconds();

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the new soft limit.
std::uint64_t raise_file_limit();

// A child process with its stdout on a pipe and its stderr in a file. Not copyable. The
// destructor kills a child that is still running.
class child_process {
 public:
  child_process() = default;
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  // Starts argv[0] (a path) with these arguments. Returns false (and error()) on failure.
  bool start(const std::vector<std::string>& argv, const std::string& stderr_path);
  // The next line of the child's stdout, waiting at most `timeout`; nullopt on timeout/EOF.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // SIGTERM, then waits up to `grace` for the exit (then SIGKILL). Returns the exit status
  // as from waitpid, or -1. Idempotent.
  int stop(std::chrono::milliseconds grace);
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0 && !exited_; }
  const std::string& error() const { return error_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  bool exited_ = false;
  int status_ = -1;
  std::string pending_;  // stdout read but not yet returned as a line
  std::string error_;
};

// Samples a process's RSS every `interval` on its own thread and keeps the peak since the
// last reset_peak().
class process_monitor {
 public:
  process_monitor(pid_t pid, std::chrono::milliseconds interval);
  ~process_monitor();  // stops the thread
  process_monitor(const process_monitor&) = delete;
  process_monitor& operator=(const process_monitor&) = delete;

  std::uint64_t peak_rss_kb() const { return peak_kb_.load(); }
  void reset_peak() { peak_kb_.store(0); }

 private:
  void loop();
  const pid_t pid_;
  const std::chrono::milliseconds interval_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> peak_kb_{0};
  std::thread thread_;
};

}  // namespace rt::bench
