// server.mjs: start the real roundtable binary on a free port with a temporary database, and
// talk to it over real WebSockets. Shared by the black-box tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.ROUNDTABLE_BIN ?? path.join(repo, 'build/server/roundtable');
export const WEB_ROOT = process.env.ROUNDTABLE_WEB_ROOT ?? path.join(repo, 'web/dist');

export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'rt-blackbox-'));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// Starts `roundtable serve`; resolves once it prints its address. `port` 0 picks a free one.
export function startServer({ db, port = 0, webRoot = WEB_ROOT, extra = [], host = '127.0.0.1', env }) {
  const args = [
    'serve',
    '--host',
    host,
    '--port',
    String(port),
    '--db',
    db,
    '--web-root',
    webRoot,
    '--log-level',
    process.env.RT_LOG ?? 'warn',
    ...extra,
  ];
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 10000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${err}`));
    });
    proc.stdout.on('data', (d) => {
      out += d;
      const listening = out.match(/Roundtable listening on http:\/\/(?:\[[^\]]*\]|[^:\s]+):(\d+)/);
      const admin = out.match(/Admin link: (\S+)/);
      if (listening && admin) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        const secret = (admin[1].match(/#k=([0-9a-f]+)/) ?? [])[1];
        const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
        resolve({ proc, port: Number(listening[1]), secret, exited, stderr: () => err });
      }
    });
  });
}

/**
 * Stops `server` and starts it again on the same database and port. The admin link is printed
 * on the first start only, so the secret is carried over.
 */
export async function restartServer(server, db) {
  const { secret, port } = server;
  await stopServer(server);
  const next = await startServer({ db, port });
  next.secret = secret;
  return next;
}

export async function stopServer(server, signal = 'SIGTERM') {
  if (server.proc.exitCode !== null || server.proc.signalCode !== null) return server.exited;
  server.proc.kill(signal);
  return server.exited;
}

// A WebSocket client that keeps every message, answers commands by id, and waits for messages.
export class Client {
  static async connect(port, headers = {}) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers, maxPayload: 64 * 1024 * 1024 });
    const c = new Client(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return c;
  }

  constructor(ws) {
    this.ws = ws;
    this.messages = [];
    this.frames = 0;
    this.waiters = [];
    this.nextId = 0;
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('message', (data) => {
      this.frames += 1;
      for (const line of String(data).split('\n')) {
        if (!line) continue;
        this.messages.push(JSON.parse(line));
      }
      this.wake();
    });
  }

  wake() {
    for (const w of [...this.waiters]) w();
  }

  // Resolves with the first message (from index `from` on) for which `pred` holds.
  waitFor(pred, { from = 0, timeout = 5000 } = {}) {
    return new Promise((resolve, reject) => {
      // Each message is looked at once per waiter: a burst of 50 commands waiting for their
      // acks among thousands of large changes must not cost 50 × thousands per message.
      let next = from;
      const check = () => {
        let m;
        for (; next < this.messages.length && m === undefined; next += 1) {
          if (pred(this.messages[next])) m = this.messages[next];
        }
        if (m !== undefined) {
          this.waiters = this.waiters.filter((w) => w !== check);
          clearTimeout(timer);
          resolve(m);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting; got ${JSON.stringify(this.messages.slice(-5))}`));
      }, timeout);
      this.waiters.push(check);
      check();
    });
  }

  sendRaw(data) {
    this.ws.send(data);
  }

  // Sends a command and resolves with its ack or error.
  async command(cmd, id = `c${++this.nextId}-${Math.random().toString(36).slice(2, 8)}`) {
    const from = this.messages.length;
    this.ws.send(JSON.stringify({ ...cmd, id }));
    return this.waitFor((m) => m.id === id && (m.type === 'ack' || m.type === 'error'), { from });
  }

  async ok(cmd, id) {
    const answer = await this.command(cmd, id);
    if (answer.type !== 'ack') throw new Error(`${cmd.type} refused: ${answer.code} ${answer.message}`);
    return answer.result;
  }

  changes() {
    const out = [];
    for (const m of this.messages) {
      if (m.type === 'change') out.push(m);
      if (m.type === 'changes') out.push(...m.changes);
    }
    return out;
  }

  close() {
    this.ws.close();
    return this.closed;
  }

  terminate() {
    this.ws.terminate();
  }
}

// An admin connection and a fresh event with two tracks.
export async function createEvent(server, title = 'AI & the Future of Work') {
  const admin = await Client.connect(server.port);
  await admin.ok({ type: 'auth_admin', secret: server.secret });
  const result = await admin.ok({
    type: 'create_event',
    title,
    tracks: [
      { name: 'Skills', description: 'How do workers keep up?' },
      { name: 'Public sector', description: '' },
    ],
  });
  admin.close();
  return { code: result.event.code, facilitatorToken: result.facilitatorToken, event: result.event };
}

export async function joinAs(server, code, name, extra = {}) {
  const c = await Client.connect(server.port);
  const result = await c.ok({
    type: 'join',
    code,
    name,
    organisation: 'Org',
    group: 'sme',
    track: 1,
    credit: true,
    ...extra,
  });
  await c.waitFor((m) => m.type === 'snapshot');
  return { client: c, token: result.token, you: result.you };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A fresh server with one event and its facilitator connected (snapshot received): the
// common start of a suite. Stop it with stopServer(server) and removeDir(dir).
export async function startEventServer() {
  const dir = tempDir();
  const db = path.join(dir, 'rt.db');
  const server = await startServer({ db });
  const ev = await createEvent(server);
  const fac = await connectWith(server, ev.facilitatorToken);
  return { dir, db, server, ev, fac };
}

// A client that said hello with `token` and received its snapshot (`waitFor` still finds it).
export async function connectWith(server, token) {
  const client = await Client.connect(server.port);
  await client.ok({ type: 'hello', token, lastSeq: 0 });
  await client.waitFor((m) => m.type === 'snapshot');
  return client;
}
