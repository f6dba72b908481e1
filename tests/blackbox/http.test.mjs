// The HTTP side of the one port: the web app's files, /healthz, and the WebSocket upgrade's
// Origin check.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, removeDir, startServer, stopServer, tempDir } from './server.mjs';

describe('http', () => {
  let dir;
  let server;
  let base;
  before(async () => {
    dir = tempDir();
    const web = path.join(dir, 'dist');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Roundtable</title>');
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(web, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
    server = await startServer({
      db: path.join(dir, 'rt.db'),
      webRoot: web,
      extra: ['--public-url', 'https://ideas.example.org'],
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('serves the app with content types and cache headers', async () => {
    const page = await fetch(`${base}/join/K7QX2M`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(await page.text(), /Roundtable/);
    const js = await fetch(`${base}/assets/index-abc123.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const css = await fetch(`${base}/assets/index-abc123.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const head = await fetch(`${base}/assets/index-abc123.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '14');
    assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${base}/`, { method: 'POST' })).status, 405);
  });

  it('no path escapes the web root', async () => {
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await fetch(`${base}${evil}`);
      const body = await res.text();
      assert.ok(!body.includes('do not serve'), evil);
    }
  });

  it('GET /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(typeof body.connections, 'number');
  });

  it('with --public-url, only that origin may open the WebSocket (no DNS rebinding)', async () => {
    const pub = await Client.connect(server.port, { Origin: 'https://ideas.example.org' });
    pub.close();
    await assert.rejects(Client.connect(server.port, { Origin: 'https://evil.example.com' }), /HTTP 403/);
    // A page of another site whose name points at this server sends Origin = http:// + Host.
    await assert.rejects(Client.connect(server.port, { Origin: base }), /HTTP 403/);
    await assert.rejects(
      Client.connect(server.port, { Origin: 'http://rebound.example.com', Host: 'rebound.example.com' }),
      /HTTP 403/,
    );
  });

  it('without --public-url, a page of the host the browser asked for may connect', async () => {
    const dir2 = tempDir();
    const local = await startServer({ db: path.join(dir2, 'rt.db'), webRoot: path.join(dir, 'dist') });
    try {
      const own = await Client.connect(local.port, { Origin: `http://127.0.0.1:${local.port}` });
      own.close();
      await assert.rejects(Client.connect(local.port, { Origin: 'https://evil.example.com' }), /HTTP 403/);
    } finally {
      await stopServer(local);
      removeDir(dir2);
    }
  });

  it('pages carry a strict Content-Security-Policy', async () => {
    const csp = (await fetch(`${base}/join/K7QX2M`)).headers.get('content-security-policy');
    assert.match(csp, /connect-src 'self' wss:\/\/ideas\.example\.org;/);
    assert.doesNotMatch(csp, /connect-src[^;]* ws: /);
    assert.match(csp, /base-uri 'self' about:;/); // about:srcdoc for the report preview's anchors
    assert.match(csp, /form-action 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
  });

  it('malformed or oversized requests are answered 400, 413 or 431', async () => {
    const raw = (text) =>
      new Promise((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
        let data = '';
        socket.on('data', (d) => {
          data += d;
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
        socket.setTimeout(5000, () => {
          socket.destroy();
          resolve(data);
        });
      });
    assert.match(await raw('GARBAGE\r\n\r\n'), /^HTTP\/1\.1 400/);
    assert.match(await raw('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'), /^HTTP\/1\.1 400/);
    assert.match(await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`), /^HTTP\/1\.1 431/);
    assert.match(
      await raw('POST /api/events/K7QX2M/roster HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n'),
      /^HTTP\/1\.1 413/,
    );
    // The server still answers afterwards.
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
