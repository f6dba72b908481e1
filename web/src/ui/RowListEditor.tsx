import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * An editable ordered list of rows (the agenda's phases, the template's sections): change,
 * move up or down, remove and add, keeping the keyboard focus where the user expects it.
 *
 * Element ids follow one scheme: `${prefix}-${field}-${row.key}` for a row's controls,
 * `${prefix}-up-…` / `${prefix}-down-…` for its move buttons, and `addId` for the add button.
 */
export interface RowIds {
  prefix: string;
  /** The row's first text field: focused after a move to an edge and after a removal. */
  main: string;
  /** The add button, focused when the last row is removed. */
  addId: string;
}

export function useOrderedRows<R extends { key: string }>(initial: () => R[], ids: RowIds) {
  const [rows, setRows] = useState<R[]>(initial);
  const focus = useRef<string | null>(null);
  useEffect(() => {
    if (focus.current === null) return;
    document.getElementById(focus.current)?.focus();
    focus.current = null;
  }, [rows]);
  const fieldId = (field: string, key: string) => `${ids.prefix}-${field}-${key}`;

  const update = (key: string, patch: Partial<R>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    [next[index], next[target]] = [next[target], next[index]];
    // Keep the focus on the same button of the moved row, unless it is now disabled.
    const edge = (by === -1 && target === 0) || (by === 1 && target === rows.length - 1);
    focus.current = fieldId(edge ? ids.main : by === -1 ? 'up' : 'down', rows[index].key);
    setRows(next);
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    const neighbour = next[Math.min(index, next.length - 1)];
    focus.current = neighbour ? fieldId(ids.main, neighbour.key) : ids.addId;
    setRows(next);
  };

  /** Appends `row` and focuses its control `field`. */
  const add = (row: R, field: string) => {
    focus.current = fieldId(field, row.key);
    setRows((list) => [...list, row]);
  };

  /** Replaces every row (a form reset). */
  const setAll = (next: R[]) => setRows(next);

  return { rows, update, move, remove, add, fieldId, setAll };
}

/** The texts of row n (counted from 1): its legend and its buttons' labels. */
export interface RowTexts {
  legend: string;
  up: string;
  down: string;
  remove: string;
}

interface ListProps<R> {
  /** The block class: the list is `${block}__list`, each row `${block}__item`. */
  block: string;
  prefix: string;
  rows: R[];
  texts: (n: number) => RowTexts;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
  /** The row's own controls, above its move and remove buttons. */
  fields: (row: R, index: number) => ComponentChildren;
}

/** The rows, each a fieldset with its controls and its move up, move down and remove buttons. */
export function RowList<R extends { key: string }>({
  block,
  prefix,
  rows,
  texts,
  onMove,
  onRemove,
  fields,
}: ListProps<R>) {
  return (
    <ol class={`${block}__list`}>
      {rows.map((row, i) => {
        const text = texts(i + 1);
        return (
          <li key={row.key} class={`${block}__item`}>
            <fieldset class="phase-draft">
              <legend>{text.legend}</legend>
              {fields(row, i)}
              <div class="phase-draft__actions">
                <button
                  id={`${prefix}-up-${row.key}`}
                  type="button"
                  class="btn btn--small btn--ghost"
                  disabled={i === 0}
                  aria-label={text.up}
                  onClick={() => onMove(i, -1)}
                >
                  <span aria-hidden="true">↑</span>
                </button>
                <button
                  id={`${prefix}-down-${row.key}`}
                  type="button"
                  class="btn btn--small btn--ghost"
                  disabled={i === rows.length - 1}
                  aria-label={text.down}
                  onClick={() => onMove(i, 1)}
                >
                  <span aria-hidden="true">↓</span>
                </button>
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  disabled={rows.length <= 1}
                  aria-label={text.remove}
                  onClick={() => onRemove(i)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </div>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}

interface FooterProps {
  addId: string;
  addLabel: string;
  canAdd: boolean;
  onAdd: () => void;
  problemId: string;
  /** The first problem found in the rows, or the server's refusal. */
  problem: string | null;
  busy: boolean;
  saveLabel: string;
  cancelLabel: string;
  onCancel: () => void;
}

/** Below the rows: the add button, the problem line, save and cancel. */
export function RowListFooter(p: FooterProps) {
  return (
    <>
      <button id={p.addId} type="button" class="btn btn--ghost" disabled={!p.canAdd} onClick={p.onAdd}>
        {p.addLabel}
      </button>
      {p.problem ? (
        <p id={p.problemId} class="field-error" role="alert">
          {p.problem}
        </p>
      ) : null}
      <div class="agenda-editor__submit">
        <button type="submit" class="btn btn--primary" disabled={p.busy}>
          {p.saveLabel}
        </button>
        <button type="button" class="btn btn--ghost" onClick={p.onCancel}>
          {p.cancelLabel}
        </button>
      </div>
    </>
  );
}
