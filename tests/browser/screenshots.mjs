// The README's screenshots, taken on the full-size event (fullscale.mjs): a participant's
// phone (board and ballot), the facilitator's console and the big screen. Run from tests/:
//   npm run screenshots
// (with ROUNDTABLE_BIN / ROUNDTABLE_WEB_ROOT / CHROMIUM as for the browser tests, after
// `npm run build` in web/). Writes docs/screenshots/*.png at device scale 1.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, repoRoot, Server } from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const OUT = join(repoRoot, 'docs', 'screenshots');
const MAX_BYTES = 400 * 1024;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const LAPTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };

async function shoot(browser, name, device, url, ready) {
  // Brussels, in English: 24-hour times, as the reference day would see them.
  const context = await browser.newContext({
    ...device,
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
  });
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  // Let the fonts, the countdown and late changes settle.
  await page.waitForTimeout(800);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await context.close();
  const size = statSync(path).size;
  console.log(`${path} ${Math.round(size / 1024)} KB`);
  if (size > MAX_BYTES) throw new Error(`${name}.png is ${size} bytes (over ${MAX_BYTES})`);
}

const server = await Server.start();
let browser;
let seed;
try {
  mkdirSync(OUT, { recursive: true });
  // The event as it stands while the second round is open: ideas clustered, a round revealed.
  seed = await seedFullEvent(server, { until: 'voting' });
  const { event } = seed;
  browser = await launchBrowser();
  const person = seed.people[7];
  const join = `${server.base}/join/${event.code}#t=${encodeURIComponent(person.token)}`;

  // The phone's board in the ideas phase: the composer, the tracks, the ideas.
  await seed.fac.request({ type: 'go_to_phase', index: 1 });
  await shoot(browser, 'phone-board', PHONE, join, (page) => page.getByLabel(/^Your idea for/).waitFor());

  // The facilitator's console on a laptop.
  await shoot(
    browser,
    'console',
    LAPTOP,
    `${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(seed.facilitatorToken)}`,
    (page) => page.locator('article.cidea').first().waitFor(),
  );

  // The big screen (what the projector shows in the phase).
  await shoot(
    browser,
    'big-screen',
    PROJECTOR,
    `${server.base}/screen/${event.code}#t=${encodeURIComponent(seed.viewerToken)}`,
    (page) => page.locator('[data-testid="screen"][data-mode="wall"] .screen-tile').first().waitFor(),
  );

  // A ballot on the phone.
  await seed.fac.request({ type: 'go_to_phase', index: 3 });
  await seed.fac.request({ type: 'open_round', title: 'Which ideas should we draft?', track: null });
  await shoot(browser, 'phone-voting', PHONE, join, (page) => page.getByTestId('voting').waitFor());
} finally {
  seed?.close();
  seed?.fac.close();
  await browser?.close();
  await server.close();
}
