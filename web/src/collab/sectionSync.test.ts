import { rebaseUpdates } from '@codemirror/collab';
import { getClientID, getSyncedVersion, sendableUpdates } from './collabState';
import { ChangeSet, EditorSelection, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage';
import { FakeAuthority, FakeLink, FakeTimers, seeded, settle } from './authority.test-support';
import { peersField } from './decorations';
import { STALE_MS, storedSections } from './persist';
import { MAX_PUSH_UPDATES, MemoryHost, replacementChange, SectionSync } from './sectionSync';

const P = 4;
const S = 2;
const KEY = 'roundtable.section.K7QX2M.4.2';

interface Client {
  name: string;
  link: FakeLink;
  timers: FakeTimers;
  storage: MemoryStorage;
  sync: SectionSync;
  host: MemoryHost;
}

let ids = 0;

function client(
  authority: FakeAuthority,
  name: string,
  member: number,
  options: {
    storage?: MemoryStorage;
    tab?: string;
    timers?: FakeTimers;
    link?: FakeLink;
    maxLength?: () => number | null;
  } = {},
): Client {
  const link = options.link ?? new FakeLink(authority, name, member);
  const timers = options.timers ?? new FakeTimers();
  const storage = options.storage ?? new MemoryStorage();
  const sync = new SectionSync({
    proposal: P,
    section: S,
    transport: link,
    storage,
    storageKey: KEY,
    tabId: options.tab ?? `tab-${name}`,
    self: member,
    maxLength: options.maxLength,
    timers,
    now: () => timers.clock,
    newClientId: () => `${name}${++ids}`,
  });
  const host = new MemoryHost();
  host.onTransactions = (trs) => sync.afterTransactions(trs);
  sync.setHost(host);
  return { name, link, timers, storage, sync, host };
}

/** Types `text` at `pos` in the client's editor (one local update). */
function type(c: Client, pos: number, text: string): void {
  const state = c.sync.state;
  const at = Math.min(pos, state.doc.length);
  c.host.dispatch(
    state.update({ changes: { from: at, insert: text }, selection: EditorSelection.cursor(at + text.length) }),
  );
}

function erase(c: Client, from: number, to: number): void {
  const state = c.sync.state;
  const a = Math.min(from, state.doc.length);
  const b = Math.min(to, state.doc.length);
  if (a >= b) return;
  c.host.dispatch(state.update({ changes: { from: a, to: b } }));
}

/** Delivers everything and runs every timer until nothing moves. */
async function quiesce(clients: Client[], rounds = 200, check?: (when: string) => void): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    let moved = false;
    for (const c of clients) {
      while (c.link.deliverToServer()) moved = true;
    }
    await settle();
    for (const c of clients) {
      for (;;) {
        const next = c.link.toClient[0];
        if (!c.link.deliverToClient()) break;
        moved = true;
        await settle();
        check?.(`quiesce ${i} ${c.name} after ${JSON.stringify(next)}`);
      }
    }
    for (const c of clients) {
      // Run the timers due soon (push delay, cursor, save), not the far ones forever.
      const before = c.timers.clock;
      c.timers.advance(400);
      if (c.timers.clock !== before) await settle();
    }
    await settle();
    const pending = clients.some((c) => c.link.busy);
    if (!moved && !pending && clients.every((c) => !c.sync.unsaved || !c.link.isReady)) return;
  }
}

async function startAll(clients: Client[]): Promise<void> {
  for (const c of clients) {
    c.sync.start();
    c.link.connect();
  }
  await quiesce(clients);
}

