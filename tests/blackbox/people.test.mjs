// Who may come in and who may be taken out, over real WebSockets: joining with the code closed
// (refused, nothing created, personal links still work, reopened), and removing someone who
// never posted (refused for someone who did; a voter's votes leave the results, the token dies,
// open connections are told and closed, it survives a restart; a lead only in their track).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { Client, connectWith, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

async function snapshotOf(server, token) {
  const c = await connectWith(server, token);
  const snap = c.messages.find((m) => m.type === 'snapshot');
  c.close();
  return snap;
}

async function participantsListed(server) {
  const admin = await Client.connect(server.port);
  await admin.ok({ type: 'auth_admin', secret: server.secret });
  const { events } = await admin.ok({ type: 'list_events' });
  admin.close();
  return events;
}

describe('people', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
    ev = await createEvent(server);
    fac = await connectWith(server, ev.facilitatorToken);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('joining with the code closed is refused and creates nothing; personal links still work; reopened it works', async () => {
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');
    const closedBefore = await ana.client.command({ type: 'set_self_join', open: false });
    assert.equal(closedBefore.code, 'forbidden', 'participants do not close it');
    assert.equal((await fac.command({ type: 'set_self_join', open: true })).code, 'bad_value', 'open already');

    const from = ana.client.messages.length;
    await fac.ok({ type: 'set_self_join', open: false });
    const seen = await ana.client.waitFor((m) => m.type === 'change' && m.kind === 'self_join_changed', { from });
    assert.equal(seen.open, false);

    // The join form learns it before anyone types.
    const visitor = await Client.connect(server.port);
    const info = await visitor.ok({ type: 'event_info', code: ev.code.toLowerCase() });
    assert.equal(info.selfJoin, false);
    assert.equal(info.event.code, ev.code);
    const countBefore = (await snapshotOf(server, ev.facilitatorToken)).members.length;
    const [listedBefore] = await participantsListed(server);
    const refused = await visitor.command({
      type: 'join',
      code: ev.code,
      name: 'Zoe',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: false,
    });
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'join_closed');
    assert.match(refused.message, /personal link/);
    // Nothing was created: no member, no change, and the connection may still join later.
    const snap = await snapshotOf(server, ev.facilitatorToken);
    assert.equal(snap.members.length, countBefore);
    assert.equal(snap.selfJoin, false);
    assert.ok(!snap.members.some((m) => m.name === 'Zoe'));
    assert.equal((await participantsListed(server))[0].participants, listedBefore.participants);

    // A personal link from a roster still brings its person in.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${ev.code}/roster`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ev.facilitatorToken}` },
      body: 'name,organisation,group,track\nBo Jensen,,SME,Skills\n',
    });
    assert.equal(res.status, 200);
    const {
      members: [bo],
    } = await res.json();
    const boClient = await connectWith(server, bo.token);
    assert.equal(boClient.messages.find((m) => m.type === 'snapshot').selfJoin, false);
    boClient.close();
    // So does an existing participant's token.
    (await connectWith(server, ana.token)).close();

    await fac.ok({ type: 'set_self_join', open: true });
    assert.equal((await visitor.ok({ type: 'event_info', code: ev.code })).selfJoin, true);
    const joined = await visitor.ok({
      type: 'join',
      code: ev.code,
      name: 'Zoe',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: false,
    });
    assert.equal(joined.you.name, 'Zoe');
    visitor.close();
    ana.client.close();
  });

  it('someone who posted cannot be removed; hiding their ideas is suggested', async () => {
    const cy = await joinAs(server, ev.code, 'Cy Writer');
    const { idea } = await cy.client.ok({ type: 'post_idea', track: 1, text: 'A real idea', anonymous: true });
    await fac.ok({ type: 'hide_idea', idea });
    const refused = await fac.command({ type: 'remove_member', member: cy.you.id });
    assert.equal(refused.code, 'bad_value');
    assert.match(refused.message, /hide their ideas/);
    assert.equal(
      (await cy.client.ok({ type: 'post_idea', track: 1, text: 'still here', anonymous: false })).idea > 0,
      true,
    );
    assert.equal((await fac.command({ type: 'remove_member', member: 9999 })).code, 'not_found');
    assert.equal((await cy.client.command({ type: 'remove_member', member: cy.you.id })).code, 'forbidden');
    cy.client.close();
  });

  let voterId;
  let voterToken;
  let roundId;
  it('a voter is removed: votes leave the results, token dead, connections closed, gone everywhere', async () => {
    const author = await joinAs(server, ev.code, 'Dana Author');
    const { idea } = await author.client.ok({
      type: 'post_idea',
      track: 1,
      text: 'Learning accounts',
      anonymous: false,
    });
    const { round } = await fac.ok({
      type: 'open_round',
      title: 'Which first?',
      track: 1,
      method: 'dots',
      budget: 5,
      maxPerItem: 3,
    });
    roundId = round;
    const voter = await joinAs(server, ev.code, 'Eli Voter', { organisation: 'Voters Inc' });
    voterId = voter.you.id;
    voterToken = voter.token;
    const secondTab = await connectWith(server, voter.token);
    await voter.client.ok({ type: 'vote', round, item: idea, votes: 3 });
    await author.client.ok({ type: 'vote', round, item: idea, votes: 1 });
    await fac.waitFor((m) => m.type === 'results' && m.round === round && m.items[0]?.votes === 4);

    const from = fac.messages.length;
    const authorFrom = author.client.messages.length;
    await fac.ok({ type: 'remove_member', member: voterId });
    const change = await fac.waitFor((m) => m.type === 'change' && m.kind === 'member_removed', { from });
    assert.equal(change.member, voterId);
    assert.deepEqual(change.rounds, [round]);
    assert.ok(!JSON.stringify(change).includes('Eli'), 'no personal data in the change');
    const resent = await fac.waitFor((m) => m.type === 'results' && m.round === round, { from });
    assert.equal(resent.items[0].votes, 1);
    assert.equal(resent.items[0].voters, 1);

    // Both of the voter's connections are told, then closed.
    for (const c of [voter.client, secondTab]) {
      const notice = await c.waitFor((m) => m.type === 'error' && m.code === 'removed');
      assert.equal(notice.id, undefined);
      const closed = await c.closed;
      assert.equal(closed.code, 1000);
    }
    // Other participants do not hear of it.
    await author.client.ok({ type: 'post_idea', track: 1, text: 'after', anonymous: false });
    assert.ok(!author.client.messages.slice(authorFrom).some((m) => m.kind === 'member_removed'));

    // The token is dead.
    const again = await Client.connect(server.port);
    assert.equal((await again.command({ type: 'hello', token: voterToken, lastSeq: 0 })).code, 'bad_token');
    again.close();

    // Gone from snapshots, counts and exports.
    const snap = await snapshotOf(server, ev.facilitatorToken);
    assert.ok(!snap.members.some((m) => m.id === voterId));
    assert.equal(snap.rounds.find((r) => r.id === round).results[0].votes, 1);
    const auth = { Authorization: `Bearer ${ev.facilitatorToken}` };
    const base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
    for (const file of ['roster.csv', 'participants.csv', 'votes.csv', 'report.json']) {
      const res = await fetch(`${base}/${file}`, { headers: auth });
      assert.equal(res.status, 200, file);
      const text = await res.text();
      assert.ok(!text.includes('Eli Voter') && !text.includes('Voters Inc'), `${file} does not name them`);
    }
    const results = await (await fetch(`${base}/results.csv`, { headers: auth })).text();
    const [header, first] = results.split(/\r?\n/).map((line) => line.split(','));
    assert.equal(first[header.indexOf('votes')], '1', 'one vote left');
    assert.equal(first[header.indexOf('voters')], '1', 'from one voter');
    author.client.close();
  });

  it('a removal survives a restart; ids are never reused', async () => {
    await stopServer(server);
    server = await startServer({ db, port: server.port });
    fac = await connectWith(server, ev.facilitatorToken);
    const again = await Client.connect(server.port);
    assert.equal((await again.command({ type: 'hello', token: voterToken, lastSeq: 0 })).code, 'bad_token');
    again.close();
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    assert.ok(!snap.members.some((m) => m.id === voterId));
    assert.equal(snap.rounds.find((r) => r.id === roundId).results[0].votes, 1);
    const next = await joinAs(server, ev.code, 'Fay New');
    assert.ok(next.you.id > voterId, `a new id (${next.you.id}) after the removed one (${voterId})`);
    next.client.close();
  });

  it('a track lead removes only participants of their own track, and only their track hears of it', async () => {
    const { token: leadToken } = await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead One' });
    const { token: lead2Token, member: leadTwo } = await fac.ok({
      type: 'create_link',
      role: 'lead',
      track: 2,
      name: 'Lead Two',
    });
    const { member: screen } = await fac.ok({ type: 'create_link', role: 'viewer', name: 'Screen' });
    const lead = await connectWith(server, leadToken);
    const lead2 = await connectWith(server, lead2Token);
    const { you: gus } = await joinAs(server, ev.code, 'Gus Other', { track: 2 });
    const { you: hal, client: halClient } = await joinAs(server, ev.code, 'Hal Mine', { track: 1 });
    assert.equal((await lead.command({ type: 'remove_member', member: gus.id })).code, 'forbidden', 'another track');
    assert.equal((await lead.command({ type: 'remove_member', member: screen.id })).code, 'forbidden', 'a viewer');
    assert.equal((await fac.command({ type: 'remove_member', member: leadTwo.id })).code, 'forbidden', 'staff');

    const from2 = lead2.messages.length;
    const from = lead.messages.length;
    await lead.ok({ type: 'remove_member', member: hal.id });
    const seen = await lead.waitFor((m) => m.type === 'change' && m.kind === 'member_removed', { from });
    assert.equal(seen.member, hal.id);
    await halClient.closed;
    await lead2.ok({ type: 'post_idea', track: 2, text: 'a lead posts', anonymous: false });
    assert.ok(!lead2.messages.slice(from2).some((m) => m.kind === 'member_removed'), 'the other track’s lead does not');
    // The facilitator removes the screen link: its token dies too.
    await fac.ok({ type: 'remove_member', member: screen.id });
    lead.close();
    lead2.close();
  });
});
