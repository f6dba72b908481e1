// collab.hpp: the authority for one collaboratively edited section, and a C++ client of it.
//
// The browser runs @codemirror/collab; the server is its central authority (see "Editing a
// section" in docs/protocol.md). section_doc keeps the accepted updates of one section (their
// count is its version) and its text, and accepts pushes made on top of any version it still
// keeps, rebasing them over what was accepted since and dropping updates it already accepted
// from the same client (so a retried push counts once). collab_peer mirrors the client side
// (`receiveUpdates`, `sendableUpdates`) for tests and the load generator.
//
// One deliberate difference from @codemirror/collab. Its rebaseUpdates maps a late push over
// the *composition* of the updates accepted since, while its receiveUpdates maps a client's
// unconfirmed updates over the composition of whatever *batch* the client received. The two
// compositions differ whenever the client's batches differ from the push's range, and mapping
// over a composition is not the same as mapping over its parts: with "ab", another client's
// updates [2,[0,"cd"]] then [[3],1] compose to the replacement [[2,"d"]]; an insertion of "X"
// at 1 maps to after it ("dX") over the composition, but to before it ("Xd") over the two in
// turn. The pushing client then keeps "Xd" while the authority has "dX", with nothing left to
// repair it and no error (the lengths agree). So:
//   - the authority rebases stepwise (rebase_updates_stepwise): over each accepted update in
//     turn, moving each past the pushed ones;
//   - clients receive accepted updates one at a time (receiveUpdates(state, [update]) for each;
//     collab_peer::receive does so).
// Both sides then compute the same grid of pairwise transformations (u.map(f), f.map(u, true))
// whatever the batching, and converge; tests/domain/collab_test.cpp checks it under random
// interleavings, and web/src/collab/vectors.test.ts shows the divergence with the real library.
// rebase_updates (the exact port) and collab_peer::receive_batch stay for comparison.
//
// A second difference keeps each writer's run of typing in one piece (docs/protocol.md,
// "Ties: whose text goes first"). @codemirror/collab always puts the accepted update's text
// first where a late update inserts at the same position. With keystroke-sized updates from
// two people typing at one spot, that interleaves their words letter by letter: Ana's "T" is
// accepted, Jonas's " " lands after it, then Ana's "h" (typed right after her "T") lands after
// Jonas's " ", and so on. Here every update says whether it `continues` its editor's previous
// insertion (its one insertion starts exactly where that one ended), and the tie rule
// late_goes_first() lets a continuing update go before an accepted one that does not
// continue. A continuing insertion therefore always stays glued to the character its writer
// typed just before it, and no one else's text can get in between: each run stays whole.
// Both sides apply the rule to the same pairs (the stepwise grid above), so they still
// converge; the vectors of web/src/collab/vectors.test.ts pin it for both languages.
//
// Thread-safety: plain values. A section_doc or collab_peer must not be changed while another
// thread uses it; const methods may run concurrently with each other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "changeset.hpp"
#include "result.hpp"

