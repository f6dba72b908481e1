// collab.cpp: rebaseUpdates, the section authority and the collab client (see collab.hpp).
#include "collab.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace rt::domain {
namespace {

// rebaseUpdates' running `changes`: in CodeMirror it is a ChangeSet (an update's changes) or a
// ChangeDesc (after composeDesc), and the two differ in one detail: ChangeSet.mapDesc has no
// shortcut for an empty `other`. Both kinds are kept so the result matches to the section.
using running = std::variant<change_set, change_desc>;

const change_desc& desc_of(const running& r) {
  return std::holds_alternative<change_set>(r) ? std::get<change_set>(r).desc()
                                               : std::get<change_desc>(r);
}

// changes.mapDesc(other, before)
running map_desc(const running& r, const change_desc& other, bool before) {
  if (const auto* set = std::get_if<change_set>(&r)) return set->map_desc(other, before);
  return std::get<change_desc>(r).map_desc(other, before);
}

// changes.composeDesc(other): ChangeDesc.composeDesc, for both kinds.
running compose_desc(const running& r, const change_set& other) {
  const change_desc& d = desc_of(r);
  if (d.empty()) return other;
  if (other.empty()) return r;
  return d.compose_desc(other.desc());
}

}  // namespace

std::vector<client_update> rebase_updates(std::vector<client_update> updates,
                                          std::span<const accepted_update> over) {
  if (over.empty() || updates.empty()) return updates;
  std::optional<running> changes;
  std::size_t skip = 0;
  for (const accepted_update& update : over) {
    const client_update* other = skip < updates.size() ? &updates[skip] : nullptr;
    if (other && other->client_id == update.client_id) {
      if (changes) changes = map_desc(*changes, other->changes.desc(), true);
      ++skip;
    } else {
      changes = changes ? compose_desc(*changes, update.changes) : running(update.changes);
    }
  }
  if (skip) updates.erase(updates.begin(), updates.begin() + static_cast<std::ptrdiff_t>(skip));
  if (!changes) return updates;
  for (client_update& update : updates) {
    change_set mapped = update.changes.map(desc_of(*changes));
    changes = map_desc(*changes, update.changes.desc(), true);
    update.changes = std::move(mapped);
  }
  return updates;
}

bool continues_run(const change_set& changes, std::optional<std::int64_t> run_end) {
  if (!run_end) return false;
  int ranges = 0;
  bool fits = false;
  changes.iter_changes([&](std::int64_t from_a, std::int64_t to_a, std::int64_t, std::int64_t,
                           const std::u16string& inserted) {
    ++ranges;
    fits = from_a == to_a && from_a == *run_end && !inserted.empty();
  });
  return ranges == 1 && fits;
}

std::optional<std::int64_t> run_end_after(const change_set& changes,
                                          std::optional<std::int64_t> run_end, bool own) {
  if (own) {
    int ranges = 0;
    std::int64_t end = 0;
    bool inserts = false;
    changes.iter_changes([&](std::int64_t, std::int64_t, std::int64_t, std::int64_t to_b,
                             const std::u16string& inserted) {
      ++ranges;
      end = to_b;
      inserts = !inserted.empty();
    });
    if (ranges == 1 && inserts) return end;  // typing: the run now ends after it
    if (ranges > 1) return std::nullopt;     // several places at once: no run
  }
  if (!run_end) return std::nullopt;
  return changes.desc().map_pos(*run_end, -1);  // others' text at the end goes after it
}

std::vector<client_update> rebase_updates_stepwise(std::vector<client_update> updates,
                                                   std::span<const accepted_update> over,
                                                   std::vector<change_desc>* others_after) {
  if (others_after) others_after->clear();
  if (over.empty()) return updates;
  // The others' updates accepted since, each moved past the pusher's duplicates before it
  // (which were late to them when they were accepted).
  struct other_update {
    change_desc changes;
    bool continues;
  };
  std::vector<other_update> others;
  std::size_t skip = 0;
  for (const accepted_update& update : over) {
    if (skip < updates.size() && updates[skip].client_id == update.client_id) {
      change_desc own = updates[skip].changes.desc();
      const bool own_continues = updates[skip].continues;
      for (other_update& other : others) {
        const bool first = late_goes_first(own_continues, other.continues);
        change_desc moved = other.changes.map_desc(own, !first);
        own = own.map_desc(other.changes, first);
        other.changes = std::move(moved);
      }
      ++skip;
    } else {
      others.push_back({update.changes.desc(), update.continues});
    }
  }
  if (skip) updates.erase(updates.begin(), updates.begin() + static_cast<std::ptrdiff_t>(skip));
  for (client_update& update : updates) {
    change_set mine = std::move(update.changes);
    for (other_update& other : others) {
      const bool first = late_goes_first(update.continues, other.continues);
      change_set moved = mine.map(other.changes, first);
      other.changes = other.changes.map_desc(mine.desc(), !first);
      mine = std::move(moved);
    }
    update.changes = std::move(mine);
  }
  if (others_after) {
    for (other_update& other : others) others_after->push_back(std::move(other.changes));
  }
  return updates;
}

