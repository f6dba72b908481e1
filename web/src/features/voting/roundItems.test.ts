import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import type { Cluster, Proposal, Round, RoundItemKind } from '../../protocol';
import { ROUND_ITEM_KINDS } from '../../protocol';
import {
  clusterIdeaCount,
  describeItem,
  forbiddenAsOwn,
  itemKindOf,
  KINDED_KEYS,
  KINDED_PLURALS,
  kindKey,
  kindPlural,
} from './roundItems';
import type { EventState } from '../../store';
import { idea, member } from '../../fixtures.test-support';
import { itemDetailText } from './RoundItemLabel';

const ana = member(5, 'participant'); // the fixtures' ideas are Ana's
const bob = member(6, 'participant');

function cluster(id: number, name = `C${id}`): Cluster {
  return { id, track: 1, name };
}

function proposal(id: number, over: Partial<Proposal> = {}): Proposal {
  return {
    id,
    track: 1,
    title: `P${id}`,
    ideas: [],
    cluster: null,
    table: null,
    team: [5, 9],
    createdAt: 1,
    createdBy: 1,
    people: [
      { id: 5, name: 'Ana Ruiz', organisation: '' },
      { id: 9, name: 'Jan de Vries', organisation: '' },
    ],
    ...over,
  };
}

const state: Pick<EventState, 'ideas' | 'clusters' | 'proposals' | 'you'> = {
  ideas: {
    1: idea(1, { cluster: 4 }),
    2: idea(2, { cluster: 4, author: { id: 6, name: 'Bob', organisation: '' } }),
    3: idea(3, { cluster: 4, hidden: true, author: { id: 6, name: 'Bob', organisation: '' } }),
    4: idea(4, { cluster: 4, mergedInto: 2, author: { id: 6, name: 'Bob', organisation: '' } }),
    5: idea(5, { cluster: 7, author: { id: 6, name: 'Bob', organisation: '' } }),
    6: idea(6, { author: null, mine: true }),
    7: idea(7, { cluster: 8, mergedInto: 5 }), // Ana's, merged beneath Bob's
  },
  clusters: { 4: cluster(4, 'Skills'), 7: cluster(7, 'Public sector'), 8: cluster(8, 'Other') },
  proposals: { 4: proposal(4), 9: proposal(9, { team: [6], people: [{ id: 6, name: 'Bob', organisation: '' }] }) },
  you: ana,
};

