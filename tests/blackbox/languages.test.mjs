// The event's language and the room's languages, over real WebSockets and HTTP: create_event
// with a language, set_event_language (who may, bad values change nothing, broadcast live, in
// the change log, after a restart), each connection's UI language in presence (join, hello,
// set_language), and the report downloaded in the event's language, following its changes.
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
import { Peer } from './peer.mjs';

async function asAdmin(server) {
  const admin = await Client.connect(server.port);
  await admin.ok({ type: 'auth_admin', secret: server.secret });
  return admin;
}

async function snapshotEvent(server, token) {
  const c = await connectWith(server, token);
  const snap = c.messages.find((m) => m.type === 'snapshot');
  c.close();
  return snap.event;
}

describe('the event language', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
    ev = await createEvent(server);
    fac = await connectWith(server, ev.facilitatorToken);
    ana = await joinAs(server, ev.code, 'Ana Ruiz');
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('create_event takes a language; an unknown one is refused and creates nothing', async () => {
    assert.equal(ev.event.language, 'en', 'English by default');
    assert.equal(ev.event.screenLanguages, 'event');
    const admin = await asAdmin(server);
    const before = (await admin.ok({ type: 'list_events' })).events.length;
    const refused = await admin.command({
      type: 'create_event',
      title: 'Nowhere',
      tracks: [{ name: 'One', description: '' }],
      language: 'xx',
    });
    assert.equal(refused.code, 'bad_value');
    assert.equal((await admin.ok({ type: 'list_events' })).events.length, before);
    const made = await admin.ok({
      type: 'create_event',
      title: 'Zukunft der Arbeit',
      tracks: [{ name: 'Kompetenzen', description: '' }],
      language: 'de',
    });
    assert.equal(made.event.language, 'de');
    assert.equal(made.event.screenLanguages, 'event');
    const listed = (await admin.ok({ type: 'list_events' })).events.find((e) => e.code === made.event.code);
    assert.equal(listed.language, 'de');
    const visitor = await Client.connect(server.port);
    const info = await visitor.ok({ type: 'event_info', code: made.event.code });
    assert.equal(info.event.language, 'de');
    assert.equal(info.event.screenLanguages, 'event');
    assert.equal((await snapshotEvent(server, made.facilitatorToken)).language, 'de');
    visitor.close();
    admin.close();
  });

  it('set_event_language: facilitators only; bad values change nothing', async () => {
    const seqBefore = fac.changes().length;
    assert.equal((await ana.client.command({ type: 'set_event_language', language: 'de' })).code, 'forbidden');
    for (const bad of [
      { language: 'xx' },
      { language: 'DE' },
      { language: 'de', screenLanguages: 'everywhere' },
      { screenLanguages: 'rooms' },
      {},
      { language: 'en', screenLanguages: 'event' }, // nothing would change
    ]) {
      const answer = await fac.command({ type: 'set_event_language', ...bad });
      assert.equal(answer.code, 'bad_value', JSON.stringify(bad));
    }
    assert.equal((await fac.command({ type: 'set_event_language', language: 3 })).code, 'bad_command');
    const event = await snapshotEvent(server, ev.facilitatorToken);
    assert.equal(event.language, 'en');
    assert.equal(event.screenLanguages, 'event');
    assert.equal(fac.changes().length, seqBefore, 'no change was broadcast');
  });

  it('is broadcast live to everyone, kept in the change log, and survives a restart', async () => {
    const fromAna = ana.client.messages.length;
    const fromFac = fac.messages.length;
    const lastSeq = Math.max(...fac.changes().map((c) => c.seq), fac.messages.find((m) => m.type === 'snapshot').seq);
    await fac.ok({ type: 'set_event_language', language: 'fr', screenLanguages: 'room' });
    const seen = await ana.client.waitFor((m) => m.type === 'change' && m.kind === 'event_language_changed', {
      from: fromAna,
    });
    assert.equal(seen.language, 'fr');
    assert.equal(seen.screenLanguages, 'room');
    const own = await fac.waitFor((m) => m.kind === 'event_language_changed', { from: fromFac });
    assert.equal(own.seq, seen.seq);

    // Only one field: the other stays.
    await fac.ok({ type: 'set_event_language', screenLanguages: 'event' });
    const second = await ana.client.waitFor(
      (m) => m.kind === 'event_language_changed' && m.screenLanguages === 'event',
      {
        from: fromAna,
      },
    );
    assert.equal(second.language, 'fr');
    await fac.ok({ type: 'set_event_language', language: 'pl' });

    // A client that resumes gets the changes it missed, as the change log holds them.
    const resumed = await Client.connect(server.port);
    await resumed.ok({ type: 'hello', token: ana.token, lastSeq });
    const backlog = await resumed.waitFor((m) => m.type === 'changes');
    assert.deepEqual(
      backlog.changes.filter((c) => c.kind === 'event_language_changed').map((c) => [c.language, c.screenLanguages]),
      [
        ['fr', 'room'],
        ['fr', 'event'],
        ['pl', 'event'],
      ],
    );
    resumed.close();

    server = await restartServer(server, db);
    const event = await snapshotEvent(server, ev.facilitatorToken);
    assert.equal(event.language, 'pl');
    assert.equal(event.screenLanguages, 'event');
    const visitor = await Client.connect(server.port);
    const info = await visitor.ok({ type: 'event_info', code: ev.code });
    assert.equal(info.event.language, 'pl');
    visitor.close();
    // The report follows it after the restart too.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${ev.code}/report.md`, {
      headers: { Authorization: `Bearer ${ev.facilitatorToken}` },
    });
    assert.match(await res.text(), /^## Jak powstał ten raport$/m);
    fac = await connectWith(server, ev.facilitatorToken);
  });
});