namespace rt::domain {

// An update as a client pushes it: made by editor `client_id` (@codemirror/collab's clientID,
// random per editor) on top of the previous one. `continues`: its one insertion starts where
// the same editor's previous insertion ended (the writer goes on typing).
struct client_update {
  std::string client_id;
  change_set changes;
  bool continues = false;
};

// An update the authority accepted: who pushed it and when (milliseconds since the epoch).
struct accepted_update {
  std::string client_id;
  change_set changes;
  std::int64_t member = 0;
  std::int64_t at = 0;
  bool continues = false;
};

// The tie rule. Where an update that comes late (a push rebased by the authority, or a
// client's unconfirmed update) and an update accepted before it insert at the same position,
// the late one's text goes first exactly when it continues its writer's run and the accepted
// one does not; otherwise the accepted one's text goes first, as in @codemirror/collab. Used
// as `late.map(accepted, before)` and `accepted.map(late, !before)`, so both orders agree.
constexpr bool late_goes_first(bool late_continues, bool accepted_continues) {
  return late_continues && !accepted_continues;
}

// Whether a local edit continues the editor's run: `changes` is one insertion (possibly
// replacing nothing) that starts at `run_end`, the end of the editor's previous insertion
// mapped to the current text (nullopt when there is none).
bool continues_run(const change_set& changes, std::optional<std::int64_t> run_end);

// Where a run that ended at `run_end` ends after `changes`: at the end of the insertion when
// `changes` is the editor's own single insertion, else mapped (text inserted exactly at the
// end goes after it: someone else's text never joins the run). nullopt when there is no run.
std::optional<std::int64_t> run_end_after(const change_set& changes,
                                          std::optional<std::int64_t> run_end, bool own);

// Limits of one push; the defaults are the protocol's.
struct push_limits {
  std::size_t max_chars = 20000;              // the section's text, in UTF-16 units
  std::size_t max_inserted_per_push = 20000;  // inserted by one push, duplicates not counted
  std::size_t max_updates_per_push = 100;     // updates in one push, as sent
  std::size_t max_client_id_bytes = 64;       // a clientID is 1 to this many bytes
  // Recent updates a section keeps in memory (0: all). When it holds twice this many, the
  // older half is forgotten (forget_before): trimming costs O(1) per push, amortised.
  std::size_t window = 0;
};

// @codemirror/collab's rebaseUpdates, ported exactly: `updates` were made on top of the
// version before `over`, the updates accepted since. Drops the leading updates that `over`
// already holds from the same client (matched in order, by client id, as CodeMirror does),
// and maps the rest over the composition of the others so that they apply after `over`.
// Not what section_doc uses (see the top of this file). Precondition: the lengths fit (the
// first update starts from the length `over` starts from); otherwise throws
// std::invalid_argument.
std::vector<client_update> rebase_updates(std::vector<client_update> updates,
                                          std::span<const accepted_update> over);

// The authority's rebase: the same duplicates dropped, but the rest mapped over the others'
// updates one at a time (each of those moved past the pushed updates before it), with ties
// broken by late_goes_first(), so that a client that receives updates one at a time gets the
// same result. Where no pushed update continues a run it places text as rebase_updates does
// whenever `over` holds at most one update of another client. Precondition as
// rebase_updates.
// With `others_after`, it also receives the others' updates of `over` moved past all of
// `updates`: applied in turn to the pusher's text after its updates, they give the
// authority's text, and they carry a position (the pusher's caret) across (map_pushed_caret).
std::vector<client_update> rebase_updates_stepwise(
    std::vector<client_update> updates, std::span<const accepted_update> over,
    std::vector<change_desc>* others_after = nullptr);

// One section: its text, version and accepted updates.
class section_doc {
 public:
  // The empty text at version 0.
  section_doc() = default;

  // A section restored from `checkpoint_text` at `checkpoint_version` and the updates
  // accepted after it, in order. Versions before the checkpoint are not kept: pushes on them
  // and history before it are refused. Errors: bad_value (a negative version, an update whose
  // length does not fit the text before it).
  // `clients`: which member used which client id before the checkpoint (has_writer, and the
  // check that no member pushes with another's client id).
  static result<section_doc> restore(std::u16string checkpoint_text,
                                     std::int64_t checkpoint_version,
                                     std::vector<accepted_update> after,
                                     std::unordered_map<std::string, std::int64_t> clients = {});

  // A section restored from all of its updates, starting from the empty text.
  static result<section_doc> replay(std::vector<accepted_update> all) {
    return restore(u"", 0, std::move(all));
  }

  const std::u16string& text() const { return text_; }
  // The number of accepted updates.
  std::int64_t version() const {
    return first_version_ + static_cast<std::int64_t>(updates_.size());
  }
  // The earliest version still kept (the checkpoint's).
  std::int64_t first_version() const { return first_version_; }
  // The updates accepted after first_version(), in order.
  const std::vector<accepted_update>& updates() const { return updates_; }
  // Whether `member` ever had an update accepted here (also before first_version()).
  bool has_writer(std::int64_t member) const;

