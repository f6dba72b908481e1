// GET /metrics: the Prometheus text format (0.0.4) read back with a small parser, counters
// that move with joins, ideas and errors, and who may read it: this machine, not a request
// a proxy forwarded, anyone with the metrics token, nobody else.
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEvent, joinAs, removeDir, sleep, startServer, stopServer, tempDir } from './server.mjs';

const TOKEN = 'metrics-token-0123456789abcdef';

// Parses the text exposition strictly: every sample's family must have been declared by
// `# HELP` and `# TYPE` before it, counters end in _total, histograms have cumulative
// buckets ending with +Inf equal to _count. Returns { types, samples } where samples maps
// `name{a="x",b="y"}` (labels sorted) to a number.
function parseMetrics(text) {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const types = new Map();
  const helps = new Map();
  const samples = new Map();
  const buckets = new Map(); // histogram -> [[le, value]]
  const nameRe = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  for (const line of text.slice(0, -1).split('\n')) {
    let m;
    if ((m = line.match(new RegExp(`^# HELP (${nameRe}) (.*)$`)))) {
      helps.set(m[1], m[2]);
      continue;
    }
    if ((m = line.match(new RegExp(`^# TYPE (${nameRe}) (counter|gauge|histogram|summary|untyped)$`)))) {
      assert.ok(helps.has(m[1]), `HELP before TYPE: ${line}`);
      assert.ok(!types.has(m[1]), `one TYPE per family: ${line}`);
      types.set(m[1], m[2]);
      continue;
    }
    m = line.match(new RegExp(`^(${nameRe})(?:\\{(.*)\\})? (\\S+)$`));
    assert.ok(m, `a sample line: ${JSON.stringify(line)}`);
    const [, name, labelText = '', valueText] = m;
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    assert.ok(!Number.isNaN(value) || valueText === 'NaN', `a number: ${line}`);
    const labels = [];
    const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
    while (labelRe.lastIndex < labelText.length) {
      const l = labelRe.exec(labelText);
      assert.ok(l, `labels: ${line}`);
      labels.push([l[1], l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c))]);
    }
    let family = name;
    for (const suffix of ['_bucket', '_sum', '_count']) {
      if (!types.has(family) && name.endsWith(suffix)) family = name.slice(0, -suffix.length);
    }
    assert.ok(types.has(family), `declared: ${line}`);
    const type = types.get(family);
    if (type === 'counter') assert.ok(name.endsWith('_total'), `a counter ends in _total: ${name}`);
    if (family !== name) assert.equal(type, 'histogram', line);
    if (name.endsWith('_bucket') && type === 'histogram') {
      const le = labels.find(([k]) => k === 'le');
      assert.ok(le, `a bucket has le: ${line}`);
      if (!buckets.has(family)) buckets.set(family, []);
      buckets.get(family).push([le[1] === '+Inf' ? Infinity : Number(le[1]), value]);
    }
    const key =
      name +
      (labels.length
        ? `{${labels
            .sort()
            .map(([k, v]) => `${k}="${v}"`)
            .join(',')}}`
        : '');
    assert.ok(!samples.has(key), `one sample per series: ${key}`);
    samples.set(key, value);
  }
  for (const [family, list] of buckets) {
    for (let i = 1; i < list.length; i += 1) {
      assert.ok(list[i][0] > list[i - 1][0], `${family}: bounds grow`);
      assert.ok(list[i][1] >= list[i - 1][1], `${family}: cumulative`);
    }
    assert.equal(list.at(-1)[0], Infinity, `${family}: ends with +Inf`);
    assert.equal(list.at(-1)[1], samples.get(`${family}_count`), `${family}: +Inf is the count`);
    assert.ok(samples.has(`${family}_sum`), `${family}: has _sum`);
  }
  return { types, samples };
}

const get = (samples, key) => samples.get(key) ?? 0;

// A non-loopback IPv4 address of this machine, or null.
function outsideAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

