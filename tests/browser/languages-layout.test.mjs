// Every view fits in long languages: on the full-size event, each view opens in the
// pseudo-locale (en-XA: every text ~40% longer, bracketed) on a phone (360×740) and a laptop
// (1280×800), the big screen at 1280×800 and 1920×1080, and each view in German (the
// longest real words) on the phone. On each: the document does not scroll sideways, no box
// reaches outside the window (except inside the horizontal scrollers named in SCROLLERS),
// and no text is clipped, except people's own content shortened on purpose in an element
// marked `data-clip="content"` (never catalogue text).
//
// Screenshots of every view go to /tmp/shots-ui/ (SHOTS=dir to change, SHOTS= to skip).
// LAYOUT_LANGS=en,en-XA,de checks other languages (English too, to compare); WIDE=1 also
// checks and shoots the participant and console views at 1920×1080.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { closeSuite, LAPTOP, newPage, openSuite, PHONE } from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const SHOTS = process.env.SHOTS ?? '/tmp/shots-ui';
const LANGS = (process.env.LAYOUT_LANGS ?? 'en-XA,de').split(',').filter(Boolean);
const WIDE = { viewport: { width: 1920, height: 1080 } };
const SCREEN_LAPTOP = { viewport: { width: 1280, height: 800 } };
/** The sizes each language is checked at: every view in the pseudo-locale, German on the phone. */
const SIZES = {
  'en-XA': [PHONE, LAPTOP],
  de: [PHONE],
  en: [PHONE, LAPTOP],
};
const SCREEN_SIZES = [SCREEN_LAPTOP, WIDE];

/**
 * Deliberate horizontal scrollers: what is inside may reach past the window (it scrolls).
 * The participant's track tabs (with their "more tracks" arrows), the console's section
 * tabs on narrow screens and its track tabs, and wide tables that scroll in their wrapper
 * (`.table-wrap`, `.table-scroll`).
 */
const SCROLLERS = ['.tracks__list', '.cnav__list', '.ttabs', '.table-wrap', '.table-scroll'];
/**
 * The big screen's lists that leave out whole the items that do not fit (a tile's ideas or
 * clusters flow into columns it does not show; screen-fullscale.test.mjs checks that no
 * item is cut in half).
 */
const PAGERS = ['.screen-tile__ideas'];

if (SHOTS) mkdirSync(SHOTS, { recursive: true });

let server;
let browser;
let seed;
const failures = [];

before(async () => {
  ({ server, browser } = await openSuite());
  seed = await seedFullEvent(server, { until: 'final' });
  await seed.fac.request({ type: 'publish_report', published: true });
});
after(async () => {
  seed?.close();
  seed?.fac.close();
  await closeSuite({ server, browser });
});

const sizeName = (device) => `${device.viewport.width}×${device.viewport.height}`;

/** What is wrong with the layout of the page (runs in the page). */
function layoutProblems({ scrollers, pagers, pseudo }) {
  const out = [];
  const doc = document.documentElement;
  const W = doc.clientWidth;
  if (doc.scrollWidth > W)
    out.push({ kind: 'document scrolls sideways', sel: 'html', text: `${doc.scrollWidth} > ${W}` });
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += `#${e.id}`;
      const test = e.getAttribute('data-testid');
      if (test) s += `[data-testid="${test}"]`;
      for (const c of [...e.classList].slice(0, 2)) s += `.${c}`;
      parts.unshift(s);
      if (e.id) break;
    }
    return parts.join(' > ');
  };
  const scroller = scrollers.join(',');
  const pager = pagers.join(',');
  const clips = (v) => v === 'hidden' || v === 'clip';
  const catalogue = /\[[^\]]*[\u00C0-\u024F]/;
  const textOf = (el) => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, svg, .cm-tooltip')) continue;
    if (el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    // Shown to screen readers only (a 1 px box, as .visually-hidden).
    if (r.width <= 1 || r.height <= 1) continue;
    const inScroller = el.parentElement?.closest(scroller);
    // A box outside the window: the part of it its clipping ancestors leave visible.
    if (!inScroller) {
      let left = r.left;
      let right = r.right;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') {
          const c = p.getBoundingClientRect();
          left = Math.max(left, c.left);
          right = Math.min(right, c.right);
        }
      }
      if (right > left && (right > W + 1 || left < -1)) {
        out.push({
          kind: 'outside the window',
          sel: describe(el),
          text: `${Math.round(left)}…${Math.round(right)}: ${textOf(el)}`,
        });
      }
    }
    const text = textOf(el);
    if (text === '' || ['INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName)) continue;
    const cutX = clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.matches(pager);
    const cutY = clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && !el.matches(pager);
    const scrollsX =
      ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.matches(scroller);
    if (!cutX && !cutY && !scrollsX) continue;
    const kind = scrollsX ? 'scrolls sideways (not a named scroller)' : `text cut ${cutX ? 'sideways' : 'below'}`;
    const marked = el.closest('[data-clip="content"]');
    if (marked && !scrollsX) {
      // People's content may be shortened on purpose, catalogue text never.
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.data)
        .join('');
      if (!(pseudo && catalogue.test(own))) continue;
      out.push({ kind: `${kind}: catalogue text in data-clip`, sel: describe(el), text });
      continue;
    }
    out.push({
      kind,
      sel: describe(el),
      text: `${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}: ${text}`,
    });
  }
  return out;
}