describe('SectionSync: opening and live editing', () => {
  it('opens with version null, builds the state from the text, and saves its own typing', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'Hello world' }], doc.length));
    const a = client(authority, 'a', 5);
    expect(a.sync.status.save).toBe('loading');
    await startAll([a]);
    expect(a.sync.state.doc.toString()).toBe('Hello world');
    expect(getSyncedVersion(a.sync.state)).toBe(1);
    expect(a.sync.status.save).toBe('saved');

    type(a, 5, ',');
    expect(a.sync.status.save).toBe('saving');
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('Hello, world');
    expect(a.sync.status.save).toBe('saved');
    expect(getSyncedVersion(a.sync.state)).toBe(2);
  });

  it('keeps at most one push in flight and pushes the rest when answered', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 0, 'one');
    a.timers.advance(200);
    await settle();
    type(a, 3, ' two');
    a.timers.advance(200);
    await settle();
    const pushes = a.link.toServer.filter((c) => c.type === 'push');
    expect(pushes).toHaveLength(1);
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('one two');
  });

  it('never takes the push answer as confirmation: a lost answer is re-sent and counted once', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 0, 'abc');
    a.timers.advance(200);
    while (a.link.deliverToServer()); // the push arrives and is applied
    // The stream message comes first, then the answer is lost.
    const updates = a.link.toClient.filter((m) => m.type === 'section_updates');
    expect(updates).toHaveLength(1); // the stream carries the update before the answer
    // The answer is lost; the stream message is late.
    a.link.toClient = a.link.toClient.filter((m) => m.type !== 'section_updates');
    while (a.link.deliverToClient(true));
    await settle();
    expect(a.sync.unsaved).toBe(true); // still unconfirmed: only the stream confirms
    await quiesce([a]);
    expect(a.sync.unsaved).toBe(false);
    expect(authority.text(P, S)).toBe('abc');
  });

  it('pushes a long offline session in batches of at most 100 updates', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.disconnect();
    for (let i = 0; i < 250; i++) type(a, i, 'x');
    expect(a.sync.status.save).toBe('unsaved');
    a.link.connect();
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('x'.repeat(250));
    const sizes = authority.log.map((l) => l.count);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_PUSH_UPDATES);
  });
});

