// The agenda run from the facilitator console: a participant's board follows every phase
// change live (no reload): the composer leaves outside ideation, Edit/Delete outside
// ideation and clustering, and a post the phase refuses is reported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  closeSuite,
  connectWith,
  createEvent,
  eventually,
  ideaCard,
  joinViaForm,
  LAPTOP,
  newPage,
  openEvent,
  openSuite,
  PHONE,
  postIdea,
  changePhase,
  openSection,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

async function noSideScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${where}: the page scrolls sideways (${scroll} > ${width})`);
}

test('a participant follows the phases the facilitator runs, without a reload', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Phased day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  const composer = phone.getByLabel(/^Your idea for/);
  const title = phone.getByTestId('phase-title');

  // Before the agenda starts the board is open.
  await title.getByText('Not started yet').waitFor();
  const mine = `Open board idea ${Date.now()}`;
  await postIdea(phone, mine);
  await ideaCard(phone, mine).getByRole('button', { name: 'Edit' }).waitFor();

  const facilitator = await newPage(browser, LAPTOP);
  await facilitator.goto(`${server.base}/facilitate/${event.code}#t=${encodeURIComponent(facilitatorToken)}`);
  // The console: the bar (start, next, pause, extend) and the agenda's "Go to".
  const agenda = facilitator.locator('.capp');
  await facilitator.getByRole('region', { name: 'Agenda' }).waitFor();
  await phone.evaluate(() => {
    window.__sameDocument = true;
  });

  // Start: Welcome. No composer, no Edit; the phase title and a note instead.
  await agenda.getByRole('button', { name: 'Start the agenda' }).click();
  await title.getByText('Welcome').waitFor();
  await composer.waitFor({ state: 'detached' });
  await phone.getByText('Posting ideas opens with the ideation phase.').waitFor();
  assert.equal(await ideaCard(phone, mine).getByRole('button', { name: 'Edit' }).count(), 0);
  await phone
    .getByTestId('countdown')
    .getByText(/^1[45]:\d\d$/)
    .waitFor();

  // Next: Ideas (ideation). The composer is back. (Welcome's timer still runs: it asks first.)
  await changePhase(facilitator, agenda.getByRole('button', { name: 'Next phase' }));
  await title.getByText('Ideas').waitFor();
  await composer.waitFor();
  await ideaCard(phone, mine).getByRole('button', { name: 'Edit' }).waitFor();
  await noSideScroll(phone, 'participant board in ideation');

  // Clustering: no new ideas, but authors may still edit.
  await changePhase(facilitator, agenda.getByRole('button', { name: 'Next phase' }));
  await title.getByText('Clustering').waitFor();
  await composer.waitFor({ state: 'detached' });
  await ideaCard(phone, mine).getByRole('button', { name: 'Edit' }).waitFor();

  // Voting (via "Go to"): neither.
  await changePhase(facilitator, agenda.getByRole('button', { name: 'Go to phase 4: Voting' }));
  await title.getByText('Voting').waitFor();
  await ideaCard(phone, mine).getByRole('button', { name: 'Edit' }).waitFor({ state: 'detached' });

  // Back to ideation with "Go to".
  await changePhase(facilitator, agenda.getByRole('button', { name: 'Go to phase 2: Ideas' }));
  await title.getByText('Ideas').waitFor();
  await composer.waitFor();

  // Pause / resume / extend: the participant's countdown follows.
  const countdown = phone.getByTestId('countdown');
  await agenda.getByRole('button', { name: 'Pause' }).click();
  await phone.getByText('Paused', { exact: true }).waitFor();
  const paused = await countdown.innerText();
  await sleep(1_300);
  assert.equal(await countdown.innerText(), paused, 'a paused countdown stands still');
  await agenda.getByRole('button', { name: 'Add 5 minutes' }).click();
  await countdown.getByText(/^(49|50):\d\d$/).waitFor();
  await agenda.getByRole('button', { name: 'Resume' }).click();
  await phone.getByText('Paused', { exact: true }).waitFor({ state: 'detached' });
  await agenda.getByRole('button', { name: 'Pause' }).waitFor();

  assert.equal(await phone.evaluate(() => window.__sameDocument), true, 'no reload happened');
  await noSideScroll(facilitator, 'facilitator console');
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(facilitator.errors, []);
});

