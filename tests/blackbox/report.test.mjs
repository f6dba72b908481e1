// The final report end to end over real WebSockets and HTTP: a whole small event (join, ideas,
// a vote, two proposals drafted, a final round, selection) exported in every format, with
// exactly the chosen proposals in order, numbered, credited; who may download what; the
// `roundtable export` command on the stopped server's database; determinism; DOCX headings.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { BIN, joinAs, removeDir, startEventServer, stopServer } from './server.mjs';
import { Peer } from './peer.mjs';

async function write(client, proposal, section, text, clientID) {
  const peer = await Peer.open(client, proposal, section, clientID);
  peer.insert(0, text);
  await peer.settle();
  await client.ok({ type: 'close_section', proposal, section });
}

describe('the report', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  let ben;
  let zoe;
  let first;
  let second;
  let third;
  let base;
  let r1;

  const get = (file, token = ev.facilitatorToken) =>
    fetch(`${base}/${file}`, { headers: { Authorization: `Bearer ${token}` } });

  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
    ana = await joinAs(server, ev.code, 'Ana Ruiz', {
      organisation: 'DG CNECT',
      group: 'eu_institution',
      credit: true,
    });
    ben = await joinAs(server, ev.code, 'Ben Okafor', { organisation: 'SME United', group: 'sme', credit: false });
    zoe = await joinAs(server, ev.code, 'Zoë <b>Bold</b>', {
      organisation: '=cmd()',
      group: 'startup',
      credit: true,
      track: 2,
    });
    const i1 = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts for every worker' })).idea;
    const i2 = (await ben.client.ok({ type: 'post_idea', track: 1, text: 'A network of AI champions' })).idea;
    await zoe.client.ok({ type: 'post_idea', track: 2, text: '=HYPERLINK("http://evil")' });
    // Split by a semicolon-locale spreadsheet, the second part would be a formula.
    await zoe.client.ok({ type: 'post_idea', track: 2, text: 'safe;=1+1' });
    r1 = (await fac.ok({ type: 'open_round', title: 'Ideas', track: 1, method: 'dots', budget: 3, maxPerItem: 3 }))
      .round;
    await ana.client.ok({ type: 'vote', round: r1, item: i1, votes: 3 });
    await ben.client.ok({ type: 'vote', round: r1, item: i2, votes: 2 });
    await fac.ok({ type: 'close_round', round: r1 });

    first = (
      await fac.ok({
        type: 'create_proposal',
        title: 'Individual AI Learning Account',
        track: 1,
        ideas: [i1],
        team: [ana.you.id, ben.you.id],
      })
    ).proposal;
    second = (
      await fac.ok({
        type: 'create_proposal',
        title: 'AI Champions Network',
        track: 1,
        ideas: [i2],
        team: [ben.you.id],
      })
    ).proposal;
    third = (await fac.ok({ type: 'create_proposal', title: 'European GovAI Hub', track: 2, team: [zoe.you.id] }))
      .proposal;
    await write(ana.client, first, 0, 'Every worker gets a personal budget for AI training.', 'a0');
    await write(
      ana.client,
      first,
      1,
      'Workers *lack* access to training.\n\n<script>alert(1)</script> [click](javascript:alert(1))',
      'a1',
    );
    await write(ben.client, second, 0, 'Champions in every administration.', 'b0');
    await write(zoe.client, third, 0, 'One hub for public-sector AI.', 'z0');

    const final = (
      await fac.ok({
        type: 'open_round',
        title: 'Final selection',
        track: null,
        items: 'proposals',
        method: 'dots',
        budget: 5,
        maxPerItem: 5,
      })
    ).round;
    await ana.client.ok({ type: 'vote', round: final, item: second, votes: 4 });
    await ben.client.ok({ type: 'vote', round: final, item: third, votes: 2 });
    await zoe.client.ok({ type: 'vote', round: final, item: first, votes: 1 });
    await fac.ok({ type: 'close_round', round: final });
    await fac.ok({ type: 'reveal_round', round: final });
    // The top two, then reordered by hand into two chapters.
    await fac.ok({ type: 'prefill_report', round: final, top: 2 });
    await fac.ok({
      type: 'set_report',
      title: 'Two proposals for AI and work',
      subtitle: 'Brussels hackathon',
      date: '14 March 2025',
      foreword: 'Thanks to **everyone**.',
      method: 'We met for one day.',
    });
    await fac.ok({
      type: 'set_chapters',
      round: final,
      chapters: [
        { title: 'A public sector that leads', intro: 'Start with the state.', proposals: [third] },
        { title: 'Skills for everyone', intro: '', proposals: [second, first] },
      ],
    });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('holds exactly the chosen proposals, in order, numbered, with votes and credits', async () => {
    const res = await get('report.md');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="report-.*\.md"/);
    const md = await res.text();
    const order = [
      'Proposal 1: European GovAI Hub',
      'Proposal 2: AI Champions Network',
      'Proposal 3: Individual AI Learning Account',
    ];
    const at = order.map((h) => md.indexOf(h));
    assert.ok(
      at.every((i) => i >= 0),
      `missing a proposal heading:\n${md}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
    );
    assert.ok(md.indexOf('A public sector that leads') < at[0]);
    assert.ok(md.includes('Ana Ruiz'), 'credited member named');
    assert.ok(!md.includes('Ben Okafor'), 'a member who did not agree to be credited is not named');
    assert.ok(md.includes('Every worker gets a personal budget for AI training.'));
    // Links and raw HTML are shown as text (escaped), never as a link or a tag.
    assert.ok(!/(?<!\\)\]\(javascript:/.test(md), 'unsafe link neutralised');
    assert.ok(!/(?<!\\)<script>/.test(md), 'raw HTML neutralised');
    assert.ok(md.includes('Learning accounts for every worker'), 'annex lists ideas');
    // The ideas round was closed but never revealed: the report shows none of its votes.
    assert.ok(md.includes('Learning accounts for every worker (0 votes)'), md.slice(md.indexOf('Annex')));
    assert.ok(!md.includes('(3 votes)') && !md.includes('(2 votes)'), 'unrevealed votes in the annex');
    const ideasCsv = await (await get('ideas.csv')).text();
    assert.match(ideasCsv, /Learning accounts for every worker,[^\r\n]*,3,/, 'the facilitator still sees them');

    const json = await (await get('report.json')).json();
    const numbers = json.chapters.flatMap((c) => c.proposals.map((p) => [p.number, p.title]));
    assert.deepEqual(numbers, [
      [1, 'European GovAI Hub'],
      [2, 'AI Champions Network'],
      [3, 'Individual AI Learning Account'],
    ]);
    const champions = json.chapters[1].proposals[0];
    assert.equal(champions.vote.votes, 4);
    assert.equal(champions.vote.voters, 1);
  });

  it('shows an ideas round in the annex once it is revealed', async () => {
    await fac.ok({ type: 'reveal_round', round: r1 });
    const md = await (await get('report.md')).text();
    assert.ok(md.includes('Learning accounts for every worker (3 votes)'), md.slice(md.indexOf('Annex')));
    assert.ok(md.includes('A network of AI champions (2 votes)'));
  });

  it('renders safe, print-ready HTML and a DOCX with real headings', async () => {
    const html = await (await get('report.html')).text();
    assert.ok(html.includes('@page'), 'print stylesheet');
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/href="javascript/i.test(html), 'no script link');
    assert.ok(html.includes('Zoë &lt;b&gt;Bold&lt;/b&gt;'), 'names are escaped');
    const docx = Buffer.from(await (await get('report.docx')).arrayBuffer());
    assert.equal(docx.subarray(0, 2).toString(), 'PK');
    const { value } = await mammoth.convertToHtml({ buffer: docx });
    for (const h of [
      'Proposal 1: European GovAI Hub',
      'Proposal 2: AI Champions Network',
      'A public sector that leads',
    ]) {
      assert.ok(
        new RegExp(`<h[12][^>]*>${h}</h[12]>`).test(value),
        `heading "${h}" in the DOCX:\n${value.slice(0, 2000)}`,
      );
    }
  });

  it('the facilitator CSVs neutralise formulas; members get the report only once published', async () => {
    const ideas = await (await get('ideas.csv')).text();
    assert.ok(ideas.includes(`"'=HYPERLINK(""http://evil"")"`), ideas);
    assert.ok(ideas.includes(`"'safe;=1+1"`), ideas);
    assert.ok(!/(^|,)safe;=1\+1/m.test(ideas), ideas);
    const people = await (await get('participants.csv')).text();
    assert.ok(people.includes("'=cmd()"), people);
    assert.equal((await get('votes.csv')).status, 200);
    assert.equal((await get('report.md', ana.token)).status, 403);
    assert.equal((await (await get('report.md', ana.token)).json()).error, 'not_published');
    assert.equal((await get('report.md', 'K7QX2M.nope')).status, 401);
    await fac.ok({ type: 'publish_report', published: true });
    const published = await ana.client.waitFor((m) => m.kind === 'report_changed' && m.report.published);
    assert.equal(published.report.chapters.length, 2);
    assert.equal((await get('report.md', ana.token)).status, 200);
    const pub = await (await get('report.json', ana.token)).json();
    assert.equal(pub.facilitator, undefined, 'a member gets no facilitator data');
    assert.equal((await get('participants.csv', ana.token)).status, 403);
    assert.equal((await ana.client.command({ type: 'publish_report', published: false })).code, 'forbidden');
    assert.equal((await fac.command({ type: 'delete_proposal', proposal: first })).code, 'bad_value');
    assert.equal(
      (await fac.command({ type: 'set_chapters', chapters: [{ title: 'A', proposals: [first, first] }] })).code,
      'bad_value',
    );
  });

  it('is deterministic, and `roundtable export` writes the same files from the stopped database', async () => {
    const md1 = await (await get('report.md')).text();
    const md2 = await (await get('report.md')).text();
    assert.equal(md1, md2);
    const html = await (await get('report.html')).text();
    const json = await (await get('report.json')).text();
    await stopServer(server);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    for (const [format, file] of [
      ['md', 'r.md'],
      ['html', 'r.html'],
      ['json', 'r.json'],
      ['docx', 'r.docx'],
    ]) {
      execFileSync(BIN, ['export', '--db', db, '--event', ev.code, '--format', format, '--out', path.join(out, file)]);
    }
    execFileSync(BIN, ['export', '--db', db, '--event', ev.code, '--format', 'csv', '--out', path.join(out, 'csv')]);
    assert.equal(fs.readFileSync(path.join(out, 'r.md'), 'utf8'), md1);
    assert.equal(fs.readFileSync(path.join(out, 'r.html'), 'utf8'), html);
    assert.equal(fs.readFileSync(path.join(out, 'r.json'), 'utf8'), json);
    assert.deepEqual(fs.readdirSync(path.join(out, 'csv')).sort(), ['ideas.csv', 'participants.csv', 'votes.csv']);
    assert.throws(
      () =>
        execFileSync(
          BIN,
          ['export', '--db', db, '--event', 'ZZZZZZ', '--format', 'md', '--out', path.join(out, 'x.md')],
          { stdio: 'pipe' },
        ),
      /no event/,
    );
    assert.throws(() =>
      execFileSync(BIN, ['export', '--db', db, '--event', ev.code, '--format', 'pdf', '--out', path.join(out, 'x')], {
        stdio: 'pipe',
      }),
    );
  });
});
