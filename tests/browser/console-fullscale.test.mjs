// The facilitator's console on a full-size day (65 people, 7 tracks, 150 ideas, 2 rounds,
// 20 proposals, a report): each section fits in about four laptop screens, the bar stays in
// view, deep links and back/forward work, search and filters count right, turnout equals the
// ballots cast, risky phase jumps ask first, the trash restores, a revoked link stops working,
// times follow the browser's locale, and every section passes axe on a laptop and a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  connectWith,
  eventually,
  formatViolations,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  WsClient,
} from './helpers.mjs';
import { seedFullEvent } from './fullscale.mjs';

const SECTIONS = ['live', 'ideas', 'voting', 'proposals', 'report', 'people', 'settings'];
/** Three 800 px screens, with a little room for the page's own header. */
// About four laptop screens: people's rows wrap their group and seat rather than cut them.
const MAX_HEIGHT = 3300;
const BRUSSELS = { locale: 'en-GB', timezoneId: 'Europe/Brussels' };

let suite;
let seed;
/** The facilitator's snapshot after seeding: what the console should show. */
let snapshot;

before(async () => {
  suite = await openSuite();
  seed = await seedFullEvent(suite.server);
  const fac = await connectWith(suite.server, seed.facilitatorToken);
  snapshot = await eventually(() => fac.messages.find((m) => m.type === 'snapshot'), { message: 'snapshot' });
  fac.close();
});
after(async () => {
  seed?.close();
  await closeSuite({ ...suite, fac: seed?.fac });
});

function consoleUrl(section) {
  const query = section ? `?section=${section}` : '';
  return `${suite.server.base}/facilitate/${seed.event.code}${query}#t=${encodeURIComponent(seed.facilitatorToken)}`;
}

async function openConsole(section, options = LAPTOP) {
  const page = await newPage(suite.browser, {
    ...options,
    ...BRUSSELS,
    bypassCSP: true,
  });
  await page.goto(consoleUrl(section));
  await page.locator('.cbar').waitFor();
  await page.locator(`.capp__main[data-section="${section ?? 'live'}"]`).waitFor();
  return page;
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

test('every section fits in about four laptop screens, and the bar stays in view', async () => {
  const page = await openConsole();
  try {
    for (const section of SECTIONS) {
      await page.locator(`.cnav a[data-section="${section}"]`).click();
      await page.locator(`.capp__main[data-section="${section}"]`).waitFor();
      await page.waitForTimeout(300);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= MAX_HEIGHT, `${section}: ${height} px tall (at most ${MAX_HEIGHT})`);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(100);
      const bar = await page.locator('.cbar').boundingBox();
      assert.ok(bar && bar.y >= 0 && bar.y < 120, `${section}: the bar is out of view (${JSON.stringify(bar)})`);
      const nav = await page.locator(`.cnav a[data-section="${section}"]`).boundingBox();
      assert.ok(nav && nav.y > 0 && nav.y < 800, `${section}: the navigation is out of view`);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    assert.match(await page.getByTestId('cbar-here').textContent(), /\d+ here/);
    assert.deepEqual(page.errors, []);
  } finally {
    await page.context().close();
  }
});

test('a deep link opens its section; back and forward move between sections; a reload keeps the link', async () => {
  const page = await openConsole('voting');
  try {
    const current = () => page.locator('.cnav a[aria-current="page"]').getAttribute('data-section');
    assert.equal(await current(), 'voting');
    assert.ok(!(await page.evaluate(() => location.hash)), 'the token left the address');
    await page.locator('.cnav a[data-section="ideas"]').click();
    await page.locator('.capp__main[data-section="ideas"]').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('section'), 'ideas');
    await page.goBack();
    await page.locator('.capp__main[data-section="voting"]').waitFor();
    assert.equal(await current(), 'voting');
    await page.goForward();
    await page.locator('.capp__main[data-section="ideas"]').waitFor();
    await page.reload();
    await page.locator('.capp__main[data-section="ideas"]').waitFor();
    await page.locator('.cidea').first().waitFor();
  } finally {
    await page.context().close();
  }
});