std::int64_t map_pushed_caret(std::int64_t pos, std::span<const change_desc> others_after) {
  for (const change_desc& other : others_after) {
    pos = std::clamp<std::int64_t>(pos, 0, other.length());
    pos = other.map_pos(pos, -1).value_or(pos);
  }
  return pos;
}

// ---- section_doc ----

result<section_doc> section_doc::restore(std::u16string checkpoint_text,
                                         std::int64_t checkpoint_version,
                                         std::vector<accepted_update> after,
                                         std::unordered_map<std::string, std::int64_t> clients) {
  if (checkpoint_version < 0) return make_error(errc::bad_value, "A version cannot be negative.");
  section_doc doc;
  doc.member_of_client_ = std::move(clients);
  doc.first_version_ = checkpoint_version;
  doc.first_text_ = std::move(checkpoint_text);
  doc.text_ = doc.first_text_;
  doc.lengths_ = {static_cast<std::int64_t>(doc.text_.size())};
  doc.lengths_.reserve(after.size() + 1);
  for (std::size_t i = 0; i < after.size(); ++i) {
    const change_set& c = after[i].changes;
    if (c.length() != static_cast<std::int64_t>(doc.text_.size())) {
      return make_error(
          errc::bad_value,
          "Update " + std::to_string(checkpoint_version + 1 + static_cast<std::int64_t>(i)) +
              " changes a text of " + std::to_string(c.length()) +
              " characters, but the text before it has " + std::to_string(doc.text_.size()) + ".");
    }
    doc.text_ = c.apply(doc.text_);
    doc.lengths_.push_back(c.new_length());
    doc.member_of_client_.emplace(after[i].client_id, after[i].member);
  }
  doc.updates_ = std::move(after);
  return doc;
}

result<std::vector<accepted_update>> section_doc::push(std::int64_t version,
                                                       std::vector<client_update> updates,
                                                       std::int64_t member, std::int64_t at,
                                                       const push_limits& limits,
                                                       std::vector<change_desc>* others_after,
                                                       std::span<const accepted_update> older) {
  if (others_after) others_after->clear();
  const std::int64_t current = this->version();
  if (updates.size() > limits.max_updates_per_push) {
    return make_error(
        errc::too_large,
        "A push holds at most " + std::to_string(limits.max_updates_per_push) + " updates.");
  }
  if (version > current) {
    return make_error(errc::bad_value, "The version " + std::to_string(version) +
                                           " is ahead of the section's (" +
                                           std::to_string(current) + ").");
  }
  const bool from_older = version < first_version_;
  const auto fits = length_for_push(version, older);
  if (!fits) return fits.err();
  std::int64_t len = fits.value();
  for (std::size_t i = 0; i < updates.size(); ++i) {
    const client_update& u = updates[i];
    const std::string which = "Update " + std::to_string(i) + " of the push";
    if (u.client_id.empty() || u.client_id.size() > limits.max_client_id_bytes) {
      return make_error(errc::bad_value, which + " has a client ID that is empty or longer than " +
                                             std::to_string(limits.max_client_id_bytes) +
                                             " bytes.");
    }
    const auto owner = member_of_client_.find(u.client_id);
    if (owner != member_of_client_.end() && owner->second != member) {
      return make_error(errc::bad_value, which + " has a client ID another member uses.");
    }
    if (u.changes.length() != len) {
      return make_error(errc::bad_value,
                        which + " changes a text of " + std::to_string(u.changes.length()) +
                            " characters, but the text at version " + std::to_string(version) +
                            (i ? " with the updates before it" : "") + " has " +
                            std::to_string(len) + ".");
    }
    len = u.changes.new_length();
  }

  std::vector<accepted_update> joined;  // only for a push on a version before the checkpoint
  if (from_older) {
    joined.reserve(older.size() + updates_.size());
    joined.insert(joined.end(), older.begin(), older.end());
    joined.insert(joined.end(), updates_.begin(), updates_.end());
  }
  const auto over = from_older ? std::span<const accepted_update>(joined)
                               : std::span<const accepted_update>(updates_).subspan(
                                     static_cast<std::size_t>(version - first_version_));
  std::vector<client_update> rebased;
  std::vector<change_desc> moved;
  try {
    rebased = rebase_updates_stepwise(std::move(updates), over, &moved);
  } catch (const std::invalid_argument& e) {  // not expected: the lengths were checked
    return make_error(errc::bad_value, std::string("The push could not be rebased: ") + e.what());
  }

  std::int64_t inserted = 0;
  std::int64_t new_len = static_cast<std::int64_t>(text_.size());
  for (const client_update& u : rebased) {
    if (u.changes.length() != new_len) {  // not expected: rebasing keeps the lengths fitting
      return make_error(errc::bad_value, "The rebased push does not fit the text.");
    }
    inserted += u.changes.inserted_length();
    new_len = u.changes.new_length();
  }
  if (inserted > static_cast<std::int64_t>(limits.max_inserted_per_push)) {
    return make_error(
        errc::too_large,
        "A push inserts at most " + std::to_string(limits.max_inserted_per_push) + " characters.");
  }
  if (new_len > static_cast<std::int64_t>(limits.max_chars) &&
      new_len > static_cast<std::int64_t>(text_.size())) {
    return make_error(errc::too_large, "A section holds at most " +
                                           std::to_string(limits.max_chars) + " characters.");
  }

  std::u16string text = text_;
  for (std::size_t i = 0; i < rebased.size(); ++i) {
    if (rebased[i].changes.splits_surrogate_pair(text)) {
      return make_error(errc::bad_value, "Update " + std::to_string(i) +
                                             " of the push would split a character (half of a "
                                             "UTF-16 surrogate pair).");
    }
    text = rebased[i].changes.apply(text);
  }

  // Commit: nothing below can fail (but allocation).
  std::vector<accepted_update> appended;
  appended.reserve(rebased.size());
  for (client_update& u : rebased) {
    appended.push_back({std::move(u.client_id), std::move(u.changes), member, at, u.continues});
  }
  // Grow geometrically: reserve(size() + k) alone allocates exactly that, so every push would
  // move the whole history to a new block, O(history) per push (see docs/performance.md (g)).
  const std::size_t needed = updates_.size() + appended.size();
  if (needed > updates_.capacity()) updates_.reserve(std::max(needed, 2 * updates_.capacity()));
  for (const accepted_update& a : appended) {
    updates_.push_back(a);
    lengths_.push_back(a.changes.new_length());
    member_of_client_.emplace(a.client_id, member);
  }
  text_ = std::move(text);
  if (others_after) *others_after = std::move(moved);
  if (limits.window > 0 && updates_.size() >= 2 * limits.window) {
    forget_before(this->version() - static_cast<std::int64_t>(limits.window));
  }
  return appended;
}

