import type { MutableRef } from 'preact/hooks';
import { useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { Limits, Proposal, Report, ReportChapter } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { describedBy, Field } from '../../ui/Field';
import { useLimits } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import type { DragProps, DropProps, DropTarget, FocusAfter } from './chapterHooks';
import { useChapterDrag, useChapterEdits, useFocusAfter } from './chapterHooks';
import {
  ChapterForm,
  ChapterSelect,
  ConfirmRemove,
  Grip,
  ItemBody,
  OutsideItem,
  titleProblemText,
} from './chapterParts';
import type { ProposalVotes } from './report';
import {
  addChapter,
  canMove,
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

interface Props {
  session: Session;
  state: AppState;
  report: Report;
}

/** What a chapter and its proposals need from the editor. */
interface ChapterTools {
  chapters: ReportChapter[];
  limits: Limits | null;
  send: (next: ReportChapter[], said?: string) => boolean;
  /** Sends a move of proposal `id` and keeps the focus on the control of `action`. */
  move: (next: ReportChapter[], id: number, action: string) => void;
  /** Takes a proposal out of the report. */
  takeOut: (id: number) => void;
  focusAfter: MutableRef<FocusAfter | null>;
  target: DropTarget | null;
  chapterDrop: (chapter: number) => DropProps;
  dragProps: (id: number) => DragProps;
  numbers: Map<number, number>;
  /** The chapter whose form is open, and the one whose removal is being confirmed (one at a time). */
  editing: number | null;
  setEditing: (chapter: number | null) => void;
  removing: number | null;
  setRemoving: (chapter: number | null) => void;
  proposalTitle: (id: number) => string;
  /** What is known of a proposal: its track and its votes. */
  meta: (id: number) => (string | null)[];
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
  const limits = useLimits(session);
  const { chapters, send, error, announcement } = useChapterEdits(session, report, limits);
  const focusAfter = useFocusAfter();
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const proposalTitle = (id: number) => state.proposals[id]?.title ?? t('report.unknownProposal', { id });
  const movedText = (next: ReportChapter[], id: number) => {
    const at = placeOf(next, id);
    if (at === null) return t('report.removed', { title: proposalTitle(id) });
    return t('report.moved', {
      title: proposalTitle(id),
      n: numbering(next).get(id) ?? 0,
      chapter: (next[at.chapter] as ReportChapter).title,
    });
  };
  const drag = useChapterDrag(chapters, (next, id) => send(next, movedText(next, id)), proposalTitle);

  if (!event) return null;
  const votes = reportVotes(report, state.results);
  const numbers = numbering(chapters);
  const trackName = (track: number) => event.tracks.find((tr) => tr.id === track)?.name ?? '';
  const outside = proposalsOutside(
    state.proposals,
    chapters,
    votes,
    event.tracks.map((tr) => tr.id),
  );
  const reportRound = report.round === null ? null : state.rounds[report.round];
  const voteText = (v: ProposalVotes | undefined) =>
    v ? `${tn('results.votes', v.votes)} · ${t('report.rank', { rank: v.rank })}` : null;

  const tools: ChapterTools = {
    chapters,
    limits,
    send,
    move: (next, id, action) => {
      focusAfter.current = {
        selector: `[data-report-item="${id}"] [data-action="${action}"]`,
        fallback: `[data-report-item="${id}"]`,
      };
      send(next, movedText(next, id));
    },
    takeOut: (id) => {
      const next = removeProposal(chapters, id);
      // Focus goes to the next item in printed order, or the list of proposals outside.
      const order = [...numbers.keys()];
      const after = order[order.indexOf(id) + 1] ?? order[order.indexOf(id) - 1];
      focusAfter.current = {
        selector: after !== undefined ? `[data-report-item="${after}"]` : '#report-outside-heading',
      };
      send(next, movedText(next, id));
    },
    focusAfter,
    target: drag.target,
    chapterDrop: drag.chapterDrop,
    dragProps: drag.dragProps,
    numbers,
    editing,
    setEditing,
    removing,
    setRemoving,
    proposalTitle,
    meta: (id) => {
      const proposal = state.proposals[id];
      return [proposal ? trackName(proposal.track) : '', voteText(votes.get(id))];
    },
  };

  const firsts = firstNumbers(chapters);
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

      {chapters.map((chapter, ci) => (
        <ChapterCard key={ci} index={ci} chapter={chapter} from={firsts[ci] ?? 1} tools={tools} />
      ))}

      <NewChapterForm chapters={chapters} limits={limits} send={send} />

      <section
        class={drag.target?.chapter === 'outside' ? 'final-outside final-outside--over' : 'final-outside'}
        aria-labelledby="report-outside-heading"
        {...drag.outsideDrop}
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
            {outside.map((p: Proposal) => (
              <OutsideItem
                key={p.id}
                proposal={p}
                chapters={chapters}
                trackName={trackName(p.track)}
                votes={voteText(votes.get(p.id))}
                dragProps={drag.dragProps(p.id)}
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

/** The form under the chapters that adds one. */
function NewChapterForm({
  chapters,
  limits,
  send,
}: {
  chapters: ReportChapter[];
  limits: Limits | null;
  send: (next: ReportChapter[]) => boolean;
}) {
  const [newTitle, setNewTitle] = useState('');
  const [newInvalid, setNewInvalid] = useState(false);
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
  return (
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
  );
}

/** One chapter: its heading and actions, its form or introduction, and its proposals. */
function ChapterCard({
  index: ci,
  chapter,
  from,
  tools,
}: {
  index: number;
  chapter: ReportChapter;
  /** The number of its first proposal. */
  from: number;
  tools: ChapterTools;
}) {
  const { chapters, send, focusAfter, target, setEditing, setRemoving } = tools;
  const editing = tools.editing === ci;
  const removing = tools.removing === ci;
  const headingId = `report-chapter-${ci}`;
  const to = from + chapter.proposals.length - 1;
  const endTarget = target !== null && target.chapter === ci && target.before === null;
  const moveBy = (by: -1 | 1) => {
    const other = ci + by;
    const [first, second] = by < 0 ? ['chapter-up', 'chapter-down'] : ['chapter-down', 'chapter-up'];
    focusAfter.current = {
      selector: `[data-chapter="${other}"] [data-action="${first}"]`,
      fallback: `[data-chapter="${other}"] [data-action="${second}"]`,
    };
    send(moveChapter(chapters, ci, by));
  };
  return (
    <section class="final-chapter" aria-labelledby={headingId} data-chapter={ci}>
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
            aria-expanded={editing}
            aria-label={t('report.chapterEditLabel', { title: chapter.title })}
            onClick={() => setEditing(editing ? null : ci)}
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
            onClick={() => moveBy(-1)}
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
            onClick={() => moveBy(1)}
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
      {removing ? (
        <ConfirmRemove
          text={tn('report.chapterRemoveConfirm', chapter.proposals.length, { title: chapter.title })}
          onYes={() => {
            setRemoving(null);
            send(removeChapter(chapters, ci));
          }}
          onNo={() => setRemoving(null)}
        />
      ) : null}
      {editing ? (
        <ChapterForm
          key={`${ci}-${chapter.title}-${chapter.intro}`}
          index={ci}
          chapter={chapter}
          limits={tools.limits}
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
        {...tools.chapterDrop(ci)}
      >
        {chapter.proposals.length === 0 ? <p class="empty final-chapter__empty">{t('report.chapterEmpty')}</p> : null}
        <ol class="final-chapter__list" start={from} aria-labelledby={headingId}>
          {chapter.proposals.map((id) => (
            <ReportItem key={id} id={id} chapter={ci} tools={tools} />
          ))}
        </ol>
      </div>
    </section>
  );
}

/** A proposal in a chapter: its number, text and the buttons that move it. */
function ReportItem({ id, chapter: ci, tools }: { id: number; chapter: number; tools: ChapterTools }) {
  const { chapters, move, target } = tools;
  const title = tools.proposalTitle(id);
  const can = canMove(chapters, id);
  const before = target !== null && target.chapter === ci && target.before === id;
  return (
    <li
      class={before ? 'final-item final-item--drop-before' : 'final-item'}
      data-report-item={id}
      tabIndex={-1}
      {...tools.dragProps(id)}
    >
      <Grip title={title} />
      <span class="final-item__n">{t('report.number', { n: tools.numbers.get(id) ?? 0 })}</span>
      <ItemBody title={title} meta={tools.meta(id)} />
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
          onClick={() => tools.takeOut(id)}
        >
          {t('report.remove')}
        </button>
      </div>
    </li>
  );
}
