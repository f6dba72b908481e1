import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage';
import { FakeAuthority, FakeLink, FakeTimers, pump } from './authority.test-support';
import { ChangeSet } from '@codemirror/state';
import { claimable, STALE_MS, storedSections } from './persist';
import { SectionRegistry } from './registry';
import { MemoryHost } from './editorHost';

function setup() {
  const authority = new FakeAuthority();
  const link = new FakeLink(authority, 'a', 5);
  const timers = new FakeTimers();
  const storage = new MemoryStorage();
  const registry = new SectionRegistry({
    transport: link,
    storage,
    storageKey: (p, s) => `k.${p}.${s}`,
    tabId: 't',
    self: () => 5,
    timers,
    now: () => timers.clock,
  });
  return { authority, link, timers, storage, registry, pump: () => pump(link, timers) };
}

describe('SectionRegistry', () => {
  it('shares one sync per section and closes it when the last view releases it', async () => {
    const { link, registry, pump } = setup();
    link.connect();
    const a = registry.acquire(4, 0);
    const b = registry.acquire(4, 0);
    expect(b).toBe(a);
    await pump();
    expect(link.open.has('4:0')).toBe(true);
    registry.release(a);
    await pump();
    expect(link.open.has('4:0')).toBe(true);
    registry.release(b);
    await pump();
    expect(link.open.has('4:0')).toBe(false);
    expect(registry.acquire(4, 0)).not.toBe(a);
  });

  it('keeps a released section with unconfirmed edits until they are saved', async () => {
    const { authority, link, registry, pump, storage } = setup();
    link.connect();
    const sync = registry.acquire(4, 1);
    await pump();
    link.disconnect();
    // A view (here a memory host) types offline, then goes away.
    const view = new MemoryHost();
    view.onTransactions = (trs) => sync.afterTransactions(trs);
    sync.setHost(view);
    view.dispatch(sync.state.update({ changes: { from: 0, insert: 'offline words' } }));
    registry.release(sync);
    expect(registry.unsaved()).toBe(true);
    expect(registry.unsavedCount()).toBe(1);
    registry.flush();
    expect(storedSections(storage, 'k.4.1')).toHaveLength(1);
    link.connect();
    await pump();
    expect(authority.text(4, 1)).toBe('offline words');
    expect(registry.unsaved()).toBe(false);
    expect(link.open.has('4:1')).toBe(false);
  });

  it('passes the frozen flag to every sync, new ones included', async () => {
    const { link, registry, pump, authority } = setup();
    link.connect();
    const sync = registry.acquire(4, 2);
    await pump();
    link.refusePush = 'frozen';
    const view = new MemoryHost();
    view.onTransactions = (trs) => sync.afterTransactions(trs);
    sync.setHost(view);
    view.dispatch(sync.state.update({ changes: { from: 0, insert: 'x' } }));
    await pump();
    expect(sync.status.save).toBe('held');
    link.refusePush = null;
    registry.setFrozen(true);
    await pump();
    expect(sync.status.save).toBe('held');
    registry.setFrozen(false);
    await pump();
    expect(authority.text(4, 2)).toBe('x');
  });
});

describe('removePrefix', () => {
  it('removes the section keys of one session only, where the storage lists its keys', async () => {
    const { keys, removePrefix } = await import('../storage');
    const items = new Map<string, string>([
      [keys.section('K7QX2M', 4, 0), 'a'],
      [keys.section('K7QX2M', 4, 1), 'b'],
      [keys.section('K7QX2M.facilitate', 4, 0), 'c'],
      ['roundtable.token.K7QX2M', 't'],
    ]);
    const listing = {
      get length() {
        return items.size;
      },
      key: (i: number) => [...items.keys()][i] ?? null,
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    removePrefix(listing, keys.sections('K7QX2M'));
    expect([...items.keys()]).toEqual([keys.section('K7QX2M.facilitate', 4, 0), 'roundtable.token.K7QX2M']);
    removePrefix(new MemoryStorage(), 'x'); // cannot list: nothing happens
  });
});

describe('stored edits resumed in the background', () => {
  it('a section acquired and released at once sends what storage holds, then closes', async () => {
    const { authority, link, registry, pump, storage, timers } = setup();
    authority.acceptDirect(4, 3, 'seed', (doc) => ChangeSet.of([{ from: 0, insert: 'base' }], doc.length));
    storage.setItem(
      'k.4.3',
      JSON.stringify({
        old: { clientID: 'old', version: 1, text: 'base', unconfirmed: [[4, [0, ' kept']]], owner: 'gone', at: 0 },
      }),
    );
    timers.clock = STALE_MS + 1;
    expect(claimable(storage, 'k.4.3', 't', timers.clock)).toBe(true);
    expect(claimable(storage, 'k.4.3', 't', 10)).toBe(false); // its tab may still be alive
    link.connect();
    registry.release(registry.acquire(4, 3));
    expect(registry.unsaved()).toBe(true);
    await pump();
    expect(authority.text(4, 3)).toBe('base kept');
    expect(storedSections(storage, 'k.4.3')).toEqual([]);
    expect(link.open.has('4:3')).toBe(false);
  });
});
