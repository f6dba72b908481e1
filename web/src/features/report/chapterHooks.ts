/**
 * The chapters editor's state: the structure shown (ours while sends are unanswered, then the
 * server's), sending it, where the keyboard focus goes after a change, and dragging proposals.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MutableRef } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t } from '../../i18n';
import type { Limits, Report, ReportChapter } from '../../protocol';
import type { Session } from '../../session';
import type { ChapterProblem } from './report';
import { chapterProblems, dropBefore, placeOf, removeProposal } from './report';

/** The drag-and-drop type of a proposal dragged within or into the report. */
export const PROPOSAL_DRAG_TYPE = 'application/x-roundtable-proposal';

/** What makes a proposal's row draggable. */
export interface DragProps {
  draggable: boolean;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: (e: DragEvent) => void;
}

/** What makes an area take dropped proposals. */
export interface DropProps {
  onDragOver: (e: DragEvent) => void;
  onDragLeave: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
}

/** Where a dragged proposal would land: before `before` in a chapter (null: at its end), or out of the report. */
export type DropTarget = { chapter: number; before: number | null } | { chapter: 'outside'; before: null };

/** Where the focus goes after the next render: an element, or the fallback when it is gone or disabled. */
export interface FocusAfter {
  selector: string;
  fallback?: string;
}

export function problemText(p: ChapterProblem): string {
  switch (p.kind) {
    case 'too_many_chapters':
      return t('report.problem.too_many_chapters', { max: p.max });
    case 'too_many_proposals':
      return t('report.problem.too_many_proposals', { max: p.max });
    case 'title':
      return p.max === undefined
        ? t('report.problem.titleEmpty', { n: p.chapter + 1 })
        : t('report.problem.title', { n: p.chapter + 1, max: p.max });
    case 'intro':
      return t('report.problem.intro', { n: p.chapter + 1, max: p.max });
    case 'twice':
      return t('report.problem.twice');
  }
}

const sameChapters = (a: readonly ReportChapter[], b: readonly ReportChapter[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The structure shown and how to change it: `send` checks a new structure against the limits,
 * shows it at once and sends it whole (`set_chapters`); the server's replaces it once every
 * send is answered. `send` returns false when the structure breaks a limit (nothing is sent).
 */
export function useChapterEdits(
  session: Session,
  report: Report,
  limits: Limits | null,
): {
  chapters: ReportChapter[];
  send: (next: ReportChapter[], said?: string) => boolean;
  error: string | null;
  announcement: string;
} {
  const [optimistic, setOptimistic] = useState<ReportChapter[] | null>(null);
  const inflight = useRef(0);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  // The server's structure replaces ours once every change we sent is answered.
  useEffect(() => {
    if (inflight.current === 0) setOptimistic(null);
  }, [report]);

  const chapters = optimistic ?? report.chapters;
  const send = (next: ReportChapter[], said?: string): boolean => {
    if (sameChapters(next, chapters)) return true;
    const problems = chapterProblems(next, limits);
    if (problems.length > 0) {
      setError(problemText(problems[0] as ChapterProblem));
      return false;
    }
    setError(null);
    setOptimistic(next);
    if (said !== undefined) setAnnouncement(said);
    inflight.current++;
    session.actions.report.setChapters(report.round, next).then(
      () => {
        inflight.current--;
      },
      (err: unknown) => {
        inflight.current--;
        setError(errorText(err instanceof CommandError ? err.code : 'unknown'));
        // Refused: show the server's structure again (later sends carry the whole structure).
        if (inflight.current === 0) setOptimistic(null);
      },
    );
    return true;
  };
  return { chapters, send, error, announcement };
}

/** Keyboard users keep their place: set the ref, and after the next render the focus moves there. */
export function useFocusAfter(): MutableRef<FocusAfter | null> {
  const focusAfter = useRef<FocusAfter | null>(null);
  useLayoutEffect(() => {
    const f = focusAfter.current;
    if (!f) return;
    focusAfter.current = null;
    const el = document.querySelector<HTMLElement>(f.selector);
    if (el && !(el as HTMLButtonElement).disabled) el.focus();
    else if (f.fallback) document.querySelector<HTMLElement>(f.fallback)?.focus();
  });
  return focusAfter;
}

function accepts(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes(PROPOSAL_DRAG_TYPE);
}

function draggedId(e: DragEvent): number | null {
  const id = Number(e.dataTransfer?.getData(PROPOSAL_DRAG_TYPE));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * Dragging proposals within and between chapters, into the report and out of it: `moved`
 * gets the new structure and the proposal that moved. `target` is where a drop would land.
 */
export function useChapterDrag(
  chapters: readonly ReportChapter[],
  moved: (next: ReportChapter[], id: number) => void,
  titleOf: (id: number) => string,
): {
  target: DropTarget | null;
  chapterDrop: (chapter: number) => DropProps;
  outsideDrop: DropProps;
  dragProps: (id: number) => DragProps;
} {
  const [target, setTarget] = useState<DropTarget | null>(null);

  const targetAt = (e: DragEvent, chapter: number): DropTarget => {
    const el = (e.target as Element | null)?.closest?.('[data-report-item]') as HTMLElement | null;
    const proposals = (chapters[chapter] as ReportChapter).proposals;
    if (!el) return { chapter, before: null };
    const id = Number(el.dataset.reportItem);
    const rect = el.getBoundingClientRect();
    if (e.clientY < rect.top + rect.height / 2) return { chapter, before: id };
    return { chapter, before: proposals[proposals.indexOf(id) + 1] ?? null };
  };

  const setTargetIfNew = (next: DropTarget | null) => {
    if (next?.chapter !== target?.chapter || next?.before !== target?.before) setTarget(next);
  };

  const over = (e: DragEvent, at: () => DropTarget) => {
    if (!accepts(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    setTargetIfNew(at());
  };
  const leave = (e: DragEvent) => {
    const to = e.relatedTarget as Node | null;
    if (!to || !(e.currentTarget as Node).contains(to)) setTargetIfNew(null);
  };

  const chapterDrop = (chapter: number): DropProps => ({
    onDragOver: (e) => over(e, () => targetAt(e, chapter)),
    onDragLeave: leave,
    onDrop: (e) => {
      if (!accepts(e)) return;
      e.preventDefault();
      const id = draggedId(e);
      const at = targetAt(e, chapter);
      setTarget(null);
      if (id === null || at.chapter === 'outside') return;
      moved(dropBefore(chapters, id, at.chapter, at.before), id);
    },
  });

  const outsideDrop: DropProps = {
    onDragOver: (e) => over(e, () => ({ chapter: 'outside', before: null })),
    onDragLeave: leave,
    onDrop: (e) => {
      if (!accepts(e)) return;
      e.preventDefault();
      setTarget(null);
      const id = draggedId(e);
      if (id === null || placeOf(chapters, id) === null) return;
      moved(removeProposal(chapters, id), id);
    },
  };

  const dragProps = (id: number): DragProps => ({
    draggable: true,
    onDragStart: (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.dataTransfer.setData(PROPOSAL_DRAG_TYPE, String(id));
      e.dataTransfer.setData('text/plain', titleOf(id));
      e.dataTransfer.effectAllowed = 'move';
      (e.currentTarget as HTMLElement).classList.add('final-item--dragging');
    },
    onDragEnd: (e: DragEvent) => {
      (e.currentTarget as HTMLElement).classList.remove('final-item--dragging');
      setTarget(null);
    },
  });

  return { target, chapterDrop, outsideDrop, dragProps };
}
