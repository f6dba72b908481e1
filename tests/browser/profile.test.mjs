// Profiles in the browser: a participant on a phone (360x740) opens "My profile", changes
// their name, organisation, stakeholder group and consent, and the facilitator's console shows
// it live; the facilitator corrects the name in the console and the phone shows it live. The
// event has groups of its own (economists and AI specialists), which the join form, the
// profile and the console offer. The facilitator edits the groups in Settings (rename, add;
// removing one someone is in is refused) until the first vote, and a phone follows live.
// A German admin who leaves the groups as offered gets the nine usual ones named in German.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  eventually,
  formatViolations,
  joinOverSocket,
  joinViaForm,
  LAPTOP,
  newPage,
  openEvent,
  openSection,
  openSuite,
  PHONE,
  WsClient,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

/** The groups a phone's join form offers for an event, and the phone. */
async function joinFormGroups(code) {
  const phone = await newPage(browser, PHONE);
  await phone.goto(`${server.base}/join/${code}`);
  const select = phone.getByLabel('Stakeholder group');
  await select.waitFor();
  return { phone, options: await select.locator('option').allInnerTexts() };
}

test('a participant edits their profile on a phone; the console shows it live, and the other way round', async () => {
  const admin = await WsClient.connect(server.wsUrl);
  await admin.request({ type: 'auth_admin', secret: server.secret });
  const { event, facilitatorToken } = await admin.request({
    type: 'create_event',
    title: 'Economics of AI',
    tracks: [{ name: 'Markets', description: '' }],
    groups: [
      { code: 'economist', label: 'Economist' },
      { code: 'ai', label: 'AI specialist' },
    ],
  });
  admin.close();

  // bypassCSP: axe is injected as an inline script, which the pages' policy refuses.
  const phone = await newPage(browser, { ...PHONE, bypassCSP: true });
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'economist', track: 'Markets' });
  await phone.getByTestId('you').getByText('You are Ana Ruiz').waitFor();

  const console_ = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=people#t=${encodeURIComponent(facilitatorToken)}`,
  );
  const people = console_.getByRole('region', { name: 'Participants, tracks and tables' });
  const row = people.locator('li.people__item').first();
  await row.getByTestId('group').getByText('Economist').waitFor();
  // The console's Settings list the event's own groups.
  await openSection(console_, 'settings');
  await console_.getByTestId('groups').getByText('AI specialist').waitFor();
  await openSection(console_, 'people');

  // On the phone: My profile, fully inside the 360 px screen.
  await phone.getByRole('button', { name: 'My profile' }).click();
  const profile = phone.getByTestId('profile');
  await profile.waitFor();
  const box = await profile.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the profile fits the phone: ${JSON.stringify(box)}`);
  const onPhone = await axeViolations(phone);
  assert.equal(onPhone.length, 0, formatViolations(onPhone));
  await profile.getByLabel('Name', { exact: true }).fill('Ana Ruiz-Lopez');
  await profile.getByLabel('Organisation').fill('OECD');
  await profile.getByLabel('Stakeholder group').selectOption({ label: 'AI specialist' });
  assert.equal(await profile.getByLabel('Name me in the published report').isChecked(), true);
  await profile.getByLabel('Name me in the published report').uncheck();
  await profile.getByRole('button', { name: 'Save' }).click();
  await profile.getByText('Your profile is saved.').waitFor();
  await phone.getByTestId('you').getByText('You are Ana Ruiz-Lopez').waitFor();

  // The console shows it without a reload.
  const ana = people.locator('li.people__item', { hasText: 'Ana Ruiz-Lopez' });
  await ana.getByText('OECD').waitFor();
  await ana.getByTestId('group').getByText('AI specialist').waitFor();

  // The facilitator corrects the name; the phone follows live.
  await ana.getByRole('button', { name: 'Edit Ana Ruiz-Lopez' }).click();
  const form = console_.getByRole('form', { name: 'Edit Ana Ruiz-Lopez' });
  await form.waitFor();
  const inConsole = await axeViolations(console_);
  assert.equal(inConsole.length, 0, formatViolations(inConsole));
  await form.getByLabel('Name', { exact: true }).fill('Ana Ruiz López');
  await form.getByLabel('Stakeholder group').selectOption({ label: 'Economist' });
  await form.getByRole('button', { name: 'Save' }).click();
  await people
    .locator('li.people__item', { hasText: 'Ana Ruiz López' })
    .getByTestId('group')
    .getByText('Economist')
    .waitFor();
  await phone.getByTestId('you').getByText('You are Ana Ruiz López').waitFor();
  await eventually(async () => (await profile.getByLabel('Stakeholder group').inputValue()) !== '', {
    message: 'the profile still shows a group',
  });

  assert.deepEqual(phone.errors, []);
  assert.deepEqual(console_.errors, []);
});

test('a track lead edits their own name and gives consent on a phone; there is no group to choose', async () => {
  const { event, fac } = await openEvent(server, 'Leads too', [{ name: 'Markets', description: '' }]);
  const { token, member } = await fac.request({ type: 'create_link', role: 'lead', track: 1, name: 'Lea' });
  const phone = await newPage(browser, { ...PHONE, bypassCSP: true });
  await phone.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(token)}`);
  await phone.getByRole('button', { name: 'My profile' }).click();
  const profile = phone.getByTestId('profile');
  await profile.waitFor();
  const box = await profile.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `the profile fits the phone: ${JSON.stringify(box)}`);
  assert.equal(await profile.getByLabel('Stakeholder group').count(), 0, 'a lead has no stakeholder group');
  const violations = await axeViolations(phone);
  assert.equal(violations.length, 0, formatViolations(violations));
  await profile.getByLabel('Name', { exact: true }).fill('Lea Novak');
  await profile.getByLabel('Organisation').fill('JRC');
  await profile.getByLabel('Name me in the published report').check();
  await profile.getByRole('button', { name: 'Save' }).click();
  await profile.getByText('Your profile is saved.').waitFor();
  await eventually(
    () =>
      fac.messages.some(
        (m) =>
          m.kind === 'member_updated' && m.member?.id === member.id && m.member.name === 'Lea Novak' && m.member.credit,
      ),
    { message: 'the facilitator is told' },
  );
  fac.close();
  assert.deepEqual(phone.errors, []);
});

