// Moderation over real WebSockets: edits by moderators, pins, merges and splits (authors kept,
// cycles refused), clusters, and tables with live moves of people.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  connectWith,
  createEvent,
  joinAs,
  removeDir,
  startEventServer,
  startServer,
  stopServer,
} from './server.mjs';

describe('moderation', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  let bo;
  let other;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    other = await createEvent(server, 'Another event');
    ana = await joinAs(server, ev.code, 'Ana');
    bo = await joinAs(server, ev.code, 'Bo');
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('a moderator edits an idea and the author sees who did', async () => {
    const { idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'AI learnign account' });
    await fac.ok({ type: 'edit_idea', idea, text: 'AI learning account' });
    const seen = await ana.client.waitFor((m) => m.kind === 'idea_edited' && m.idea.id === idea);
    assert.equal(seen.idea.text, 'AI learning account');
    assert.deepEqual(seen.idea.editedBy, { id: 1, name: 'Facilitator' });
    assert.equal(seen.idea.author.name, 'Ana');
    assert.equal((await bo.client.command({ type: 'edit_idea', idea, text: 'mine' })).code, 'not_author');
  });

  it('merges keep authors, show beneath the survivor, refuse cycles, and split back out', async () => {
    const a = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts' })).idea;
    const b = (await bo.client.ok({ type: 'post_idea', track: 1, text: 'Training budgets for all' })).idea;
    const c = (await bo.client.ok({ type: 'post_idea', track: 2, text: 'Elsewhere' })).idea;
    assert.equal((await ana.client.command({ type: 'merge_idea', idea: a, into: b })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'merge_idea', idea: a, into: c })).code, 'bad_value');
    await fac.ok({ type: 'merge_idea', idea: a, into: b });
    const merged = await bo.client.waitFor((m) => m.kind === 'idea_merged' && m.idea.id === a);
    assert.equal(merged.idea.mergedInto, b);
    assert.equal(merged.idea.author.name, 'Ana');
    const cycle = await fac.command({ type: 'merge_idea', idea: b, into: a });
    assert.equal(cycle.code, 'bad_value');
    assert.match(cycle.message, /cycle/);

    // After a restart the merge is still there, recorded in the change log.
    await stopServer(server);
    server = await startServer({ db, port: server.port });
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.equal(snap.ideas.find((i) => i.id === a).mergedInto, b);
    await fac.ok({ type: 'split_idea', idea: a });
    const split = await fac.waitFor((m) => m.kind === 'idea_split');
    assert.equal(split.idea.mergedInto, null);
    assert.equal(split.idea.author.name, 'Ana');
    ana = { ...ana, client: await Client.connect(server.port) };
    await ana.client.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    bo = { ...bo, client: await Client.connect(server.port) };
    await bo.client.ok({ type: 'hello', token: bo.token, lastSeq: 0 });
  });

  it('pins and clusters', async () => {
    const { idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'Pin me' });
    await fac.ok({ type: 'pin_idea', idea });
    const pinned = await bo.client.waitFor((m) => m.kind === 'idea_pinned' && m.idea.id === idea);
    assert.equal(pinned.idea.pinned, true);
    const { cluster } = await fac.ok({ type: 'create_cluster', track: 1, name: 'Skills' });
    const created = await bo.client.waitFor((m) => m.kind === 'cluster_created');
    assert.deepEqual(created.cluster, { id: cluster, track: 1, name: 'Skills' });
    await fac.ok({ type: 'cluster_idea', idea, cluster });
    const grouped = await bo.client.waitFor((m) => m.kind === 'idea_clustered');
    assert.equal(grouped.idea.cluster, cluster);
    await fac.ok({ type: 'rename_cluster', cluster, name: 'Skills & training' });
    await bo.client.waitFor((m) => m.kind === 'cluster_renamed' && m.cluster.name === 'Skills & training');
    await fac.ok({ type: 'delete_cluster', cluster });
    const deleted = await bo.client.waitFor((m) => m.kind === 'cluster_deleted');
    assert.equal(deleted.cluster, cluster);
    assert.equal((await bo.client.command({ type: 'create_cluster', track: 1, name: 'Mine' })).code, 'forbidden');
    const check = await Client.connect(server.port);
    await check.ok({ type: 'hello', token: bo.token, lastSeq: 0 });
    const snap = await check.waitFor((m) => m.type === 'snapshot');
    assert.equal(snap.ideas.find((i) => i.id === idea).cluster, null);
    assert.deepEqual(snap.clusters, []);
    check.close();
  });

  it('tables, and people moved live; moves to a track of another event are refused', async () => {
    const { table } = await fac.ok({ type: 'add_table', track: 2, name: 'Table A' });
    await bo.client.waitFor((m) => m.kind === 'table_added' && m.table.id === table);
    const from = ana.client.messages.length;
    await fac.ok({ type: 'move_member', member: ana.you.id, track: 2, table });
    const moved = await ana.client.waitFor((m) => m.kind === 'member_moved', { from });
    assert.equal(moved.member.track, 2);
    assert.equal(moved.member.table, table);
    await fac.waitFor((m) => m.kind === 'member_moved' && m.member.id === ana.you.id);
    // Bo does not learn about Ana's move.
    assert.ok(!bo.client.messages.some((m) => m.kind === 'member_moved'));
    // A track id of another event (this event has tracks 1 and 2 only).
    assert.equal(other.event.tracks.length, 2);
    assert.equal((await fac.command({ type: 'move_member', member: ana.you.id, track: 3 })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'move_member', member: 999, track: 1 })).code, 'not_found');
    assert.equal((await fac.command({ type: 'move_member', member: ana.you.id, track: 1, table })).code, 'bad_value');
    assert.equal((await ana.client.command({ type: 'move_member', member: bo.you.id, track: 2 })).code, 'forbidden');
  });
});
