/**
 * The final report's structure as the facilitator edits it (docs/protocol.md, "The final
 * report"): chapters holding proposals in printed order, numbered 1..N continuously across
 * chapters. Every function here is pure and returns new chapters, leaving its input as it
 * is; an edit that is not possible (an unknown proposal, a chapter out of range) returns
 * the input unchanged. `setChaptersCommand` turns the result into the one command that
 * sends the whole structure. The limits checked here are the server's (`limits` of the
 * snapshot); without them only what needs none is checked, and the server stays the judge.
 */
import type { Limits, Proposal, Report, ReportChapter, ResultItem, Round } from '../../protocol';
import { itemKindOf } from '../voting/roundItems';

const chars = (s: string) => [...s].length;

/** The texts of `set_report`. */
export type ReportTextField = 'title' | 'subtitle' | 'date' | 'foreword' | 'method';

/** The most each text of `set_report` may hold (code points); undefined: not known. */
export function reportTextMax(limits: Limits | null): Record<ReportTextField, number | undefined> {
  return {
    title: limits?.reportTitle,
    subtitle: limits?.subtitle,
    date: limits?.date,
    foreword: limits?.reportText,
    method: limits?.reportText,
  };
}

/**
 * The first text `set_report` would refuse, in form order: a title empty (after trimming) or
 * too long, or another text too long (`max` undefined: only the empty title is known).
 */
export function reportTextProblem(
  texts: Readonly<Record<ReportTextField, string>>,
  limits: Limits | null,
): { field: ReportTextField; max: number | undefined } | null {
  const max = reportTextMax(limits);
  const title = chars(texts.title.trim());
  if (title < 1 || (max.title !== undefined && title > max.title)) return { field: 'title', max: max.title };
  for (const field of ['subtitle', 'date', 'foreword', 'method'] as const) {
    const most = max[field];
    if (most !== undefined && chars(texts[field]) > most) return { field, max: most };
  }
  return null;
}

/** Whether a chapter title (trimmed) is one `set_chapters` takes: 1 to the limit code points. */
export function validChapterTitle(title: string, limits: Limits | null): boolean {
  const n = chars(title.trim());
  return n >= 1 && (limits === null || n <= limits.chapterTitle);
}

/**
 * How many proposals `prefill_report` is to take, from what was typed: a whole number from 1
 * to the report's limit of proposals, else null.
 */
export function prefillTop(text: string, limits: Limits | null): number | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1) return null;
  return limits === null || n <= limits.reportProposals ? n : null;
}

/** Where a proposal sits: its chapter and its index in that chapter. */
export interface Place {
  chapter: number;
  index: number;
}

/** A proposal in printed order with its number (1..N across chapters). */
export interface Numbered {
  proposal: number;
  n: number;
  place: Place;
}

/** Every proposal of the report in printed order, numbered from 1. */
export function numbered(chapters: readonly ReportChapter[]): Numbered[] {
  const out: Numbered[] = [];
  chapters.forEach((c, chapter) =>
    c.proposals.forEach((proposal, index) => out.push({ proposal, n: out.length + 1, place: { chapter, index } })),
  );
  return out;
}

/** Proposal id → its printed number. */
export function numbering(chapters: readonly ReportChapter[]): Map<number, number> {
  return new Map(numbered(chapters).map((e) => [e.proposal, e.n]));
}

/** The number the first proposal of each chapter gets (chapter index → n; empty chapters too). */
export function firstNumbers(chapters: readonly ReportChapter[]): number[] {
  const out: number[] = [];
  let n = 1;
  for (const c of chapters) {
    out.push(n);
    n += c.proposals.length;
  }
  return out;
}

/** Where a proposal is in the report, or null. */
export function placeOf(chapters: readonly ReportChapter[], proposal: number): Place | null {
  for (let chapter = 0; chapter < chapters.length; chapter++) {
    const index = (chapters[chapter] as ReportChapter).proposals.indexOf(proposal);
    if (index >= 0) return { chapter, index };
  }
  return null;
}

function copy(chapters: readonly ReportChapter[]): ReportChapter[] {
  return chapters.map((c) => ({ ...c, proposals: [...c.proposals] }));
}

/** The chapters without `proposal` (wherever it was). */
export function removeProposal(chapters: readonly ReportChapter[], proposal: number): ReportChapter[] {
  if (placeOf(chapters, proposal) === null) return chapters as ReportChapter[];
  return chapters.map((c) =>
    c.proposals.includes(proposal) ? { ...c, proposals: c.proposals.filter((p) => p !== proposal) } : c,
  );
}

