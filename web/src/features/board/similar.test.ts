import { describe, expect, it } from 'vitest';
import type { SimilarIdea } from '../../protocol';
import { idea, member } from '../../fixtures.test-support';
import type { LookupTimers } from './similar';
import { LatestOnly, SIMILAR_PAUSE_MS, SimilarLookup, similarMatches, worthAsking } from './similar';

/** Timers moved by hand: `advance(ms)` runs what falls due. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: LookupTimers = {
    set: (fn, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (handle) => {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      due.delete(id);
      t.fn();
    }
  };
  return { timers, advance, pending: () => due.size };
}

/** A server answered by hand: each question waits until the test answers or refuses it. */
function fakeServer() {
  const asked: { track: number; text: string; answer: (found: SimilarIdea[]) => void; refuse: () => void }[] = [];
  const ask = (track: number, text: string) =>
    new Promise<SimilarIdea[]>((resolve, reject) => {
      asked.push({ track, text, answer: resolve, refuse: () => reject(new Error('bad_value')) });
    });
  return { asked, ask };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const clock = fakeTimers();
  const server = fakeServer();
  const shown: SimilarIdea[][] = [];
  const lookup = new SimilarLookup(server.ask, (found) => shown.push(found), clock.timers);
  return { clock, server, shown, lookup };
}

const A = [{ idea: 17, score: 0.62 }];
const B = [{ idea: 4, score: 0.31 }];
const LONG = 'learning account for every worker';

describe('worthAsking', () => {
  it.each([
    ['', false],
    ['short text', false],
    ['   eleven ch   ', false],
    ['twelve chars', true],
    ['Weiterbildung', true],
  ])('%j → %s', (text, want) => expect(worthAsking(text)).toBe(want));
});

describe('LatestOnly', () => {
  it('only the newest ticket is current; cancel makes all stale', () => {
    const latest = new LatestOnly();
    const a = latest.next();
    const b = latest.next();
    expect(latest.isCurrent(a)).toBe(false);
    expect(latest.isCurrent(b)).toBe(true);
    latest.cancel();
    expect(latest.isCurrent(b)).toBe(false);
  });
});

describe('SimilarLookup', () => {
  it('asks once typing pauses, with the trimmed text of the track', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, 'learning acc', true);
    lookup.typed(2, 'learning account', true);
    clock.advance(SIMILAR_PAUSE_MS - 1);
    expect(server.asked).toHaveLength(0);
    lookup.typed(2, `${LONG}  `, true);
    clock.advance(SIMILAR_PAUSE_MS - 1);
    expect(server.asked).toHaveLength(0);
    clock.advance(1);
    expect(server.asked.map((q) => [q.track, q.text])).toEqual([[2, LONG]]);
    server.asked[0].answer(A);
    await flush();
    expect(shown).toEqual([A]);
  });

  it('drops the answer to a text that changed since; the newest answer shows', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    lookup.typed(2, `${LONG} and more`, true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(2);
    // The newer answer comes first, the older one after it: the older never shows.
    server.asked[1].answer(B);
    await flush();
    server.asked[0].answer(A);
    await flush();
    expect(shown).toEqual([B]);
  });

  it('keeps what it shows while the person types on (no flicker), until the next answer', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    server.asked[0].answer(A);
    await flush();
    lookup.typed(2, `${LONG} t`, true);
    lookup.typed(2, `${LONG} to`, true);
    expect(shown).toEqual([A]);
  });

  it('clears at once when the draft is cleared or too short, and drops an answer still on its way', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    lookup.typed(2, '', true);
    expect(shown).toEqual([[]]);
    server.asked[0].answer(A);
    await flush();
    expect(shown).toEqual([[]]);
    lookup.typed(2, 'too short', true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(1);
  });

  it('says nothing offline, and asks when the connection is back', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, false);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(0);
    expect(shown).toEqual([[]]);
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(1);
  });

  it('says nothing on a refusal, and asks again on the next change', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    server.asked[0].refuse();
    await flush();
    expect(shown).toEqual([[]]);
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(2);
  });

  it('does not ask again for the same text (spaces at the ends aside), but does for another track', () => {
    const { clock, server, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    lookup.typed(2, `${LONG} `, true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked).toHaveLength(1);
    lookup.typed(3, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    expect(server.asked.map((q) => q.track)).toEqual([2, 3]);
  });

  it('shows at most three; stop forgets the question waiting and the one in flight', async () => {
    const { clock, server, shown, lookup } = setup();
    lookup.typed(2, LONG, true);
    clock.advance(SIMILAR_PAUSE_MS);
    server.asked[0].answer([1, 2, 3, 4].map((idea) => ({ idea, score: 0.5 })));
    await flush();
    expect(shown[0]).toHaveLength(3);
    lookup.typed(2, `${LONG}!`, true);
    lookup.stop();
    expect(clock.pending()).toBe(0);
    lookup.typed(2, `${LONG}?`, true);
    clock.advance(SIMILAR_PAUSE_MS);
    lookup.stop();
    server.asked[1].answer(A);
    await flush();
    expect(shown).toHaveLength(1);
  });
});

describe('similarMatches', () => {
  const you = member(6, 'participant');
  const ideas = {
    17: idea(17, { supporters: [8] }),
    18: idea(18, { mergedInto: 17, supporters: [9, 8] }),
    4: idea(4, { supporters: [6] }),
    5: idea(5, { author: { id: 6, name: 'Me', organisation: '' } }),
    6: idea(6, { hidden: true }),
    7: idea(7, { track: 2 }),
    8: idea(8),
    9: idea(9),
  };
  const state = { ideas, you };
  const found = (...ids: number[]) => ids.map((id) => ({ idea: id, score: 0.5 }));

  it('counts the supporters over the merge tree and knows the ones the person supports', () => {
    expect(similarMatches(found(17, 4), state, 1).map((m) => [m.idea.id, m.supporters, m.supported])).toEqual([
      [17, 2, false],
      [4, 1, true],
    ]);
  });

  it('leaves out one’s own, hidden, gone and other tracks’ ideas; at most three, in order', () => {
    expect(similarMatches(found(5, 6, 99, 7, 9, 8, 17, 4), state, 1).map((m) => m.idea.id)).toEqual([9, 8, 17]);
  });
});