/**
 * Opens `url` (the language added to its query) in a new page of `device`, waits for
 * `ready`, checks the layout and takes a screenshot. `then(page)` may open more of the
 * view first (a dialog, a fold) and return its name.
 */
async function visit(view, lang, device, url, ready, then) {
  const page = await newPage(browser, device, [/Failed to load resource/]);
  const [path, hash = ''] = url.split('#');
  const sep = path.includes('?') ? '&' : '?';
  try {
    await page.goto(`${server.base}${path}${sep}lang=${lang}${hash ? `#${hash}` : ''}`);
    await ready(page);
    if (then) await then(page);
    // Fonts and lazy parts settle.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(150);
    const lang2 = await page.evaluate(() => document.documentElement.lang);
    const where = `${view} [${lang} ${sizeName(device)}]`;
    if (lang2 !== lang) failures.push(`${where}: <html lang="${lang2}">`);
    const problems = await page.evaluate(layoutProblems, {
      scrollers: SCROLLERS,
      pagers: PAGERS,
      pseudo: lang === 'en-XA',
    });
    for (const p of problems) failures.push(`${where} ${p.kind}: ${p.sel} "${p.text}"`);
    if (page.errors.length > 0) failures.push(`${where}: errors ${page.errors.join(' | ')}`);
    if (SHOTS) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const { width } = device.viewport;
      await page.screenshot({
        path: `${SHOTS}/${view}-${lang}-${width}.png`,
        fullPage: true,
        clip: { x: 0, y: 0, width, height: Math.min(height, 3200) },
      });
    }
  } catch (err) {
    failures.push(`${view} [${lang} ${sizeName(device)}]: could not open: ${err.message.split('\n')[0]}`);
  } finally {
    await page.context().close();
  }
}

/** Every language at its sizes (and the wide one with WIDE=1). */
async function everywhere(view, url, ready, then) {
  for (const lang of LANGS) {
    const sizes = [...(SIZES[lang] ?? [PHONE])];
    if (process.env.WIDE && lang !== 'de') sizes.push(WIDE);
    for (const device of sizes) await visit(view, lang, device, url, ready, then);
  }
}

/** Asserts the failures collected since the last call. */
function assertNone(what) {
  const found = failures.splice(0);
  assert.equal(found.length, 0, `${what}: ${found.length} layout problems\n${found.join('\n')}`);
}

const code = () => seed.event.code;
const as = (token) => `#t=${encodeURIComponent(token)}`;
const main = (page) => page.locator('main').first().waitFor();
const heading = (page) => page.locator('main h1').first().waitFor();
const consoleReady = (section) => (page) => page.locator(`.capp__main[data-section="${section}"]`).waitFor();
/** A participant on the first proposal's team (see phones-fullscale.test.mjs). */
const TEAMMATE = 7;

test('the end of the event: home, join form, board with the report, profile, console, lead, admin', async () => {
  await everywhere('home', '/', main);
  await everywhere('join-form', `/join/${code()}`, (page) => page.locator('form').first().waitFor());
  const person = seed.people[TEAMMATE].token;
  await everywhere(
    'board-report',
    `/join/${code()}${as(person)}`,
    (page) => page.getByTestId('report-entry').waitFor(),
    async (page) => {
      await page.getByTestId('report-entry').locator('button.btn--primary').click();
      await page.locator('#report-entry-body :is(h3, h4)').first().waitFor();
    },
  );
  await everywhere('profile', `/join/${code()}${as(person)}`, heading, async (page) => {
    await page.locator('.board__profile').click();
    await page.getByTestId('profile').waitFor();
  });
  for (const section of ['live', 'ideas', 'voting', 'proposals', 'report', 'people', 'settings']) {
    await everywhere(
      `console-${section}`,
      `/facilitate/${code()}?section=${section}${as(seed.facilitatorToken)}`,
      consoleReady(section),
    );
  }
  await everywhere('lead', `/lead/${code()}${as(seed.leads[0].token)}`, heading);
  await everywhere('admin', `/admin#k=${server.secret}`, (page) =>
    page.getByRole('link', { name: code(), exact: true }).first().waitFor(),
  );
  assertNone('at the end');
});

