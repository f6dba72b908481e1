// A vote the server refuses: one person votes in two tabs; the second tab has not yet heard of
// the first tab's votes (its incoming messages are held back for a moment) and adds a dot
// the budget no longer allows. The real server refuses it with over_budget; the tab says so,
// takes the dot back and shows the person's ballot as the server has it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSuite, eventually, joinViaForm, newPage, openSuite, PHONE } from './helpers.mjs';

let server;
let browser;
let event;
let fac;
const IDEAS = ['Learning accounts for every worker', 'A skills passport'];

before(async () => {
  ({ server, browser, event, fac } = await openSuite({
    title: 'Refusals',
    tracks: [{ name: 'Skills', description: '' }],
  }));
  for (const text of IDEAS) await fac.request({ type: 'post_idea', track: event.tracks[0].id, text, anonymous: false });
});

after(() => closeSuite({ server, browser, fac }));

const add = (page, text) => page.getByRole('button', { name: `Add a vote to: ${text}` });
const left = (page, text) => page.getByTestId('vote-budget').getByRole('status').getByText(text).waitFor();
const dots = (page, text) =>
  page.getByTestId('vote-item').filter({ hasText: text }).getByRole('img').getAttribute('aria-label');

test('a vote refused by the server (over budget, from another tab) is shown and taken back', async () => {
  const first = await newPage(browser, PHONE);
  await joinViaForm(first, server, event.code, { name: 'Ana Ruiz', group: 'sme', track: 'Skills' });
  await fac.request({
    type: 'open_round',
    title: 'Which first?',
    track: event.tracks[0].id,
    method: 'dots',
    budget: 3,
    maxPerItem: 3,
    allowOwn: true,
    liveResults: false,
    randomOrder: true,
  });

  // The same person in a second tab, whose messages from the server can be held back.
  const second = await first.context().newPage();
  let hold = false;
  const held = [];
  let toPage = null;
  await second.routeWebSocket(/\/ws$/, (ws) => {
    const upstream = ws.connectToServer();
    toPage = (m) => ws.send(m);
    upstream.onMessage((m) => (hold ? held.push(m) : ws.send(m)));
  });
  await second.goto(first.url());
  await add(first, IDEAS[0]).click();
  await left(second, '2 of 3 dots left');

  // The second tab stops hearing; the first spends the rest of the budget.
  hold = true;
  await add(first, IDEAS[1]).click();
  await add(first, IDEAS[1]).click();
  await left(first, '0 of 3 dots left');
  // The second tab still shows 2 left and puts a second dot on the first idea: 2 + 2 > 3.
  await left(second, '2 of 3 dots left');
  await add(second, IDEAS[0]).click();
  await eventually(() => held.some((m) => String(m).includes('"over_budget"')), { message: 'the refusal' });
  hold = false;
  for (const m of held.splice(0)) toPage(m);

  await second
    .getByRole('alert')
    .getByText('That vote was not counted: it is more than you have left. Take a vote off another idea first.')
    .waitFor();
  await left(second, '0 of 3 dots left');
  await eventually(
    async () => (await dots(second, IDEAS[0])) === '1 vote' && (await dots(second, IDEAS[1])) === '2 votes',
    { message: 'the ballot as the server has it' },
  );
  assert.equal(fac.messages.filter((m) => m.kind === 'vote_cast').length, 0, 'nobody else sees the ballot');
});
