import { describe, expect, it } from 'vitest';
import type { Idea } from '../../protocol';
import { idea } from '../../fixtures.test-support';
import type { ClusterPort, DraftGroup } from './suggestions';
import { acceptGroups, clusterName, draftGroups, groupIdeas, livePairs, undoAccepted } from './suggestions';

/** A port that records the commands in order; `refuse` names commands (type:id) the server refuses. */
function recorder(refuse: string[] = []) {
  const sent: string[] = [];
  let next = 100;
  const answer = <T>(command: string, value: T): Promise<T> => {
    sent.push(command);
    return refuse.includes(command) ? Promise.reject(new Error(`refused ${command}`)) : Promise.resolve(value);
  };
  const port: ClusterPort = {
    createCluster: (track, name) => answer(`create_cluster:${track}:${name}`, { cluster: next++ }),
    clusterIdea: (id, cluster) => answer(`cluster_idea:${id}:${cluster}`, undefined),
    deleteCluster: (cluster) => answer(`delete_cluster:${cluster}`, undefined),
  };
  return { sent, port };
}

const group = (name: string, ideas: number[], order = 0): DraftGroup => ({ key: `${order}`, order, name, ideas });

describe('accepting suggested clusters', () => {
  it('creates each cluster with its edited name, then moves its ideas, group after group', async () => {
    const { sent, port } = recorder();
    const { accepted, error } = await acceptGroups(port, 2, [
      { group: group('  Learning accounts ', [3, 8]), ideas: [3, 8] },
      { group: group('Vouchers', [5, 9, 11], 1), ideas: [5, 11] },
    ]);
    expect(error).toBeNull();
    expect(sent).toEqual([
      'create_cluster:2:Learning accounts',
      'cluster_idea:3:100',
      'cluster_idea:8:100',
      'create_cluster:2:Vouchers',
      'cluster_idea:5:101',
      'cluster_idea:11:101',
    ]);
    expect(accepted.map((a) => [a.cluster, a.ideas])).toEqual([
      [100, [3, 8]],
      [101, [5, 11]],
    ]);
  });

  it('undo moves every idea back to no cluster, then deletes the clusters', async () => {
    const { sent, port } = recorder();
    const { accepted } = await acceptGroups(port, 2, [
      { group: group('A', [3, 8]), ideas: [3, 8] },
      { group: group('B', [5]), ideas: [5] },
    ]);
    sent.length = 0;
    expect((await undoAccepted(port, accepted)).error).toBeNull();
    expect(sent).toEqual([
      'cluster_idea:3:null',
      'cluster_idea:8:null',
      'cluster_idea:5:null',
      'delete_cluster:100',
      'delete_cluster:101',
    ]);
  });

  it('stops at a refusal; what was made until then can still be undone', async () => {
    const { sent, port } = recorder(['cluster_idea:8:100']);
    const { accepted, error } = await acceptGroups(port, 2, [
      { group: group('A', [3, 8, 9]), ideas: [3, 8, 9] },
      { group: group('B', [5]), ideas: [5] },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(sent).toEqual(['create_cluster:2:A', 'cluster_idea:3:100', 'cluster_idea:8:100']);
    expect(accepted.map((a) => [a.cluster, a.ideas])).toEqual([[100, [3]]]);
  });

  it('a refused cluster creation makes nothing', async () => {
    const { port } = recorder(['create_cluster:2:A']);
    const { accepted, error } = await acceptGroups(port, 2, [{ group: group('A', [3]), ideas: [3] }]);
    expect(accepted).toEqual([]);
    expect(error).toBeInstanceOf(Error);
  });

  it('undo goes on past a refusal (an idea deleted meanwhile) and reports it', async () => {
    const { sent, port } = recorder(['cluster_idea:3:null']);
    const { error } = await undoAccepted(port, [{ group: group('A', [3, 8]), cluster: 7, ideas: [3, 8] }]);
    expect(error).toBeInstanceOf(Error);
    expect(sent).toEqual(['cluster_idea:3:null', 'cluster_idea:8:null', 'delete_cluster:7']);
  });
});

describe('what still applies', () => {
  const ideas: Record<number, Idea> = {
    1: idea(1),
    2: idea(2),
    3: idea(3, { mergedInto: 1 }),
    4: idea(4, { hidden: true }),
    5: idea(5, { track: 2 }),
    6: idea(6, { cluster: 9 }),
    7: idea(7),
  };

  it('pairs: both ideas still alone in the track, not marked as not duplicates', () => {
    const pairs = [
      { a: 1, b: 2, score: 0.9 },
      { a: 1, b: 3, score: 0.8 },
      { a: 2, b: 4, score: 0.8 },
      { a: 2, b: 5, score: 0.8 },
      { a: 2, b: 99, score: 0.8 },
      { a: 2, b: 7, score: 0.7 },
      { a: 6, b: 7, score: 0.6 },
    ];
    const state = { ideas, dismissedDuplicates: [[2, 7]] as [number, number][] };
    expect(livePairs(pairs, state, 1).map((p) => [p.a, p.b])).toEqual([
      [1, 2],
      [6, 7],
    ]);
  });

  it('groups: the ideas still alone and in no cluster', () => {
    expect(groupIdeas(group('G', [1, 3, 4, 5, 6, 7, 99]), { ideas }, 1).map((i) => i.id)).toEqual([1, 7]);
  });

  it('drafts keep the order, a stable key and the label as the name, cut to the limit', () => {
    const drafts = draftGroups(
      [
        { label: 'learning account · training budget', ideas: [3, 8, 21] },
        { label: 'empty', ideas: [] },
        { label: 'x'.repeat(70), ideas: [4, 5] },
      ],
      60,
    );
    expect(drafts.map((d) => [d.key, d.order, d.name.length, d.ideas])).toEqual([
      ['0-3', 0, 34, [3, 8, 21]],
      ['1-4', 1, 60, [4, 5]],
    ]);
    expect(clusterName('  Zoé · données  ', 4)).toBe('Zoé');
  });
});