describe('round item kinds', () => {
  it('reads a round without a kind as a round over ideas', () => {
    expect(itemKindOf({})).toBe('ideas');
    expect(itemKindOf({ itemKind: 'proposals' })).toBe('proposals');
  });

  it.each<[string, RoundItemKind, number, Partial<ReturnType<typeof describeItem>>]>([
    ['own idea', 'ideas', 1, { text: 'idea 1', author: 'Ana', own: true }],
    ["someone else's idea", 'ideas', 2, { text: 'idea 2', author: 'Bob', own: false }],
    ['own anonymous idea', 'ideas', 6, { text: 'idea 6', author: null, own: true }],
    ['unknown idea', 'ideas', 99, { text: null, own: false }],
    [
      'cluster holding own idea: counts visible, unmerged ideas',
      'clusters',
      4,
      { text: 'Skills', ideas: 2, own: true },
    ],
    ["cluster of others' ideas", 'clusters', 7, { text: 'Public sector', ideas: 1, own: false }],
    ['cluster holding only a merged idea of ours: still ours', 'clusters', 8, { text: 'Other', ideas: 0, own: true }],
    ['unknown cluster', 'clusters', 99, { text: null, ideas: null, own: false }],
    ["own team's proposal", 'proposals', 4, { text: 'P4', people: ['Ana Ruiz', 'Jan de Vries'], own: true }],
    ["another team's proposal", 'proposals', 9, { text: 'P9', people: ['Bob'], own: false }],
    ['unknown proposal', 'proposals', 99, { text: null, people: [], own: false }],
  ])('%s', (_name, kind, id, expected) => {
    expect(describeItem(state, kind, id)).toMatchObject({ kind, ...expected });
  });

  it('counts no one as owner without a member', () => {
    const nobody = { ...state, you: null };
    expect(describeItem(nobody, 'ideas', 1).own).toBe(false);
    expect(describeItem(nobody, 'clusters', 4).own).toBe(false);
    expect(describeItem(nobody, 'proposals', 4).own).toBe(false);
    expect(describeItem({ ...state, you: bob }, 'proposals', 9).own).toBe(true);
  });

  it('forbids own items only where the round does', () => {
    const own = describeItem(state, 'proposals', 4);
    expect(forbiddenAsOwn({ allowOwn: false }, own)).toBe(true);
    expect(forbiddenAsOwn({ allowOwn: true }, own)).toBe(false);
    expect(forbiddenAsOwn({ allowOwn: false }, describeItem(state, 'proposals', 9))).toBe(false);
  });

  it('counts the ideas of a cluster', () => {
    expect(clusterIdeaCount(state, 4)).toBe(2);
    expect(clusterIdeaCount(state, 99)).toBe(0);
  });

  it.each<[string, RoundItemKind, number, string | null]>([
    ['idea: author and (you)', 'ideas', 1, 'Ana (you)'],
    ['anonymous idea', 'ideas', 6, 'Anonymous (you)'],
    ['cluster: ideas and whether it holds yours', 'clusters', 4, '2 ideas · holds your idea'],
    ['cluster of one idea', 'clusters', 7, '1 idea'],
    ['proposal: team', 'proposals', 9, 'Team: Bob'],
    ['own proposal', 'proposals', 4, 'Team: Ana Ruiz, Jan de Vries (your team)'],
    ['unknown item: nothing', 'proposals', 99, null],
  ])('detail line: %s', (_name, kind, id, text) => {
    expect(itemDetailText(describeItem(state, kind, id))).toBe(text);
  });
});

describe('texts per item kind', () => {
  it.each(KINDED_KEYS)('%s has a text for every kind', (key) => {
    for (const kind of ROUND_ITEM_KINDS) expect(en[kindKey(key, kind)], `${key} ${kind}`).toBeTruthy();
  });

  it.each(KINDED_PLURALS)('%s has plural forms for every kind', (base) => {
    for (const kind of ROUND_ITEM_KINDS) {
      const b = kindPlural(base, kind);
      expect(en[`${b}.one` as keyof typeof en], b).toBeTruthy();
      expect(en[`${b}.other` as keyof typeof en], b).toBeTruthy();
    }
  });

  it('keeps the ideas’ texts under their first keys', () => {
    expect(kindKey('vote.ownIdea', 'ideas')).toBe('vote.ownIdea');
    expect(kindKey('vote.ownIdea', 'proposals')).toBe('vote.ownIdea.proposals');
    expect(kindPlural('vote.approved', 'clusters')).toBe('vote.approved.clusters');
  });

  it.each(ROUND_ITEM_KINDS)('names the %s kind in the open-round form', (kind) => {
    expect(en[`rounds.itemKind.${kind}`]).toBeTruthy();
    expect(en[`rounds.itemKindHint.${kind}`]).toBeTruthy();
  });

  it('has a label for every file', async () => {
    const { REPORT_FILES, FACILITATOR_FILES } = await import('../../protocol');
    for (const file of [...REPORT_FILES, ...FACILITATOR_FILES]) expect(en[`download.${file}`], file).toBeTruthy();
  });

  it('the ideas round keeps the texts browser tests rely on', () => {
    const round: Pick<Round, 'itemKind'> = {};
    expect(en[kindKey('rounds.scope', itemKindOf(round))]).toBe('Ideas of');
    expect(en[kindKey('vote.budgetSpent', itemKindOf(round))]).toBe('No dots left: take one off another idea first.');
  });
});
