// Phones (360×740) on the full-size event (7 tracks, 65 members, 150 ideas, 20 proposals):
// a one-line header, 44 px touch targets, track tabs that show they scroll, what matters in
// the phase on the first screen (the report at the end, the ballot while voting, the team's
// proposal while drafting), a lead's own track first, the searchable merge picker, teammates'
// names whatever their report credit, a frozen note beside each section, and axe-core clean.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, closeSuite, eventually, formatViolations, newPage, openSuite, PHONE } from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const DEVICE = { ...PHONE, bypassCSP: true };
const SCREEN = PHONE.viewport.height;

let server;
let browser;
let seed;

before(async () => {
  ({ server, browser } = await openSuite());
  seed = await seedFullEvent(server);
  await seed.fac.request({ type: 'publish_report', published: true });
});
after(async () => {
  seed?.close();
  await closeSuite({ server, browser, fac: seed?.fac });
});

/** Every visible control below 44 px high (a checkbox or radio counts with its label). */
function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    const sel = 'button, a[href], [role=tab], summary, select, input, textarea, [role=option]';
    for (const el of document.querySelectorAll(sel)) {
      if (el.closest('.visually-hidden, .skip-link')) continue;
      const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') ?? el) : el;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.height < 43.5)
        out.push(`${Math.round(r.height)} px ${el.tagName} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return out;
  });
}

/** The top of an element in the page (not the viewport), in px. */
function pageTop(locator) {
  return locator.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

async function checkPage(page, what) {
  const header = await page.locator('header.topbar').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(header <= 56, `${what}: the header is ${header} px high`);
  assert.deepEqual(await smallTargets(page), [], `${what}: controls under 44 px`);
  assert.equal(formatViolations(await axeViolations(page)), '', `${what}: axe`);
}

async function participant(i, path = '') {
  const person = seed.people[i];
  const page = await newPage(browser, DEVICE);
  await page.goto(`${server.base}/join/${seed.event.code}#t=${encodeURIComponent(person.token)}`);
  await page.getByRole('heading', { level: 1, name: seed.event.title }).waitFor();
  if (path) {
    await page.goto(`${server.base}/join/${seed.event.code}${path}`);
    await page.locator('main h1').first().waitFor();
  }
  return page;
}

/** A participant on the first proposal's team, whose teammate people[0] opted out of credit. */
const TEAMMATE = 7;
const NOT_CREDITED = 0;

test('at the end the published report comes first, the track tabs show they scroll', async () => {
  const page = await participant(TEAMMATE);
  const report = page.getByTestId('report-entry');
  await report.waitFor();
  assert.ok((await pageTop(report)) < SCREEN * 1.5, 'the report within the first screens');
  await checkPage(page, 'board at the end');

  // Seven tracks do not fit 360 px: a faded edge and a "More tracks" arrow say so.
  const tabs = page.getByTestId('track-tabs');
  await tabs.scrollIntoViewIfNeeded();
  await eventually(async () => (await tabs.getAttribute('class')).includes('tracks--after'), {
    message: 'the overflow hint',
  });
  await tabs.getByRole('button', { name: 'More tracks' }).click();
  await tabs.getByRole('button', { name: 'Earlier tracks' }).waitFor();
  // The shown track is scrolled into view when chosen.
  const last = seed.tracks[seed.tracks.length - 1].name;
  await tabs.getByRole('button', { name: last }).click();
  await page.getByRole('heading', { name: `Ideas in ${last}` }).waitFor();
  const inView = await tabs.evaluate((nav) => {
    const tab = nav.querySelector('[aria-pressed="true"]').getBoundingClientRect();
    const box = nav.getBoundingClientRect();
    return tab.left >= box.left - 1 && tab.right <= box.right + 1;
  });
  assert.ok(inView, 'the chosen tab is in view');
});

test("teammates see each other's names, even of a teammate who opted out of report credit", async () => {
  const hidden = seed.people[NOT_CREDITED].member.name;
  const page = await participant(TEAMMATE, '/proposals');
  const mine = page.locator('.proposal-list li').filter({ hasText: 'Your team' }).first();
  await mine.getByText(hidden, { exact: false }).waitFor();
  assert.equal(await page.getByText(/Member \d+/).count(), 0, 'no "Member N" on the list');
  await mine.getByRole('link').first().click();
  await page.getByTestId('proposal-page').getByText(hidden, { exact: false }).first().waitFor();
  assert.equal(await page.getByText(/Member \d+/).count(), 0, 'no "Member N" on the proposal');
  await checkPage(page, 'proposal page');
});

test('drafting: the team’s proposal first; frozen sections say so beside the editor', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 4 });
  const page = await participant(TEAMMATE);
  const entry = page.getByTestId('proposals-entry');
  await entry.getByText('Your team is writing this proposal:').waitFor();
  assert.ok((await pageTop(entry)) < SCREEN, 'the team’s proposal on the first screen');
  await checkPage(page, 'board while drafting');

  await seed.fac.request({ type: 'freeze_proposals', frozen: true });
  await entry.getByRole('link').first().click();
  const sections = page.getByTestId('section');
  await sections.first().waitFor();
  await eventually(async () => (await page.getByTestId('section-frozen').count()) === (await sections.count()), {
    message: 'a frozen note in every section',
  });
  const note = await sections.first().getByTestId('section-frozen').innerText();
  assert.match(note, /Frozen: you cannot edit this section now/);
  await checkPage(page, 'frozen proposal');
  await seed.fac.request({ type: 'freeze_proposals', frozen: false });
});