test('drafting: board, proposals list and a proposal page with its editor', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 4 });
  const person = seed.people[TEAMMATE].token;
  // A page loaded with the token keeps it for the same context only: each visit says who it is.
  const withToken = (path) => `${path}${as(person)}`;
  await everywhere('board-drafting', withToken(`/join/${code()}`), (page) =>
    page.getByTestId('proposals-entry').waitFor(),
  );
  await everywhere('proposals', withToken(`/join/${code()}/proposals`), (page) =>
    page.locator('.proposal-list li').first().waitFor(),
  );
  await everywhere(
    'proposal',
    withToken(`/join/${code()}/proposals/${seed.proposals[0]}`),
    (page) => page.getByTestId('section').first().waitFor(),
    async (page) => {
      await page.getByTestId('section').first().locator('.cm-content').first().waitFor();
    },
  );
  await everywhere(
    'console-proposal',
    `/facilitate/${code()}/proposals/${seed.proposals[0]}${as(seed.facilitatorToken)}`,
    (page) => page.getByTestId('section').first().waitFor(),
  );
  assertNone('while drafting');
});

test('voting: an open round on the board, the console, the lead', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 3 });
  const { round } = await seed.fac.request({ type: 'open_round', title: 'Second look', track: null });
  seed.openRound = round;
  const person = seed.people[TEAMMATE].token;
  await everywhere('voting', `/join/${code()}${as(person)}`, (page) => page.getByTestId('voting').waitFor());
  await everywhere(
    'console-voting-open',
    `/facilitate/${code()}?section=voting${as(seed.facilitatorToken)}`,
    consoleReady('voting'),
  );
  await everywhere('console-live-voting', `/facilitate/${code()}${as(seed.facilitatorToken)}`, consoleReady('live'));
  assertNone('while voting');
});

test('ideation: board, console ideas, lead', async () => {
  await seed.fac.request({ type: 'close_round', round: seed.openRound });
  await seed.fac.request({ type: 'go_to_phase', index: 1 });
  const person = seed.people[TEAMMATE].token;
  await everywhere('board-ideation', `/join/${code()}${as(person)}`, (page) =>
    page.locator('textarea').first().waitFor(),
  );
  await everywhere('lead-ideation', `/lead/${code()}${as(seed.leads[0].token)}`, (page) =>
    page.getByTestId('own-track').waitFor(),
  );
  await everywhere(
    'console-ideas-ideation',
    `/facilitate/${code()}?section=ideas${as(seed.facilitatorToken)}`,
    (page) => page.locator('article.cidea').first().waitFor(),
  );
  // Similar ideas under the composer, and the moderators' suggestions opened.
  await everywhere(
    'board-similar',
    `/join/${code()}${as(person)}`,
    (page) => page.locator('textarea').first().waitFor(),
    async (page) => {
      await page.locator('textarea').first().fill('Fund learning accounts and micro-credentials for every worker');
      await page.getByTestId('similar').waitFor();
    },
  );
  const openSuggestions = async (page) => {
    const panel = page.getByTestId('suggestions').first();
    await panel.locator('summary').click();
    await panel.locator('.suggest__pairs, .suggest__line').first().waitFor();
    await panel.getByTestId('suggest-clusters').locator('.suggest__head .btn').click();
    await panel.locator('.suggest__group').first().waitFor({ timeout: 10_000 });
  };
  await everywhere(
    'lead-suggestions',
    `/lead/${code()}${as(seed.leads[0].token)}`,
    (page) => page.getByTestId('own-track').waitFor(),
    openSuggestions,
  );
  await everywhere(
    'console-suggestions',
    `/facilitate/${code()}?section=ideas${as(seed.facilitatorToken)}`,
    (page) => page.locator('article.cidea').first().waitFor(),
    openSuggestions,
  );
  assertNone('in ideation');
});

test('the big screen in its modes', async () => {
  const rounds = seed.rounds;
  const modes = [
    ['join', { mode: 'join' }],
    ['wall', { mode: 'wall' }],
    ['clusters', { mode: 'clusters' }],
    ['progress', { mode: 'progress', round: rounds[0] }],
    ['results', { mode: 'results', round: rounds[0] }],
  ];
  for (const [name, command] of modes) {
    await seed.fac.request({ type: 'set_screen', ...command });
    for (const lang of LANGS) {
      for (const device of SCREEN_SIZES) {
        await visit(`screen-${name}`, lang, device, `/screen/${code()}${as(seed.viewerToken)}`, (page) =>
          page.locator(`[data-testid="screen"][data-mode="${name}"]`).waitFor(),
        );
      }
    }
  }
  assertNone('the big screen');
});
