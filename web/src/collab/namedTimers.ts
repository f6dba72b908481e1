/**
 * A set of one-shot timers by name over injected Timers: at most one pending per name.
 */
import type { Timers } from '../connection';

export class NamedTimers<Name extends string> {
  private readonly pending = new Map<Name, unknown>();

  constructor(private readonly timers: Timers) {}

  /** Runs `fn` after `ms`, replacing the timer of that name if one is pending. */
  start(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    const handle = this.timers.set(() => {
      this.pending.delete(name);
      fn();
    }, ms);
    this.pending.set(name, handle);
  }

  /** Whether the timer of that name is pending. */
  has(name: Name): boolean {
    return this.pending.has(name);
  }

  /** Cancels the timer of that name (nothing when none is pending). */
  clear(name: Name): void {
    const handle = this.pending.get(name);
    if (handle === undefined) return;
    this.timers.clear(handle);
    this.pending.delete(name);
  }

  /** Cancels every pending timer. */
  clearAll(): void {
    for (const name of [...this.pending.keys()]) this.clear(name);
  }
}
