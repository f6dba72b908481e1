// Resume and durability: exactly the missed changes after a disconnect, everything after a
// restart, every acknowledged idea after kill -9 in the middle of a burst, and an orderly stop.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BIN, Client, createEvent, joinAs, removeDir, sleep, startServer, stopServer, tempDir } from './server.mjs';

function seqsOf(messages) {
  return messages.flatMap((m) =>
    m.type === 'change' ? [m.seq] : m.type === 'changes' ? m.changes.map((c) => c.seq) : [],
  );
}

describe('resume and durability', () => {
  let dir;
  let db;
  let server;
  beforeEach(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db });
  });
  afterEach(async () => {
    await stopServer(server, 'SIGKILL');
    removeDir(dir);
  });

  it('resume after a disconnect delivers exactly the missed changes', async () => {
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    const bo = await joinAs(server, ev.code, 'Bo');
    for (let i = 0; i < 3; i += 1) await ana.client.ok({ type: 'post_idea', track: 1, text: `before ${i}` });
    const seen = await bo.client.waitFor((m) => m.type === 'change' && m.idea?.text === 'before 2');
    const lastSeq = seen.seq;
    bo.client.terminate();

    for (let i = 0; i < 5; i += 1) await ana.client.ok({ type: 'post_idea', track: 1, text: `missed ${i}` });
    const back = await Client.connect(server.port);
    await back.ok({ type: 'hello', token: bo.token, lastSeq });
    const backlog = await back.waitFor((m) => m.type === 'changes' || m.type === 'snapshot');
    assert.equal(backlog.type, 'changes');
    assert.equal(backlog.from, lastSeq);
    const texts = backlog.changes.map((c) => c.idea.text);
    assert.deepEqual(texts, ['missed 0', 'missed 1', 'missed 2', 'missed 3', 'missed 4']);
    const seqs = backlog.changes.map((c) => c.seq);
    assert.ok(seqs.every((s, i) => s > lastSeq && (i === 0 || s > seqs[i - 1])));
    assert.equal(backlog.seq, seqs.at(-1));

    // And live again afterwards, with no duplicate.
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'after' });
    await back.waitFor((m) => m.type === 'change' && m.idea?.text === 'after');
    const all = seqsOf(back.messages);
    assert.equal(new Set(all).size, all.length);
    ana.client.close();
    back.close();
  });

  it('a client with nothing missed gets an empty backlog; one from another timeline a snapshot', async () => {
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    const snap = ana.client.messages.find((m) => m.type === 'snapshot');
    const c = await Client.connect(server.port);
    await c.ok({ type: 'hello', token: ana.token, lastSeq: snap.seq });
    const none = await c.waitFor((m) => m.type === 'changes');
    assert.deepEqual(none.changes, []);
    const d = await Client.connect(server.port);
    await d.ok({ type: 'hello', token: ana.token, lastSeq: snap.seq + 1000 });
    const fresh = await d.waitFor((m) => m.type === 'snapshot');
    assert.equal(fresh.seq, snap.seq);
    for (const x of [ana.client, c, d]) x.close();
  });

  it('the server restarted on the same database keeps everything', async () => {
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    const bo = await joinAs(server, ev.code, 'Bo');
    const posted = [];
    for (let i = 0; i < 10; i += 1)
      posted.push(
        (await ana.client.ok({ type: 'post_idea', track: 1 + (i % 2), text: `idea ${i}`, anonymous: i === 3 })).idea,
      );
    await ana.client.ok({ type: 'edit_idea', idea: posted[0], text: 'idea 0, edited' });
    await ana.client.ok({ type: 'delete_idea', idea: posted[1] });
    const last = await bo.client.waitFor((m) => m.kind === 'idea_deleted');
    const retry = await ana.client.command({ type: 'post_idea', track: 1, text: 'retried' }, 'survives-restart');

    const stopped = await stopServer(server);
    assert.equal(stopped.code, 0);
    server = await startServer({ db, port: server.port });

    // The same tokens work; the old seq resumes with a snapshot or the exact backlog.
    const again = await Client.connect(server.port);
    await again.ok({ type: 'hello', token: bo.token, lastSeq: 0 });
    const snap = await again.waitFor((m) => m.type === 'snapshot');
    assert.ok(snap.seq > last.seq);
    const texts = snap.ideas.map((i) => i.text).sort();
    assert.ok(texts.includes('idea 0, edited'));
    assert.ok(!texts.includes('idea 1'));
    assert.equal(snap.ideas.length, 10); // 10 posted - 1 deleted + 1 retried
    assert.equal(snap.ideas.find((i) => i.text === 'idea 3').author, null);

    // The retry of a command applied before the restart is still applied only once.
    const anaAgain = await Client.connect(server.port);
    await anaAgain.ok({ type: 'hello', token: ana.token, lastSeq: snap.seq });
    const retried = await anaAgain.command({ type: 'post_idea', track: 1, text: 'retried' }, 'survives-restart');
    assert.deepEqual(retried, retry);
    // New changes continue the same sequence.
    const { idea } = await anaAgain.ok({ type: 'post_idea', track: 2, text: 'after restart' });
    const change = await again.waitFor((m) => m.type === 'change' && m.idea?.id === idea);
    assert.equal(change.seq, snap.seq + 1);
    again.close();
    anaAgain.close();
  });

  it('after kill -9 in the middle of a burst, every acknowledged idea is there', async () => {
    const ev = await createEvent(server);
    const posters = await Promise.all([0, 1, 2, 3].map((i) => joinAs(server, ev.code, `Poster ${i}`)));
    const acked = new Set();
    let stop = false;
    const burst = posters.map(async (p, n) => {
      for (let i = 0; !stop && i < 400; i += 1) {
        const text = `burst ${n}-${i}`;
        p.client.ws.send(JSON.stringify({ type: 'post_idea', id: `b${n}-${i}`, track: 1, text }));
        try {
          await p.client.waitFor((m) => m.id === `b${n}-${i}`, { timeout: 3000 });
        } catch {
          return;
        }
        const answer = p.client.messages.find((m) => m.id === `b${n}-${i}`);
        if (answer.type === 'ack') acked.add(text);
      }
    });
    await sleep(400);
    server.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(burst);
    await server.exited;
    assert.ok(acked.size > 10, `only ${acked.size} ideas were acknowledged before the kill`);

    server = await startServer({ db });
    const check = await Client.connect(server.port);
    await check.ok({ type: 'hello', token: posters[0].token, lastSeq: 0 });
    const snap = await check.waitFor((m) => m.type === 'snapshot');
    const stored = new Set(snap.ideas.map((i) => i.text));
    const lost = [...acked].filter((t) => !stored.has(t));
    assert.deepEqual(lost, []);
    check.close();
  });

  it('open connections reconnect and catch up after a restart (resume with their seq)', async () => {
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    const bo = await joinAs(server, ev.code, 'Bo');
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'one' });
    const seen = await bo.client.waitFor((m) => m.idea?.text === 'one');
    const port = server.port;
    await stopServer(server);
    const closed = await bo.client.closed;
    assert.equal(closed.code, 1001);
    server = await startServer({ db, port });
    const a2 = await Client.connect(port);
    await a2.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    await a2.ok({ type: 'post_idea', track: 1, text: 'two' });
    const b2 = await Client.connect(port);
    await b2.ok({ type: 'hello', token: bo.token, lastSeq: seen.seq });
    const caughtUp = await b2.waitFor((m) => m.type === 'snapshot' || m.type === 'changes');
    const texts =
      caughtUp.type === 'snapshot' ? caughtUp.ideas.map((i) => i.text) : caughtUp.changes.map((c) => c.idea.text);
    assert.ok(texts.includes('two'));
    a2.close();
    b2.close();
  });

  it('SIGTERM answers what is in flight, then closes every connection with 1001', async () => {
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    for (let i = 0; i < 50; i += 1)
      ana.client.ws.send(JSON.stringify({ type: 'post_idea', id: `t${i}`, track: 1, text: `term ${i}` }));
    server.proc.kill('SIGTERM');
    const closed = await ana.client.closed;
    assert.equal(closed.code, 1001);
    const exit = await server.exited;
    assert.equal(exit.code, 0);
    const answered = ana.client.messages.filter((m) => m.id?.startsWith('t'));
    const acked = answered.filter((m) => m.type === 'ack').map((m) => m.id);
    for (const m of answered)
      assert.ok(m.type === 'ack' || ['shutting_down', 'rate_limited'].includes(m.code), JSON.stringify(m));
    server = await startServer({ db });
    const check = await Client.connect(server.port);
    await check.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    const snap = await check.waitFor((m) => m.type === 'snapshot');
    const stored = new Set(snap.ideas.map((i) => i.text));
    for (const id of acked) assert.ok(stored.has(`term ${id.slice(1)}`), `acked ${id} missing`);
    check.close();
  });

  it('a database newer than the binary is refused with a clear message', async () => {
    await stopServer(server);
    execFileSync('sqlite3', [db, 'PRAGMA user_version = 999']);
    await assert.rejects(startServer({ db }), /newer than this roundtable binary/);
    server = await startServer({ db: path.join(dir, 'other.db') });
  });

  it('admin-link prints a fresh working admin link for an existing database', async () => {
    const out = execFileSync(BIN, ['admin-link', '--db', db, '--port', String(server.port)]).toString();
    const secret = out.match(/Admin link: http:\/\/127\.0\.0\.1:\d+\/admin#k=([0-9a-f]{32})/)[1];
    const admin = await Client.connect(server.port);
    await admin.ok({ type: 'auth_admin', secret });
    admin.close();
    assert.throws(() => execFileSync(BIN, ['admin-link', '--db', path.join(dir, 'none.db')], { stdio: 'pipe' }));
  });
});
