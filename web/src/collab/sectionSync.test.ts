import { rebaseUpdates } from '@codemirror/collab';
import { getClientID, getSyncedVersion, sendableUpdates } from './collabState';
import { ChangeSet } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage';
import { FakeAuthority, FakeTimers, settle } from './authority.test-support';
import { STALE_MS, storedSections } from './persist';
import { MAX_PUSH_UPDATES } from './pushBatch';
import { P, S, KEY, client, type, erase, quiesce, startAll } from './sectionSync.test-support';

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
