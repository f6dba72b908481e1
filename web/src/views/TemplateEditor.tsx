import { useEffect, useRef, useState } from 'preact/hooks';
import type { TemplateProblem } from '../drafting';
import { checkTemplate, HEADING_MAX, HINT_MAX, TEMPLATE_SECTIONS_MAX } from '../drafting';
import { newId } from '../ids';
import { t } from '../i18n';
import type { TemplateSection } from '../protocol';
import type { Session } from '../session';
import { useRequests } from './hooks';

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

function problemText(problem: TemplateProblem, index: number): string {
  switch (problem) {
    case 'empty':
      return t('template.problem.empty');
    case 'too_many':
      return t('template.problem.too_many', { max: TEMPLATE_SECTIONS_MAX });
    case 'heading':
      return t('template.problem.heading', { n: index + 1, max: HEADING_MAX });
    case 'hint':
      return t('template.problem.hint', { n: index + 1, max: HINT_MAX });
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

function TemplateForm({ session, template, onDone }: { session: Session; template: TemplateSection[]; onDone: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => template.map((s) => ({ key: newId(), heading: s.heading, hint: s.hint })));
  const [problem, setProblem] = useState<{ text: string; index: number } | null>(null);
  const { busy, error, run } = useRequests();
  const focus = useRef<string | null>(null);
  useEffect(() => {
    if (focus.current === null) return;
    document.getElementById(focus.current)?.focus();
    focus.current = null;
  }, [rows]);
  useEffect(() => {
    document.getElementById(rows[0] ? `tpl-heading-${rows[0].key}` : 'tpl-add')?.focus();
  }, []);

  const update = (key: string, patch: Partial<Row>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    [next[index], next[target]] = [next[target], next[index]];
    const edge = (by === -1 && target === 0) || (by === 1 && target === rows.length - 1);
    focus.current = `tpl-${edge ? 'heading' : by === -1 ? 'up' : 'down'}-${rows[index].key}`;
    setRows(next);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    const neighbour = next[Math.min(index, next.length - 1)];
    focus.current = neighbour ? `tpl-heading-${neighbour.key}` : 'tpl-add';
    setRows(next);
  };
  const add = () => {
    const row = { key: newId(), heading: '', hint: '' };
    focus.current = `tpl-heading-${row.key}`;
    setRows((list) => [...list, row]);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const sections = rows.map((r) => ({ heading: r.heading.trim(), hint: r.hint.trim() }));
    const found = checkTemplate(sections);
    if (found) {
      setProblem({ text: problemText(found.problem, found.index), index: found.index });
      const row = rows[found.index];
      if (row) document.getElementById(`tpl-${found.problem === 'hint' ? 'hint' : 'heading'}-${row.key}`)?.focus();
      return;
    }
    setProblem(null);
    const done = await run(
      () => session.request<'set_template'>({ type: 'set_template', sections }).then(() => true),
      { bad_value: t('template.refused') },
    );
    if (done) onDone();
  };

  return (
    <form class="template-editor" onSubmit={submit} noValidate aria-label={t('template.editor')}>
      <ol class="template-editor__list">
        {rows.map((row, i) => {
          const bad = problem !== null && problem.index === i;
          return (
            <li key={row.key} class="template-editor__item">
              <fieldset class="phase-draft">
                <legend>{t('template.sectionN', { n: i + 1 })}</legend>
                <div class="field">
                  <label for={`tpl-heading-${row.key}`}>{t('template.heading')}</label>
                  <input
                    id={`tpl-heading-${row.key}`}
                    class="input"
                    value={row.heading}
                    maxLength={HEADING_MAX}
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
                    maxLength={HINT_MAX}
                    onInput={(e) => update(row.key, { hint: e.currentTarget.value })}
                  />
                </div>
                <div class="phase-draft__actions">
                  <button
                    id={`tpl-up-${row.key}`}
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={i === 0}
                    aria-label={t('template.moveUp', { n: i + 1 })}
                    onClick={() => move(i, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    id={`tpl-down-${row.key}`}
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={i === rows.length - 1}
                    aria-label={t('template.moveDown', { n: i + 1 })}
                    onClick={() => move(i, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    class="btn btn--small btn--ghost"
                    disabled={rows.length <= 1}
                    aria-label={t('template.remove', { n: i + 1 })}
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
      <button id="tpl-add" type="button" class="btn btn--ghost" disabled={rows.length >= TEMPLATE_SECTIONS_MAX} onClick={add}>
        {t('template.add')}
      </button>
      {problem || error ? (
        <p id="template-problem" class="field-error" role="alert">
          {problem?.text ?? error}
        </p>
      ) : null}
      <div class="agenda-editor__submit">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('template.save')}
        </button>
        <button type="button" class="btn btn--ghost" onClick={onDone}>
          {t('template.cancel')}
        </button>
      </div>
    </form>
  );
}
