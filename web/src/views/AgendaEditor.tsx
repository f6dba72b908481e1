import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgendaProblem } from '../agenda';
import { checkAgenda, PHASE_MINUTES_MAX, PHASE_MINUTES_MIN, PHASE_TITLE_MAX, PHASES_MAX } from '../agenda';
import { newId } from '../ids';
import { t } from '../i18n';
import type { Agenda, Phase, PhaseKind } from '../protocol';
import { PHASE_KINDS } from '../protocol';
import type { Session } from '../session';
import { useRequests } from './hooks';

interface Props {
  session: Session;
  agenda: Agenda;
  onDone: () => void;
}

interface Row {
  key: string;
  kind: PhaseKind;
  title: string;
  /** As typed, so a half-typed number is kept. */
  minutes: string;
}

const toRow = (p: Phase): Row => ({
  key: newId(),
  kind: p.kind,
  title: p.title,
  minutes: p.kind === 'closed' ? '' : String(p.minutes),
});

const DEFAULT_MINUTES = 15;

function problemText(problem: AgendaProblem, index: number): string {
  switch (problem) {
    case 'empty':
      return t('agenda.problem.empty');
    case 'too_many':
      return t('agenda.problem.too_many', { max: PHASES_MAX });
    case 'title':
      return t('agenda.problem.title', { n: index + 1, max: PHASE_TITLE_MAX });
    case 'minutes':
      return t('agenda.problem.minutes', { n: index + 1, min: PHASE_MINUTES_MIN, max: PHASE_MINUTES_MAX });
  }
}

/** Add, remove, reorder and change phases, then send the whole agenda with `set_agenda`. */
export function AgendaEditor({ session, agenda, onDone }: Props) {
  const [rows, setRows] = useState<Row[]>(() => agenda.phases.map(toRow));
  const [problem, setProblem] = useState<{ text: string; index: number } | null>(null);
  const { busy, error, run } = useRequests();
  const focus = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (focus.current === null) return;
    document.getElementById(focus.current)?.focus();
    focus.current = null;
  }, [rows]);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    [next[index], next[target]] = [next[target], next[index]];
    // Keep the focus on the same button of the moved row, unless it is now disabled.
    const edge = (by === -1 && target === 0) || (by === 1 && target === rows.length - 1);
    focus.current = `phase-${edge ? 'title' : by === -1 ? 'up' : 'down'}-${rows[index].key}`;
    setRows(next);
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    const neighbour = next[Math.min(index, next.length - 1)];
    focus.current = neighbour ? `phase-title-${neighbour.key}` : 'agenda-add';
    setRows(next);
  };

  const add = () => {
    const row: Row = { key: newId(), kind: 'ideation', title: t('phase.kind.ideation'), minutes: String(DEFAULT_MINUTES) };
    focus.current = `phase-kind-${row.key}`;
    setRows((list) => [...list, row]);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const phases: Phase[] = rows.map((r) => ({
      kind: r.kind,
      title: r.title.trim(),
      minutes: r.kind === 'closed' ? 0 : Number(r.minutes.trim() === '' ? NaN : r.minutes),
    }));
    const found = checkAgenda(phases);
    if (found) {
      setProblem({ text: problemText(found.problem, found.index), index: found.index });
      const row = rows[found.index];
      if (row) document.getElementById(`phase-${found.problem === 'title' ? 'title' : 'minutes'}-${row.key}`)?.focus();
      return;
    }
    setProblem(null);
    const done = await run(() => session.request<'set_agenda'>({ type: 'set_agenda', phases }).then(() => true));
    if (done) onDone();
  };

  return (
    <form class="agenda-editor" onSubmit={submit} noValidate aria-labelledby="agenda-editor-heading">
      <h3 id="agenda-editor-heading" ref={heading} tabIndex={-1}>
        {t('agenda.editor')}
      </h3>
      <p class="hint">{t('agenda.editorNote')}</p>
      <ol class="agenda-editor__list">
        {rows.map((row, i) => {
          const bad = problem !== null && problem.index === i;
          return (
            <li key={row.key} class="agenda-editor__item">
              <fieldset class="phase-draft">
                <legend>{t('agenda.phaseN', { n: i + 1 })}</legend>
                <div class="phase-draft__fields">
                  <div class="field phase-draft__kind">
                    <label for={`phase-kind-${row.key}`}>{t('agenda.kind')}</label>
                    <select
                      id={`phase-kind-${row.key}`}
                      class="input"
                      value={row.kind}
                      onChange={(e) => {
                        const kind = e.currentTarget.value as PhaseKind;
                        const untouched = PHASE_KINDS.some((k) => t(`phase.kind.${k}`) === row.title) || row.title === '';
                        update(row.key, {
                          kind,
                          title: untouched ? t(`phase.kind.${kind}`) : row.title,
                          minutes: kind === 'closed' ? '' : row.minutes === '' ? String(DEFAULT_MINUTES) : row.minutes,
                        });
                      }}
                    >
                      {PHASE_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`phase.kind.${k}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field phase-draft__title">
                    <label for={`phase-title-${row.key}`}>{t('agenda.phaseTitle')}</label>
                    <input
                      id={`phase-title-${row.key}`}
                      class="input"
                      value={row.title}
                      maxLength={PHASE_TITLE_MAX}
                      aria-invalid={bad && row.title.trim() === ''}
                      aria-describedby={bad ? 'agenda-problem' : undefined}
                      onInput={(e) => update(row.key, { title: e.currentTarget.value })}
                    />
                  </div>
                  {row.kind !== 'closed' ? (
                    <div class="field phase-draft__minutes">
                      <label for={`phase-minutes-${row.key}`}>{t('agenda.phaseMinutes')}</label>
                      <input
                        id={`phase-minutes-${row.key}`}
                        class="input"
                        type="number"
                        inputMode="numeric"
                        min={PHASE_MINUTES_MIN}
                        max={PHASE_MINUTES_MAX}
                        step={1}
                        value={row.minutes}
                        aria-describedby={bad ? 'agenda-problem' : undefined}
                        onInput={(e) => update(row.key, { minutes: e.currentTarget.value })}
                      />
                    </div>
                  ) : null}
                </div>
                <div class="phase-draft__actions">
                  <button
                    id={`phase-up-${row.key}`}
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={i === 0}
                    aria-label={t('agenda.moveUp', { n: i + 1 })}
                    onClick={() => move(i, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    id={`phase-down-${row.key}`}
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={i === rows.length - 1}
                    aria-label={t('agenda.moveDown', { n: i + 1 })}
                    onClick={() => move(i, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={rows.length <= 1}
                    aria-label={t('agenda.remove', { n: i + 1 })}
                    onClick={() => remove(i)}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button id="agenda-add" type="button" class="btn btn--ghost" disabled={rows.length >= PHASES_MAX} onClick={add}>
        {t('agenda.add')}
      </button>
      {problem || error ? (
        <p id="agenda-problem" class="field-error" role="alert">
          {problem?.text ?? error}
        </p>
      ) : null}
      <div class="agenda-editor__submit">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('agenda.saving') : t('agenda.save')}
        </button>
        <button type="button" class="btn btn--ghost" onClick={onDone}>
          {t('agenda.cancel')}
        </button>
      </div>
    </form>
  );
}
