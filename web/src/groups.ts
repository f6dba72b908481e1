/**
 * Stakeholder groups as people edit them (the admin's new event, the facilitator's settings):
 * a code made from a label, and the first problem of a list, checked as the server does
 * (docs/protocol.md, "Stakeholder groups and profiles") so that the form says it before sending.
 * The numbers come from the server's `limits`; without them (an older server) only what needs
 * no limit is checked.
 */
import type { Limits, StakeholderGroup } from './protocol';

type GroupLimits = Pick<Limits, 'groups' | 'groupLabel' | 'groupCode'> | null;

/** A code for a label: lower case a-z and 0-9, other characters as one `_`, at most `max`. */
export function codeFromLabel(label: string, max = Infinity): string {
  const ascii = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max);
}

export type GroupProblem = 'none' | 'too_many' | 'label' | 'code' | 'same_label' | 'same_code';

/** The first problem of a list of groups (trimmed), with the row it is in; null when none. */
export function checkGroups(
  groups: readonly StakeholderGroup[],
  limits: GroupLimits,
): { problem: GroupProblem; index: number } | null {
  if (groups.length === 0) return { problem: 'none', index: 0 };
  const most = limits?.groups;
  if (most !== undefined && groups.length > most) return { problem: 'too_many', index: most };
  const labels = new Set<string>();
  const codes = new Set<string>();
  for (const [index, g] of groups.entries()) {
    const label = g.label.trim();
    const longest = limits?.groupLabel ?? Infinity;
    if (label === '' || [...label].length > longest) return { problem: 'label', index };
    if (!/^[a-z0-9_]+$/.test(g.code) || g.code.length > (limits?.groupCode ?? Infinity))
      return { problem: 'code', index };
    if (labels.has(label.toLowerCase())) return { problem: 'same_label', index };
    if (codes.has(g.code)) return { problem: 'same_code', index };
    labels.add(label.toLowerCase());
    codes.add(g.code);
  }
  return null;
}
