// Who may come in and who may be taken out, in the console: the switch "New people may join
// with the code" (closing asks first; the join page then says so before anyone types, and a
// form sent meanwhile shows the same), and "Remove…" on a person who never posted (with a
// confirmation; the person's page says they were removed and stops; a lead removes in their
// own track; someone whose anonymous idea the console cannot see is refused with the reason).
// With three dozen people, screenshots of both at 360×740 and 1280×800 go to $SHOTS_DIR
// (default /tmp/shots) for a look.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  openSection,
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

const SHOTS_DIR = process.env.SHOTS_DIR || '/tmp/shots';
// axe-core is injected as an inline script, which the app's Content-Security-Policy refuses.
const AXE = { bypassCSP: true };

const NAMES = [
  ['Ana Ruiz', 'DG CNECT'],
  ['Jonas Berg', 'Fraunhofer'],
  ['Zoë Kowalska', ''],
  ['Chen Li', 'Tsinghua'],
  ['Bo Jensen', 'Jensen ApS'],
  ['Marta Silva', 'Ministry of Labour'],
  ['Pieter de Vries', 'TNO'],
  ['Aisha Khan', 'Civic Tech Lab'],
  ['Lukas Novák', ''],
  ['Elena Petrova', 'Sofia University'],
  ['Tomás Ó Briain', 'Enterprise Ireland'],
  ['Ingrid Holm', 'NAV'],
  ['Giulia Romano', 'Politecnico di Milano'],
  ['Mateusz Zieliński', 'Startup Poland'],
  ['Sofie Claes', 'Agoria'],
  ['Hugo Martin', 'Dassault Systèmes'],
  ['Nora Lindqvist', ''],
  ['Kwame Mensah', 'AI for Good'],
  ['Léa Dubois', 'CNIL'],
  ['Ravi Patel', 'SAP'],
  ['Anna Schmidt', 'ver.di'],
  ['Diego Fernández', 'Telefónica'],
  ['Eva Horváth', ''],
  ['Jan Kowal', 'GUS'],
  ['Maria Papadopoulou', 'Athena RC'],
  ['Oskar Nilsson', 'Vinnova'],
  ['Fatima El Amrani', 'Mozilla Foundation'],
  ['Paul Murphy', 'ESB'],
  ['Karin Wolf', 'Bundesagentur für Arbeit'],
  ['Ivan Horvat', ''],
  ['Sara Conti', 'Confartigianato'],
  ['Mikkel Sørensen', 'Danish AI Agency'],
  ['Olga Ivanova', 'ETUC'],
  ['Yusuf Demir', 'Koç University'],
  ['Hanna Virtanen', 'Sitra'],
  ['Bruno Costa', 'Unbabel'],
];
const GROUPS = [
  'eu_institution',
  'national_government',
  'large_enterprise',
  'sme',
  'startup',
  'academia',
  'civil_society',
  'ai_specialist',
];

let server;
let browser;
let event;
let facilitatorToken;
let fac;
const seated = [];

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({ title: 'AI & the Future of Work' }));
  // Three dozen people in two tracks; a few of them posted (and one only anonymously).
  for (let i = 0; i < NAMES.length; i += 1) {
    const [name, organisation] = NAMES[i];
    const client = await WsClient.connect(server.wsUrl);
    const joined = await client.request({
      type: 'join',
      code: event.code,
      name,
      organisation,
      group: GROUPS[i % GROUPS.length],
      track: (i % 2) + 1,
      credit: true,
    });
    seated.push({ name, id: joined.you.id, track: joined.you.track, token: joined.token, client });
  }
  for (const i of [0, 1, 3, 5]) {
    await seated[i].client.request({
      type: 'post_idea',
      track: seated[i].track,
      text: `Idea from ${NAMES[i][0]}`,
      anonymous: false,
    });
  }
  await seated[7].client.request({
    type: 'post_idea',
    track: seated[7].track,
    text: 'An idea nobody may trace',
    anonymous: true,
  });
  for (const s of seated) s.client.close();
});
after(() => closeSuite({ server, browser, fac }));