result<std::int64_t> section_doc::length_for_push(std::int64_t version,
                                                  std::span<const accepted_update> older) const {
  if (version >= first_version_)
    return lengths_[static_cast<std::size_t>(version - first_version_)];
  if (version < 0 || older.empty()) {
    return make_error(errc::bad_value, "The version " + std::to_string(version) +
                                           " is older than the section keeps (" +
                                           std::to_string(first_version_) +
                                           "); open the section again.");
  }
  if (!chains_into_checkpoint(version, older)) {
    return make_error(errc::bad_value, "The updates after version " + std::to_string(version) +
                                           " do not lead to version " +
                                           std::to_string(first_version_) + ".");
  }
  return older.front().changes.length();
}

bool section_doc::chains_into_checkpoint(std::int64_t version,
                                         std::span<const accepted_update> older) const {
  if (static_cast<std::int64_t>(older.size()) != first_version_ - version) return false;
  for (std::size_t i = 0; i + 1 < older.size(); ++i) {
    if (older[i].changes.new_length() != older[i + 1].changes.length()) return false;
  }
  return older.back().changes.new_length() == lengths_.front();
}

result<std::vector<accepted_update>> section_doc::updates_since(std::int64_t version) const {
  if (!keeps(version)) {
    return make_error(errc::bad_value, "The section keeps versions " +
                                           std::to_string(first_version_) + " to " +
                                           std::to_string(this->version()) + ", not " +
                                           std::to_string(version) + ".");
  }
  return std::vector<accepted_update>(
      updates_.begin() + static_cast<std::ptrdiff_t>(version - first_version_), updates_.end());
}

result<std::u16string> section_doc::text_at(std::int64_t version) const {
  if (!keeps(version)) {
    return make_error(errc::bad_value, "The section keeps versions " +
                                           std::to_string(first_version_) + " to " +
                                           std::to_string(this->version()) + ", not " +
                                           std::to_string(version) + ".");
  }
  if (version == this->version()) return text_;
  std::u16string text = first_text_;
  for (std::int64_t v = first_version_; v < version; ++v) {
    text = updates_[static_cast<std::size_t>(v - first_version_)].changes.apply(text);
  }
  return text;
}

