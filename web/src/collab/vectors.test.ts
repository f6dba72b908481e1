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
// at a time, and receiveUpdates on the whole run). The output is deterministic.
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
  collab,
  getSyncedVersion,
  rebaseUpdates,
  receiveUpdates,
  sendableUpdates,
} from '@codemirror/collab';
import type { Update } from '@codemirror/collab';
import { rebaseStepwise } from './authority.test-support';

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

const apply = (changes: ChangeSet, doc: string): string =>
  changes.apply(Text.of(doc.split('\n'))).toString();

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


// receiveUpdates fed one update at a time, as the authority's clients must.
export function receiveEach(state: EditorState, updates: readonly Update[]): EditorState {
  for (const update of updates) state = receiveUpdates(state, [update]).state;
  return state;
}

type WireUpdate = { clientID: string; changes: Part[] };
const wire = (u: { clientID: string; changes: ChangeSet }): WireUpdate => ({
  clientID: u.clientID,
  changes: u.changes.toJSON() as Part[],
});

// A session: `peers` collab clients edit one document through an authority that keeps the
// accepted updates and rebases late pushes stepwise, as server/domain/collab.cpp does; each
// push also records what @codemirror/collab's rebaseUpdates makes of it. Pushes may be stale
// (the client has not pulled) and are repeated (a lost reply); pulls take any run of the
// missing updates, which the client receives one at a time; each pull also records what
// receiveUpdates makes of the whole run.
function collabSession(rng: Rng, index: number, receives: unknown[], maxReceives: number) {
  const ids = ['p', 'q', 'r', 's'].slice(0, rng.range(2, 4)).map((p) => `${p}${index}`);
  let peers = ids.map((clientID) =>
    EditorState.create({ doc: '', extensions: [collab({ clientID, startVersion: 0 })] }),
  );
  const accepted: Update[] = [];
  let doc = '';
  const pushes: unknown[] = [];

  const push = (p: number) => {
    const sendable = sendableUpdates(peers[p]);
    if (!sendable.length) return;
    const version = getSyncedVersion(peers[p]);
    const updates = sendable.map((u) => ({ clientID: u.clientID, changes: u.changes }));
    const composed = rebaseUpdates(updates, accepted.slice(version));
    const rebased = rebaseStepwise(updates, accepted.slice(version));
    for (const u of rebased) {
      doc = apply(u.changes, doc);
      accepted.push({ clientID: u.clientID, changes: u.changes });
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
    peers[p] = receiveEach(before, updates);
    if (receives.length < maxReceives && rng.chance(0.5)) {
      const batch = receiveUpdates(before, updates).state;
      const stateOf = (st: EditorState) => ({
        version: getSyncedVersion(st),
        text: st.doc.toString(),
        unconfirmed: sendableUpdates(st).map((u) => u.changes.toJSON()),
      });
      receives.push({
        clientID: ids[p],
        before: stateOf(before),
        updates: updates.map((u) => wire({ clientID: u.clientID, changes: u.changes })),
        each: stateOf(peers[p]),
        batch: stateOf(batch),
      });
    }
  };

  const steps = rng.range(25, 45);
  for (let s = 0; s < steps; s++) {
    const p = rng.int(peers.length);
    const r = rng.next();
    if (r < 0.45) {
      const text = peers[p].doc.toString();
      const changes = randomChanges(rng, text, text.length > 40 ? 1 : 2);
      peers[p] = peers[p].update({ changes }).state;
    } else if (r < 0.75) {
      push(p);
    } else {
      pull(p, rng.chance(0.3));
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

export function generateVectors(): string {
  const rng = new Rng(SEED);
  const changesets = Array.from({ length: 300 }, () => changesetCase(rng));
  const receives: unknown[] = [];
  const sessions = Array.from({ length: 16 }, (_, i) => collabSession(rng, i, receives, 160));
  const list = (items: unknown[]) => items.map((x) => JSON.stringify(x)).join(',\n');
  return (
    '{\n' +
    `"about": ${JSON.stringify(
      'Generated by web/src/collab/vectors.test.ts with @codemirror/state and @codemirror/collab; do not edit.',
    )},\n` +
    `"seed": ${SEED},\n` +
    `"changesets": [\n${list(changesets)}\n],\n` +
    `"sessions": [\n${list(sessions)}\n],\n` +
    `"receives": [\n${list(receives)}\n]\n` +
    '}\n'
  );
}

describe('rebaseUpdates over a composition', () => {
  // "ab" at version 1. Client a inserts "cd" at the end, then deletes "abc". Client b,
  // meanwhile, inserts "X" between "a" and "b". Composed, a's two updates are one replacement,
  // [[2,"d"]], and b's insertion inside the replaced range lands after it: "dX". Mapped over
  // them in turn, it lands where the deletion began: "Xd".
  const setup = () => {
    const accepted: Update[] = [
      { clientID: 'a', changes: ChangeSet.of({ from: 0, insert: 'ab' }, 0) },
      { clientID: 'a', changes: ChangeSet.of({ from: 2, insert: 'cd' }, 2) },
      { clientID: 'a', changes: ChangeSet.of({ from: 0, to: 3 }, 4) },
    ];
    let b = EditorState.create({ doc: 'ab', extensions: [collab({ clientID: 'b', startVersion: 1 })] });
    b = b.update({ changes: { from: 1, insert: 'X' } }).state;
    const pushed = sendableUpdates(b).map((u) => ({ clientID: u.clientID, changes: u.changes }));
    return { accepted, b, pushed };
  };
  const textOf = (updates: readonly Update[]) =>
    updates.reduce((doc, u) => u.changes.apply(doc), Text.empty).toString();

  it('leaves a client that received the updates in other runs with another text, for good', () => {
    const { accepted, pushed } = setup();
    let { b } = setup();
    accepted.push(...rebaseUpdates(pushed, accepted.slice(1)));
    b = receiveUpdates(b, [accepted[1]]).state;
    b = receiveUpdates(b, accepted.slice(2)).state;
    expect(textOf(accepted)).toBe('dX');
    expect(b.doc.toString()).toBe('Xd');
    expect(sendableUpdates(b)).toHaveLength(0); // nothing left to repair it
  });

  it('converges when the authority rebases stepwise and clients receive one at a time', () => {
    const { accepted, pushed } = setup();
    let { b } = setup();
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
