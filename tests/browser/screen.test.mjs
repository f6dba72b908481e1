// The room's big screen (/screen/CODE#t=TOKEN, 1920×1080): the join code and a QR code of
// the join link, the phase with a running countdown, the live idea wall, the people count,
// and the track the facilitator picks in the console.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeSuite, eventually, LAPTOP, newPage, openEvent, openSuite, WsClient } from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

const BIG_SCREEN = { viewport: { width: 1920, height: 1080 } };

test('the projector shows how to join, a running countdown and new ideas live', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Projector day', [
    { name: 'Skills', description: 'How do workers keep up?' },
    { name: 'Public sector', description: '' },
  ]);
  const [skills, publicSector] = event.tracks;
  const { token: viewerToken } = await fac.request({
    type: 'create_link',
    role: 'viewer',
    name: 'Main hall',
  });
  await fac.request({ type: 'go_to_phase', index: 0 }); // Welcome: the screen shows how to join

  const wall = await newPage(browser, BIG_SCREEN);
  await wall.goto(`${server.base}/screen/${event.code}#t=${encodeURIComponent(viewerToken)}`);
  await wall.getByRole('heading', { name: 'Projector day' }).waitFor();
  assert.equal(await wall.evaluate(() => location.hash), '', 'the token leaves the address bar');

  // How to join: the code in large type, and a drawn QR code of the join link.
  const drawn = (qr) =>
    eventually(
      () =>
        qr.evaluate((canvas) => {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let dark = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] < 64) dark++;
          return dark > canvas.width * canvas.height * 0.2 && dark < canvas.width * canvas.height * 0.8;
        }),
      { message: 'a drawn QR code' },
    );
  const code = wall.getByTestId('join-code');
  assert.equal((await code.innerText()).trim(), event.code);
  const codeSize = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(codeSize >= 96, `join code font size ${codeSize}px`);
  const qr = wall.getByRole('img', {
    name: `QR code for ${server.base}/join/${event.code}`,
  });
  await qr.waitFor();
  await drawn(qr);
  assert.ok((await qr.boundingBox()).width >= 400, 'a large QR code');

  // Ideas: the wall, with the code and a small QR code in the corner.
  await fac.request({ type: 'go_to_phase', index: 1 }); // Ideas, 45 minutes
  await wall.getByRole('heading', { name: 'Skills', exact: true }).waitFor();
  const corner = wall.getByTestId('join-corner');
  assert.equal((await corner.getByTestId('join-code').innerText()).trim(), event.code);
  const small = corner.getByRole('img', {
    name: `QR code for ${server.base}/join/${event.code}`,
  });
  await drawn(small);
  const box = await small.boundingBox();
  assert.ok(
    box.width < 200 && box.x + box.width > 1800 && box.y < 40,
    `a small QR code in the corner: ${JSON.stringify(box)}`,
  );

  // The phase and its countdown, which runs.
  await wall.getByTestId('phase-title').getByText('Ideas').waitFor();
  const countdown = wall.getByTestId('countdown');
  const first = (await countdown.innerText()).trim();
  assert.match(first, /^4[45]:\d\d$/);
  await sleep(2_200);
  const later = (await countdown.innerText()).trim();
  assert.notEqual(later, first, 'the countdown moves');
  assert.match(later, /^44:\d\d$/);

  // People connected: the screen and the facilitator's client.
  await wall
    .getByTestId('people-here')
    .getByText(/^[2-9] people here$/)
    .waitFor();

  // An idea posted now appears on the wall without a reload.
  const poster = await WsClient.connect(server.wsUrl);
  await poster.request({
    type: 'join',
    code: event.code,
    name: 'Ana Ruiz',
    organisation: '',
    group: 'academia',
    track: publicSector.id,
    credit: true,
  });
  const text = `Public data for every citizen ${Date.now()}`;
  await poster.request({
    type: 'post_idea',
    track: publicSector.id,
    text,
    anonymous: false,
  });
  await wall.getByText(text, { exact: true }).waitFor();
  await wall.getByRole('heading', { name: 'Skills', exact: true }).waitFor();

  // The facilitator puts one track on the big screen from the console.
  const console_ = await newPage(browser, LAPTOP);
  await console_.goto(`${server.base}/facilitate/${event.code}#t=${encodeURIComponent(facilitatorToken)}`);
  const now = console_.getByTestId('screen-now');
  await now.getByText('Idea wall: All tracks (automatic)').waitFor();
  await console_.getByLabel('Track on the big screen').selectOption(String(publicSector.id));
  await wall.getByRole('heading', { name: 'Skills', exact: true }).waitFor({ state: 'detached' });
  await wall.getByRole('heading', { name: 'Public sector', exact: true }).waitFor();
  await wall.getByText(text, { exact: true }).waitFor();
  await now.getByText('Idea wall: Public sector (automatic)').waitFor();
  await console_.getByLabel('Track on the big screen').selectOption({ label: 'All tracks' });
  await wall.getByRole('heading', { name: 'Skills', exact: true }).waitFor();
  assert.ok(skills.id > 0);

  poster.close();
  fac.close();
  assert.deepEqual(wall.errors, []);
  assert.deepEqual(console_.errors, []);
});

test('the facilitator picks the big screen’s mode and round in the console, and back to automatic', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Mode day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const { token: viewerToken } = await fac.request({
    type: 'create_link',
    role: 'viewer',
    name: 'Hall',
  });
  await fac.request({ type: 'go_to_phase', index: 1 }); // Ideas: auto shows the wall
  await fac.request({ type: 'post_idea', track: event.tracks[0].id, text: 'Paid learning time', anonymous: false });
  const { round } = await fac.request({
    type: 'open_round',
    title: 'Top ideas',
    track: null,
  });

  const wall = await newPage(browser, BIG_SCREEN);
  await wall.goto(`${server.base}/screen/${event.code}#t=${encodeURIComponent(viewerToken)}`);
  const mode = (m) => wall.locator(`[data-testid="screen"][data-mode="${m}"]`);
  await mode('wall').waitFor();

  const console_ = await newPage(browser, LAPTOP);
  await console_.goto(`${server.base}/facilitate/${event.code}#t=${encodeURIComponent(facilitatorToken)}`);
  const now = console_.getByTestId('screen-now');
  await console_.getByLabel('Big screen shows').selectOption({ label: 'How to join' });
  await mode('join').waitFor();
  await now.getByText('How to join', { exact: true }).waitFor();

  // Results of a round still open: the screen says they come with the reveal.
  await console_.getByLabel('Big screen shows').selectOption({ label: 'Results' });
  await console_.getByLabel('Round on the big screen').selectOption({ label: 'Top ideas' });
  await mode('results').waitFor();
  await wall.getByText('Results will be shown when the facilitator reveals them').waitFor();
  await now.getByText('Results: Top ideas', { exact: true }).waitFor();
  await fac.request({ type: 'close_round', round });
  await fac.request({ type: 'reveal_round', round });
  await wall.getByTestId(`screen-results-${round}`).waitFor();

  await console_.getByLabel('Big screen shows').selectOption({ label: 'Automatic (follows the phase)' });
  await mode('wall').waitFor();
  await now.getByText('Idea wall: All tracks (automatic)').waitFor();

  fac.close();
  assert.deepEqual(wall.errors, []);
  assert.deepEqual(console_.errors, []);
});
