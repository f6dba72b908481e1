// Data rights over real WebSockets and HTTP: a member downloads their own data (my-data.json,
// with their token in the Authorization header only); a facilitator erases a member (refusals
// change nothing; the name, organisation and token go, from the database file and its WAL too;
// ideas stay as a former participant's, totals stay, groups drop; it survives a restart); the
// admin deletes an event and its bytes leave the file; and the retention period deletes closed
// events by itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import {
  Client,
  connectWith,
  createEvent,
  joinAs,
  removeDir,
  restartServer,
  sleep,
  startServer,
  stopServer,
  tempDir,
} from './server.mjs';

const NAME = 'Zelda Quintessa-Mbeki';
const ORG = 'Quintessa Orbital Cooperative 7f3a';
const OLD_NAME = 'Zelda Qintessa-Mbeky';
const OLD_ORG = 'Qintessa Orbitl Coop 7f3a';
const IDEA = 'Zelda suggests lending libraries for robots';
const SECTION_TEXT = 'A sentence typed in the proposal';

async function download(server, code, file, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${code}/${file}`, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// Every byte of the database file and of its WAL (when there is one).
function databaseBytes(db) {
  const parts = [fs.readFileSync(db)];
  if (fs.existsSync(`${db}-wal`)) parts.push(fs.readFileSync(`${db}-wal`));
  return Buffer.concat(parts);
}

async function adminOf(server) {
  const admin = await Client.connect(server.port);
  await admin.ok({ type: 'auth_admin', secret: server.secret });
  return admin;
}

// A round's results as a facilitator's fresh snapshot shows them.
async function resultsNow(server, token, round) {
  const c = await connectWith(server, token);
  const snap = c.messages.find((m) => m.type === 'snapshot');
  c.close();
  return snap.rounds.find((r) => r.id === round).results;
}

describe('data rights', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let facId;
  let zelda;
  let bo;
  let round;
  let zeldaIdea;
  let boIdea;
  let proposal;
  const restart = async () => {
    server = await restartServer(server, db);
  };

  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
    ev = await createEvent(server);
    fac = await connectWith(server, ev.facilitatorToken);
    facId = fac.messages.find((m) => m.type === 'ack').result.you.id;
    // She joins with a misspelt name and organisation and corrects them: the erasure must take
    // the earlier spelling out of the change log too.
    zelda = await joinAs(server, ev.code, OLD_NAME, { organisation: OLD_ORG, group: 'academia' });
    await zelda.client.ok({ type: 'update_profile', name: NAME, organisation: ORG });
    zelda.you = { ...zelda.you, name: NAME, organisation: ORG };
    bo = await joinAs(server, ev.code, 'Bo Lind');
    zeldaIdea = (await zelda.client.ok({ type: 'post_idea', track: 1, text: IDEA })).idea;
    boIdea = (await bo.client.ok({ type: 'post_idea', track: 1, text: 'Evening classes' })).idea;
    round = (await fac.ok({ type: 'open_round', title: 'Vote', track: 1, liveResults: true })).round;
    await zelda.client.ok({ type: 'vote', round, item: boIdea, votes: 2 });
    await bo.client.ok({ type: 'vote', round, item: boIdea, votes: 1 });
    proposal = (
      await fac.ok({
        type: 'create_proposal',
        title: 'Robot libraries',
        track: 1,
        ideas: [zeldaIdea],
        team: [zelda.you.id],
      })
    ).proposal;
    await zelda.client.ok({ type: 'open_section', proposal, section: 0, version: null });
    await zelda.client.ok({
      type: 'push',
      proposal,
      section: 0,
      version: 0,
      updates: [{ clientID: 'zelda-1', changes: [[0, SECTION_TEXT]] }],
    });
    await zelda.client.ok({ type: 'add_comment', proposal, text: 'Who pays for the robots?' });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('a member downloads their own data as an attachment, with the token in the header only', async () => {
    const got = await download(server, ev.code, 'my-data.json', { Authorization: `Bearer ${zelda.token}` });
    assert.equal(got.status, 200);
    assert.match(got.headers.get('content-type'), /application\/json/);
    assert.match(got.headers.get('content-disposition'), new RegExp(`attachment; filename="my-data-${ev.code}.json"`));
    const data = JSON.parse(got.body.toString());
    assert.equal(data.event.code, ev.code);
    assert.equal(data.profile.name, NAME);
    assert.equal(data.profile.organisation, ORG);
    assert.equal(data.profile.group, 'academia');
    assert.equal(data.profile.track, 'Skills');
    assert.ok(!('token' in data.profile) && !JSON.stringify(data).includes(zelda.token.split('.')[1]));
    assert.deepEqual(
      data.ideas.map((i) => i.text),
      [IDEA],
    );
    assert.deepEqual(
      data.comments.map((c) => [c.proposalTitle, c.text]),
      [['Robot libraries', 'Who pays for the robots?']],
    );
    assert.deepEqual(data.votes, [{ round, roundTitle: 'Vote', item: boIdea, itemLabel: 'Evening classes', votes: 2 }]);
    assert.equal(data.proposalEdits.length, 1);
    const edit = data.proposalEdits[0];
    assert.deepEqual(
      [edit.proposal, edit.proposalTitle, edit.section, edit.version, edit.inserted],
      [proposal, 'Robot libraries', 0, 1, SECTION_TEXT],
    );
    assert.equal(typeof edit.at, 'number');
    assert.equal(typeof edit.heading, 'string');

    // Bo's file holds Bo's things only.
    const bos = JSON.parse(
      (await download(server, ev.code, 'my-data.json', { Authorization: `Bearer ${bo.token}` })).body.toString(),
    );
    assert.equal(bos.profile.name, 'Bo Lind');
    assert.deepEqual(
      bos.ideas.map((i) => i.text),
      ['Evening classes'],
    );
    assert.deepEqual(bos.proposalEdits, []);

    // No token, a token in the query, a wrong one, another event's: refused.
    assert.equal((await download(server, ev.code, 'my-data.json')).status, 401);
    assert.equal((await download(server, ev.code, `my-data.json?token=${zelda.token}`)).status, 401);
    const wrong = await download(server, ev.code, 'my-data.json', {
      Authorization: `Bearer ${ev.code}.${'0'.repeat(32)}`,
    });
    assert.equal(wrong.status, 401);
    assert.equal(JSON.parse(wrong.body.toString()).error, 'bad_token');
    const other = await createEvent(server, 'Another event');
    const elsewhere = await download(server, other.code, 'my-data.json', { Authorization: `Bearer ${zelda.token}` });
    assert.equal(elsewhere.status, 401);
  });

  it('erase_member refuses the wrong role, an unknown member, oneself and bad values, changing nothing', async () => {
    const seqBefore = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot').seq;
    const refused = async (client, cmd, code) =>
      assert.equal((await client.command(cmd)).code, code, JSON.stringify(cmd));
    await refused(bo.client, { type: 'erase_member', member: zelda.you.id, contributions: 'keep' }, 'forbidden');
    await refused(fac, { type: 'erase_member', member: facId, contributions: 'keep' }, 'forbidden');
    await refused(fac, { type: 'erase_member', member: 9999, contributions: 'keep' }, 'not_found');
    await refused(fac, { type: 'erase_member', member: zelda.you.id, contributions: 'maybe' }, 'bad_value');
    await refused(fac, { type: 'erase_member', member: zelda.you.id }, 'bad_command');
    await refused(fac, { type: 'erase_member', member: String(zelda.you.id), contributions: 'keep' }, 'bad_command');
    await refused(fac, { type: 'erase_member', member: 0, contributions: 'delete' }, 'bad_command');
    const snap = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot');
    assert.equal(snap.seq, seqBefore);
    assert.ok(snap.members.some((m) => m.name === NAME));
  });

  it('erasure takes the name, organisation and token out of the database file; ideas stay as a former participant’s; totals stay', async () => {
    const before = (await resultsNow(server, ev.facilitatorToken, round)).find((r) => r.item === boIdea);
    assert.equal(before.votes, 3);
    assert.ok(before.byGroup.academia);

    const facFrom = fac.messages.length;
    const boFrom = bo.client.messages.length;
    await fac.ok({ type: 'erase_member', member: zelda.you.id, contributions: 'keep' });
    // Their connection is told and closed, like a revoked link's.
    const notice = await zelda.client.waitFor((m) => m.type === 'error' && m.id === undefined);
    assert.equal(notice.code, 'removed');
    await zelda.client.closed;
    // Every screen learns it live.
    const staffSees = await fac.waitFor((m) => m.kind === 'member_erased', { from: facFrom });
    assert.equal(staffSees.member, zelda.you.id);
    assert.equal(staffSees.contributions, 'keep');
    assert.deepEqual(staffSees.rounds, [round]);
    assert.deepEqual(staffSees.proposals.find((p) => p.id === proposal).team, []);
    // Resuming from before it gives a snapshot, not the backlog that named her.
    const resumed = await Client.connect(server.port);
    await resumed.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: staffSees.seq - 3 });
    const caughtUp = await resumed.waitFor((m) => m.type === 'snapshot' || m.type === 'changes');
    assert.equal(caughtUp.type, 'snapshot');
    assert.ok(!JSON.stringify(resumed.messages).includes(NAME));
    resumed.close();
    const boSees = await bo.client.waitFor((m) => m.kind === 'member_erased', { from: boFrom });
    assert.equal(boSees.member, zelda.you.id);
    assert.ok(!JSON.stringify(boSees).includes(NAME));
    // The results by group are sent again without their group; the totals are the same.
    // (Results coalesced from the votes before may still arrive first: wait past the change.)
    const results = await fac.waitFor((m) => m.type === 'results' && m.round === round, {
      from: fac.messages.indexOf(staffSees) + 1,
    });
    const after = results.items.find((r) => r.item === boIdea);
    assert.equal(after.votes, 3);
    assert.equal(after.voters, 2);
    assert.equal(after.byGroup.academia, undefined);
    assert.equal(after.byGroup.sme.voters, 1);

    // Their token is dead: no hello, no download.
    const late = await Client.connect(server.port);
    assert.equal((await late.command({ type: 'hello', token: zelda.token, lastSeq: 0 })).code, 'bad_token');
    assert.equal(
      (await download(server, ev.code, 'my-data.json', { Authorization: `Bearer ${zelda.token}` })).status,
      401,
    );
    assert.equal(
      (await fac.command({ type: 'erase_member', member: zelda.you.id, contributions: 'keep' })).code,
      'not_found',
      'erased already',
    );

    const check = async (label) => {
      const snap = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot');
      const idea = snap.ideas.find((i) => i.id === zeldaIdea);
      assert.equal(idea.text, IDEA, label);
      assert.deepEqual(idea.author, { id: zelda.you.id, name: '', organisation: '', erased: true }, label);
      assert.ok(!snap.members.some((m) => m.id === zelda.you.id), label);
      assert.equal(snap.comments[0].author.erased, true, label);
      assert.ok(!JSON.stringify(snap).includes(NAME), label);
      const r = snap.rounds.find((x) => x.id === round).results.find((x) => x.item === boIdea);
      assert.equal(r.votes, 3, label);
      assert.equal(r.byGroup.academia, undefined, label);
      const report = await download(server, ev.code, 'ideas.csv', { Authorization: `Bearer ${ev.facilitatorToken}` });
      assert.match(report.body.toString(), /Former participant/, label);
      assert.ok(!report.body.includes(Buffer.from(NAME)), label);
      // The section's history keeps her text, under her member number only.
      const reader = await connectWith(server, ev.facilitatorToken);
      const history = await reader.ok({ type: 'section_history', proposal, section: 0, from: 0 });
      assert.equal(history.updates.length, 1, label);
      assert.equal(history.updates[0].member, zelda.you.id, label);
      assert.ok(JSON.stringify(history.updates[0].changes).includes(SECTION_TEXT), label);
      assert.ok(!JSON.stringify(history).includes(NAME), label);
      reader.close();
    };
    await check('live');

    // Nowhere in the file: members, the change log, remembered answers; nor in the WAL.
    const { secret } = server;
    await stopServer(server);
    const bytes = databaseBytes(db);
    assert.ok(bytes.length > 0);
    assert.ok(bytes.includes(Buffer.from(IDEA)), 'their idea stays');
    assert.ok(bytes.includes(Buffer.from(SECTION_TEXT)), 'the section text stays');
    for (const secret of [NAME, ORG, OLD_NAME, OLD_ORG])
      assert.ok(!bytes.includes(Buffer.from(secret)), `${secret} is gone from the file`);
    server = await startServer({ db, port: server.port });
    server.secret = secret;
    await check('after a restart');
    fac = await connectWith(server, ev.facilitatorToken);
    bo = { ...bo, client: await connectWith(server, bo.token) };
  });

  it('erasure with the contributions deletes their ideas and comments; the text leaves the file', async () => {
    const text = 'Yann wants free bicycles for every clerk';
    const yann = await joinAs(server, ev.code, 'Yann Oberkampf-Lisowski');
    const idea = (await yann.client.ok({ type: 'post_idea', track: 1, text })).idea;
    const from = bo.client.messages.length;
    await fac.ok({ type: 'erase_member', member: yann.you.id, contributions: 'delete' });
    const seen = await bo.client.waitFor((m) => m.kind === 'member_erased', { from });
    assert.deepEqual(seen.ideas, [idea]);
    assert.equal(seen.member, undefined, 'participants are not told whose deleted ideas they were');
    const snap = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot');
    assert.ok(!snap.ideas.some((i) => i.id === idea));
    await restart();
    const bytes = databaseBytes(db);
    for (const secret of [text, 'Yann Oberkampf-Lisowski']) assert.ok(!bytes.includes(Buffer.from(secret)), secret);
    const again = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot');
    assert.ok(!again.ideas.some((i) => i.id === idea));
  });

  it('a deleted event is gone from the database file', async () => {
    const title = 'Event to forget 9c1e';
    const ideaText = 'An idea that must vanish 4b77';
    const gone = await createEvent(server, title);
    const author = await joinAs(server, gone.code, 'Ada');
    await author.client.ok({ type: 'post_idea', track: 1, text: ideaText });
    const admin = await adminOf(server);
    await admin.ok({ type: 'set_event_status', event: gone.event.id, status: 'closed' });
    assert.equal(
      (await download(server, gone.code, 'archive.zip', { Authorization: `Bearer ${server.secret}` })).status,
      200,
    );
    await admin.ok({ type: 'delete_event', event: gone.event.id });
    admin.close();
    await stopServer(server);
    const bytes = databaseBytes(db);
    assert.ok(!bytes.includes(Buffer.from(title)), 'the title is gone');
    assert.ok(!bytes.includes(Buffer.from(ideaText)), 'the idea is gone');
    const { secret, port } = server;
    server = await startServer({ db, port });
    server.secret = secret;
  });
});

describe('retention', () => {
  let dir;
  let db;
  let server;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db, extra: ['--retention-check-ms', '200'] });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('the admin sets a retention period; closed events are deleted when it ends, open ones never', async () => {
    const kept = await createEvent(server, 'Still open');
    const closing = await createEvent(server, 'Closed long enough');
    const ana = await joinAs(server, kept.code, 'Ana');
    const admin = await adminOf(server);
    const refused = async (cmd, code) => assert.equal((await admin.command(cmd)).code, code, JSON.stringify(cmd));
    assert.equal((await ana.client.command({ type: 'set_retention', days: 30 })).code, 'forbidden');
    await refused({ type: 'set_retention' }, 'bad_command');
    await refused({ type: 'set_retention', days: -1 }, 'bad_command');
    await refused({ type: 'set_retention', days: '30' }, 'bad_command');
    await refused({ type: 'set_retention', days: 4000 }, 'bad_value');

    let listed = await admin.ok({ type: 'list_events' });
    assert.equal(listed.retentionDays, null);
    await admin.ok({ type: 'set_event_status', event: closing.event.id, status: 'closed' });
    listed = await admin.ok({ type: 'list_events' });
    const closed = listed.events.find((e) => e.id === closing.event.id);
    assert.equal(typeof closed.closedAt, 'number');
    assert.equal(closed.deleteAt, null, 'no period: kept');

    await admin.ok({ type: 'set_retention', days: 30 });
    listed = await admin.ok({ type: 'list_events' });
    assert.equal(listed.retentionDays, 30);
    const due = listed.events.find((e) => e.id === closing.event.id);
    assert.equal(due.deleteAt, due.closedAt + 30 * 86_400_000);
    assert.equal(listed.events.find((e) => e.id === kept.event.id).deleteAt, null, 'open events are not due');
    await sleep(600);
    listed = await admin.ok({ type: 'list_events' });
    assert.ok(
      listed.events.some((e) => e.id === closing.event.id),
      'not due yet',
    );

    // The setting survives a restart.
    const { secret, port } = server;
    await stopServer(server);
    server = await startServer({ db, port, extra: ['--retention-check-ms', '200'] });
    server.secret = secret;
    const again = await adminOf(server);
    assert.equal((await again.ok({ type: 'list_events' })).retentionDays, 30);

    // 0 days: deleted at the next check, without its archive; the open event stays.
    await again.ok({ type: 'set_retention', days: 0 });
    let events = [];
    for (let i = 0; i < 50; i += 1) {
      ({ events } = await again.ok({ type: 'list_events' }));
      if (!events.some((e) => e.id === closing.event.id)) break;
      await sleep(100);
    }
    assert.ok(!events.some((e) => e.id === closing.event.id), 'the closed event was deleted');
    assert.ok(
      events.some((e) => e.id === kept.event.id),
      'the open event stays',
    );
    await again.ok({ type: 'set_retention', days: null });
    assert.equal((await again.ok({ type: 'list_events' })).retentionDays, null);
    again.close();
    admin.close();
  });
});
