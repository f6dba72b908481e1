// Voting: a participant places dots on a 360 px phone (moves one, cannot overspend), the
// facilitator closes and reveals the round from the console, the big screen and the
// participant's board show the ranked results; axe-core finds no violation on either view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  eventually,
  formatViolations,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  WsClient,
} from './helpers.mjs';

let server;
let browser;
let event;
let facilitatorToken;
let fac;
let other;
let phone;
const IDEAS = ['Learning accounts for every worker', 'A skills passport across the EU', 'Paid time for training'];
const TITLE = 'Which ideas become proposals?';
// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };
const BIG_SCREEN = { viewport: { width: 1920, height: 1080 }, ...AXE };

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({ title: 'Voting day' }));
  other = await WsClient.connect(server.wsUrl);
  await other.request({
    type: 'join',
    code: event.code,
    name: 'Bo Jensen',
    organisation: '',
    group: 'academia',
    track: event.tracks[0].id,
    credit: true,
  });
  for (const text of IDEAS)
    await other.request({ type: 'post_idea', track: event.tracks[0].id, text, anonymous: false });
});

after(() => closeSuite({ server, browser, fac }, other));

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

const more = (page, text) => page.getByRole('button', { name: `Add a vote to: ${text}` });
const less = (page, text) => page.getByRole('button', { name: `Take a vote off: ${text}` });
const dotsOf = (page, text) => page.getByTestId('vote-item').filter({ hasText: text }).getByRole('img');
const left = (page) => page.getByTestId('vote-budget').getByRole('status');

async function order(page) {
  return page.getByTestId('vote-item').locator('.vote-item__text').allInnerTexts();
}

/** The facilitator's latest live results of round 1, as item text → votes. */
async function liveTotals() {
  const { ideas } = fac.messages.find((m) => m.type === 'snapshot') ?? { ideas: [] };
  const posted = fac.messages.filter((m) => m.type === 'change' && m.kind === 'idea_posted').map((m) => m.idea);
  const byId = new Map([...ideas, ...posted].map((i) => [i.id, i.text]));
  const last = fac.messages.filter((m) => m.type === 'results' && m.round === 1).at(-1);
  return Object.fromEntries((last?.items ?? []).map((r) => [byId.get(r.item), r.votes]));
}

