// Announcements: the facilitator writes one in the console; participants see it at the top
// of their board at once, for everyone or for their track only, until it is taken down.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSuite, createEvent, eventually, joinViaForm, LAPTOP, newPage, openSuite, PHONE } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

test('an announcement from the console appears live on a participant board', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Announced day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  const banner = phone.getByRole('status', { name: 'Announcements' });
  assert.equal(await banner.getByRole('listitem').count(), 0);

  const console_ = await newPage(browser, LAPTOP);
  await console_.goto(`${server.base}/facilitate/${event.code}#t=${encodeURIComponent(facilitatorToken)}`);
  const panel = console_.getByRole('region', { name: 'Announcements' });
  const field = panel.getByLabel('Announcement', { exact: true });
  await field.fill('Lunch is served in the atrium');
  await panel.getByText('29 of 280 characters').waitFor();
  await panel.getByRole('button', { name: 'Announce' }).click();
  await banner.getByText('Lunch is served in the atrium').waitFor();
  assert.equal(await field.inputValue(), '', 'the form is cleared once the server took it');
  await panel.getByRole('listitem').getByText('Lunch is served in the atrium').waitFor();

  // One for another track: not on this participant's board, but in the console.
  await field.fill('Public sector: move to room 3');
  await panel.getByLabel('Show to').selectOption({ label: 'Participants of Public sector' });
  await panel.getByRole('button', { name: 'Announce' }).click();
  await panel.getByText('To Public sector').waitFor();
  // And one for the participant's own track.
  await field.fill('Skills: your facilitator is Jo');
  await panel.getByLabel('Show to').selectOption({ label: 'Participants of Skills' });
  await panel.getByRole('button', { name: 'Announce' }).click();
  await banner.getByText('Skills: your facilitator is Jo').waitFor();
  assert.equal(await banner.getByText('Public sector: move to room 3').count(), 0);
  assert.equal(await banner.getByRole('listitem').count(), 2);

  // An empty announcement is stopped in the form.
  await panel.getByRole('button', { name: 'Announce' }).click();
  await panel.getByText('Write the announcement first.').waitFor();

  // Taken down: gone from the board without a reload.
  await panel.getByRole('button', { name: 'Take down: Lunch is served in the atrium' }).click();
  await banner.getByText('Lunch is served in the atrium').waitFor({ state: 'detached' });
  await banner.getByText('Skills: your facilitator is Jo').waitFor();

  // A reload shows what is up now, once the page has caught up with the server (it may first
  // show the board it kept, from before the take-down was saved).
  await phone.reload();
  await banner.getByText('Skills: your facilitator is Jo').waitFor();
  await eventually(async () => (await banner.getByRole('listitem').count()) === 1, {
    message: 'one announcement after the reload',
  });
  assert.equal(await banner.getByRole('listitem').count(), 1);
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(console_.errors, []);
});