/**
 * Moves (or adds) `proposal` so that it ends up at `index` of chapter `chapter`, counted in
 * the chapter as it is after taking the proposal out; an index past the end appends. This
 * is what dropping a proposal before the one at `index` means once the dragged one is
 * lifted out.
 */
export function moveProposal(chapters: readonly ReportChapter[], proposal: number, to: Place): ReportChapter[] {
  if (to.chapter < 0 || to.chapter >= chapters.length) return chapters as ReportChapter[];
  const next = copy(removeProposal(chapters, proposal));
  const target = next[to.chapter] as ReportChapter;
  const index = Math.max(0, Math.min(to.index, target.proposals.length));
  target.proposals.splice(index, 0, proposal);
  return next;
}

/**
 * Drops `proposal` before the proposal `before` (or at the end of chapter `chapter` when
 * `before` is null). Dropping a proposal on itself changes nothing.
 */
export function dropBefore(
  chapters: readonly ReportChapter[],
  proposal: number,
  chapter: number,
  before: number | null,
): ReportChapter[] {
  if (before === proposal) return chapters as ReportChapter[];
  const lifted = removeProposal(chapters, proposal);
  const target = lifted[chapter];
  if (!target) return chapters as ReportChapter[];
  const index = before === null ? target.proposals.length : target.proposals.indexOf(before);
  return moveProposal(chapters, proposal, { chapter, index: index < 0 ? target.proposals.length : index });
}

/**
 * One step earlier: up past the proposal above it in its chapter (its number drops by
 * one), or from the top of a chapter to the end of the chapter before it (same number,
 * other chapter). The first proposal of the first chapter stays put.
 */
export function moveUp(chapters: readonly ReportChapter[], proposal: number): ReportChapter[] {
  const at = placeOf(chapters, proposal);
  if (at === null) return chapters as ReportChapter[];
  if (at.index > 0) return moveProposal(chapters, proposal, { chapter: at.chapter, index: at.index - 1 });
  if (at.chapter === 0) return chapters as ReportChapter[];
  const before = at.chapter - 1;
  return moveProposal(chapters, proposal, {
    chapter: before,
    index: (chapters[before] as ReportChapter).proposals.length,
  });
}

/** One step later: down past the next in its chapter, or from the bottom to the top of the next chapter. */
export function moveDown(chapters: readonly ReportChapter[], proposal: number): ReportChapter[] {
  const at = placeOf(chapters, proposal);
  if (at === null) return chapters as ReportChapter[];
  const own = chapters[at.chapter] as ReportChapter;
  if (at.index < own.proposals.length - 1) {
    return moveProposal(chapters, proposal, { chapter: at.chapter, index: at.index + 1 });
  }
  if (at.chapter === chapters.length - 1) return chapters as ReportChapter[];
  return moveProposal(chapters, proposal, { chapter: at.chapter + 1, index: 0 });
}

/** Whether moveUp / moveDown would change anything. */
export function canMove(chapters: readonly ReportChapter[], proposal: number): { up: boolean; down: boolean } {
  const at = placeOf(chapters, proposal);
  if (at === null) return { up: false, down: false };
  const own = chapters[at.chapter] as ReportChapter;
  return {
    up: at.index > 0 || at.chapter > 0,
    down: at.index < own.proposals.length - 1 || at.chapter < chapters.length - 1,
  };
}

/** Moves (or adds) `proposal` to the end of chapter `chapter`; already there: unchanged. */
export function moveToChapter(chapters: readonly ReportChapter[], proposal: number, chapter: number): ReportChapter[] {
  const at = placeOf(chapters, proposal);
  if (at !== null && at.chapter === chapter) return chapters as ReportChapter[];
  const target = chapters[chapter];
  if (!target) return chapters as ReportChapter[];
  return moveProposal(chapters, proposal, { chapter, index: target.proposals.length });
}

/** A new, empty chapter at the end. */
export function addChapter(chapters: readonly ReportChapter[], title: string, intro = ''): ReportChapter[] {
  return [...chapters, { title, intro, proposals: [] }];
}

/** Chapter `index` with a new title and introduction. */
export function editChapter(
  chapters: readonly ReportChapter[],
  index: number,
  fields: Partial<Pick<ReportChapter, 'title' | 'intro'>>,
): ReportChapter[] {
  if (!chapters[index]) return chapters as ReportChapter[];
  return chapters.map((c, i) => (i === index ? { ...c, ...fields } : c));
}

/** The chapters without chapter `index`; its proposals leave the report. */
export function removeChapter(chapters: readonly ReportChapter[], index: number): ReportChapter[] {
  if (!chapters[index]) return chapters as ReportChapter[];
  return chapters.filter((_, i) => i !== index);
}

