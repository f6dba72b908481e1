// report_plan.cpp: the rules of the final selection: the report's texts, its chapters and
// the proposals chosen for them, pre-filling from the final round, and publishing.
#include <algorithm>
#include <set>

#include "event_state.hpp"

namespace rt::domain {

result<change> event_state::set_report_texts(id_type actor, const report_plan& texts, millis now) {
  auto who = facilitator(actor, "writes the report");
  if (!who) return who.err();
  auto title = clean_text(texts.title, report_title_rule);
  if (!title) return title.err();
  auto subtitle = clean_text(texts.subtitle, subtitle_rule);
  if (!subtitle) return subtitle.err();
  auto date = clean_text(texts.date, date_rule);
  if (!date) return date.err();
  auto foreword = clean_text(texts.foreword, report_text_rule);
  if (!foreword) return foreword.err();
  auto method = clean_text(texts.method, report_text_rule);
  if (!method) return method.err();
  report_plan next = report_;
  next.title = std::move(title.value());
  next.subtitle = std::move(subtitle.value());
  next.date = std::move(date.value());
  next.foreword = std::move(foreword.value());
  next.method = std::move(method.value());
  report_ = next;
  return next_change(actor, now, report_changed{std::move(next), false});
}

result<change> event_state::set_chapters(id_type actor, const std::vector<report_chapter>& chapters,
                                         std::optional<id_type> round, millis now) {
  auto who = facilitator(actor, "builds the report");
  if (!who) return who.err();
  if (chapters.size() > max_chapters) {
    return make_error(errc::bad_value,
                      "A report has at most " + std::to_string(max_chapters) + " chapters.");
  }
  if (round) {
    const auto r = rounds_.find(*round);
    if (r == rounds_.end() || r->second.kind != item_kind::proposal) {
      return make_error(errc::bad_value,
                        "The report's results come from a vote round over proposals.");
    }
  }
  std::set<id_type> chosen;
  std::vector<report_chapter> clean;
  for (const auto& c : chapters) {
    auto title = clean_text(c.title, chapter_title_rule);
    if (!title) return title.err();
    auto intro = clean_text(c.intro, chapter_intro_rule);
    if (!intro) return intro.err();
    for (const id_type p : c.proposals) {
      if (find_proposal(p) == nullptr) {
        return make_error(errc::bad_value, "There is no proposal " + std::to_string(p) + ".");
      }
      if (!chosen.insert(p).second) {
        return make_error(errc::bad_value, "Proposal " + std::to_string(p) + " is chosen twice.");
      }
    }
    clean.push_back({std::move(title.value()), std::move(intro.value()), c.proposals});
  }
  if (chosen.size() > max_report_proposals) {
    return make_error(errc::bad_value, "A report holds at most " +
                                           std::to_string(max_report_proposals) + " proposals.");
  }
  report_plan next = report_;
  next.chapters = std::move(clean);
  next.round = round;
  report_ = next;
  return next_change(actor, now, report_changed{std::move(next), false});
}

result<change> event_state::prefill_report(id_type actor, id_type round, int top, millis now) {
  auto who = facilitator(actor, "builds the report");
  if (!who) return who.err();
  const auto r = rounds_.find(round);
  if (r == rounds_.end()) return make_error(errc::not_found, "There is no such vote round.");
  if (r->second.kind != item_kind::proposal) {
    return make_error(errc::bad_value, "Pre-fill the report from a vote round over proposals.");
  }
  if (top < 1 || static_cast<std::size_t>(top) > max_report_proposals) {
    return make_error(errc::bad_value,
                      "Choose 1 to " + std::to_string(max_report_proposals) + " proposals.");
  }
  // results() is ranked (ties share a rank, in the round's order).
  std::vector<id_type> best;
  for (const auto& res : results(round)) {
    if (static_cast<int>(best.size()) == top) break;
    if (find_proposal(res.item) != nullptr) best.push_back(res.item);
  }
  std::vector<report_chapter> chapters;
  for (const auto& t : info_.tracks) {
    report_chapter c{t.name, "", {}};
    for (const id_type p : best) {
      if (find_proposal(p)->track == t.id) c.proposals.push_back(p);
    }
    if (!c.proposals.empty()) chapters.push_back(std::move(c));
  }
  return set_chapters(actor, chapters, round, now);
}

result<change> event_state::publish_report(id_type actor, bool published, millis now) {
  auto who = facilitator(actor, "publishes the report");
  if (!who) return who.err();
  if (report_.published == published) {
    return make_error(errc::bad_value, published ? "The report is published already."
                                                 : "The report is not published.");
  }
  report_.published = published;
  report_.credits_changed_at.reset();  // a new publication: nothing changed since
  return next_change(actor, now, report_changed{report_, true});
}

}  // namespace rt::domain
