// The big screen on the full-size event (7 tracks, 150 ideas, a revealed round over 136
// ideas), at 1920×1080 and 1280×720: every mode fits the window without scrolling, headings
// never break inside a word, long lists turn their pages by themselves, the QR code sits
// small in a corner outside the join mode, and every mode is axe-clean.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  connectWith,
  eventually,
  formatViolations,
  newPage,
  openSuite,
  WsClient,
} from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const SIZES = [
  { viewport: { width: 1920, height: 1080 }, bypassCSP: true },
  // This projector's laptop asks for reduced motion: no fading, and the pages still turn.
  { viewport: { width: 1280, height: 720 }, bypassCSP: true, reducedMotion: 'reduce' },
];
/** How long a page of the screen stays up (features/screen/Pager.tsx). */
const PAGE_MS = 12_000;

let server;
let browser;
let seed;

before(async () => {
  ({ server, browser } = await openSuite());
  seed = await seedFullEvent(server, { until: 'voting' });
});
after(async () => {
  seed?.close();
  seed?.fac.close();
  await closeSuite({ server, browser });
});

const sizeOf = (page) => `${page.viewportSize().width}×${page.viewportSize().height}`;

/** The big screen at both sizes; `clock` installs a fake clock first (to turn pages at will). */
async function openScreens({ clock = false } = {}) {
  const pages = [];
  for (const size of SIZES) {
    const page = await newPage(browser, size);
    if (clock) await page.clock.install();
    await page.goto(`${server.base}/screen/${seed.event.code}#t=${encodeURIComponent(seed.viewerToken)}`);
    await page.getByTestId('screen').waitFor();
    pages.push(page);
  }
  return pages;
}

async function closeScreens(pages) {
  for (const page of pages) {
    assert.deepEqual(page.errors, [], `${sizeOf(page)}: no errors`);
    await page.context().close();
  }
}

async function showing(page, mode) {
  await page.locator(`[data-testid="screen"][data-mode="${mode}"]`).waitFor();
}

/**
 * Nothing needs scrolling, nothing sticks out of the window, and no list item is cut in half
 * by the box that clips it (items that do not fit are left out whole).
 */
async function assertFits(page, where) {
  const problems = await page.evaluate(() => {
    const out = [];
    const { innerWidth: w, innerHeight: h } = window;
    const doc = document.documentElement;
    if (doc.scrollHeight > h) out.push(`scrollHeight ${doc.scrollHeight} > ${h}`);
    if (doc.scrollWidth > w) out.push(`scrollWidth ${doc.scrollWidth} > ${w}`);
    const clipper = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (getComputedStyle(p).overflow !== 'visible') return p;
      }
      return null;
    };
    for (const el of document.querySelectorAll('.screen h1, .screen h2, .screen h3, .screen li, .screen canvas')) {
      if (el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const c = clipper(el)?.getBoundingClientRect() ?? {
        left: 0,
        top: 0,
        right: w,
        bottom: h,
      };
      const outside = r.right <= c.left + 1 || r.left >= c.right - 1 || r.bottom <= c.top + 1 || r.top >= c.bottom - 1;
      if (outside) continue; // left out whole
      const inside = r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
      const inWindow = r.left >= -1 && r.top >= -1 && r.right <= w + 1 && r.bottom <= h + 1;
      if (!inside || !inWindow) out.push(`${el.tagName} "${el.textContent.slice(0, 40)}" is cut off`);
    }
    return out;
  });
  assert.deepEqual(problems, [], `${where} at ${sizeOf(page)}`);
}

/** Every word of every heading (and the phase title) sits on one line; none may break inside. */
async function assertWholeWords(page, where) {
  const problems = await page.evaluate(() => {
    const out = [];
    const heads = document.querySelectorAll('.screen h1, .screen h2, .screen h3, .screen [data-testid="phase-title"]');
    for (const el of heads) {
      if (el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all' || style.hyphens === 'auto') {
        out.push(`${el.textContent}: ${style.overflowWrap} ${style.wordBreak} ${style.hyphens}`);
      }
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(`"${m[0]}" in "${el.textContent}" breaks over ${lines.size} lines`);
        }
      }
    }
    return out;
  });
  assert.deepEqual(problems, [], `${where} at ${sizeOf(page)}`);
}

