// loading.cpp: rebuilding an event's state from its loaded rows.
#include "app/loading.hpp"

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"

namespace rt::app {

namespace {

// Stored updates come ordered by proposal, section and version; each section is the empty
// text with its updates applied.
void restore_sections(domain::event_state& state, std::vector<storage::stored_update> updates) {
  std::size_t i = 0;
  while (i < updates.size()) {
    const auto proposal = updates[i].proposal;
    const auto section = updates[i].section;
    const auto where =
        "section " + std::to_string(section) + " of proposal " + std::to_string(proposal);
    std::vector<domain::accepted_update> list;
    for (; i < updates.size() && updates[i].proposal == proposal && updates[i].section == section;
         ++i) {
      auto changes =
          protocol::parse_changes(nlohmann::json::parse(updates[i].changes, nullptr, false));
      if (!changes) {
        throw storage::storage_error(where + " has an unreadable update " +
                                     std::to_string(updates[i].version));
      }
      list.push_back(domain::accepted_update{std::move(updates[i].client_id),
                                             std::move(changes.value()), updates[i].member,
                                             updates[i].at, updates[i].continues});
    }
    auto doc = domain::section_doc::replay(std::move(list));
    if (!doc) throw storage::storage_error(where + ": " + doc.err().message);
    state.restore_section(proposal, section, std::move(doc.value()));
  }
}

}  // namespace

domain::event_state load_state(storage::loaded_event loaded) {
  domain::event_state state(loaded.info);
  for (auto& m : loaded.members) state.restore(std::move(m));
  for (auto& i : loaded.ideas) state.restore(std::move(i));
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
  return state;
}

}  // namespace rt::app
