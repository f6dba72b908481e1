// An idea typed while the server is away waits as "Not yet saved", and is saved once the
// app has reconnected by itself; another participant then sees it.
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
  SERVER_AWAY,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

test('an idea posted while disconnected is saved after the server returns', async () => {
  const { event } = await createEvent(server, 'Resilience', [{ name: 'Skills', description: '' }]);
  const writer = await newPage(browser, PHONE, SERVER_AWAY);
  const reader = await newPage(browser, LAPTOP, SERVER_AWAY);
  await joinViaForm(writer, server, event.code, { name: 'Writer', group: 'sme', track: 'Skills' });
  await joinViaForm(reader, server, event.code, { name: 'Reader', group: 'startup', track: 'Skills' });

  const status = writer.locator('.conn');
  await status.getByText('Online').waitFor();
  const before = 'Posted while online';
  await postIdea(writer, before);
  await ideaCard(reader, before).waitFor();

  await server.stop();
  await status.getByText(/Reconnecting|Offline/).waitFor({ timeout: 15_000 });

  const text = `Typed while the server was away ${Date.now()}`;
  await postIdea(writer, text);
  const card = ideaCard(writer, text);
  await card.getByText('Not yet saved').waitFor();
  assert.equal(await ideaCard(reader, text).count(), 0);

  await server.restart();
  await status.getByText('Online').waitFor({ timeout: 30_000 });
  await card.getByText('Not yet saved').waitFor({ state: 'detached', timeout: 30_000 });
  await ideaCard(reader, text).waitFor({ timeout: 30_000 });
  // Exactly once on both pages: the retry after reconnect was not applied twice.
  assert.equal(await ideaCard(writer, text).count(), 1);
  assert.equal(await ideaCard(reader, text).count(), 1);

  // And it is durable: a fresh load shows it from the server.
  await reader.reload();
  await ideaCard(reader, text).waitFor();
  await ideaCard(reader, before).waitFor();

  assert.deepEqual(writer.errors, []);
  assert.deepEqual(reader.errors, []);
});

test('an idea typed offline survives a reload before it is sent', async () => {
  const { event } = await createEvent(server, 'Patience', [{ name: 'Skills', description: '' }]);
  const context = await browser.newContext(LAPTOP);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await joinViaForm(page, server, event.code, { name: 'Patient', group: 'other', track: 'Skills' });

  await server.stop();
  await page
    .locator('.conn')
    .getByText(/Reconnecting|Offline/)
    .waitFor({ timeout: 15_000 });
  const text = `Kept across a reload ${Date.now()}`;
  await postIdea(page, text);
  await ideaCard(page, text).getByText('Not yet saved').waitFor();
  const stored = await page.evaluate((code) => localStorage.getItem(`roundtable.pending.${code}`), event.code);
  assert.match(stored, /Kept across a reload/);

  await server.restart();
  await page.reload();
  await ideaCard(page, text).waitFor({ timeout: 30_000 });
  await ideaCard(page, text).getByText('Not yet saved').waitFor({ state: 'detached', timeout: 30_000 });
  const left = await page.evaluate((code) => localStorage.getItem(`roundtable.pending.${code}`), event.code);
  assert.equal(left, '[]');
  assert.deepEqual(errors, []);
  await context.close();
});
