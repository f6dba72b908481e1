// axe-core finds no accessibility violation on the pages people use.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  connectWith,
  createEvent,
  formatViolations,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  postIdea,
  WsClient,
  openSection,
} from './helpers.mjs';

let server;
let browser;
let event;
let facilitatorToken;

before(async () => {
  ({ server, browser } = await openSuite());
  ({ event, facilitatorToken } = await createEvent(server, 'Accessible event', [
    { name: 'Skills', description: 'How do workers keep up?' },
    { name: 'Public sector', description: 'Services and rules' },
  ]));
});
after(() => closeSuite({ server, browser }));

// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

for (const [label, device] of [
  ['phone', PHONE],
  ['laptop', LAPTOP],
]) {
  test(`join page and board have no violations (${label})`, async () => {
    const page = await newPage(browser, { ...device, ...AXE });
    await page.goto(`${server.base}/`);
    await page.getByLabel('Join code').waitFor();
    await assertNoViolations(page, 'home page');

    await page.goto(`${server.base}/join/${event.code}`);
    await page.getByLabel('Your name').waitFor();
    await assertNoViolations(page, 'join page');
    // With validation errors shown.
    await page.getByRole('button', { name: 'Join the event' }).click();
    await page.getByText('Please enter your name.').waitFor();
    await assertNoViolations(page, 'join page with errors');

    await joinViaForm(page, server, event.code, {
      name: `Reader ${label}`,
      organisation: 'Org',
      group: 'civil_society',
      track: 'Skills',
    });
    await postIdea(page, `A readable idea from the ${label}`);
    await page.getByText(`A readable idea from the ${label}`).waitFor();
    await page.locator('.badge--unsaved').first().waitFor({ state: 'detached' });
    await assertNoViolations(page, 'board');
    assert.deepEqual(page.errors, []);
  });
}

test('facilitator view and screen wall have no violations', async () => {
  const client = await WsClient.connect(server.wsUrl);
  const { event: info } = await client.request({ type: 'event_info', code: event.code });
  await client.request({
    type: 'join',
    code: event.code,
    name: 'Wall poster',
    organisation: '',
    group: 'other',
    track: info.tracks[1].id,
    credit: false,
  });
  await client.request({ type: 'post_idea', track: info.tracks[1].id, text: 'An idea for the wall', anonymous: false });
  const hidden = await client.request({
    type: 'post_idea',
    track: info.tracks[1].id,
    text: 'A hidden idea',
    anonymous: true,
  });
  client.close();

  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  await page.getByRole('tab', { name: /^Public sector/ }).click();
  await page.getByText('An idea for the wall').waitFor();
  const hiddenCard = page.locator('article.cidea').filter({ hasText: 'A hidden idea' });
  await hiddenCard.getByRole('button', { name: /^Actions for the idea/ }).click();
  await page.getByRole('menuitem', { name: 'Hide from participants' }).click();
  await hiddenCard.getByText('Hidden', { exact: true }).waitFor();
  assert.ok(hidden.idea > 0);
  await assertNoViolations(page, 'facilitator view (with a hidden idea)');

  await openSection(page, 'people');
  await page.locator('summary', { hasText: 'Create a link' }).click();
  await page.getByRole('heading', { name: 'Links for other roles' }).waitFor();
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByLabel('Shown as', { exact: true }).fill('Big screen');
  await page.getByRole('button', { name: 'Create link' }).click();
  // The new link opens with its QR code and address.
  const link = page.getByRole('dialog').getByRole('textbox', { name: 'Address' });
  await link.waitFor();
  await assertNoViolations(page, 'facilitator view with a created link');

  // Before the agenda starts the screen shows how to join: the wall is chosen by hand.
  const staff = await connectWith(server, facilitatorToken);
  await staff.request({ type: 'set_screen', mode: 'wall' });
  staff.close();
  const wall = await newPage(browser, { ...LAPTOP, ...AXE });
  await wall.goto(await link.inputValue());
  await wall.getByText('An idea for the wall').waitFor();
  assert.equal(await wall.getByText('A hidden idea').count(), 0);
  await assertNoViolations(wall, 'screen wall');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(wall.errors, []);
});

test('facilitator console panels, participant board in a phase and the big screen have no violations', async () => {
  const { event: ev, facilitatorToken: token } = await createEvent(server, 'Accessible agenda', [
    { name: 'Skills', description: 'How do workers keep up?' },
    { name: 'Public sector', description: '' },
  ]);
  const client = await connectWith(server, token);
  const { token: viewerToken } = await client.request({ type: 'create_link', role: 'viewer', name: 'Wall' });
  client.close();

  const phone = await newPage(browser, { ...PHONE, ...AXE });
  await joinViaForm(phone, server, ev.code, { name: 'Phone reader', group: 'sme', track: 'Skills' });
  await postIdea(phone, 'An idea before the agenda');

  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(`${server.base}/facilitate/${ev.code}#t=${encodeURIComponent(token)}`);
  // The console's bar: start, then pause.
  const agenda = page.locator('.cbar');
  await agenda.getByRole('button', { name: 'Start the agenda' }).click();
  await agenda.getByRole('button', { name: 'Pause' }).waitFor();
  const panel = page.getByRole('region', { name: 'Announcements' });
  await panel.getByLabel('Announcement', { exact: true }).fill('Coffee is ready');
  await panel.getByRole('button', { name: 'Announce' }).click();
  await panel.getByRole('button', { name: 'Take down: Coffee is ready' }).waitFor();
  await assertNoViolations(page, 'facilitator console with agenda and announcement');
  await openSection(page, 'people');
  await page.locator('summary', { hasText: /^\d+ members?$/ }).click();
  await page.locator('.members__state--on').first().waitFor();
  await assertNoViolations(page, 'facilitator console with members');

  await openSection(page, 'settings');
  await page.getByRole('button', { name: 'Edit agenda' }).click();
  await page.getByRole('form', { name: 'Edit the agenda' }).waitFor();
  await assertNoViolations(page, 'agenda editor');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The participant in "Welcome": banner, phase, countdown, the note instead of the composer.
  await phone.getByTestId('phase-title').getByText('Welcome').waitFor();
  await phone.getByText('Coffee is ready').waitFor();
  await phone.getByTestId('countdown').waitFor();
  await assertNoViolations(phone, 'participant board in a non-ideation phase');

  const wall = await newPage(browser, { viewport: { width: 1920, height: 1080 }, ...AXE });
  await wall.goto(`${server.base}/screen/${ev.code}#t=${encodeURIComponent(viewerToken)}`);
  await wall.getByTestId('countdown').waitFor();
  await wall.getByText('Coffee is ready').waitFor();
  // In the welcome the big screen shows how to join.
  await wall.getByTestId('join-code').waitFor();
  await wall.getByRole('img', { name: /^QR code for / }).waitFor();
  await assertNoViolations(wall, 'big screen');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(wall.errors, []);
});

test('admin page has no violations', async () => {
  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(`${server.base}/admin#k=${server.secret}`);
  // Each event is a card with its code linking to its join page.
  await page.getByRole('link', { name: event.code, exact: true }).first().waitFor();
  await assertNoViolations(page, 'admin page');
  assert.deepEqual(page.errors, []);
});
