/**
 * The collab client state of one section editor: `@codemirror/collab`'s, with Roundtable's
 * tie rule (docs/protocol.md, "Ties: whose text goes first"). Mirrored in C++ by
 * server/domain/collab.hpp (`collab_peer`, `late_goes_first`, `continues_run`, `run_end_after`);
 * tests/vectors/changesets.json pins both.
 *
 * What differs from `@codemirror/collab`:
 * - Every local update says whether it `continues` the editor's run of typing: its one
 *   insertion starts exactly where the editor's previous insertion ended (`runEnd`, mapped
 *   through every later change; text others insert at that very spot goes after it).
 * - Updates are received one at a time (`receiveUpdate`), and where an unconfirmed update and
 *   the received one insert at the same position, the unconfirmed text goes first exactly when
 *   it continues a run and the received one does not (`lateGoesFirst`). The server rebases
 *   late pushes by the same rule, so the two agree, and a continuing keystroke always stays
 *   next to the one its writer typed before it: two people typing at one spot each keep their
 *   words in one piece instead of being interleaved letter by letter.
 * - An edit that would split a UTF-16 surrogate pair is refused (`splitsSurrogatePair`), as
 *   the server refuses it, so every editor holds exactly the server's text.
 *
 * Pure: no I/O, only `@codemirror/state`.
 */
import type { ChangeDesc, EditorState, Extension, Text } from '@codemirror/state';
import { Annotation, ChangeSet, Facet, StateField, Transaction } from '@codemirror/state';

/** An update as it is pushed and received. */
export interface CollabUpdate {
  clientID: string;
  changes: ChangeSet;
  /** Its one insertion starts where the same editor's previous insertion ended. */
  continues: boolean;
}

/**
 * The tie rule: where a late update (an unconfirmed one, or a push the server rebases) and one
 * accepted before it insert at the same position, the late one's text goes first exactly when
 * it continues its writer's run and the accepted one does not. Used as
 * `late.map(accepted, first)` and `accepted.map(late, !first)`, so both orders agree.
 */
export function lateGoesFirst(lateContinues: boolean, acceptedContinues: boolean): boolean {
  return lateContinues && !acceptedContinues;
}

/** Whether `changes` is one insertion (replacing nothing) that starts at `runEnd`. */
export function continuesRun(changes: ChangeSet, runEnd: number | null): boolean {
  if (runEnd === null) return false;
  let ranges = 0;
  let fits = false;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    ranges++;
    fits = fromA === toA && fromA === runEnd && inserted.length > 0;
  });
  return ranges === 1 && fits;
}

/**
 * Where a run that ended at `runEnd` ends after `changes`: after the insertion when `changes`
 * is the editor's own single insertion (`own`), else mapped, with text inserted exactly at the
 * end placed after it (someone else's text never joins the run). Null when there is no run.
 */
export function runEndAfter(changes: ChangeSet, runEnd: number | null, own: boolean): number | null {
  if (own) {
    let ranges = 0;
    let end = 0;
    let inserts = false;
    changes.iterChanges((_fromA, _toA, _fromB, toB, inserted) => {
      ranges++;
      end = toB;
      inserts = inserted.length > 0;
    });
    if (ranges === 1 && inserts) return end;
    if (ranges > 1) return null;
  }
  return runEnd === null ? null : changes.mapPos(runEnd, -1);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 >= s.length || !isLow(s.charCodeAt(i + 1))) return true;
      i++;
    } else if (isLow(c)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether applying `changes` to `doc` would leave half of a surrogate pair: a changed range
 * that starts or ends between the two halves of a pair, or inserted text with a lone half.
 */
export function splitsSurrogatePair(doc: Text, changes: ChangeSet): boolean {
  const insidePair = (pos: number) =>
    pos > 0 &&
    pos < doc.length &&
    isHigh(doc.sliceString(pos - 1, pos).charCodeAt(0)) &&
    isLow(doc.sliceString(pos, pos + 1).charCodeAt(0));
  let splits = false;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    if (insidePair(fromA) || insidePair(toA) || hasLoneSurrogate(inserted.toString())) splits = true;
  });
  return splits;
}

// ---------------------------------------------------------------------------------------------
// The state field

class CollabState {
  constructor(
    /** The version confirmed by the server. */
    readonly version: number,
    /** Local updates not confirmed yet, in order, each on top of the previous. */
    readonly unconfirmed: readonly CollabUpdate[],
    /** Where this editor's run of typing ends in the document, or null. */
    readonly runEnd: number | null,
  ) {}
}

interface CollabConfig {
  startVersion: number;
  clientID: string;
  /** Whether local updates are marked as continuing runs (off: @codemirror/collab's rule). */
  markRuns: boolean;
}

