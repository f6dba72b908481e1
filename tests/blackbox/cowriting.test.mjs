// Co-writing at one spot over real WebSockets: three editors type three sentences at the same
// place of a section with human timing (120–250 ms between keys) and 0–80 ms of latency on
// every message in each direction. Each sentence must end up whole, once, with every key in it
// once, and every editor and a fresh reader on the same text. Also: an editor that goes
// offline mid-sentence (its last push's answer lost) retries that push and sends the rest when
// it is back; its sentence still arrives as one piece and the retried push counts once.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Client, joinAs, removeDir, sleep, startEventServer, stopServer } from './server.mjs';
import { Peer } from './peer.mjs';

import { seededRandom as random } from '../seeded.mjs';

const SEED = Number(process.env.RT_SEED ?? 20261201);

// A WebSocket as Client uses it, with every frame delayed by 0–`max` ms in each direction, in
// order per direction (a frame never overtakes the one before it). `deaf`: frames received from
// now on are dropped (the answers are lost).
class LaggySocket extends EventEmitter {
  constructor(ws, rand, max = 80) {
    super();
    Object.assign(this, { ws, rand, max, deaf: false });
    this.incoming = { last: 0, items: [] };
    this.outgoing = { last: 0, items: [] };
    ws.on('message', (data) => {
      if (!this.deaf)
        this.later(this.incoming, () => {
          if (!this.deaf) this.emit('message', data);
        });
    });
    ws.on('close', (code, reason) => this.emit('close', code, reason));
  }

  // Runs `fn` 0–max ms from now, but not before what is queued before it.
  later(queue, fn) {
    queue.last = Math.max(queue.last, Date.now() + this.rand() * this.max);
    queue.items.push({ at: queue.last, fn });
    if (queue.items.length === 1) this.drain(queue);
  }

  drain(queue) {
    setTimeout(
      () => {
        queue.items.shift().fn();
        if (queue.items.length) this.drain(queue);
      },
      Math.max(0, queue.items[0].at - Date.now()),
    );
  }

  send(data) {
    this.later(this.outgoing, () => {
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
    });
  }

  close() {
    this.ws.close();
  }
  terminate() {
    this.ws.terminate();
  }
}

// A member's connection with latency: said hello, snapshot received.
async function laggyClient(server, token, rand) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const client = new Client(new LaggySocket(ws, rand));
  await client.ok({ type: 'hello', token, lastSeq: 0 });
  await client.waitFor((m) => m.type === 'snapshot');
  return client;
}

// Retries `fn` until it returns a truthy value.
async function until(fn, message, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await sleep(20);
  }
}

// An editor as the web client (web/src/collab/sectionSync.ts) drives one: receives as messages
// arrive, keeps its caret (mapped through others' changes as CodeMirror maps a cursor: their
// text at it goes after it), pushes 120 ms after a key (sooner after receiving), with one push
// in flight and, once answered, only after the stream reached the answered version.
const PUSH_DELAY_MS = 120;

class Writer {
  constructor(peer, caret) {
    Object.assign(this, { peer, caret });
    this.pushing = false;
    this.awaitVersion = 0;
    this.timer = null;
    this.offline = false; // neither receives nor pushes
    this.held = false; // receives, but pushes nothing
    this.errors = [];
    peer.onChange = (changes) => {
      this.caret = changes.mapPos(this.caret, -1);
    };
    this.listen(peer.client);
  }

  listen(client) {
    client.waiters.push(() => {
      if (this.offline || client !== this.peer.client) return;
      try {
        this.peer.receive();
      } catch (err) {
        this.errors.push(err);
      }
      this.schedule(0);
    });
  }

  schedule(delay) {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delay);
  }

  async pump() {
    const { peer } = this;
    if (this.offline || this.held || this.pushing || !peer.unsent || peer.version < this.awaitVersion) return;
    this.pushing = true;
    const client = peer.client;
    const answer = await peer.push();
    if (client !== peer.client) return; // went offline meanwhile: the answer does not count
    this.pushing = false;
    if (answer?.type === 'ack') this.awaitVersion = answer.result.version;
    else if (answer) this.errors.push(new Error(`push refused: ${answer.code} ${answer.message}`));
    this.schedule(0);
  }

  key(ch) {
    if (!this.offline) this.peer.receive();
    this.caret = this.peer.insert(this.caret, ch);
    this.schedule(PUSH_DELAY_MS);
  }

  // Types `sentence` with 120–250 ms between keys; `at(i)` runs before key i.
  async type(sentence, rand, at = async () => {}) {
    let i = 0;
    for (const ch of sentence) {
      await at(i);
      await sleep(120 + rand() * 130);
      this.key(ch);
      i += 1;
    }
  }
}

// The section as the server has it, read on a fresh connection.
async function freshText(server, token, proposal, section) {
  const client = await Client.connect(server.port);
  await client.ok({ type: 'hello', token, lastSeq: 0 });
  const opened = await client.ok({ type: 'open_section', proposal, section, version: null });
  const history = await client.ok({ type: 'section_history', proposal, section, from: 0 });
  client.close();
  return { ...opened, history };
}

// Every order of `parts`, joined.
function orders(parts) {
  if (parts.length <= 1) return [parts.join('')];
  return parts.flatMap((p, i) => orders(parts.filter((_, j) => j !== i)).map((rest) => p + rest));
}

function count(text, part) {
  return text.split(part).length - 1;
}

