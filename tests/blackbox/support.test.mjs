// Support of ideas ("This is mine too") over real WebSockets and HTTP: a participant supports
// another's idea and every screen sees it live, each refusal, a hidden idea's support seen only
// by those who see the idea, the supporters after a restart, my-data.json, and the phases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectWith, joinAs, removeDir, restartServer, startEventServer, stopServer } from './server.mjs';

async function download(server, code, token) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${code}/my-data.json`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

// A new connection's snapshot, for `token`.
async function snapshotFor(server, token) {
  const c = await connectWith(server, token);
  const snap = await c.waitFor((m) => m.type === 'snapshot');
  c.close();
  return snap;
}

describe('support', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  let bo;
  let cy;
  let screen;
  let screenToken;
  let idea;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    ana = await joinAs(server, ev.code, 'Ana');
    bo = await joinAs(server, ev.code, 'Bo');
    cy = await joinAs(server, ev.code, 'Cy', { track: 2 });
    screenToken = (await fac.ok({ type: 'create_link', role: 'viewer', name: 'Room screen' })).token;
    screen = await connectWith(server, screenToken);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('a participant supports another’s idea and every screen sees it live', async () => {
    ({ idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'A learning account for every worker' }));
    const posted = await bo.client.waitFor((m) => m.kind === 'idea_posted' && m.idea.id === idea);
    assert.deepEqual(posted.idea.supporters, []);

    const everyone = [ana.client, bo.client, cy.client, fac, screen];
    const from = everyone.map((c) => c.messages.length);
    assert.equal(await bo.client.ok({ type: 'support_idea', idea }), undefined);
    for (const [i, c] of everyone.entries()) {
      const seen = await c.waitFor((m) => m.kind === 'idea_supported', { from: from[i] });
      assert.equal(seen.idea, idea);
      assert.equal(seen.member, bo.you.id);
    }
    // A participant of another track and the facilitator support it too, in that order.
    await cy.client.ok({ type: 'support_idea', idea });
    await fac.ok({ type: 'support_idea', idea });
    await ana.client.waitFor((m) => m.kind === 'idea_supported' && m.member === 1);
    const snap = await snapshotFor(server, ana.token);
    assert.deepEqual(snap.ideas.find((i) => i.id === idea).supporters, [bo.you.id, cy.you.id, 1]);

    // Withdrawing reaches everyone too.
    const mark = screen.messages.length;
    await cy.client.ok({ type: 'withdraw_support', idea });
    const withdrawn = await screen.waitFor((m) => m.kind === 'idea_support_withdrawn', { from: mark });
    assert.deepEqual([withdrawn.idea, withdrawn.member], [idea, cy.you.id]);
    const seenByScreen = await snapshotFor(server, screenToken);
    assert.deepEqual(seenByScreen.ideas.find((i) => i.id === idea).supporters, [bo.you.id, 1]);
  });

  it('refusals: one’s own idea, twice, not supporting, a viewer, no such idea', async () => {
    const own = await ana.client.command({ type: 'support_idea', idea });
    assert.equal(own.code, 'bad_value');
    assert.equal(own.message, 'This idea is yours.');
    const twice = await bo.client.command({ type: 'support_idea', idea });
    assert.equal(twice.code, 'bad_value');
    assert.equal(twice.message, 'You already support this idea.');
    assert.equal((await cy.client.command({ type: 'withdraw_support', idea })).code, 'bad_value');
    assert.equal((await screen.command({ type: 'support_idea', idea })).code, 'forbidden');
    assert.equal((await bo.client.command({ type: 'support_idea', idea: 999 })).code, 'not_found');
    assert.equal((await bo.client.command({ type: 'support_idea' })).code, 'bad_command');
    const snap = await snapshotFor(server, ana.token);
    assert.deepEqual(snap.ideas.find((i) => i.id === idea).supporters, [bo.you.id, 1]);
  });

  it('the support of a hidden idea reaches its track’s staff and its author only', async () => {
    const { idea: hidden } = await bo.client.ok({ type: 'post_idea', track: 1, text: 'Off topic' });
    await fac.ok({ type: 'hide_idea', idea: hidden });
    assert.equal((await ana.client.command({ type: 'support_idea', idea: hidden })).code, 'not_found');
    const from = ana.client.messages.length;
    await fac.ok({ type: 'support_idea', idea: hidden });
    const own = await bo.client.waitFor((m) => m.kind === 'idea_supported' && m.idea === hidden);
    assert.equal(own.member, 1);
    // Something everyone sees, after it: by then Ana would have had it.
    await fac.ok({ type: 'pin_idea', idea });
    await ana.client.waitFor((m) => m.kind === 'idea_pinned', { from });
    assert.ok(!ana.client.messages.slice(from).some((m) => m.kind === 'idea_supported'));
  });

  it('the supporters survive a restart', async () => {
    server = await restartServer(server, db);
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(snap.ideas.find((i) => i.id === idea).supporters, [bo.you.id, 1]);
    ana = { ...ana, client: await connectWith(server, ana.token) };
    bo = { ...bo, client: await connectWith(server, bo.token) };
    cy = { ...cy, client: await connectWith(server, cy.token) };
    // And go on from there.
    await cy.client.ok({ type: 'support_idea', idea });
    await ana.client.waitFor((m) => m.kind === 'idea_supported' && m.member === cy.you.id);
    const later = await snapshotFor(server, ana.token);
    assert.deepEqual(later.ideas.find((i) => i.id === idea).supporters, [bo.you.id, 1, cy.you.id]);
  });

  it('my-data.json lists the ideas a member supports', async () => {
    const { idea: second } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'Training budgets' });
    await bo.client.ok({ type: 'support_idea', idea: second });
    assert.deepEqual((await download(server, ev.code, bo.token)).supported, [idea, second]);
    assert.deepEqual((await download(server, ev.code, ana.token)).supported, []);
  });

  it('support only while authors may change their ideas (ideation, clustering)', async () => {
    const { idea: third } = await cy.client.ok({ type: 'post_idea', track: 2, text: 'Public services' });
    await fac.ok({ type: 'go_to_phase', index: 2 }); // clustering
    await ana.client.ok({ type: 'support_idea', idea: third });
    await fac.ok({ type: 'go_to_phase', index: 3 }); // voting
    assert.equal((await bo.client.command({ type: 'support_idea', idea: third })).code, 'wrong_phase');
    assert.equal((await ana.client.command({ type: 'withdraw_support', idea: third })).code, 'wrong_phase');
    for (const c of [fac, ana.client, bo.client, cy.client]) c.close();
  });
});
