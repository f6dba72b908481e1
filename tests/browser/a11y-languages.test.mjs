// axe-core finds no violation in German and in the pseudo-locale (en-XA) on the join page,
// the board, voting, a proposal page, the console and the big screen; `<html lang>` names
// the language shown, and each option of a language picker carries its own `lang`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  connectWith,
  createEvent,
  formatViolations,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  WsClient,
} from './helpers.mjs';

const AXE = { bypassCSP: true };
const SCREEN = { viewport: { width: 1920, height: 1080 }, ...AXE };

let server;
let browser;
let event;
let facilitatorToken;
let viewerToken;
let person;
let fac;

before(async () => {
  ({ server, browser } = await openSuite());
  ({ event, facilitatorToken } = await createEvent(server, 'Sprachen und Barrierefreiheit', [
    { name: 'Weiterbildung und Qualifizierung', description: 'Wie bleiben Beschäftigte auf dem Laufenden?' },
    { name: 'Öffentliche Verwaltung', description: '' },
  ]));
  fac = await connectWith(server, facilitatorToken);
  ({ token: viewerToken } = await fac.request({ type: 'create_link', role: 'viewer', name: 'Saal' }));
  const client = await WsClient.connect(server.wsUrl);
  const joined = await client.request({
    type: 'join',
    code: event.code,
    name: 'Maximiliane Mustermann-Schmidt',
    organisation: 'Bundesministerium für Arbeit und Soziales',
    group: 'national_government',
    track: event.tracks[0].id,
    credit: true,
  });
  person = { token: joined.token, member: joined.you, client };
});
after(async () => {
  person?.client.close();
  await closeSuite({ server, browser, fac });
});

/** axe, `<html lang>`, and the `lang` of every language option. */
async function check(page, lang, where) {
  const label = `${where} [${lang}]`;
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${label}: <html lang>`);
  const unmarked = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'select.langpick__select, #language-field, #event-language, [data-testid="event-language"]',
      ),
    ]
      .flatMap((s) => [...s.options])
      .filter((o) => o.lang !== o.value)
      .map((o) => `${o.value}: lang="${o.lang}"`),
  );
  assert.deepEqual(unmarked, [], `${label}: language options without their own lang`);
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${label}:\n${formatViolations(violations)}`);
}

async function open(device, path, lang, ready) {
  const page = await newPage(browser, { ...device, ...AXE });
  const [p, hash] = path.split('#');
  await page.goto(`${server.base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}${hash ? `#${hash}` : ''}`);
  await ready(page);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

const as = (token) => `#t=${encodeURIComponent(token)}`;

for (const lang of ['de', 'en-XA']) {
  test(`ideation in ${lang}: join page, board, console, big screen`, async () => {
    await fac.request({ type: 'go_to_phase', index: 1 });
    const idea = await person.client.request({
      type: 'post_idea',
      track: event.tracks[0].id,
      text: `Lebenslanges Lernen für alle Beschäftigten (${lang})`,
      anonymous: false,
    });
    person.idea = idea.idea;

    const join = await open(PHONE, `/join/${event.code}`, lang, (p) => p.locator('form').first().waitFor());
    await check(join, lang, 'join page');
    await join.context().close();

    const board = await open(PHONE, `/join/${event.code}${as(person.token)}`, lang, (p) =>
      p.locator('article.idea').first().waitFor(),
    );
    await check(board, lang, 'board');
    assert.deepEqual(board.errors, []);
    await board.context().close();

    const staff = await open(LAPTOP, `/facilitate/${event.code}?section=ideas${as(facilitatorToken)}`, lang, (p) =>
      p.locator('article.cidea').first().waitFor(),
    );
    await check(staff, lang, 'console ideas');
    for (const section of ['live', 'people', 'settings']) {
      await staff.locator(`.cnav a[data-section="${section}"]`).click();
      await staff.locator(`.capp__main[data-section="${section}"]`).waitFor();
      await check(staff, lang, `console ${section}`);
    }
    assert.deepEqual(staff.errors, []);
    await staff.context().close();

    await fac.request({ type: 'set_screen', mode: 'wall' });
    const screen = await open(SCREEN, `/screen/${event.code}${as(viewerToken)}`, lang, (p) =>
      p.locator('[data-testid="screen"][data-mode="wall"] .screen-tile').first().waitFor(),
    );
    await check(screen, lang, 'big screen (wall)');
    await fac.request({ type: 'set_screen', mode: 'join' });
    await screen.locator('[data-testid="screen"][data-mode="join"]').waitFor();
    await check(screen, lang, 'big screen (join)');
    assert.deepEqual(screen.errors, []);
    await screen.context().close();
  });

  test(`voting and drafting in ${lang}: the ballot, a proposal page`, async () => {
    await fac.request({ type: 'go_to_phase', index: 3 });
    const { round } = await fac.request({ type: 'open_round', title: `Abstimmung ${lang}`, track: null });
    const voting = await open(PHONE, `/join/${event.code}${as(person.token)}`, lang, (p) =>
      p.getByTestId('voting').waitFor(),
    );
    await check(voting, lang, 'voting');
    await voting.context().close();
    await fac.request({ type: 'close_round', round });

    await fac.request({ type: 'go_to_phase', index: 4 });
    const { proposal } = await fac.request({
      type: 'create_proposal',
      title: `Weiterbildungsverpflichtung ${lang}`,
      track: event.tracks[0].id,
      ideas: [person.idea],
      cluster: null,
      table: null,
      team: [person.member.id],
    });
    const page = await open(PHONE, `/join/${event.code}/proposals/${proposal}${as(person.token)}`, lang, (p) =>
      p.getByTestId('section').first().locator('.cm-content').first().waitFor(),
    );
    await check(page, lang, 'proposal page');
    assert.deepEqual(page.errors, []);
    await page.context().close();

    const admin = await open(LAPTOP, `/admin#k=${server.secret}`, lang, (p) =>
      p.getByRole('link', { name: event.code, exact: true }).first().waitFor(),
    );
    await check(admin, lang, 'admin page');
    await admin.context().close();
  });
}
