// report.cpp: parsing and applying the final selection's commands.
#include "protocol/commands/report.hpp"

namespace rt::protocol {

domain::result<set_report_cmd> set_report_cmd::parse(const fields& f) {
  set_report_cmd c;
  RT_TRY(title, f.str("title"));
  RT_TRY(subtitle, f.opt_str("subtitle"));
  RT_TRY(date, f.opt_str("date"));
  RT_TRY(foreword, f.opt_str("foreword"));
  RT_TRY(method, f.opt_str("method"));
  c.texts.title = title;
  c.texts.subtitle = subtitle;
  c.texts.date = date;
  c.texts.foreword = foreword;
  c.texts.method = method;
  return c;
}
domain::result<outcome> set_report_cmd::apply(const context& x) const {
  return plain(x.state.set_report_texts(x.actor, texts, x.now));
}

domain::result<set_chapters_cmd> set_chapters_cmd::parse(const fields& f) {
  set_chapters_cmd c;
  const auto it = f.j.find("chapters");
  if (it == f.j.end() || !it->is_array()) return f.missing("chapters", "an array");
  if (it->size() > domain::max_chapters) {
    return domain::make_error(
        domain::errc::bad_value,
        "A report has at most " + std::to_string(domain::max_chapters) + " chapters.");
  }
  for (const auto& ch : *it) {
    if (!ch.is_object()) return f.missing("chapters", "an array of {title, intro, proposals}");
    const fields cf{ch};
    RT_TRY(title, cf.str("title"));
    RT_TRY(intro, cf.opt_str("intro"));
    RT_TRY(proposals, cf.ids("proposals"));
    c.chapters.push_back({title, intro, proposals});
  }
  RT_TRY(round, f.opt_id("round"));
  c.round = round;
  return c;
}
domain::result<outcome> set_chapters_cmd::apply(const context& x) const {
  return plain(x.state.set_chapters(x.actor, chapters, round, x.now));
}

domain::result<prefill_report_cmd> prefill_report_cmd::parse(const fields& f) {
  RT_TRY(round, f.integer("round", 1));
  RT_TRY(top, f.integer("top", 1));
  if (static_cast<std::size_t>(top) > domain::max_report_proposals) {
    return domain::make_error(
        domain::errc::bad_value,
        "Choose 1 to " + std::to_string(domain::max_report_proposals) + " proposals.");
  }
  return prefill_report_cmd{round, static_cast<int>(top)};
}
domain::result<outcome> prefill_report_cmd::apply(const context& x) const {
  return plain(x.state.prefill_report(x.actor, round, top, x.now));
}

domain::result<publish_report_cmd> publish_report_cmd::parse(const fields& f) {
  RT_TRY(published, f.boolean("published"));
  return publish_report_cmd{published};
}
domain::result<outcome> publish_report_cmd::apply(const context& x) const {
  return plain(x.state.publish_report(x.actor, published, x.now));
}

}  // namespace rt::protocol