result<std::int64_t> section_doc::length_at(std::int64_t version) const {
  if (!keeps(version)) {
    return make_error(errc::bad_value, "The section keeps versions " +
                                           std::to_string(first_version_) + " to " +
                                           std::to_string(this->version()) + ", not " +
                                           std::to_string(version) + ".");
  }
  return lengths_[static_cast<std::size_t>(version - first_version_)];
}

bool section_doc::has_writer(std::int64_t member) const {
  return std::any_of(member_of_client_.begin(), member_of_client_.end(),
                     [&](const auto& e) { return e.second == member; });
}

void section_doc::forget_before(std::int64_t version) {
  if (version <= first_version_) return;
  if (version > this->version()) version = this->version();
  first_text_ = text_at(version).value();
  const auto n = static_cast<std::ptrdiff_t>(version - first_version_);
  updates_.erase(updates_.begin(), updates_.begin() + n);
  lengths_.erase(lengths_.begin(), lengths_.begin() + n);
  first_version_ = version;
}

// ---- collab_peer ----

collab_peer::collab_peer(std::string client_id, std::u16string text, std::int64_t version,
                         std::vector<local_update> unconfirmed)
    : client_id_(std::move(client_id)),
      text_(std::move(text)),
      version_(version),
      unconfirmed_(std::move(unconfirmed)) {}

bool collab_peer::local_change(const change_set& changes) {
  std::u16string text = changes.apply(text_);  // throws on a wrong length
  if (changes.empty() || changes.splits_surrogate_pair(text_)) return false;
  const bool continues = mark_runs_ && continues_run(changes, run_end_);
  run_end_ = run_end_after(changes, run_end_, true);
  text_ = std::move(text);
  unconfirmed_.push_back({changes, continues});
  return true;
}

std::vector<client_update> collab_peer::sendable() const {
  std::vector<client_update> out;
  out.reserve(unconfirmed_.size());
  for (const local_update& u : unconfirmed_) out.push_back({client_id_, u.changes, u.continues});
  return out;
}

template <class Update>
void collab_peer::receive_impl(std::span<const Update> updates, bool tie_rule) {
  // receiveUpdates, without effects. Computed aside, then committed. With the tie rule it is
  // only ever given one update (receive_each), whose `continues` then decides the ties.
  std::optional<change_set> changes;
  bool changes_continue = false;
  std::size_t own = 0;
  for (const Update& update : updates) {
    if (own < unconfirmed_.size() && update.client_id == client_id_) {
      if (changes) changes = changes->map(unconfirmed_[own].changes, true);
      ++own;
    } else {
      changes = changes ? changes->compose(update.changes) : update.changes;
      changes_continue = update.continues;
    }
  }
  std::vector<local_update> unconfirmed(unconfirmed_.begin() + static_cast<std::ptrdiff_t>(own),
                                        unconfirmed_.end());
  if (!unconfirmed.empty() && changes) {
    for (local_update& u : unconfirmed) {
      const bool first = tie_rule && late_goes_first(u.continues, changes_continue);
      change_set mapped = u.changes.map(*changes, first);
      changes = changes->map(u.changes, !first);
      u.changes = std::move(mapped);
    }
  }
  if (changes) {
    text_ = changes->apply(text_);
    run_end_ = run_end_after(*changes, run_end_, false);
  }
  unconfirmed_ = std::move(unconfirmed);
  version_ += static_cast<std::int64_t>(updates.size());
}

template <class Update>
void collab_peer::receive_each(std::span<const Update> updates) {
  // One at a time, so that the result does not depend on how updates were batched (see
  // collab.hpp); on a copy, so that nothing changes when one does not fit.
  collab_peer next = *this;
  for (std::size_t i = 0; i < updates.size(); ++i) next.receive_impl(updates.subspan(i, 1), true);
  *this = std::move(next);
}

void collab_peer::receive(std::span<const accepted_update> updates) { receive_each(updates); }
void collab_peer::receive(std::span<const client_update> updates) { receive_each(updates); }
void collab_peer::receive_batch(std::span<const accepted_update> updates) {
  receive_impl(updates, false);
}
void collab_peer::receive_batch(std::span<const client_update> updates) {
  receive_impl(updates, false);
}

result<std::int64_t> collab_peer::receive_at(std::int64_t first_version,
                                             std::span<const accepted_update> updates) {
  if (first_version > version_) {
    return make_error(errc::bad_value, "Updates from version " + std::to_string(first_version) +
                                           " do not follow version " + std::to_string(version_) +
                                           ": some are missing.");
  }
  const auto known = static_cast<std::size_t>(version_ - first_version);
  if (known >= updates.size()) return version_;
  try {
    receive(updates.subspan(known));
  } catch (const std::invalid_argument& e) {
    return make_error(errc::bad_value, std::string("The updates do not fit the text: ") + e.what());
  }
  return version_;
}

}  // namespace rt::domain