describe('co-writing at one spot', () => {
  let dir;
  let server;
  let ev;
  let fac;
  let team;
  let proposal;

  before(async () => {
    ({ dir, server, ev, fac } = await startEventServer());
    const { table } = await fac.ok({ type: 'add_table', track: 1, name: 'Table A' });
    team = [];
    for (const name of ['Ana', 'Jonas', 'Mei']) {
      const p = await joinAs(server, ev.code, name);
      await fac.ok({ type: 'move_member', member: p.you.id, track: 1, table });
      team.push(p);
    }
    await fac.ok({
      type: 'set_template',
      sections: [
        { heading: 'The problem', hint: '' },
        { heading: 'The proposal', hint: '' },
      ],
    });
    proposal = (
      await fac.ok({
        type: 'create_proposal',
        title: 'Learning time for every worker',
        track: 1,
        table,
        team: [],
      })
    ).proposal;
  });
  after(async () => {
    fac.close();
    await stopServer(server);
    removeDir(dir);
  });

  // Writes `prefix + suffix` into the section, then has one Writer per member, each with its
  // caret between the two, on a connection with latency.
  async function writers(section, prefix, suffix, rand) {
    const seed = await Peer.open(fac, proposal, section, `seed-${section}`);
    seed.insert(0, prefix + suffix);
    await seed.settle();
    await fac.ok({ type: 'close_section', proposal, section });
    const out = [];
    for (const [i, member] of team.entries()) {
      const client = await laggyClient(server, member.token, rand);
      const peer = await Peer.open(client, proposal, section, `w${section}-${i}`);
      assert.equal(peer.text, prefix + suffix);
      out.push(new Writer(peer, prefix.length));
    }
    return out;
  }

  // Waits until every writer has pushed everything and holds the server's version; returns
  // the server's text as a fresh reader sees it.
  async function converge(ws, section) {
    return until(async () => {
      for (const w of ws) w.pump();
      const fresh = await freshText(server, ev.facilitatorToken, proposal, section);
      const done = ws.every((w) => !w.peer.unsent && w.peer.version === fresh.version);
      return done ? fresh : null;
    }, 'the writers converge');
  }

  function assertWhole(fresh, ws, prefix, suffix, sentences, updatesBefore) {
    for (const w of ws) {
      assert.deepEqual(w.errors, []);
      assert.deepEqual(w.peer.refusals, []);
      assert.equal(w.peer.text, fresh.text, `${w.peer.clientID} differs from the server`);
    }
    for (const s of sentences) assert.equal(count(fresh.text, s), 1, `"${s}" is not whole once in: ${fresh.text}`);
    const keys = sentences.reduce((n, s) => n + s.length, 0);
    assert.equal(fresh.text.length, prefix.length + keys + suffix.length, `keys lost or doubled: ${fresh.text}`);
    assert.ok(
      orders(sentences).some((o) => fresh.text === prefix + o + suffix),
      fresh.text,
    );
    // One accepted update per key, none twice.
    assert.equal(fresh.history.updates.length - updatesBefore, keys);
    assert.equal(fresh.version, fresh.history.version);
  }

  it('three people typing at one spot each keep their sentence whole', async () => {
    const rand = random(SEED);
    const prefix = 'Why now? ';
    const suffix = 'That is the gap.';
    const sentences = [
      'Those who most need training get the least. ',
      'Managers decide who may learn. ',
      'Unions want a say in it. ',
    ];
    const ws = await writers(0, prefix, suffix, rand);
    const typing = sentences.map((_, i) => random(SEED + 1 + i));
    await Promise.all(ws.map((w, i) => w.type(sentences[i], typing[i])));
    const fresh = await converge(ws, 0);
    assertWhole(fresh, ws, prefix, suffix, sentences, 1);
    for (const w of ws) w.peer.client.close();
  });

  it('an editor offline mid-sentence catches up, its retried push counts once, its sentence stays whole', async () => {
    const rand = random(SEED + 7);
    const prefix = 'We propose ';
    const suffix = 'for everyone.';
    const sentences = ['paid learning time ', 'a personal budget ', 'and a right to advice '];
    const ws = await writers(1, prefix, suffix, rand);
    const [ana, jonas, mei] = ws;
    let lost = null;
    const goOffline = async (i) => {
      // From key 4 Mei holds her pushes; before key 7 she pushes what she holds, but its
      // answer and all that follows are lost, and the connection drops. She types on offline.
      if (i === 4) mei.held = true;
      if (i !== 7) return;
      await until(() => !mei.pushing, 'no push in flight');
      const socket = mei.peer.client.ws;
      socket.deaf = true;
      mei.offline = true;
      lost = { version: mei.peer.version, updates: mei.peer.updatesJSON() };
      assert.ok(lost.updates.length >= 3);
      mei.peer.client
        .command({ type: 'push', proposal, section: 1, version: lost.version, updates: lost.updates })
        .catch(() => {});
      await sleep(300);
      socket.terminate();
    };
    await Promise.all([
      ana.type(sentences[0], random(SEED + 11)),
      jonas.type(sentences[1], random(SEED + 12)),
      mei.type(sentences[2], random(SEED + 13), goOffline),
    ]);
    assert.ok(lost, 'Mei went offline');
    assert.ok(mei.peer.unsent > lost.updates.length, 'Mei typed while offline');
    // Others go on meanwhile: they are done and in sync without her.
    const back = await laggyClient(server, team[2].token, rand);
    const retried = await back.ok({
      type: 'push',
      proposal,
      section: 1,
      version: lost.version,
      updates: lost.updates,
    });
    assert.ok(retried.version >= lost.version + lost.updates.length);
    await mei.peer.reopen(back);
    mei.offline = false;
    mei.held = false;
    mei.pushing = false;
    mei.awaitVersion = 0;
    mei.listen(back);
    mei.pump();
    const fresh = await converge(ws, 1);
    assertWhole(fresh, ws, prefix, suffix, sentences, 1);
    for (const w of ws) w.peer.client.close();
  });
});
