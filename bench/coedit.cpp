// coedit.cpp: markers, section messages, keystroke accounting and the end checks of co-edit.
#include "coedit.hpp"

#include "protocol/commands.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "domain/text.hpp"

namespace rt::bench::coedit {

using nlohmann::json;

namespace {

constexpr std::uint32_t first_block = 0xD800 - 0x3400;  // U+3400..U+D7FF

struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// Keeps the largest value seen.
void raise_to(std::atomic<std::int64_t>& a, std::int64_t v) {
  auto cur = a.load(std::memory_order_relaxed);
  while (cur < v && !a.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
  }
}

// Stamps `a` with `v` unless it is stamped already; true when this call stamped it.
bool stamp_once(std::atomic<std::int64_t>& a, std::int64_t v) {
  std::int64_t zero = 0;
  return a.compare_exchange_strong(zero, v, std::memory_order_relaxed);
}

}  // namespace

std::optional<char16_t> marker_char(std::uint32_t id) {
  if (id >= marker_capacity) return std::nullopt;
  if (id < first_block) return static_cast<char16_t>(0x3400 + id);
  return static_cast<char16_t>(0xE000 + (id - first_block));
}

std::optional<std::uint32_t> marker_id(char16_t c) {
  if (c >= 0x3400 && c < 0xD800) return static_cast<std::uint32_t>(c - 0x3400);
  if (c >= 0xE000 && c < 0xF900) return first_block + static_cast<std::uint32_t>(c - 0xE000);
  return std::nullopt;
}

// --- Messages --------------------------------------------------------------------------------

std::optional<std::vector<domain::accepted_update>> updates_from_json(const json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<domain::accepted_update> out;
  out.reserve(j.size());
  for (const auto& u : j) {
    if (!u.is_object()) return std::nullopt;
    const auto id = u.find("clientID");
    const auto ch = u.find("changes");
    if (id == u.end() || !id->is_string() || ch == u.end()) return std::nullopt;
    auto changes = protocol::parse_changes(*ch);
    if (!changes) return std::nullopt;
    domain::accepted_update a;
    a.client_id = id->get<std::string>();
    a.changes = std::move(changes.value());
    if (const auto m = u.find("member"); m != u.end() && m->is_number_integer()) {
      a.member = m->get<std::int64_t>();
    }
    if (const auto c = u.find("continues"); c != u.end() && c->is_boolean()) {
      a.continues = c->get<bool>();
    }
    out.push_back(std::move(a));
  }
  return out;
}

bool is_section_updates_line(std::string_view line) {
  // A JSON string cannot hold an unescaped `"type":"`, so this matches the real key only.
  return line.find(R"("type":"section_updates")") != std::string_view::npos;
}

std::optional<section_updates> parse_section_updates(std::string_view line) {
  if (!is_section_updates_line(line)) return std::nullopt;
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j.value("type", "") != "section_updates") {
    return std::nullopt;
  }
  section_updates m;
  const auto p = j.find("proposal");
  const auto s = j.find("section");
  const auto v = j.find("version");
  const auto u = j.find("updates");
  if (p == j.end() || s == j.end() || v == j.end() || u == j.end() || !p->is_number_integer() ||
      !s->is_number_integer() || !v->is_number_integer()) {
    return std::nullopt;
  }
  m.proposal = p->get<std::int64_t>();
  m.section = s->get<std::int64_t>();
  m.version = v->get<std::int64_t>();
  auto updates = updates_from_json(*u);
  if (!updates) return std::nullopt;
  m.updates = std::move(*updates);
  return m;
}

std::string push_command(std::int64_t proposal, std::int64_t section, std::int64_t version,
                         std::span<const domain::client_update> updates) {
  json list = json::array();
  for (const auto& u : updates) {
    json one{{"clientID", u.client_id}, {"changes", protocol::changes_json(u.changes)}};
    if (u.continues) one["continues"] = true;
    list.push_back(std::move(one));
  }
  return json{{"type", "push"},
              {"proposal", proposal},
              {"section", section},
              {"version", version},
              {"updates", std::move(list)}}
      .dump();
}

std::string open_section_command(std::int64_t proposal, std::int64_t section,
                                 std::optional<std::int64_t> version) {
  return json{{"type", "open_section"},
              {"proposal", proposal},
              {"section", section},
              {"version", version ? json(*version) : json(nullptr)}}
      .dump();
}

// --- Keystroke accounting --------------------------------------------------------------------

