// Pairs of ideas dismissed as not duplicates over real WebSockets: a moderator dismisses a
// pair and the staff of its track see it live, participants, viewers and the lead of another
// track never (live, in a resumed backlog or in a snapshot); each refusal; a dismissal
// survives a restart and is restored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, joinAs, removeDir, restartServer, startEventServer, stopServer } from './server.mjs';

describe('dismissed duplicates', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  let lead1Token;
  let lead2Token;
  let screenToken;
  let lead1;
  let lead2;
  let screen;
  let first;
  let second;
  let elsewhere;
  let third;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    ana = await joinAs(server, ev.code, 'Ana');
    lead1Token = (await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead one' })).token;
    lead2Token = (await fac.ok({ type: 'create_link', role: 'lead', track: 2, name: 'Lead two' })).token;
    screenToken = (await fac.ok({ type: 'create_link', role: 'viewer', name: 'Room screen' })).token;
    lead1 = await connectWith(server, lead1Token);
    lead2 = await connectWith(server, lead2Token);
    screen = await connectWith(server, screenToken);
    first = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts' })).idea;
    second = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Accounts for learning' })).idea;
    elsewhere = (await ana.client.ok({ type: 'post_idea', track: 2, text: 'Public services' })).idea;
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('a moderator dismisses a pair: its track’s staff see it live, participants never', async () => {
    const before = (await snapshotSeq(server, ana.token)) ?? 0;
    const from = [ana.client, lead2, screen].map((c) => c.messages.length);
    // Either order; the pair comes back as (lower, higher).
    assert.equal(await fac.ok({ type: 'dismiss_duplicate', a: second, b: first }), undefined);
    for (const c of [fac, lead1]) {
      const seen = await c.waitFor((m) => m.kind === 'duplicate_dismissed');
      assert.deepEqual([seen.a, seen.b], [first, second]);
      assert.equal(typeof seen.seq, 'number');
    }
    // Something everyone sees, after it: by then the others would have had it.
    await fac.ok({ type: 'pin_idea', idea: first });
    for (const [i, c] of [ana.client, lead2, screen].entries()) {
      await c.waitFor((m) => m.kind === 'idea_pinned', { from: from[i] });
      assert.ok(!c.messages.slice(from[i]).some((m) => m.kind === 'duplicate_dismissed'));
    }
    // Not in a participant's backlog after a reconnect either, nor in their snapshot.
    const resumed = await Client.connect(server.port);
    await resumed.ok({ type: 'hello', token: ana.token, lastSeq: before });
    const backlog = await resumed.waitFor((m) => m.type === 'changes');
    assert.ok(backlog.changes.some((m) => m.kind === 'idea_pinned'));
    assert.ok(!backlog.changes.some((m) => m.kind === 'duplicate_dismissed'));
    resumed.close();
    const theirs = await snapshotOf(server, ana.token);
    assert.ok(!('dismissedDuplicates' in theirs));
    assert.ok(!('dismissedDuplicates' in (await snapshotOf(server, screenToken))));
    // Staff snapshots: the facilitator's and the track's lead's have it, the other lead's not.
    assert.deepEqual((await snapshotOf(server, ev.facilitatorToken)).dismissedDuplicates, [[first, second]]);
    assert.deepEqual((await snapshotOf(server, lead1Token)).dismissedDuplicates, [[first, second]]);
    assert.deepEqual((await snapshotOf(server, lead2Token)).dismissedDuplicates, []);
  });

  it('refusals: a participant, the lead of another track, one idea twice, two tracks, twice', async () => {
    const pair = { a: first, b: second };
    assert.equal((await ana.client.command({ type: 'dismiss_duplicate', a: first, b: elsewhere })).code, 'forbidden');
    assert.equal((await ana.client.command({ type: 'restore_duplicate', ...pair })).code, 'forbidden');
    assert.equal((await screen.command({ type: 'restore_duplicate', ...pair })).code, 'forbidden');
    assert.equal((await lead2.command({ type: 'restore_duplicate', ...pair })).code, 'forbidden');
    third = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Training budgets' })).idea;
    assert.equal((await lead2.command({ type: 'dismiss_duplicate', a: first, b: third })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'dismiss_duplicate', a: first, b: first })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'dismiss_duplicate', a: first, b: elsewhere })).code, 'bad_value');
    assert.equal((await lead1.command({ type: 'dismiss_duplicate', a: second, b: first })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'restore_duplicate', a: first, b: third })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'dismiss_duplicate', a: first, b: 999 })).code, 'not_found');
    assert.equal((await fac.command({ type: 'dismiss_duplicate', a: first })).code, 'bad_command');
    assert.deepEqual((await snapshotOf(server, ev.facilitatorToken)).dismissedDuplicates, [[first, second]]);
    // The track's lead dismisses too.
    await lead1.ok({ type: 'dismiss_duplicate', a: third, b: second });
    await fac.waitFor((m) => m.kind === 'duplicate_dismissed' && m.a === second && m.b === third);
  });

  it('a dismissal survives a restart, and restoring it reaches the same people', async () => {
    server = await restartServer(server, db);
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(snap.dismissedDuplicates, [
      [first, second],
      [second, third],
    ]);
    lead1 = await connectWith(server, lead1Token);
    lead2 = await connectWith(server, lead2Token);
    ana = { ...ana, client: await connectWith(server, ana.token) };
    const from = [lead2, ana.client].map((c) => c.messages.length);
    await lead1.ok({ type: 'restore_duplicate', a: second, b: first });
    const restored = await fac.waitFor((m) => m.kind === 'duplicate_restored');
    assert.deepEqual([restored.a, restored.b], [first, second]);
    await lead1.waitFor((m) => m.kind === 'duplicate_restored');
    await fac.ok({ type: 'unpin_idea', idea: first });
    for (const [i, c] of [lead2, ana.client].entries()) {
      await c.waitFor((m) => m.kind === 'idea_pinned', { from: from[i] });
      assert.ok(!c.messages.slice(from[i]).some((m) => m.kind === 'duplicate_restored'));
    }
    assert.equal((await fac.command({ type: 'restore_duplicate', a: first, b: second })).code, 'bad_value');
    server = await restartServer(server, db);
    const again = await snapshotOf(server, ev.facilitatorToken);
    assert.deepEqual(again.dismissedDuplicates, [[second, third]]);
  });
});

// A new connection's snapshot, for `token`.
async function snapshotOf(server, token) {
  const c = await connectWith(server, token);
  const snap = await c.waitFor((m) => m.type === 'snapshot');
  c.close();
  return snap;
}

// The seq of a new connection's snapshot.
async function snapshotSeq(server, token) {
  return (await snapshotOf(server, token)).seq;
}