async function assertAccessible(page, what) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what}:\n${formatViolations(violations)}`);
}

// The console's sections have addresses of their own (`?section=people`).
const consoleUrl = (kind, token, section) =>
  `${server.base}/${kind}/${event.code}${section ? `?section=${section}` : ''}#t=${encodeURIComponent(token)}`;

async function shoot(page, name, locator) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await (locator ?? page).screenshot({ path: join(SHOTS_DIR, name) });
}

test('the facilitator closes joining with the code, after a confirmation; the join page says so; reopened it works', async () => {
  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(consoleUrl('facilitate', facilitatorToken, 'settings'));
  const toggle = page.getByRole('switch', { name: 'New people may join with the code' });
  await toggle.waitFor();
  assert.equal(await toggle.isChecked(), true);
  await page.getByText('Anyone with the code or the join link can sign up.').waitFor();

  // Someone has the form open already.
  const early = await newPage(browser, { ...PHONE, ...AXE });
  await early.goto(`${server.base}/join/${event.code}`);
  await early.getByLabel('Your name').fill('Late Comer');
  await early.getByLabel('Stakeholder group').selectOption('sme');
  await early.getByRole('radio', { name: 'Skills' }).check();

  // Turning it off asks first; "Keep it open" keeps it open.
  await toggle.click();
  const question = page.getByText(/^Close joining with the code\?/);
  await question.waitFor();
  assert.equal(await toggle.isChecked(), true, 'still on while asking');
  await page.getByRole('button', { name: 'Keep it open' }).click();
  await question.waitFor({ state: 'detached' });
  assert.equal(await toggle.isChecked(), true);

  await toggle.click();
  await question.waitFor();
  await shoot(page, 'join-switch-confirm-laptop.png');
  await assertAccessible(page, 'the console asking to close joining');
  await page.getByRole('button', { name: 'Close joining' }).click();
  await eventually(async () => !(await toggle.isChecked()), { message: 'the switch off' });
  await openSection(page, 'live');
  await page.getByTestId('join-code-closed').getByText('closed to new sign-ups').waitFor();
  await openSection(page, 'settings');
  await page.getByText(/^Closed: only personal links/).waitFor();
  await shoot(page, 'join-switch-closed-laptop.png');

  // The form sent meanwhile is refused and shows why, instead of the form.
  await early.getByRole('button', { name: 'Join the event' }).click();
  await early
    .getByTestId('join-closed')
    .getByText(/takes no new sign-ups with its code/)
    .waitFor();
  assert.equal(await early.getByLabel('Your name').count(), 0);

  // A new visitor learns it before typing anything.
  const visitor = await newPage(browser, { ...PHONE, ...AXE });
  await visitor.goto(`${server.base}/join/${event.code}`);
  await visitor
    .getByTestId('join-closed')
    .getByText(/use your personal link from the organisers/)
    .waitFor();
  assert.equal(await visitor.getByLabel('Your name').count(), 0, 'no form');
  await shoot(visitor, 'join-closed-phone.png');
  await assertAccessible(visitor, 'the join page of a closed event');

  // The big screen stops inviting people to join with the code.
  const { token: screenToken } = await fac.request({ type: 'create_link', role: 'viewer', name: 'Hall screen' });
  const wall = await newPage(browser, { ...LAPTOP, ...AXE });
  await wall.goto(consoleUrl('screen', screenToken));
  await wall.getByTestId('wall-join-closed').getByText('New sign-ups are closed').waitFor();
  assert.equal(await wall.getByTestId('join-code').count(), 0);
  await shoot(wall, 'screen-join-closed-laptop.png');

  // A personal link still works.
  const seat = await newPage(browser, { ...PHONE, ...AXE });
  await seat.goto(`${server.base}/join/${event.code}#t=${encodeURIComponent(seated[2].token)}`);
  await seat.getByText(`You are ${seated[2].name}`).waitFor();

  // On a phone the console shows the switch off, and reopening needs no confirmation.
  const phoneConsole = await newPage(browser, { ...PHONE, ...AXE });
  await phoneConsole.goto(consoleUrl('facilitate', facilitatorToken, 'settings'));
  const phoneToggle = phoneConsole.getByRole('switch', { name: 'New people may join with the code' });
  await phoneToggle.waitFor();
  assert.equal(await phoneToggle.isChecked(), false);
  await shoot(phoneConsole, 'join-switch-closed-phone.png');
  await phoneToggle.click();
  await eventually(async () => (await toggle.isChecked()) && (await phoneToggle.isChecked()), {
    message: 'open on both consoles',
  });
  await phoneToggle.click();
  await phoneConsole.getByText(/^Close joining with the code\?/).waitFor();
  await shoot(phoneConsole, 'join-switch-confirm-phone.png');
  await phoneConsole.getByRole('button', { name: 'Keep it open' }).click();

  await visitor.reload();
  await joinViaForm(visitor, server, event.code, { name: 'Late Comer', group: 'sme', track: 'Skills' });
  await wall.getByTestId('join-code').getByText(event.code).waitFor();

  for (const p of [page, early, visitor, seat, phoneConsole, wall]) assert.deepEqual(p.errors, []);
  for (const p of [page, early, visitor, seat, phoneConsole, wall]) await p.context().close();
});