describe('SectionSync: the server rebases, the client receives one update at a time', () => {
  it('applies a batch with its own update after others and converges', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abcdef' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    // a types at the start and pushes at version 1; meanwhile someone else is accepted first.
    type(a, 0, 'A');
    a.timers.advance(200);
    authority.acceptDirect(P, S, 'other', (doc) => ChangeSet.of([{ from: 6, insert: 'Z' }], doc.length));
    while (a.link.deliverToServer()); // push at version 1, rebased over the other's update
    // The client gets: [other] (version 1), then [own] (version 2), then the ack.
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('AabcdefZ');
    expect(a.sync.state.doc.toString()).toBe('AabcdefZ');
    expect(a.sync.unsaved).toBe(false);
  });

  it('receives one message mixing others, own, others (a catch-up after reconnect)', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: '0123456789' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 5, 'mine');
    type(a, 0, '>');
    a.timers.advance(200);
    while (a.link.deliverToServer()); // the push is applied…
    a.link.disconnect(); // …but the connection drops before anything comes back
    authority.acceptDirect(P, S, 'other', (doc) => ChangeSet.of([{ from: 0, insert: 'B' }], doc.length));
    authority.acceptDirect(P, S, 'other2', (doc) => ChangeSet.of([{ from: doc.length, insert: 'E' }], doc.length));
    // Re-opening with version 1 brings [mine, >, B, E] from the log in one answer.
    a.link.connect();
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('B>01234mine56789E');
    expect(a.sync.state.doc.toString()).toBe(authority.text(P, S));
    expect(a.sync.unsaved).toBe(false);
  });

  it('applies a hand-made batch [other, own, other] to the right text', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'xyz' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 3, '!');
    a.timers.advance(200);
    a.link.toServer = []; // the push never reaches this fake server; we play the server by hand
    const own = sendableUpdates(a.sync.state)[0];
    const clientID = getClientID(a.sync.state);
    const o1 = ChangeSet.of([{ from: 0, insert: 'A' }], 3); // xyz → Axyz
    const mine = own.changes.map(o1); // xyz! rebased: Axyz!
    const o2 = ChangeSet.of([{ from: 0, insert: 'B' }], 5); // BAxyz!
    a.sync.updates({
      type: 'section_updates',
      proposal: P,
      section: S,
      version: 1,
      updates: [
        { clientID: 'o', changes: o1.toJSON() as never, member: 9 },
        { clientID, changes: mine.toJSON() as never, member: 5 },
        { clientID: 'o', changes: o2.toJSON() as never, member: 9 },
      ],
    });
    expect(a.sync.state.doc.toString()).toBe('BAxyz!');
    expect(a.sync.unsaved).toBe(false);
    expect(getSyncedVersion(a.sync.state)).toBe(4);
  });

  it('agrees with the server, which rebases step by step, where mapping over a composition would not', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abcde' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 2, 'X'); // abXcde
    a.timers.advance(200);
    authority.acceptDirect(P, S, 'o', (doc) => ChangeSet.of([{ from: 2, to: 5 }], doc.length));
    authority.acceptDirect(P, S, 'o', (doc) => ChangeSet.of([{ from: 2, insert: 'Y' }], doc.length));
    while (a.link.deliverToClient()) await settle();
    expect(a.sync.state.doc.toString()).toBe('abYX');
    while (a.link.deliverToServer());
    expect(authority.text(P, S)).toBe('abYX');
    await quiesce([a]);
    expect(a.sync.state.doc.toString()).toBe('abYX');
    expect(a.sync.unsaved).toBe(false);
  });

  it('repairs an own update a server rebased differently (mapping is not compositional in ties)', async () => {
    const authority = new FakeAuthority();
    // A server that maps over the composition, as @codemirror/collab's rebaseUpdates does.
    authority.rebase = (pushed, over) =>
      rebaseUpdates(pushed, over).map((u) => ({
        clientID: u.clientID,
        changes: u.changes as ChangeSet,
        continues: false,
      }));
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abcde' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 2, 'X'); // abXcde
    a.timers.advance(200); // the push (version 1) is on its way…
    // …while two others are accepted: cde deleted, then Y inserted where it was.
    authority.acceptDirect(P, S, 'o', (doc) => ChangeSet.of([{ from: 2, to: 5 }], doc.length));
    authority.acceptDirect(P, S, 'o', (doc) => ChangeSet.of([{ from: 2, insert: 'Y' }], doc.length));
    // The editor gets them one message at a time and maps X after Y.
    while (a.link.deliverToClient()) await settle();
    expect(a.sync.state.doc.toString()).toBe('abYX');
    type(a, 4, 'Z');
    // The server rebases X over both at once: before Y.
    while (a.link.deliverToServer());
    expect(authority.text(P, S)).toBe('abXY');
    await quiesce([a]);
    expect(a.sync.state.doc.toString()).toBe('abXYZ');
    expect(authority.text(P, S)).toBe('abXYZ');
    expect(a.sync.unsaved).toBe(false);
  });

  it('skips updates it already has and catches up after a gap', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    const b = client(authority, 'b', 6);
    await startAll([a, b]);
    type(b, 0, 'hello');
    await quiesce([a, b]);
    const dup = { type: 'section_updates' as const, proposal: P, section: S, version: 0, updates: [] };
    a.sync.updates({ ...dup, updates: [{ clientID: 'x', changes: [[0, 'hello']] as never }] });
    expect(a.sync.state.doc.toString()).toBe('hello');
    // Lose b's next update on its way to a: a sees a gap on the one after and opens again.
    type(b, 5, ' one');
    await quiesce([b]);
    a.link.toClient = a.link.toClient.filter((m) => m.type !== 'section_updates');
    type(b, 9, ' two');
    await quiesce([a, b]);
    expect(a.sync.state.doc.toString()).toBe('hello one two');
  });
});

