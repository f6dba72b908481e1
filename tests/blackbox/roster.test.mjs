// Preparing a roster before the day, over real HTTP: import with personal links, refusal of a
// bad file as a whole with a message per bad row, and export as CSV.
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

describe('roster', () => {
  let dir;
  let server;
  let ev;
  let base;
  let fac;
  before(async () => {
    ({ dir, server, ev, fac } = await startEventServer());
    base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const post = (body, token = ev.facilitatorToken) =>
    fetch(`${base}/roster`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
      body,
    });

  async function memberCount() {
    const c = await Client.connect(server.port);
    await c.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0 });
    const snap = await c.waitFor((m) => m.type === 'snapshot');
    c.close();
    return snap.members.length;
  }

  it('needs a facilitator token of the event', async () => {
    assert.equal((await post('name,organisation,group,track\nA,,sme,1\n', 'nope')).status, 401);
    assert.equal((await post('name,organisation,group,track\nA,,sme,1\n', `${ev.code}.${'0'.repeat(32)}`)).status, 403);
    assert.equal((await fetch(`${base}/roster.csv`)).status, 401);
  });

  it('refuses a file with bad rows whole, with a message per bad row, and changes nothing', async () => {
    const before = await memberCount();
    const res = await post(
      'name,organisation,group,track,email\n' +
        'Ana Ruiz,DG CNECT,EU institution,Skills,ana@example.org\n' +
        ',,sme,Skills,\n' +
        'Bo,,lobbyist,Skills,\n' +
        'Cy,,sme,Mars,\n',
    );
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error, 'bad_roster');
    assert.deepEqual(
      body.problems.map((p) => p.row),
      [2, 3, 4],
    );
    assert.match(body.problems[1].message, /lobbyist/);
    // Each says what it is, so that the app can say it in its own language.
    assert.deepEqual(
      body.problems.map((p) => [p.code, p.params]),
      [
        ['name', { max: 60 }],
        ['group', { value: 'lobbyist', groups: body.problems[1].params.groups }],
        ['track', { value: 'Mars' }],
      ],
    );
    assert.match(body.problems[1].params.groups, /^EU institution, National government, /);
    assert.equal(await memberCount(), before);
  });

  it('refuses wrong columns, bad encoding and oversized files', async () => {
    const wrong = await post('name,phone\nAna,123\n');
    assert.equal(wrong.status, 400);
    assert.match((await wrong.json()).message, /Unknown column "phone"/);
    const latin1 = await post(Buffer.from('name,organisation,group,track\nZo\xEB,,sme,1\n', 'latin1'));
    assert.equal(latin1.status, 400);
    assert.match((await latin1.json()).message, /UTF-8/);
    let big = 'name,organisation,group,track\n';
    for (let i = 0; i < 10001; i += 1) big += `P${i},,sme,1\n`;
    const tooMany = await post(big);
    assert.equal(tooMany.status, 400);
    assert.match((await tooMany.json()).message, /10001 rows/);
  });

  it('imports people with personal links that work as their identity', async () => {
    const from = fac.messages.length;
    const res = await post(
      '\uFEFFname,organisation,group,track,table,email\r\n' +
        '"Ruiz, Ana",DG CNECT,EU institution,Skills,Table 1,ana@example.org\r\n' +
        'Bo,=CMD(),SME,Public sector,,\r\n',
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.members.length, 2);
    assert.equal(body.members[0].name, 'Ruiz, Ana');
    assert.equal(body.members[0].email, 'ana@example.org');
    assert.equal(body.tables.length, 1);
    assert.equal(body.members[0].table, body.tables[0].id);
    assert.match(body.members[0].token, new RegExp(`^${ev.code}\\.[0-9a-f]{32}$`));
    // Staff see them arrive.
    const change = await fac.waitFor((m) => m.kind === 'roster_imported', { from });
    assert.equal(change.members.length, 2);
    // The personal link's token is Ana's identity.
    const ana = await Client.connect(server.port);
    const hello = await ana.ok({ type: 'hello', token: body.members[0].token, lastSeq: 0 });
    assert.equal(hello.you.name, 'Ruiz, Ana');
    assert.equal(hello.you.track, 1);
    await ana.ok({ type: 'post_idea', track: 1, text: 'From a personal link' });
    ana.close();
  });

  it('a repeated upload with the same Idempotency-Key gets the first answer and imports once', async () => {
    const csv = 'name,organisation,group,track\r\nCleo,,SME,Skills\r\nDan,,SME,Skills\r\n';
    const send = (key) =>
      fetch(`${base}/roster`, {
        method: 'POST',
        body: csv,
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ev.facilitatorToken}`, 'Idempotency-Key': key },
      });
    const before = await memberCount();
    // The first answer is "lost": the same upload again, twice at once, and once more later.
    const [a, b] = await Promise.all([send('upload-1'), send('upload-1')]);
    const c = await send('upload-1');
    const bodies = await Promise.all([a, b, c].map((r) => r.json()));
    for (const body of bodies) assert.deepEqual(body, bodies[0]);
    assert.equal(bodies[0].members.length, 2);
    assert.equal(await memberCount(), before + 2);
    // Another key is another upload.
    assert.equal((await send('upload-2')).status, 200);
    assert.equal(await memberCount(), before + 4);
    assert.equal((await send('x'.repeat(101))).status, 400);
  });

  it('exports the roster as CSV, with formulas neutralised', async () => {
    const res = await fetch(`${base}/roster.csv`, { headers: { Authorization: `Bearer ${ev.facilitatorToken}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition'), /attachment; filename="roster-/);
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    assert.equal(lines[0], 'name,organisation,group,track,table,email,credit');
    assert.ok(lines.includes('"Ruiz, Ana",DG CNECT,eu_institution,Skills,Table 1,ana@example.org,no'));
    assert.ok(lines.includes("Bo,'=CMD(),sme,Public sector,,,no"));
  });

  it('takes a credit column (yes/no in any of the languages, default no) and the labels the app shows, in any case', async () => {
    const bad = await post('name,organisation,group,track,credit\nEd,,sme,Skills,maybe\n');
    assert.equal(bad.status, 400);
    const refused = (await bad.json()).problems[0];
    assert.match(refused.message, /Credit is yes or no/);
    assert.equal(refused.code, 'credit');
    assert.deepEqual(refused.params, { value: 'maybe' });
    const res = await post(
      'name,organisation,group,track,credit\n' +
        'Eda,,Start-up,Skills,yes\n' +
        'Fin,,academia and research,Skills,NO\n' +
        'Gia,,SMALL OR MEDIUM ENTERPRISE,Public sector,\n' +
        // yes and no as the roster help says them in other languages
        'Hal,,sme,Skills,Ja\n' +
        'Ida,,sme,Skills,nein\n' +
        'Jo,,sme,Skills,tak\n' +
        'Kai,,sme,Skills,Όχι\n',
    );
    assert.equal(res.status, 200);
    const { members } = await res.json();
    assert.deepEqual(
      members.map((m) => [m.name, m.group, m.credit]),
      [
        ['Eda', 'startup', true],
        ['Fin', 'academia', false],
        ['Gia', 'sme', false],
        ['Hal', 'sme', true],
        ['Ida', 'sme', false],
        ['Jo', 'sme', true],
        ['Kai', 'sme', false],
      ],
    );
  });
});

