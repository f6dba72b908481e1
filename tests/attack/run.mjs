// tests/attack/run.mjs: the attacks of the hardening review, each against a fresh server, with
// a normal participant posting an idea every 50 ms meanwhile; prints one Markdown table row per
// attack: the normal participant's ack p50 and p99 (ms), the ideas that failed, and what the
// attack achieved. Used for the "Under attack" table of docs/performance.md:
//
//   node tests/attack/run.mjs [--bin build/server/roundtable] [--only history,admin,...]
//
// The server is started with a soft open-files limit of 1,024 (the usual default of a service
// or a login shell), as a host would run it; a server that raises its own limit does so.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { Client, createEvent, joinAs, removeDir, sleep, tempDir } from '../blackbox/server.mjs';

const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string', default: process.env.ROUNDTABLE_BIN ?? 'build/server/roundtable' },
    only: { type: 'string', default: '' },
    seconds: { type: 'string', default: '5' },
  },
});
const SECONDS = Number(opts.seconds);

function start(db) {
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--db', db, '--log-level', 'warn'];
  const proc = spawn('bash', ['-c', 'ulimit -Sn 1024 && exec "$0" "$@"', path.resolve(opts.bin), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    proc.stderr.on('data', () => {});
    proc.stdout.on('data', (d) => {
      out += d;
      const port = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      const admin = out.match(/Admin link: \S+#k=([0-9a-f]+)/);
      if (port && admin) {
        proc.removeAllListeners('exit');
        resolve({ proc, port: Number(port[1]), secret: admin[1] });
      }
    });
  });
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

// A normal participant posts every 50 ms for `ms`; each ack waited for at most 10 s.
async function normalLoad(poster, ms) {
  const latencies = [];
  let failed = 0;
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until; i += 1) {
    const t0 = performance.now();
    try {
      const answer = await poster.command({ type: 'post_idea', track: 1, text: `A normal idea ${i}` }).then(
        (a) => a,
        () => ({ type: 'timeout' }),
      );
      if (answer.type !== 'ack') failed += 1;
      else latencies.push(performance.now() - t0);
    } catch {
      failed += 1;
    }
    await sleep(50);
  }
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50) ?? NaN, p99: pct(latencies, 99) ?? NaN, failed, n: latencies.length + failed };
}

async function rawSocket(port, localAddress) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { maxPayload: 256 << 20, localAddress });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

// The normal participant runs in a worker thread of its own, so that the attackers' work in
// this process does not delay its measurements.
if (!isMainThread) {
  const { port, token, ms } = workerData;
  // From an address of its own: the attackers' per-address limits are not its own.
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress: '127.0.0.3' });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const poster = new Client(ws);
  await poster.ok({ type: 'hello', token, lastSeq: 0 });
  parentPort.postMessage('ready');
  parentPort.once('message', async () => {
    parentPort.postMessage(await normalLoad(poster, ms));
    process.exit(0);
  });
}

// --- the attacks: each returns a sentence on what it achieved -------------------------------

