// The commands of a full-size day, over real WebSockets: staff links renamed, revoked and
// re-issued; the admin's recovery link, closing and deleting an event (after its archive);
// proposals moved to the trash and restored; live turnout; the big screen's modes. Each is
// refused for the wrong role, and what it changes survives a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import {
  Client,
  connectWith,
  createEvent,
  joinAs,
  removeDir,
  restartServer,
  startServer,
  stopServer,
  tempDir,
} from './server.mjs';

async function adminClient(server) {
  const admin = await Client.connect(server.port);
  await admin.ok({ type: 'auth_admin', secret: server.secret });
  return admin;
}

async function snapshotOf(server, token) {
  const c = await connectWith(server, token);
  const snap = c.messages.find((m) => m.type === 'snapshot');
  c.close();
  return snap;
}

async function download(server, code, file, bearer) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${code}/${file}`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('room at scale', () => {
  let dir;
  let db;
  let server;
  const restart = async () => {
    server = await restartServer(server, db);
  };
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('staff links are renamed, revoked (the token dies, its connections close) and re-issued', async () => {
    const ev = await createEvent(server);
    const fac = await connectWith(server, ev.facilitatorToken);
    const you = fac.messages.find((m) => m.type === 'ack').result.you;
    const { token: screenToken, member: screen } = await fac.ok({
      type: 'create_link',
      role: 'viewer',
      name: 'Main hall',
    });
    const { token: leadToken, member: lead } = await fac.ok({
      type: 'create_link',
      role: 'lead',
      track: 1,
      name: 'Lea Lead',
    });
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');

    // The wrong role, one's own link, a participant's name, an unknown member.
    const leadClient = await connectWith(server, leadToken);
    assert.equal((await leadClient.command({ type: 'revoke_link', member: screen.id })).code, 'forbidden');
    assert.equal((await ana.client.command({ type: 'rename_link', member: screen.id, name: 'X' })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'revoke_link', member: you.id })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'reissue_link', member: you.id })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'rename_link', member: ana.you.id, name: 'Someone' })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'revoke_link', member: 999 })).code, 'not_found');
    assert.equal((await fac.command({ type: 'rename_link', member: screen.id, name: '   ' })).code, 'bad_text');

    // Renamed: staff see it live.
    let from = fac.messages.length;
    await fac.ok({ type: 'rename_link', member: screen.id, name: 'Screen: Room B' });
    const renamed = await fac.waitFor((m) => m.kind === 'link_changed', { from });
    assert.equal(renamed.action, 'renamed');
    assert.equal(renamed.member.name, 'Screen: Room B');
    assert.equal(renamed.member.revoked, false);

    // Revoked: the open connection is told and closed; the token no longer says hello.
    const wall = await connectWith(server, screenToken);
    from = fac.messages.length;
    await fac.ok({ type: 'revoke_link', member: screen.id });
    const notice = await wall.waitFor((m) => m.type === 'error' && m.code === 'revoked');
    assert.equal(notice.id, undefined);
    assert.equal((await wall.closed).code, 1000);
    const revoked = await fac.waitFor((m) => m.kind === 'link_changed', { from });
    assert.equal(revoked.action, 'revoked');
    assert.equal(revoked.member.revoked, true);
    const again = await Client.connect(server.port);
    assert.equal((await again.command({ type: 'hello', token: screenToken, lastSeq: 0 })).code, 'bad_token');
    assert.equal((await fac.command({ type: 'revoke_link', member: screen.id })).code, 'bad_value', 'revoked already');

    // Re-issued: a new token that works; the old one still does not.
    const { token: fresh, member: back } = await fac.ok({ type: 'reissue_link', member: screen.id });
    assert.notEqual(fresh, screenToken);
    assert.match(fresh, new RegExp(`^${ev.code}\\.`));
    assert.equal(back.revoked, false);
    const wall2 = await connectWith(server, fresh);
    assert.equal((await again.command({ type: 'hello', token: screenToken, lastSeq: 0 })).code, 'bad_token');

    // Re-issuing a working link closes the connections of the old one.
    const { token: leadFresh } = await fac.ok({ type: 'reissue_link', member: lead.id });
    await leadClient.waitFor((m) => m.type === 'error' && m.code === 'revoked');
    await leadClient.closed;
    await connectWith(server, leadFresh);

    // It all survives a restart.
    fac.close();
    await restart();
    const snap = await snapshotOf(server, ev.facilitatorToken);
    const listed = snap.members.find((m) => m.id === screen.id);
    assert.equal(listed.name, 'Screen: Room B');
    assert.equal(listed.revoked, false);
    await connectWith(server, fresh);
    const late = await Client.connect(server.port);
    assert.equal((await late.command({ type: 'hello', token: screenToken, lastSeq: 0 })).code, 'bad_token');
    wall2.terminate();
  });

  it('the admin issues a recovery facilitator link, closes, archives and deletes an event after its archive', async () => {
    const kept = await createEvent(server, 'Day to keep');
    const ev = await createEvent(server, 'Day to delete');
    const admin = await adminClient(server);
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');

    // Only the admin, and only for an event that exists.
    assert.equal((await ana.client.command({ type: 'issue_facilitator_link', event: ev.event.id })).code, 'forbidden');
    assert.equal(
      (await ana.client.command({ type: 'set_event_status', event: ev.event.id, status: 'closed' })).code,
      'forbidden',
    );
    assert.equal((await ana.client.command({ type: 'delete_event', event: ev.event.id })).code, 'forbidden');
    assert.equal((await admin.command({ type: 'issue_facilitator_link', event: 9999 })).code, 'not_found');
    assert.equal(
      (await admin.command({ type: 'set_event_status', event: ev.event.id, status: 'gone' })).code,
      'bad_value',
    );

    const { token, member } = await admin.ok({ type: 'issue_facilitator_link', event: ev.event.id });
    assert.equal(member.role, 'facilitator');
    assert.equal(member.name, 'Facilitator');
    const fac = await connectWith(server, token);
    assert.equal(fac.messages.find((m) => m.type === 'ack').result.you.id, member.id);

    // Closed: read-only for everyone, joins too; hello still opens it.
    assert.equal((await admin.command({ type: 'delete_event', event: ev.event.id })).code, 'bad_value', 'open');
    let from = ana.client.messages.length;
    await admin.ok({ type: 'set_event_status', event: ev.event.id, status: 'closed' });
    const closed = await ana.client.waitFor((m) => m.kind === 'event_status_changed', { from });
    assert.equal(closed.status, 'closed');
    assert.equal(
      (await admin.command({ type: 'set_event_status', event: ev.event.id, status: 'closed' })).code,
      'bad_value',
    );
    const refused = await ana.client.command({ type: 'post_idea', track: 1, text: 'Too late', anonymous: false });
    assert.equal(refused.code, 'event_closed');
    assert.equal((await fac.command({ type: 'create_link', role: 'viewer', name: 'Screen' })).code, 'event_closed');
    const visitor = await Client.connect(server.port);
    const join = await visitor.command({
      type: 'join',
      code: ev.code,
      name: 'Bo',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: false,
    });
    assert.equal(join.code, 'event_closed');
    const snap = await snapshotOf(server, ana.token);
    assert.equal(snap.status, 'closed');
    assert.equal(snap.ideas.length, 0);

    // Not exported yet: refused, nothing deleted.
    let { events } = await admin.ok({ type: 'list_events' });
    let listed = events.find((e) => e.id === ev.event.id);
    assert.equal(listed.status, 'closed');
    assert.equal(listed.exported, false);
    assert.equal((await admin.command({ type: 'delete_event', event: ev.event.id })).code, 'not_exported');

    // The archive: a facilitator's, the admin's; not a participant's; a wrong secret is refused.
    assert.equal((await download(server, ev.code, 'archive.zip', ana.token)).status, 403);
    assert.equal((await download(server, ev.code, 'archive.zip', 'f'.repeat(64))).status, 403);
    const zip = await download(server, ev.code, 'archive.zip', token);
    assert.equal(zip.status, 200);
    assert.equal(zip.type, 'application/zip');
    assert.equal(zip.body.subarray(0, 2).toString(), 'PK');
    for (const name of ['report-', '.docx', 'ideas-', 'votes-', 'participants-', 'results-']) {
      assert.ok(zip.body.includes(Buffer.from(name)), `the archive holds ${name}`);
    }
    ({ events } = await admin.ok({ type: 'list_events' }));
    assert.equal(events.find((e) => e.id === ev.event.id).exported, true);

    // A change after the download (archiving is one) needs a new download.
    await admin.ok({ type: 'set_event_status', event: ev.event.id, status: 'archived' });
    ({ events } = await admin.ok({ type: 'list_events' }));
    listed = events.find((e) => e.id === ev.event.id);
    assert.equal(listed.status, 'archived');
    assert.equal(listed.exported, false);
    assert.equal((await admin.command({ type: 'delete_event', event: ev.event.id })).code, 'not_exported');
    assert.equal((await download(server, ev.code, 'archive.zip', server.secret)).status, 200);

    const deleted = await admin.command({ type: 'delete_event', event: ev.event.id });
    if (deleted.type !== 'ack') console.log(server.stderr());
    assert.equal(deleted.type, 'ack');
    const gone = await ana.client.waitFor((m) => m.type === 'error' && m.code === 'event_deleted');
    assert.equal(gone.id, undefined);
    await ana.client.closed;
    await fac.closed;
    ({ events } = await admin.ok({ type: 'list_events' }));
    assert.ok(!events.some((e) => e.id === ev.event.id));
    const late = await Client.connect(server.port);
    assert.equal((await late.command({ type: 'hello', token, lastSeq: 0 })).code, 'bad_token');
    assert.equal((await late.command({ type: 'event_info', code: ev.code })).code, 'bad_code');

    // Gone for good: not back after a restart.
    await restart();
    const admin2 = await adminClient(server);
    ({ events } = await admin2.ok({ type: 'list_events' }));
    assert.ok(!events.some((e) => e.id === ev.event.id));
    assert.ok(
      events.some((e) => e.id === kept.event.id),
      'the other events stay',
    );
    await connectWith(server, kept.facilitatorToken);
  });

  it('a deleted proposal goes to the trash, keeps its text and comes back until the report is published', async () => {
    const ev = await createEvent(server, 'Trash day');
    const fac = await connectWith(server, ev.facilitatorToken);
    const { token: leadToken } = await fac.ok({ type: 'create_link', role: 'lead', track: 2, name: 'Other Lead' });
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');
    const { proposal } = await fac.ok({
      type: 'create_proposal',
      title: 'AI learning accounts',
      track: 1,
      ideas: [],
      cluster: null,
      table: null,
      team: [ana.you.id],
    });
    await ana.client.ok({ type: 'open_section', proposal, section: 0, version: null });
    await ana.client.ok({
      type: 'push',
      proposal,
      section: 0,
      version: 0,
      updates: [{ clientID: 'a1', changes: [[0, 'Kept text']] }],
    });
    await ana.client.ok({ type: 'close_section', proposal, section: 0 });

    await ana.client.ok({ type: 'add_comment', proposal, section: null, text: 'Who pays for it?' });
    assert.equal((await ana.client.command({ type: 'delete_proposal', proposal })).code, 'forbidden');
    let from = fac.messages.length;
    const seenBy = ana.client.messages.length;
    await fac.ok({ type: 'delete_proposal', proposal });
    const staffSaw = await fac.waitFor((m) => m.kind === 'proposal_deleted', { from });
    assert.equal(staffSaw.trashed.id, proposal);
    assert.ok(staffSaw.trashed.deletedAt > 0);
    const participantSaw = await ana.client.waitFor((m) => m.kind === 'proposal_deleted', { from: seenBy });
    assert.equal(participantSaw.trashed, undefined, 'participants see no trash');
    const staffSnap = await snapshotOf(server, ev.facilitatorToken);
    assert.deepEqual(
      staffSnap.trash.map((p) => p.id),
      [proposal],
    );
    assert.equal(staffSnap.proposals.length, 0);
    assert.equal((await snapshotOf(server, ana.token)).trash, undefined);

    // Only facilitators and the lead of its track restore it.
    assert.equal((await ana.client.command({ type: 'restore_proposal', proposal })).code, 'forbidden');
    const lead = await connectWith(server, leadToken);
    assert.equal((await lead.command({ type: 'restore_proposal', proposal })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'restore_proposal', proposal: 77 })).code, 'not_found');

    // A restart keeps the trash.
    fac.close();
    await restart();
    const fac2 = await connectWith(server, ev.facilitatorToken);
    assert.deepEqual(
      fac2.messages.find((m) => m.type === 'snapshot').trash.map((p) => p.id),
      [proposal],
    );
    from = fac2.messages.length;
    await fac2.ok({ type: 'restore_proposal', proposal });
    const restored = await fac2.waitFor((m) => m.kind === 'proposal_restored', { from });
    assert.equal(restored.proposal.title, 'AI learning accounts');
    assert.deepEqual(restored.proposal.team, [ana.you.id]);
    assert.deepEqual(
      restored.comments.map((c) => c.text),
      ['Who pays for it?'],
      'its comments come back with it',
    );
    const text = await fac2.ok({ type: 'open_section', proposal, section: 0, version: null });
    assert.equal(text.text, 'Kept text');
    assert.equal((await fac2.command({ type: 'restore_proposal', proposal })).code, 'not_found', 'not in the trash');

    // Once the report is published the trash can no longer be restored from.
    await fac2.ok({ type: 'delete_proposal', proposal });
    await fac2.ok({ type: 'publish_report', published: true });
    const late = await fac2.command({ type: 'restore_proposal', proposal });
    assert.equal(late.code, 'bad_value');
    assert.match(late.message, /published/);
  });

  it('turnout: N of M per round and per track, with who has not voted for staff only, never what', async () => {
    const ev = await createEvent(server, 'Turnout day');
    const fac = await connectWith(server, ev.facilitatorToken);
    const { token: screenToken } = await fac.ok({ type: 'create_link', role: 'viewer', name: 'Screen' });
    const { token: leadToken } = await fac.ok({ type: 'create_link', role: 'lead', track: 2, name: 'Lea Lead' });
    const a = await joinAs(server, ev.code, 'Ana Ruiz', { track: 1 });
    const b = await joinAs(server, ev.code, 'Bo Jensen', { track: 1 });
    const c = await joinAs(server, ev.code, 'Cy Novak', { track: 2 });
    await fac.ok({ type: 'go_to_phase', index: 1 });
    const { idea } = await c.client.ok({
      type: 'post_idea',
      track: 2,
      text: 'Shared compute credits',
      anonymous: false,
    });
    const screen = await connectWith(server, screenToken);
    const lead = await connectWith(server, leadToken);
    const { round } = await fac.ok({ type: 'open_round', title: 'All tracks', track: null });

    const first = await fac.waitFor((m) => m.type === 'turnout' && m.round === round);
    assert.equal(first.voted, 0);
    assert.equal(first.eligible, 4, 'three participants and the lead');
    assert.deepEqual(first.byTrack, { 1: { voted: 0, eligible: 2 }, 2: { voted: 0, eligible: 2 } });

    let from = {
      fac: fac.messages.length,
      screen: screen.messages.length,
      lead: lead.messages.length,
      a: a.client.messages.length,
    };
    await a.client.ok({ type: 'vote', round, item: idea, votes: 2 });
    await b.client.ok({ type: 'vote', round, item: idea, votes: 1 });
    const done = (m) => m.type === 'turnout' && m.round === round && m.voted === 2;
    const staff = await fac.waitFor(done, { from: from.fac });
    assert.deepEqual(staff.byTrack, { 1: { voted: 2, eligible: 2 }, 2: { voted: 0, eligible: 2 } });
    assert.deepEqual(
      staff.waiting.sort(),
      [c.you.id, lead.messages.find((m) => m.type === 'ack').result.you.id].sort(),
    );
    const onScreen = await screen.waitFor(done, { from: from.screen });
    assert.equal(onScreen.waiting, undefined, 'screens get numbers only');
    const forLead = await lead.waitFor(done, { from: from.lead });
    assert.ok(forLead.waiting.every((id) => id !== a.you.id && id !== b.you.id));
    assert.ok(forLead.waiting.includes(c.you.id));
    for (const m of [staff, onScreen, forLead]) {
      assert.ok(!JSON.stringify(m).includes('"votes"'), 'never what anyone voted');
    }
    assert.ok(
      !a.client.messages.slice(from.a).some((m) => m.type === 'turnout'),
      'participants get no turnout messages',
    );

    // Taking one's votes off counts as not voted again; the snapshot carries the same numbers.
    await b.client.ok({ type: 'vote', round, item: idea, votes: 0 });
    const snap = await snapshotOf(server, ev.facilitatorToken);
    const t = snap.rounds.find((r) => r.id === round).turnout;
    assert.equal(t.voted, 1);
    assert.equal(t.eligible, 4);
    assert.ok(t.waiting.includes(b.you.id));
    const pSnap = await snapshotOf(server, a.token);
    assert.equal(pSnap.rounds.find((r) => r.id === round).turnout.voted, 1);
    assert.equal(pSnap.rounds.find((r) => r.id === round).turnout.waiting, undefined);

    // A per-track round counts only that track's people.
    const { round: second } = await fac.ok({ type: 'open_round', title: 'Track 2', track: 2 });
    const perTrack = await fac.waitFor((m) => m.type === 'turnout' && m.round === second);
    assert.equal(perTrack.eligible, 2);
    assert.deepEqual(Object.keys(perTrack.byTrack), ['2']);
  });

  it('the big screen has modes, a track and a round, kept across a restart', async () => {
    const ev = await createEvent(server, 'Screen day');
    const fac = await connectWith(server, ev.facilitatorToken);
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');
    assert.deepEqual(fac.messages.find((m) => m.type === 'snapshot').screen, {
      mode: 'auto',
      track: null,
      round: null,
    });
    assert.equal((await ana.client.command({ type: 'set_screen', mode: 'join' })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'set_screen', mode: 'carousel' })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'set_screen', round: 5 })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'set_screen', track: 9 })).code, 'bad_value');

    const from = ana.client.messages.length;
    await fac.ok({ type: 'set_screen', mode: 'wall', track: 2 });
    const seen = await ana.client.waitFor((m) => m.kind === 'screen_changed', { from });
    assert.deepEqual(seen.screen, { mode: 'wall', track: 2, round: null });
    // Absent fields stay as they are; null means every track.
    await fac.ok({ type: 'set_screen', mode: 'clusters' });
    assert.deepEqual((await snapshotOf(server, ana.token)).screen, { mode: 'clusters', track: 2, round: null });
    await fac.ok({ type: 'set_screen', track: null });
    fac.close();
    await restart();
    assert.deepEqual((await snapshotOf(server, ana.token)).screen, { mode: 'clusters', track: null, round: null });
  });
});
