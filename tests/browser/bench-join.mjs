// The browser benchmark of the join path on hall Wi-Fi (run by `scripts/bench --browser`).
//
// A 360 px phone in headless Chromium with Chrome's "Fast 3G" profile (562.5 ms latency,
// 180 kB/s down, 84 kB/s up) and a 4x CPU slowdown opens the join link of a full-size event
// (65 people, 7 tracks, 150 ideas), fills the form and posts an idea, cold (empty cache) and
// warm (the same device again: HTTP cache and service worker, a new person). It then measures
// how long the app takes to show a cut network and a silent server, and to send what was
// typed meanwhile once they are back.
//
//   node tests/browser/bench-join.mjs [--runs N] [--json-out FILE] [--label L]
//
// Prints one line per measure with its median and every run; appends one JSON line per run
// to --json-out. Environment: as the browser tests (ROUNDTABLE_BIN, ROUNDTABLE_WEB_ROOT,
// CHROMIUM).
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser, PHONE, Server } from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'json-out': { type: 'string' },
    label: { type: 'string', default: 'browser-join' },
  },
});
const RUNS = Number(opts.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs takes a positive whole number');

// Chrome DevTools' "Fast 3G" preset and the slowdown of a mid-range phone.
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1_000_000 * 0.9) / 8,
  uploadThroughput: (750 * 1_000 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

// Marks, in the page's own clock (ms since navigation start), when the join form's name field
// and the composer first exist and are enabled. Installed before any script of the page runs.
function installMarks() {
  const marks = (window.__marks = {});
  const check = () => {
    const name = document.getElementById('join-name');
    if (!marks.form && name && !name.disabled) marks.form = performance.now();
    const composer = document.querySelector('.composer textarea');
    if (!marks.composer && composer && !composer.disabled) marks.composer = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

/** A throttled page in `context`, counting the bytes it receives (encoded, as sent). */
async function throttledPage(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const transfer = { bytes: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (e) => {
    transfer.bytes += e.encodedDataLength;
    transfer.requests += 1;
  });
  await page.addInitScript(installMarks);
  return { page, cdp, transfer };
}

async function markOf(page, name, timeout = 60_000) {
  await page.waitForFunction((n) => window.__marks && window.__marks[n] !== undefined, name, { timeout });
  return page.evaluate((n) => window.__marks[n], name);
}

/**
 * Opens the join link, joins and posts one idea. Times are from navigation start; the form
 * filling itself (the person's typing) is taken out of the time to post.
 */
async function joinAndPost(page, transfer, server, event, person) {
  const before = transfer.bytes;
  await page.goto(`${server.base}/join/${event.code}`, { waitUntil: 'commit' });
  const form = await markOf(page, 'form');
  const formBytes = transfer.bytes - before;
  const fillStart = await page.evaluate(() => performance.now());
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Stakeholder group').selectOption(person.group);
  await page.getByRole('radio', { name: person.track }).check();
  const fillEnd = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Join the event' }).click();
  const composer = await markOf(page, 'composer');
  const text = `${person.name}: a learning account for every worker ${Date.now()}`;
  await page.getByLabel(/^Your idea for/).fill(text);
  const postClick = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Post idea' }).click();
  const card = page.locator('article.idea').filter({ hasText: text });
  await card.waitFor({ timeout: 60_000 });
  await card.getByText('Not yet saved').waitFor({ state: 'detached', timeout: 60_000 });
  const saved = await page.evaluate(() => performance.now());
  return {
    form_ms: form,
    post_ms: composer - (fillEnd - fillStart),
    saved_ms: saved - postClick,
    join_bytes: transfer.bytes - before,
    form_bytes: formBytes,
  };
}

/** Milliseconds until the connection indicator leaves "online"; null if not within 60 s. */
async function timeToNotice(page, start) {
  try {
    await page.waitForFunction(() => document.querySelector('[data-status]')?.dataset.status !== 'online', null, {
      timeout: 60_000,
      polling: 50,
    });
  } catch {
    return null;
  }
  return Date.now() - start;
}

/** Posts an idea while disconnected; after `reconnect()`, milliseconds until it is saved. */
async function timeToResend(page, label, reconnect) {
  const text = `Typed while ${label} ${Date.now()}`;
  await page.getByLabel(/^Your idea for/).fill(text);
  await page.getByRole('button', { name: 'Post idea' }).click();
  const card = page.locator('article.idea').filter({ hasText: text });
  await card.getByText('Not yet saved').waitFor({ timeout: 30_000 });
  const start = Date.now();
  await reconnect();
  await card.getByText('Not yet saved').waitFor({ state: 'detached', timeout: 120_000 });
  return Date.now() - start;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const step = (what) => process.env.BENCH_VERBOSE && console.log(`${new Date().toISOString().slice(11, 19)} ${what}`);
const server = await Server.start();
const browser = await launchBrowser();
const rows = [];
try {
  const seeded = await seedFullEvent(server, { until: 'ideation', title: 'Hall Wi-Fi benchmark' });
  const { event } = seeded;
  const tracks = event.tracks;
  const groups = (event.groups ?? []).map((g) => g.code);
  for (let run = 1; run <= RUNS; run += 1) {
    const person = (n) => ({
      name: `Bench ${run}.${n}`,
      group: groups[(run + n) % groups.length] ?? 'sme',
      track: tracks[(run + n) % tracks.length].name,
    });
    const context = await browser.newContext(PHONE);
    try {
      // Cold: a phone that never opened Roundtable.
      const cold = await throttledPage(context);
      step('cold join');
      const c = await joinAndPost(cold.page, cold.transfer, server, event, person(1));
      // The service worker installs and fills its cache in the background; let it finish.
      const registered = await cold.page
        .waitForFunction(async () => Boolean(await navigator.serviceWorker?.getRegistration()), null, {
          timeout: 10_000,
          polling: 200,
        })
        .then(() => true)
        .catch(() => false);
      const controlled =
        registered &&
        (await cold.page
          .waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 60_000, polling: 200 })
          .then(() => true)
          .catch(() => false));

      step('cut network');
      // The cut network: the browser knows it is offline.
      await cold.cdp.send('Network.emulateNetworkConditions', { ...FAST_3G, offline: true });
      await context.setOffline(true);
      const offlineNotice = await timeToNotice(cold.page, Date.now());
      const offlineResend = await timeToResend(cold.page, 'offline', async () => {
        await context.setOffline(false);
        await cold.cdp.send('Network.emulateNetworkConditions', FAST_3G);
      });

      step('silent server');
      // The silent server: the socket stays open but nothing answers (a stalled access point).
      await cold.page.waitForFunction(() => document.querySelector('[data-status]')?.dataset.status === 'online');
      server.proc.kill('SIGSTOP');
      const silentNotice = await timeToNotice(cold.page, Date.now());
      const silentResend = await timeToResend(cold.page, 'the server was silent', async () => {
        server.proc.kill('SIGCONT');
      });
      await cold.page.close();

      step('german');
      // A German phone: the same page, and the German catalogue fetched before the form shows.
      const germanContext = await browser.newContext({ ...PHONE, locale: 'de-DE' });
      let german;
      try {
        const g = await throttledPage(germanContext);
        await g.page.goto(`${server.base}/join/${event.code}`, { waitUntil: 'commit' });
        german = { form_ms: await markOf(g.page, 'form'), form_bytes: g.transfer.bytes };
      } finally {
        await germanContext.close().catch(() => {});
      }

      step('warm');
      // Warm: the same phone, another person (the stored identity is forgotten).
      await context.clearCookies();
      const warm = await throttledPage(context);
      await warm.page.goto(`${server.base}/`, { waitUntil: 'commit' });
      await warm.page.evaluate(() => localStorage.clear());
      const w = await joinAndPost(warm.page, warm.transfer, server, event, person(2));
      await warm.page.close();

      const row = {
        label: opts.label,
        run,
        service_worker: controlled,
        cold_form_ms: Math.round(c.form_ms),
        cold_post_ms: Math.round(c.post_ms),
        cold_saved_ms: Math.round(c.saved_ms),
        cold_form_bytes: c.form_bytes,
        cold_join_bytes: c.join_bytes,
        de_form_ms: Math.round(german.form_ms),
        de_form_bytes: german.form_bytes,
        warm_form_ms: Math.round(w.form_ms),
        warm_post_ms: Math.round(w.post_ms),
        warm_join_bytes: w.join_bytes,
        offline_notice_ms: offlineNotice,
        offline_resend_ms: offlineResend,
        silent_notice_ms: silentNotice,
        silent_resend_ms: silentResend,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
      if (opts['json-out']) appendFileSync(opts['json-out'], `${JSON.stringify(row)}\n`);
    } finally {
      await context.close().catch(() => {});
    }
  }
  seeded.close?.();
} catch (err) {
  console.error(`bench-join: ${err.stack ?? err}`.split('\n').slice(0, 12).join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}

if (rows.length === 0) process.exit(1);
console.log(`\n${opts.label}: medians of ${RUNS} run(s), Fast 3G + ${CPU_SLOWDOWN}x CPU, 360x740 phone`);
for (const key of Object.keys(rows[0]).filter((k) => k.endsWith('_ms') || k.endsWith('_bytes'))) {
  const values = rows.map((r) => r[key]).filter((v) => v !== null);
  if (values.length === 0) {
    console.log(`  ${key.padEnd(20)} ${'never'.padStart(8)}`);
    continue;
  }
  console.log(`  ${key.padEnd(20)} ${String(median(values)).padStart(8)}   (${values.join(', ')})`);
}
