// proc.cpp: /proc parsing, rusage, rlimits and child processes (POSIX).
#include "proc.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace rt::bench {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::uint64_t> number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p == s.data()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::uint64_t> parse_stat_cpu_ticks(std::string_view stat) {
  // "pid (comm) state ppid ..." where comm may contain spaces and parentheses: fields are
  // counted after the LAST ')'. utime and stime are fields 14 and 15 (1-based), i.e. the
  // 12th and 13th after the state field.
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = stat.substr(close + 1);
  std::vector<std::string_view> fields;
  while (!rest.empty() && fields.size() < 14) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    const auto sp = rest.find(' ');
    fields.push_back(rest.substr(0, sp));
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp);
  }
  // fields[0] is the state (field 3); utime is field 14 -> fields[11], stime -> fields[12].
  if (fields.size() < 13) return std::nullopt;
  const auto u = number(fields[11]);
  const auto s = number(fields[12]);
  if (!u || !s) return std::nullopt;
  return *u + *s;
}

std::optional<std::uint64_t> parse_status_kb(std::string_view status, std::string_view field) {
  std::size_t pos = 0;
  while (pos < status.size()) {
    auto nl = status.find('\n', pos);
    if (nl == std::string_view::npos) nl = status.size();
    const auto line = status.substr(pos, nl - pos);
    if (line.size() > field.size() && line.starts_with(field) && line[field.size()] == ':') {
      auto value = line.substr(field.size() + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
      }
      return number(value);
    }
    pos = nl + 1;
  }
  return std::nullopt;
}

proc_sample sample_process(pid_t pid) {
  proc_sample s;
  const std::string base = "/proc/" + std::to_string(pid);
  const auto stat = read_file(base + "/stat");
  const auto status = read_file(base + "/status");
  const auto ticks = parse_stat_cpu_ticks(stat);
  const auto rss = parse_status_kb(status, "VmRSS");
  if (!ticks || !rss) return s;
  s.ok = true;
  s.cpu_s = static_cast<double>(*ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
  s.rss_kb = *rss;
  s.hwm_kb = parse_status_kb(status, "VmHWM").value_or(0);
  return s;
}

double self_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

std::uint64_t raise_file_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
  if (r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
  }
  return r.rlim_cur;
}

child_process::~child_process() {
  if (running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
}

bool child_process::start(const std::vector<std::string>& argv, const std::string& stderr_path) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return false;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    pid_ = -1;
    error_ = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  out_fd_ = fds[0];
  return true;
}

std::optional<std::string> child_process::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || out_fd_ < 0) return std::nullopt;
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const auto n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

int child_process::stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (exited_) return status_;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (;;) {
    int st = 0;
    const pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      status_ = st;
      return st;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &st, 0);
      exited_ = true;
      status_ = st;
      return st;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

process_monitor::process_monitor(pid_t pid, std::chrono::milliseconds interval)
    : pid_(pid), interval_(interval), thread_([this] { loop(); }) {}

process_monitor::~process_monitor() {
  stop_.store(true);
  thread_.join();
}

void process_monitor::loop() {
  while (!stop_.load()) {
    const auto s = sample_process(pid_);
    if (s.ok) {
      auto peak = peak_kb_.load();
      while (s.rss_kb > peak && !peak_kb_.compare_exchange_weak(peak, s.rss_kb)) {
      }
    }
    std::this_thread::sleep_for(interval_);
  }
}

}  // namespace rt::bench