describe('SectionSync: refusals', () => {
  it('drops the unconfirmed edits on bad_value and too_large, and keeps the text to copy', async () => {
    for (const code of ['bad_value', 'too_large']) {
      const authority = new FakeAuthority();
      authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'server' }], doc.length));
      const a = client(authority, 'a', 5);
      await startAll([a]);
      a.link.refusePush = code;
      type(a, 6, ' local');
      await quiesce([a]);
      expect(a.sync.status.problem).toEqual({ code, dropped: true, lostText: 'server local' });
      expect(a.sync.state.doc.toString()).toBe('server');
      expect(a.sync.status.save).toBe('saved');
      a.link.refusePush = null;
      type(a, 0, 'ok ');
      await quiesce([a]);
      expect(authority.text(P, S)).toBe('ok server');
      expect(storedSections(a.storage, KEY)).toEqual([]);
    }
  });

  it('refuses a real too_large from the authority and resets', async () => {
    const authority = new FakeAuthority();
    authority.maxChars = 10;
    const a = client(authority, 'a', 5);
    // The editor knows no limit here, so the server refuses.
    await startAll([a]);
    type(a, 0, 'x'.repeat(12));
    await quiesce([a]);
    expect(a.sync.status.problem?.code).toBe('too_large');
    expect(authority.text(P, S)).toBe('');
  });

  it('keeps local edits within the limit it reads at each edit (none while unknown)', async () => {
    const authority = new FakeAuthority();
    let limit: number | null = 10;
    const a = client(authority, 'a', 5, { maxLength: () => limit });
    await startAll([a]);
    type(a, 0, 'x'.repeat(8));
    type(a, 8, 'yyy');
    expect(a.sync.state.doc.toString()).toBe('x'.repeat(8));
    erase(a, 0, 2);
    expect(a.sync.state.doc.toString()).toBe('x'.repeat(6));
    limit = 7;
    type(a, 6, 'zz');
    expect(a.sync.state.doc.toString()).toBe('x'.repeat(6));
    type(a, 6, 'z');
    limit = null;
    type(a, 7, 'w'.repeat(20));
    await quiesce([a]);
    expect(authority.text(P, S)).toBe(`${'x'.repeat(6)}z${'w'.repeat(20)}`);
  });

  it('holds edits while frozen and sends them once unfrozen', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.refusePush = 'frozen';
    type(a, 0, 'late');
    await quiesce([a]);
    expect(a.sync.status.save).toBe('held');
    expect(a.sync.status.problem).toEqual({ code: 'frozen', dropped: false, lostText: null });
    a.link.refusePush = null;
    a.sync.setFrozen(false);
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('late');
    expect(a.sync.status.save).toBe('saved');
  });

  it('gives up edits to a proposal that was deleted, and never asks again', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.refusePush = 'not_found';
    type(a, 0, 'too late');
    await quiesce([a]);
    expect(a.sync.unsaved).toBe(false);
    expect(a.sync.status.problem).toEqual({ code: 'not_found', dropped: true, lostText: 'too late' });
    expect(storedSections(a.storage, KEY)).toEqual([]);
    a.link.disconnect();
    a.link.connect();
    expect(a.link.toServer.filter((c) => c.type === 'open_section')).toEqual([]);
  });

  it('shows a read-only placeholder until the text is known', () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    expect(a.sync.hasText).toBe(false);
    expect(a.sync.state.readOnly).toBe(true);
  });

  it('retries when the server is busy', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.refusePush = 'rate_limited';
    type(a, 0, 'x');
    a.timers.advance(200);
    while (a.link.deliverToServer());
    a.link.deliverToClient();
    await settle();
    a.link.refusePush = null;
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('x');
  });
});