  // Accepts `updates`, made in order on top of the text at `version`, from `member` at time
  // `at`. Updates already accepted from the same client id are dropped (a retried push counts
  // once), the others are rebased over what was accepted since `version`
  // (rebase_updates_stepwise), applied and appended. Returns the appended updates, possibly
  // none (all were duplicates).
  // Errors, changing nothing:
  //   bad_value  `version` ahead of the section or before first_version(); a change whose
  //              length does not fit the text at `version` (chained: each update starts from
  //              the length the previous one produces); a client id that is empty, too long,
  //              or already used in this section by another member; an update that, rebased,
  //              would split a UTF-16 surrogate pair (change_set::splits_surrogate_pair);
  //   too_large  more than max_updates_per_push updates, more than max_inserted_per_push
  //              characters inserted, or a text longer than max_chars afterwards (a push that
  //              does not lengthen the text is allowed even when the text is over the limit,
  //              so that a text above a lowered limit can still be shortened).
  // With `others_after`, it receives what rebase_updates_stepwise gives there (for
  // map_pushed_caret); left empty on an error.
  // `older`: for a `version` before first_version(), the updates accepted after `version` up
  // to first_version(), in order (read back from storage); then the push is rebased over them
  // and the kept ones. Errors as above, and bad_value when `older` does not hold exactly those
  // (wrong count, or lengths that do not chain into the checkpoint).
  // With limits.window, the older half of the kept updates is forgotten afterwards when
  // twice the window is kept.
  result<std::vector<accepted_update>> push(std::int64_t version,
                                            std::vector<client_update> updates, std::int64_t member,
                                            std::int64_t at, const push_limits& limits = {},
                                            std::vector<change_desc>* others_after = nullptr,
                                            std::span<const accepted_update> older = {});

  // The updates accepted after `version`. Error: bad_value (a version not kept).
  result<std::vector<accepted_update>> updates_since(std::int64_t version) const;

  // The text at `version`, replayed from the checkpoint. Error: bad_value (a version not kept).
  result<std::u16string> text_at(std::int64_t version) const;

  // The length of the text at `version`, in O(1). Error: bad_value (a version not kept).
  result<std::int64_t> length_at(std::int64_t version) const;

  // Makes `version` (clamped to the kept range) the new checkpoint: the updates before it
  // are forgotten (which member used which client id is still remembered). Pushes on older
  // versions are refused afterwards.
  void forget_before(std::int64_t version);

  // Which member used which client id (restore's `clients`).
  const std::unordered_map<std::string, std::int64_t>& clients() const { return member_of_client_; }

 private:
  // The length of the text at `version` for a push (push's version errors).
  result<std::int64_t> length_for_push(std::int64_t version,
                                       std::span<const accepted_update> older) const;
  // Whether `older` are exactly the updates from `version` (before the checkpoint) to it.
  bool chains_into_checkpoint(std::int64_t version, std::span<const accepted_update> older) const;
  bool keeps(std::int64_t version) const {
    return version >= first_version_ && version <= this->version();
  }