describe('metrics from this machine', () => {
  let dir;
  let server;
  let base;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db') });
    base = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const read = async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    return parseMetrics(await res.text());
  };

  it('serves the text format with every family declared', async () => {
    const { types, samples } = await read();
    assert.equal(types.get('roundtable_connections_open'), 'gauge');
    assert.equal(types.get('roundtable_connections_accepted_total'), 'counter');
    assert.equal(types.get('roundtable_connections_refused_total'), 'counter');
    assert.equal(types.get('roundtable_commands_total'), 'counter');
    assert.equal(types.get('roundtable_errors_total'), 'counter');
    assert.equal(types.get('roundtable_commit_seconds'), 'histogram');
    assert.equal(types.get('roundtable_slow_client_drops_total'), 'counter');
    assert.equal(types.get('roundtable_room_queue_depth'), 'gauge');
    assert.ok(samples.get('roundtable_connections_open') >= 1, 'this request');
    assert.equal(samples.get('roundtable_events_loaded'), 0);
    assert.ok(samples.get('process_resident_memory_bytes') > 1e6);
    assert.ok(samples.get('process_open_fds') > 3);
    assert.ok(samples.get('roundtable_uptime_seconds') >= 0);
    assert.ok(samples.has('roundtable_connections_refused_total{reason="per_address_cap"}'));
  });

  it('counters move after a join, an idea and an error', async () => {
    const { samples: before } = await read();
    const ev = await createEvent(server);
    const ana = await joinAs(server, ev.code, 'Ana');
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'Metrics for everyone' });
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'And a second one' });
    const refused = await ana.client.command({ type: 'no_such_command' });
    assert.equal(refused.code, 'unknown_type');
    const tooLong = await ana.client.command({ type: 'post_idea', track: 1, text: 'x'.repeat(2000) });
    assert.equal(tooLong.code, 'bad_text');
    const { samples: now } = await read();

    const moved = (key) => get(now, key) - get(before, key);
    assert.equal(moved('roundtable_commands_total{type="join"}'), 1);
    assert.equal(moved('roundtable_commands_total{type="post_idea"}'), 3);
    assert.equal(moved('roundtable_commands_total{type="create_event"}'), 1);
    assert.equal(moved('roundtable_commands_total{type="auth_admin"}'), 1);
    assert.equal(moved('roundtable_errors_total{code="unknown_type"}'), 1);
    assert.equal(moved('roundtable_errors_total{code="bad_text"}'), 1);
    assert.ok(moved('roundtable_commit_seconds_count') >= 3, 'the event, the join, the ideas');
    assert.ok(moved('roundtable_committed_jobs_total') >= 4);
    assert.ok(moved('roundtable_connections_accepted_total') >= 2, 'the admin and Ana');
    assert.equal(now.get('roundtable_events_loaded'), 1);
    assert.ok(now.get('roundtable_websockets_open') >= 1, 'Ana is connected');
    assert.equal(now.get('roundtable_room_queue_depth'), 0);
    await ana.client.close();
    // Her WebSocket is gone from the gauge.
    for (let i = 0; i < 50; i += 1) {
      const { samples } = await read();
      if (samples.get('roundtable_websockets_open') === 0) return;
      await sleep(20);
    }
    assert.fail('the WebSocket gauge did not come back to 0');
  });

  it('a rate-limited command counts as an error', async () => {
    const ev = await createEvent(server, 'Rate');
    const bo = await joinAs(server, ev.code, 'Bo');
    const { samples: before } = await read();
    for (let i = 0; i < 60; i += 1)
      bo.client.sendRaw(JSON.stringify({ type: 'event_info', code: ev.code, id: `r${i}` }));
    await bo.client.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
    const { samples: now } = await read();
    assert.ok(
      get(now, 'roundtable_errors_total{code="rate_limited"}') >
        get(before, 'roundtable_errors_total{code="rate_limited"}'),
    );
    bo.client.close();
  });

  it('HEAD works, other methods do not', async () => {
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await fetch(`${base}/metrics`, { method: 'POST' })).status, 405);
  });

  it('a request a proxy forwarded is refused, whatever address it claims', async () => {
    for (const headers of [
      { 'X-Forwarded-For': '127.0.0.1' },
      { Forwarded: 'for=127.0.0.1' },
      { 'X-Real-IP': '127.0.0.1' },
    ]) {
      const res = await fetch(`${base}/metrics`, { headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.doesNotMatch(await res.text(), /roundtable_/);
    }
    // No token configured: a bearer header opens nothing.
    const res = await fetch(`${base}/metrics`, {
      headers: { 'X-Forwarded-For': '1.2.3.4', Authorization: 'Bearer anything-at-all-long-enough' },
    });
    assert.equal(res.status, 403);
  });
});