test('voting: the open round is on the first screen', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 3 });
  await seed.fac.request({ type: 'open_round', title: 'Second look', track: null });
  const page = await participant(TEAMMATE);
  const ballot = page.getByTestId('voting');
  await ballot.getByRole('heading', { name: 'Vote: Second look' }).waitFor();
  assert.ok((await pageTop(ballot)) < SCREEN * 0.8, 'the ballot starts on the first screen');
  await checkPage(page, 'board while voting');
});

test('a lead sees their own track first with its composer, the others folded; the merge picker filters', async () => {
  await seed.fac.request({ type: 'go_to_phase', index: 1 });
  const lead = seed.leads[0];
  const trackName = seed.tracks.find((tr) => tr.id === lead.track).name;
  const page = await newPage(browser, DEVICE);
  await page.goto(`${server.base}/lead/${seed.event.code}#t=${encodeURIComponent(lead.token)}`);
  const own = page.getByTestId('own-track');
  await own.getByRole('heading', { name: `Your track: ${trackName}` }).waitFor();
  const composer = own.getByLabel(/^Your idea for/);
  await composer.waitFor();
  assert.ok((await pageTop(composer)) < SCREEN, 'the composer on the first screen');
  const folds = page.locator('details.lead-track');
  assert.equal(await folds.count(), seed.tracks.length - 1, 'every other track in a fold');
  assert.equal(await page.locator('details.lead-track[open]').count(), 0, 'all folded');
  await checkPage(page, 'lead view');

  // Merge one idea beneath another: typing filters the 20-odd ideas of the track.
  const card = own.locator('article.idea').first();
  await card.getByRole('button', { name: 'Merge into…' }).click();
  const picker = card.getByRole('combobox', { name: 'Merge this idea beneath' });
  await picker.waitFor();
  const all = await card.getByRole('option').count();
  assert.ok(all > 10, `${all} ideas to choose from`);
  const word = (await card.getByRole('option').nth(3).locator('.combo__text').innerText())
    .split(' ')
    .slice(-2)
    .join(' ');
  await picker.fill(word);
  const shown = await card.getByRole('option').allInnerTexts();
  assert.ok(shown.length >= 1 && shown.length < all, `typing "${word}" leaves ${shown.length} of ${all}`);
  for (const text of shown) assert.ok(text.toLowerCase().includes(word.toLowerCase()), text);
  await picker.press('ArrowDown');
  assert.ok(await picker.getAttribute('aria-activedescendant'), 'the keyboard moves through the options');
  await checkPage(page, 'merge picker');
});