  std::int64_t first_version_ = 0;
  std::u16string first_text_;             // the text at first_version_
  std::vector<accepted_update> updates_;  // accepted after first_version_
  std::vector<std::int64_t> lengths_{0};  // lengths_[k]: length at first_version_ + k
  std::u16string text_;                   // the text at version()
  std::unordered_map<std::string, std::int64_t> member_of_client_;  // client id -> member
};

// Where a pusher's caret at `pos`, in its own text after its pushed updates, is in the
// authority's text: carried over the others' updates moved past the push (rebase_updates_
// stepwise's others_after), staying before text they inserted at it. Positions outside the
// text are clamped.
std::int64_t map_pushed_caret(std::int64_t pos, std::span<const change_desc> others_after);

// An update made locally and not confirmed yet.
struct local_update {
  change_set changes;
  bool continues = false;
};

// A client of a section_doc, as @codemirror/collab's editor state: the document (with the
// unconfirmed local updates applied), the version confirmed by the authority, the local
// updates not confirmed yet, and where the editor's run of typing ends (continues_run).
//
// Own updates are recognised by client id, in order, wherever they are among the received
// updates, exactly like receiveUpdates. The authority rebases a push over updates accepted
// meanwhile, so the peer may get others' updates before its own (for instance [theirs,
// mine']): it then maps the others' changes over its own update with the tie rule, which
// gives the authority's text because A.compose(B.map(A, b)) and B.compose(A.map(B, !b)) are
// the same document. Updates may arrive in any runs (consecutive slices), as long as nothing
// is skipped or repeated (receive_at() checks that); each is received on its own.
class collab_peer {
 public:
  // A peer whose editor shows `text` at confirmed `version`, with `unconfirmed` local updates
  // (already applied to `text`, in order).
  explicit collab_peer(std::string client_id, std::u16string text = {}, std::int64_t version = 0,
                       std::vector<local_update> unconfirmed = {});

  const std::string& client_id() const { return client_id_; }
  const std::u16string& text() const { return text_; }
  std::int64_t version() const { return version_; }
  const std::vector<local_update>& unconfirmed() const { return unconfirmed_; }
  // The end of the editor's run of typing in text(), if it has one.
  std::optional<std::int64_t> run_end() const { return run_end_; }

  // Whether local edits are marked as continuing runs (on by default). Off, the peer behaves
  // as @codemirror/collab's client: the load generator's baseline.
  void set_mark_runs(bool on) { mark_runs_ = on; }

  // A local edit: applies `changes` to text() and queues it, marked as continuing the run
  // when it does (continues_run). Returns false, changing nothing, for an empty change (as
  // CodeMirror ignores it) and for one that would split a surrogate pair (refused, as the
  // authority and the web editor refuse it). Precondition: changes.length() == text().size()
  // (else throws std::invalid_argument).
  bool local_change(const change_set& changes);

  // The updates to push, on top of version() (sendableUpdates).
  std::vector<client_update> sendable() const;

  // Receives accepted updates that follow version(), one at a time (receiveUpdates with one
  // update, for each): confirms own ones, applies the others to text() and rebases the
  // unconfirmed ones over them with the tie rule. Precondition: they follow version() exactly
  // and fit the text (else throws std::invalid_argument, and nothing changes).
  void receive(std::span<const accepted_update> updates);
  void receive(std::span<const client_update> updates);

  // receiveUpdates on the whole batch at once, ported exactly (the accepted text always goes
  // first at ties): maps the unconfirmed updates over the composition of the others' updates
  // in the batch. May disagree with the authority when the batch holds several of others'
  // updates, or when an unconfirmed update continues a run (see the top of this file): for
  // comparison with @codemirror/collab only. Precondition as receive().
  void receive_batch(std::span<const accepted_update> updates);
  void receive_batch(std::span<const client_update> updates);

  // Receives updates of which the first follows `first_version` (as `section_updates`
  // carries it): skips the ones already received. Errors, changing nothing: bad_value when
  // some are missing (first_version > version(); the peer must then fetch the updates since
  // version()) or when they do not fit the text.
  result<std::int64_t> receive_at(std::int64_t first_version,
                                  std::span<const accepted_update> updates);

 private:
  template <class Update>
  void receive_impl(std::span<const Update> updates, bool tie_rule);
  template <class Update>
  void receive_each(std::span<const Update> updates);

  std::string client_id_;
  std::u16string text_;
  std::int64_t version_ = 0;
  std::vector<local_update> unconfirmed_;
  std::optional<std::int64_t> run_end_;
  bool mark_runs_ = true;
};

}  // namespace rt::domain
