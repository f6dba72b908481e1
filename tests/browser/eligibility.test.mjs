// Who may vote, in the browser: on a 360 px phone a participant of track 1 sees their track's
// round and not track 2's open round, then track 2's results once revealed, to read only; the
// console's round form chooses "Chosen tracks", and the round list says who votes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  eventually,
  formatViolations,
  joinViaForm,
  LAPTOP,
  newPage,
  openSuite,
  PHONE,
  WsClient,
} from './helpers.mjs';

const TRACKS = [
  { name: 'Skills', description: '' },
  { name: 'Public sector', description: '' },
  { name: 'Health', description: '' },
];
const OWN = 'Which skills ideas go on?';
const OTHER = 'Which public sector ideas go on?';
const CHOSEN = 'Skills ideas, judged by the others';
// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };

let server;
let browser;
let event;
let facilitatorToken;
let fac;
let bo;
let phone;
let round1;
let round2;
let boIdea;

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

async function participant(name, track) {
  const client = await WsClient.connect(server.wsUrl);
  await client.request({ type: 'join', code: event.code, name, organisation: '', group: 'sme', track, credit: true });
  return client;
}

before(async () => {
  ({ server, browser, event, facilitatorToken, fac } = await openSuite({
    title: 'Seven rounds at once',
    tracks: TRACKS,
  }));
  const [skills, publicSector] = event.tracks;
  const cy = await participant('Cy Author', skills.id);
  await cy.request({ type: 'post_idea', track: skills.id, text: 'Learning accounts for every worker' });
  cy.close();
  bo = await participant('Bo Jensen', publicSector.id);
  boIdea = (await bo.request({ type: 'post_idea', track: publicSector.id, text: 'Open data in procurement' })).idea;
  round1 = (await fac.request({ type: 'open_round', title: OWN, track: skills.id })).round;
  round2 = (await fac.request({ type: 'open_round', title: OTHER, track: publicSector.id })).round;
});

after(() => closeSuite({ server, browser, fac }, bo));

test("a phone shows the own track's round, not another track's, and its results once revealed", async () => {
  phone = await newPage(browser, { ...PHONE, ...AXE });
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'sme', track: 'Skills' });
  await phone.getByRole('heading', { name: `Vote: ${OWN}` }).waitFor();
  assert.equal(await phone.getByRole('heading', { name: `Vote: ${OTHER}` }).count(), 0);
  assert.equal(await phone.getByText(OTHER).count(), 0, "track 2's open round is not shown at all");

  // Track 2 votes, closes and reveals: its results reach the phone, to read only.
  await bo.request({ type: 'vote', round: round2, item: boIdea, votes: 2 });
  await fac.request({ type: 'close_round', round: round2 });
  assert.equal(await phone.getByText(OTHER).count(), 0, 'nor once closed');
  await fac.request({ type: 'reveal_round', round: round2 });
  const results = phone.getByTestId(`results-${round2}`);
  await results.getByRole('heading', { name: `Results: ${OTHER}` }).waitFor();
  await results.getByText('This round was for other tracks', { exact: false }).waitFor();
  await results.getByTestId('result-item').first().getByText('2 votes', { exact: true }).waitFor();
  assert.equal(await results.getByRole('button', { name: /^Add a vote to/ }).count(), 0);
  assert.equal(await phone.getByRole('button', { name: 'Add a vote to: Open data in procurement' }).count(), 0);
  // The own round's ballot is still there, with its whole budget.
  await phone.getByRole('button', { name: 'Add a vote to: Learning accounts for every worker' }).waitFor();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page width ${width}`);
  await assertNoViolations(phone, "another track's results on a phone");
  assert.deepEqual(phone.errors, []);
});

test('the console opens a round for chosen tracks and lists who votes', async () => {
  const console_ = await newPage(browser, { ...LAPTOP, ...AXE });
  await console_.goto(
    `${server.base}/facilitate/${event.code}?section=voting#t=${encodeURIComponent(facilitatorToken)}`,
  );
  await console_.getByRole('heading', { name: 'Voting', exact: true }).waitFor();
  await console_.getByTestId(`round-${round1}`).getByText('Members of Skills vote').waitFor();
  await console_.locator('summary', { hasText: 'Open a vote round' }).click();
  await console_.getByLabel('Question').fill(CHOSEN);
  const voters = console_.getByTestId('round-voters');
  // All tracks: everyone by default, and "Members of the track" cannot be chosen.
  assert.equal(await voters.getByRole('radio', { name: 'Everyone' }).isChecked(), true);
  assert.equal(await voters.getByRole('radio', { name: 'Members of the track' }).isDisabled(), true);
  // One track's ideas: its members by default.
  await console_.getByLabel('Ideas of').selectOption({ label: 'Skills' });
  assert.equal(await voters.getByRole('radio', { name: 'Members of the track' }).isChecked(), true);
  // Chosen tracks: the other two.
  await voters.getByRole('radio', { name: 'Chosen tracks' }).check();
  const chosen = voters.getByRole('group', { name: 'Tracks whose members may vote' });
  assert.equal(await chosen.getByRole('checkbox', { name: 'Skills' }).isChecked(), true, 'starts from the track');
  await assertNoViolations(console_, 'the round form with chosen tracks');
  await chosen.getByRole('checkbox', { name: 'Skills' }).uncheck();
  await console_.getByRole('button', { name: 'Open round' }).click();
  await console_.getByText('Choose at least one track whose members may vote.').waitFor();
  await chosen.getByRole('checkbox', { name: 'Health' }).check();
  await chosen.getByRole('checkbox', { name: 'Public sector' }).check();
  await console_.getByRole('button', { name: 'Open round' }).click();

  const row = console_.locator('.rounds__item').filter({ hasText: CHOSEN });
  await row.getByText('Members of Public sector, Health vote').waitFor();
  const opened = await eventually(() =>
    fac.messages.find((m) => m.type === 'change' && m.kind === 'round_opened' && m.round.title === CHOSEN),
  );
  assert.deepEqual(opened.round.eligible, [event.tracks[1].id, event.tracks[2].id]);
  assert.equal(opened.round.track, event.tracks[0].id);
  // Ana (Skills) is not among them: her phone does not show it. An announcement made after the
  // round opened proves the phone has had the round's change (changes arrive in order).
  await fac.request({ type: 'announce', text: 'Voting is open', track: null });
  await phone.getByText('Voting is open').waitFor();
  assert.equal(await phone.getByText(CHOSEN).count(), 0);
  assert.deepEqual(console_.errors, []);
  assert.deepEqual(phone.errors, []);
});
