// loading.cpp: rebuilding an event's state from its loaded rows.
#include "app/loading.hpp"

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"

namespace rt::app {

namespace {

std::string section_name(domain::id_type proposal, int section) {
  return "section " + std::to_string(section) + " of proposal " + std::to_string(proposal);
}

// Stored updates come ordered by proposal, section and version; each section is the empty
// text with its updates applied.
void restore_sections(domain::event_state& state, std::vector<storage::stored_update> updates) {
  std::size_t i = 0;
  while (i < updates.size()) {
    const auto proposal = updates[i].proposal;
    const auto section = updates[i].section;
    std::vector<domain::accepted_update> list;
    for (; i < updates.size() && updates[i].proposal == proposal && updates[i].section == section;
         ++i) {
      list.push_back(parse_stored_update(updates[i]));
    }
    auto doc = domain::section_doc::replay(std::move(list));
    if (!doc)
      throw storage::storage_error(section_name(proposal, section) + ": " + doc.err().message);
    state.restore_section(proposal, section, std::move(doc.value()));
  }
}

}  // namespace

domain::accepted_update parse_stored_update(storage::stored_update& u) {
  auto changes = protocol::parse_changes(nlohmann::json::parse(u.changes, nullptr, false));
  if (!changes) {
    throw storage::storage_error(section_name(u.proposal, u.section) +
                                 " has an unreadable update " + std::to_string(u.version));
  }
  return domain::accepted_update{std::move(u.client_id), std::move(changes.value()), u.member, u.at,
                                 u.continues};
}

domain::event_state load_state(storage::loaded_event loaded) {
  domain::event_state state(loaded.info);
  for (auto& m : loaded.members) state.restore(std::move(m));
  for (auto& i : loaded.ideas) state.restore(std::move(i));
  for (const auto& [a, b] : loaded.dismissed) state.restore_dismissed(a, b);
  state.restore_seq(loaded.seq);
  state.restore_agenda(std::move(loaded.agenda), loaded.timer);
  state.restore_pacing(std::move(loaded.pacing));
  for (auto& a : loaded.announcements) state.restore(std::move(a));
  state.restore_last_announcement_id(loaded.last_announcement_id);
  state.restore_screen(loaded.screen);
  for (auto& c : loaded.clusters) state.restore(std::move(c));
  for (auto& t : loaded.tables) state.restore(std::move(t));
  state.restore_last_ids(loaded.last_cluster_id, loaded.last_table_id);
  for (auto& [round, ballots] : loaded.rounds) state.restore(std::move(round), std::move(ballots));
  // An event created in this process was never loaded: it has the default template.
  if (loaded.template_sections.empty()) loaded.template_sections = domain::default_template();
  state.restore_template(std::move(loaded.template_sections));
  state.restore_frozen(loaded.frozen);
  state.restore_self_join(loaded.self_join);
  state.restore_status(loaded.status);
  for (auto& p : loaded.proposals) state.restore(std::move(p));
  for (auto& c : loaded.comments) state.restore(std::move(c));
  state.restore_report(std::move(loaded.report));
  restore_sections(state, std::move(loaded.section_updates));
  for (auto& s : loaded.sections) state.restore_section(s.proposal, s.section, std::move(s.doc));
  return state;
}

void window_loader::add(storage::loaded_event& e, storage::stored_update&& u) {
  if (open_ && (u.proposal != proposal_ || u.section != section_)) finish(e);
  if (!open_) {
    open_ = true;
    proposal_ = u.proposal;
    section_ = u.section;
    start_text_.clear();
    start_version_ = 0;
    buffer_.clear();
    clients_.clear();
  }
  const std::int64_t expected = start_version_ + static_cast<std::int64_t>(buffer_.size()) + 1;
  if (u.version != expected) {
    throw storage::storage_error(section_name(u.proposal, u.section) + " has update " +
                                 std::to_string(u.version) + " where " + std::to_string(expected) +
                                 " should be");
  }
  buffer_.push_back(parse_stored_update(u));
  clients_.emplace(buffer_.back().client_id, buffer_.back().member);
  if (window_ == 0 || buffer_.size() < 2 * window_) return;
  // Carry the text past the older half: the buffer drops back to the window.
  const std::size_t drop = buffer_.size() - window_;
  for (std::size_t i = 0; i < drop; ++i) {
    const auto& c = buffer_[i].changes;
    if (c.length() != static_cast<std::int64_t>(start_text_.size())) {
      throw storage::storage_error(section_name(proposal_, section_) + ": update " +
                                   std::to_string(start_version_ + 1) +
                                   " does not fit the text before it");
    }
    start_text_ = c.apply(start_text_);
    ++start_version_;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop));
}

void window_loader::done(storage::loaded_event& e) {
  if (open_) finish(e);
}

void window_loader::finish(storage::loaded_event& e) {
  open_ = false;
  auto doc = domain::section_doc::restore(std::move(start_text_), start_version_,
                                          std::move(buffer_), std::move(clients_));
  if (!doc)
    throw storage::storage_error(section_name(proposal_, section_) + ": " + doc.err().message);
  e.sections.push_back({proposal_, section_, std::move(doc.value())});
  start_text_.clear();
  buffer_.clear();
  clients_.clear();
}

}  // namespace rt::app