test('search and filters narrow the ideas, with counts per track; times are 24-hour in Brussels', async () => {
  const page = await openConsole('ideas');
  try {
    const tracks = seed.tracks;
    const ideas = snapshot.ideas;
    const inTrack = (id) => ideas.filter((i) => i.track === id);
    const tabCount = async (id) => Number(await page.getByTestId(`track-count-${id}`).textContent());
    const cards = () => page.locator('.cidea').count();
    for (const tr of tracks) assert.equal(await tabCount(tr.id), inTrack(tr.id).length, `${tr.name}: all ideas`);
    const first = tracks[0];
    await page.locator('.cidea').first().waitFor();
    assert.equal(await cards(), inTrack(first.id).length);

    // Hidden only: one per track in the seed; the tabs say where.
    await page.getByRole('checkbox', { name: 'Hidden' }).check();
    for (const tr of tracks) {
      assert.equal(await tabCount(tr.id), inTrack(tr.id).filter((i) => i.hidden).length, `${tr.name}: hidden`);
    }
    const hiddenHere = inTrack(first.id).filter((i) => i.hidden).length;
    await eventually(async () => (await cards()) === hiddenHere, {
      message: 'the hidden ideas of the first track',
    });
    await page.getByRole('checkbox', { name: 'Hidden' }).uncheck();

    // Merged and pinned.
    await page.getByRole('checkbox', { name: 'Merged' }).check();
    assert.equal(await tabCount(first.id), inTrack(first.id).filter((i) => i.mergedInto !== null).length);
    await page.getByRole('checkbox', { name: 'Merged' }).uncheck();
    await page.getByRole('checkbox', { name: 'Pinned' }).check();
    assert.equal(await cards(), inTrack(first.id).filter((i) => i.pinned).length);
    await page.getByRole('checkbox', { name: 'Pinned' }).uncheck();

    // A word: in the text, the author's name or organisation, accents aside.
    const word = 'vouchers';
    const matches = (i) =>
      fold(`${i.text} ${i.author?.name ?? ''} ${i.author?.organisation ?? ''}`).includes(fold(word));
    await page.getByLabel('Search ideas').fill(word);
    for (const tr of tracks) assert.equal(await tabCount(tr.id), inTrack(tr.id).filter(matches).length, tr.name);
    const withWord = tracks.find((tr) => inTrack(tr.id).some(matches));
    await page.locator(`#cideas-tab-${withWord.id}`).click();
    const wanted = inTrack(withWord.id).filter(matches).length;
    await eventually(async () => (await cards()) === wanted, {
      message: 'the matching ideas',
    });
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // A cluster of the shown track.
    const cluster = snapshot.clusters.find((c) => c.track === withWord.id);
    await page.locator('#cideas-cluster').selectOption(String(cluster.id));
    const clustered = inTrack(withWord.id).filter((i) => i.cluster === cluster.id).length;
    await eventually(async () => (await cards()) === clustered, {
      message: 'the ideas of one cluster',
    });

    // 24-hour times (en-GB, Brussels), never AM/PM.
    const time = await page.locator('.cidea__time').first().textContent();
    assert.match(time, /^\d{2}:\d{2}$/);

    // One menu per card.
    const card = page.locator('.cidea').first();
    assert.equal(await card.locator('button').count(), 1);
    await card.locator('.menu__button').click();
    const items = await page.getByRole('menuitem').allTextContents();
    assert.ok(items.includes('Pin') || items.includes('Unpin'), items.join(', '));
    assert.ok(items.includes('Merge into…'), items.join(', '));
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('menuitem').count(), 0);
  } finally {
    await page.context().close();
  }
});

