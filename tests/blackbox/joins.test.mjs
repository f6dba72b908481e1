// Nobody can sign up people without limit: one address gets a burst (a room behind one venue
// address), then one join a second; the rest are refused with rate_limited and create nobody.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, createEvent, removeDir, startServer, stopServer, tempDir } from './server.mjs';

describe('join flooding', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--max-joins-per-address', '20'] });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('one address gets its burst of joins, then is refused; the staff list shows only those', async () => {
    const ev = await createEvent(server);
    const clients = [];
    const codes = [];
    for (let i = 0; i < 30; i++) {
      const c = await Client.connect(server.port);
      clients.push(c);
      const answer = await c.command({
        type: 'join',
        code: ev.code,
        name: `Bot ${i}`,
        organisation: '',
        group: 'other',
        track: 1,
        credit: false,
      });
      codes.push(answer.type === 'ack' ? 'ok' : answer.code);
    }
    const accepted = codes.filter((c) => c === 'ok').length;
    assert.ok(accepted >= 20 && accepted <= 22, codes.join()); // the burst, and a refill or two
    assert.equal(codes.at(-1), 'rate_limited', codes.join());
    const refused = clients[29].messages.find((m) => m.type === 'error');
    assert.match(refused.message, /try again in \d+ s/);
    const fac = await Client.connect(server.port);
    await fac.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0 });
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.equal(snap.members.filter((m) => m.name.startsWith('Bot ')).length, accepted);
    for (const c of [...clients, fac]) c.close();
  });
});
