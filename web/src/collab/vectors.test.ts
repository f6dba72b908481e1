/// <reference types="node" />
// Shared test vectors for the C++ port of CodeMirror's change sets and collab authority
// (server/domain/changeset.hpp, collab.hpp; read by tests/domain/changeset_test.cpp and
// collab_test.cpp).
//
// A seeded generator makes a few hundred cases with the real @codemirror/state and
// @codemirror/collab: random documents (non-ASCII, emoji as surrogate pairs, line breaks),
// random change sets (some in a valid but non-normalised JSON form), what apply, compose, map,
// mapDesc, composeDesc, iterChanges and mapPos give, and whole editing sessions of a few
// collab clients against a small authority (the stepwise rebase of server/domain/collab.cpp,
// and what rebaseUpdates would make of each push), with the clients' receive steps (one update
// at a time with the tie rule of collabState.ts, and @codemirror/collab's receiveUpdates on the
// whole run), the `continues` flag and run end of local edits, and which edits would split a
// surrogate pair. The output is deterministic.
//
// The file on disk must equal what this generates, so a stale file fails. To write it (after
// changing the generator or upgrading CodeMirror): RT_UPDATE_VECTORS=1 npx vitest run src/collab
// (it is also written when missing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ChangeSet, EditorState, MapMode, Text } from '@codemirror/state';
import type { ChangeSpec } from '@codemirror/state';
import {
  collab as cmCollab,
  getSyncedVersion as cmSyncedVersion,
  rebaseUpdates,
  receiveUpdates,
  sendableUpdates as cmSendable,
} from '@codemirror/collab';
import type { Update } from '@codemirror/collab';
import type { CollabUpdate } from './collabState';
import {
  collab,
  continuesRun,
  getRunEnd,
  getSyncedVersion,
  rebaseStepwise,
  receiveUpdate,
  runEndAfter,
  sendableUpdates,
  splitsSurrogatePair,
} from './collabState';

const VECTORS = fileURLToPath(new URL('../../../tests/vectors/changesets.json', import.meta.url));
const SEED = 20261128;

// mulberry32: small, fast, and the same on every platform.
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

// Characters, ASCII more often: 'é' and '中' are one UTF-16 unit, emoji two.
const COMMON = ['a', 'b', 'c', 'd', 'e', 'o', 's', 't', ' ', ' ', '\n'];
const RARE = ['é', 'ß', 'ö', '中', '文', '😀', '🎉', '👍🏽', '\t', '"', '\\'];

function randomText(rng: Rng, maxCodePoints: number): string {
  const n = rng.int(maxCodePoints + 1);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.chance(0.8) ? rng.pick(COMMON) : rng.pick(RARE);
  return s;
}

// Positions that are not inside a surrogate pair, so that no text in the vectors holds a
// lone surrogate (JSON readers refuse them).
function boundaries(doc: string): number[] {
  const out = [0];
  for (let i = 0; i < doc.length; i++) {
    const c = doc.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) continue;
    out.push(i + 1);
  }
  return out;
}

function randomChanges(rng: Rng, doc: string, maxSpecs = 4): ChangeSet {
  const cuts = boundaries(doc);
  const specs: ChangeSpec[] = [];
  const n = rng.chance(0.08) ? 0 : rng.range(1, maxSpecs);
  for (let i = 0; i < n; i++) {
    let from = rng.pick(cuts);
    let to = rng.chance(0.4) ? from : rng.pick(cuts);
    if (to < from) [from, to] = [to, from];
    if (to - from > 12) to = from;
    const insert = rng.chance(0.3) ? '' : randomText(rng, 6);
    specs.push({ from, to, insert });
  }
  return ChangeSet.of(specs, doc.length);
}

type Part = number | [number, ...string[]];

