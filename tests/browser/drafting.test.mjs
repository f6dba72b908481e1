// Co-editing in real Chromium: two participants of a team type into the same section of a
// proposal at the same time, each sees the other's words live, both end on the same text, and
// that text is the server's, as its report export prints it. A comment on a selected passage
// reaches the other page; axe-core finds no violation on the proposal page. The facilitator
// creates a proposal from the console and freezes and unfreezes proposals; a team member's
// editor follows. The history shows an earlier version and restores it as a new change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeSet, Text } from '@codemirror/state';
import {
  axeViolations,
  closeSuite,
  editorText,
  eventually,
  formatViolations,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  openSection,
} from './helpers.mjs';

let server;
let browser;
let event;
let facilitatorToken;
let fac;
let ana;
let ben;
let proposal;

const HEADING = 'The problem';

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({ title: 'Drafting day' }));
  ana = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  ben = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  await joinViaForm(ana, server, event.code, { name: 'Ana Ruiz', group: 'sme', track: 'Skills' });
  await joinViaForm(ben, server, event.code, { name: 'Ben Okafor', group: 'academia', track: 'Skills' });
  const joined = await eventually(
    () => {
      const ids = fac.messages.filter((m) => m.kind === 'member_joined').map((m) => m.member.id);
      return ids.length >= 2 ? ids : null;
    },
    { message: 'both participants joined' },
  );
  ({ proposal } = await fac.request({
    type: 'create_proposal',
    title: 'Individual AI Learning Account',
    track: event.tracks[0].id,
    team: joined,
  }));
});

after(() => closeSuite({ server, browser, fac }));

const editor = (page) => page.getByRole('textbox', { name: HEADING });
const text = (page) => editorText(editor(page));

test("two pages type into one section at the same time and end with the same text, the server's", async () => {
  for (const page of [ana, ben]) {
    await page.goto(`${server.base}/join/${event.code}/proposals/${proposal}`);
    await editor(page).waitFor({ timeout: 15_000 });
  }
  await editor(ana).click();
  await ana.keyboard.type('Today: ', { delay: 10 });
  await eventually(async () => (await text(ben)) === 'Today: ', { message: 'Ben sees Ana typing' });
  // Ana writes at the start and Ben at the end, both at once, keystroke by keystroke.
  await editor(ana).click();
  await ana.keyboard.press('Control+Home');
  await editor(ben).click();
  await ben.keyboard.press('Control+End');
  await Promise.all([
    ana.keyboard.type('Workers lack time for training. ', { delay: 25 }),
    ben.keyboard.type('Budgets sit with units.', { delay: 25 }),
  ]);
  const final = await eventually(
    async () => {
      const [a, b] = await Promise.all([text(ana), text(ben)]);
      return a === b && a === 'Workers lack time for training. Today: Budgets sit with units.' ? a : null;
    },
    { message: 'both pages show the same text with both sentences' },
  );
  for (const page of [ana, ben]) {
    await eventually(async () => (await page.getByTestId('save-state').first().innerText()).includes('Saved'), {
      message: 'saved',
    });
  }
  // The server holds the same text, and its report export prints it.
  const opened = await fac.request({ type: 'open_section', proposal, section: 1, version: null });
  assert.equal(opened.text, final);
  await fac.request({
    type: 'set_chapters',
    round: null,
    chapters: [{ title: 'Skills', intro: '', proposals: [proposal] }],
  });
  const md = await (
    await fetch(`${server.base}/api/events/${event.code}/report.md`, {
      headers: { Authorization: `Bearer ${facilitatorToken}` },
    })
  ).text();
  assert.ok(md.includes(final.trim()), `the export does not hold the section's text:\n${md}`);
});

test('a comment on a selected passage reaches the teammate; the page passes axe', async () => {
  await editor(ana).click();
  await ana.keyboard.press('Control+A');
  const block = ana.getByTestId('section').filter({ has: ana.getByRole('heading', { name: HEADING }) });
  await block.getByRole('button', { name: 'Comment on selection' }).click();
  await ana.getByRole('textbox', { name: 'Your comment' }).first().fill('Which training, exactly?');
  await ana.getByRole('button', { name: 'Post comment' }).first().click();
  await ben.getByText('Which training, exactly?').waitFor({ timeout: 15_000 });
  const violations = await axeViolations(ben);
  assert.equal(violations.length, 0, formatViolations(violations));
});

