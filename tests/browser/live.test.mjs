// Two participants on a phone and a laptop join one event through the join form; an idea
// posted on one appears on the other without a reload, and survives a reload (token resume).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeSuite,
  createEvent,
  ideaCard,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  postIdea,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

test('an idea posted on one page appears live on another and survives a reload', async () => {
  const { event } = await createEvent(server, 'AI & the Future of Work', [
    { name: 'Skills', description: 'How do workers keep up?' },
    { name: 'Public sector', description: '' },
  ]);
  const phone = await newPage(browser, PHONE);
  const laptop = await newPage(browser, LAPTOP);

  await joinViaForm(phone, server, event.code.toLowerCase(), {
    name: 'Ana Ruiz',
    organisation: 'DG CNECT',
    group: 'eu_institution',
    track: 'Skills',
  });
  await joinViaForm(laptop, server, event.code, {
    name: 'Bo Lind',
    group: 'academia',
    track: 'Skills',
    credit: false,
  });

  const text = `Individual AI learning accounts ${Date.now()}`;
  await postIdea(phone, text);
  await ideaCard(phone, text).waitFor();
  await ideaCard(laptop, text).waitFor({ timeout: 15_000 });
  assert.match(await ideaCard(laptop, text).innerText(), /Ana Ruiz/);
  // The author sees Edit and Delete on the own idea; the other participant does not.
  await ideaCard(phone, text).getByRole('button', { name: 'Edit' }).waitFor();
  assert.equal(await ideaCard(laptop, text).getByRole('button', { name: 'Edit' }).count(), 0);

  // Posted anonymously from the laptop: the author still owns it, the phone sees no name.
  const anon = `Anonymous idea ${Date.now()}`;
  await postIdea(laptop, anon, { anonymous: true });
  await ideaCard(phone, anon).waitFor();
  assert.match(await ideaCard(phone, anon).innerText(), /Anonymous/);
  assert.doesNotMatch(await ideaCard(phone, anon).innerText(), /Bo Lind/);
  await ideaCard(laptop, anon).getByRole('button', { name: 'Delete' }).waitFor();

  await laptop.reload();
  await ideaCard(laptop, text).waitFor({ timeout: 15_000 });
  await ideaCard(laptop, anon).getByRole('button', { name: 'Edit' }).waitFor();
  assert.equal(await laptop.getByLabel('Your name').count(), 0, 'no join form after a reload');

  // An edit on the laptop shows live on the phone, marked edited.
  await ideaCard(laptop, anon).getByRole('button', { name: 'Edit' }).click();
  await laptop.getByLabel('Edit your idea').fill(`${anon} (revised)`);
  await laptop.getByRole('button', { name: 'Save' }).click();
  await ideaCard(phone, `${anon} (revised)`).getByText('edited').waitFor();

  // Other tracks are a tab away and start empty.
  await phone.getByRole('button', { name: /^Public sector/ }).click();
  await phone.getByText('No ideas here yet', { exact: false }).waitFor();

  assert.deepEqual(phone.errors, []);
  assert.deepEqual(laptop.errors, []);
});