describe('the room languages in presence', () => {
  let dir;
  let server;
  let ev;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db') });
    ev = await createEvent(server);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const languagesIn = (c, want, from = 0, connected = undefined) =>
    c.waitFor(
      (m) =>
        m.type === 'presence' &&
        JSON.stringify(m.languages) === JSON.stringify(want) &&
        (connected === undefined || m.connected === connected),
      { from, timeout: 4000 },
    );

  it('counts each member once by their latest connection; join, hello and set_language set it', async () => {
    const early = await Client.connect(server.port);
    assert.equal((await early.command({ type: 'set_language', language: 'de' })).code, 'not_joined');
    early.close();

    const fac = await Client.connect(server.port);
    await fac.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0, language: 'fr' });
    await languagesIn(fac, { fr: 1 });

    const ana = await joinAs(server, ev.code, 'Ana Ruiz', { language: 'de' });
    await languagesIn(fac, { de: 1, fr: 1 });
    // An unknown or missing language counts as nothing, and is no error for join or hello.
    const ben = await joinAs(server, ev.code, 'Ben Okafor', { language: 'klingon' });
    const cy = await joinAs(server, ev.code, 'Cy Diaz');
    const presence = await languagesIn(ana.client, { de: 1, fr: 1 }, 0, 4);
    assert.equal(presence.staff, 1);

    assert.equal((await ben.client.command({ type: 'set_language', language: 'pl' })).type, 'ack');
    const refused = await cy.client.command({ type: 'set_language', language: 'english' });
    assert.equal(refused.code, 'bad_value');
    await languagesIn(fac, { de: 1, fr: 1, pl: 1 });

    // Ana opens a second tab in Polish: she counts once, by her latest connection.
    const from = fac.messages.length;
    const tab = await Client.connect(server.port);
    await tab.ok({ type: 'hello', token: ana.token, lastSeq: 0, language: 'pl' });
    await languagesIn(fac, { fr: 1, pl: 2 }, from, 4);
    // Back to one tab: the language of the one left.
    await tab.close();
    await languagesIn(fac, { de: 1, fr: 1, pl: 1 }, fac.messages.length);
    await ben.client.close();
    await languagesIn(fac, { de: 1, fr: 1 }, fac.messages.length);
    for (const c of [fac, ana.client, cy.client]) c.close();
  });
});