describe('SectionSync: storage and recovery', () => {
  it('keeps unconfirmed edits in storage and removes them once confirmed', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.disconnect();
    type(a, 0, 'draft');
    a.timers.advance(400);
    const [entry] = storedSections(a.storage, KEY);
    expect(entry.version).toBe(0);
    expect(entry.text).toBe('');
    expect(entry.unconfirmed).toHaveLength(1);
    expect(entry.owner).toBe('tab-a');
    a.link.connect();
    await quiesce([a]);
    expect(storedSections(a.storage, KEY)).toEqual([]);
  });

  it('a reload (same tab) continues from storage, with the same clientID, and sends the edits once', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'base' }], doc.length));
    const storage = new MemoryStorage();
    const a = client(authority, 'a', 5, { storage, tab: 'T' });
    await startAll([a]);
    const clientID = getClientID(a.sync.state);
    type(a, 4, ' one');
    type(a, 8, ' two');
    a.timers.advance(200); // the push goes out…
    while (a.link.deliverToServer()); // …and is applied, but the tab dies before anything comes back
    a.sync.saveNow();
    a.link.disconnect();
    expect(authority.text(P, S)).toBe('base one two');

    const again = client(authority, 'a2', 5, { storage, tab: 'T' });
    again.sync.start();
    expect(again.sync.state.doc.toString()).toBe('base one two'); // before any connection
    expect(getClientID(again.sync.state)).toBe(clientID);
    expect(again.sync.status.save).toBe('unsaved');
    again.link.connect();
    await quiesce([again]);
    expect(authority.text(P, S)).toBe('base one two'); // not twice
    expect(again.sync.state.doc.toString()).toBe('base one two');
    expect(again.sync.unsaved).toBe(false);
  });

  it('a crashed tab’s edits are taken over by a new tab once stale, and rebased over others', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abc' }], doc.length));
    const storage = new MemoryStorage();
    const timers = new FakeTimers();
    const a = client(authority, 'a', 5, { storage, tab: 'T1', timers });
    await startAll([a]);
    a.link.disconnect();
    type(a, 3, 'XYZ');
    a.timers.advance(400); // saved
    // The tab crashes. Someone else edits meanwhile.
    authority.acceptDirect(P, S, 'other', (doc) => ChangeSet.of([{ from: 0, insert: '>' }], doc.length));

    // Another tab right away does not take a live tab's entry.
    const early = client(authority, 'e', 5, { storage, tab: 'T2', timers });
    early.sync.start();
    expect(early.sync.hasText).toBe(false);
    early.sync.close();

    timers.clock += STALE_MS + 1;
    const b = client(authority, 'b', 5, { storage, tab: 'T3', timers });
    b.sync.start();
    expect(b.sync.state.doc.toString()).toBe('abcXYZ');
    b.link.connect();
    await quiesce([b]);
    expect(authority.text(P, S)).toBe('>abcXYZ');
    expect(b.sync.state.doc.toString()).toBe('>abcXYZ');
    expect(storedSections(storage, KEY)).toEqual([]);
  });

  it('ignores a broken stored entry', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abc' }], doc.length));
    const storage = new MemoryStorage();
    storage.setItem(
      KEY,
      JSON.stringify({
        c1: { clientID: 'c1', version: 1, text: 'abc', unconfirmed: [[99, [0, 'x']]], owner: 'T', at: 0 },
      }),
    );
    const a = client(authority, 'a', 5, { storage, tab: 'T' });
    await startAll([a]);
    expect(a.sync.state.doc.toString()).toBe('abc');
    expect(storedSections(storage, KEY)).toEqual([]);
  });
});

describe('SectionSync: cursors and positions', () => {
  it('maps positions between the synced text and the editor, and others’ cursors from their version', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'hello world' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.link.disconnect();
    type(a, 0, '>> ');
    // Local 9 ("hello wo|rld" after the 3 unconfirmed characters) is 6 in the synced text.
    expect(a.sync.toSynced(9, 9)).toEqual({ version: 1, anchor: 6, head: 6 });
    expect(a.sync.fromVersion(6, 1)).toBe(9);
    a.link.connect();
    await quiesce([a]);
    // Someone else inserts at 0 (version 3): a position at version 1 moves by 3 + 2.
    authority.acceptDirect(P, S, 'o', (doc) => ChangeSet.of([{ from: 0, insert: '..' }], doc.length));
    await quiesce([a]);
    expect(a.sync.fromVersion(6, 1)).toBe(11);
    expect(a.sync.fromVersion(6, 99)).toBeNull();

    a.sync.presence({
      type: 'section_presence',
      proposal: P,
      section: S,
      editors: [
        { member: 5, name: 'Me', anchor: 0, head: 0, version: 3 },
        { member: 9, name: 'Bo', anchor: 6, head: 11, version: 1 },
        { member: 7, name: 'Cy', anchor: null, head: null, version: 3 },
      ],
    });
    expect(a.sync.state.field(peersField)).toMatchObject([{ member: 9, name: 'Bo', anchor: 11, head: 16 }]);
    expect(a.sync.status.editors.map((e) => e.name)).toEqual(['Me', 'Bo', 'Cy']);
    // Others' marks follow local typing.
    type(a, 0, 'x');
    expect(a.sync.state.field(peersField)[0]).toMatchObject({ anchor: 12, head: 17 });
    // The label is shown again only when Bo moves (a new place reported), not when others type.
    expect(a.sync.state.field(peersField)[0].moved).toBe('1:6:11');
  });

  it('sends cursor at most four times a second, in synced positions', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'abcdefghij' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    const cursors = () => a.link.toServer.filter((c) => c.type === 'cursor');
    for (let i = 0; i < 10; i++) {
      a.host.dispatch(a.sync.state.update({ selection: EditorSelection.cursor(i) }));
      a.timers.advance(50);
    }
    // 500 ms of moves: at most 3 messages (0, 250, 500).
    expect(cursors().length).toBeGreaterThanOrEqual(2);
    expect(cursors().length).toBeLessThanOrEqual(3);
    a.timers.advance(300);
    const last = cursors()[cursors().length - 1] as { anchor: number; head: number; version: number };
    expect(last).toMatchObject({ anchor: 9, head: 9, version: 1 });
  });
});