test('Remove… on someone who never posted: confirmed, gone from the console, their page says so and stops', async () => {
  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(consoleUrl('facilitate', facilitatorToken, 'people'));
  const people = page.getByRole('region', { name: 'Participants, tracks and tables' });
  await people.waitFor();
  const row = (name) => people.locator('li', { hasText: name });
  await row('Zoë Kowalska').waitFor();
  // Only people who never posted (as far as the console knows) can be removed.
  assert.equal(
    await row('Ana Ruiz')
      .getByRole('button', { name: /^Remove / })
      .count(),
    0,
  );
  assert.equal(
    await row('Chen Li')
      .getByRole('button', { name: /^Remove / })
      .count(),
    0,
  );
  await row('Jan Kowal').getByRole('button', { name: 'Remove from the event: Jan Kowal' }).waitFor();
  await shoot(page, 'people-laptop.png', people);

  // The person is on their phone.
  const victim = seated.find((s) => s.name === 'Lukas Novák');
  const phone = await newPage(browser, { ...PHONE, ...AXE });
  await phone.goto(`${server.base}/join/${event.code}#t=${encodeURIComponent(victim.token)}`);
  await phone.getByText(`You are ${victim.name}`).waitFor();
  await row(victim.name).locator('.dot--on').waitFor();

  await openSection(page, 'live');
  const before = Number((await page.getByTestId('participant-count').innerText()).trim());
  await openSection(page, 'people');
  await row(victim.name)
    .getByRole('button', { name: `Remove from the event: ${victim.name}` })
    .click();
  const confirm = row(victim.name).getByRole('group', { name: `Remove from the event: ${victim.name}` });
  await confirm.getByText(/personal link stops working at once, any votes they cast are withdrawn/).waitFor();
  await shoot(page, 'people-remove-confirm-laptop.png', row(victim.name));
  await assertAccessible(page, 'the console asking to remove someone');
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await row(victim.name).waitFor({ state: 'detached' });
  // The count on the Live section follows.
  await openSection(page, 'live');
  assert.equal(Number((await page.getByTestId('participant-count').innerText()).trim()), before - 1);
  await openSection(page, 'people');

  await phone.getByTestId('removed').getByText('You were removed from this event').waitFor();
  await shoot(phone, 'removed-phone.png');
  await assertAccessible(phone, 'the page of a removed person');
  // It stays that way: no reconnecting, no join form.
  await phone.waitForTimeout(1500);
  assert.equal(await phone.getByTestId('removed').count(), 1);
  assert.equal(await phone.getByText(/Reconnecting/).count(), 0);
  // A reload offers the join form (the personal link is gone from this browser).
  await phone.reload();
  await phone.getByLabel('Your name').waitFor();

  // An anonymous author looks removable, but the server refuses, with the reason.
  const hidden = seated[7];
  await row(hidden.name)
    .getByRole('button', { name: `Remove from the event: ${hidden.name}` })
    .click();
  await row(hidden.name).getByRole('button', { name: 'Remove', exact: true }).click();
  await row(hidden.name)
    .getByText(/has posted ideas, comments or proposal text.*Hide their ideas instead/)
    .waitFor();
  await shoot(page, 'people-remove-refused-laptop.png', row(hidden.name));

  // On a phone: the same list and confirmation fit the width.
  const phoneConsole = await newPage(browser, { ...PHONE, ...AXE });
  await phoneConsole.goto(consoleUrl('facilitate', facilitatorToken, 'people'));
  const phonePeople = phoneConsole.getByRole('region', { name: 'Participants, tracks and tables' });
  await phonePeople.scrollIntoViewIfNeeded();
  await phonePeople
    .locator('li', { hasText: 'Jan Kowal' })
    .getByRole('button', { name: /^Remove / })
    .click();
  await phonePeople.getByText(/personal link stops working/).waitFor();
  await shoot(phoneConsole, 'people-remove-confirm-phone.png', phonePeople.locator('li', { hasText: 'Jan Kowal' }));
  await phonePeople.getByRole('button', { name: 'Cancel' }).click();
  const overflow = await phoneConsole.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await shoot(phoneConsole, 'people-phone.png', phonePeople);

  for (const p of [page, phone, phoneConsole]) assert.deepEqual(p.errors, []);
  for (const p of [page, phone, phoneConsole]) await p.context().close();
});

