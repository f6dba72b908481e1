// Who may vote in a round, over real WebSockets: the replay of a real day (a participant of
// track 1 voting in track 2's round) refused with not_eligible and nothing stored; chosen
// tracks and everyone; the round's `eligible` in every message, the change log and after a
// restart; bad values refused, and the facilitator's field refused for a participant; a voter
// moved to another track no longer counts in the results and turnout, and counts again back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

function sql(db, query) {
  return execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

describe('vote eligibility', () => {
  let dir;
  let db;
  let server;
  let code;
  let facToken;
  let fac;
  let ana; // track 1
  let bo; // track 2
  let cy; // track 3
  let idea1;
  let idea2;
  let round1;
  let round2;
  let chosen;
  let everyone;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
    const admin = await Client.connect(server.port);
    await admin.ok({ type: 'auth_admin', secret: server.secret });
    const created = await admin.ok({
      type: 'create_event',
      title: 'Seven rounds at once',
      tracks: [
        { name: 'Skills', description: '' },
        { name: 'Public sector', description: '' },
        { name: 'Health', description: '' },
      ],
    });
    admin.close();
    code = created.event.code;
    facToken = created.facilitatorToken;
    fac = await connectWith(server, facToken);
    ana = await joinAs(server, code, 'Ana', { track: 1 });
    bo = await joinAs(server, code, 'Bo', { track: 2 });
    cy = await joinAs(server, code, 'Cy', { track: 3 });
    idea1 = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Learning accounts' })).idea;
    idea2 = (await bo.client.ok({ type: 'post_idea', track: 2, text: 'Open procurement' })).idea;
    round1 = (await fac.ok({ type: 'open_round', title: 'Skills', track: 1 })).round;
    round2 = (await fac.ok({ type: 'open_round', title: 'Public sector', track: 2 })).round;
  });
  after(async () => {
    for (const p of [ana, bo, cy]) p?.client.close();
    fac?.close();
    await stopServer(server);
    removeDir(dir);
  });

  it("refuses a vote in another track's round with not_eligible, and stores nothing", async () => {
    const opened = await ana.client.waitFor((m) => m.kind === 'round_opened' && m.round.id === round2);
    assert.equal(opened.round.eligible, 'track');
    // The replay: {"type":"vote","round":2,"item":55,"votes":1} from a participant of track 1.
    const refused = await ana.client.command({ type: 'vote', round: round2, item: idea2, votes: 1 });
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'not_eligible');
    assert.match(refused.message, /members of the round's track/);
    assert.equal(sql(db, `SELECT count(*) FROM votes WHERE round_id = ${round2}`), '0');
    assert.equal(sql(db, `SELECT count(*) FROM changes WHERE kind = 'vote_cast'`), '0');
    // A facilitator has no vote either.
    assert.equal((await fac.command({ type: 'vote', round: round1, item: idea1, votes: 1 })).code, 'not_eligible');
    // Each has a full budget in their own track's round.
    assert.deepEqual(await ana.client.ok({ type: 'vote', round: round1, item: idea1, votes: 3 }), {
      spent: 3,
      budget: 5,
    });
    assert.deepEqual(await bo.client.ok({ type: 'vote', round: round2, item: idea2, votes: 3 }), {
      spent: 3,
      budget: 5,
    });
    const turnout = await fac.waitFor((m) => m.type === 'turnout' && m.round === round2 && m.voted === 1);
    assert.equal(turnout.eligible, 1);
    assert.deepEqual(Object.keys(turnout.byTrack), ['2']);
  });

  it('chosen tracks and everyone: their members vote, no one else', async () => {
    chosen = (await fac.ok({ type: 'open_round', title: 'For Public sector and Health', track: 1, eligible: [3, 2] }))
      .round;
    everyone = (await fac.ok({ type: 'open_round', title: 'Everyone on Health', track: 2, eligible: 'everyone' }))
      .round;
    const opened = await ana.client.waitFor((m) => m.kind === 'round_opened' && m.round.id === chosen);
    assert.deepEqual(opened.round.eligible, [2, 3]);
    assert.equal(
      (await ana.client.command({ type: 'vote', round: chosen, item: idea1, votes: 1 })).code,
      'not_eligible',
    );
    await bo.client.ok({ type: 'vote', round: chosen, item: idea1, votes: 2 });
    await cy.client.ok({ type: 'vote', round: chosen, item: idea1, votes: 1 });
    for (const p of [ana, bo, cy]) await p.client.ok({ type: 'vote', round: everyone, item: idea2, votes: 1 });
    const results = await fac.waitFor((m) => m.type === 'results' && m.round === chosen && m.items[0]?.votes === 3);
    assert.equal(results.items[0].voters, 2);
    // The change log keeps who may vote.
    const logged = JSON.parse(
      sql(db, `SELECT data FROM changes WHERE kind = 'round_opened' ORDER BY seq DESC LIMIT 1 OFFSET 1`),
    );
    assert.deepEqual(logged.round.eligible, [2, 3]);
  });

  it("refuses bad values, and a participant's open_round, and nothing changes", async () => {
    const rounds = sql(db, 'SELECT count(*) FROM vote_rounds');
    const base = { type: 'open_round', title: 'Bad', track: 1 };
    const cases = [
      [{ ...base, track: null, eligible: 'track' }, 'bad_value', /every track/],
      [{ ...base, eligible: [] }, 'bad_value', /at least one track/],
      [{ ...base, eligible: [2, 9] }, 'bad_value', /no track 9/],
      [{ ...base, eligible: [2, 2] }, 'bad_value', /more than once/],
      [{ ...base, eligible: 'tracks' }, 'bad_value', /list of track ids/],
      [{ ...base, eligible: 'nobody' }, 'bad_value', /list of track ids/],
      [{ ...base, eligible: 5 }, 'bad_command', /eligible/],
      [{ ...base, eligible: [0] }, 'bad_command', /eligible/],
    ];
    for (const [cmd, code, message] of cases) {
      const answer = await fac.command(cmd);
      assert.equal(answer.code, code, JSON.stringify(cmd));
      assert.match(answer.message, message);
    }
    const forbidden = await ana.client.command({ ...base, eligible: 'everyone' });
    assert.equal(forbidden.code, 'forbidden');
    assert.equal(sql(db, 'SELECT count(*) FROM vote_rounds'), rounds);
  });

  it('who may vote survives a restart: every snapshot says so and votes are still refused', async () => {
    for (const p of [ana, bo, cy]) p.client.close();
    fac.close();
    const stopped = await stopServer(server);
    assert.equal(stopped.code, 0);
    server = await startServer({ db, port: server.port });

    fac = await connectWith(server, facToken);
    const snap = fac.messages.find((m) => m.type === 'snapshot');
    const byId = new Map(snap.rounds.map((r) => [r.id, r]));
    assert.equal(byId.get(round1).eligible, 'track');
    assert.equal(byId.get(round2).eligible, 'track');
    assert.deepEqual(byId.get(chosen).eligible, [2, 3]);
    assert.equal(byId.get(everyone).eligible, 'everyone');
    assert.deepEqual(byId.get(chosen).turnout.byTrack, { 2: { voted: 1, eligible: 1 }, 3: { voted: 1, eligible: 1 } });
    assert.equal(byId.get(everyone).turnout.eligible, 3);

    const again = await Client.connect(server.port);
    await again.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    const mine = await again.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(mine.rounds.find((r) => r.id === chosen).eligible, [2, 3]);
    assert.equal((await again.command({ type: 'vote', round: round2, item: idea2, votes: 1 })).code, 'not_eligible');
    assert.equal((await again.command({ type: 'vote', round: chosen, item: idea1, votes: 1 })).code, 'not_eligible');
    await again.ok({ type: 'vote', round: round1, item: idea1, votes: 2 });
    ana.client = again;
    bo.client = await connectWith(server, bo.token);
    cy.client = await connectWith(server, cy.token);
  });

  it('a voter moved to another track: their ballot stops counting, and counts again back home', async () => {
    // Bo (track 2) put 3 votes on idea 2 in track 2's round.
    const from = fac.messages.length;
    await fac.ok({ type: 'move_member', member: bo.you.id, track: 1, table: null });
    const without = await fac.waitFor((m) => m.type === 'results' && m.round === round2, { from });
    assert.deepEqual(
      without.items.map((i) => [i.item, i.votes, i.voters]),
      [[idea2, 0, 0]],
    );
    const turnout = await fac.waitFor((m) => m.type === 'turnout' && m.round === round2, { from });
    assert.equal(turnout.eligible, 0);
    // The ballot is kept, and refused changes leave it so.
    assert.equal(sql(db, `SELECT sum(votes) FROM votes WHERE round_id = ${round2}`), '3');
    assert.equal(
      (await bo.client.command({ type: 'vote', round: round2, item: idea2, votes: 0 })).code,
      'not_eligible',
    );
    const back = fac.messages.length;
    await fac.ok({ type: 'move_member', member: bo.you.id, track: 2, table: null });
    const again = await fac.waitFor((m) => m.type === 'results' && m.round === round2, { from: back });
    assert.deepEqual(
      again.items.map((i) => [i.item, i.votes, i.voters]),
      [[idea2, 3, 1]],
    );
  });
});