/** Chapter `index` swapped with its neighbour (`-1` earlier, `+1` later), proposals and all. */
export function moveChapter(chapters: readonly ReportChapter[], index: number, by: -1 | 1): ReportChapter[] {
  const other = index + by;
  if (!chapters[index] || !chapters[other]) return chapters as ReportChapter[];
  const next = [...chapters];
  [next[index], next[other]] = [next[other] as ReportChapter, next[index] as ReportChapter];
  return next;
}

/** What `set_chapters` would refuse, as catalogue-free codes (the view words them). */
export type ChapterProblem =
  | { kind: 'too_many_chapters'; max: number }
  | { kind: 'too_many_proposals'; max: number }
  /** An empty title, or one longer than `max` (undefined: the limit is not known). */
  | { kind: 'title'; chapter: number; max: number | undefined }
  | { kind: 'intro'; chapter: number; max: number }
  | { kind: 'twice'; proposal: number };

/**
 * The problems of a structure against the server's `limits`, in chapter order; empty:
 * `set_chapters` may send it. Without limits: empty titles and proposals placed twice only.
 */
export function chapterProblems(chapters: readonly ReportChapter[], limits: Limits | null): ChapterProblem[] {
  const out: ChapterProblem[] = [];
  if (limits !== null && chapters.length > limits.chapters) {
    out.push({ kind: 'too_many_chapters', max: limits.chapters });
  }
  const seen = new Set<number>();
  let total = 0;
  chapters.forEach((c, chapter) => {
    if (!validChapterTitle(c.title, limits)) out.push({ kind: 'title', chapter, max: limits?.chapterTitle });
    if (limits !== null && chars(c.intro) > limits.chapterIntro) {
      out.push({ kind: 'intro', chapter, max: limits.chapterIntro });
    }
    for (const p of c.proposals) {
      if (seen.has(p)) out.push({ kind: 'twice', proposal: p });
      seen.add(p);
      total++;
    }
  });
  if (limits !== null && total > limits.reportProposals) {
    out.push({ kind: 'too_many_proposals', max: limits.reportProposals });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Proposals, rounds and votes around the report

/** Whether members may read the report now: the server sent it and it is published. */
export function isPublished(report: Report | null): report is Report & { published: true } {
  return report !== null && report.published === true;
}

/** The rounds over proposals (final rounds), newest first. */
export function finalRounds(rounds: Record<number, Round>): Round[] {
  return Object.values(rounds)
    .filter((r) => itemKindOf(r) === 'proposals')
    .sort((a, b) => b.id - a.id);
}

/** A proposal's result in a round. */
export interface ProposalVotes {
  votes: number;
  voters: number;
  rank: number;
}

/** Proposal id → its votes in the report's round, when the store has that round's results. */
export function reportVotes(
  report: Pick<Report, 'round'> | null,
  results: Record<number, ResultItem[]>,
): Map<number, ProposalVotes> {
  const out = new Map<number, ProposalVotes>();
  if (!report || report.round === null) return out;
  for (const r of results[report.round] ?? []) out.set(r.item, { votes: r.votes, voters: r.voters, rank: r.rank });
  return out;
}

/**
 * The proposals not in the report, to add: best ranked first when the report's round has
 * results, then by track (in the event's order) and title.
 */
export function proposalsOutside(
  proposals: Record<number, Proposal>,
  chapters: readonly ReportChapter[],
  votes: Map<number, ProposalVotes> = new Map(),
  trackOrder: readonly number[] = [],
): Proposal[] {
  const inside = new Set(chapters.flatMap((c) => c.proposals));
  const rank = (p: Proposal) => votes.get(p.id)?.rank ?? Number.POSITIVE_INFINITY;
  const track = (p: Proposal) => {
    const i = trackOrder.indexOf(p.track);
    return i < 0 ? trackOrder.length : i;
  };
  return Object.values(proposals)
    .filter((p) => !inside.has(p.id))
    .sort((a, b) => rank(a) - rank(b) || track(a) - track(b) || a.title.localeCompare(b.title) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------
// The preview

/**
 * The report's HTML made safe and workable inside a `sandbox=""` iframe's `srcdoc`: a
 * Content-Security-Policy that forbids scripts (also for the print window, which is not
 * sandboxed), and a base so that the table of contents' `#anchor` links stay within the
 * document instead of loading the app's address into the frame.
 */
export function previewDocument(html: string, options: { base?: string } = {}): string {
  const head =
    `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'">` +
    (options.base ? `<base href="${options.base}">` : '');
  const match = /<head[^>]*>/i.exec(html);
  if (match) return html.slice(0, match.index + match[0].length) + head + html.slice(match.index + match[0].length);
  return `<!DOCTYPE html><html><head>${head}</head><body>${html}</body></html>`;
}
