// Connections that hold the server without using it: a WebSocket that never says who it is
// is closed after the deadline (a join form being filled in gets longer), one address may
// hold only so many connections while others are still served, and the open-files limit is
// raised at start.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, createEvent, joinAs, removeDir, sleep, startServer, stopServer, tempDir } from './server.mjs';

function closed(client) {
  return new Promise((resolve) => client.ws.once('close', (code) => resolve(code)));
}

describe('idle and crowding connections', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    const level = process.env.RT_LOG;
    process.env.RT_LOG = 'info'; // for the open-files line
    try {
      server = await startServer({
        db: path.join(dir, 'rt.db'),
        extra: ['--identify-within-ms', '600', '--max-connections-per-address', '8'],
      });
    } finally {
      if (level === undefined) delete process.env.RT_LOG;
      else process.env.RT_LOG = level;
    }
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('raises the open-files limit at start and says so', () => {
    assert.match(server.stderr(), /open files limit: \d+/);
  });

  it('closes a WebSocket that never says hello, join or auth_admin; keeps those that do', async () => {
    const ev = await createEvent(server);
    const silent = await Client.connect(server.port);
    const silentClosed = closed(silent);
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');
    const form = await Client.connect(server.port);
    await form.ok({ type: 'event_info', code: ev.code }); // filling in the join form
    assert.equal(await silentClosed, 1008);
    await sleep(800);
    assert.equal(form.ws.readyState, 1, 'a join form being filled in stays open');
    await form.ok({
      type: 'join',
      code: ev.code,
      name: 'Ben Okafor',
      organisation: '',
      group: 'sme',
      track: 1,
      credit: true,
    });
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'Still here' });
    form.close();
    ana.client.close();
  });

  it('one address holds at most the cap; the rest are closed at once and the server goes on', async () => {
    await sleep(300); // the connections of the tests before are gone
    const sockets = [];
    const open = () =>
      new Promise((resolve) => {
        const s = net.connect(server.port, '127.0.0.1');
        let ended = false;
        s.on('close', () => {
          ended = true;
        });
        s.on('error', () => {
          ended = true;
        });
        s.once('connect', () => setTimeout(() => resolve({ s, ended: () => ended }), 200));
      });
    for (let i = 0; i < 8; i++) sockets.push(await open());
    assert.ok(
      sockets.every((x) => !x.ended()),
      'the first eight are kept',
    );
    const ninth = await open();
    assert.ok(ninth.ended(), 'the ninth is closed at once');
    // One leaves: room for another.
    sockets.pop().s.destroy();
    await sleep(200);
    const again = await open();
    assert.ok(!again.ended(), 'a place freed is taken again');
    for (const x of [...sockets, again]) x.s.destroy();
    await sleep(200);
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status, 200);
  });
});
