/**
 * Tells the server where this writer's selection is (`cursor`), once the user has placed one:
 * at most every CURSOR_INTERVAL_MS, never the same place twice in a row.
 */
import type { Timers } from '../connection';
import { NamedTimers } from './namedTimers';

/** At most four cursor messages a second. */
export const CURSOR_INTERVAL_MS = 250;

/** The selection in the text at the synced version. */
export interface SyncedCursor {
  version: number;
  anchor: number;
  head: number;
}

export interface CursorSenderOptions {
  /** Whether the section is open (cursors may be scheduled). */
  open(): boolean;
  /** Whether a cursor may go out now (open, and the connection ready). */
  ready(): boolean;
  /** Where the selection is now. */
  position(): SyncedCursor;
  send(at: SyncedCursor): void;
  timers: Timers;
  now: () => number;
}

export class CursorSender {
  private readonly timer: NamedTimers<'cursor'>;
  private last = '';
  private lastAt = -Infinity;
  /** The user has placed a cursor here: others are told where it is from then on. */
  private shared = false;

  constructor(private readonly o: CursorSenderOptions) {
    this.timer = new NamedTimers(o.timers);
  }

  /** The user moved the selection. */
  placed(): void {
    this.shared = true;
  }

  /** Sends the selection as soon as the pace allows (once the user has placed it). */
  schedule(): void {
    if (!this.shared || !this.o.open() || this.timer.has('cursor')) return;
    const wait = Math.max(0, this.lastAt + CURSOR_INTERVAL_MS - this.o.now());
    this.timer.start('cursor', wait, () => this.sendNow());
  }

  stop(): void {
    this.timer.clearAll();
  }

  private sendNow(): void {
    if (!this.o.ready()) return;
    const at = this.o.position();
    const key = `${at.version}:${at.anchor}:${at.head}`;
    if (key === this.last) return;
    this.last = key;
    this.lastAt = this.o.now();
    this.o.send(at);
  }
}