test('the admin creates an event with a group of its own; the join form offers it', async () => {
  const admin = await newPage(browser, LAPTOP);
  await admin.goto(`${server.base}/admin#k=${server.secret}`);
  await admin.getByRole('heading', { name: 'Create an event' }).waitFor();
  await admin.getByLabel('Event title').fill('Economists day');
  await admin.getByLabel('Name').first().fill('Markets');
  await admin.getByText('Stakeholder groups (9)').click();
  await admin.getByRole('button', { name: 'Add a group' }).click();
  // A group without a label is refused before anything is sent.
  await admin.getByRole('button', { name: 'Create event' }).click();
  await admin.getByText('Group 10 needs a label of at most 60 characters.').waitFor();
  await admin.getByLabel('Label').nth(9).fill('Economist');
  assert.equal(await admin.getByLabel('Code').nth(9).inputValue(), 'economist', 'the code follows the label');
  await admin.getByRole('button', { name: 'Remove group 9' }).click(); // "Other"
  await admin.getByRole('button', { name: 'Create event' }).click();
  const code = (await admin.getByTestId('join-code').innerText()).trim();

  const { phone, options } = await joinFormGroups(code);
  assert.ok(options.includes('Economist'), options.join(', '));
  assert.ok(!options.includes('Other'), options.join(', '));
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(phone.errors, []);
});

