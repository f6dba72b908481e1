// Keep-alive: the server pings a silent WebSocket after half of --ws-idle-timeout-ms and drops
// one that stays silent (not even a pong) for all of it, without touching the others; a
// client's {"type":"ping"} is answered {"type":"pong"} at once, joined or not, and counts
// toward the command rate like any frame, except that one a second is always answered.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Client, createEvent, joinAs, removeDir, sleep, startServer, stopServer, tempDir } from './server.mjs';

const IDLE_MS = 1000;

async function connections(port) {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return (await res.json()).connections;
}

// A Client whose socket does not answer the server's pings.
async function deafClient(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { autoPong: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return new Client(ws);
}

async function pong(client) {
  const from = client.messages.length;
  client.sendRaw(JSON.stringify({ type: 'ping' }));
  return client.waitFor((m) => m.type === 'pong' || m.type === 'error', { from, timeout: 2000 });
}

describe('keep-alive', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--ws-idle-timeout-ms', String(IDLE_MS)] });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('answers {"type":"ping"} with {"type":"pong"} before and after join', async () => {
    const ev = await createEvent(server);
    const c = await Client.connect(server.port);
    assert.deepEqual(await pong(c), { type: 'pong' });
    c.sendRaw(' { "type" : "ping" , "id" : "p1" } ');
    assert.deepEqual(await c.waitFor((m) => m.type === 'pong', { from: 1 }), { type: 'pong' });
    await c.ok({
      type: 'join',
      code: ev.code,
      name: 'Ana Ruiz',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: true,
    });
    assert.deepEqual(await pong(c), { type: 'pong' });
    // Nothing else came for the pings: no ack, no error, no change.
    assert.equal(c.messages.filter((m) => m.type === 'error').length, 0);
    c.close();
  });

  it('drops a client that answers no pings; the others stay and keep working', async () => {
    const ev = await createEvent(server);
    const b = await joinAs(server, ev.code, 'Ben Okafor'); // the ws package answers pings
    const c = await joinAs(server, ev.code, 'Chloé Martin');
    const a = await deafClient(server.port);
    await a.ok({
      type: 'join',
      code: ev.code,
      name: 'Ada Deaf',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: true,
    });
    const joinedAt = Date.now();
    const aClosed = a.closed;
    const before = await connections(server.port);
    assert.ok(before >= 3, `connections ${before}`);

    const { code } = await Promise.race([aClosed, sleep(IDLE_MS * 2.5).then(() => ({ code: 'still open' }))]);
    const elapsed = Date.now() - joinedAt;
    assert.notEqual(code, 'still open', 'the silent client was not dropped');
    assert.ok(elapsed >= IDLE_MS * 0.9, `dropped after ${elapsed} ms, before the idle time`);
    // The server counts the connection out once its session has ended, a moment after the
    // client saw the close (longer under the sanitizers).
    let now = await connections(server.port);
    for (let i = 0; i < 40 && now !== before - 1; i++) {
      await sleep(50);
      now = await connections(server.port);
    }
    assert.equal(now, before - 1, 'the server let go of it');

    // B and C idle through several more idle periods, answering pings only.
    await sleep(IDLE_MS * 3.5);
    assert.equal(b.client.ws.readyState, WebSocket.OPEN);
    assert.equal(c.client.ws.readyState, WebSocket.OPEN);
    const from = c.client.messages.length;
    const { idea } = await b.client.ok({ type: 'post_idea', track: 1, text: 'Still here after the quiet' });
    const seen = await c.client.waitFor((m) => m.kind === 'idea_posted' && m.idea.id === idea, { from });
    assert.equal(seen.idea.text, 'Still here after the quiet');
    b.client.close();
    c.client.close();
  });

  it('application pings alone keep a connection alive (a browser cannot answer pings)', async () => {
    const d = await deafClient(server.port);
    await d.ok({ type: 'auth_admin', secret: server.secret });
    const started = Date.now();
    while (Date.now() - started < IDLE_MS * 3) {
      assert.deepEqual(await pong(d), { type: 'pong' });
      await sleep(IDLE_MS / 3);
    }
    assert.equal(d.ws.readyState, WebSocket.OPEN);
    await d.ok({ type: 'list_events' });
    d.close();
  });
});

describe('keep-alive under the command rate', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--max-commands-per-second', '1'] });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('a client that used up its commands still gets one pong a second', async () => {
    const c = await Client.connect(server.port);
    for (let round = 0; round < 3; round++) {
      // Spend every token, then ping.
      const from = c.messages.length;
      for (let i = 0; i < 3; i++) c.sendRaw(JSON.stringify({ type: 'list_events', id: `l${round}-${i}` }));
      // All three answered (an ack, or a refusal without id) before the ping goes out.
      const answered = () => {
        const answers = c.messages
          .slice(from)
          .filter((m) => m.id?.startsWith(`l${round}-`) || m.code === 'rate_limited');
        return answers.length === 3 && answers.some((m) => m.code === 'rate_limited');
      };
      for (const deadline = Date.now() + 5000; !answered(); await sleep(20)) {
        assert.ok(Date.now() < deadline, `round ${round}: the three commands answered`);
      }
      assert.deepEqual(await pong(c), { type: 'pong' }, `round ${round}`);
      await sleep(1100);
    }
    assert.equal(c.ws.readyState, WebSocket.OPEN);
    c.close();
  });

  it('a flood of pings is throttled and then disconnected like any flood', async () => {
    const c = await Client.connect(server.port);
    for (let i = 0; i < 40; i++) c.sendRaw(JSON.stringify({ type: 'ping' }));
    const { code } = await c.closed;
    assert.equal(code, 1008);
    const pongs = c.messages.filter((m) => m.type === 'pong').length;
    assert.ok(pongs >= 1 && pongs <= 4, `${pongs} pongs`);
    assert.ok(c.messages.some((m) => m.code === 'rate_limited'));
  });
});
