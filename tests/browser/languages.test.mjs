// The app in the participant's language: the browser's on a first visit, switched live from
// the header (no reload, nothing typed lost), remembered on the device; the server told, so
// that the big screen can take turns through the languages of the room.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  closeSuite,
  connectWith,
  eventually,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  repoRoot,
  WsClient,
} from './helpers.mjs';

let suite;

before(async () => {
  suite = await openSuite({ title: 'Zukunft der Arbeit' });
});
after(() => closeSuite(suite));

/** The texts of one catalogue, read from its source (web/src/i18n/locales/<code>.ts). */
function catalogue(code) {
  const source = readFileSync(join(repoRoot, 'web', 'src', 'i18n', 'locales', `${code}.ts`), 'utf8');
  const texts = {};
  const re = /^\s*'([\w.]+)':\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/gms;
  for (const m of source.matchAll(re)) texts[m[1]] = (m[2] ?? m[3]).replace(/\\(.)/g, '$1');
  return texts;
}
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (w, k) => (k in values ? String(values[k]) : w));

test('a German browser gets the app in German at its first visit, and joins in German', async () => {
  const de = catalogue('de');
  const { server, event } = suite;
  const page = await newPage(browser(), { ...PHONE, locale: 'de-DE' });
  // The browser asks for German (Accept-Language and navigator.languages both say so).
  const asked = page.waitForRequest((r) => r.url().endsWith(`/join/${event.code}`));
  await page.goto(`${server.base}/join/${event.code}`);
  assert.match((await asked).headers()['accept-language'], /^de/);
  await page.getByRole('heading', { name: fill(de['join.title'], { title: event.title }) }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');

  await page.getByLabel(de['join.name'], { exact: false }).fill('Jana Weber');
  await page.getByLabel(de['join.group']).selectOption('sme');
  await page.getByRole('radio', { name: 'Skills' }).check();
  await page.getByRole('button', { name: de['join.submit'] }).click();
  await page.getByRole('button', { name: de['composer.submit'] }).waitFor({ timeout: 15_000 });
  // The header's picker names the language in itself.
  const picker = page.getByRole('combobox', { name: de['lang.label'] });
  assert.equal(await picker.inputValue(), 'de');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone the language switches at once from the header, keeps what was typed, and is remembered', async () => {
  const pl = catalogue('pl');
  const { server, event, fac } = suite;
  const page = await newPage(browser(), PHONE);
  await joinViaForm(page, server, event.code, { name: 'Ola Nowak', group: 'startup', track: 'Skills' });
  const draft = 'Konto szkoleniowe dla każdego pracownika';
  await page.getByLabel(/^Your idea for/).fill(draft);
  await page.evaluate(() => {
    window.sameDocument = true;
  });

  await page.getByRole('combobox', { name: 'Language' }).selectOption('pl');
  await page.getByRole('button', { name: pl['composer.submit'] }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload');
  assert.equal(await page.getByRole('textbox').first().inputValue(), draft, 'the draft is kept');
  assert.equal(await page.getByRole('button', { name: 'Post idea' }).count(), 0, 'no English left on the button');

  // The server knows: the room's languages count this phone as Polish.
  await eventually(() => fac.messages.some((m) => m.type === 'presence' && m.languages?.pl === 1), {
    message: 'presence with one Polish speaker',
  });

  // Remembered on this device: a reload opens in Polish, whatever the browser says.
  await page.reload();
  await page.getByRole('button', { name: pl['composer.submit'] }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');

  // And back.
  await page.getByRole('combobox', { name: pl['lang.label'] }).selectOption('en');
  await page.getByRole('button', { name: 'Post idea' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the big screen speaks the event’s language, or takes turns through the room’s', async () => {
  const fr = catalogue('fr');
  const { server, event, fac } = suite;
  const { token } = await fac.request({ type: 'create_link', role: 'viewer', name: 'Salle' });
  await fac.request({ type: 'set_event_language', language: 'fr' });
  // A Polish participant and an English one are in the room.
  const polish = await connectWith(server, (await joinRequest(server, event, 'Piotr')).token);
  await polish.request({ type: 'set_language', language: 'pl' });

  const wall = await newPage(browser(), { ...LAPTOP, viewport: { width: 1920, height: 1080 } });
  await wall.goto(`${server.base}/screen/${event.code}#t=${encodeURIComponent(token)}`);
  await eventually(() => wall.evaluate(() => document.documentElement.lang === 'fr'), { message: 'screen in fr' });
  await wall.getByText(fr['screen.code'], { exact: false }).first().waitFor({ state: 'attached' });
  assert.equal(await wall.getByTestId('screen-languages').count(), 0, 'one language: no indicator');

  await fac.request({ type: 'set_event_language', screenLanguages: 'room' });
  const turns = wall.getByTestId('screen-languages');
  await turns.waitFor();
  const codes = await turns.locator('.screen-bar__lang').allInnerTexts();
  assert.equal(codes[0], 'FR', 'the event’s language comes first');
  assert.ok(codes.includes('PL'), `the room’s languages: ${codes.join(' ')}`);
  // Each language takes its turn (20 s each, on the server's clock).
  await eventually(() => wall.evaluate(() => document.documentElement.lang !== 'fr'), {
    timeout: 45_000,
    message: 'the screen moving on to the next language',
  });
  polish.close();
  assert.deepEqual(wall.errors, []);
  await wall.context().close();
});

function browser() {
  return suite.browser;
}

async function joinRequest(server, event, name) {
  const client = await WsClient.connect(server.wsUrl);
  try {
    return await client.request({
      type: 'join',
      code: event.code,
      name,
      organisation: '',
      group: 'sme',
      track: event.tracks[0].id,
      credit: false,
    });
  } finally {
    client.close();
  }
}

test('the facilitator sets the event’s language in Settings: the report is written in it, live for everyone', async () => {
  const { server, event, facilitatorToken, fac } = suite;
  const page = await newPage(browser(), LAPTOP);
  await page.goto(`${server.base}/facilitate/${event.code}?section=settings#t=${encodeURIComponent(facilitatorToken)}`);
  const select = page.getByLabel('Language of the event', { exact: true });
  await select.waitFor();
  // From English, whatever the tests before left (the same again is refused: nothing to change).
  await fac.send({ type: 'set_event_language', language: 'en', screenLanguages: 'event' });
  await page.getByLabel('Always in the language of the event').waitFor();
  fac.messages.length = 0;
  // The console itself stays in the facilitator's language; the event's is another thing.
  await select.selectOption('de');
  await page.getByText('Saved. The report and the big screen follow.').waitFor();
  await eventually(
    () => fac.messages.some((m) => m.type === 'change' && m.kind === 'event_language_changed' && m.language === 'de'),
    { message: 'the change sent to everyone' },
  );
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

  const report = await fetch(`${server.base}/api/events/${event.code}/report.md`, {
    headers: { Authorization: `Bearer ${facilitatorToken}` },
  });
  assert.equal(report.status, 200);
  assert.match(await report.text(), /^## So entstand dieser Bericht$/m);

  // The choice of the big screen: taking turns through the room's languages.
  fac.messages.length = 0;
  await page.getByLabel('Take turns through the languages people in the room use').check();
  await eventually(
    () => fac.messages.some((m) => m.kind === 'event_language_changed' && m.screenLanguages === 'room'),
    {
      message: 'screenLanguages room',
    },
  );
  await fac.request({ type: 'set_event_language', language: 'en', screenLanguages: 'event' });
  await eventually(() => page.getByLabel('Always in the language of the event').isChecked(), {
    message: 'the console showing the change made elsewhere',
  });
  assert.equal(await select.inputValue(), 'en', 'the console follows a change made elsewhere');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
