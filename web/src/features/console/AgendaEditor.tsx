import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgendaProblem } from '../../agenda';
import { checkAgenda, PHASE_MINUTES_MIN } from '../../agenda';
import { newId } from '../../ids';
import { t } from '../../i18n';
import type { Agenda, Limits, Phase, PhaseKind } from '../../protocol';
import { PHASE_KINDS } from '../../protocol';
import type { Session } from '../../session';
import { useLimits, useRequests } from '../../ui/hooks';
import { RowList, RowListFooter, useOrderedRows } from '../../ui/RowListEditor';

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

/** The problem in words; the limits are there whenever a problem is about one. */
function problemText(problem: AgendaProblem, index: number, limits: Limits | null): string {
  switch (problem) {
    case 'empty':
      return t('agenda.problem.empty');
    case 'too_many':
      return t('agenda.problem.too_many', { max: limits?.phases ?? '' });
    case 'title':
      return limits === null
        ? t('agenda.problem.titleEmpty', { n: index + 1 })
        : t('agenda.problem.title', { n: index + 1, max: limits.phaseTitle });
    case 'minutes':
      return limits === null
        ? t('agenda.problem.minutesWhole', { n: index + 1, min: PHASE_MINUTES_MIN })
        : t('agenda.problem.minutes', { n: index + 1, min: PHASE_MINUTES_MIN, max: limits.phaseMinutes });
  }
}

/** Add, remove, reorder and change phases, then send the whole agenda with `set_agenda`. */
export function AgendaEditor({ session, agenda, onDone }: Props) {
  const { rows, update, move, remove, add } = useOrderedRows<Row>(() => agenda.phases.map(toRow), {
    prefix: 'phase',
    main: 'title',
    addId: 'agenda-add',
  });
  const [problem, setProblem] = useState<{ text: string; index: number } | null>(null);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const phases: Phase[] = rows.map((r) => ({
      kind: r.kind,
      title: r.title.trim(),
      minutes: r.kind === 'closed' ? 0 : Number(r.minutes.trim() === '' ? NaN : r.minutes),
    }));
    const found = checkAgenda(phases, limits);
    if (found) {
      setProblem({ text: problemText(found.problem, found.index, limits), index: found.index });
      const row = rows[found.index];
      if (row) document.getElementById(`phase-${found.problem === 'title' ? 'title' : 'minutes'}-${row.key}`)?.focus();
      return;
    }
    setProblem(null);
    const done = await run(() => session.actions.agenda.set(phases).then(() => true));
    if (done) onDone();
  };

  return (
    <form class="agenda-editor" onSubmit={submit} noValidate aria-labelledby="agenda-editor-heading">
      <h3 id="agenda-editor-heading" ref={heading} tabIndex={-1}>
        {t('agenda.editor')}
      </h3>
      <p class="hint">{t('agenda.editorNote')}</p>
      <RowList
        block="agenda-editor"
        prefix="phase"
        rows={rows}
        texts={(n) => ({
          legend: t('agenda.phaseN', { n }),
          up: t('agenda.moveUp', { n }),
          down: t('agenda.moveDown', { n }),
          remove: t('agenda.remove', { n }),
        })}
        onMove={move}
        onRemove={remove}
        fields={(row, i) => {
          const bad = problem !== null && problem.index === i;
          return (
            <>
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
                    maxLength={limits?.phaseTitle}
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
                      max={limits?.phaseMinutes}
                      step={1}
                      value={row.minutes}
                      aria-describedby={bad ? 'agenda-problem' : undefined}
                      onInput={(e) => update(row.key, { minutes: e.currentTarget.value })}
                    />
                  </div>
                ) : null}
              </div>
            </>
          );
        }}
      />
      <RowListFooter
        addId="agenda-add"
        addLabel={t('agenda.add')}
        canAdd={limits === null || rows.length < limits.phases}
        onAdd={() =>
          add(
            { key: newId(), kind: 'ideation', title: t('phase.kind.ideation'), minutes: String(DEFAULT_MINUTES) },
            'kind',
          )
        }
        problemId="agenda-problem"
        problem={problem?.text ?? error}
        busy={busy}
        saveLabel={busy ? t('agenda.saving') : t('agenda.save')}
        cancelLabel={t('agenda.cancel')}
        onCancel={onDone}
      />
    </form>
  );
}
