// The final round and the report: the facilitator opens a round over proposals from the
// console; on a 360 px phone a participant's own team's proposal is closed to their votes.
// In the final selection the facilitator saves the texts, pre-fills the chapters from the
// final round (numbered 1..N, with votes), moves proposals with the buttons, the chapter
// select and drag and drop, adds a chapter, takes a proposal out and back in; the sandboxed
// preview follows; the results CSV and the report download with their names. Published, the
// report appears on the participant's board (preview and downloads); taken back, it goes.
// axe-core finds no violation on the console with the panel open or on the phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  eventually,
  formatViolations,
  newPage,
  openSuite,
  PHONE,
  WsClient,
  openSection,
} from './helpers.mjs';

let server;
let browser;
let event;
let facilitatorToken;
let fac;
let ana;
let bo;
let console_;
let phone;
const PROPOSALS = ['Learning accounts', 'A skills passport', 'A public AI lab'];
const ids = {};
// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({ title: 'Report day' }));
  const join = async (name, track) => {
    const c = await WsClient.connect(server.wsUrl);
    const r = await c.request({
      type: 'join',
      code: event.code,
      name,
      organisation: '',
      group: 'sme',
      track,
      credit: true,
    });
    return { c, id: r.you.id, token: r.token };
  };
  ana = await join('Ana Ruiz', event.tracks[0].id);
  bo = await join('Bo Jensen', event.tracks[0].id);
  const teams = [[ana.id], [bo.id], []];
  for (const [i, title] of PROPOSALS.entries()) {
    const track = event.tracks[i === 2 ? 1 : 0].id;
    ids[title] = (
      await fac.request({
        type: 'create_proposal',
        title,
        track,
        ideas: [],
        cluster: null,
        table: null,
        team: teams[i],
      })
    ).proposal;
  }
});

after(() => closeSuite({ server, browser, fac }, ana?.c, bo?.c));

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

/** The proposal titles of each chapter, in printed order. */
const chapterTitles = (panel) =>
  panel
    .locator('.final-chapter')
    .evaluateAll((els) =>
      els.map((e) => [...e.querySelectorAll('[data-report-item] .final-item__title')].map((x) => x.textContent)),
    );

