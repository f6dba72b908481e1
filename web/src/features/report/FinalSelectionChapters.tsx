import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t, tn } from '../../i18n';
import type { Limits, Proposal, Report, ReportChapter } from '../../protocol';
import type { ChapterProblem, ProposalVotes } from './report';
import {
  addChapter,
  canMove,
  chapterProblems,
  dropBefore,
  editChapter,
  firstNumbers,
  moveChapter,
  moveDown,
  moveToChapter,
  moveUp,
  numbering,
  placeOf,
  proposalsOutside,
  removeChapter,
  removeProposal,
  reportVotes,
  validChapterTitle,
} from './report';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { describedBy, Field } from '../../ui/Field';
import { useLimits } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { ConfirmButtons } from '../../ui/ConfirmButtons';

interface Props {
  session: Session;
  state: AppState;
  report: Report;
}

/** The drag-and-drop type of a proposal dragged within or into the report. */
export const PROPOSAL_DRAG_TYPE = 'application/x-roundtable-proposal';

/** What makes a proposal's row draggable. */
interface DragProps {
  draggable: boolean;
  onDragStart: (e: DragEvent) => void;
  onDragEnd: (e: DragEvent) => void;
}

/** Where a dragged proposal would land: before `before` in a chapter (null: at its end), or out of the report. */
type DropTarget = { chapter: number; before: number | null } | { chapter: 'outside'; before: null };

