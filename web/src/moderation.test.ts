import { describe, expect, it } from 'vitest';
import type { Change, Cluster, Idea, Member, Table } from './protocol';
import type { AppState } from './store';
import type { IdeaView } from './ideaViews';
import { eventStateOf, initialState, participants, reduce, tablesOfTrack } from './store';
import {
  buildIdeaTree,
  clustersOfTrack,
  editedByName,
  flattenTree,
  groupByCluster,
  ideasOfTrack,
  mergeTargets,
  mergedBeneath,
} from './ideaViews';
import { eventInfo, idea, member } from './fixtures.test-support';

const event = eventInfo();

const facilitator = member(1, 'facilitator', null);
const ana = member(5, 'participant', 1);
const bob = member(6, 'participant', 1);
const skillsCluster: Cluster = { id: 4, track: 1, name: 'Skills' };
const tableA: Table = { id: 3, track: 2, name: 'Table A' };

function state(
  ideas: Idea[],
  you: Member | null = facilitator,
  extra: { clusters?: Cluster[]; tables?: Table[]; members?: Member[] } = {},
): AppState {
  let s = reduce(initialState, {
    type: 'snapshot',
    seq: 10,
    event,
    ideas,
    clusters: extra.clusters ?? [],
    tables: extra.tables ?? [],
    members: extra.members ?? [],
  });
  if (you) s = reduce(s, { type: 'you', you });
  return s;
}

const change = (c: Change) => ({ type: 'change' as const, ...c });

describe('reduce: snapshot fields of moderation, tables and people', () => {
  it('takes clusters and tables from the snapshot, by id', () => {
    const s = state([], facilitator, { clusters: [skillsCluster], tables: [tableA] });
    expect(s.clusters).toEqual({ 4: skillsCluster });
    expect(s.tables).toEqual({ 3: tableA });
  });

  it('treats missing clusters and tables as none', () => {
    const s = reduce(initialState, { type: 'snapshot', seq: 1, event, ideas: [] });
    expect(s.clusters).toEqual({});
    expect(s.tables).toEqual({});
  });

  it('a new snapshot replaces clusters and tables', () => {
    let s = state([], facilitator, { clusters: [skillsCluster], tables: [tableA] });
    s = reduce(s, { type: 'snapshot', seq: 3, event, ideas: [], clusters: [], tables: [] });
    expect(s.clusters).toEqual({});
    expect(s.tables).toEqual({});
  });

  it('the saved state keeps clusters and tables (for a reload)', () => {
    const saved = eventStateOf(state([], facilitator, { clusters: [skillsCluster], tables: [tableA] }));
    expect(saved.clusters[4]).toEqual(skillsCluster);
    expect(saved.tables[3]).toEqual(tableA);
  });
});