describe('a roster round trip', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let fresh;
  let freshPeople;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const api = (code, file, token, init = {}) =>
    fetch(`http://127.0.0.1:${server.port}/api/events/${code}/${file}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
  const people = (members) =>
    members
      .filter((m) => m.role === 'participant')
      .map((m) => ({ name: m.name, organisation: m.organisation, group: m.group, track: m.track, credit: m.credit }))
      .sort((a, b) => a.name.localeCompare(b.name));

  it('exporting participants.csv and importing it into a fresh event gives the same people', async () => {
    // People who joined, people from a roster, with tables, credit both ways, and a lead.
    await joinAs(server, ev.code, 'Ana Ruiz', { organisation: 'DG CNECT', group: 'startup', credit: true });
    await joinAs(server, ev.code, 'Ben Okafor', { organisation: '', group: 'academia', credit: false, track: 2 });
    await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead One' });
    const imported = await api(ev.code, 'roster', ev.facilitatorToken, {
      method: 'POST',
      body: 'name,organisation,group,track,table,credit\nCy Diaz,"Acme, Inc.",sme,Skills,Table 1,yes\n',
    });
    assert.equal(imported.status, 200);
    const exported = await (await api(ev.code, 'participants.csv', ev.facilitatorToken)).text();
    assert.match(exported, /^name,organisation,group,track,table,role,credited\r\n/);
    assert.match(exported, /Ana Ruiz,DG CNECT,Start-up,Skills,,participant,yes/);

    fresh = await createEvent(server, 'The same people again');
    const res = await api(fresh.code, 'roster', fresh.facilitatorToken, { method: 'POST', body: exported });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    assert.equal(body.members.length, 3, 'staff rows are skipped');
    assert.deepEqual(
      body.tables.map((t) => [t.track, t.name]),
      [[1, 'Table 1']],
    );

    const before = people(
      fac.messages
        .find((m) => m.type === 'snapshot')
        .members.concat(
          fac.messages.filter((m) => m.kind === 'member_joined').map((m) => m.member),
          fac.messages.filter((m) => m.kind === 'roster_imported').flatMap((m) => m.members),
        ),
    );
    const freshFac = await connectWith(server, fresh.facilitatorToken);
    const after = people(freshFac.messages.find((m) => m.type === 'snapshot').members);
    assert.deepEqual(after, before);
    assert.equal(after.length, 3);
    freshPeople = after;
    freshFac.close();

    // The exports of both events are the same file (but for the staff rows).
    const again = await (await api(fresh.code, 'participants.csv', fresh.facilitatorToken)).text();
    const rows = (csv) =>
      csv
        .trim()
        .split('\r\n')
        .filter((l) => l.includes(',participant,'));
    assert.deepEqual(rows(again).sort(), rows(exported).sort());
  });

  it('the imported people survive a restart', async () => {
    await stopServer(server, 'SIGKILL');
    server = await startServer({ db, port: server.port });
    const freshFac = await connectWith(server, fresh.facilitatorToken);
    assert.deepEqual(people(freshFac.messages.find((m) => m.type === 'snapshot').members), freshPeople);
    freshFac.close();
  });
});