test('the facilitator undoes a phase change: the previous phase is back on every screen', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Undone step', [
    { name: 'Skills', description: '' },
  ]);
  await fac.request({ type: 'go_to_phase', index: 1 }); // Ideas
  fac.close();
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  const title = phone.getByTestId('phase-title');
  await title.getByText('Ideas').waitFor();

  // The facilitator runs the day from a phone too: the undo button must be reachable there.
  const facilitator = await newPage(browser, PHONE);
  await facilitator.goto(`${server.base}/facilitate/${event.code}#t=${encodeURIComponent(facilitatorToken)}`);
  // The undo sits in the console's bar, in view on every section.
  const agenda = facilitator.locator('.capp');
  await facilitator.getByRole('region', { name: 'Agenda' }).waitFor();
  const undo = agenda.getByRole('button', { name: /^Undo: back to/ });
  // The last change was the start of Ideas, from before the start.
  await agenda.getByRole('button', { name: 'Undo: back to the start' }).waitFor();

  // A misclick on "Next phase": Clustering everywhere, and a way back to Ideas.
  await changePhase(facilitator, agenda.getByRole('button', { name: 'Next phase' }));
  await title.getByText('Clustering').waitFor();
  await agenda.getByRole('button', { name: 'Undo: back to Ideas' }).waitFor();
  const box = await undo.boundingBox();
  assert.ok(
    box && box.x >= 0 && box.x + box.width <= 360,
    `the undo button fits the phone's width: ${JSON.stringify(box)}`,
  );
  assert.ok(box.height >= 40, `the undo button is big enough to tap: ${box.height}`);
  await noSideScroll(facilitator, 'facilitator console on a phone');

  await undo.click();
  await title.getByText('Ideas').waitFor();
  await agenda.getByRole('listitem').filter({ hasText: 'Ideas' }).getByText('Now').waitFor();
  // Undone once: nothing left to undo until the next phase change.
  await undo.waitFor({ state: 'detached' });
  await phone.getByLabel(/^Your idea for/).waitFor();
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(facilitator.errors, []);
});

test('a post the phase refuses is dropped with a clear message', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Held post', [{ name: 'Skills', description: '' }]);
  await fac.request({ type: 'go_to_phase', index: 1 });

  const page = await newPage(browser, PHONE);
  // Hold the page's posts on their way to the server until the phase has moved on.
  const held = [];
  let holding = true;
  let toServer = null;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const upstream = ws.connectToServer();
    toServer = upstream;
    ws.onMessage((message) => {
      if (holding && String(message).includes('"post_idea"')) held.push(message);
      else upstream.send(message);
    });
  });
  await joinViaForm(page, server, event.code, { name: 'Late Poster', group: 'sme', track: 'Skills' });
  const text = `Posted just too late ${Date.now()}`;
  await postIdea(page, text);
  await ideaCard(page, text).getByText('Not yet saved').waitFor();
  assert.equal(held.length, 1);

  await fac.request({ type: 'go_to_phase', index: 2 }); // Clustering
  await page.getByTestId('phase-title').getByText('Clustering').waitFor();
  holding = false;
  for (const message of held) toServer.send(message);

  const alert = page.getByRole('alert').filter({ hasText: 'A change was not saved' });
  await alert.getByText(/current phase does not allow this/).waitFor();
  await ideaCard(page, text).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await alert.getByText(/current phase/).waitFor({ state: 'detached' });
  fac.close();
  assert.deepEqual(page.errors, []);
});