test('a German admin creates an event without touching its groups: they are named in German on the join form', async () => {
  const admin = await newPage(browser, LAPTOP);
  await admin.goto(`${server.base}/admin?lang=de#k=${server.secret}`);
  await admin.getByRole('heading', { name: 'Veranstaltung anlegen' }).waitFor();
  await admin.getByLabel('Titel der Veranstaltung').fill('Tag der Ökonomie');
  await admin.getByLabel('Name').first().fill('Märkte');
  // The form offers the nine groups in the admin's language.
  await admin.getByText('Interessengruppen (9)').click();
  assert.equal(await admin.getByLabel('Bezeichnung').nth(3).inputValue(), 'KMU');
  await admin.getByRole('button', { name: 'Veranstaltung anlegen' }).click();
  const code = (await admin.getByTestId('join-code').innerText()).trim();

  const { phone, options } = await joinFormGroups(code);
  assert.ok(options.includes('KMU'), options.join(', '));
  assert.ok(options.includes('Sonstige'), options.join(', '));
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(phone.errors, []);
});

test("the facilitator edits the event's groups in Settings until the first vote; a phone's profile follows live", async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Groups day', [
    { name: 'Markets', description: '' },
  ]);
  await fac.request({
    type: 'set_groups',
    groups: [
      { code: 'economist', label: 'Economist' },
      { code: 'ai', label: 'AI specialist' },
    ],
  });
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'economist', track: 'Markets' });
  await phone.getByTestId('you').getByText('You are Ana Ruiz').waitFor();
  await phone.getByRole('button', { name: 'My profile' }).click();
  const groupSelect = phone.getByTestId('profile').getByLabel('Stakeholder group');
  await groupSelect.waitFor();

  const console_ = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=settings#t=${encodeURIComponent(facilitatorToken)}`,
  );
  const panel = console_.getByRole('region', { name: 'Stakeholder groups' });
  await panel.getByTestId('groups').getByText('AI specialist').waitFor();

  // Rename one, add one: the code of the new one follows its label.
  await panel.getByRole('button', { name: 'Edit groups' }).click();
  const form = panel.getByRole('form', { name: 'Stakeholder groups' });
  await form.getByLabel('Label').nth(1).fill('AI researcher');
  await form.getByRole('button', { name: 'Add a group' }).click();
  await form.getByLabel('Label').nth(2).fill('Lawyer');
  assert.equal(await form.getByLabel('Code').nth(2).inputValue(), 'lawyer');
  const violations = await axeViolations(console_);
  assert.equal(violations.length, 0, formatViolations(violations));
  await form.getByRole('button', { name: 'Save groups' }).click();
  await panel.getByTestId('groups').getByText('Lawyer').waitFor();
  await panel.getByTestId('groups').getByText('AI researcher').waitFor();
  // The phone's profile offers the new groups at once, without a reload.
  await eventually(
    async () => {
      const options = await groupSelect.locator('option').allInnerTexts();
      return options.join('|') === 'Economist|AI researcher|Lawyer';
    },
    { message: 'the phone offers the new groups' },
  );

  // Removing a group someone is in is refused, and nothing changes.
  await panel.getByRole('button', { name: 'Edit groups' }).click();
  await form.getByRole('button', { name: 'Remove group 1' }).click();
  await form.getByRole('button', { name: 'Save groups' }).click();
  await form
    .getByText('The groups were not changed: people have voted, or someone is in a group you removed.')
    .waitFor();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await panel.getByTestId('groups').getByText('Economist').waitFor();

  // Once someone has voted, the groups are fixed.
  const voter = await joinOverSocket(server, event.code, 'Bo', { group: 'lawyer' });
  const { idea } = await voter.client.request({ type: 'post_idea', track: 1, text: 'Open data for courts' });
  const { round } = await fac.request({ type: 'open_round', title: 'Ideas', track: 1, method: 'dots', budget: 3 });
  await voter.client.request({ type: 'vote', round, item: idea, votes: 1 });
  await panel.getByText('People have voted: the groups can no longer change.').waitFor();
  assert.equal(await panel.getByRole('button', { name: 'Edit groups' }).isDisabled(), true);
  voter.client.close();
  fac.close();
  assert.deepEqual(console_.errors, []);
  assert.deepEqual(phone.errors, []);
});
