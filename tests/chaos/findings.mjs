// findings.mjs: what the crash rounds found wrong, counted by kind, with a few examples each.
//
// Kinds: `ideas.lost`, `ideas.duplicated`, `ideas.phantom` (applied though refused, or never
// sent), `votes.lost`, `votes.duplicated`, `votes.overBudget`, `edits.lost`,
// `edits.duplicated`, `edits.diverged` (a text that is not the replay of its history, or an
// editor that did not converge), `log.gap` (the change log is not 1..seq), `unresolved` (a
// command never answered after the restart), `other` (a refusal nothing explains).
const EXAMPLES_PER_KIND = 5;

export class Findings {
  constructor() {
    this.counts = new Map();
    this.examples = new Map();
  }

  add(kind, n = 1, example = '') {
    if (n <= 0) return;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
    const list = this.examples.get(kind) ?? [];
    if (example && list.length < EXAMPLES_PER_KIND) list.push(example);
    this.examples.set(kind, list);
  }

  count(kind) {
    return this.counts.get(kind) ?? 0;
  }

  // Everything lost (acknowledged but gone) and everything applied twice or against a rule.
  get lost() {
    return this.count('ideas.lost') + this.count('votes.lost') + this.count('edits.lost');
  }

  get duplicated() {
    return this.count('ideas.duplicated') + this.count('votes.duplicated') + this.count('edits.duplicated');
  }

  get clean() {
    return this.counts.size === 0;
  }

  merge(other) {
    for (const [kind, n] of other.counts) {
      this.add(kind, n);
      const list = this.examples.get(kind);
      for (const e of other.examples.get(kind) ?? []) if (list.length < EXAMPLES_PER_KIND) list.push(e);
    }
  }

  // One line per kind, then its examples.
  describe() {
    const out = [];
    for (const [kind, n] of [...this.counts].sort()) {
      out.push(`  ${kind}: ${n}`);
      for (const e of this.examples.get(kind) ?? []) out.push(`    ${e}`);
    }
    return out.join('\n');
  }

  toJSON() {
    return Object.fromEntries([...this.counts].sort());
  }
}