// A JSON form of the same change that CodeMirror accepts but never writes itself: kept and
// deleted runs split in two, an insertion split into two adjacent ones, a deletion written
// with one empty line.
function denormalize(rng: Rng, parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    if (typeof part === 'number') {
      if (part >= 2 && rng.chance(0.3)) {
        const k = rng.range(1, part - 1);
        out.push(k, part - k);
      } else {
        out.push(part);
      }
      continue;
    }
    const [len, ...lines] = part;
    const text = lines.join('\n');
    if (lines.length === 0 && len >= 2 && rng.chance(0.3)) {
      const k = rng.range(1, len - 1);
      out.push([k], [len - k]);
    } else if (lines.length === 0 && rng.chance(0.2)) {
      out.push([len, '']);
    } else if (text.length >= 2 && rng.chance(0.4)) {
      const cuts = boundaries(text).filter((c) => c > 0 && c < text.length);
      if (cuts.length === 0) {
        out.push(part);
        continue;
      }
      const k = rng.pick(cuts);
      out.push([len, ...text.slice(0, k).split('\n')], [0, ...text.slice(k).split('\n')]);
    } else {
      out.push(part);
    }
  }
  return out;
}

function jsonOf(changes: ChangeSet, rng: Rng): Part[] {
  const parts = changes.toJSON() as Part[];
  return rng.chance(0.3) ? denormalize(rng, parts) : parts;
}

const apply = (changes: ChangeSet, doc: string): string => changes.apply(Text.of(doc.split('\n'))).toString();

function iterOf(changes: ChangeSet, individual: boolean) {
  const out: [number, number, number, number, string][] = [];
  changes.iterChanges((fromA, toA, fromB, toB, text) => {
    out.push([fromA, toA, fromB, toB, text.toString()]);
  }, individual);
  return out;
}

const MODES = [MapMode.Simple, MapMode.TrackDel, MapMode.TrackBefore, MapMode.TrackAfter];

function changesetCase(rng: Rng) {
  const doc = randomText(rng, 24);
  const aJSON = jsonOf(randomChanges(rng, doc), rng);
  const bJSON = jsonOf(randomChanges(rng, doc), rng);
  const a = ChangeSet.fromJSON(aJSON);
  const b = ChangeSet.fromJSON(bJSON);
  const applied = apply(a, doc);
  const cJSON = jsonOf(randomChanges(rng, applied), rng);
  const c = ChangeSet.fromJSON(cJSON);

  // The property collab relies on; the vectors would be worthless without it.
  const ab = apply(b.map(a), applied);
  const ba = apply(a.map(b, true), apply(b, doc));
  if (ab !== ba) throw new Error(`maps do not converge on ${JSON.stringify(doc)}`);

  const positions: [number, number, number, number | null][] = [];
  for (let i = 0; i < 4; i++) {
    const pos = rng.int(doc.length + 1);
    const assoc = rng.chance(0.5) ? -1 : 1;
    const mode = rng.pick(MODES);
    positions.push([pos, assoc, mode, a.mapPos(pos, assoc, mode)]);
  }
  return {
    doc,
    a: aJSON,
    b: bJSON,
    c: cJSON,
    aParts: a.toJSON(),
    length: a.length,
    newLength: a.newLength,
    empty: a.empty,
    applied,
    iter: iterOf(a, false),
    iterIndividual: iterOf(a, true),
    mapAB: a.map(b).toJSON(),
    mapABBefore: a.map(b, true).toJSON(),
    mapDescAB: a.desc.mapDesc(b.desc).toJSON(),
    mapDescABBefore: a.desc.mapDesc(b.desc, true).toJSON(),
    mapDescSetAB: a.mapDesc(b.desc, true).toJSON(),
    composeAC: a.compose(c).toJSON(),
    composeDescAC: a.desc.composeDesc(c.desc).toJSON(),
    composedApplied: apply(a.compose(c), doc),
    mapPos: positions,
  };
}

// Updates fed one at a time to collabState's receiveUpdate, as the authority's clients must.
export function receiveEach(state: EditorState, updates: readonly CollabUpdate[]): EditorState {
  for (const update of updates) state = receiveUpdate(state, update).state;
  return state;
}

