// The admin creates an event through /admin, the facilitator opens the link it shows,
// a participant posts, and the facilitator's Hide removes the idea from other participants' view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeSuite,
  consoleIdea,
  ideaAction,
  ideaCard,
  joinViaForm,
  LAPTOP,
  newPage,
  openSection,
  openSuite,
  PHONE,
  postIdea,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

test('admin creates an event, facilitator hides a participant idea', async () => {
  const admin = await newPage(browser, LAPTOP);
  await admin.goto(`${server.base}/admin#k=${server.secret}`);
  await admin.getByRole('heading', { name: 'Create an event' }).waitFor();
  assert.equal(new URL(admin.url()).hash, '', 'the secret leaves the address bar');

  await admin.getByLabel('Event title').fill('Skills Summit');
  await admin.getByLabel('Name').first().fill('Reskilling');
  await admin.getByLabel('Description (optional)').first().fill('Keeping up with change');
  await admin.getByRole('button', { name: 'Add a track' }).click();
  await admin.getByLabel('Name').nth(1).fill('Public services');
  await admin.getByRole('button', { name: 'Create event' }).click();

  const code = (await admin.getByTestId('join-code').innerText()).trim();
  assert.match(code, /^[A-Z0-9]{6}$/);
  const joinLink = await admin.getByRole('textbox', { name: 'Join link for participants' }).inputValue();
  assert.equal(joinLink, `${server.base}/join/${code}`);
  const facilitatorLink = await admin.getByRole('textbox', { name: 'Facilitator link (keep it private)' }).inputValue();
  assert.ok(facilitatorLink.startsWith(`${server.base}/facilitate/${code}#t=`), facilitatorLink);
  await admin.getByRole('heading', { name: 'Skills Summit', level: 3 }).waitFor();

  const facilitator = await newPage(browser, LAPTOP);
  await facilitator.goto(facilitatorLink);
  // The console's ideas: one tab per track.
  await openSection(facilitator, 'ideas');
  await facilitator.getByRole('tab', { name: /^Reskilling/ }).waitFor();
  await facilitator.getByRole('tab', { name: /^Public services/ }).waitFor();
  assert.equal(new URL(facilitator.url()).hash, '', 'the token leaves the address bar');

  const author = await newPage(browser, PHONE);
  await joinViaForm(author, server, code, {
    name: 'Pia',
    group: 'large_enterprise',
    track: 'Public services',
  });
  const participant = await newPage(browser, PHONE);
  await joinViaForm(participant, server, code, {
    name: 'Rui',
    group: 'academia',
    track: 'Public services',
  });
  // Beside "People and links": how many participants there are.
  await facilitator.locator('.cnav a[data-section="people"] .cnav__badge').getByText('2', { exact: true }).waitFor();
  await facilitator.getByRole('tab', { name: /^Public services/ }).click();

  const text = 'One-stop shop for training vouchers';
  await postIdea(author, text);
  await ideaCard(participant, text).waitFor();
  const seen = consoleIdea(facilitator, text);
  await seen.waitFor();
  await ideaAction(facilitator, seen, 'Hide from participants');
  await ideaCard(participant, text).waitFor({ state: 'detached' });
  await seen.getByText('Hidden', { exact: true }).waitFor();
  // The author still sees the own idea, marked as hidden (the server sends it to the author).
  await ideaCard(author, text).getByText('Hidden by the facilitator').waitFor();

  // Unhide brings it back for the participant.
  await ideaAction(facilitator, seen, 'Show to participants again');
  await ideaCard(participant, text).waitFor();
  await ideaCard(author, text).getByText('Hidden by the facilitator').waitFor({ state: 'detached' });

  // Hidden again, it stays gone after the participant reloads.
  await ideaAction(facilitator, seen, 'Hide from participants');
  await ideaCard(participant, text).waitFor({ state: 'detached' });
  await participant.reload();
  await participant.getByLabel(/^Your idea for/).waitFor();
  await participant.locator('.conn').getByText('Online').waitFor();
  assert.equal(await ideaCard(participant, text).count(), 0);

  for (const page of [admin, facilitator, author, participant]) assert.deepEqual(page.errors, []);
});
