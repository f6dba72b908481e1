/**
 * The section syncs of one session (one page's identity at an event), by section.
 *
 * A view acquires a section's sync while it shows the section and releases it when it goes.
 * A released section whose edits are all confirmed is closed at once; one with unconfirmed
 * edits keeps its sync (the state in memory) until the server has confirmed them, then it is
 * closed. The page asks `unsaved()` before it unloads, and `flush()` writes every sync's
 * unconfirmed edits to storage.
 */
import type { Extension } from '@codemirror/state';
import type { Timers } from '../connection';
import type { KeyValueStorage } from '../storage';
import type { SectionTransport } from './syncTypes';
import { SectionSync } from './sectionSync';

export interface RegistryOptions {
  transport: SectionTransport;
  storage: KeyValueStorage;
  /** The storage key of one section's unconfirmed edits. */
  storageKey: (proposal: number, section: number) => string;
  tabId: string;
  /** The member this page speaks for, when known. */
  self: () => number | null;
  extensions?: () => Extension;
  /** The longest a section's text may be (the server's `sectionChars`), null while not known. */
  maxLength?: () => number | null;
  timers?: Timers;
  now?: () => number;
}

interface Entry {
  sync: SectionSync;
  users: number;
  unsubscribe: (() => void) | null;
}

export class SectionRegistry {
  private readonly entries = new Map<string, Entry>();
  private frozen = false;

  constructor(private readonly options: RegistryOptions) {}

  /** The sync of a section, started when new; release it with `release`. */
  acquire(proposal: number, section: number): SectionSync {
    const key = `${proposal}:${section}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const o = this.options;
      const sync = new SectionSync({
        proposal,
        section,
        transport: o.transport,
        storage: o.storage,
        storageKey: o.storageKey(proposal, section),
        tabId: o.tabId,
        self: o.self(),
        extensions: o.extensions,
        maxLength: o.maxLength,
        timers: o.timers,
        now: o.now,
      });
      entry = { sync, users: 0, unsubscribe: null };
      this.entries.set(key, entry);
      sync.start();
      sync.setFrozen(this.frozen);
    }
    entry.unsubscribe?.();
    entry.unsubscribe = null;
    entry.users++;
    return entry.sync;
  }

  /** The view no longer shows the section. */
  release(sync: SectionSync): void {
    const key = `${sync.proposal}:${sync.section}`;
    const entry = this.entries.get(key);
    if (!entry || entry.sync !== sync) return;
    entry.users = Math.max(0, entry.users - 1);
    if (entry.users > 0) return;
    sync.releaseHost();
    if (!sync.unsaved) {
      this.drop(key, entry);
      return;
    }
    // Closed once the server has confirmed everything (or the page goes).
    entry.unsubscribe = sync.subscribe(() => {
      if (!sync.unsaved && entry.users === 0) this.drop(key, entry);
    });
  }

  private drop(key: string, entry: Entry): void {
    entry.unsubscribe?.();
    entry.unsubscribe = null;
    entry.sync.close();
    this.entries.delete(key);
  }

  /** Proposals were frozen or unfrozen (edits held by `frozen` go out once unfrozen). */
  setFrozen(frozen: boolean): void {
    this.frozen = frozen;
    for (const e of this.entries.values()) e.sync.setFrozen(frozen);
  }

  /** Whether any section has edits the server has not confirmed. */
  unsaved(): boolean {
    for (const e of this.entries.values()) if (e.sync.unsaved) return true;
    return false;
  }

  /** How many sections have unconfirmed edits. */
  unsavedCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.sync.unsaved) n++;
    return n;
  }

  /** Writes every unconfirmed edit to storage now (the page is going away). */
  flush(): void {
    for (const e of this.entries.values()) e.sync.saveNow();
  }

  /** Closes every section (the session stops); unconfirmed edits stay in storage. */
  closeAll(): void {
    for (const [key, e] of [...this.entries]) this.drop(key, e);
  }
}