const collabConfig = Facet.define<Partial<CollabConfig>, CollabConfig>({
  combine(configs) {
    const c = configs[0] ?? {};
    return { startVersion: c.startVersion ?? 0, clientID: c.clientID ?? '', markRuns: c.markRuns ?? true };
  },
});

const collabReceive = Annotation.define<CollabState>();

/**
 * Sets `continues` of the local update a transaction makes, instead of computing it (the sync
 * re-applies stored unconfirmed updates with the flag they were made with).
 */
export const continuesAnnotation = Annotation.define<boolean>();

const collabField = StateField.define<CollabState>({
  create(state) {
    return new CollabState(state.facet(collabConfig).startVersion, [], null);
  },
  update(value, tr) {
    const received = tr.annotation(collabReceive);
    if (received) return received;
    if (tr.changes.empty) return value;
    const { clientID, markRuns } = tr.startState.facet(collabConfig);
    const given = tr.annotation(continuesAnnotation);
    const continues = given ?? (markRuns && continuesRun(tr.changes, value.runEnd));
    return new CollabState(
      value.version,
      value.unconfirmed.concat({ clientID, changes: tr.changes, continues }),
      runEndAfter(tr.changes, value.runEnd, true),
    );
  },
});

/** The collab extension: the state field and its configuration. */
export function collab(config: { startVersion: number; clientID: string; markRuns?: boolean }): Extension {
  return [collabField, collabConfig.of(config)];
}

/** Local updates still to be confirmed, in order. */
export function sendableUpdates(state: EditorState): readonly CollabUpdate[] {
  return state.field(collabField).unconfirmed;
}

/** The version up to which the server has confirmed this editor's state. */
export function getSyncedVersion(state: EditorState): number {
  return state.field(collabField).version;
}

export function getClientID(state: EditorState): string {
  return state.facet(collabConfig).clientID;
}

/** Where this editor's run of typing ends, or null. */
export function getRunEnd(state: EditorState): number | null {
  return state.field(collabField).runEnd;
}

/**
 * The transaction that receives one accepted update (the next after the synced version): an
 * own update confirms the first unconfirmed one; another's is applied, with the unconfirmed
 * updates moved past it by the tie rule.
 */
export function receiveUpdate(state: EditorState, update: CollabUpdate): Transaction {
  const { version, unconfirmed, runEnd } = state.field(collabField);
  const { clientID } = state.facet(collabConfig);
  if (unconfirmed.length > 0 && update.clientID === clientID) {
    return state.update({
      annotations: [collabReceive.of(new CollabState(version + 1, unconfirmed.slice(1), runEnd))],
    });
  }
  let changes = update.changes;
  const rebased = unconfirmed.map((u) => {
    const first = lateGoesFirst(u.continues, update.continues);
    const mapped = u.changes.map(changes, first);
    changes = changes.map(u.changes, !first);
    return { clientID: u.clientID, changes: mapped, continues: u.continues };
  });
  const next = new CollabState(version + 1, rebased, runEndAfter(changes, runEnd, false));
  return state.update({
    changes,
    annotations: [Transaction.addToHistory.of(false), Transaction.remote.of(true), collabReceive.of(next)],
    filter: false,
  });
}

// ---------------------------------------------------------------------------------------------
// The authority's rebase (server/domain/collab.cpp, rebase_updates_stepwise), for the fake
// authority of the tests and the shared vectors.

/**
 * Rebases `updates`, made on top of the version before `over` (the updates accepted since),
 * so that they apply after `over`: the leading ones `over` already holds from the same client
 * are dropped (a retried push counts once), the rest are mapped over the others' updates one
 * at a time with the tie rule.
 */
export function rebaseStepwise<U extends CollabUpdate>(updates: readonly U[], over: readonly CollabUpdate[]): U[] {
  if (!over.length || !updates.length) return updates.slice();
  const others: { changes: ChangeDesc; continues: boolean }[] = [];
  let skip = 0;
  for (const update of over) {
    if (skip < updates.length && updates[skip].clientID === update.clientID) {
      let own = updates[skip].changes.desc;
      const ownContinues = updates[skip].continues;
      for (const other of others) {
        const first = lateGoesFirst(ownContinues, other.continues);
        const moved = other.changes.mapDesc(own, !first);
        own = own.mapDesc(other.changes, first);
        other.changes = moved;
      }
      skip++;
    } else {
      others.push({ changes: update.changes.desc, continues: update.continues });
    }
  }
  return updates.slice(skip).map((update) => {
    let mine = update.changes;
    for (const other of others) {
      const first = lateGoesFirst(update.continues, other.continues);
      const moved = mine.map(other.changes, first);
      other.changes = other.changes.mapDesc(mine.desc, !first);
      mine = moved;
    }
    return { ...update, changes: mine };
  });
}
