// Voting over real WebSockets: secrecy before reveal, one budget per person, exact totals under
// concurrent votes, duplicates counted once, coalesced results for the facilitator.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { Client, joinAs, removeDir, startEventServer, stopServer } from './server.mjs';

describe('voting', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ideas;
  let round;
  let voters;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    const author = await joinAs(server, ev.code, 'Author');
    ideas = [];
    for (let i = 0; i < 4; i += 1)
      ideas.push((await author.client.ok({ type: 'post_idea', track: 1, text: `idea ${i}` })).idea);
    author.client.close();
    voters = await Promise.all(
      [...Array(20).keys()].map((i) =>
        joinAs(server, ev.code, `Voter ${i}`, { group: i % 2 ? 'sme' : 'eu_institution' }),
      ),
    );
    round = (
      await fac.ok({
        type: 'open_round',
        title: 'Which ideas first?',
        track: 1,
        method: 'dots',
        budget: 5,
        maxPerItem: 3,
      })
    ).round;
    await voters[0].client.waitFor((m) => m.kind === 'round_opened');
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('refuses what the rules forbid, and nothing changes', async () => {
    const v = voters[0].client;
    assert.equal((await v.command({ type: 'vote', round, item: ideas[0], votes: 4 })).code, 'bad_value');
    assert.equal((await v.command({ type: 'vote', round, item: 9999, votes: 1 })).code, 'bad_value');
    assert.equal((await v.command({ type: 'vote', round: 77, item: ideas[0], votes: 1 })).code, 'not_found');
    await v.ok({ type: 'vote', round, item: ideas[0], votes: 3 });
    const over = await v.command({ type: 'vote', round, item: ideas[1], votes: 3 });
    assert.equal(over.code, 'over_budget');
    const moved = await v.ok({ type: 'vote', round, item: ideas[0], votes: 0 });
    assert.equal(moved.spent, 0);
    assert.equal((await fac.command({ type: 'reveal_round', round })).code, 'bad_value');
    assert.equal((await v.command({ type: 'close_round', round })).code, 'forbidden');
  });

  it('many voters at once sum exactly to the database; duplicates count once', async () => {
    await Promise.all(
      voters.map(async ({ client }, i) => {
        // Everyone spends the whole budget at once: 3 on one idea, 2 on another.
        const a = ideas[i % 4];
        const b = ideas[(i + 1) % 4];
        await Promise.all([
          client.command({ type: 'vote', round, item: a, votes: 3 }, `v-${i}-a`),
          client.command({ type: 'vote', round, item: b, votes: 2 }, `v-${i}-b`),
          client.command({ type: 'vote', round, item: a, votes: 3 }, `v-${i}-a`), // a retry
        ]);
      }),
    );
    // Concurrent casts of one person never overspend: every ballot costs exactly 5.
    const expected = new Map(ideas.map((id) => [id, 0]));
    voters.forEach((_, i) => {
      expected.set(ideas[i % 4], expected.get(ideas[i % 4]) + 3);
      expected.set(ideas[(i + 1) % 4], expected.get(ideas[(i + 1) % 4]) + 2);
    });
    const results = await fac.waitFor(
      (m) => m.type === 'results' && m.round === round && m.items.reduce((n, x) => n + x.votes, 0) === 100,
      { timeout: 5000 },
    );
    for (const item of results.items) assert.equal(item.votes, expected.get(item.item));
    const rows = execFileSync('sqlite3', [
      db,
      `SELECT item_id, sum(votes) FROM votes WHERE round_id = ${round} GROUP BY item_id`,
    ])
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.split('|').map(Number));
    for (const [item, total] of rows) assert.equal(total, expected.get(item));
    assert.equal(
      rows.reduce((n, [, t]) => n + t, 0),
      100,
    );
  });

  it("before reveal nobody receives another person's votes or any results", async () => {
    for (const { client, you } of voters) {
      // Acks go out before the fan-out, and the facilitator's results may come before this
      // voter's own change: wait for the ballot before reading what the voter received.
      await client.waitFor((m) => m.kind === 'vote_cast');
      for (const m of client.messages) {
        assert.notEqual(m.type, 'results', 'a participant received results before reveal');
        if (m.kind === 'vote_cast')
          assert.ok(
            client.messages.some((x) => x.type === 'ack'),
            'own ballot only',
          );
        assert.ok(!('results' in m), JSON.stringify(m).slice(0, 200));
      }
      const ballots = client.messages.filter((m) => m.kind === 'vote_cast');
      assert.ok(ballots.length > 0);
      // Each ballot seen is the person's own: it has only the two ideas they voted for.
      const i = voters.findIndex((v) => v.you.id === you.id);
      const own = new Set([String(ideas[i % 4]), String(ideas[(i + 1) % 4])]);
      for (const b of ballots) for (const item of Object.keys(b.ballot)) assert.ok(own.has(item));
    }
  });

  it('a reconnect shares the budget: the ack of hello carries the own ballot', async () => {
    const tab = await Client.connect(server.port);
    const hello = await tab.ok({ type: 'hello', token: voters[3].token, lastSeq: 0 });
    assert.deepEqual(hello.ballots[String(round)], { [ideas[3]]: 3, [ideas[0]]: 2 });
    assert.equal((await tab.command({ type: 'vote', round, item: ideas[1], votes: 1 })).code, 'over_budget');
    tab.close();
  });

  it('close, then reveal: everyone gets totals (never who voted for what)', async () => {
    await fac.ok({ type: 'close_round', round });
    assert.equal(
      (await voters[1].client.command({ type: 'vote', round, item: ideas[0], votes: 0 })).code,
      'round_closed',
    );
    await fac.ok({ type: 'reveal_round', round });
    const revealed = await voters[5].client.waitFor((m) => m.kind === 'round_revealed');
    assert.equal(
      revealed.results.reduce((n, x) => n + x.votes, 0),
      100,
    );
    const top = revealed.results[0];
    assert.equal(top.rank, 1);
    assert.ok(top.consensus > 0 && top.consensus < 1);
    assert.ok(top.byGroup.sme && top.byGroup.eu_institution);
    assert.ok(!JSON.stringify(revealed).includes('Voter'));
  });
});