keystroke_book::keystroke_book(std::uint32_t editors, std::uint32_t per_editor)
    : editors_(editors), per_editor_(per_editor) {
  if (editors == 0 || static_cast<std::uint64_t>(editors) * per_editor > marker_capacity) {
    throw std::invalid_argument("keystroke_book: " + std::to_string(editors) + " editors x " +
                                std::to_string(per_editor) + " keystrokes do not fit the " +
                                std::to_string(marker_capacity) + " markers");
  }
  entries_ = std::make_unique<keystroke_entry[]>(capacity());
}

const keystroke_entry* keystroke_book::find(std::uint32_t id) const {
  return id < capacity() ? &entries_[id] : nullptr;
}

bool keystroke_book::typed(std::uint32_t id, std::int64_t ns) {
  if (id >= capacity()) return false;
  return stamp_once(entries_[id].typed_ns, ns);
}

bool keystroke_book::pushed(std::uint32_t id, std::int64_t ns) {
  if (id >= capacity()) return false;
  return stamp_once(entries_[id].pushed_ns, ns);
}

bool keystroke_book::confirmed(std::uint32_t id, std::int64_t ns) {
  if (id >= capacity()) return false;
  return stamp_once(entries_[id].confirmed_ns, ns);
}

std::int64_t keystroke_book::applied(std::uint32_t id, std::int64_t ns) {
  if (id >= capacity()) return -1;
  keystroke_entry& e = entries_[id];
  e.applied.fetch_add(1, std::memory_order_relaxed);
  raise_to(e.last_ns, ns);
  const auto pushed = e.pushed_ns.load(std::memory_order_relaxed);
  return pushed > 0 && ns >= pushed ? ns - pushed : -1;
}

std::vector<std::uint8_t> keystroke_book::typed_flags() const {
  std::vector<std::uint8_t> out(capacity(), 0);
  for (std::uint32_t i = 0; i < capacity(); ++i) {
    out[i] = entries_[i].typed_ns.load() != 0 ? 1 : 0;
  }
  return out;
}

book_summary keystroke_book::summarize() const {
  book_summary s;
  const std::uint32_t others = editors_ - 1;
  std::vector<latency_histogram> confirm(editors_);
  s.editors.resize(editors_);
  for (std::uint32_t e = 0; e < editors_; ++e) s.editors[e].editor = e;
  for (std::uint32_t id = 0; id < capacity(); ++id) {
    const keystroke_entry& k = entries_[id];
    const auto typed = k.typed_ns.load();
    if (typed == 0) continue;
    const std::uint32_t e = editor_of(id);
    ++s.typed;
    ++s.editors[e].typed;
    const auto pushed = k.pushed_ns.load();
    if (pushed != 0) ++s.pushed;
    const auto confirmed = k.confirmed_ns.load();
    if (confirmed != 0) {
      ++s.confirmed;
      ++s.editors[e].confirmed;
      const auto us =
          static_cast<std::uint64_t>(std::max<std::int64_t>(0, confirmed - typed) / 1000);
      confirm[e].record(us);
      s.confirmation.record(us);
    }
    const auto applied = k.applied.load();
    if (applied < others) s.missing_applies += others - applied;
    if (applied > others) s.extra_applies += applied - others;
    if (applied >= others && pushed != 0) {
      ++s.fully_visible;
      const auto last = others == 0 ? pushed : k.last_ns.load();
      s.push_to_everyone.record(
          static_cast<std::uint64_t>(std::max<std::int64_t>(0, last - pushed) / 1000));
    }
  }
  bool first = true;
  for (std::uint32_t e = 0; e < editors_; ++e) {
    auto& ed = s.editors[e];
    ed.confirm = rt::bench::summarize(confirm[e]);
    if (ed.typed > 0 && ed.confirmed == ed.typed) ++s.editors_all_confirmed;
    if (first || ed.confirm.p99_ms > s.worst_p99_ms) {
      s.worst_p99_ms = ed.confirm.p99_ms;
      s.worst_editor = e;
      first = false;
    }
    s.worst_max_ms = std::max(s.worst_max_ms, ed.confirm.max_ms);
  }
  return s;
}

// --- End checks ------------------------------------------------------------------------------

marker_check check_markers(std::u16string_view text, const std::vector<std::uint8_t>& typed) {
  marker_check r;
  std::vector<std::uint32_t> seen(typed.size(), 0);
  auto example = [&](std::string what) {
    if (r.examples.size() < 10) r.examples.push_back(std::move(what));
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto id = marker_id(text[i]);
    if (!id || *id >= typed.size() || !typed[*id]) {
      ++r.foreign;
      example("unit U+" +
              [&] {
                char b[8];
                std::snprintf(b, sizeof b, "%04X", static_cast<unsigned>(text[i]));
                return std::string(b);
              }() +
              " at " + std::to_string(i) + " is no typed keystroke");
      continue;
    }
    if (++seen[*id] > 1) {
      ++r.duplicated;
      example("keystroke " + std::to_string(*id) + " appears again at " + std::to_string(i));
    }
  }
  for (std::size_t id = 0; id < typed.size(); ++id) {
    if (!typed[id]) continue;
    ++r.expected;
    if (seen[id] > 0) {
      ++r.found;
    } else {
      ++r.missing;
      example("keystroke " + std::to_string(id) + " is missing");
    }
  }
  return r;
}

