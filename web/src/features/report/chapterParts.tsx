/**
 * The small parts of the chapters editor: a proposal's grip and text, the chapter select, the
 * confirmation of a removal, a chapter's form, and a proposal outside the report.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Limits, Proposal, ReportChapter } from '../../protocol';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { describedBy, Field } from '../../ui/Field';
import type { DragProps } from './chapterHooks';
import { validChapterTitle } from './report';

const chars = (s: string) => [...s].length;

/** What a refused chapter title needs, in words (the limit when it is known). */
export function titleProblemText(limits: Limits | null): string {
  return limits === null
    ? t('report.chapterTitleEmpty')
    : t('report.chapterTitleRequired', { max: limits.chapterTitle });
}

/** The handle a proposal is dragged by (the keyboard uses the buttons). */
export function Grip({ title }: { title: string }) {
  return (
    <span class="final-item__grip" aria-hidden="true" title={t('report.dragLabel', { title })}>
      ⠿
    </span>
  );
}

/** A proposal's title and, below it, what is known of it (empty parts left out). */
export function ItemBody({ title, meta }: { title: string; meta: readonly (string | null | undefined)[] }) {
  return (
    <div class="final-item__body">
      <p class="final-item__title">{title}</p>
      <p class="final-item__meta">{meta.filter((s) => s !== '' && s != null).join(' · ')}</p>
    </div>
  );
}

/** A small select of the chapters ("1. Title"), labelled for screen readers only. */
export function ChapterSelect(p: {
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

export function ConfirmRemove({ text, onYes, onNo }: { text: string; onYes: () => void; onNo: () => void }) {
  return (
    <div class="final__confirm" role="group" aria-label={text}>
      <p>{text}</p>
      <div class="final__row">
        <ConfirmButtons yes={t('report.chapterRemoveYes')} no={t('report.cancel')} onYes={onYes} onNo={onNo} />
      </div>
    </div>
  );
}

export function ChapterForm({
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

export function OutsideItem({
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