test('a track lead removes a participant of their own track from their console', async () => {
  const { token } = await fac.request({ type: 'create_link', role: 'lead', track: 1, name: 'Lead of Skills' });
  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(consoleUrl('lead', token));
  const people = page.getByRole('region', { name: 'Participants of Skills' });
  await people.waitFor();
  // Only their track's people, and no Move (that is the facilitator's).
  assert.equal(await people.locator('li', { hasText: 'Jonas Berg' }).count(), 0, 'Jonas is in the other track');
  assert.equal(await people.getByRole('button', { name: /^Move / }).count(), 0);
  const target = seated.find((s) => s.name === 'Giulia Romano');
  assert.equal(target.track, 1);
  const item = people.locator('li', { hasText: target.name });
  await item.getByRole('button', { name: `Remove from the event: ${target.name}` }).click();
  await item.getByRole('button', { name: 'Remove', exact: true }).click();
  await item.waitFor({ state: 'detached' });
  // The facilitator's console follows.
  const facPage = await newPage(browser, { ...LAPTOP, ...AXE });
  await facPage.goto(consoleUrl('facilitate', facilitatorToken, 'people'));
  const list = facPage.getByRole('region', { name: 'Participants, tracks and tables' });
  await list.locator('li', { hasText: 'Zoë Kowalska' }).waitFor();
  assert.equal(await list.locator('li', { hasText: target.name }).count(), 0);
  await shoot(page, 'people-lead-laptop.png', people);

  // A facilitator takes a screen link back from the member list; the screen then says so.
  const { token: screenToken } = await fac.request({ type: 'create_link', role: 'viewer', name: 'Room 2 screen' });
  const wall = await newPage(browser, LAPTOP);
  await wall.goto(consoleUrl('screen', screenToken));
  await wall.getByTestId('join-code').waitFor();
  await facPage.getByText(/^\d+ members$/).click();
  const entry = facPage.locator('.members__item', { hasText: 'Room 2 screen' });
  await entry.getByRole('button', { name: 'Remove from the event: Room 2 screen' }).click();
  await entry.getByText(/It stops working at once/).waitFor();
  await shoot(facPage, 'members-remove-screen-laptop.png', facPage.locator('.members'));
  await entry.getByRole('button', { name: 'Remove', exact: true }).click();
  await entry.waitFor({ state: 'detached' });
  await wall.getByText('This link is not valid, or it has been replaced.').waitFor();
  assert.equal(
    await facPage
      .locator('.members__item', { hasText: 'Lead of Skills' })
      .getByRole('button', { name: /^Remove / })
      .count(),
    0,
  );
  assert.equal(
    await facPage
      .locator('.members__item', { hasText: 'Hall screen' })
      .getByRole('button', { name: /^Remove / })
      .count(),
    1,
  );
  await wall.context().close();
  for (const p of [page, facPage]) assert.deepEqual(p.errors, []);
  for (const p of [page, facPage]) await p.context().close();
});