describe('metrics with a token', () => {
  let dir;
  let server;
  before(async () => {
    dir = tempDir();
    // The token from the environment, as a service's credentials file would give it.
    server = await startServer({
      db: path.join(dir, 'rt.db'),
      host: '0.0.0.0',
      env: { ...process.env, ROUNDTABLE_METRICS_TOKEN: TOKEN },
    });
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('lets a proxied request in with the token, and only with it', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const proxied = { 'X-Forwarded-For': '203.0.113.9' };
    assert.equal((await fetch(`${base}/metrics`, { headers: proxied })).status, 403);
    assert.equal(
      (await fetch(`${base}/metrics`, { headers: { ...proxied, Authorization: `Bearer ${TOKEN}x` } })).status,
      403,
    );
    assert.equal(
      (await fetch(`${base}/metrics`, { headers: { ...proxied, Authorization: `Bearer ${TOKEN.slice(0, -1)}` } }))
        .status,
      403,
    );
    assert.equal((await fetch(`${base}/metrics`, { headers: { ...proxied, Authorization: TOKEN } })).status, 403);
    const ok = await fetch(`${base}/metrics`, { headers: { ...proxied, Authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    parseMetrics(await ok.text());
    // This machine still needs no token.
    assert.equal((await fetch(`${base}/metrics`)).status, 200);
  });

  it('from another address: only with the token', async (t) => {
    const address = outsideAddress();
    if (!address) return t.skip('this machine has no non-loopback IPv4 address to connect from');
    const base = `http://${address}:${server.port}`;
    assert.equal((await fetch(`${base}/metrics`)).status, 403);
    assert.equal(
      (await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status,
      403,
    );
    const ok = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    parseMetrics(await ok.text());
    // The rest of the site is open as ever.
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});

describe('metrics without a token, from another address', () => {
  it('are refused', async (t) => {
    const address = outsideAddress();
    if (!address) return t.skip('this machine has no non-loopback IPv4 address to connect from');
    const dir = tempDir();
    const server = await startServer({ db: path.join(dir, 'rt.db'), host: '0.0.0.0' });
    try {
      const res = await fetch(`http://${address}:${server.port}/metrics`);
      assert.equal(res.status, 403);
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status, 200);
    } finally {
      await stopServer(server);
      removeDir(dir);
    }
  });
});

describe('metrics of refused connections', () => {
  it('count connections over the per-address cap', async () => {
    const dir = tempDir();
    const server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--max-connections-per-address', '3'] });
    const sockets = [];
    try {
      // Three idle connections hold the cap; the fourth is closed at once.
      for (let i = 0; i < 3; i += 1) {
        const s = net.connect(server.port, '127.0.0.1');
        await new Promise((r) => s.once('connect', r));
        sockets.push(s);
      }
      const extra = net.connect(server.port, '127.0.0.1');
      await new Promise((r) => extra.once('close', r));
      for (const s of sockets) s.destroy();
      sockets.length = 0;
      let samples;
      for (let i = 0; i < 50; i += 1) {
        // Until the server has seen the three close, this request is a fourth connection and
        // is itself closed at once (fetch fails): try again, as for any other answer.
        const res = await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { Connection: 'close' } }).catch(
          () => null,
        );
        if (res === null) {
          await sleep(20);
          continue;
        }
        if (res.status === 200) {
          ({ samples } = parseMetrics(await res.text()));
          if (samples.get('roundtable_connections_open') === 1) break;
        } else {
          await res.arrayBuffer();
        }
        await sleep(20);
      }
      assert.ok(samples, 'metrics read once the connections closed');
      assert.ok(samples.get('roundtable_connections_refused_total{reason="per_address_cap"}') >= 1);
      assert.ok(samples.get('roundtable_connections_accepted_total') >= 4);
    } finally {
      for (const s of sockets) s.destroy();
      await stopServer(server);
      removeDir(dir);
    }
  });
});