test('a final round over proposals: own team closed, labels per proposal', async () => {
  console_ = await newPage(browser, { viewport: { width: 1400, height: 2400 }, ...AXE });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=voting#t=${encodeURIComponent(facilitatorToken)}`,
  );
  await console_.getByLabel('Question').fill('Which proposals go into the report?');
  await console_.getByLabel('Vote on').selectOption('proposals');
  await console_.getByLabel('Proposals of').selectOption({ label: 'All tracks' });
  await console_.getByLabel('Teams may vote for their own proposals').uncheck();
  await console_.getByLabel('Show proposals in a different random order to each person').uncheck();
  await console_.getByRole('button', { name: 'Open round' }).click();
  const row = console_.getByTestId('round-1');
  await row.getByText('Final round').waitFor();
  await row.getByText('All tracks · dots · 3 proposals').waitFor();

  phone = await newPage(browser, { ...PHONE, ...AXE });
  await phone.goto(`${server.base}/join/${event.code}#t=${encodeURIComponent(ana.token)}`);
  const ballot = phone.getByTestId('voting');
  await ballot.getByRole('heading', { name: 'Vote: Which proposals go into the report?' }).waitFor();
  await ballot.getByText('In this round nobody votes for their own team’s proposal.').waitFor();
  const own = ballot.getByTestId('vote-item').filter({ hasText: PROPOSALS[0] });
  await own.getByText('Team: Ana Ruiz (your team)').waitFor();
  await own.getByText('Your team’s proposal: not open to your votes in this round.').waitFor();
  assert.equal(await own.getByRole('button').count(), 0);
  await ballot.getByRole('button', { name: `Add a vote to: ${PROPOSALS[1]}` }).click();
  await ballot.getByText('4 of 5 dots left').waitFor();
  await assertNoViolations(phone, 'ballot over proposals');

  await bo.c.request({ type: 'vote', round: 1, item: ids[PROPOSALS[2]], votes: 2 });
  await fac.request({ type: 'close_round', round: 1 });
  await fac.request({ type: 'reveal_round', round: 1 });
  await phone.getByTestId('results-1').getByText(PROPOSALS[2]).waitFor();

  const [download] = await Promise.all([
    console_.waitForEvent('download'),
    console_.getByRole('button', { name: 'Download results (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  assert.deepEqual(console_.errors, []);
});

test('the final selection: texts, pre-fill, moves by button, select and drag, preview', async () => {
  await openSection(console_, 'report');
  const panel = console_.getByTestId('final-selection');
  const show = panel.getByRole('button', { name: 'Show' });
  if (await show.count()) await show.click();

  await panel.getByLabel('Title', { exact: true }).fill('Three proposals for work and AI');
  await panel.getByLabel('Foreword (optional)').fill('We **met** in Brussels.');
  await panel.getByRole('button', { name: 'Save texts' }).click();
  await panel.getByText('Texts saved.').waitFor();

  await panel.getByLabel('How many proposals').fill('3');
  await panel.getByRole('button', { name: 'Pre-fill' }).click();
  await panel.locator('[data-report-item]').nth(2).waitFor();
  await panel.getByText('Votes shown from the round “Which proposals go into the report?”.').waitFor();
  assert.deepEqual(await panel.locator('.final-item__n').allTextContents(), ['No. 1', 'No. 2', 'No. 3']);
  const first = await chapterTitles(panel);
  assert.deepEqual(first.flat().sort(), [...PROPOSALS].sort());
  await panel.locator(`[data-report-item="${ids[PROPOSALS[2]]}"]`).getByText('2 votes · rank 1').waitFor();

  // Keyboard: the first proposal one step down; the focus stays on its button.
  const top = first.flat()[0];
  await panel.getByRole('button', { name: `Move down: ${top}` }).click();
  await eventually(async () => (await chapterTitles(panel)).flat()[0] !== top, { message: 'the move' });
  await eventually(() => console_.evaluate(() => document.activeElement?.getAttribute('data-action') === 'down'), {
    message: 'focus on the moved proposal’s button',
  });
  await panel.getByText(new RegExp(`^${top} is now number \\d, in `)).waitFor({ state: 'attached' });

  // A new chapter; a proposal moved into it with its chapter select.
  await panel.getByLabel('Title of the new chapter').fill('Across tracks');
  await panel.getByRole('button', { name: 'Add a chapter' }).click();
  const newChapter = panel.getByRole('heading', { name: /: Across tracks$/ });
  await newChapter.waitFor();
  const label = (await newChapter.textContent()).trim();
  await panel.getByLabel(`Chapter of ${PROPOSALS[0]}`).selectOption({ label });
  await eventually(async () => (await chapterTitles(panel)).at(-1)?.[0] === PROPOSALS[0], {
    message: 'the select move',
  });

  // Drag and drop: the last proposal (in the new chapter) before the first one.
  const items = panel.locator('[data-report-item]');
  const head = await items.first().locator('.final-item__title').textContent();
  await items.last().scrollIntoViewIfNeeded();
  // Picked up by its grip (the left edge), not by its buttons.
  await items.last().dragTo(items.first(), { sourcePosition: { x: 12, y: 12 }, targetPosition: { x: 30, y: 4 } });
  await eventually(async () => (await chapterTitles(panel))[0]?.[0] === PROPOSALS[0], { message: 'the drop' });
  assert.equal((await chapterTitles(panel)).flat()[1], head);
  assert.deepEqual(await panel.locator('.final-item__n').allTextContents(), ['No. 1', 'No. 2', 'No. 3']);

  // Out of the report and back in.
  await panel.getByRole('button', { name: `Remove from the report: ${PROPOSALS[1]}` }).click();
  const outside = panel.locator('[data-outside-item]');
  await outside.filter({ hasText: PROPOSALS[1] }).waitFor();
  await panel.getByRole('button', { name: `Add ${PROPOSALS[1]} to the chosen chapter` }).click();
  await outside.first().waitFor({ state: 'detached' });
  await panel.getByText('Every proposal is in the report.').waitFor();
  assert.deepEqual(panel.page().errors, []);
  assert.deepEqual(await panel.getByRole('alert').allTextContents(), []);

  // The preview shows the saved title and follows the order; its links stay inside it.
  const frame = console_.frameLocator('[data-testid="report-preview"]');
  await frame.locator('h1').getByText('Three proposals for work and AI').waitFor();
  await eventually(async () => (await frame.locator('body').innerText()).includes(`Proposal 1: ${PROPOSALS[0]}`), {
    message: 'the preview following the chapters',
  });
  assert.equal(await console_.getByTestId('report-preview').getAttribute('sandbox'), '');

  const [download] = await Promise.all([
    console_.waitForEvent('download'),
    panel.getByRole('button', { name: 'Markdown' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.md$/);
  await assertNoViolations(console_, 'final selection');
});

test('published, the report is on the participant’s board; taken back, it goes', async () => {
  const panel = console_.getByTestId('final-selection');
  assert.equal(await phone.getByTestId('report-entry').count(), 0);
  await panel.getByRole('switch', { name: 'Published' }).check();
  await panel.getByText('Published: every participant can read and download the report.').waitFor();

  const entry = phone.getByTestId('report-entry');
  await entry.waitFor();
  await entry.getByRole('button', { name: 'Read the report' }).click();
  await phone
    .frameLocator('[data-testid="report-preview"]')
    .locator('h1')
    .getByText('Three proposals for work and AI')
    .waitFor();
  for (const name of ['Markdown', 'HTML (print-ready)', 'Word (DOCX)', 'JSON (all data)']) {
    await entry.getByRole('button', { name }).waitFor();
  }
  assert.equal(await entry.getByRole('button', { name: 'Ideas (CSV)' }).count(), 0);
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    entry.getByRole('button', { name: 'Word (DOCX)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page width ${width}`);
  await assertNoViolations(phone, 'report entry');

  await panel.getByRole('switch', { name: 'Published' }).uncheck();
  await panel.getByText('Not published: only facilitators see the report.').waitFor();
  await entry.waitFor({ state: 'detached' });
  assert.deepEqual(phone.errors, []);
});
