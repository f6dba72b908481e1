import { describe, expect, it } from 'vitest';
import type { Change, EventInfo, Proposal, Report } from '../../protocol';
import { isPublished } from './report';
import type { AppState, EventState } from '../../store';
import { eventStateOf, initialState, reduce } from '../../store';
import { member } from '../../fixtures.test-support';

const event: EventInfo = {
  id: 1,
  code: 'K7QX2M',
  title: 'AI',
  createdAt: 1,
  tracks: [{ id: 1, name: 'Skills', description: '' }],
};

function proposal(id: number, over: Partial<Proposal> = {}): Proposal {
  return {
    id,
    track: 1,
    title: `P${id}`,
    ideas: [17],
    cluster: null,
    table: 3,
    team: [5],
    createdAt: 1,
    createdBy: 1,
    people: [{ id: 5, name: 'Ana Ruiz', organisation: 'DG CNECT' }],
    ...over,
  };
}

function report(over: Partial<Report> = {}): Report {
  return {
    title: '',
    subtitle: '',
    date: '',
    foreword: '',
    method: '',
    chapters: [{ title: 'Skills', intro: '', proposals: [4] }],
    round: 2,
    published: false,
    ...over,
  };
}

const change = (c: Change) => ({ type: 'change' as const, ...c });

function snapshot(over: Partial<Parameters<typeof reduce>[1] & { type: 'snapshot' }> = {}): AppState {
  return reduce(initialState, { type: 'snapshot', seq: 10, event, ideas: [], ...over });
}

describe('store: proposals and the report', () => {
  it('takes proposals and the report from the snapshot', () => {
    const s = snapshot({ proposals: [proposal(4), proposal(9)], report: report() });
    expect(Object.keys(s.proposals)).toEqual(['4', '9']);
    expect(s.proposals[4]?.people?.[0]?.name).toBe('Ana Ruiz');
    expect(s.report).toEqual(report());
  });

  it('has no report and no proposals when the snapshot has none (a participant before publishing)', () => {
    const s = snapshot({ report: null });
    expect(s.report).toBeNull();
    expect(s.proposals).toEqual({});
    expect(snapshot().report).toBeNull();
  });

  it('a new snapshot replaces the report and the proposals', () => {
    let s = snapshot({ proposals: [proposal(4)], report: report() });
    s = reduce(s, { type: 'snapshot', seq: 12, event, ideas: [] });
    expect(s.report).toBeNull();
    expect(s.proposals).toEqual({});
  });

  it.each<[string, Change, (s: AppState) => void]>([
    [
      'proposal_created adds it',
      { seq: 11, kind: 'proposal_created', proposal: proposal(7) },
      (s) => expect(s.proposals[7]?.title).toBe('P7'),
    ],
    [
      'proposal_updated replaces it',
      { seq: 11, kind: 'proposal_updated', proposal: proposal(4, { title: 'New title', team: [5, 9] }) },
      (s) => expect(s.proposals[4]).toMatchObject({ title: 'New title', team: [5, 9] }),
    ],
    [
      'proposal_deleted removes it',
      { seq: 11, kind: 'proposal_deleted', proposal: 4 },
      (s) => expect(s.proposals[4]).toBeUndefined(),
    ],
    [
      'report_changed replaces the report',
      { seq: 11, kind: 'report_changed', report: report({ title: 'Twenty proposals', chapters: [] }) },
      (s) => expect(s.report).toMatchObject({ title: 'Twenty proposals', chapters: [] }),
    ],
  ])('%s', (_name, c, check) => {
    const base = snapshot({ proposals: [proposal(4)], report: report() });
    const s = reduce(base, change(c));
    check(s);
    expect(s.lastSeq).toBe(11);
    expect(base.proposals[4]?.title).toBe('P4'); // pure
  });

  it('skips a report change it has applied already', () => {
    const base = snapshot({ report: report() });
    expect(reduce(base, change({ seq: 10, kind: 'report_changed', report: report({ published: true }) }))).toBe(base);
  });

  it('a participant sees the report appear when published and go when taken back', () => {
    let s = reduce(snapshot({ report: null }), { type: 'you', you: member(5, 'participant') });
    expect(isPublished(s.report)).toBe(false);
    s = reduce(s, change({ seq: 11, kind: 'report_changed', report: report({ published: true }) }));
    expect(isPublished(s.report)).toBe(true);
    s = reduce(s, change({ seq: 12, kind: 'report_changed', report: report({ published: false }) }));
    expect(isPublished(s.report)).toBe(false);
  });

  it('keeps proposals and the report across a reload, and reset forgets them', () => {
    let s = snapshot({ proposals: [proposal(4)], report: report({ published: true }) });
    const kept = JSON.parse(JSON.stringify(eventStateOf(s))) as EventState;
    const restored = reduce(initialState, { type: 'restore', state: kept });
    expect(restored.proposals[4]?.title).toBe('P4');
    expect(restored.report?.published).toBe(true);
    s = reduce(s, { type: 'reset' });
    expect(s.proposals).toEqual({});
    expect(s.report).toBeNull();
  });

  it('restores a state saved by an older app (without proposals or report) with empty ones', () => {
    const { proposals: _p, report: _r, ...old } = eventStateOf(snapshot());
    const restored = reduce(initialState, { type: 'restore', state: old as EventState });
    expect(restored.proposals).toEqual({});
    expect(restored.report).toBeNull();
  });
});