async function assertAxe(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where} at ${sizeOf(page)}:\n${formatViolations(violations)}`);
}

/** The small QR code of the join corner: in the top right corner, small but scannable. */
async function assertCornerQr(page, where) {
  const qr = page.getByTestId('join-corner').getByRole('img', { name: /^QR code for / });
  const box = await qr.boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${where}: a QR code in the corner`);
  assert.ok(box.x + box.width >= width - 40 && box.y <= 40, `${where}: top right, at ${JSON.stringify(box)}`);
  assert.ok(box.width <= width * 0.1 && box.height <= height * 0.15, `${where}: small, ${box.width}px`);
  assert.ok(box.width >= 70, `${where}: still scannable, ${box.width}px`);
  assert.equal((await page.getByTestId('join-code').innerText()).trim(), seed.event.code);
}

async function checkMode(page, where) {
  await assertFits(page, where);
  await assertWholeWords(page, where);
  await assertAxe(page, where);
}

test('the idea wall shows all seven tracks at both sizes, fits, and keeps the QR code in a corner', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 1 }); // Ideas: auto shows the wall
  await seed.fac.request({ type: 'set_screen', track: null });
  const pages = await openScreens();
  for (const page of pages) {
    const where = `wall at ${sizeOf(page)}`;
    await showing(page, 'wall');
    // Every track is on the wall, or comes up as the pages turn.
    const seen = new Set();
    await eventually(
      async () => {
        for (const track of seed.tracks) {
          if (await page.getByRole('heading', { name: track.name, exact: true }).isVisible()) seen.add(track.name);
        }
        return seen.size === seed.tracks.length;
      },
      {
        timeout: 3 * PAGE_MS,
        message: `${where}: every track (seen ${[...seen].join(', ')})`,
      },
    );
    // Each tile lists at least its newest idea, whole.
    assert.ok((await page.locator('.screen-tile .screen-idea').count()) >= seed.tracks.length, where);
    await assertCornerQr(page, where);
    await checkMode(page, 'wall');
  }
  await closeScreens(pages);
});

test('the join mode shows a large QR code and code', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 0 }); // Welcome: auto shows how to join
  const pages = await openScreens();
  for (const page of pages) {
    const where = `join at ${sizeOf(page)}`;
    await showing(page, 'join');
    assert.equal(await page.getByTestId('join-corner').count(), 0, `${where}: no corner`);
    const code = page.getByTestId('join-code');
    assert.equal((await code.innerText()).trim(), seed.event.code);
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= page.viewportSize().height * 0.09, `${where}: code ${size}px`);
    const qr = await page.getByRole('img', { name: /^QR code for / }).boundingBox();
    assert.ok(qr.width >= page.viewportSize().height * 0.45, `${where}: QR ${qr.width}px`);
    await checkMode(page, 'join');
  }
  await closeScreens(pages);
});

test('the clusters mode shows every track with its clusters and their idea counts', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 2 }); // Clustering: auto shows the clusters
  const pages = await openScreens();
  for (const page of pages) {
    const where = `clusters at ${sizeOf(page)}`;
    await showing(page, 'clusters');
    for (const track of seed.tracks) {
      const tile = page.locator('.screen-tile', {
        has: page.getByRole('heading', { name: track.name, exact: true }),
      });
      await tile.waitFor();
      await tile.getByText('Funding', { exact: true }).waitFor();
      assert.match(await tile.locator('.screen-cluster__count').first().innerText(), /^\d+ ideas?$/, where);
    }
    await assertCornerQr(page, where);
    await checkMode(page, 'clusters');
  }
  await closeScreens(pages);
});

