/**
 * Stakeholder groups as people edit them (the admin's new event, the facilitator's settings):
 * a code made from a label, and the first problem of a list, checked as the server does
 * (docs/protocol.md, "Stakeholder groups and profiles") so that the form says it before sending.
 * The numbers come from the server's `limits`; without them (an older server) only what needs
 * no limit is checked.
 */
import { t, type MessageKey } from './i18n';
import type { Limits, StakeholderGroup } from './protocol';
import { DEFAULT_GROUPS } from './protocol';

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

const DEFAULT_LABEL_KEYS: Record<string, MessageKey> = {
  eu_institution: 'groups.default.eu_institution',
  national_government: 'groups.default.national_government',
  large_enterprise: 'groups.default.large_enterprise',
  sme: 'groups.default.sme',
  startup: 'groups.default.startup',
  academia: 'groups.default.academia',
  civil_society: 'groups.default.civil_society',
  ai_specialist: 'groups.default.ai_specialist',
  other: 'groups.default.other',
};

/**
 * The nine usual groups with their labels in the app's language, as a new event's form offers
 * them (the server gives an event created without groups the same, in the event's language).
 */
export function defaultGroups(): StakeholderGroup[] {
  return DEFAULT_GROUPS.map((g) => {
    const key = DEFAULT_LABEL_KEYS[g.code];
    return { code: g.code, label: key ? t(key) : g.label };
  });
}

/** Whether two lists hold the same groups in the same order (labels trimmed). */
export function sameGroups(a: readonly StakeholderGroup[], b: readonly StakeholderGroup[]): boolean {
  return a.length === b.length && a.every((g, i) => g.code === b[i]?.code && g.label.trim() === b[i]?.label.trim());
}
