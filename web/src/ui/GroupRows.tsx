import { newId } from '../ids';
import type { GroupProblem } from '../groups';
import { checkGroups, codeFromLabel } from '../groups';
import { t } from '../i18n';
import type { Limits, StakeholderGroup } from '../protocol';
import { RowList, useOrderedRows } from './RowListEditor';

/** One group as edited; `auto`: its code follows its label until the code is typed. */
export interface GroupRow {
  key: string;
  label: string;
  code: string;
  auto: boolean;
}

export const groupRows = (groups: readonly StakeholderGroup[]): GroupRow[] =>
  groups.map((g) => ({ key: newId(), label: g.label, code: g.code, auto: false }));

/** The rows as the server takes them (labels trimmed). */
export const groupsOfRows = (rows: readonly GroupRow[]): StakeholderGroup[] =>
  rows.map((r) => ({ code: r.code.trim(), label: r.label.trim() }));

/** The problem in words; the limits are there whenever a problem is about one. */
function problemText(problem: GroupProblem, n: number, limits: Limits | null): string {
  switch (problem) {
    case 'none':
      return t('groups.problem.none');
    case 'too_many':
      return t('groups.problem.tooMany', { max: limits?.groups ?? '' });
    case 'label':
      return limits?.groupLabel === undefined
        ? t('groups.problem.labelEmpty', { n })
        : t('groups.problem.label', { n, max: limits.groupLabel });
    case 'code':
      return limits?.groupCode === undefined
        ? t('groups.problem.codeChars', { n })
        : t('groups.problem.code', { n, max: limits.groupCode });
    case 'same_label':
      return t('groups.problem.sameLabel', { n });
    case 'same_code':
      return t('groups.problem.sameCode', { n });
  }
}

/** The first problem of the rows in words, and the id of the field to focus; null when none. */
export function groupRowsProblem(
  prefix: string,
  rows: readonly GroupRow[],
  limits: Limits | null,
): { text: string; focus: string } | null {
  const found = checkGroups(groupsOfRows(rows), limits);
  if (!found) return null;
  const row = rows[Math.min(found.index, rows.length - 1)];
  const field = found.problem === 'code' || found.problem === 'same_code' ? 'code' : 'label';
  return {
    text: problemText(found.problem, found.index + 1, limits),
    focus: row ? `${prefix}-${field}-${row.key}` : `${prefix}-add`,
  };
}

export function useGroupRows(prefix: string, groups: readonly StakeholderGroup[]) {
  return useOrderedRows<GroupRow>(() => groupRows(groups), { prefix, main: 'label', addId: `${prefix}-add` });
}

/** The groups' rows: a label and a code each, moved, removed and added (up to the limit). */
export function GroupRowsEditor({
  prefix,
  editor,
  limits,
}: {
  prefix: string;
  editor: ReturnType<typeof useGroupRows>;
  limits: Limits | null;
}) {
  const { rows, update, move, remove, add } = editor;
  return (
    <>
      <RowList
        block="groups-editor"
        prefix={prefix}
        rows={rows}
        texts={(n) => ({
          legend: t('groups.groupN', { n }),
          up: t('groups.moveUp', { n }),
          down: t('groups.moveDown', { n }),
          remove: t('groups.remove', { n }),
        })}
        onMove={move}
        onRemove={remove}
        fields={(row) => (
          <div class="groups-editor__fields">
            <div class="field">
              <label for={`${prefix}-label-${row.key}`}>{t('groups.label')}</label>
              <input
                id={`${prefix}-label-${row.key}`}
                class="input"
                value={row.label}
                maxLength={limits?.groupLabel}
                onInput={(e) => {
                  const label = e.currentTarget.value;
                  update(row.key, row.auto ? { label, code: codeFromLabel(label, limits?.groupCode) } : { label });
                }}
              />
            </div>
            <div class="field">
              <label for={`${prefix}-code-${row.key}`}>{t('groups.code')}</label>
              <input
                id={`${prefix}-code-${row.key}`}
                class="input groups-editor__code"
                value={row.code}
                maxLength={limits?.groupCode}
                spellcheck={false}
                autoCapitalize="none"
                onInput={(e) => update(row.key, { code: e.currentTarget.value, auto: false })}
              />
            </div>
          </div>
        )}
      />
      <button
        id={`${prefix}-add`}
        type="button"
        class="btn btn--ghost"
        disabled={limits?.groups !== undefined && rows.length >= limits.groups}
        onClick={() => add({ key: newId(), label: '', code: '', auto: true }, 'label')}
      >
        {t('groups.add')}
      </button>
    </>
  );
}
