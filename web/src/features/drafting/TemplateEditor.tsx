import { useEffect, useState } from 'preact/hooks';
import type { TemplateProblem } from './drafting';
import { checkTemplate } from './drafting';
import { newId } from '../../ids';
import { t } from '../../i18n';
import type { Limits, TemplateSection } from '../../protocol';
import type { Session } from '../../session';
import { useLimits, useRequests } from '../../ui/hooks';
import { RowList, RowListFooter, useOrderedRows } from '../../ui/RowListEditor';

interface Props {
  session: Session;
  template: TemplateSection[];
  /** A proposal exists: the template can no longer change. */
  locked: boolean;
}

interface Row {
  key: string;
  heading: string;
  hint: string;
}

/** The problem in words; the limits are there whenever a problem is about one. */
function problemText(problem: TemplateProblem, index: number, limits: Limits | null): string {
  switch (problem) {
    case 'empty':
      return t('template.problem.empty');
    case 'too_many':
      return t('template.problem.too_many', { max: limits?.templateSections ?? '' });
    case 'heading':
      return limits === null
        ? t('template.problem.headingEmpty', { n: index + 1 })
        : t('template.problem.heading', { n: index + 1, max: limits.heading });
    case 'hint':
      return t('template.problem.hint', { n: index + 1, max: limits?.hint ?? '' });
  }
}

/** Facilitators: the proposal template (headings and hints), editable until the first proposal. */
export function TemplateEditor({ session, template, locked }: Props) {
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (locked) setEditing(false);
  }, [locked]);
  return (
    <div class="template" role="group" aria-labelledby="template-heading">
      <div class="panel__head">
        <h3 id="template-heading">{t('template.title')}</h3>
        {!editing ? (
          <button
            type="button"
            class="btn btn--small btn--ghost"
            disabled={locked}
            aria-describedby={locked ? 'template-locked' : undefined}
            onClick={() => setEditing(true)}
          >
            {t('template.edit')}
          </button>
        ) : null}
      </div>
      {locked ? (
        <p id="template-locked" class="hint">
          {t('template.locked')}
        </p>
      ) : null}
      {editing ? (
        <TemplateForm session={session} template={template} onDone={() => setEditing(false)} />
      ) : (
        <ol class="template__list">
          {template.map((s, i) => (
            <li key={i}>
              <span class="template__heading">{s.heading}</span>
              {s.hint ? <span class="muted template__hint"> — {s.hint}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function TemplateForm({
  session,
  template,
  onDone,
}: {
  session: Session;
  template: TemplateSection[];
  onDone: () => void;
}) {
  const { rows, update, move, remove, add, fieldId } = useOrderedRows<Row>(
    () => template.map((s) => ({ key: newId(), heading: s.heading, hint: s.hint })),
    { prefix: 'tpl', main: 'heading', addId: 'tpl-add' },
  );
  const [problem, setProblem] = useState<{ text: string; index: number } | null>(null);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  useEffect(() => {
    document.getElementById(rows[0] ? fieldId('heading', rows[0].key) : 'tpl-add')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the form opens: the first field takes the focus
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const sections = rows.map((r) => ({ heading: r.heading.trim(), hint: r.hint.trim() }));
    const found = checkTemplate(sections, limits);
    if (found) {
      setProblem({ text: problemText(found.problem, found.index, limits), index: found.index });
      const row = rows[found.index];
      if (row) document.getElementById(`tpl-${found.problem === 'hint' ? 'hint' : 'heading'}-${row.key}`)?.focus();
      return;
    }
    setProblem(null);
    const done = await run(() => session.actions.proposals.setTemplate(sections).then(() => true), {
      bad_value: t('template.refused'),
    });
    if (done) onDone();
  };

  return (
    <form class="template-editor" onSubmit={submit} noValidate aria-label={t('template.editor')}>
      <RowList
        block="template-editor"
        prefix="tpl"
        rows={rows}
        texts={(n) => ({
          legend: t('template.sectionN', { n }),
          up: t('template.moveUp', { n }),
          down: t('template.moveDown', { n }),
          remove: t('template.remove', { n }),
        })}
        onMove={move}
        onRemove={remove}
        fields={(row, i) => {
          const bad = problem !== null && problem.index === i;
          return (
            <>
              <div class="field">
                <label for={`tpl-heading-${row.key}`}>{t('template.heading')}</label>
                <input
                  id={`tpl-heading-${row.key}`}
                  class="input"
                  value={row.heading}
                  maxLength={limits?.heading}
                  aria-invalid={bad}
                  aria-describedby={bad ? 'template-problem' : undefined}
                  onInput={(e) => update(row.key, { heading: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for={`tpl-hint-${row.key}`}>{t('template.hint')}</label>
                <textarea
                  id={`tpl-hint-${row.key}`}
                  class="input"
                  rows={2}
                  value={row.hint}
                  maxLength={limits?.hint}
                  onInput={(e) => update(row.key, { hint: e.currentTarget.value })}
                />
              </div>
            </>
          );
        }}
      />
      <RowListFooter
        addId="tpl-add"
        addLabel={t('template.add')}
        canAdd={limits === null || rows.length < limits.templateSections}
        onAdd={() => add({ key: newId(), heading: '', hint: '' }, 'heading')}
        problemId="template-problem"
        problem={problem?.text ?? error}
        busy={busy}
        saveLabel={t('template.save')}
        cancelLabel={t('template.cancel')}
        onCancel={onDone}
      />
    </form>
  );
}
