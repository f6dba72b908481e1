// Fair cost: reading a long section history is paged small, answered from a cache without
// waiting behind commits, and charged by its size, so that 40 participants reading history as
// fast as they are allowed do not hold up anyone else's ideas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { joinAs, removeDir, sleep, startEventServer, stopServer } from './server.mjs';

const UPDATES = 2500;
const PAGE = 200;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

describe('fair cost', () => {
  let dir;
  let server;
  let ev;
  let fac;
  let proposal;
  let text = '';
  before(async () => {
    ({ dir, server, ev, fac } = await startEventServer());
    ({ proposal } = await fac.ok({ type: 'create_proposal', title: 'Individual AI Learning Account', track: 1 }));
    await fac.ok({ type: 'open_section', proposal, section: 0, version: null });
    // 2,500 accepted updates, 100 per push, each adding a word at the end.
    let version = 0;
    while (version < UPDATES) {
      const updates = [];
      for (let i = 0; i < 100; i += 1) {
        const word = `w${version + i} `;
        updates.push({ clientID: 'seed', changes: text.length ? [text.length, [0, word]] : [[0, word]] });
        text += word;
      }
      ({ version } = await fac.ok({ type: 'push', proposal, section: 0, version, updates }));
    }
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('pages history in small pages that hold every update once, in order', async () => {
    const reader = (await joinAs(server, ev.code, 'Reader')).client;
    const seen = [];
    let from = 0;
    for (;;) {
      const page = await reader.ok({ type: 'section_history', proposal, section: 0, from });
      assert.ok(page.updates.length <= PAGE, `a page of ${page.updates.length}`);
      assert.equal(page.version, UPDATES);
      seen.push(...page.updates.map((u) => u.version));
      if (!page.more) break;
      from = seen.at(-1);
      await sleep(60); // within the reader's budget
    }
    assert.deepEqual(
      seen,
      Array.from({ length: UPDATES }, (_, i) => i + 1),
    );
    // From the middle of a page, and past the end.
    const mid = await reader.ok({ type: 'section_history', proposal, section: 0, from: 1234 });
    assert.equal(mid.updates[0].version, 1235);
    assert.equal(
      (await reader.command({ type: 'section_history', proposal, section: 0, from: UPDATES + 1 })).code,
      'bad_value',
    );
    reader.close();
  });

  it('40 participants reading history flat out do not hold up a normal participant', async () => {
    const attackers = [];
    for (let i = 0; i < 40; i += 1) {
      const { token } = await joinAs(server, ev.code, `Reader ${i}`);
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { maxPayload: 64 << 20 });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const stats = { ws, pages: 0, limited: 0, bytes: 0 };
      ws.on('message', (data) => {
        const s = String(data);
        stats.bytes += s.length;
        if (s.includes('"rate_limited"')) stats.limited += 1;
        else if (s.includes('"updates"')) stats.pages += 1;
      });
      ws.send(JSON.stringify({ type: 'hello', id: 'h', token, lastSeq: 0 }));
      attackers.push(stats);
    }
    await sleep(300);
    // Each asks for the first page 20 times a second (the command rate allowed).
    let n = 0;
    const timer = setInterval(() => {
      for (const a of attackers) {
        a.ws.send(JSON.stringify({ type: 'section_history', id: `r${(n += 1)}`, proposal, section: 0, from: 0 }));
      }
    }, 50);
    const poster = (await joinAs(server, ev.code, 'Poster')).client;
    const latencies = [];
    const until = Date.now() + 4000;
    try {
      for (let i = 0; Date.now() < until; i += 1) {
        const t0 = performance.now();
        await poster.ok({ type: 'post_idea', track: 1, text: `Idea during the reading ${i}` });
        latencies.push(performance.now() - t0);
        await sleep(40);
      }
    } catch (err) {
      // The poster refused or timed out: a running timer and open sockets would keep the test
      // process alive for ever.
      clearInterval(timer);
      for (const a of attackers) a.ws.close();
      poster.close();
      throw err;
    }
    clearInterval(timer);
    await sleep(200);
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const pages = attackers.reduce((s, a) => s + a.pages, 0);
    const limited = attackers.reduce((s, a) => s + a.limited, 0);
    const mb = attackers.reduce((s, a) => s + a.bytes, 0) / 1e6;
    console.log(
      `history readers: ${pages} pages (${mb.toFixed(1)} MB), ${limited} refused as rate_limited; ` +
        `poster's ack p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} ideas`,
    );
    // Before paging, caching and charging: p50 2.6 s, max 7.7 s. A wall-clock bound, so it is
    // asserted in the Release run only: scripts/test runs this suite again against the server
    // built with sanitizers (ROUNDTABLE_SANITIZED=1), which is several times slower; that run
    // still drives the readers and checks what they get.
    if (!process.env.ROUNDTABLE_SANITIZED) {
      assert.ok(p99 < 500, `the poster's ack p99 was ${p99.toFixed(0)} ms`);
    }
    // Pages are charged by size: flat-out readers run out of budget.
    assert.ok(limited > 0, 'history pages are charged by their size');
    for (const a of attackers) a.ws.close();
    poster.close();
  });
});
