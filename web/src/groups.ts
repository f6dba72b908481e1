/**
 * Stakeholder groups as people edit them (the admin's new event, the facilitator's settings):
 * a code made from a label, and the first problem of a list, checked as the server does
 * (docs/protocol.md, "Stakeholder groups and profiles") so that the form says it before sending.
 */
import type { StakeholderGroup } from './protocol';

export const MAX_GROUPS = 20;
export const MAX_GROUP_CODE = 32;
export const MAX_GROUP_LABEL = 60;

/** A code for a label: lower case a-z and 0-9, other characters as one `_`, at most 32. */
export function codeFromLabel(label: string): string {
  const ascii = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_GROUP_CODE);
}

export type GroupProblem = 'none' | 'too_many' | 'label' | 'code' | 'same_label' | 'same_code';

/** The first problem of a list of groups (trimmed), with the row it is in; null when none. */
export function checkGroups(groups: readonly StakeholderGroup[]): { problem: GroupProblem; index: number } | null {
  if (groups.length === 0) return { problem: 'none', index: 0 };
  if (groups.length > MAX_GROUPS) return { problem: 'too_many', index: MAX_GROUPS };
  const labels = new Set<string>();
  const codes = new Set<string>();
  for (const [index, g] of groups.entries()) {
    const label = g.label.trim();
    if (label === '' || [...label].length > MAX_GROUP_LABEL) return { problem: 'label', index };
    if (!/^[a-z0-9_]{1,32}$/.test(g.code)) return { problem: 'code', index };
    if (labels.has(label.toLowerCase())) return { problem: 'same_label', index };
    if (codes.has(g.code)) return { problem: 'same_code', index };
    labels.add(label.toLowerCase());
    codes.add(g.code);
  }
  return null;
}