test('going to a closed phase asks first, and the bar offers the undo', async () => {
  const page = await openConsole('live');
  try {
    const title = () => page.getByTestId('phase-title').textContent();
    const before = await title();
    const phases = snapshot.agenda.phases;
    const goTo = (i) =>
      page.getByRole('button', {
        name: `Go to phase ${i + 1}: ${phases[i].title}`,
      });
    const closed = phases.findIndex((p) => p.kind === 'closed');
    const dialog = page.getByRole('dialog');

    await goTo(closed).click();
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Close the board for everyone\?/);
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await title(), before);

    // The timer runs: going back to an earlier phase asks too.
    await goTo(snapshot.agenda.current - 1).click();
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /End “.*” early\?/);
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await title(), before);

    await goTo(closed).click();
    await dialog.getByRole('button', { name: /^Close: go to/ }).click();
    await eventually(async () => (await title()) === phases[closed].title, {
      message: 'closed',
    });
    await page.getByTestId('undo-phase').click();
    await eventually(async () => (await title()) === before, {
      message: 'the undo',
    });
  } finally {
    await page.context().close();
  }
});

test('turnout per round equals the ballots cast, with the names of who has not voted', async () => {
  // What the seed cast: each person's own ballots, from their hello.
  const [ideasRound] = seed.rounds;
  let voted = 0;
  for (const person of seed.people) {
    const client = await WsClient.connect(suite.server.wsUrl);
    const { ballots } = await client.request({
      type: 'hello',
      token: person.token,
      lastSeq: 0,
    });
    client.close();
    if (Object.values(ballots?.[ideasRound] ?? {}).some((v) => v > 0)) voted++;
  }
  const eligible = seed.people.length + seed.leads.length;
  const page = await openConsole('voting');
  try {
    const total = page.getByTestId(`turnout-total-${ideasRound}`);
    await eventually(async () => ((await total.textContent()) ?? '').startsWith(`${voted} of ${eligible} have voted`), {
      message: `${voted} of ${eligible} in round ${ideasRound}`,
    });
    await page.getByTestId(`turnout-waiting-${ideasRound}`).click();
    const names = await page.locator(`[data-testid="turnout-${ideasRound}"] .turnout__name`).allTextContents();
    assert.equal(names.length, eligible - voted);

    // A new round for one track: the bar counts live as people vote.
    const track = seed.tracks[0].id;
    const { round } = await seed.fac.request({
      type: 'open_round',
      title: 'Quick check',
      track,
    });
    const own = seed.people.filter((p) => p.track === track);
    const trackEligible = own.length + seed.leads.filter((l) => l.track === track).length;
    const bar = page.getByTestId('cbar-turnout');
    await eventually(async () => (await bar.textContent()) === `0/${trackEligible} voted`, {
      message: 'the open round in the bar',
    });
    const items = snapshot.ideas.filter((i) => i.track === track && !i.hidden && i.mergedInto === null);
    for (const person of own.slice(0, 2)) {
      const client = await connectWith(suite.server, person.token);
      const item = items.find((i) => i.author?.id !== person.member.id);
      // An id of its own: the server answers a repeated command id with its first answer.
      await client.request({
        id: `quick-${person.member.id}`,
        type: 'vote',
        round,
        item: item.id,
        votes: 1,
      });
      client.close();
    }
    await eventually(async () => (await bar.textContent()) === `2/${trackEligible} voted`, {
      message: 'two votes in the bar',
    });
    await seed.fac.request({ type: 'close_round', round });
  } finally {
    await page.context().close();
  }
});

test('a proposal moved to the trash is restored from the Proposals section', async () => {
  const track = seed.tracks[1].id;
  const title = 'A proposal to throw away';
  await seed.fac.request({
    type: 'create_proposal',
    title,
    track,
    ideas: [],
    cluster: null,
    table: null,
    team: [],
  });
  const page = await openConsole('proposals');
  try {
    const list = page.getByTestId('drafting-panel');
    await page.getByRole('button', { name: `Move to trash: ${title}` }).click();
    await page
      .getByRole('group', {
        name: /Move “A proposal to throw away” to the trash/,
      })
      .getByRole('button', { name: 'Move to trash' })
      .click();
    const trash = page.getByTestId('trash');
    await trash.getByText(title).waitFor();
    await list.getByText(title).waitFor({ state: 'detached' });
    await trash.getByRole('button', { name: `Restore “${title}”` }).click();
    await list.getByText(title).waitFor();
    await trash.getByText('The trash is empty.').waitFor();
  } finally {
    await page.context().close();
  }
});