test('the agenda editor sends a new agenda; a track lead sees it without controls', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Edited day', [{ name: 'Skills', description: '' }]);
  const { token: leadToken } = await fac.request({
    type: 'create_link',
    role: 'lead',
    track: event.tracks[0].id,
    name: 'Lead',
  });
  fac.close();

  const page = await newPage(browser, LAPTOP);
  await page.goto(`${server.base}/facilitate/${event.code}?section=settings#t=${encodeURIComponent(facilitatorToken)}`);
  await page.getByRole('button', { name: 'Edit agenda' }).click();
  const editor = page.getByRole('form', { name: 'Edit the agenda' });
  await editor.waitFor();
  // Drop everything after "Ideas", keep Welcome, then add a short voting phase and move it up.
  for (let n = 8; n >= 3; n--) await editor.getByRole('button', { name: `Remove phase ${n}` }).click();
  await editor.getByRole('button', { name: 'Add a phase' }).click();
  await editor.getByLabel('Kind').nth(2).selectOption('voting');
  await editor.getByLabel('Title').nth(2).fill('Quick vote');
  await editor.getByLabel('Minutes').nth(2).fill('0');
  await editor.getByRole('button', { name: 'Save agenda' }).click();
  await editor.getByText('Phase 3 needs a whole number of minutes from 1 to 600.').waitFor();
  await editor.getByLabel('Minutes').nth(2).fill('7');
  await editor.getByRole('button', { name: 'Move phase 3 up' }).click();
  await editor.getByRole('button', { name: 'Save agenda' }).click();
  await editor.waitFor({ state: 'detached' });
  await openSection(page, 'live');
  const items = page.getByRole('region', { name: 'Agenda' }).getByRole('listitem');
  await items.nth(1).getByText('Quick vote').waitFor();
  assert.equal(await items.count(), 3);
  assert.match(await items.nth(1).innerText(), /Voting · 7 min/);
  assert.match(await items.nth(2).innerText(), /Ideas/);

  const lead = await newPage(browser, LAPTOP);
  await lead.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(leadToken)}`);
  const leadAgenda = lead.getByRole('region', { name: 'Agenda' });
  await leadAgenda.getByText('Quick vote').waitFor();
  await page.getByRole('button', { name: 'Start the agenda' }).click();
  await lead.getByTestId('phase-title').getByText('Welcome').waitFor();
  await lead.getByTestId('countdown').waitFor();
  assert.equal(await leadAgenda.getByRole('button').count(), 0, 'a lead has no agenda controls');
  assert.equal(await lead.getByRole('region', { name: 'Announcements' }).count(), 0);
  assert.equal(await lead.getByLabel('Big screen shows').count(), 0);

  // Auto-advance is a toggle the server keeps (among the settings).
  await openSection(page, 'settings');
  const auto = page.getByLabel('End phases automatically');
  await auto.check();
  // Reload only once the server has it (the click sends a command; its answer comes later).
  await eventually(
    async () => {
      const c = await connectWith(server, facilitatorToken);
      await sleep(100); // the snapshot follows the answer to hello
      const snap = c.messages.find((m) => m.type === 'snapshot');
      c.close();
      return snap?.agenda.autoAdvance === true;
    },
    { message: 'the server keeping auto-advance' },
  );
  await page.reload();
  // The page may first show the state it kept (from the service worker's copy of the app, at
  // once), then what the server sends on reconnecting.
  await eventually(() => page.getByLabel('End phases automatically').isChecked(), {
    message: 'auto-advance checked after the reload',
  });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(lead.errors, []);
});

test('time up: the countdown turns to over time and says so; the beep toggle is remembered', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Short day', [{ name: 'Skills', description: '' }]);
  await fac.request({
    type: 'set_agenda',
    phases: [
      { kind: 'ideation', title: 'Lightning round', minutes: 1 },
      { kind: 'closed', title: 'Closed', minutes: 0 },
    ],
  });

  const page = await newPage(browser, PHONE);
  await page.clock.install();
  await joinViaForm(page, server, event.code, { name: 'Clock Watcher', group: 'sme', track: 'Skills' });
  const sound = page.getByRole('button', { name: 'Beep when time is up' });
  await fac.request({ type: 'go_to_phase', index: 0 });
  const countdown = page.getByTestId('countdown');
  await countdown.getByText(/^0[01]:\d\d$/).waitFor();
  await sound.click();
  assert.equal(await sound.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Time is up' }).count(), 0);

  // A minute later on this page's clock (the server's timer is not moved: no auto-advance).
  await page.clock.fastForward('01:05');
  await page.getByRole('status').filter({ hasText: 'Time is up' }).waitFor();
  await page.getByText('Over time', { exact: true }).waitFor();
  assert.match(await countdown.innerText(), /^−00:0\d$/);
  assert.equal(await page.locator('.countdown--over').count(), 1);

  // The facilitator adds time: back to counting down.
  await fac.request({ type: 'extend_timer', minutes: 5 });
  await page.getByRole('status').filter({ hasText: 'Time is up' }).waitFor({ state: 'detached' });
  await countdown.getByText(/^0[45]:\d\d$/).waitFor();

  await page.reload();
  await page.getByTestId('countdown').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Beep when time is up' }).getAttribute('aria-pressed'), 'true');
  fac.close();
  assert.deepEqual(page.errors, []);
});