const attacks = {
  async baseline() {
    return 'no attack';
  },

  // 40 participants ask for a 2,500-update section history 20 times a second each.
  async history({ server, fac, run }) {
    const { proposal } = await fac.ok({ type: 'create_proposal', title: 'Long history', track: 1 });
    let text = '';
    let version = 0;
    while (version < 2500) {
      const updates = [];
      for (let i = 0; i < 100; i += 1) {
        const w = `w${version + i} `;
        updates.push({ clientID: 'seed', changes: text.length ? [text.length, [0, w]] : [[0, w]] });
        text += w;
      }
      ({ version } = await fac.ok({ type: 'push', proposal, section: 0, version, updates }));
      await sleep(60);
    }
    const readers = [];
    for (let i = 0; i < 40; i += 1) {
      const { token } = await joinAs(server, fac.code, `Reader ${i}`);
      const ws = await rawSocket(server.port);
      const r = { ws, pages: 0, limited: 0, bytes: 0 };
      ws.on('message', (d) => {
        const s = String(d);
        r.bytes += s.length;
        if (s.includes('"rate_limited"')) r.limited += 1;
        else if (s.includes('"updates"')) r.pages += 1;
      });
      ws.send(JSON.stringify({ type: 'hello', id: 'h', token, lastSeq: 0 }));
      readers.push(r);
    }
    await sleep(300);
    let n = 0;
    const timer = setInterval(() => {
      for (const r of readers) {
        r.ws.send(JSON.stringify({ type: 'section_history', id: `r${(n += 1)}`, proposal, section: 0, from: 0 }));
      }
    }, 50);
    const result = await run();
    clearInterval(timer);
    const pages = readers.reduce((s, r) => s + r.pages, 0);
    const mb = readers.reduce((s, r) => s + r.bytes, 0) / 1e6;
    const limited = readers.reduce((s, r) => s + r.limited, 0);
    for (const r of readers) r.ws.terminate();
    return { result, note: `${pages} pages answered (${mb.toFixed(0)} MB), ${limited} refused` };
  },

  // 100 sockets try admin secrets as fast as the command rate allows; then 30 wrong and the right one.
  async admin({ server, run }) {
    const socks = [];
    for (let i = 0; i < 100; i += 1) socks.push(await rawSocket(server.port));
    let n = 0;
    const timer = setInterval(() => {
      for (const ws of socks) ws.send(JSON.stringify({ type: 'auth_admin', id: `a${(n += 1)}`, secret: `wrong${n}` }));
    }, 50);
    const result = await run();
    clearInterval(timer);
    for (const ws of socks) ws.terminate();
    const c = await Client.connect(server.port);
    for (let i = 0; i < 30; i += 1) await c.command({ type: 'auth_admin', secret: `nope${i}` });
    const right = await c.command({ type: 'auth_admin', secret: server.secret });
    c.close();
    return { result, note: `then 30 wrong + the right secret: ${right.type === 'ack' ? 'accepted' : right.code}` };
  },

  // 200 loops of connect, join, close, flat out.
  async joins({ server, fac, run }) {
    let created = 0;
    let refused = 0;
    let stop = false;
    const loop = async (k) => {
      for (let i = 0; !stop; i += 1) {
        try {
          const ws = await rawSocket(server.port);
          const answer = await new Promise((resolve) => {
            ws.on('message', (d) => {
              const s = String(d);
              if (s.includes('"id":"j"')) resolve(s);
            });
            ws.on('close', () => resolve(''));
            ws.send(
              JSON.stringify({
                type: 'join',
                id: 'j',
                code: fac.code,
                name: `Bot ${k}-${i}`,
                organisation: '',
                group: 'other',
                track: 1,
                credit: false,
              }),
            );
          });
          if (answer.includes('"ack"')) created += 1;
          else refused += 1;
          ws.terminate();
        } catch {
          refused += 1;
          await sleep(10);
        }
      }
    };
    const loops = Array.from({ length: 200 }, (_, k) => loop(k));
    const result = await run();
    stop = true;
    await Promise.all(loops);
    return { result, note: `${created} participants created in ${SECONDS} s, ${refused} refused` };
  },

  // 3,000 TCP connections that never speak; then a visitor from another address joins.
  async idle({ server, fac, run }) {
    const socks = [];
    await Promise.all(
      Array.from(
        { length: 3000 },
        () =>
          new Promise((resolve) => {
            const s = net.connect({ port: server.port, host: '127.0.0.1' }, resolve);
            s.on('error', resolve);
            s.setTimeout(0);
            socks.push(s);
          }),
      ),
    );
    const result = await run();
    const t0 = performance.now();
    let visitor;
    try {
      visitor = await Promise.race([
        (async () => {
          const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { localAddress: '127.0.0.2' });
          await new Promise((resolve, reject) => {
            ws.once('open', resolve);
            ws.once('error', reject);
          });
          const c = new Client(ws);
          await c.ok({
            type: 'join',
            code: fac.code,
            name: 'Visitor',
            organisation: '',
            group: 'other',
            track: 1,
            credit: false,
          });
          c.close();
          return `a new visitor joined in ${(performance.now() - t0).toFixed(0)} ms`;
        })(),
        sleep(10000).then(() => 'a new visitor timed out after 10 s'),
      ]);
    } catch (e) {
      visitor = `a new visitor failed: ${e.message}`;
    }
    const open = socks.filter((s) => !s.destroyed && s.readyState === 'open').length;
    for (const s of socks) s.destroy();
    return { result, note: `${open} of 3,000 still open; ${visitor}` };
  },

  // A member with an anonymous idea in a 2,000-idea event reconnects flat out from 20 sockets.
  async reconnects({ server, fac, run }) {
    const posters = [];
    for (let i = 0; i < 20; i += 1) posters.push((await joinAs(server, fac.code, `Poster ${i}`)).client);
    await Promise.all(
      posters.map(async (p, k) => {
        for (let i = 0; i < 100; i += 1) {
          await p.ok({
            type: 'post_idea',
            track: 1,
            text: `Seeded idea ${k}-${i}: a realistic sentence about learning accounts`,
          });
          await sleep(45);
        }
      }),
    );
    for (const p of posters) p.close();
    const author = await joinAs(server, fac.code, 'Anonymous author');
    await author.client.ok({ type: 'post_idea', track: 1, text: 'Mine, anonymously', anonymous: true });
    let hellos = 0;
    let stop = false;
    const loop = async () => {
      while (!stop) {
        try {
          const ws = await rawSocket(server.port);
          await new Promise((resolve) => {
            ws.on('message', (d) => {
              if (String(d).includes('"type":"snapshot"')) resolve();
            });
            ws.on('close', resolve);
            ws.send(JSON.stringify({ type: 'hello', id: 'h', token: author.token, lastSeq: 0 }));
          });
          hellos += 1;
          ws.terminate();
        } catch {
          await sleep(10);
        }
      }
    };
    const loops = Array.from({ length: 20 }, loop);
    const result = await run();
    stop = true;
    await Promise.all(loops);
    return { result, note: `${hellos} snapshots sent` };
  },
};

if (isMainThread) await main();

async function main() {
  const names = opts.only ? opts.only.split(',') : Object.keys(attacks);
  console.log(`| attack | normal ack p50 (ms) | p99 (ms) | ideas failed | what the attack achieved |`);
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const name of names) {
    const dir = tempDir();
    const server = await start(path.join(dir, 'rt.db'));
    try {
      const ev = await createEvent(server);
      const fac = await Client.connect(server.port);
      await fac.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0 });
      fac.code = ev.code;
      const { token } = await joinAs(server, ev.code, 'Normal participant');
      // Connected and resumed before the attack starts; measuring when the attack calls run().
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { port: server.port, token, ms: SECONDS * 1000 },
      });
      await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      const run = () =>
        new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage('go');
        });
      const out = await attacks[name]({ server, fac, run });
      const { result, note } = out.result ? out : { result: await run(), note: out };
      console.log(
        `| ${name} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.failed} of ${result.n} | ${note} |`,
      );
    } catch (e) {
      console.log(`| ${name} | - | - | - | the run failed: ${e.message} |`);
    } finally {
      server.proc.kill('SIGKILL');
      removeDir(dir);
    }
  }
  process.exit(0);
}