describe('the report in the event language', () => {
  let dir;
  let server;
  let ev;
  let fac;
  let ana;
  let base;
  const get = (file, token = ev.facilitatorToken) =>
    fetch(`${base}/${file}`, { headers: { Authorization: `Bearer ${token}` } });

  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db') });
    ev = await createEvent(server);
    base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
    fac = await connectWith(server, ev.facilitatorToken);
    ana = await joinAs(server, ev.code, 'Ana Ruiz', { organisation: 'DG CNECT' });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('report.md and report.html are in German once the event speaks German', async () => {
    const english = await (await get('report.md')).text();
    assert.match(english, /^## How this report was made$/m);
    await fac.ok({ type: 'set_event_language', language: 'de' });
    const md = await (await get('report.md')).text();
    assert.match(md, /^## So entstand dieser Bericht$/m);
    assert.match(md, /^### Die Veranstaltung in Zahlen$/m);
    assert.match(md, /^## Inhalt$/m);
    assert.match(md, /\*\*Abgegebene Stimmen:\*\* 0 Stimmen in 0 Abstimmungsrunden/);
    const html = await (await get('report.html')).text();
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="de">'), html.slice(0, 80));
    assert.match(html, /<h2 id="contents">Inhalt<\/h2>/);
    assert.match(html, /<h2>So entstand dieser Bericht<\/h2>/);
    const json = await (await get('report.json')).json();
    assert.equal(json.language, 'de');
    assert.equal(json.schema, 'roundtable-report/1');
  });

  it('a published report follows the next change of language; CSV headers too, and the roster reads them back', async () => {
    await fac.ok({ type: 'publish_report', published: true });
    const de = await (await get('report.md', ana.token)).text();
    assert.match(de, /^## So entstand dieser Bericht$/m);
    await fac.ok({ type: 'set_event_language', language: 'fr' });
    const fr = await (await get('report.md', ana.token)).text();
    assert.match(fr, /^## Comment ce rapport a été établi$/m);
    assert.ok(!fr.includes('So entstand'), 'nothing stale of the German copy');

    const participants = await (await get('participants.csv')).text();
    assert.match(participants, /^nom,organisation,groupe,atelier,table,rôle,nom cité\r\n/);
    const roster = await (await get('roster.csv')).text();
    assert.match(roster, /^nom,organisation,groupe,atelier,table,courriel,mention du nom\r\n/);
    // Both exports go back in: into a fresh (English) event.
    const fresh = await createEvent(server, 'Round trip');
    for (const file of [participants, roster]) {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${fresh.code}/roster`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${fresh.facilitatorToken}` },
        body: file,
      });
      assert.equal(res.status, 200, await res.clone().text());
    }
    // English headers are still read, whatever the event's language.
    const english = await fetch(`${base}/roster`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ev.facilitatorToken}` },
      body: 'name,organisation,group,track\nBen Okafor,,sme,Skills\n',
    });
    assert.equal(english.status, 200, await english.clone().text());
  });
});

describe('an event created in German', () => {
  let dir;
  let db;
  let server;
  let made;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const snapshotOf = async (token) => {
    const c = await connectWith(server, token);
    const snap = c.messages.find((m) => m.type === 'snapshot');
    return { c, snap };
  };

  it('starts with the agenda, the proposal template and the stakeholder groups in German, kept after a restart and a change of language', async () => {
    const admin = await asAdmin(server);
    made = await admin.ok({
      type: 'create_event',
      title: 'Zukunft der Arbeit',
      tracks: [{ name: 'Kompetenzen', description: '' }],
      language: 'de',
    });
    admin.close();
    const check = (snap) => {
      assert.deepEqual(
        snap.agenda.phases.map((p) => [p.kind, p.title, p.minutes]),
        [
          ['welcome', 'Begrüßung', 15],
          ['ideation', 'Ideensammlung', 45],
          ['clustering', 'Clustern', 20],
          ['voting', 'Abstimmung', 15],
          ['drafting', 'Ausarbeitung', 90],
          ['review', 'Überprüfung', 30],
          ['final_selection', 'Endauswahl', 20],
          ['closed', 'Beendet', 0],
        ],
      );
      assert.deepEqual(
        snap.template.map((s) => s.heading),
        [
          'Zusammenfassung in einem Satz',
          'Das Problem',
          'Der Vorschlag',
          'Wer handeln sollte',
          'Erwartete Wirkung',
          'Erste Schritte',
        ],
      );
      assert.equal(snap.template[3].hint, 'EU, Mitgliedstaaten, Wirtschaft, andere: Wer tut was?');
      // The nine usual stakeholder groups, named in German (the same codes).
      assert.deepEqual(
        snap.event.groups.map((g) => [g.code, g.label]),
        [
          ['eu_institution', 'EU-Institution'],
          ['national_government', 'Nationale Regierung'],
          ['large_enterprise', 'Großunternehmen'],
          ['sme', 'KMU'],
          ['startup', 'Start-up'],
          ['academia', 'Wissenschaft und Forschung'],
          ['civil_society', 'Zivilgesellschaft'],
          ['ai_specialist', 'KI-Fachleute'],
          ['other', 'Sonstige'],
        ],
      );
    };
    let { c, snap } = await snapshotOf(made.facilitatorToken);
    check(snap);
    // They are content now: a later change of language leaves them as they are.
    await c.ok({ type: 'set_event_language', language: 'fr' });
    c.close();
    server = await restartServer(server, db);
    ({ c, snap } = await snapshotOf(made.facilitatorToken));
    assert.equal(snap.event.language, 'fr');
    check(snap);
    // An English event keeps the English ones.
    const admin2 = await asAdmin(server);
    const english = await admin2.ok({
      type: 'create_event',
      title: 'Work',
      tracks: [{ name: 'Skills', description: '' }],
    });
    admin2.close();
    const en = await snapshotOf(english.facilitatorToken);
    assert.equal(en.snap.agenda.phases[1].title, 'Ideas');
    assert.equal(en.snap.template[0].heading, 'One-line summary');
    assert.equal(en.snap.event.groups[3].label, 'Small or medium enterprise');
    en.c.close();
    c.close();
  });

  it("the German summary section is the line under the proposal's title in the report", async () => {
    const fac = await connectWith(server, made.facilitatorToken);
    await fac.ok({ type: 'set_event_language', language: 'de' });
    const proposal = (await fac.ok({ type: 'create_proposal', title: 'Lernkonto für alle', track: 1 })).proposal;
    const peer = await Peer.open(fac, proposal, 0, 'f0');
    peer.insert(0, 'Jede Person erhält ein Budget für KI-Weiterbildung.');
    await peer.settle();
    await fac.ok({ type: 'close_section', proposal, section: 0 });
    await fac.ok({
      type: 'set_chapters',
      round: null,
      chapters: [{ title: 'Kompetenzen', intro: '', proposals: [proposal] }],
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${made.event.code}/report.md`, {
      headers: { Authorization: `Bearer ${made.facilitatorToken}` },
    });
    const md = await res.text();
    assert.match(md, /Lernkonto für alle\n\n\*Jede Person erhält ein Budget für KI-Weiterbildung\.\*/);
    assert.ok(!md.includes('Zusammenfassung in einem Satz'), 'no section of its own');
    const json = await (
      await fetch(`http://127.0.0.1:${server.port}/api/events/${made.event.code}/report.json`, {
        headers: { Authorization: `Bearer ${made.facilitatorToken}` },
      })
    ).json();
    const p = json.chapters[0].proposals[0];
    assert.equal(p.summary, 'Jede Person erhält ein Budget für KI-Weiterbildung.');
    assert.equal(p.sections[0].heading, 'Das Problem');
    // Switched to English, the German template's summary is still the summary line.
    await fac.ok({ type: 'set_event_language', language: 'en' });
    const english = await (
      await fetch(`http://127.0.0.1:${server.port}/api/events/${made.event.code}/report.json`, {
        headers: { Authorization: `Bearer ${made.facilitatorToken}` },
      })
    ).json();
    assert.equal(english.language, 'en');
    assert.equal(english.chapters[0].proposals[0].summary, p.summary);
    fac.close();
  });
});