// @codemirror/collab's receiveUpdates on a whole run, from the same synced text and
// unconfirmed changes: the exact behaviour the C++ port's receive_batch keeps.
function receiveBatchStock(
  clientID: string,
  version: number,
  synced: string,
  unconfirmed: readonly CollabUpdate[],
  updates: readonly CollabUpdate[],
): EditorState {
  let st = EditorState.create({ doc: synced, extensions: [cmCollab({ clientID, startVersion: version })] });
  for (const u of unconfirmed) st = st.update({ changes: u.changes }).state;
  return receiveUpdates(
    st,
    updates.map((u): Update => ({ clientID: u.clientID, changes: u.changes })),
  ).state;
}

type WireUpdate = { clientID: string; changes: Part[]; continues?: true };
const wire = (u: { clientID: string; changes: ChangeSet; continues?: boolean }): WireUpdate => {
  const out: WireUpdate = { clientID: u.clientID, changes: u.changes.toJSON() as Part[] };
  if (u.continues) out.continues = true;
  return out;
};

// A session: `peers` collab clients edit one document through an authority that keeps the
// accepted updates and rebases late pushes stepwise with the tie rule, as
// server/domain/collab.cpp does; each push also records what @codemirror/collab's
// rebaseUpdates makes of it (no tie rule). Peers often type forward at their run's end (so
// that updates continue runs) and at one shared spot. Pushes may be stale (the client has not
// pulled) and are repeated (a lost reply); pulls take any run of the missing updates, which
// the client receives one at a time; each pull also records what receiveUpdates makes of the
// whole run.
function collabSession(rng: Rng, index: number, receives: unknown[], maxReceives: number) {
  const ids = ['p', 'q', 'r', 's'].slice(0, rng.range(2, 4)).map((p) => `${p}${index}`);
  const peers = ids.map((clientID) =>
    EditorState.create({ doc: '', extensions: [collab({ clientID, startVersion: 0 })] }),
  );
  const synced = ids.map(() => '');
  const accepted: CollabUpdate[] = [];
  let doc = '';
  const pushes: unknown[] = [];

  const push = (p: number) => {
    const sendable = sendableUpdates(peers[p]);
    if (!sendable.length) return;
    const version = getSyncedVersion(peers[p]);
    const updates = sendable.map((u) => ({ clientID: u.clientID, changes: u.changes, continues: u.continues }));
    const composed = rebaseUpdates(updates, accepted.slice(version));
    const rebased = rebaseStepwise(updates, accepted.slice(version));
    for (const u of rebased) {
      doc = apply(u.changes, doc);
      accepted.push(u);
    }
    pushes.push({
      version,
      updates: updates.map(wire),
      result: rebased.map(wire),
      composed: composed.map((u) => wire({ clientID: u.clientID, changes: u.changes })),
    });
  };
  const pull = (p: number, all: boolean) => {
    const from = getSyncedVersion(peers[p]);
    const missing = accepted.length - from;
    if (missing === 0) return;
    const updates = accepted.slice(from, from + (all ? missing : rng.range(1, missing)));
    const before = peers[p];
    const syncedBefore = synced[p];
    peers[p] = receiveEach(before, updates);
    for (const u of updates) synced[p] = apply(u.changes, synced[p]);
    if (receives.length < maxReceives && rng.chance(0.5)) {
      const batch = receiveBatchStock(ids[p], from, syncedBefore, sendableUpdates(before), updates);
      const stateOf = (
        version: number,
        text: string,
        unconfirmed: readonly { changes: ChangeSet; continues?: boolean }[],
      ) => ({
        version,
        text,
        unconfirmed: unconfirmed.map((u) => u.changes.toJSON()),
        continues: unconfirmed.map((u) => u.continues === true),
      });
      receives.push({
        clientID: ids[p],
        before: stateOf(from, before.doc.toString(), sendableUpdates(before)),
        updates: updates.map(wire),
        each: stateOf(getSyncedVersion(peers[p]), peers[p].doc.toString(), sendableUpdates(peers[p])),
        batch: stateOf(
          cmSyncedVersion(batch),
          batch.doc.toString(),
          cmSendable(batch).map((u) => ({ changes: u.changes })),
        ),
      });
    }
  };
  // Where each peer types: forward at its caret, which starts at a shared spot.
  const carets = ids.map(() => 0);
  const type = (p: number) => {
    const len = peers[p].doc.length;
    const runEnd = getRunEnd(peers[p]);
    const at = runEnd !== null && rng.chance(0.8) ? runEnd : Math.min(carets[p], len);
    const text = rng.chance(0.85) ? rng.pick(COMMON) : randomText(rng, 5) || 'x';
    const tr = peers[p].update({ changes: { from: at, insert: text } });
    peers[p] = tr.state;
    carets[p] = at + text.length;
  };

  const steps = rng.range(25, 45);
  for (let s = 0; s < steps; s++) {
    const p = rng.int(peers.length);
    const r = rng.next();
    if (r < 0.25) {
      const text = peers[p].doc.toString();
      const changes = randomChanges(rng, text, text.length > 40 ? 1 : 2);
      peers[p] = peers[p].update({ changes }).state;
      carets[p] = rng.pick(boundaries(peers[p].doc.toString()));
    } else if (r < 0.5) {
      type(p);
    } else if (r < 0.75) {
      push(p);
    } else {
      const before = getSyncedVersion(peers[p]);
      const tr0 = peers[p];
      pull(p, rng.chance(0.3));
      // The caret moves with the received text, staying before what others inserted at it.
      if (getSyncedVersion(peers[p]) !== before && tr0.doc.length !== peers[p].doc.length) {
        carets[p] = Math.min(carets[p], peers[p].doc.length);
      }
    }
  }
  // Everyone syncs: pull everything, push what is left, until nothing is unconfirmed.
  for (let round = 0; round < 10; round++) {
    for (let p = 0; p < peers.length; p++) {
      pull(p, true);
      push(p);
    }
  }
  for (let p = 0; p < peers.length; p++) pull(p, true);
  for (const peer of peers) {
    if (peer.doc.toString() !== doc || sendableUpdates(peer).length) {
      throw new Error(`session ${index} did not converge`);
    }
  }
  return { clients: ids, pushes, text: doc };
}