test('the results mode lists every item of round 1, ranked, across pages that turn by themselves', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 3 }); // Voting, round 1 revealed: auto shows results
  const [round] = seed.rounds;
  const check = await connectWith(server, seed.facilitatorToken);
  const snapshot = await eventually(() => check.messages.find((m) => m.type === 'snapshot'), { message: 'a snapshot' });
  check.close();
  const items = snapshot.rounds.find((r) => r.id === round).items;
  assert.ok(items.length > 100, `round 1 has ${items.length} items`);

  const pages = await openScreens({ clock: true });
  for (const page of pages) {
    const where = `results at ${sizeOf(page)}`;
    await showing(page, 'results');
    const listed = new Set();
    const indicator = page.getByTestId('page-indicator');
    const pagesText = await indicator.innerText();
    assert.match(pagesText, new RegExp(`of ${items.length}\\b`), where);
    let turns = 0;
    for (;;) {
      const ids = await page
        .locator('[data-testid="screen-result"] [data-item]')
        .evaluateAll((els) => els.map((el) => Number(el.dataset.item)));
      ids.forEach((id) => listed.add(id));
      if (turns === 0) await checkMode(page, 'results');
      if (listed.size >= items.length || turns > items.length) break;
      const before = await indicator.innerText();
      await page.clock.runFor(PAGE_MS);
      await eventually(async () => (await indicator.innerText()) !== before, {
        message: `${where}: the page turns`,
      });
      turns += 1;
    }
    const animation = await page.locator('.screen-results').evaluate((el) => getComputedStyle(el).animationName);
    const reduced = await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches);
    assert.equal(animation, reduced ? 'none' : 'screen-page', `${where}: a new page fades in unless motion is reduced`);
    assert.deepEqual(
      [...listed].sort((a, b) => a - b),
      [...items].sort((a, b) => a - b),
      where,
    );
    assert.ok(turns >= 2, `${where}: ${turns} page turns`);
  }
  await closeScreens(pages);
});

test('the progress mode shows the turnout of round 1: the people who voted in the seed', async () => {
  const [round] = seed.rounds;
  // Who voted: everyone eligible (participants and leads) with a ballot in round 1.
  const everyone = [...seed.people, ...seed.leads];
  const byTrack = new Map();
  let voted = 0;
  for (const person of everyone) {
    const client = await WsClient.connect(server.wsUrl);
    const { ballots } = await client.request({
      type: 'hello',
      token: person.token,
      lastSeq: 0,
    });
    client.close();
    const has = Object.values(ballots?.[String(round)] ?? {}).some((v) => v > 0);
    const entry = byTrack.get(person.track) ?? { voted: 0, eligible: 0 };
    entry.eligible += 1;
    if (has) entry.voted += 1;
    byTrack.set(person.track, entry);
    if (has) voted += 1;
  }
  assert.ok(voted >= 40, `${voted} people voted in the seed`);

  await seed.fac.request({ type: 'set_screen', mode: 'progress', round });
  const pages = await openScreens();
  for (const page of pages) {
    const where = `progress at ${sizeOf(page)}`;
    await showing(page, 'progress');
    await page.getByTestId('turnout-total').getByText(`${voted} of ${everyone.length} have voted`).waitFor();
    for (const track of seed.tracks) {
      const { voted: v, eligible: e } = byTrack.get(track.id);
      const row = page.getByTestId(`turnout-track-${track.id}`);
      assert.equal((await row.locator('td').last().innerText()).trim(), `${v} of ${e}`, `${where}: ${track.name}`);
    }
    await assertCornerQr(page, where);
    await checkMode(page, 'progress');
  }
  await closeScreens(pages);
});

test('the announcement mode shows the announcement full screen; results wait for the reveal', async () => {
  const text = 'Lunch is served in the foyer until 13:30. Please be back for the final vote!';
  await seed.fac.request({ type: 'announce', text, track: null });
  await seed.fac.request({ type: 'set_screen', mode: 'announcement' });
  const pages = await openScreens();
  for (const page of pages) {
    await showing(page, 'announcement');
    await page.getByTestId('screen-announcement').getByText(text).waitFor();
    await assertCornerQr(page, `announcement at ${sizeOf(page)}`);
    await checkMode(page, 'announcement');
  }
  // A round not revealed yet: the results mode says they come later.
  const { round } = await seed.fac.request({
    type: 'open_round',
    title: 'Which clusters matter most?',
    track: null,
  });
  await seed.fac.request({ type: 'set_screen', mode: 'results', round });
  for (const page of pages) {
    await showing(page, 'results');
    await page.getByText('Results will be shown when the facilitator reveals them').waitFor();
    assert.equal(await page.getByTestId('screen-result').count(), 0);
    await checkMode(page, 'results before the reveal');
  }
  await closeScreens(pages);
});
