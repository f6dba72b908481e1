// The admin link cannot be guessed at: after a few wrong secrets an address must wait, and
// one that keeps trying is locked out, even when it then has the right secret. Meanwhile the
// participants of a running event are answered as usual (the check is not on the writer).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

describe('admin link guessing', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db') });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('30 wrong secrets lock the address; the right one is then refused too', async () => {
    const ev = await createEvent(server); // the admin's own right secret first
    const ana = await joinAs(server, ev.code, 'Ana Ruiz');
    const attacker = await Client.connect(server.port);
    const codes = [];
    const posted = [];
    for (let i = 0; i < 30; i++) {
      const wrong = (i % 10).toString(16).repeat(32);
      codes.push((await attacker.command({ type: 'auth_admin', secret: wrong }, `a${i}`)).code);
      // A participant posts meanwhile and is answered.
      posted.push(ana.client.ok({ type: 'post_idea', track: 1, text: `Idea ${i}` }));
    }
    await Promise.all(posted);
    assert.deepEqual(codes.slice(0, 5), ['bad_secret', 'bad_secret', 'bad_secret', 'bad_secret', 'bad_secret']);
    assert.ok(codes.includes('rate_limited'), codes.join());
    assert.equal(codes.at(-1), 'locked', codes.join());
    const right = await attacker.command({ type: 'auth_admin', secret: server.secret }, 'right');
    assert.equal(right.code, 'locked');
    assert.match(right.message, /locked for \d+ s/);
    // Another connection from the same address is locked too; nothing admin is allowed.
    const again = await Client.connect(server.port);
    assert.equal((await again.command({ type: 'auth_admin', secret: server.secret })).code, 'locked');
    assert.equal((await again.command({ type: 'list_events' })).code, 'forbidden');
    for (const c of [attacker, again, ana.client]) c.close();
  });
});