test('the facilitator creates a proposal in the console and freezes proposals; a team member sees the freeze', async () => {
  const console_ = await newPage(browser, LAPTOP);
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=proposals#t=${encodeURIComponent(facilitatorToken)}`,
  );
  const panel = console_.getByTestId('drafting-panel');
  await panel.getByRole('button', { name: 'New proposal' }).click();
  await panel.getByLabel('Title', { exact: true }).fill('AI Champions Network');
  await panel.getByRole('button', { name: 'Create proposal' }).click();
  const created = await eventually(
    () => fac.messages.find((m) => m.kind === 'proposal_created' && m.proposal.title === 'AI Champions Network'),
    { message: 'the proposal created from the console' },
  );
  assert.equal(created.proposal.track, event.tracks[0].id);
  await ana.goto(`${server.base}/join/${event.code}/proposals`);
  await ana.getByText('AI Champions Network').first().waitFor();

  // Freeze: the team member's editor turns read-only and says why; unfreeze gives it back.
  await ana.goto(`${server.base}/join/${event.code}/proposals/${proposal}`);
  await editor(ana).waitFor();
  // Freezing is in the settings' danger zone, and asks first.
  await openSection(console_, 'settings');
  const zone = console_.getByTestId('danger-zone');
  await zone.getByRole('button', { name: 'Freeze all proposals' }).click();
  await console_.getByRole('dialog').getByRole('button', { name: 'Freeze all proposals' }).click();
  await zone.getByTestId('frozen-state').getByText('Frozen').waitFor();
  await ana
    .getByText(/Proposals are frozen/)
    .first()
    .waitFor();
  await eventually(async () => (await editor(ana).getAttribute('contenteditable')) === 'false', {
    message: 'read-only editor',
  });
  await zone.getByRole('button', { name: 'Freeze all proposals' }).click();
  await zone.getByTestId('frozen-state').getByText('Open for editing').waitFor();
  await eventually(async () => (await editor(ana).getAttribute('contenteditable')) === 'true', {
    message: 'editable again',
  });
  assert.deepEqual(console_.errors, []);
});

test('history: an earlier version beside the text now, restored as a new change', async () => {
  await ana.goto(`${server.base}/join/${event.code}/proposals/${proposal}`);
  await editor(ana).waitFor();
  const before = await text(ana);
  // One more change, then back to the text before it through the history.
  await editor(ana).click();
  await ana.keyboard.press('Control+End');
  await ana.keyboard.type(' Mistake.', { delay: 10 });
  await eventually(
    async () =>
      (await fac.request({ type: 'open_section', proposal, section: 1, version: null })).text === `${before} Mistake.`,
    { message: 'the mistake saved' },
  );
  const block = ana.getByTestId('section').filter({ has: ana.getByRole('heading', { name: HEADING }) });
  await block.getByRole('button', { name: 'History' }).click();
  const history = block.getByTestId('history');
  await history.waitFor();
  // The last version whose text is the one before the mistake (replayed from the server's history).
  const { updates } = await fac.request({ type: 'section_history', proposal, section: 1, from: 0 });
  let doc = Text.empty;
  let target = 0;
  for (const u of updates) {
    doc = ChangeSet.fromJSON(u.changes).apply(doc);
    if (doc.toString() === before) target = u.version;
  }
  assert.ok(target > 0);
  await history.getByLabel('Version', { exact: true }).fill(String(target));
  await history.getByText(`Version ${target}`, { exact: false }).first().waitFor();
  await history.getByRole('button', { name: 'Restore this version' }).click();
  await eventually(async () => (await text(ana)) === before, { message: 'the restored text in the editor' });
  const now = await eventually(
    async () => {
      const opened = await fac.request({ type: 'open_section', proposal, section: 1, version: null });
      return opened.text === before ? opened : null;
    },
    { message: 'the server holding the restored text' },
  );
  // Nothing was rewritten: the history has every version, the restore one more.
  const all = await fac.request({ type: 'section_history', proposal, section: 1, from: 0 });
  assert.equal(all.updates.length, now.version);
  let replay = Text.empty;
  let sawMistake = false;
  for (const u of all.updates) {
    replay = ChangeSet.fromJSON(u.changes).apply(replay);
    sawMistake ||= replay.toString().endsWith(' Mistake.');
  }
  assert.ok(sawMistake, 'the version with the mistake is still in the history');
  assert.equal(replay.toString(), before);
});
