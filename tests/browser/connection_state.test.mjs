// The connection state a phone can trust: the header reads "Offline" within seconds of the
// network going (not "Online" for as long as the socket lingers), an idea posted meanwhile is
// counted in the header as not saved, and the page is back soon after the network or a
// restarted server returns. A server that stops answering without closing (SIGSTOP) is found
// by the heartbeat; against a server that refuses `ping` (it does not know it yet) the
// heartbeat still works, since any answer proves the socket alive. At 360 px the status never
// covers the page's title, in any state, also with words as long as German ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  closeSuite,
  createEvent,
  ideaCard,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  postIdea,
  SERVER_AWAY,
} from './helpers.mjs';

let server;
let browser;
// Refused or cut attempts are expected while the network or the server is away.
// While the server is away, the service worker's update check is refused as well.

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

/** Waits until the header's status reads `status`; resolves with the milliseconds it took. */
async function statusBecomes(page, status, timeout) {
  const start = Date.now();
  await page.locator(`[data-status="${status}"]`).waitFor({ timeout });
  return Date.now() - start;
}

/** Whether two rectangles from getBoundingClientRect overlap (touching edges do not). */
function intersects(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The boxes of the status (with its count and Retry) and of the titles near it: the header's
 * event title and the page's first heading.
 */
function boxes(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      status: box(document.querySelector('.conn-wrap')),
      pill: box(document.querySelector('[data-status]')),
      heading: box(document.querySelector('.topbar__heading')),
      title: box(document.querySelector('main h1, main h2')),
      viewport: document.documentElement.clientWidth,
    };
  });
}

/** Asserts the status is small, on screen, and clear of the titles; saves a screenshot. */
async function checkLayout(page, state) {
  const b = await boxes(page);
  const where = join(tmpdir(), `roundtable-conn-${state}.png`);
  await page.screenshot({ path: where });
  console.log(`# ${state}: status ${Math.round(b.pill.width)}×${Math.round(b.pill.height)} px, screenshot ${where}`);
  assert.ok(b.status && b.pill, `${state}: status shown`);
  assert.ok(b.pill.height <= 32, `${state}: the status pill is one line (${b.pill.height} px high)`);
  assert.ok(b.pill.width <= 160, `${state}: the status pill is small (${b.pill.width} px wide)`);
  assert.ok(b.status.right <= b.viewport + 0.5 && b.status.left >= 0, `${state}: the status is on screen`);
  if (b.heading) assert.ok(!intersects(b.status, b.heading), `${state}: status clear of the header's title`);
  if (b.title) assert.ok(!intersects(b.status, b.title), `${state}: status clear of the page's heading`);
}

test('offline within seconds, the unsaved idea counted in the header, saved once back online', async () => {
  const { event } = await createEvent(server, 'Trust the badge', [{ name: 'Skills', description: '' }]);
  const writer = await newPage(browser, PHONE, SERVER_AWAY);
  const reader = await newPage(browser, LAPTOP, SERVER_AWAY);
  await joinViaForm(writer, server, event.code, { name: 'Writer', group: 'sme', track: 'Skills' });
  await joinViaForm(reader, server, event.code, { name: 'Reader', group: 'startup', track: 'Skills' });
  await statusBecomes(writer, 'online', 10_000);
  const count = writer.getByTestId('unsaved-count');
  assert.equal(await count.count(), 0);

  await writer.context().setOffline(true);
  const offlineMs = await statusBecomes(writer, 'offline', 10_000);
  console.log(`# offline shown ${offlineMs} ms after the network went`);
  assert.ok(offlineMs < 10_000);
  await writer.locator('[data-status]').getByText('Offline').waitFor();

  const text = `Typed with the network gone ${Date.now()}`;
  await postIdea(writer, text);
  await ideaCard(writer, text).getByText('Not yet saved').waitFor();
  await count.waitFor();
  assert.match(await count.innerText(), /^1 not saved$/);
  assert.ok(await count.isVisible());
  // Still offline a while later: no attempts spun it back to reconnecting.
  await sleep(3_000);
  assert.equal(await writer.locator('[data-status]').getAttribute('data-status'), 'offline');
  assert.equal(await ideaCard(reader, text).count(), 0);

  await writer.context().setOffline(false);
  const onlineMs = await statusBecomes(writer, 'online', 5_000);
  console.log(`# online again ${onlineMs} ms after the network returned`);
  await ideaCard(writer, text).getByText('Not yet saved').waitFor({ state: 'detached', timeout: 10_000 });
  await count.waitFor({ state: 'detached' });
  await ideaCard(reader, text).waitFor({ timeout: 10_000 });
  assert.equal(await ideaCard(reader, text).count(), 1);
  assert.deepEqual(writer.errors, []);
  assert.deepEqual(reader.errors, []);
  await writer.context().close();
  await reader.context().close();
});

