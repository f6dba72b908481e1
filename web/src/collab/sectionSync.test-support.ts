/**
 * The section syncs of the SectionSync tests: clients on a FakeAuthority, typing and running
 * every link and timer until nothing moves. Used by *.test.ts only.
 */
import { EditorSelection } from '@codemirror/state';
import { MemoryStorage } from '../storage';
import { FakeAuthority, FakeLink, FakeTimers, settle } from './authority.test-support';
import { MemoryHost } from './editorHost';
import { SectionSync } from './sectionSync';

export const P = 4;
export const S = 2;
export const KEY = 'roundtable.section.K7QX2M.4.2';

export interface Client {
  name: string;
  link: FakeLink;
  timers: FakeTimers;
  storage: MemoryStorage;
  sync: SectionSync;
  host: MemoryHost;
}

let ids = 0;

export function client(
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
export function type(c: Client, pos: number, text: string): void {
  const state = c.sync.state;
  const at = Math.min(pos, state.doc.length);
  c.host.dispatch(
    state.update({ changes: { from: at, insert: text }, selection: EditorSelection.cursor(at + text.length) }),
  );
}

export function erase(c: Client, from: number, to: number): void {
  const state = c.sync.state;
  const a = Math.min(from, state.doc.length);
  const b = Math.min(to, state.doc.length);
  if (a >= b) return;
  c.host.dispatch(state.update({ changes: { from: a, to: b } }));
}

/** Delivers everything and runs every timer until nothing moves. */
export async function quiesce(clients: Client[], rounds = 200, check?: (when: string) => void): Promise<void> {
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

export async function startAll(clients: Client[]): Promise<void> {
  for (const c of clients) {
    c.sync.start();
    c.link.connect();
  }
  await quiesce(clients);
}