test('a participant places, moves and cannot overspend dots on a 360 px phone', async () => {
  phone = await newPage(browser, { ...PHONE, ...AXE });
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'sme', track: 'Skills' });
  await fac.request({
    type: 'open_round',
    title: TITLE,
    track: event.tracks[0].id,
    method: 'dots',
    budget: 3,
    maxPerItem: 2,
    allowOwn: true,
    liveResults: false,
    randomOrder: true,
  });

  await phone.getByRole('heading', { name: `Vote: ${TITLE}` }).waitFor();
  await left(phone).getByText('3 of 3 dots left').waitFor();
  const before = await order(phone);
  assert.deepEqual([...before].sort(), [...IDEAS].sort());

  // Two dots on the first idea: its + is then disabled (at most 2 per idea).
  await more(phone, IDEAS[0]).click();
  await more(phone, IDEAS[0]).click();
  await left(phone).getByText('1 of 3 dots left').waitFor();
  await eventually(() => more(phone, IDEAS[0]).isDisabled(), { message: 'the per-idea cap' });
  assert.equal(await dotsOf(phone, IDEAS[0]).getAttribute('aria-label'), '2 votes');
  assert.equal(await dotsOf(phone, IDEAS[0]).locator('.vote-dot--on').count(), 2);

  // One on the second: the budget is spent, every + is disabled and the counter says why.
  await more(phone, IDEAS[1]).click();
  await left(phone).getByText('0 of 3 dots left').waitFor();
  await phone.getByText('No dots left: take one off another idea first.').waitFor();
  assert.equal(await more(phone, IDEAS[2]).isDisabled(), true, 'an over-budget dot cannot be placed');
  await more(phone, IDEAS[2])
    .click({ force: true })
    .catch(() => {});
  await left(phone).getByText('0 of 3 dots left').waitFor();
  assert.equal(await dotsOf(phone, IDEAS[2]).getAttribute('aria-label'), '0 votes');

  // Move a dot: − on the first idea, + on the third.
  await less(phone, IDEAS[0]).click();
  await left(phone).getByText('1 of 3 dots left').waitFor();
  await more(phone, IDEAS[2]).click();
  await left(phone).getByText('0 of 3 dots left').waitFor();
  await eventually(
    async () => {
      const totals = await liveTotals();
      return totals[IDEAS[0]] === 1 && totals[IDEAS[1]] === 1 && totals[IDEAS[2]] === 1;
    },
    { message: 'the server counting the moved dot' },
  );

  // The counter stays in view at the bottom of a 360 px screen while scrolling the ideas.
  const box = await phone.getByTestId('vote-budget').boundingBox();
  assert.ok(box && box.width <= 360, `counter box ${JSON.stringify(box)}`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page width ${overflow}`);

  await assertNoViolations(phone, 'voting view');

  // A reload keeps the ballot (from the hello ack) and the order (seeded per person).
  await phone.reload();
  await left(phone).getByText('0 of 3 dots left').waitFor();
  assert.deepEqual(await order(phone), before);
  for (const text of IDEAS) assert.equal(await dotsOf(phone, text).getAttribute('aria-label'), '1 vote');
  assert.deepEqual(phone.errors, []);
});

test('the facilitator closes and reveals; the big screen and the participant show the results', async () => {
  // Another voter makes the first idea the winner; the other two tie for second place.
  await other.request({ type: 'vote', round: 1, item: 1, votes: 2 });

  const console_ = await newPage(browser, { ...LAPTOP, ...AXE });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=voting#t=${encodeURIComponent(facilitatorToken)}`,
  );
  await console_.getByRole('heading', { name: 'Voting', exact: true }).waitFor();
  const row = console_.getByTestId('round-1');
  await row.getByText('Open', { exact: true }).waitFor();
  // Live results for the open round, for staff only.
  await row.getByTestId('result-item').first().getByText('3 votes').waitFor();

  const { token: viewerToken } = await fac.request({ type: 'create_link', role: 'viewer', name: 'Main hall' });
  // The projector shows the idea wall (before the agenda starts it would show how to join).
  await fac.request({ type: 'set_screen', mode: 'wall' });
  const wall = await newPage(browser, BIG_SCREEN);
  await wall.goto(`${server.base}/screen/${event.code}#t=${encodeURIComponent(viewerToken)}`);
  await wall.getByRole('heading', { name: 'Skills' }).waitFor();

  await console_.getByRole('button', { name: `Close voting: ${TITLE}` }).click();
  await row.getByText('Closed', { exact: true }).waitFor();
  await phone.getByTestId('voting-closed').getByText('Voting has closed', { exact: false }).waitFor();
  assert.equal(await phone.getByTestId('voting').count(), 0);
  assert.equal(await phone.getByTestId('results-1').count(), 0, 'no results before reveal');

  await console_.getByRole('button', { name: `Reveal results: ${TITLE}` }).click();
  await row.getByText('Revealed', { exact: true }).waitFor();
  await console_.getByRole('button', { name: `Reopen voting: ${TITLE}` }).waitFor();

  // The facilitator puts the results on the projector, large.
  await fac.request({ type: 'set_screen', mode: 'results' });
  const big = wall.getByTestId('screen-results-1');
  await big.getByRole('heading', { name: TITLE }).waitFor();
  assert.equal(await big.getByTestId('screen-result').first().locator('.screen-result__text').innerText(), IDEAS[0]);
  await wall.getByRole('heading', { name: 'Skills' }).waitFor({ state: 'detached' });

  // The participant sees the ranked results with ties, voters, groups and the consensus.
  const results = phone.getByTestId('results-1');
  await results.getByRole('heading', { name: `Results: ${TITLE}` }).waitFor();
  const items = results.getByTestId('result-item');
  assert.equal(await items.count(), 3);
  assert.equal(await items.nth(0).locator('.result__text').innerText(), IDEAS[0]);
  await items.nth(0).getByText('3 votes').waitFor();
  await items.nth(0).getByText('from 2 people').waitFor();
  await items.nth(0).getByText('Rank 1').waitFor();
  for (const i of [1, 2]) {
    await items.nth(i).getByText('Rank 2').waitFor();
    await items.nth(i).getByText('tie').waitFor();
  }
  await items
    .nth(0)
    .getByRole('list', { name: 'By stakeholder group' })
    .getByText(/^Small or medium enterprise: 1 vote from 1 person$/)
    .waitFor();
  await items
    .nth(0)
    .getByText(/^Consensus \d\.\d\d$/)
    .waitFor();
  await results.getByText('What is the consensus score?').click();
  await results.getByText(/geometric mean/).waitFor();

  await assertNoViolations(phone, 'results view (phone)');
  await assertNoViolations(console_, 'console with the voting panel');
  await assertNoViolations(wall, 'big screen with results');

  // Reopen: voting again, the wall goes back to the ideas.
  await console_.getByRole('button', { name: `Reopen voting: ${TITLE}` }).click();
  await phone.getByRole('heading', { name: `Vote: ${TITLE}` }).waitFor();
  await left(phone).getByText('0 of 3 dots left').waitFor();

  assert.deepEqual(phone.errors, []);
  assert.deepEqual(console_.errors, []);
  assert.deepEqual(wall.errors, []);
});

test('the console opens a quadratic round for all tracks; the phone shows credits and costs', async () => {
  const console_ = await newPage(browser, { ...LAPTOP, ...AXE });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=voting#t=${encodeURIComponent(facilitatorToken)}`,
  );
  // With rounds in the list, the form for a new one is folded.
  await console_.locator('summary', { hasText: 'Open a vote round' }).click();
  await console_.getByLabel('Question').fill('Where do we start?');
  await console_.getByLabel('Ideas of').selectOption({ label: 'All tracks' });
  await console_.getByLabel('Method').selectOption('quadratic');
  await console_.getByLabel('Budget per person').fill('9');
  await console_.getByLabel('Show ideas in a different random order to each person').uncheck();
  await console_.getByRole('button', { name: 'Open round' }).click();
  await console_.getByTestId('round-2').getByText('Where do we start?').waitFor();

  await phone.getByRole('heading', { name: 'Vote: Where do we start?' }).waitFor();
  const section = phone.getByTestId('voting').filter({ hasText: 'Where do we start?' });
  assert.deepEqual(await section.locator('.vote-item__text').allInnerTexts(), IDEAS, 'the given order');
  await section.getByText('9 of 9 credits left').waitFor();
  await more(section, IDEAS[1]).click();
  await more(section, IDEAS[1]).click();
  await section.getByText('5 of 9 credits left').waitFor();
  await section.getByTestId('vote-item').filter({ hasText: IDEAS[1] }).getByText('costs 4 credits').waitFor();
  await assertNoViolations(phone, 'quadratic voting view');
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(console_.errors, []);
});
