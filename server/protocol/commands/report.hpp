// report.hpp: the commands of the final selection: the report's texts, its chapters, a
// pre-fill from a round's results, and publishing.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct set_report_cmd {
  static constexpr std::string_view name = "set_report";
  domain::report_plan texts;  // title, subtitle, date, foreword, method
  static domain::result<set_report_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_chapters_cmd {
  static constexpr std::string_view name = "set_chapters";
  std::vector<domain::report_chapter> chapters;
  std::optional<id_type> round;
  static domain::result<set_chapters_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct prefill_report_cmd {
  static constexpr std::string_view name = "prefill_report";
  id_type round = 0;
  int top = 20;
  static domain::result<prefill_report_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct publish_report_cmd {
  static constexpr std::string_view name = "publish_report";
  bool published = true;
  static domain::result<publish_report_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