// continuesRun and runEndAfter on random edits, and which would split a surrogate pair.
function runCase(rng: Rng) {
  const doc = randomText(rng, 12);
  const cuts = boundaries(doc);
  const runEnd = rng.chance(0.2) ? null : rng.pick(cuts);
  let changes: ChangeSet;
  if (runEnd !== null && rng.chance(0.5))
    changes = ChangeSet.of({ from: runEnd, insert: randomText(rng, 3) || 'x' }, doc.length);
  else changes = randomChanges(rng, doc, 2);
  const own = rng.chance(0.6);
  // Any position, also inside a pair: whether such a deletion or insertion splits it.
  const from = rng.int(doc.length + 1);
  const to = Math.min(doc.length, from + rng.int(3));
  const cut = ChangeSet.of({ from, to, insert: rng.chance(0.5) ? 'y' : '' }, doc.length);
  return {
    doc,
    runEnd,
    changes: changes.toJSON(),
    own,
    continues: continuesRun(changes, runEnd),
    runEndAfter: runEndAfter(changes, runEnd, own),
    cut: cut.toJSON(),
    splits: splitsSurrogatePair(Text.of(doc.split('\n')), cut),
  };
}

export function generateVectors(): string {
  const rng = new Rng(SEED);
  const changesets = Array.from({ length: 300 }, () => changesetCase(rng));
  const receives: unknown[] = [];
  const sessions = Array.from({ length: 16 }, (_, i) => collabSession(rng, i, receives, 160));
  const runs = Array.from({ length: 120 }, () => runCase(rng));
  const list = (items: unknown[]) => items.map((x) => JSON.stringify(x)).join(',\n');
  return (
    '{\n' +
    `"about": ${JSON.stringify(
      'Generated by web/src/collab/vectors.test.ts with @codemirror/state and @codemirror/collab; do not edit.',
    )},\n` +
    `"seed": ${SEED},\n` +
    `"changesets": [\n${list(changesets)}\n],\n` +
    `"sessions": [\n${list(sessions)}\n],\n` +
    `"receives": [\n${list(receives)}\n],\n` +
    `"runs": [\n${list(runs)}\n]\n` +
    '}\n'
  );
}