describe('SectionSync: restore as one local edit', () => {
  it('replaceText turns the text into the old one with one update', async () => {
    const authority = new FakeAuthority();
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 0, 'The first version.');
    await quiesce([a]);
    erase(a, 4, 9);
    type(a, 4, 'second');
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('The second version.');
    const before = authority.section(P, S).updates.length;
    expect(a.sync.replaceText('The first version.')).toBe(true);
    expect(sendableUpdates(a.sync.state)).toHaveLength(1);
    await quiesce([a]);
    expect(authority.text(P, S)).toBe('The first version.');
    expect(authority.section(P, S).updates.length).toBe(before + 1);
    expect(a.sync.replaceText('The first version.')).toBe(false);
  });

  it.each([
    ['abc', 'abc', null],
    ['abc', 'abXc', { from: 2, to: 2, insert: 'X' }],
    ['hello world', 'hello', { from: 5, to: 11, insert: '' }],
    ['aaa', 'aa', { from: 2, to: 3, insert: '' }],
    ['', 'new', { from: 0, to: 0, insert: 'new' }],
    ['x😀y', 'x😁y', { from: 1, to: 3, insert: '😁' }],
  ])('replacementChange(%j, %j)', (from, to, expected) => {
    const doc = Text.of(from.split('\n'));
    const spec = replacementChange(doc, to);
    expect(spec).toEqual(expected);
    if (spec) expect(ChangeSet.of([spec], doc.length).apply(doc).toString()).toBe(to);
  });
});

describe('SectionSync: random interleavings converge', () => {
  async function scenario(seed: number): Promise<void> {
    const rnd = seeded(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) =>
      ChangeSet.of([{ from: 0, insert: 'The quick brown fox' }], doc.length),
    );
    const clients = [client(authority, 'a', 5), client(authority, 'b', 6), client(authority, 'c', 7)];
    await startAll(clients);
    const words = ['x', 'yy', 'zzz', ' ', '\n', 'é', '😀'];
    // After every step: each editor's synced text is the server's text at its version, and
    // its document is that text with its unconfirmed updates applied.
    const check = (when: string) => {
      for (const x of clients) {
        if (!x.sync.hasText) continue;
        const v = getSyncedVersion(x.sync.state);
        let doc = Text.empty;
        for (const u of authority.section(P, S).updates.slice(0, v)) doc = u.changes.apply(doc);
        if (doc.toString() !== x.sync.syncedText) throw new Error(`${when} ${x.name}: synced text differs at v${v}`);
        let local = Text.of(x.sync.syncedText.split('\n'));
        for (const u of sendableUpdates(x.sync.state)) local = u.changes.apply(local);
        if (local.toString() !== x.sync.state.doc.toString())
          throw new Error(`${when} ${x.name}: local != synced+unconfirmed`);
      }
    };
    for (let step = 0; step < 400; step++) {
      const c = pick(clients);
      const r = rnd();
      if (r < 0.3) {
        if (!c.sync.hasText) continue;
        const len = c.sync.state.doc.length;
        if (rnd() < 0.7 || len === 0) {
          // Never split a surrogate pair: insert at a code point boundary.
          let pos = Math.floor(rnd() * (len + 1));
          const code = c.sync.state.doc.sliceString(pos - 1, pos).charCodeAt(0);
          if (pos > 0 && code >= 0xd800 && code <= 0xdbff) pos--;
          type(c, pos, pick(words));
        } else {
          let from = Math.floor(rnd() * len);
          const hi = c.sync.state.doc.sliceString(from - 1, from).charCodeAt(0);
          if (from > 0 && hi >= 0xd800 && hi <= 0xdbff) from--;
          let to = Math.min(len, from + 1 + Math.floor(rnd() * 4));
          const last = c.sync.state.doc.sliceString(to - 1, to).charCodeAt(0);
          if (last >= 0xd800 && last <= 0xdbff) to = Math.min(len, to + 1);
          erase(c, from, to);
        }
      } else if (r < 0.5) {
        c.link.deliverToServer();
      } else if (r < 0.75) {
        // Now and then the answer is lost on the way (the update was applied anyway).
        c.link.deliverToClient(rnd() < 0.2);
      } else if (r < 0.78) {
        if (rnd() < 0.5) c.link.deliverToServer(); // arrived just before the drop
        c.link.disconnect();
      } else if (r < 0.85) {
        c.link.connect();
      } else {
        c.timers.advance(Math.floor(rnd() * 300));
      }
      await settle();
      check(`step ${step}`);
    }
    for (const c of clients) c.link.connect();
    await quiesce(clients, 500, check);
    check('end');
    const text = authority.text(P, S);
    for (const c of clients) {
      expect(c.sync.unsaved, `${c.name} has unsaved edits (seed ${seed})`).toBe(false);
      expect(c.sync.state.doc.toString(), `${c.name} (seed ${seed})`).toBe(text);
      expect(c.sync.syncedText).toBe(text);
      expect(getSyncedVersion(c.sync.state)).toBe(authority.section(P, S).updates.length);
      expect(storedSections(c.storage, KEY)).toEqual([]);
    }
  }

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('seed %i', async (seed) => {
    await scenario(seed);
  });
});

