// Stakeholder groups per event and people's profiles, over real WebSockets and HTTP: an event
// created with its own groups (economists, AI specialists) votes and gets results and the
// consensus score by those groups; the facilitator changes the groups until the first vote; a
// participant edits their profile and every screen sees it; a facilitator corrects a member;
// the report (counted by the event's own groups) uses the current names, and withdrawing
// consent after publication takes the name out of every export at once (the organisers' CSV
// files and the archive too), with a note. Each survives a restart; refusals change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { Client, connectWith, joinAs, removeDir, startEventServer, startServer, stopServer } from './server.mjs';

const customGroups = [
  { code: 'economist', label: 'Economist' },
  { code: 'ai', label: 'AI specialist' },
];

async function restart(server, db) {
  await stopServer(server, 'SIGKILL');
  return startServer({ db, port: server.port });
}

describe('an event with groups of its own', () => {
  let dir;
  let db;
  let server;
  let code;
  let token;
  let base;
  before(async () => {
    ({ dir, db, server } = await startEventServer());
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('is created with its groups; bad groups are refused', async () => {
    const admin = await Client.connect(server.port);
    await admin.ok({ type: 'auth_admin', secret: server.secret });
    const tracks = [{ name: 'Economy', description: '' }];
    for (const [groups, why] of [
      [[], 'none'],
      [[{ code: 'Economist', label: 'E' }], 'upper case code'],
      [[{ code: 'a b', label: 'E' }], 'space in code'],
      [
        [
          { code: 'a', label: 'Same' },
          { code: 'b', label: 'same' },
        ],
        'a label twice',
      ],
      [
        [
          { code: 'a', label: 'A' },
          { code: 'a', label: 'B' },
        ],
        'a code twice',
      ],
      [Array.from({ length: 21 }, (_, i) => ({ code: `g${i}`, label: `G${i}` })), 'too many'],
    ]) {
      const res = await admin.command({ type: 'create_event', title: 'Bad', tracks, groups });
      assert.equal(res.code, 'bad_value', why);
    }
    assert.equal(
      (await admin.command({ type: 'create_event', title: 'Bad', tracks, groups: [{ code: 'a', label: '' }] })).code,
      'bad_text',
    );
    const created = await admin.ok({ type: 'create_event', title: 'Economics of AI', tracks, groups: customGroups });
    assert.deepEqual(created.event.groups, customGroups);
    admin.close();
    code = created.event.code;
    token = created.facilitatorToken;
    base = `http://127.0.0.1:${server.port}/api/events/${code}`;
    // The join form learns them.
    const visitor = await Client.connect(server.port);
    const info = await visitor.ok({ type: 'event_info', code });
    assert.deepEqual(info.event.groups, customGroups);
    visitor.close();
  });

  it('takes joins in its own groups only, and counts results and consensus by them', async () => {
    const refused = await Client.connect(server.port);
    const bad = await refused.command({ type: 'join', code, name: 'Sam', group: 'sme', track: 1, credit: false });
    assert.equal(bad.code, 'bad_value');
    refused.close();
    const ana = await joinAs(server, code, 'Ana Econ', { group: 'economist' });
    const cy = await joinAs(server, code, 'Cy Econ', { group: 'economist' });
    const ben = await joinAs(server, code, 'Ben Ai', { group: 'ai' });
    const fac = await connectWith(server, token);
    const i1 = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Tax compute' })).idea;
    const i2 = (await ben.client.ok({ type: 'post_idea', track: 1, text: 'Open models' })).idea;
    const round = (await fac.ok({ type: 'open_round', title: 'Ideas', track: 1, method: 'dots', budget: 3 })).round;
    await ana.client.ok({ type: 'vote', round, item: i1, votes: 2 });
    await cy.client.ok({ type: 'vote', round, item: i1, votes: 1 });
    await ben.client.ok({ type: 'vote', round, item: i2, votes: 1 });
    const results = await fac.waitFor(
      (m) => m.type === 'results' && m.round === round && m.items.reduce((n, x) => n + x.votes, 0) === 4,
    );
    const first = results.items.find((x) => x.item === i1);
    assert.deepEqual(first.byGroup, { economist: { voters: 2, votes: 3 } });
    assert.ok(Math.abs(first.consensus - 0.5) < 1e-9, `${first.consensus}`); // sqrt(3/4 * 1/3)
    assert.deepEqual(results.items.find((x) => x.item === i2).byGroup, { ai: { voters: 1, votes: 1 } });
    const csv = await (await fetch(`${base}/results.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();
    const [header, row] = csv.trim().split('\r\n');
    assert.match(header, /,consensus,economist_voters,economist_votes,ai_voters,ai_votes$/);
    assert.match(row, /,0\.500,2,3,0,0$/);
    // The report counts people by the event's own groups, and votes.csv has a column pair each.
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const md = await (await fetch(`${base}/report.md`, auth)).text();
    assert.match(md, /\*\*Participants:\*\* 3 \(Economist: 2; AI specialist: 1\)/);
    const json = await (await fetch(`${base}/report.json`, auth)).json();
    assert.deepEqual(json.facts.participants_by_group, [
      { label: 'Economist', count: 2 },
      { label: 'AI specialist', count: 1 },
    ]);
    const votesCsv = await (await fetch(`${base}/votes.csv`, auth)).text();
    assert.match(
      votesCsv.split('\r\n')[0],
      /,Economist voters,Economist votes,AI specialist voters,AI specialist votes$/,
    );
    // Someone voted: the groups stay as they are.
    const late = await fac.command({ type: 'set_groups', groups: [...customGroups, { code: 'law', label: 'Law' }] });
    assert.equal(late.code, 'bad_value');
    for (const c of [ana, cy, ben]) c.client.close();
    fac.close();
  });

  it('keeps its groups and results across a restart', async () => {
    server = await restart(server, db);
    const fac = await connectWith(server, token);
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    assert.deepEqual(snap.event.groups, customGroups);
    assert.deepEqual(snap.rounds[0].results[0].byGroup, { economist: { voters: 2, votes: 3 } });
    fac.close();
  });
});

describe('set_groups', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('new events have the nine default groups', () => {
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    assert.equal(snap.event.groups.length, 9);
    assert.deepEqual(snap.event.groups[4], { code: 'startup', label: 'Start-up' });
  });

  it('the facilitator changes the groups until the first vote; everyone sees it', async () => {
    const ana = await joinAs(server, ev.code, 'Ana Ruiz', { group: 'sme' });
    assert.equal((await ana.client.command({ type: 'set_groups', groups: customGroups })).code, 'forbidden');
    // Ana is an SME: her group cannot disappear.
    const inUse = await fac.command({ type: 'set_groups', groups: customGroups });
    assert.equal(inUse.code, 'bad_value');
    assert.match(inUse.message, /Small or medium enterprise/);
    assert.equal((await fac.command({ type: 'set_groups', groups: [{ code: 'x-y', label: 'X' }] })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'set_groups' })).code, 'bad_command');
    const next = [{ code: 'sme', label: 'SME' }, ...customGroups];
    const from = ana.client.messages.length;
    await fac.ok({ type: 'set_groups', groups: next });
    const seen = await ana.client.waitFor((m) => m.kind === 'groups_changed', { from });
    assert.deepEqual(seen.groups, next);
    const visitor = await Client.connect(server.port);
    assert.deepEqual((await visitor.ok({ type: 'event_info', code: ev.code })).event.groups, next);
    visitor.close();
    ana.client.close();
  });

  it('survives a restart', async () => {
    server = await restart(server, db);
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    assert.deepEqual(
      snap.event.groups.map((g) => g.code),
      ['sme', 'economist', 'ai'],
    );
  });
});

describe('profiles', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  let ben;
  let base;
  let proposal;

  const get = async (file, tok = ev.facilitatorToken) => {
    const res = await fetch(`${base}/${file}`, { headers: { Authorization: `Bearer ${tok}` } });
    assert.equal(res.status, 200, file);
    return res;
  };
  const text = async (file, tok) => (await get(file, tok)).text();
  const docx = async (file) =>
    (await mammoth.extractRawText({ buffer: Buffer.from(await (await get(file)).arrayBuffer()) })).value;
  // What the published report shows, in every format: the facilitator's JSON without its
  // `facilitator` part (the organisers' record of every idea and person), and a member's JSON.
  const everyExport = async () => {
    const { facilitator, ...report } = JSON.parse(await text('report.json'));
    assert.ok(facilitator);
    return {
      md: await text('report.md'),
      html: await text('report.html'),
      json: JSON.stringify(report),
      docx: await docx('report.docx'),
      publicJson: await text('report.json', ben.token),
    };
  };

  // Every file the organisers can download, the archive's files unpacked: the facilitator's
  // CSVs, the roster, the results and the whole report.json.
  const organisersFiles = async () => {
    const out = {};
    for (const file of ['ideas.csv', 'votes.csv', 'participants.csv', 'roster.csv', 'results.csv', 'report.json']) {
      out[file] = await text(file);
    }
    const zip = await JSZip.loadAsync(Buffer.from(await (await get('archive.zip')).arrayBuffer()));
    for (const [name, entry] of Object.entries(zip.files)) {
      out[`archive.zip/${name}`] = name.endsWith('.docx')
        ? (await mammoth.extractRawText({ buffer: await entry.async('nodebuffer') })).value
        : await entry.async('string');
    }
    assert.ok(Object.keys(out).length >= 14, 'the archive holds its files');
    return out;
  };

  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
    ana = await joinAs(server, ev.code, 'Ana Ruiz', { organisation: 'DG CNECT', group: 'sme', credit: true });
    ben = await joinAs(server, ev.code, 'Ben Okafor', { organisation: 'SME United', group: 'sme', credit: true });
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts' });
    proposal = (
      await fac.ok({ type: 'create_proposal', title: 'Learning Accounts', track: 1, ideas: [], team: [ana.you.id] })
    ).proposal;
    await fac.ok({
      type: 'set_chapters',
      round: null,
      chapters: [{ title: 'Skills', intro: '', proposals: [proposal] }],
    });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('refuses the wrong role and bad values, changing nothing', async () => {
    const from = fac.messages.length;
    assert.equal((await fac.command({ type: 'update_profile', name: 'Boss' })).code, 'forbidden');
    const c = ana.client;
    assert.equal((await c.command({ type: 'update_profile', name: '' })).code, 'bad_text');
    assert.equal((await c.command({ type: 'update_profile', name: 'x'.repeat(61) })).code, 'bad_text');
    assert.equal((await c.command({ type: 'update_profile', name: 'Facilitator' })).code, 'bad_text');
    assert.equal((await c.command({ type: 'update_profile', organisation: 'o'.repeat(101) })).code, 'bad_text');
    assert.equal((await c.command({ type: 'update_profile', group: 'lobbyist' })).code, 'bad_value');
    assert.equal((await c.command({ type: 'update_profile', name: 'Ana Ruiz' })).code, 'bad_value');
    assert.equal((await c.command({ type: 'update_profile', credit: 'yes' })).code, 'bad_command');
    assert.equal((await c.command({ type: 'edit_member', member: ben.you.id, name: 'X' })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'edit_member', member: 999, name: 'X' })).code, 'not_found');
    assert.equal((await fac.command({ type: 'edit_member', member: ben.you.id, credit: false })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'edit_member', member: ben.you.id, group: 'nope' })).code, 'bad_value');
    const { token: leadToken } = await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead One' });
    const lead = await connectWith(server, leadToken);
    assert.equal((await lead.command({ type: 'edit_member', member: ben.you.id, name: 'X' })).code, 'forbidden');
    assert.equal((await lead.command({ type: 'update_profile', group: 'sme' })).code, 'bad_value');
    lead.close();
    const { token: screenToken } = await fac.ok({ type: 'create_link', role: 'viewer', name: 'Screen' });
    const screen = await connectWith(server, screenToken);
    assert.equal((await screen.command({ type: 'update_profile', name: 'Big screen' })).code, 'forbidden');
    screen.close();
    assert.ok(!fac.messages.slice(from).some((m) => m.kind === 'member_updated'));
  });

  it('a track lead corrects their own name and organisation and gives consent; staff see it', async () => {
    const { token, member } = await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lea' });
    const lead = await connectWith(server, token);
    const from = fac.messages.length;
    await lead.ok({ type: 'update_profile', name: 'Lea Novak', organisation: 'JRC', credit: true });
    const seen = await fac.waitFor((m) => m.kind === 'member_updated' && m.member.id === member.id, { from });
    assert.equal(seen.member.name, 'Lea Novak');
    assert.equal(seen.member.organisation, 'JRC');
    assert.equal(seen.member.credit, true);
    assert.equal(seen.member.role, 'lead');
    lead.close();
  });

  it('a participant edits their profile and every screen shows it', async () => {
    const fromFac = fac.messages.length;
    const fromBen = ben.client.messages.length;
    const fromAna = ana.client.messages.length;
    await ana.client.ok({
      type: 'update_profile',
      name: 'Ana Ruiz-Lopez',
      organisation: 'DG CONNECT',
      group: 'academia',
    });
    // Staff get the whole member; Ana her own; Ben, who sees her idea, her name.
    // (Only Ana's change: the lead's edit just before may still be arriving.)
    const hers = (m) => m.kind === 'member_updated' && m.member.id === ana.you.id;
    const staff = await fac.waitFor(hers, { from: fromFac });
    assert.equal(staff.member.name, 'Ana Ruiz-Lopez');
    assert.equal(staff.member.group, 'academia');
    assert.equal(staff.member.organisation, 'DG CONNECT');
    const own = await ana.client.waitFor(hers, { from: fromAna });
    assert.equal(own.member.group, 'academia');
    const other = await ben.client.waitFor(hers, { from: fromBen });
    assert.deepEqual(other.member, { id: ana.you.id, name: 'Ana Ruiz-Lopez', organisation: 'DG CONNECT' });
    // A participant whose name shows nowhere: other participants are not told.
    const quiet = await joinAs(server, ev.code, 'Quiet Person');
    const fromBen2 = ben.client.messages.length;
    const fromFac2 = fac.messages.length;
    await quiet.client.ok({ type: 'update_profile', name: 'Quiet P.' });
    await fac.waitFor((m) => m.kind === 'member_updated' && m.member.id === quiet.you.id, { from: fromFac2 });
    await ana.client.ok({ type: 'update_profile', organisation: 'DG CNECT' });
    await ben.client.waitFor((m) => m.kind === 'member_updated' && m.member.id === ana.you.id, { from: fromBen2 });
    assert.ok(!ben.client.messages.slice(fromBen2).some((m) => m.member?.id === quiet.you.id));
    quiet.client.close();
    // A fresh participant's snapshot shows the new name on the idea.
    const late = await joinAs(server, ev.code, 'Late Comer');
    const snap = late.client.messages.find((m) => m.type === 'snapshot');
    assert.equal(snap.ideas[0].author.name, 'Ana Ruiz-Lopez');
    late.client.close();
  });

  it('a facilitator corrects a member; the member sees it live', async () => {
    const from = ben.client.messages.length;
    await fac.ok({ type: 'edit_member', member: ben.you.id, name: 'Ben Okafor-Smith', group: 'startup' });
    const seen = await ben.client.waitFor((m) => m.kind === 'member_updated', { from });
    assert.equal(seen.member.name, 'Ben Okafor-Smith');
    assert.equal(seen.member.group, 'startup');
    assert.equal(seen.member.credit, true);
  });

  it('the report uses the current names; withdrawing consent after publication takes the name out of every export', async () => {
    await fac.ok({ type: 'publish_report', published: true });
    let all = await everyExport();
    for (const [format, body] of Object.entries(all)) {
      assert.ok(body.includes('Ana Ruiz-Lopez'), `${format} names Ana as she is now`);
      assert.ok(!body.includes('Updated on'), `${format} has no update note yet`);
    }
    assert.match(
      await text('participants.csv'),
      /Ana Ruiz-Lopez,DG CNECT,Academia and research,Skills,,participant,yes/,
    );
    // Published: only withdrawing consent.
    assert.equal((await ana.client.command({ type: 'update_profile', name: 'Ana R.' })).code, 'bad_value');
    assert.equal((await ana.client.command({ type: 'update_profile', group: 'sme' })).code, 'bad_value');
    const from = ben.client.messages.length;
    await ana.client.ok({ type: 'update_profile', credit: false });
    // Everyone reading the report learns that it changed.
    const seen = await ben.client.waitFor((m) => m.kind === 'member_updated' && m.report, { from });
    assert.equal(typeof seen.report.creditsChangedAt, 'number');
    all = await everyExport();
    for (const [format, body] of Object.entries(all)) {
      assert.ok(!body.includes('Ana Ruiz-Lopez'), `${format} no longer names Ana`);
      assert.match(body, /Updated on \d+ \w+ \d{4}: credits changed/, `${format} says it changed`);
    }
    // The organisers' files no longer name her either: she took her consent back. She is
    // still counted (her row stays, without name or organisation), and her idea stays.
    const files = await organisersFiles();
    for (const [file, body] of Object.entries(files)) {
      assert.ok(!body.includes('Ana Ruiz-Lopez'), `${file} no longer names Ana`);
      assert.ok(!body.includes('DG CNECT'), `${file} no longer shows her organisation`);
    }
    assert.match(files['participants.csv'], /^Name withheld,,Academia and research,Skills,,participant,no$/m);
    assert.match(files['roster.csv'], /^Name withheld,,academia,Skills,,,no$/m);
    assert.match(files['ideas.csv'], /Learning accounts,Name withheld,/);
    assert.ok(files['participants.csv'].includes('Ben Okafor-Smith,SME United'), 'Ben, who consents, is named');
    const own = ana.client.messages.findLast((m) => m.kind === 'member_updated');
    assert.equal(own.member.creditWithdrawn, true);
  });

  it('profiles and the changed report survive a restart', async () => {
    server = await restart(server, db);
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    const a = snap.members.find((m) => m.id === ana.you.id);
    assert.equal(a.name, 'Ana Ruiz-Lopez');
    assert.equal(a.organisation, 'DG CNECT');
    assert.equal(a.group, 'academia');
    assert.equal(a.credit, false);
    const b = snap.members.find((m) => m.id === ben.you.id);
    assert.equal(b.name, 'Ben Okafor-Smith');
    assert.equal(b.group, 'startup');
    assert.equal(typeof snap.report.creditsChangedAt, 'number');
    assert.equal(a.creditWithdrawn, true);
    const md = await text('report.md');
    assert.ok(!md.includes('Ana Ruiz-Lopez'));
    assert.match(md, /Updated on/);
    for (const [file, body] of Object.entries(await organisersFiles())) {
      assert.ok(!body.includes('Ana Ruiz-Lopez'), `${file} still does not name Ana`);
    }
  });
});