describe('results export', () => {
  it('exports every round as CSV: totals per item and group, no voters named', async () => {
    const { dir, server, ev, fac } = await startEventServer();
    try {
      const a = await joinAs(server, ev.code, 'Ana', { group: 'sme' });
      const b = await joinAs(server, ev.code, 'Bo', { group: 'academia' });
      const i1 = (await a.client.ok({ type: 'post_idea', track: 1, text: '=HYPERLINK("x")' })).idea;
      // Bidirectional overrides are kept in an idea (the board shows them isolated) but never
      // reach an export: results.csv is cleaned as the report is.
      const i2 = (await a.client.ok({ type: 'post_idea', track: 1, text: '\u202eSecond, with a comma\u202c' })).idea;
      const round = (await fac.ok({ type: 'open_round', title: 'Round one', track: null })).round;
      await a.client.ok({ type: 'vote', round, item: i1, votes: 3 });
      await b.client.ok({ type: 'vote', round, item: i1, votes: 1 });
      await b.client.ok({ type: 'vote', round, item: i2, votes: 2 });
      const base = `http://127.0.0.1:${server.port}/api/events/${ev.code}`;
      assert.equal(
        (await fetch(`${base}/results.csv`, { headers: { Authorization: `Bearer ${a.token}` } })).status,
        403,
      );
      const res = await fetch(`${base}/results.csv`, { headers: { Authorization: `Bearer ${ev.facilitatorToken}` } });
      assert.equal(res.status, 200);
      const lines = (await res.text()).trim().split('\r\n');
      assert.ok(
        lines[0].startsWith(
          'round,round_title,state,items,rank,item,item_text,votes,voters,consensus,eu_institution_voters',
        ),
      );
      assert.equal(lines.length, 3);
      assert.ok(lines[1].startsWith(`1,Round one,open,ideas,1,${i1},"'=HYPERLINK(""x"")",4,2,`), lines[1]);
      assert.ok(lines[2].startsWith(`1,Round one,open,ideas,2,${i2},"Second, with a comma",2,1,`), lines[2]);
      assert.ok(!lines.join('\n').includes('Ana') && !lines.join('\n').includes('Bo'));
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(lines.join('\n')));
    } finally {
      await stopServer(server);
      removeDir(dir);
    }
  });
});

describe('merges and votes', () => {
  it("a merge keeps the merged idea's votes and author on the survivor; a split gives them back", async () => {
    const { dir, server, ev, fac } = await startEventServer();
    try {
      const a = await joinAs(server, ev.code, 'Ana');
      const b = await joinAs(server, ev.code, 'Bo');
      const one = (await a.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts' })).idea;
      const two = (await b.client.ok({ type: 'post_idea', track: 1, text: 'Training budgets' })).idea;
      const round = (await fac.ok({ type: 'open_round', title: 'Vote', track: 1, liveResults: true })).round;
      await a.client.ok({ type: 'vote', round, item: two, votes: 3 });
      await b.client.ok({ type: 'vote', round, item: one, votes: 2 });
      await fac.ok({ type: 'merge_idea', idea: two, into: one });
      // The merge changes no ballot, but the results it sends show the survivor with both.
      const merged = await a.client.waitFor((m) => m.type === 'results' && m.items.length === 1, { timeout: 4000 });
      assert.equal(merged.items[0].item, one);
      assert.equal(merged.items[0].votes, 5);
      assert.equal(merged.items[0].voters, 2);
      const snap = await (async () => {
        const c = await Client.connect(server.port);
        await c.ok({ type: 'hello', token: b.token, lastSeq: 0 });
        const s = await c.waitFor((m) => m.type === 'snapshot');
        c.close();
        return s;
      })();
      const mergedIdea = snap.ideas.find((i) => i.id === two);
      assert.equal(mergedIdea.mergedInto, one);
      assert.equal(mergedIdea.author.name, 'Bo');
      await fac.ok({ type: 'split_idea', idea: two });
      const split = await a.client.waitFor((m) => m.type === 'results' && m.items.length === 2, { timeout: 4000 });
      assert.equal(split.items.find((i) => i.item === two).votes, 3);
      assert.equal(split.items.find((i) => i.item === one).votes, 2);
    } finally {
      await stopServer(server);
      removeDir(dir);
    }
  });
});