test('staff links: rename, re-issue with a QR code, revoke; a revoked link is refused and closed', async () => {
  const page = await openConsole('people');
  try {
    const links = page.getByTestId('staff-links');
    const screen = links.locator('tr', { hasText: 'Main hall screen' });
    await screen.getByRole('button', { name: 'More actions for Main hall screen' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByLabel('New label for Main hall screen').fill('Screen: Room B');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const renamed = links.locator('tr', { hasText: 'Screen: Room B' });
    await renamed.waitFor();

    // Re-issue a lead's link: its QR code and address show; the old token stops working.
    const lead = seed.leads[0];
    const leadRow = links.locator(`tr[data-member="${lead.member.id}"]`);
    await leadRow.getByRole('button', { name: 'Re-issue to show a new link' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Re-issue' }).click();
    const qr = page.getByRole('dialog');
    await qr.getByTestId('qr').waitFor();
    const address = await qr.getByRole('textbox', { name: 'Address' }).inputValue();
    assert.match(address, new RegExp(`/lead/${seed.event.code}#t=`));
    await qr.getByRole('button', { name: 'Close' }).click();
    const fresh = decodeURIComponent(address.split('#t=')[1]);
    (await connectWith(suite.server, fresh)).close();
    const old = await WsClient.connect(suite.server.wsUrl);
    const refused = await old.send({
      type: 'hello',
      token: lead.token,
      lastSeq: 0,
    });
    old.close();
    assert.equal(refused.code, 'bad_token');
    // Kept for this browser session: after a reload the row still offers the QR code.
    await page.reload();
    await links
      .locator(`tr[data-member="${lead.member.id}"]`)
      .getByRole('button', { name: /QR code/ })
      .waitFor();

    // Revoke the screen while it is connected: its socket is told and closed; its hello refused.
    const open = await connectWith(suite.server, seed.viewerToken);
    const closed = new Promise((resolve) => open.ws.once('close', resolve));
    await renamed.getByRole('button', { name: 'More actions for Screen: Room B' }).click();
    await page.getByRole('menuitem', { name: 'Revoke link' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await renamed.getByText('Revoked').waitFor();
    await closed;
    assert.ok(open.messages.some((m) => m.type === 'error' && m.code === 'revoked'));
    const again = await WsClient.connect(suite.server.wsUrl);
    const answer = await again.send({
      type: 'hello',
      token: seed.viewerToken,
      lastSeq: 0,
    });
    again.close();
    assert.equal(answer.code, 'bad_token');
  } finally {
    await page.context().close();
  }
});

test('every section passes axe on a laptop and on a phone; the bar stays on the phone', async () => {
  for (const [name, options] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ]) {
    const page = await openConsole('live', options);
    try {
      for (const section of SECTIONS) {
        await page.locator(`.cnav a[data-section="${section}"]`).click();
        await page.locator(`.capp__main[data-section="${section}"]`).waitFor();
        await page.waitForTimeout(200);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${name}, ${section}:\n${formatViolations(violations)}`);
      }
      if (name === 'phone') {
        const { scroll, width } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= width, `the phone page scrolls sideways (${scroll} > ${width})`);
        await page.evaluate(() => window.scrollTo(0, 1200));
        const bar = await page.locator('.cbar').boundingBox();
        assert.ok(bar && bar.y >= 0 && bar.y < 100, `the bar left the phone screen (${JSON.stringify(bar)})`);
      }
    } finally {
      await page.context().close();
    }
  }
});