describe('reduce: every new change kind', () => {
  const base = state([idea(1), idea(2), idea(3, { cluster: 4 })], facilitator, {
    clusters: [skillsCluster],
    tables: [tableA],
    members: [facilitator, ana, member(6, 'participant', 2, 3)],
  });

  it.each<[string, Change, (s: AppState) => void]>([
    [
      'idea_pinned replaces the idea',
      { seq: 11, kind: 'idea_pinned', idea: idea(1, { pinned: true }) },
      (s) => expect(s.ideas[1]?.pinned).toBe(true),
    ],
    [
      'idea_merged replaces the idea',
      { seq: 11, kind: 'idea_merged', idea: idea(2, { mergedInto: 1 }) },
      (s) => expect(s.ideas[2]?.mergedInto).toBe(1),
    ],
    [
      'idea_split replaces the idea',
      { seq: 11, kind: 'idea_split', idea: idea(2, { mergedInto: null }) },
      (s) => expect(s.ideas[2]?.mergedInto).toBeNull(),
    ],
    [
      'idea_clustered replaces the idea',
      { seq: 11, kind: 'idea_clustered', idea: idea(1, { cluster: 4 }) },
      (s) => expect(s.ideas[1]?.cluster).toBe(4),
    ],
    [
      'an idea change with only the id (hidden from us) takes it out',
      { seq: 11, kind: 'idea_pinned', idea: 2 },
      (s) => expect(s.ideas[2]).toBeUndefined(),
    ],
    [
      'cluster_created adds a cluster',
      { seq: 11, kind: 'cluster_created', cluster: { id: 5, track: 2, name: 'Data' } },
      (s) => expect(s.clusters[5]?.name).toBe('Data'),
    ],
    [
      'cluster_renamed renames it',
      { seq: 11, kind: 'cluster_renamed', cluster: { ...skillsCluster, name: 'Skills & training' } },
      (s) => expect(s.clusters[4]?.name).toBe('Skills & training'),
    ],
    [
      'cluster_deleted removes it and takes its ideas out',
      { seq: 11, kind: 'cluster_deleted', cluster: 4 },
      (s) => {
        expect(s.clusters[4]).toBeUndefined();
        expect(s.ideas[3]?.cluster).toBeNull();
        expect(s.ideas[3]?.text).toBe('idea 3');
      },
    ],
    [
      'table_added adds a table',
      { seq: 11, kind: 'table_added', table: { id: 7, track: 1, name: 'Table 1' } },
      (s) => expect(s.tables[7]?.name).toBe('Table 1'),
    ],
    [
      'table_removed removes it and seats its members nowhere',
      { seq: 11, kind: 'table_removed', table: 3 },
      (s) => {
        expect(s.tables[3]).toBeUndefined();
        expect(s.members[6]?.table).toBeNull();
        expect(s.members[6]?.track).toBe(2);
      },
    ],
    [
      'member_moved updates the member',
      { seq: 11, kind: 'member_moved', member: member(5, 'participant', 2, 3) },
      (s) => expect([s.members[5]?.track, s.members[5]?.table]).toEqual([2, 3]),
    ],
    [
      'roster_imported (staff) adds the members and the tables it created',
      {
        seq: 11,
        kind: 'roster_imported',
        members: [member(8, 'participant', 1, 7)],
        tables: [{ id: 7, track: 1, name: 'Table 1' }],
      },
      (s) => {
        expect(s.members[8]?.table).toBe(7);
        expect(s.tables[7]?.name).toBe('Table 1');
        expect(s.tables[3]).toEqual(tableA);
      },
    ],
  ])('%s', (_name, c, check) => {
    const s = reduce(base, change(c));
    check(s);
    expect(s.lastSeq).toBe(11);
    expect(base.ideas[3]?.cluster).toBe(4); // pure: the old state is untouched
    expect(base.tables[3]).toEqual(tableA);
  });

  it('member_moved for oneself moves `you` (a participant sees their new track and table)', () => {
    let s = state([], ana, { tables: [tableA] });
    s = reduce(s, change({ seq: 11, kind: 'member_moved', member: member(5, 'participant', 2, 3) }));
    expect(s.you?.track).toBe(2);
    expect(s.you?.table).toBe(3);
    // A participant's state holds no member list.
    expect(s.members).toEqual({});
  });

  it('table_removed unseats `you` too', () => {
    let s = state([], member(5, 'participant', 2, 3), { tables: [tableA] });
    s = reduce(s, change({ seq: 11, kind: 'table_removed', table: 3 }));
    expect(s.you?.table).toBeNull();
  });

  it('roster_imported for participants (no members) adds only the tables', () => {
    let s = state([], ana);
    s = reduce(s, change({ seq: 11, kind: 'roster_imported', tables: [{ id: 7, track: 1, name: 'Table 1' }] }));
    expect(s.tables[7]?.name).toBe('Table 1');
    expect(s.members).toEqual({});
  });

  it('new change kinds are skipped when already seen', () => {
    const s = reduce(base, change({ seq: 10, kind: 'cluster_deleted', cluster: 4 }));
    expect(s).toBe(base);
  });

  it('selectors: clusters and tables of a track, participants by name', () => {
    const s = reduce(base, change({ seq: 11, kind: 'table_added', table: { id: 2, track: 2, name: 'Table 0' } }));
    expect(clustersOfTrack(s, 1)).toEqual([skillsCluster]);
    expect(clustersOfTrack(s, 2)).toEqual([]);
    expect(tablesOfTrack(s, 2).map((tb) => tb.id)).toEqual([2, 3]);
    expect(participants(s).map((m) => m.id)).toEqual([5, 6]);
  });
});

const views = (s: AppState, track = 1): IdeaView[] => ideasOfTrack(s, track);
const ids = (nodes: ReturnType<typeof buildIdeaTree>): unknown =>
  nodes.map((n) => (n.children.length > 0 ? [n.view.idea.id, ids(n.children)] : n.view.idea.id));

