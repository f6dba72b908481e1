/**
 * What the big screen shows now: the facilitator's choice (`set_screen`), with `auto` worked out
 * from the phase (docs/protocol.md, "Big screen"), the track and the round it is about, and the
 * arithmetic of its automatic pages. Pure functions over the store's state.
 */
import { currentPhase } from '../../agenda';
import { t } from '../../i18n';
import type { Round, ScreenMode, Track } from '../../protocol';
import type { AppState } from '../../store';

/** A mode the screen actually draws (`auto` resolved). */
export type ShownMode = Exclude<ScreenMode, 'auto'>;

export interface ShownScreen {
  mode: ShownMode;
  /** Whether the facilitator left it to follow the phase. */
  auto: boolean;
  /** The track of the wall and clusters; null: every track. */
  track: number | null;
  /** The round of progress and results; null when there is none. */
  round: Round | null;
}

type ScreenSource = Pick<AppState, 'agenda' | 'screen' | 'rounds' | 'results' | 'event'>;

function newestFirst(state: Pick<AppState, 'rounds'>): Round[] {
  return Object.values(state.rounds).sort((a, b) => b.openedAt - a.openedAt || b.id - a.id);
}

/** The newest round open for votes, or null. */
export function newestOpenRound(state: Pick<AppState, 'rounds'>): Round | null {
  return newestFirst(state).find((r) => r.state === 'open') ?? null;
}

/** Whether the screen may show a round's results: revealed, or open with live results. */
export function resultsShown(state: Pick<AppState, 'results'>, round: Round): boolean {
  const public_ = round.state === 'revealed' || (round.liveResults && round.state === 'open');
  return public_ && Array.isArray(state.results[round.id]);
}

/** The newest revealed round, or null. */
export function newestRevealedRound(state: Pick<AppState, 'rounds'>): Round | null {
  return newestFirst(state).find((r) => r.state === 'revealed') ?? null;
}

/** The round a mode is about: the chosen one, else the newest that fits the mode. */
function roundFor(state: ScreenSource, mode: ShownMode, chosen: number | null | undefined): Round | null {
  if (chosen !== null && chosen !== undefined && state.rounds[chosen]) return state.rounds[chosen];
  const newest = newestFirst(state)[0] ?? null;
  if (mode === 'progress') return newestOpenRound(state) ?? newest;
  if (mode === 'results') return newestFirst(state).find((r) => resultsShown(state, r)) ?? newest;
  return null;
}

/**
 * The mode `auto` shows in the current phase: before the start and in the welcome, how to
 * join; ideation the wall; clustering the clusters; voting the progress of the newest open
 * round, or the results of the newest revealed one when none is open; otherwise the wall.
 */
export function autoMode(state: Pick<AppState, 'agenda' | 'rounds'>): ShownMode {
  const phase = currentPhase(state.agenda);
  // Before the agenda starts the room is still arriving: how to join comes first.
  if (phase === null) return 'join';
  if (phase.kind === 'welcome') return 'join';
  if (phase.kind === 'ideation') return 'wall';
  if (phase.kind === 'clustering') return 'clusters';
  if (phase.kind === 'voting') {
    if (newestOpenRound(state) !== null) return 'progress';
    return newestRevealedRound(state) !== null ? 'results' : 'progress';
  }
  return 'wall';
}

/** What the screen shows now. */
export function shownScreen(state: ScreenSource): ShownScreen {
  const chosen = state.screen.mode ?? 'auto';
  const auto = chosen === 'auto';
  const mode = auto ? autoMode(state) : chosen;
  const tracks = state.event?.tracks ?? [];
  const track = state.screen.track;
  return {
    mode,
    auto,
    track: track !== null && tracks.some((tr) => tr.id === track) ? track : null,
    round: roundFor(state, mode, auto ? null : state.screen.round),
  };
}

/** How many pages `total` things take at `per` a page (at least one). */
export function pageCount(total: number, per: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, per)));
}

/** The things on page `page` (wrapped into range). */
export function pageOf<T>(items: readonly T[], page: number, per: number): { items: T[]; from: number; to: number } {
  const pages = pageCount(items.length, per);
  const p = ((page % pages) + pages) % pages;
  const from = p * per;
  const slice = items.slice(from, from + per);
  return { items: slice, from: slice.length > 0 ? from + 1 : 0, to: from + slice.length };
}

/** The tile grid for `n` tiles on a page: one row of up to four, else two rows. */
export function tileGrid(n: number): { '--cols': number; '--rows': number } {
  const count = Math.max(1, n);
  if (count <= 4) return { '--cols': count, '--rows': 1 };
  const cols = Math.ceil(count / 2);
  return { '--cols': cols, '--rows': Math.ceil(count / cols) };
}

/** The colour of a track's tiles (its place in the event, seven colours round). */
export function accentOf(tracks: readonly { id: number }[], track: number): number {
  return (
    Math.max(
      0,
      tracks.findIndex((tr) => tr.id === track),
    ) % 7
  );
}

/** What the screen shows, in words: "Idea wall: Public sector (automatic)". */
export function describeShown(shown: ShownScreen, tracks: readonly Track[]): string {
  const what = t(`screen.mode.${shown.mode}`);
  let of: string | null = null;
  if (shown.mode === 'wall' || shown.mode === 'clusters') {
    of = tracks.find((tr) => tr.id === shown.track)?.name ?? t('screen.allTracks');
  } else if (shown.mode === 'progress' || shown.mode === 'results') {
    of = shown.round?.title ?? null;
  }
  const text = of === null ? what : t('screen.previewOf', { what, of });
  return shown.auto ? t('screen.previewAuto', { what: text }) : text;
}