test('a quiet page stays on one socket; a server that stops answering is noticed within 10 s', async () => {
  const { event } = await createEvent(server, 'Heartbeat', [{ name: 'Skills', description: '' }]);
  const page = await newPage(browser, PHONE, SERVER_AWAY);
  const sockets = [];
  let pings = 0;
  let answers = 0;
  page.on('websocket', (ws) => {
    sockets.push(ws);
    ws.on('framesent', (f) => {
      if (typeof f.payload === 'string' && JSON.parse(f.payload).type === 'ping') pings++;
    });
    ws.on('framereceived', () => answers++);
  });
  await joinViaForm(page, server, event.code, { name: 'Quiet', group: 'sme', track: 'Skills' });
  await statusBecomes(page, 'online', 10_000);
  const opened = sockets.length;

  // 20 s with nothing to say: the page pings and takes the answer (pong, or the error of a
  // server without ping) as life, so it keeps its socket.
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    seen.add(await page.locator('[data-status]').getAttribute('data-status'));
    await sleep(500);
  }
  console.log(`# 20 s quiet: ${pings} pings sent, ${answers} frames received, statuses ${[...seen]}`);
  assert.ok(pings >= 3, `pinged while quiet (${pings})`);
  assert.deepEqual([...seen], ['online']);
  assert.equal(sockets.length, opened, 'no reconnect while the server answered');

  // The server freezes: its sockets stay open but say nothing.
  server.proc.kill('SIGSTOP');
  let resumed = false;
  try {
    const start = Date.now();
    await page.locator('[data-status="reconnecting"], [data-status="offline"]').waitFor({ timeout: 12_000 });
    const deadMs = Date.now() - start;
    console.log(`# a silent server noticed after ${deadMs} ms`);
    assert.ok(deadMs <= 10_000, `noticed within 10 s (${deadMs} ms)`);
    server.proc.kill('SIGCONT');
    resumed = true;
    const backMs = await statusBecomes(page, 'online', 15_000);
    console.log(`# online ${backMs} ms after the server resumed`);
  } finally {
    if (!resumed) server.proc.kill('SIGCONT');
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('back within 5 s of a server restarted after 10 s away', async () => {
  const { event } = await createEvent(server, 'Restart', [{ name: 'Skills', description: '' }]);
  const page = await newPage(browser, PHONE, SERVER_AWAY);
  await joinViaForm(page, server, event.code, { name: 'Waiting', group: 'sme', track: 'Skills' });
  await statusBecomes(page, 'online', 10_000);

  await server.stop();
  await page.locator('[data-status="reconnecting"], [data-status="offline"]').waitFor({ timeout: 10_000 });
  await sleep(10_000);
  await server.restart(); // resolves once it listens again on the same port
  const backMs = await statusBecomes(page, 'online', 5_000);
  console.log(`# online ${backMs} ms after the server listened again`);
  assert.ok(backMs <= 5_000);
  const text = `After the restart ${Date.now()}`;
  await postIdea(page, text);
  await ideaCard(page, text).getByText('Not yet saved').waitFor({ state: 'detached', timeout: 10_000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at 360 px the status never covers the title, in every state and with long words', async () => {
  const { event } = await createEvent(server, 'Ein Veranstaltungstitel, der ziemlich lang ist', [
    { name: 'Skills', description: '' },
  ]);
  const page = await newPage(browser, PHONE, SERVER_AWAY);
  await joinViaForm(page, server, event.code, { name: 'Narrow', group: 'sme', track: 'Skills' });
  await statusBecomes(page, 'online', 10_000);
  await checkLayout(page, 'online');

  await server.stop();
  await statusBecomes(page, 'reconnecting', 10_000);
  await checkLayout(page, 'reconnecting');
  await server.restart();
  await statusBecomes(page, 'online', 10_000);

  await page.context().setOffline(true);
  await statusBecomes(page, 'offline', 10_000);
  await postIdea(page, `Unsaved on a narrow screen ${Date.now()}`);
  await page.getByTestId('unsaved-count').waitFor();
  await page.getByRole('button', { name: 'Retry' }).waitFor();
  await checkLayout(page, 'offline');

  // German-length words in every part of the status (as a translation would have them).
  await page.evaluate(() => {
    document.querySelector('.conn__text').textContent = 'Verbindungswiederherstellung…';
    document.querySelector('.conn__count').textContent = '12 Änderungen nicht gespeichert';
    document.querySelector('.conn__retry').textContent = 'Erneut versuchen';
  });
  await checkLayout(page, 'offline-long-words');
  await page.context().setOffline(false);
  await statusBecomes(page, 'online', 10_000);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
