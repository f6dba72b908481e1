// `roundtable backup`: a copy taken while people keep posting holds every idea acknowledged
// before it began, passes the integrity check and serves as a database; bad input is refused
// and an existing copy is kept unless --force.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

// Runs the binary; resolves with { code, stdout, stderr } (never rejects on a failing exit).
function run(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

// (Not -readonly: a read-only connection would leave the copy's -wal and -shm behind.)
const sql = (db, query) => execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();

describe('roundtable backup', () => {
  let dir;
  let db;
  let server;
  before(async () => {
    dir = tempDir();
    db = path.join(dir, 'rt.db');
    server = await startServer({ db, extra: ['--max-commands-per-second', '1000'] });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('copies a running server consistently while ideas keep coming', async () => {
    const ev = await createEvent(server);
    const posters = await Promise.all(['Ana', 'Bo', 'Cy'].map((n) => joinAs(server, ev.code, n)));
    const acked = []; // texts, in the order their acks arrived
    let posting = true;
    const loops = posters.map(async (p, who) => {
      for (let i = 0; posting; i += 1) {
        const text = `idea ${who}-${i}`;
        await p.client.ok({ type: 'post_idea', track: 1, text });
        acked.push(text);
      }
    });
    while (acked.length < 60) await new Promise((r) => setTimeout(r, 5));

    const ackedBefore = [...acked];
    const out = path.join(dir, 'backups', 'copy.db');
    chmodSync(db, 0o600);
    const result = await run(['backup', '--db', db, '--out', out]);
    const ackedDuring = acked.length - ackedBefore.length;
    // Let the posting go on a little after the copy, then stop.
    await new Promise((r) => setTimeout(r, 50));
    posting = false;
    await Promise.all(loops);

    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Backed up .* to .*copy\.db: \d+ pages of \d+ bytes \(.* MiB\) in [\d.]+ s.*; integrity check ok\n$/,
    );
    assert.ok(ackedDuring > 0, 'ideas were committed while the copy ran');
    // Nothing but the copy is left in its folder (no temporary file, no -wal or -shm).
    assert.deepEqual(readDir(path.dirname(out)), ['copy.db']);
    assert.equal(statSync(out).mode & 0o777, 0o600, 'as private as the database');
    assert.equal(sql(out, 'PRAGMA integrity_check'), 'ok');
    const inCopy = new Set(sql(out, 'SELECT text FROM ideas').split('\n'));
    for (const text of ackedBefore) assert.ok(inCopy.has(text), `${text} was acknowledged before the copy began`);
    assert.ok(inCopy.size <= acked.length + posters.length, 'nothing but what was posted');

    // The copy serves as a database: a server started on it has the event and its ideas.
    const copyServer = await startServer({ db: out });
    try {
      const health = await (await fetch(`http://127.0.0.1:${copyServer.port}/healthz`)).json();
      assert.equal(health.events, 1);
    } finally {
      await stopServer(copyServer);
    }
    for (const p of posters) p.client.close();
  });

  it('refuses a missing database, and creates nothing', async () => {
    const missing = path.join(dir, 'missing.db');
    const out = path.join(dir, 'never.db');
    const r = await run(['backup', '--db', missing, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no database at .*missing\.db/);
    assert.ok(!existsSync(missing));
    assert.ok(!existsSync(out));
  });

  it('keeps an existing copy unless --force', async () => {
    const out = path.join(dir, 'existing.db');
    writeFileSync(out, 'an older copy');
    const refused = await run(['backup', '--db', db, '--out', out]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /exists; pass --force to replace it/);
    assert.equal(readFileSync(out, 'utf8'), 'an older copy');

    const forced = await run(['backup', '--db', db, '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(sql(out, 'PRAGMA integrity_check'), 'ok');
    assert.equal(sql(out, 'SELECT count(*) FROM events'), '1');
  });

  it('refuses to write over the database itself, a folder, or a file that is not a database', async () => {
    const self = await run(['backup', '--db', db, '--out', db, '--force']);
    assert.equal(self.code, 1);
    assert.match(self.stderr, /is the database itself/);
    assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');

    const folder = await run(['backup', '--db', db, '--out', dir, '--force']);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /not a file/);

    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database at all, only some text to fill a header');
    const bad = await run(['backup', '--db', junk, '--out', path.join(dir, 'junk-copy.db')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /cannot copy .*junk\.db: .*not a database/);
    assert.ok(!readDir(dir).some((f) => f.includes('junk-copy')), 'nothing left behind');

    const noOut = await run(['backup', '--db', db]);
    assert.notEqual(noOut.code, 0);
    assert.match(noOut.stderr, /--out is required/);
  });
});

function readDir(d) {
  return readdirSync(d).sort();
}
