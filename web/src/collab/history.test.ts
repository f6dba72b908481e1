import { ChangeSet, EditorSelection, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { HistoryUpdate } from '../protocol';
import { MemoryStorage } from '../storage';
import { FakeAuthority, FakeLink, FakeTimers, pump, settle } from './authority.test-support';
import { fetchHistory, HistoryTexts, sideBySide } from './history';
import { MemoryHost } from './editorHost';
import { SectionSync } from './sectionSync';

/** The history of typing `steps` one change after another into an empty text. */
function historyOf(steps: ((doc: Text) => ChangeSet)[]): HistoryUpdate[] {
  let doc = Text.empty;
  return steps.map((step, i) => {
    const changes = step(doc);
    doc = changes.apply(doc);
    return { version: i + 1, changes: changes.toJSON() as HistoryUpdate['changes'], member: 5 + (i % 2), at: 1000 * i };
  });
}

const steps = [
  (d: Text) => ChangeSet.of([{ from: 0, insert: 'Individual learning accounts' }], d.length),
  (d: Text) => ChangeSet.of([{ from: 11, insert: 'AI ' }], d.length),
  (d: Text) => ChangeSet.of([{ from: 0, to: 11, insert: 'One ' }], d.length),
  (d: Text) => ChangeSet.of([{ from: d.length, insert: '\nfor every worker' }], d.length),
];

describe('history texts', () => {
  const texts = new HistoryTexts(historyOf(steps));
  it.each([
    [0, ''],
    [1, 'Individual learning accounts'],
    [2, 'Individual AI learning accounts'],
    [3, 'One AI learning accounts'],
    [4, 'One AI learning accounts\nfor every worker'],
  ])('the text at version %i', (version, text) => {
    expect(texts.textAt(version)?.toString()).toBe(text);
  });

  it('knows its latest version, and nothing beyond', () => {
    expect(texts.latest).toBe(4);
    expect(texts.textAt(5)).toBeNull();
    expect(texts.textAt(-1)).toBeNull();
  });

  it('stops at an update that does not fit, or a missing version', () => {
    const bad = historyOf(steps);
    bad[2] = { ...bad[2], changes: [99, [0, 'x']] };
    const broken = new HistoryTexts(bad);
    expect(broken.textAt(2)?.toString()).toBe('Individual AI learning accounts');
    expect(broken.textAt(3)).toBeNull();
    const gap = new HistoryTexts(historyOf(steps).filter((u) => u.version !== 2));
    expect(gap.textAt(1)?.toString()).toBe('Individual learning accounts');
    expect(gap.textAt(2)).toBeNull();
  });
});

describe('fetchHistory', () => {
  it('asks while `more`, from the last version received, and counts nothing twice', async () => {
    const all = historyOf(steps);
    const asked: number[] = [];
    // A server whose `from` is inclusive: each page starts with the last one's end.
    const result = await fetchHistory(async (from) => {
      asked.push(from);
      const page = all.filter((u) => u.version >= from).slice(0, 2);
      return { updates: page, more: page.length > 0 && page[page.length - 1].version < 4 };
    });
    expect(result.map((u) => u.version)).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([0, 2, 3]);
  });

  it('stops on an empty page', async () => {
    const result = await fetchHistory(async () => ({ updates: [], more: true }));
    expect(result).toEqual([]);
  });

  it('pages through the fake authority and restores an old version as one new update', async () => {
    const authority = new FakeAuthority();
    const link = new FakeLink(authority, 'a', 5);
    const timers = new FakeTimers();
    const sync = new SectionSync({
      proposal: 4,
      section: 0,
      transport: link,
      storage: new MemoryStorage(),
      storageKey: 'k',
      tabId: 't',
      timers,
      now: () => timers.clock,
    });
    const host = new MemoryHost();
    host.onTransactions = (trs) => sync.afterTransactions(trs);
    sync.setHost(host);
    sync.start();
    link.connect();
    await pump(link, timers);
    let doc = sync.state.doc;
    for (const step of steps) {
      host.dispatch(sync.state.update({ changes: step(doc), selection: EditorSelection.cursor(0) }));
      doc = sync.state.doc;
      await pump(link, timers);
    }
    expect(authority.text(4, 0)).toBe('One AI learning accounts\nfor every worker');

    const history = await (async () => {
      const p = fetchHistory((from) =>
        link.request<'section_history'>({ type: 'section_history', proposal: 4, section: 0, from }),
      );
      for (let i = 0; i < 10; i++) {
        while (link.deliverToServer());
        while (link.deliverToClient()) await settle();
        await settle();
      }
      return p;
    })();
    expect(history.map((u) => u.version)).toEqual([1, 2, 3, 4]);
    const texts = new HistoryTexts(history);
    const old = texts.textAt(2)?.toString() ?? '';
    expect(sync.replaceText(old)).toBe(true);
    await pump(link, timers);
    expect(authority.text(4, 0)).toBe('Individual AI learning accounts');
    // One new update on top; the old ones untouched.
    expect(authority.section(4, 0).updates).toHaveLength(5);
    const after = new HistoryTexts(
      authority
        .section(4, 0)
        .updates.map((u, i) => ({ version: i + 1, changes: u.changes.toJSON() as never, member: 5, at: 0 })),
    );
    expect(after.textAt(4)?.toString()).toBe('One AI learning accounts\nfor every worker');
    expect(after.textAt(5)?.toString()).toBe(old);
  });
});

describe('side-by-side diff', () => {
  it('marks removed words on the left and added ones on the right', () => {
    const { left, right } = sideBySide('One AI learning account', 'One personal learning account each');
    expect(left.map((p) => p.text).join('')).toBe('One AI learning account');
    expect(right.map((p) => p.text).join('')).toBe('One personal learning account each');
    expect(left.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['AI']);
    expect(right.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['personal', 'each']);
    expect(left.some((p) => p.kind === 'added') || right.some((p) => p.kind === 'removed')).toBe(false);
  });

  it('shows nothing marked when the texts are equal', () => {
    const { left, right } = sideBySide('same\ntext', 'same\ntext');
    expect([...left, ...right].every((p) => p.kind === 'same')).toBe(true);
  });
});