function problemText(p: ChapterProblem): string {
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
const chars = (s: string) => [...s].length;

/** What a refused chapter title needs, in words (the limit when it is known). */
function titleProblemText(limits: Limits | null): string {
  return limits === null
    ? t('report.chapterTitleEmpty')
    : t('report.chapterTitleRequired', { max: limits.chapterTitle });
}

function accepts(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes(PROPOSAL_DRAG_TYPE);
}

function draggedId(e: DragEvent): number | null {
  const id = Number(e.dataTransfer?.getData(PROPOSAL_DRAG_TYPE));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * The chapters editor: chapters with their introductions and proposals in printed order,
 * numbered 1..N across chapters. Proposals move by drag and drop (within and between
 * chapters, into the report and out of it) or by buttons (up, down, to a chapter, out)
 * for keyboards and phones. Every change sends the whole structure (`set_chapters`), shown
 * at once and replaced by the server's when its `report_changed` arrives.
 */
export function ChaptersEditor({ session, state, report }: Props) {
  const event = state.event;
  const [optimistic, setOptimistic] = useState<ReportChapter[] | null>(null);
  const inflight = useRef(0);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const focusAfter = useRef<{ selector: string; fallback?: string } | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newInvalid, setNewInvalid] = useState(false);
  const limits = useLimits(session);

  // The server's structure replaces ours once every change we sent is answered.
  useEffect(() => {
    if (inflight.current === 0) setOptimistic(null);
  }, [report]);

  // Keyboard users keep their place: the control they used, or the item it moved.
  useLayoutEffect(() => {
    const f = focusAfter.current;
    if (!f) return;
    focusAfter.current = null;
    const el = document.querySelector<HTMLElement>(f.selector);
    if (el && !(el as HTMLButtonElement).disabled) el.focus();
    else if (f.fallback) document.querySelector<HTMLElement>(f.fallback)?.focus();
  });

  if (!event) return null;
  const chapters = optimistic ?? report.chapters;
  const votes = reportVotes(report, state.results);
  const numbers = numbering(chapters);
  const firsts = firstNumbers(chapters);
  const proposalTitle = (id: number) => state.proposals[id]?.title ?? t('report.unknownProposal', { id });
  const trackName = (track: number) => event.tracks.find((tr) => tr.id === track)?.name ?? '';
  const outside = proposalsOutside(
    state.proposals,
    chapters,
    votes,
    event.tracks.map((tr) => tr.id),
  );
  const reportRound = report.round === null ? null : state.rounds[report.round];

  /** Sends a new structure; false when it breaks a limit (nothing is sent then). */
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

  const movedText = (next: ReportChapter[], id: number) => {
    const at = placeOf(next, id);
    if (at === null) return t('report.removed', { title: proposalTitle(id) });
    return t('report.moved', {
      title: proposalTitle(id),
      n: numbering(next).get(id) ?? 0,
      chapter: (next[at.chapter] as ReportChapter).title,
    });
  };

  const move = (next: ReportChapter[], id: number, action: string) => {
    focusAfter.current = {
      selector: `[data-report-item="${id}"] [data-action="${action}"]`,
      fallback: `[data-report-item="${id}"]`,
    };
    send(next, movedText(next, id));
  };

  const takeOut = (id: number) => {
    const next = removeProposal(chapters, id);
    // Focus goes to the next item in printed order, or the list of proposals outside.
    const order = [...numbers.keys()];
    const after = order[order.indexOf(id) + 1] ?? order[order.indexOf(id) - 1];
    focusAfter.current = {
      selector: after !== undefined ? `[data-report-item="${after}"]` : '#report-outside-heading',
    };
    send(next, movedText(next, id));
  };

  // ---- Drag and drop -----------------------------------------------------------------

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

  const chapterDrop = (chapter: number) => ({
    onDragOver: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      setTargetIfNew(targetAt(e, chapter));
    },
    onDragLeave: (e: DragEvent) => {
      const to = e.relatedTarget as Node | null;
      if (!to || !(e.currentTarget as Node).contains(to)) setTargetIfNew(null);
    },
    onDrop: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      const id = draggedId(e);
      const at = targetAt(e, chapter);
      setTarget(null);
      if (id === null || at.chapter === 'outside') return;
      const next = dropBefore(chapters, id, at.chapter, at.before);
      send(next, movedText(next, id));
    },
  });

  const outsideDrop = {
    onDragOver: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      setTargetIfNew({ chapter: 'outside', before: null });
    },
    onDragLeave: (e: DragEvent) => {
      const to = e.relatedTarget as Node | null;
      if (!to || !(e.currentTarget as Node).contains(to)) setTargetIfNew(null);
    },
    onDrop: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      setTarget(null);
      const id = draggedId(e);
      if (id === null || placeOf(chapters, id) === null) return;
      const next = removeProposal(chapters, id);
      send(next, movedText(next, id));
    },
  };

  const dragProps = (id: number): DragProps => ({
    draggable: true,
    onDragStart: (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.dataTransfer.setData(PROPOSAL_DRAG_TYPE, String(id));
      e.dataTransfer.setData('text/plain', proposalTitle(id));
      e.dataTransfer.effectAllowed = 'move';
      (e.currentTarget as HTMLElement).classList.add('final-item--dragging');
    },
    onDragEnd: (e: DragEvent) => {
      (e.currentTarget as HTMLElement).classList.remove('final-item--dragging');
      setTarget(null);
    },
  });

  // ---- Chapters ----------------------------------------------------------------------

  const addNew = (e: Event) => {
    e.preventDefault();
    const title = newTitle.trim();
    if (!validChapterTitle(title, limits)) {
      setNewInvalid(true);
      document.getElementById('report-new-chapter')?.focus();
      return;
    }
    setNewInvalid(false);
    if (send(addChapter(chapters, title))) setNewTitle('');
  };

  const newError = newInvalid ? titleProblemText(limits) : null;
  const voteText = (v: ProposalVotes | undefined) =>
    v ? `${tn('results.votes', v.votes)} · ${t('report.rank', { rank: v.rank })}` : null;

  return (
    <section class="final__chapters" aria-labelledby="report-chapters-heading">
      <h3 id="report-chapters-heading">{t('report.chapters')}</h3>
      <p class="hint">{t('report.chaptersHint')}</p>
      <p class="hint" data-testid="report-round">
        {reportRound ? t('report.votesFrom', { title: reportRound.title }) : t('report.noVotes')}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ErrorLine error={error} />
      {chapters.length === 0 ? <p class="empty">{t('report.noChapters')}</p> : null}

      {chapters.map((chapter, ci) => {
        const headingId = `report-chapter-${ci}`;
        const from = firsts[ci] ?? 1;
        const to = from + chapter.proposals.length - 1;
        const endTarget = target !== null && target.chapter === ci && target.before === null;
        return (
          <section key={ci} class="final-chapter" aria-labelledby={headingId} data-chapter={ci}>
            <div class="final-chapter__head">
              <div>
                <h4 id={headingId} class="final-chapter__title">
                  {t('report.chapterHeading', { n: ci + 1, title: chapter.title })}
                </h4>
                <p class="hint">
                  {tn('report.chapterCount', chapter.proposals.length)}
                  {chapter.proposals.length === 1 ? ` · ${t('report.number', { n: from })}` : ''}
                  {chapter.proposals.length > 1 ? ` · ${t('report.chapterNumbers', { from, to })}` : ''}
                </p>
              </div>
              <div class="final-chapter__actions">
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-expanded={editing === ci}
                  aria-label={t('report.chapterEditLabel', { title: chapter.title })}
                  onClick={() => setEditing(editing === ci ? null : ci)}
                >
                  {t('report.chapterEdit')}
                </button>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  data-action="chapter-up"
                  disabled={ci === 0}
                  aria-label={t('report.chapterUpLabel', { title: chapter.title })}
                  title={t('report.chapterUp')}
                  onClick={() => {
                    focusAfter.current = {
                      selector: `[data-chapter="${ci - 1}"] [data-action="chapter-up"]`,
                      fallback: `[data-chapter="${ci - 1}"] [data-action="chapter-down"]`,
                    };
                    send(moveChapter(chapters, ci, -1));
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  data-action="chapter-down"
                  disabled={ci === chapters.length - 1}
                  aria-label={t('report.chapterDownLabel', { title: chapter.title })}
                  title={t('report.chapterDown')}
                  onClick={() => {
                    focusAfter.current = {
                      selector: `[data-chapter="${ci + 1}"] [data-action="chapter-down"]`,
                      fallback: `[data-chapter="${ci + 1}"] [data-action="chapter-up"]`,
                    };
                    send(moveChapter(chapters, ci, 1));
                  }}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-label={t('report.chapterRemoveLabel', { title: chapter.title })}
                  onClick={() => (chapter.proposals.length === 0 ? send(removeChapter(chapters, ci)) : setRemoving(ci))}
                >
                  {t('report.chapterRemove')}
                </button>
              </div>
            </div>
            {removing === ci ? (
              <ConfirmRemove
                text={tn('report.chapterRemoveConfirm', chapter.proposals.length, { title: chapter.title })}
                onYes={() => {
                  setRemoving(null);
                  send(removeChapter(chapters, ci));
                }}
                onNo={() => setRemoving(null)}
              />
            ) : null}
            {editing === ci ? (
              <ChapterForm
                key={`${ci}-${chapter.title}-${chapter.intro}`}
                index={ci}
                chapter={chapter}
                limits={limits}
                onSave={(fields) => {
                  if (send(editChapter(chapters, ci, fields))) setEditing(null);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : chapter.intro !== '' ? (
              <p class="final-chapter__intro">{chapter.intro}</p>
            ) : null}

            <div
              class={endTarget ? 'final-chapter__drop final-chapter__drop--end' : 'final-chapter__drop'}
              {...chapterDrop(ci)}
            >
              {chapter.proposals.length === 0 ? (
                <p class="empty final-chapter__empty">{t('report.chapterEmpty')}</p>
              ) : null}
              <ol class="final-chapter__list" start={from} aria-labelledby={headingId}>
                {chapter.proposals.map((id) => {
                  const title = proposalTitle(id);
                  const proposal = state.proposals[id];
                  const can = canMove(chapters, id);
                  const before = target !== null && target.chapter === ci && target.before === id;
                  return (
                    <li
                      key={id}
                      class={before ? 'final-item final-item--drop-before' : 'final-item'}
                      data-report-item={id}
                      tabIndex={-1}
                      {...dragProps(id)}
                    >
                      <Grip title={title} />
                      <span class="final-item__n">{t('report.number', { n: numbers.get(id) ?? 0 })}</span>
                      <ItemBody
                        title={title}
                        meta={[proposal ? trackName(proposal.track) : '', voteText(votes.get(id))]}
                      />
                      <div class="final-item__actions">
                        <button
                          type="button"
                          class="btn btn--small btn--ghost"
                          data-action="up"
                          disabled={!can.up}
                          aria-label={t('report.moveUpLabel', { title })}
                          onClick={() => move(moveUp(chapters, id), id, 'up')}
                        >
                          <span aria-hidden="true">↑ </span>
                          {t('report.moveUp')}
                        </button>
                        <button
                          type="button"
                          class="btn btn--small btn--ghost"
                          data-action="down"
                          disabled={!can.down}
                          aria-label={t('report.moveDownLabel', { title })}
                          onClick={() => move(moveDown(chapters, id), id, 'down')}
                        >
                          <span aria-hidden="true">↓ </span>
                          {t('report.moveDown')}
                        </button>
                        {chapters.length > 1 ? (
                          <span class="final-item__to">
                            <ChapterSelect
                              id={`report-to-${id}`}
                              label={t('report.moveToLabel', { title })}
                              action="to"
                              chapters={chapters}
                              value={ci}
                              onChange={(to) => move(moveToChapter(chapters, id, to), id, 'to')}
                            />
                          </span>
                        ) : null}
                        <button
                          type="button"
                          class="btn btn--small btn--ghost"
                          aria-label={t('report.removeLabel', { title })}
                          onClick={() => takeOut(id)}
                        >
                          {t('report.remove')}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ol>
            </div>
          </section>
        );
      })}

      <form class="form--inline final__add-chapter" onSubmit={addNew} noValidate>
        <Field id="report-new-chapter" label={t('report.newChapterTitle')} error={newError}>
          <input
            id="report-new-chapter"
            class="input"
            value={newTitle}
            maxLength={limits?.chapterTitle}
            aria-invalid={newInvalid}
            aria-describedby={describedBy('report-new-chapter', undefined, newError)}
            onInput={(e) => setNewTitle(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn" disabled={limits !== null && chapters.length >= limits.chapters}>
          {t('report.addChapter')}
        </button>
      </form>

      <section
        class={target?.chapter === 'outside' ? 'final-outside final-outside--over' : 'final-outside'}
        aria-labelledby="report-outside-heading"
        {...outsideDrop}
      >
        <h4 id="report-outside-heading" tabIndex={-1}>
          {t('report.outside')}
        </h4>
        <p class="hint">{t('report.outsideHint')}</p>
        {Object.keys(state.proposals).length === 0 ? (
          <p class="empty">{t('report.noProposals')}</p>
        ) : outside.length === 0 ? (
          <p class="empty">{t('report.outsideNone')}</p>
        ) : (
          <ul class="final-outside__list">
            {outside.map((p) => (
              <OutsideItem
                key={p.id}
                proposal={p}
                chapters={chapters}
                trackName={trackName(p.track)}
                votes={voteText(votes.get(p.id))}
                dragProps={dragProps(p.id)}
                onAdd={(chapter) => {
                  const next = moveToChapter(chapters, p.id, chapter);
                  focusAfter.current = {
                    selector: `[data-report-item="${p.id}"] [data-action="up"]`,
                    fallback: `[data-report-item="${p.id}"]`,
                  };
                  send(next, movedText(next, p.id));
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/** The handle a proposal is dragged by (the keyboard uses the buttons). */
function Grip({ title }: { title: string }) {
  return (
    <span class="final-item__grip" aria-hidden="true" title={t('report.dragLabel', { title })}>
      ⠿
    </span>
  );
}

/** A proposal's title and, below it, what is known of it (empty parts left out). */
function ItemBody({ title, meta }: { title: string; meta: readonly (string | null | undefined)[] }) {
  return (
    <div class="final-item__body">
      <p class="final-item__title">{title}</p>
      <p class="final-item__meta">{meta.filter((s) => s !== '' && s != null).join(' · ')}</p>
    </div>
  );
}

/** A small select of the chapters ("1. Title"), labelled for screen readers only. */
function ChapterSelect(p: {
  id: string;
  label: string;
  /** The select's `data-action`, if any. */
  action?: string;
  chapters: readonly ReportChapter[];
  value: number;
  onChange: (chapter: number) => void;
}) {
  return (
    <>
      <label class="visually-hidden" for={p.id}>
        {p.label}
      </label>
      <select
        id={p.id}
        class="input input--small"
        data-action={p.action}
        value={String(p.value)}
        onChange={(e) => p.onChange(Number(e.currentTarget.value))}
      >
        {p.chapters.map((c, i) => (
          <option key={i} value={String(i)}>
            {t('report.chapterHeading', { n: i + 1, title: c.title })}
          </option>
        ))}
      </select>
    </>
  );
}

function ConfirmRemove({ text, onYes, onNo }: { text: string; onYes: () => void; onNo: () => void }) {
  return (
    <div class="final__confirm" role="group" aria-label={text}>
      <p>{text}</p>
      <div class="final__row">
        <ConfirmButtons yes={t('report.chapterRemoveYes')} no={t('report.cancel')} onYes={onYes} onNo={onNo} />
      </div>
    </div>
  );
}

function ChapterForm({
  index,
  chapter,
  limits,
  onSave,
  onCancel,
}: {
  index: number;
  chapter: ReportChapter;
  limits: Limits | null;
  onSave: (fields: { title: string; intro: string }) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(chapter.title);
  const [intro, setIntro] = useState(chapter.intro);
  const [invalid, setInvalid] = useState<'title' | 'intro' | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const id = `report-chapter-${index}`;

  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = title.trim();
    if (!validChapterTitle(trimmed, limits)) {
      setInvalid('title');
      first.current?.focus();
      return;
    }
    if (limits !== null && chars(intro) > limits.chapterIntro) {
      setInvalid('intro');
      document.getElementById(`${id}-intro`)?.focus();
      return;
    }
    setInvalid(null);
    onSave({ title: trimmed, intro });
  };

  const titleError = invalid === 'title' ? titleProblemText(limits) : null;
  const introError = invalid === 'intro' ? t('report.chapterIntroTooLong', { max: limits?.chapterIntro ?? '' }) : null;
  return (
    <form class="form final-chapter__form" onSubmit={submit} noValidate>
      <Field id={`${id}-title`} label={t('report.chapterTitle')} error={titleError}>
        <input
          id={`${id}-title`}
          ref={first}
          class="input"
          value={title}
          maxLength={limits?.chapterTitle}
          aria-invalid={titleError !== null}
          aria-describedby={describedBy(`${id}-title`, undefined, titleError)}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${id}-intro`} label={t('report.chapterIntro')} hint={t('report.markdownHint')} error={introError}>
        <textarea
          id={`${id}-intro`}
          class="input"
          rows={3}
          value={intro}
          maxLength={limits?.chapterIntro}
          aria-invalid={introError !== null}
          aria-describedby={describedBy(`${id}-intro`, t('report.markdownHint'), introError)}
          onInput={(e) => setIntro(e.currentTarget.value)}
        />
      </Field>
      <div class="final__row">
        <button type="submit" class="btn btn--small btn--primary">
          {t('report.chapterSave')}
        </button>
        <button type="button" class="btn btn--small btn--ghost" onClick={onCancel}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The chapter a proposal outside the report is added to at first: its track's, else the last. */
function defaultChapter(chapters: readonly ReportChapter[], trackName: string): number {
  const i = chapters.findIndex((c) => c.title.trim().toLowerCase() === trackName.trim().toLowerCase());
  return i >= 0 ? i : chapters.length - 1;
}

function OutsideItem({
  proposal,
  chapters,
  trackName,
  votes,
  dragProps,
  onAdd,
}: {
  proposal: Proposal;
  chapters: readonly ReportChapter[];
  trackName: string;
  votes: string | null;
  dragProps: DragProps;
  onAdd: (chapter: number) => void;
}) {
  const [chosen, setChosen] = useState<number | null>(null);
  const chapter = chosen !== null && chosen < chapters.length ? chosen : defaultChapter(chapters, trackName);
  const title = proposal.title;
  const selectId = `report-add-${proposal.id}`;
  return (
    <li class="final-item final-item--outside" data-outside-item={proposal.id} {...dragProps}>
      <Grip title={title} />
      <ItemBody title={title} meta={[trackName, votes]} />
      {chapters.length > 0 ? (
        <div class="final-item__actions">
          <ChapterSelect
            id={selectId}
            label={t('report.addToLabel', { title })}
            chapters={chapters}
            value={chapter}
            onChange={setChosen}
          />
          <button
            type="button"
            class="btn btn--small"
            aria-label={t('report.addLabel', { title })}
            onClick={() => onAdd(chapter)}
          >
            {t('report.add')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