describe('merge trees', () => {
  it('nests merged ideas beneath their target, recursively, newest first on each level', () => {
    const s = state([
      idea(1),
      idea(2, { mergedInto: 1 }),
      idea(3, { mergedInto: 2 }),
      idea(4, { mergedInto: 1 }),
      idea(5),
    ]);
    expect(ids(buildIdeaTree(views(s)))).toEqual([5, [1, [4, [2, [3]]]]]);
  });

  it('puts pinned ideas first on every level', () => {
    const s = state([
      idea(1, { pinned: true }),
      idea(2),
      idea(3),
      idea(4, { mergedInto: 3 }),
      idea(5, { mergedInto: 3, pinned: false }),
      idea(6, { mergedInto: 3 }),
      idea(7, { mergedInto: 3, pinned: true }),
    ]);
    expect(ids(buildIdeaTree(views(s)))).toEqual([1, [3, [7, 6, 5, 4]], 2]);
  });

  it('keeps each merged idea’s own author', () => {
    const s = state([idea(1), idea(2, { mergedInto: 1, author: { id: 6, name: 'Bob', organisation: '' } })]);
    const [root] = buildIdeaTree(views(s));
    expect(root?.children[0]?.view.idea.author?.name).toBe('Bob');
  });

  it('an idea merged into one this member cannot see stands at the top', () => {
    // A participant does not get hidden ideas: idea 1 is absent.
    const s = state([idea(2, { mergedInto: 1 }), idea(3)], ana);
    expect(ids(buildIdeaTree(views(s)))).toEqual([3, 2]);
  });

  it('never loops on a cycle (the server refuses them; the client still must not hang)', () => {
    const s = state([idea(1, { mergedInto: 2 }), idea(2, { mergedInto: 1 }), idea(3)]);
    const tree = buildIdeaTree(views(s));
    expect(
      flattenTree(tree)
        .map((v) => v.idea.id)
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  it('unsaved posts stay at the top level, after pinned ideas', () => {
    let s = state([idea(1, { pinned: true }), idea(2)], ana);
    s = reduce(s, {
      type: 'pending',
      commands: [{ type: 'post_idea', id: 'p1', track: 1, text: 'new', anonymous: false }],
    });
    const tree = buildIdeaTree(views(s));
    expect(tree.map((n) => n.view.key)).toEqual(['1', 'p1', '2']);
  });

  it('flattenTree lists every idea depth first', () => {
    const s = state([idea(1), idea(2, { mergedInto: 1 }), idea(3)]);
    expect(flattenTree(buildIdeaTree(views(s))).map((v) => v.idea.id)).toEqual([3, 1, 2]);
  });

  it('mergedBeneath finds everything below an idea', () => {
    const s = state([idea(1), idea(2, { mergedInto: 1 }), idea(3, { mergedInto: 2 }), idea(4)]);
    expect([...mergedBeneath(s.ideas, 1)].sort()).toEqual([2, 3]);
    expect([...mergedBeneath(s.ideas, 4)]).toEqual([]);
  });

  it('merge targets: other ideas of the track, not those beneath it, not its current target', () => {
    const s = state([idea(1), idea(2, { mergedInto: 1 }), idea(3, { mergedInto: 2 }), idea(4), idea(5, { track: 2 })]);
    expect(mergeTargets(s, s.ideas[1] as Idea).map((v) => v.idea.id)).toEqual([4]);
    expect(mergeTargets(s, s.ideas[2] as Idea).map((v) => v.idea.id)).toEqual([4]);
    expect(mergeTargets(s, s.ideas[4] as Idea).map((v) => v.idea.id)).toEqual([3, 2, 1]);
  });

  it('groups the trees by the cluster of their top idea; the clustered groups first, in order', () => {
    const data: Cluster = { id: 9, track: 1, name: 'Data' };
    const s = state(
      [idea(1, { cluster: 4 }), idea(2, { mergedInto: 1, cluster: 9 }), idea(3), idea(4, { cluster: 99 })],
      facilitator,
      {
        clusters: [data, skillsCluster],
      },
    );
    const groups = groupByCluster(buildIdeaTree(views(s)), clustersOfTrack(s, 1));
    expect(groups.map((g) => [g.cluster?.id ?? null, ids(g.nodes)])).toEqual([
      [4, [[1, [2]]]],
      [9, []],
      [null, [4, 3]],
    ]);
  });
});

describe('edited by', () => {
  const lead = member(2, 'lead', 1);
  it('shows the editor when it is not the author', () => {
    const s = state([], ana);
    expect(editedByName(s, idea(1, { editedAt: 5, editedBy: { id: 2, name: 'Lena' } }))).toBe('Lena');
    expect(editedByName(s, idea(1, { editedAt: 5, editedBy: { id: 5, name: 'Ana' } }))).toBeNull();
    expect(editedByName(s, idea(1))).toBeNull();
  });

  it('on an anonymous idea: to its author (unless they edited it), and to staff only when staff edited it', () => {
    const anonymous = (by: { id: number; name: string }) => idea(1, { author: null, editedAt: 5, editedBy: by });
    expect(editedByName(state([], ana), { ...anonymous({ id: 2, name: 'Lena' }), mine: true })).toBe('Lena');
    expect(editedByName(state([], ana), { ...anonymous({ id: 5, name: 'Ana' }), mine: true })).toBeNull();
    // Another participant: the name could give the author away.
    expect(editedByName(state([], bob), anonymous({ id: 5, name: 'Ana' }))).toBeNull();
    const staffState = state([], facilitator, { members: [facilitator, lead, ana] });
    expect(editedByName(staffState, anonymous({ id: 2, name: 'M2' }))).toBe('M2');
    expect(editedByName(staffState, anonymous({ id: 5, name: 'Ana' }))).toBeNull();
  });
});