describe('rebaseUpdates over a composition', () => {
  // "ab" at version 1. Client a inserts "cd" at the end, then deletes "abc". Client b,
  // meanwhile, inserts "X" between "a" and "b". Composed, a's two updates are one replacement,
  // [[2,"d"]], and b's insertion inside the replaced range lands after it: "dX". Mapped over
  // them in turn, it lands where the deletion began: "Xd".
  const setup = (stock: boolean) => {
    const accepted: CollabUpdate[] = [
      { clientID: 'a', changes: ChangeSet.of({ from: 0, insert: 'ab' }, 0), continues: false },
      { clientID: 'a', changes: ChangeSet.of({ from: 2, insert: 'cd' }, 2), continues: false },
      { clientID: 'a', changes: ChangeSet.of({ from: 0, to: 3 }, 4), continues: false },
    ];
    const ext = stock ? cmCollab({ clientID: 'b', startVersion: 1 }) : collab({ clientID: 'b', startVersion: 1 });
    let b = EditorState.create({ doc: 'ab', extensions: [ext] });
    b = b.update({ changes: { from: 1, insert: 'X' } }).state;
    const pushed = (stock ? cmSendable(b) : sendableUpdates(b)).map((u) => ({
      clientID: u.clientID,
      changes: u.changes,
      continues: false,
    }));
    return { accepted, b, pushed };
  };
  const textOf = (updates: readonly Update[]) =>
    updates.reduce((doc, u) => u.changes.apply(doc), Text.empty).toString();

  it('leaves a client that received the updates in other runs with another text, for good', () => {
    const { accepted, pushed } = setup(true);
    let { b } = setup(true);
    accepted.push(...rebaseUpdates(pushed, accepted.slice(1)).map((u) => ({ ...u, continues: false })));
    b = receiveUpdates(b, [accepted[1]]).state;
    b = receiveUpdates(b, accepted.slice(2)).state;
    expect(textOf(accepted)).toBe('dX');
    expect(b.doc.toString()).toBe('Xd');
    expect(cmSendable(b)).toHaveLength(0); // nothing left to repair it
  });

  it('converges when the authority rebases stepwise and clients receive one at a time', () => {
    const { accepted, pushed } = setup(false);
    let { b } = setup(false);
    accepted.push(...rebaseStepwise(pushed, accepted.slice(1)));
    b = receiveEach(b, accepted.slice(1, 2));
    b = receiveEach(b, accepted.slice(2));
    expect(textOf(accepted)).toBe('Xd');
    expect(b.doc.toString()).toBe('Xd');
  });
});

describe('CodeMirror change set vectors for the C++ port', () => {
  const generated = generateVectors();

  it('are deterministic', () => {
    expect(generateVectors()).toBe(generated);
  });

  it('match tests/vectors/changesets.json (RT_UPDATE_VECTORS=1 rewrites it)', () => {
    if (process.env.RT_UPDATE_VECTORS === '1' || !existsSync(VECTORS)) {
      mkdirSync(dirname(VECTORS), { recursive: true });
      writeFileSync(VECTORS, generated);
    }
    expect(readFileSync(VECTORS, 'utf8') === generated).toBe(true);
  });

  it('stay modest in size', () => {
    expect(Buffer.byteLength(generated)).toBeLessThan(400 * 1024);
  });
});
