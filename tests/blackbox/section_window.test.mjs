// A section keeps only a window of recent updates in memory (--section-window): its history
// before the window, open_section on an old version and a push made on an old version all
// come back from the database, across a restart, with nothing lost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { ChangeSet, Text } from '@codemirror/state';
import { connectWith, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';
import { Peer } from './peer.mjs';

// Pages are read one update at a time below: more commands a second than the default allows.
const WINDOW = ['--section-window', '5', '--max-commands-per-second', '500'];

// The whole history, read from `from` = 0 in steps of `step` (each answer must hold at least
// that many), then the rest in one go.
async function readHistory(client, proposal, step) {
  const out = [];
  let from = 0;
  for (;;) {
    const page = await client.ok({ type: 'section_history', proposal, section: 0, from });
    page.updates.forEach((u, i) => assert.equal(u.version, from + i + 1));
    if (!page.more && from + page.updates.length === page.version && step === 0) {
      out.push(...page.updates);
      return out;
    }
    const take = Math.min(step || page.updates.length, page.updates.length);
    out.push(...page.updates.slice(0, take));
    from += take;
    if (from === page.version) return out;
    if (from > 40) step = 0;
  }
}

function textOf(updates) {
  let doc = Text.empty;
  for (const u of updates) doc = ChangeSet.fromJSON(u.changes).apply(doc);
  return doc.toString();
}

describe('a section window of 5 updates', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let proposal;
  let accepted; // every update, in order, as the stream delivered it
  let finalText;

  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db, extra: WINDOW });
    ev = await createEvent(server);
    fac = await connectWith(server, ev.facilitatorToken);
    const { table } = await fac.ok({ type: 'add_table', track: 1, name: 'Table A' });
    const team = [];
    for (const name of ['Ana', 'Ben']) {
      const p = await joinAs(server, ev.code, name);
      await fac.ok({ type: 'move_member', member: p.you.id, track: 1, table });
      team.push(p);
    }
    proposal = (
      await fac.ok({ type: 'create_proposal', title: 'Windowed', track: 1, ideas: [], cluster: null, table, team: [] })
    ).proposal;
    // A reader subscribed from version 0 sees every accepted update in order.
    const reader = await connectWith(server, ev.facilitatorToken);
    const opened = await reader.ok({ type: 'open_section', proposal, section: 0, version: null });
    assert.equal(opened.version, 0);
    const from = reader.messages.length;

    const ana = await Peer.open(team[0].client, proposal, 0, 'ana-1');
    const ben = await Peer.open(team[1].client, proposal, 0, 'ben-1');
    // Ana types 20 keystrokes, each pushed and confirmed, while Ben types 3 without hearing of
    // them: his push is made on version 0, long before the window.
    for (let k = 0; k < 20; k += 1) {
      ana.receive();
      ana.insert(ana.state.doc.length, String.fromCharCode(97 + (k % 26)));
      assert.equal((await ana.push()).type, 'ack');
    }
    for (let k = 0; k < 3; k += 1) ben.insert(0, String(k));
    assert.equal(ben.version, 0);
    const late = await ben.push();
    assert.equal(late.type, 'ack', JSON.stringify(late));
    // Then both type in turns, sometimes on a version a few updates old.
    for (let k = 0; k < 37; k += 1) {
      const peer = k % 2 ? ana : ben;
      if (k % 5 !== 0) peer.receive();
      peer.insert(Math.floor(peer.state.doc.length / 2), k % 2 ? 'A' : 'B');
      const answer = await peer.push();
      assert.equal(answer.type, 'ack', JSON.stringify(answer));
    }
    const total = 60;
    await reader.waitFor(
      () =>
        reader.messages
          .slice(from)
          .filter((m) => m.type === 'section_updates')
          .reduce((n, m) => Math.max(n, m.version + m.updates.length), 0) >= total,
    );
    accepted = [];
    for (const m of reader.messages.slice(from)) {
      if (m.type !== 'section_updates') continue;
      assert.equal(m.version, accepted.length);
      accepted.push(...m.updates);
    }
    assert.equal(accepted.length, total);
    for (const peer of [ana, ben]) {
      await peer.client.waitFor(() => {
        peer.receive();
        return peer.version === total;
      });
    }
    const now = await fac.ok({ type: 'open_section', proposal, section: 0, version: null });
    assert.equal(now.version, total);
    finalText = now.text;
    assert.equal(ana.text, finalText);
    assert.equal(ben.text, finalText);
    // Every keystroke is in it, Ben's late ones too.
    for (const c of ['0', '1', '2']) assert.ok(finalText.includes(c));
    assert.equal(ana.refusals.length + ben.refusals.length, 0);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const checkHistory = async (client) => {
    for (const step of [7, 1, 0]) {
      const history = await readHistory(client, proposal, step);
      assert.equal(history.length, accepted.length);
      history.forEach((u, i) => {
        assert.equal(u.clientID, accepted[i].clientID);
        assert.deepEqual(u.changes, accepted[i].changes);
        assert.equal(u.member, accepted[i].member);
      });
      assert.equal(textOf(history), finalText);
    }
    const fromZero = await client.ok({ type: 'open_section', proposal, section: 0, version: 0 });
    assert.equal(fromZero.version, accepted.length);
    assert.equal(fromZero.updates.length, accepted.length);
    assert.equal(textOf(fromZero.updates), finalText);
    const fromThree = await client.ok({ type: 'open_section', proposal, section: 0, version: 3 });
    assert.deepEqual(
      fromThree.updates.map((u) => u.changes),
      accepted.slice(3).map((u) => u.changes),
    );
    await client.ok({ type: 'close_section', proposal, section: 0 });
  };

  it('reads the whole history page by page, before the window from the database', async () => {
    await checkHistory(fac);
  });

  it('gives the same history, text and old versions after a restart', async () => {
    const { port } = server;
    await stopServer(server);
    server = await startServer({ db, port, extra: WINDOW });
    fac = await connectWith(server, ev.facilitatorToken);
    const now = await fac.ok({ type: 'open_section', proposal, section: 0, version: null });
    assert.equal(now.version, accepted.length);
    assert.equal(now.text, finalText);
    await checkHistory(fac);
  });
});