describe('SectionSync: people typing at one spot keep their runs whole', () => {
  // Each client types one sentence of unique characters at its own caret (the editor's
  // selection, which CodeMirror maps through received text), one key at a time or in pasted
  // chunks, while the fake authority rebases like the server and the links deliver in random
  // order, lose answers (the push is retried) and drop (edits made offline are pushed on
  // reconnect). Every schedule must converge, keep every key once, and leave each sentence in
  // one piece, at the start as in the middle of the text.
  const KEYS = 0x4e00; // one-unit characters that the seed text does not hold
  async function schedule(seed: number): Promise<void> {
    const rnd = seeded(seed);
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) =>
      ChangeSet.of([{ from: 0, insert: 'The problem: skills rarely match.' }], doc.length),
    );
    const count = 2 + (seed % 5);
    const clients = Array.from({ length: count }, (_, i) => client(authority, `w${i}`, 10 + i));
    await startAll(clients);
    const spot = 13 + (seed % 3 === 0 ? 0 : Math.floor(rnd() * 6));
    const sentences = clients.map((_, i) =>
      Array.from({ length: 6 + Math.floor(rnd() * 20) }, (_, k) => String.fromCharCode(KEYS + i * 64 + k)).join(''),
    );
    const typed = clients.map(() => 0);
    const adjacent = seed % 2 === 0;
    // Everyone clicks at the spot (or next to it) before anyone types.
    for (const [i, c] of clients.entries()) {
      const at = adjacent ? spot + (i % 3) : spot;
      c.host.dispatch(c.sync.state.update({ selection: EditorSelection.cursor(at) }));
    }
    const key = (i: number) => {
      const c = clients[i];
      if (!c.sync.hasText || typed[i] >= sentences[i].length) return;
      const n = rnd() < 0.15 ? 1 + Math.floor(rnd() * 8) : 1;
      const text = sentences[i].slice(typed[i], typed[i] + n);
      type(c, c.sync.state.selection.main.head, text);
      typed[i] += text.length;
    };
    for (let step = 0; step < 4000 && typed.some((t, i) => t < sentences[i].length); step++) {
      const i = Math.floor(rnd() * clients.length);
      const c = clients[i];
      const r = rnd();
      if (r < 0.4) key(i);
      else if (r < 0.55) c.link.deliverToServer();
      else if (r < 0.8) c.link.deliverToClient(rnd() < 0.1);
      else if (r < 0.81) c.link.disconnect();
      else if (r < 0.86) c.link.connect();
      else c.timers.advance(Math.floor(rnd() * 200));
      await settle();
    }
    for (const c of clients) c.link.connect();
    await quiesce(clients, 500);
    const text = authority.text(P, S);
    for (const c of clients) {
      expect(c.sync.state.doc.toString(), `${c.name} (seed ${seed})`).toBe(text);
      expect(c.sync.unsaved).toBe(false);
    }
    for (const [i, sentence] of sentences.entries()) {
      expect(text.split(sentence).length - 1, `sentence ${i} whole, once (seed ${seed}): ${text}`).toBe(1);
      for (const ch of sentence) expect(text.split(ch).length - 1).toBe(1);
    }
  }

  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %i', async (seed) => {
    await schedule(seed);
  });

  it('a writer’s name label stays at the end of what they typed, before others’ text', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'ab' }], doc.length));
    const a = client(authority, 'a', 5);
    const b = client(authority, 'b', 6);
    const c = client(authority, 'c', 7);
    await startAll([a, b, c]);
    // The server last said b's caret is after "a" (version 1).
    a.sync.presence({
      type: 'section_presence',
      proposal: P,
      section: S,
      editors: [{ member: 6, name: 'Bo', anchor: 1, head: 1, version: 1 }],
    });
    const label = () => a.sync.state.field(peersField)[0];
    type(b, 1, 'X'); // b types: its label moves past its own text
    await quiesce([a, b, c]);
    expect(label()).toMatchObject({ anchor: 2, head: 2 });
    type(c, 2, 'Y'); // c types at b's caret: the label stays before c's text
    await quiesce([a, b, c]);
    expect(a.sync.state.doc.toString()).toBe('aXYb');
    expect(label()).toMatchObject({ anchor: 2, head: 2 });
    type(b, 2, 'W'); // b goes on at its caret (continuing): after its "X", before "Y"
    await quiesce([a, b, c]);
    expect(a.sync.state.doc.toString()).toBe('aXWYb');
    expect(label()).toMatchObject({ anchor: 3, head: 3 });
  });

  it('pushes its selection in the text after the pushed updates, with their flags', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'ab' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    type(a, 1, 'X');
    type(a, 2, 'YZ');
    a.timers.advance(200);
    const push = a.link.toServer.find((cmd) => cmd.type === 'push');
    expect(push).toMatchObject({ version: 1, selection: { anchor: 4, head: 4 } });
    expect(push?.type === 'push' && push.updates.map((u) => u.continues ?? false)).toEqual([false, true]);
  });

  it('keeps the flag of stored unconfirmed edits across a reload', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'ab' }], doc.length));
    const storage = new MemoryStorage();
    const a = client(authority, 'a', 5, { storage, tab: 't1' });
    await startAll([a]);
    a.link.disconnect();
    type(a, 1, 'X');
    type(a, 2, 'Y');
    a.timers.advance(1000);
    expect(sendableUpdates(a.sync.state).map((u) => u.continues)).toEqual([false, true]);
    a.sync.close();
    const again = client(authority, 'a2', 5, { storage, tab: 't1' });
    again.sync.start();
    expect(sendableUpdates(again.sync.state).map((u) => u.continues)).toEqual([false, true]);
    expect(again.sync.state.doc.toString()).toBe('aXYb');
  });

  it('refuses a local edit that would split a surrogate pair', async () => {
    const authority = new FakeAuthority();
    authority.acceptDirect(P, S, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'a😀b' }], doc.length));
    const a = client(authority, 'a', 5);
    await startAll([a]);
    a.host.dispatch(a.sync.state.update({ changes: { from: 2, insert: 'x' } }));
    a.host.dispatch(a.sync.state.update({ changes: { from: 1, to: 2 } }));
    expect(a.sync.state.doc.toString()).toBe('a😀b');
    expect(a.sync.unsaved).toBe(false);
    a.host.dispatch(a.sync.state.update({ changes: { from: 1, to: 3 } })); // the whole pair
    expect(a.sync.state.doc.toString()).toBe('ab');
  });
});