std::vector<std::int64_t> marker_positions(std::u16string_view text, std::uint32_t capacity) {
  std::vector<std::int64_t> where(capacity, -1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto id = marker_id(text[i]);
    if (id && *id < capacity && where[*id] < 0) where[*id] = static_cast<std::int64_t>(i);
  }
  return where;
}

run_pieces count_run(std::span<const std::int64_t> positions, std::span<const std::uint32_t> run) {
  run_pieces r;
  std::int64_t previous = -1;
  for (const std::uint32_t id : run) {
    const std::int64_t at = id < positions.size() ? positions[id] : -1;
    if (at < 0) {
      ++r.missing;
      continue;
    }
    if (r.keys == 0 || at != previous + 1) ++r.fragments;
    ++r.keys;
    previous = at;
  }
  return r;
}

fragment_summary count_fragments(std::u16string_view text,
                                 std::span<const std::vector<std::uint32_t>> runs) {
  std::uint32_t capacity = 0;
  for (const auto& run : runs) {
    for (const std::uint32_t id : run) capacity = std::max(capacity, id + 1);
  }
  const auto where = marker_positions(text, capacity);
  fragment_summary s;
  for (const auto& run : runs) {
    const auto p = count_run(where, run);
    s.missing += p.missing;
    if (p.keys == 0) {
      ++s.absent;
      continue;
    }
    ++s.runs;
    s.keys += p.keys;
    s.fragments += p.fragments;
    s.max_fragments = std::max(s.max_fragments, p.fragments);
    if (p.fragments == 1) ++s.whole;
  }
  return s;
}

std::vector<std::pair<std::int64_t, std::uint64_t>> stretches_by_editor(std::u16string_view text,
                                                                        const keystroke_book& book,
                                                                        std::size_t limit) {
  std::vector<std::pair<std::int64_t, std::uint64_t>> out;
  for (const char16_t c : text) {
    const auto id = marker_id(c);
    const std::int64_t e =
        id && *id < book.capacity() ? static_cast<std::int64_t>(book.editor_of(*id)) : -1;
    if (!out.empty() && out.back().first == e) {
      ++out.back().second;
      continue;
    }
    if (out.size() == limit) break;
    out.emplace_back(e, 1);
  }
  return out;
}

section_in_db read_section(const std::string& db_path, std::int64_t event_id, std::int64_t proposal,
                           std::int64_t section) {
  section_in_db r;
  sqlite3* raw = nullptr;
  const int rc_open = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, db_closer> db(raw);
  if (rc_open != SQLITE_OK) {
    r.error = "cannot open " + db_path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return r;
  }
  sqlite3_busy_timeout(db.get(), 5000);
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(),
                         "SELECT version, changes FROM section_updates WHERE event_id = ?1 AND "
                         "proposal_id = ?2 AND section = ?3 ORDER BY version",
                         -1, &raw_stmt, nullptr) != SQLITE_OK) {
    r.error = std::string("cannot query section_updates: ") + sqlite3_errmsg(db.get());
    return r;
  }
  std::unique_ptr<sqlite3_stmt, stmt_finalizer> q(raw_stmt);
  sqlite3_bind_int64(q.get(), 1, event_id);
  sqlite3_bind_int64(q.get(), 2, proposal);
  sqlite3_bind_int64(q.get(), 3, section);
  r.contiguous = true;
  r.replayed = true;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    const std::int64_t version = sqlite3_column_int64(q.get(), 0);
    ++r.rows;
    if (version != r.rows) r.contiguous = false;
    r.last_version = version;
    if (!r.replayed) continue;
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1));
    const json j = json::parse(text ? text : "", nullptr, /*allow_exceptions=*/false);
    auto changes = protocol::parse_changes(j);
    if (!changes) {
      r.replayed = false;
      r.replay_error = "version " + std::to_string(version) + ": " + changes.err().message;
      continue;
    }
    auto next = changes.value().try_apply(r.text);
    if (!next) {
      r.replayed = false;
      r.replay_error = "version " + std::to_string(version) + ": " + next.err().message;
      continue;
    }
    r.text = std::move(next.value());
  }
  if (rc != SQLITE_DONE) {
    r.error = std::string("query failed: ") + sqlite3_errmsg(db.get());
    return r;
  }
  r.ok = true;
  return r;
}

}  // namespace rt::bench::coedit
