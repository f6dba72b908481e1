// A client that stops reading is dropped once its output queue passes the bound; the others
// are not held up, and the dropped client resumes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Client, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

describe('a client that stops reading', () => {
  it('is disconnected once its queue passes the bound, without holding up the others', async () => {
    const dir = tempDir();
    const server = await startServer({
      db: path.join(dir, 'rt.db'),
      extra: ['--max-client-queue-kib', '64', '--max-commands-per-second', '5000'],
    });
    try {
      const ev = await createEvent(server);
      const poster = await joinAs(server, ev.code, 'Poster');
      const reader = await joinAs(server, ev.code, 'Reader');
      const sleeper = await joinAs(server, ev.code, 'Sleeper');
      sleeper.client.ws._socket.pause(); // reads nothing from now on
      const connections = async () =>
        (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()).connections;
      assert.equal(await connections(), 3);
      const text = 'x'.repeat(990);
      let sent = 0;
      while (sent < 4000 && (await connections()) === 3) {
        const batch = [];
        for (let i = 0; i < 50; i += 1)
          batch.push(poster.client.ok({ type: 'post_idea', track: 1, text: `${sent++} ${text}` }));
        await Promise.all(batch);
      }
      assert.equal(await connections(), 2, 'the sleeping client was never dropped');
      const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      assert.match(metrics, /^roundtable_slow_client_drops_total 1$/m);
      sleeper.client.ws._socket.resume();
      const closed = await sleeper.client.closed;
      assert.equal(closed.code, 1006); // dropped, not closed politely: it was not reading
      // The reader got everything.
      await reader.client.waitFor((m) => m.type === 'change' && m.idea?.text.startsWith(`${sent - 1} `));
      // The dropped client resumes where it was.
      const back = await Client.connect(server.port);
      await back.ok({ type: 'hello', token: sleeper.token, lastSeq: 0 });
      const snap = await back.waitFor((m) => m.type === 'snapshot');
      assert.equal(snap.ideas.length, sent);
      back.close();
    } finally {
      await stopServer(server, 'SIGKILL');
      removeDir(dir);
    }
  });
});
