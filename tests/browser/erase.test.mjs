// Data rights in the browser: a participant downloads their own data from the board (on a
// phone), and the facilitator erases a participant from the console's People section (a dialog
// that says what goes and asks whether their ideas stay): the person leaves the list, is
// signed out, and their idea shows as by "Former participant" on everyone's board, live.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  axeViolations,
  closeSuite,
  formatViolations,
  ideaCard,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  postIdea,
} from './helpers.mjs';

const NAME = 'Zelda Quintessa-Mbeki';
const IDEA = 'Lending libraries for robots';

let suite;

before(async () => {
  suite = await openSuite({ title: 'Erase day' });
});
after(() => closeSuite(suite));

test('a participant downloads their data; the facilitator erases them and their idea shows as a former participant’s', async () => {
  const { server, browser, event, facilitatorToken } = suite;

  // Zelda on her phone: joins, posts, downloads her data.
  const zelda = await newPage(browser, PHONE, [/./]);
  await joinViaForm(zelda, server, event.code, {
    name: NAME,
    organisation: 'Orbital Cooperative',
    group: 'academia',
    track: 'Skills',
  });
  await postIdea(zelda, IDEA);
  await ideaCard(zelda, IDEA).getByText(NAME).waitFor();
  const [download] = await Promise.all([
    zelda.waitForEvent('download'),
    zelda.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `my-data-${event.code}.json`);
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(data.profile.name, NAME);
  assert.equal(data.profile.organisation, 'Orbital Cooperative');
  assert.deepEqual(
    data.ideas.map((i) => i.text),
    [IDEA],
  );

  // Bo, on a laptop, sees her idea with her name.
  const bo = await newPage(browser, LAPTOP);
  await joinViaForm(bo, server, event.code, { name: 'Bo Lind', group: 'sme', track: 'Skills' });
  await ideaCard(bo, IDEA).getByText(NAME).waitFor();

  // The facilitator erases her from the People section, keeping her ideas.
  const fac = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  await fac.goto(`${server.base}/facilitate/${event.code}?section=people#t=${encodeURIComponent(facilitatorToken)}`);
  const people = fac.getByRole('region', { name: 'Participants, tracks and tables' });
  await people.getByText(NAME).waitFor();
  // Erasing sits at the foot of the person's corrections, opened from their name.
  await people.getByRole('button', { name: `Edit ${NAME}` }).click();
  await people.getByRole('button', { name: `Erase data of ${NAME}` }).click();
  const dialog = fac.getByRole('dialog', { name: `Erase the personal data of ${NAME}?` });
  await dialog.waitFor();
  const keep = dialog.getByRole('radio', { name: /Keep them/ });
  const remove = dialog.getByRole('radio', { name: 'Delete them' });
  assert.equal(await keep.isChecked(), true, 'keeping is the default');
  assert.equal(await remove.isChecked(), false);
  assert.deepEqual(formatViolations(await axeViolations(fac)), '');
  // Cancel changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await people.getByText(NAME).waitFor();

  // Again, and this time erase.
  await people.getByRole('button', { name: `Edit ${NAME}` }).click();
  await people.getByRole('button', { name: `Erase data of ${NAME}` }).click();
  await dialog.getByRole('button', { name: 'Erase', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await people.getByText(NAME).waitFor({ state: 'detached' });

  // Everyone's board shows the idea as a former participant's, live; her name is gone.
  await ideaCard(bo, IDEA).getByText('Former participant').waitFor();
  assert.equal(await bo.getByText(NAME).count(), 0);
  await fac.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  await fac.getByText(IDEA).first().waitFor();
  await fac.getByText('Former participant').first().waitFor();
  assert.equal(await fac.getByText(NAME).count(), 0);

  // After a reload too (the server keeps it).
  await bo.reload();
  await ideaCard(bo, IDEA).getByText('Former participant').waitFor();
  assert.deepEqual(bo.errors, []);
  assert.deepEqual(fac.errors, []);
});
