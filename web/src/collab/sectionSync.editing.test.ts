import { getSyncedVersion, sendableUpdates } from './collabState';
import { ChangeSet, EditorSelection, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage';
import { FakeAuthority, seeded, settle } from './authority.test-support';
import { peersField } from './decorations';
import { storedSections } from './persist';
import { replacementChange } from './sectionText';
import { P, S, KEY, client, type, erase, quiesce, startAll } from './sectionSync.test-support';

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
