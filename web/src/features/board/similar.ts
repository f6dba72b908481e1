/**
 * Similar ideas while someone types (issue 18). After a pause in typing the composer asks the
 * server (`similar_ideas`) for the ideas of the track most like the draft, and shows them with
 * "This is mine too". Only the newest question counts: the answer to a text that has changed
 * since, or that comes after the text was cleared, is dropped. Offline, and on a refusal,
 * nothing is said. Pure of the DOM: the question and the timers are injected, so tests drive
 * it with fakes.
 */
import type { Idea, SimilarIdea } from '../../protocol';
import { supportersOf, supportsIdea } from '../../ideaViews';
import type { AppState } from '../../store';
import { isMine } from '../../store';

/** How long typing pauses before the composer asks. */
export const SIMILAR_PAUSE_MS = 350;
/** A draft shorter than this (in characters, spaces at the ends aside) is not asked about. */
export const SIMILAR_MIN_CHARS = 12;
/** At most this many similar ideas are shown. */
export const SIMILAR_SHOWN = 3;

/** Whether a draft is long enough to look for similar ideas. */
export function worthAsking(text: string): boolean {
  return [...text.trim()].length >= SIMILAR_MIN_CHARS;
}

/**
 * Tickets for answers of which only the newest counts: each question takes the next ticket,
 * which makes every earlier one stale; `cancel` makes them all stale.
 */
export class LatestOnly {
  private current = 0;

  next(): number {
    return ++this.current;
  }

  cancel(): void {
    this.current++;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.current;
  }
}

export interface LookupTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: LookupTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Asks for similar ideas after each pause in typing. `typed` is called with every change of
 * the draft (and of the track or the connection); `show` gets what to show: the newest
 * answer, or nothing. The ideas shown stay while the person goes on typing, until the next
 * answer replaces them; they go at once when the draft becomes too short or the connection
 * is lost.
 */
export class SimilarLookup {
  private readonly latest = new LatestOnly();
  private timer: unknown = null;
  /** The track and text of the newest question (sent or answered), or null. */
  private asked: string | null = null;

  constructor(
    private readonly ask: (track: number, text: string) => Promise<SimilarIdea[]>,
    private readonly show: (found: SimilarIdea[]) => void,
    private readonly timers: LookupTimers = browserTimers,
  ) {}

  typed(track: number, text: string, online: boolean): void {
    const trimmed = text.trim();
    const key = `${track}\n${trimmed}`;
    if (online && worthAsking(trimmed) && key === this.asked) return;
    this.clearTimer();
    this.latest.cancel();
    this.asked = null;
    if (!online || !worthAsking(trimmed)) {
      this.show([]);
      return;
    }
    this.timer = this.timers.set(() => {
      this.timer = null;
      const ticket = this.latest.next();
      this.asked = key;
      this.ask(track, trimmed).then(
        (found) => {
          if (this.latest.isCurrent(ticket)) this.show(Array.isArray(found) ? found.slice(0, SIMILAR_SHOWN) : []);
        },
        () => {
          // Refused or the connection lost: say nothing, and ask again on the next change.
          if (!this.latest.isCurrent(ticket)) return;
          this.asked = null;
          this.show([]);
        },
      );
    }, SIMILAR_PAUSE_MS);
  }

  /** Forgets the question in flight and the one waiting (the composer goes). */
  stop(): void {
    this.clearTimer();
    this.latest.cancel();
    this.asked = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}

/** One similar idea as the composer shows it. */
export interface SimilarMatch {
  idea: Idea;
  /** Its supporters, those of the ideas merged beneath it included. */
  supporters: number;
  /** The person supports it already. */
  supported: boolean;
}

/**
 * The similar ideas to show: those the server named that this member sees in the track (an
 * idea that has gone meanwhile is left out), other people's only (one's own idea cannot be
 * "mine too"), best first, at most SIMILAR_SHOWN.
 */
export function similarMatches(
  found: readonly SimilarIdea[],
  state: Pick<AppState, 'ideas' | 'you'>,
  track: number,
): SimilarMatch[] {
  const out: SimilarMatch[] = [];
  const seen = new Set<number>();
  for (const { idea: id } of found) {
    const idea = state.ideas[id];
    if (!idea || seen.has(id) || idea.track !== track || idea.hidden || isMine(idea, state.you)) continue;
    seen.add(id);
    out.push({
      idea,
      supporters: supportersOf(state.ideas, id).length,
      supported: supportsIdea(idea, state.you?.id),
    });
    if (out.length === SIMILAR_SHOWN) break;
  }
  return out;
}
