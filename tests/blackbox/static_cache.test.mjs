// The web app's files as the server sends them: the build's Brotli and gzip copies chosen by
// Accept-Encoding (decoding to the same bytes as the original), Vary, the cache policy (hashed
// assets immutable, everything else revalidated), entity tags, 304 answers and HEAD.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { removeDir, startServer, stopServer, tempDir, WEB_ROOT } from './server.mjs';

// A raw request (fetch would decode the body and choose Accept-Encoding itself).
function request(port, target, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res) {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(res.body);
  if (enc === 'gzip') return gunzipSync(res.body);
  assert.equal(enc, undefined);
  return res.body;
}

// Text that compresses well, different for each file.
function text(seed, lines = 400) {
  return Array.from({ length: lines }, (_, i) => `/* ${seed} line ${i} */ const v${i} = ${i * 7} + "${seed}";`).join(
    '\n',
  );
}

describe('static files: compressed copies and caching', () => {
  let dir;
  let web;
  let server;
  const files = {};
  before(async () => {
    dir = tempDir();
    web = path.join(dir, 'dist');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    files['index.html'] = `<!doctype html><title>Roundtable</title>\n${text('page', 50)}`;
    files['assets/index-abc123.js'] = text('main');
    files['assets/index-abc123.css'] = text('style', 200);
    files['assets/only-gz-def456.js'] = text('gz-only', 100);
    files['sw.js'] = text('worker', 30);
    files['manifest.webmanifest'] = JSON.stringify({ name: 'Roundtable', icons: [] });
    for (const [name, body] of Object.entries(files)) writeFileSync(path.join(web, name), body);
    for (const name of ['index.html', 'assets/index-abc123.js', 'assets/index-abc123.css', 'sw.js']) {
      writeFileSync(path.join(web, `${name}.br`), brotliCompressSync(Buffer.from(files[name])));
      writeFileSync(path.join(web, `${name}.gz`), gzipSync(Buffer.from(files[name])));
    }
    writeFileSync(
      path.join(web, 'assets/only-gz-def456.js.gz'),
      gzipSync(Buffer.from(files['assets/only-gz-def456.js'])),
    );
    server = await startServer({ db: path.join(dir, 'rt.db'), webRoot: web });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('every copy decodes to the original; Content-Encoding follows Accept-Encoding; Vary always', async () => {
    const cases = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['BR;Q=0.2 , GZIP;q=0.9', 'gzip'],
      ['identity', undefined],
      ['*;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['*;q=0', undefined], // nothing acceptable: the file as is, rather than no page
      ['', undefined],
      [null, undefined],
    ];
    for (const [target, name] of [
      ['/', 'index.html'],
      ['/join/K7QX2M', 'index.html'],
      ['/assets/index-abc123.js', 'assets/index-abc123.js'],
      ['/assets/index-abc123.css', 'assets/index-abc123.css'],
      ['/sw.js', 'sw.js'],
    ]) {
      for (const [accept, expected] of cases) {
        const headers = accept === null ? {} : { 'accept-encoding': accept };
        const res = await request(server.port, target, { headers });
        const what = `${target} with ${JSON.stringify(accept)}`;
        assert.equal(res.status, 200, what);
        assert.equal(res.headers['content-encoding'], expected, what);
        assert.equal(res.headers.vary, 'Accept-Encoding', what);
        assert.equal(Number(res.headers['content-length']), res.body.length, what);
        assert.equal(decode(res).toString(), files[name], what);
        if (expected) assert.ok(res.body.length < Buffer.byteLength(files[name]), what);
      }
    }
  });

  it('a file with only a gzip copy gets gzip or nothing; files without copies still vary', async () => {
    const both = await request(server.port, '/assets/only-gz-def456.js', {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    assert.equal(both.headers['content-encoding'], 'gzip');
    assert.equal(decode(both).toString(), files['assets/only-gz-def456.js']);
    const brOnly = await request(server.port, '/assets/only-gz-def456.js', { headers: { 'accept-encoding': 'br' } });
    assert.equal(brOnly.headers['content-encoding'], undefined);
    assert.equal(brOnly.body.toString(), files['assets/only-gz-def456.js']);
    const manifest = await request(server.port, '/manifest.webmanifest', { headers: { 'accept-encoding': 'br' } });
    assert.equal(manifest.headers['content-encoding'], undefined);
    assert.equal(manifest.headers['content-type'], 'application/manifest+json');
    assert.equal(manifest.headers.vary, 'Accept-Encoding');
  });

  it('the copies are not files of their own', async () => {
    for (const target of ['/index.html.br', '/index.html.gz', '/assets/index-abc123.js.br', '/sw.js.gz']) {
      const res = await request(server.port, target, { headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(res.status, 404, target);
    }
  });

  it('hashed assets are immutable; pages, sw.js and the manifest are revalidated, with an ETag', async () => {
    for (const target of ['/assets/index-abc123.js', '/assets/index-abc123.css']) {
      const res = await request(server.port, target, { headers: { 'accept-encoding': 'br' } });
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', target);
      assert.match(res.headers.etag, /^"[^"]+"$/, target);
    }
    for (const target of ['/', '/join/K7QX2M', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await request(server.port, target, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.headers['cache-control'], 'no-cache', target);
      assert.match(res.headers.etag, /^"[^"]+"$/, target);
    }
  });

  it('If-None-Match: 304 without a body for the current tag, 200 otherwise; each encoding its own tag', async () => {
    const get = (target, accept, headers = {}) =>
      request(server.port, target, { headers: { 'accept-encoding': accept, ...headers } });
    for (const target of ['/', '/join/K7QX2M', '/assets/index-abc123.js']) {
      const br = await get(target, 'br');
      const gz = await get(target, 'gzip');
      const plain = await get(target, 'identity');
      const tags = new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]);
      assert.equal(tags.size, 3, `${target}: ${[...tags]}`);
      assert.equal((await get(target, 'br')).headers.etag, br.headers.etag, 'stable');

      for (const inm of [br.headers.etag, `W/${br.headers.etag}`, `"nope", ${br.headers.etag}`, '*']) {
        const again = await get(target, 'br', { 'if-none-match': inm });
        assert.equal(again.status, 304, `${target} ${inm}`);
        assert.equal(again.body.length, 0);
        assert.equal(again.headers.etag, br.headers.etag);
        assert.equal(again.headers['cache-control'], br.headers['cache-control']);
        assert.equal(again.headers.vary, 'Accept-Encoding');
      }
      for (const inm of ['"nope"', gz.headers.etag, plain.headers.etag]) {
        const fresh = await get(target, 'br', { 'if-none-match': inm });
        assert.equal(fresh.status, 200, `${target} ${inm}`);
        assert.equal(decode(fresh).toString(), decode(br).toString());
      }
      // The gzip tag matches when gzip is what would be sent.
      assert.equal((await get(target, 'gzip', { 'if-none-match': gz.headers.etag })).status, 304);
    }
  });

  it('HEAD gets the headers of GET and no body; a changed file gets a new tag', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      const headers = { 'accept-encoding': accept };
      const get = await request(server.port, '/assets/index-abc123.css', { headers });
      const head = await request(server.port, '/assets/index-abc123.css', { method: 'HEAD', headers });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      for (const h of ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) {
        assert.equal(head.headers[h], get.headers[h], `${accept} ${h}`);
      }
      const headNotModified = await request(server.port, '/assets/index-abc123.css', {
        method: 'HEAD',
        headers: { ...headers, 'if-none-match': get.headers.etag },
      });
      assert.equal(headNotModified.status, 304);
    }
    const before = await request(server.port, '/sw.js', { headers: { 'accept-encoding': 'identity' } });
    writeFileSync(path.join(web, 'sw.js'), `${files['sw.js']}\n// next build`);
    const afterChange = await request(server.port, '/sw.js', {
      headers: { 'accept-encoding': 'identity', 'if-none-match': before.headers.etag },
    });
    assert.equal(afterChange.status, 200);
    assert.notEqual(afterChange.headers.etag, before.headers.etag);
    assert.equal(afterChange.body.toString(), `${files['sw.js']}\n// next build`);
  });
});

// The real build, when it has been compressed (npm run build): index.html, the scripts and the
// styles decode to their originals.
const assetsDir = path.join(WEB_ROOT, 'assets');
const realBuild = existsSync(path.join(WEB_ROOT, 'index.html.br'));
describe('static files: the real build', { skip: realBuild ? false : `no .br files in ${WEB_ROOT}` }, () => {
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

  it('index.html, the main script and the styles: br and gzip decode to the original bytes', async () => {
    const assets = readdirSync(assetsDir).filter((f) => /\.(js|css)$/.test(f));
    assert.ok(assets.some((f) => f.endsWith('.js')) && assets.some((f) => f.endsWith('.css')));
    for (const [target, file] of [
      ['/', 'index.html'],
      ...assets.map((f) => [`/assets/${f}`, path.join('assets', f)]),
    ]) {
      const original = readFileSync(path.join(WEB_ROOT, file));
      for (const accept of ['br', 'gzip', 'identity']) {
        const res = await request(server.port, target, { headers: { 'accept-encoding': accept } });
        assert.equal(res.status, 200, target);
        const expected = accept === 'identity' ? undefined : accept;
        if (existsSync(path.join(WEB_ROOT, `${file}.${accept === 'gzip' ? 'gz' : accept}`))) {
          assert.equal(res.headers['content-encoding'], expected, `${target} ${accept}`);
        }
        assert.ok(decode(res).equals(original), `${target} ${accept}`);
      }
    }
  });
});
