// Moderation from the staff board: a facilitator merges one participant's idea beneath
// another's and splits it out again, pins and edits ideas, and sorts ideas into clusters
// (drag and drop on a laptop, the "Move to cluster…" menu on a 360 px phone). Participants
// see it all live.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
  WsClient,
  consoleIdea,
  ideaAction,
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

/** Posts an idea through the page and waits until the server has it. */
async function postSaved(page, text) {
  await postIdea(page, text);
  await ideaCard(page, text).waitFor();
  await eventually(async () => (await ideaCard(page, text).locator('.badge--unsaved').count()) === 0, {
    message: `"${text}" saved`,
  });
}

test('a facilitator merges one participant’s idea beneath another’s and splits it out again', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Merging day', [{ name: 'Skills', description: '' }]);
  const ana = await newPage(browser, PHONE);
  await joinViaForm(ana, server, event.code, {
    name: 'Ana Ruiz',
    organisation: 'DG CNECT',
    group: 'eu_institution',
    track: 'Skills',
  });
  const bo = await newPage(browser, LAPTOP);
  await joinViaForm(bo, server, event.code, {
    name: 'Bo Jensen',
    group: 'sme',
    track: 'Skills',
  });
  const survivor = 'Individual AI learning accounts';
  const duplicate = 'A learning budget for every worker';
  await postSaved(ana, survivor);
  await postSaved(bo, duplicate);

  const fac = await newPage(browser, LAPTOP);
  await fac.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  // The console's compact card: its actions in one menu.
  const card = consoleIdea(fac, duplicate);
  await ideaAction(fac, card, 'Merge into…');
  const picker = card.getByRole('combobox', {
    name: 'Merge this idea beneath',
  });
  await assert.doesNotReject(picker.waitFor());
  await eventually(
    async () => (await fac.evaluate(() => document.activeElement?.getAttribute('role'))) === 'combobox',
    {
      timeout: 2000,
      message: 'the focus moves to the choice',
    },
  );
  // Typing filters the ideas; the keyboard chooses one.
  await picker.fill('learning acc');
  assert.equal(await card.getByRole('option').count(), 1);
  await picker.press('ArrowDown');
  await picker.press('Enter');
  assert.equal(await picker.inputValue(), survivor);
  await card.getByRole('button', { name: 'Merge', exact: true }).click();

  // On Ana's phone the duplicate now sits beneath the survivor, still with Bo as its author.
  const nested = ana
    .locator('li.ideas__item')
    .filter({ has: ideaCard(ana, survivor) })
    .locator('ul.ideas--merged');
  await nested.waitFor();
  const child = nested.locator('article.idea').filter({ hasText: duplicate });
  await child.waitFor();
  assert.match(await child.locator('.idea__author').innerText(), /Bo Jensen/);
  assert.equal(await ana.locator('ul.ideas--merged').count(), 1);
  // The facilitator's board shows the same tree, with "Split out" on the merged idea.
  const facChild = fac.locator('ul.cideas__list--merged article.cidea').filter({ hasText: duplicate });
  await facChild.waitFor();
  await ideaAction(fac, facChild, 'Split out');

  // Split: both at the top again, nothing nested.
  await ana.locator('ul.ideas--merged').waitFor({ state: 'detached' });
  await ideaCard(ana, duplicate).waitFor();
  const topLevel = await ana.locator('section.track-view > ul.ideas > li > article.idea .idea__text').allInnerTexts();
  assert.deepEqual(topLevel.sort(), [duplicate, survivor].sort());
  await noSideScroll(ana, 'participant board after the split');
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(bo.errors, []);
  assert.deepEqual(fac.errors, []);
});

test('merges form a tree; a merge that would form a cycle shows the server’s refusal', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Tree day', [{ name: 'Skills', description: '' }]);
  const client = await WsClient.connect(server.wsUrl);
  const { event: info } = await client.request({
    type: 'event_info',
    code: event.code,
  });
  const track = info.tracks[0].id;
  await client.request({
    type: 'join',
    code: event.code,
    name: 'Poster',
    organisation: '',
    group: 'sme',
    track,
    credit: true,
  });
  const a = await client.request({
    type: 'post_idea',
    track,
    text: 'Root idea',
    anonymous: false,
  });
  const b = await client.request({
    type: 'post_idea',
    track,
    text: 'Middle idea',
    anonymous: false,
  });
  const c = await client.request({
    type: 'post_idea',
    track,
    text: 'Leaf idea',
    anonymous: false,
  });
  const fac = await connectWith(server, facilitatorToken);
  await fac.request({ type: 'merge_idea', idea: b.idea, into: a.idea });
  await fac.request({ type: 'merge_idea', idea: c.idea, into: b.idea });

  const page = await newPage(browser, LAPTOP);
  await page.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  // Root > Middle > Leaf, two levels deep.
  await page
    .locator('ul.cideas__list--merged ul.cideas__list--merged article.cidea')
    .filter({ hasText: 'Leaf idea' })
    .waitFor();

  // The root's merge choices leave out the ideas already beneath it.
  const root = consoleIdea(page, 'Root idea');
  await ideaAction(page, root, 'Merge into…');
  await root.getByText('No other idea of this track can take it.').waitFor();
  await root.getByRole('button', { name: 'Cancel' }).click();

  // Split the leaf out, open the root's merge choice, and meanwhile another moderator
  // merges the leaf back beneath the root: the server refuses the cycle and the card says so.
  await fac.request({ type: 'split_idea', idea: c.idea });
  await page
    .locator('ul.cideas__list--merged article.cidea')
    .filter({ hasText: 'Leaf idea' })
    .waitFor({ state: 'detached' });
  await ideaAction(page, root, 'Merge into…');
  await root.getByRole('combobox', { name: 'Merge this idea beneath' }).fill('Leaf');
  await root.getByRole('option', { name: /Leaf idea/ }).click();
  await fac.request({ type: 'merge_idea', idea: c.idea, into: a.idea });
  await root.getByRole('button', { name: 'Merge', exact: true }).click();
  await root
    .getByRole('alert')
    .getByText(/merges cannot form a loop/)
    .waitFor();
  client.close();
  fac.close();
  assert.deepEqual(page.errors, []);
});

test('pins come first with a badge; a moderator’s edit shows “edited by” to the author', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Pinning day', [
    { name: 'Skills', description: '' },
  ]);
  const { token: leadToken } = await fac.request({
    type: 'create_link',
    role: 'lead',
    track: event.tracks[0].id,
    name: 'Lena Lead',
  });
  await fac.request({ type: 'go_to_phase', index: 1 });

  const ana = await newPage(browser, PHONE);
  await joinViaForm(ana, server, event.code, {
    name: 'Ana Ruiz',
    group: 'academia',
    track: 'Skills',
  });
  await postSaved(ana, 'First idea');
  await postSaved(ana, 'Second idea');
  await postSaved(ana, 'Third idea');
  const order = () => ana.locator('section.track-view article.idea .idea__text').allInnerTexts();
  assert.deepEqual(await order(), ['Third idea', 'Second idea', 'First idea']);

  // The lead of the track pins the oldest idea and edits it, in the voting phase.
  await fac.request({ type: 'go_to_phase', index: 3 });
  const lead = await newPage(browser, LAPTOP);
  await lead.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(leadToken)}`);
  const first = ideaCard(lead, 'First idea');
  await first.getByRole('button', { name: 'Pin', exact: true }).click();
  await first.getByText('Pinned').waitFor();
  await eventually(async () => (await order())[0] === 'First idea', {
    message: 'the pinned idea first',
  });
  await ideaCard(ana, 'First idea').getByText('Pinned').waitFor();

  await first.getByRole('button', { name: 'Edit' }).click();
  await lead.getByLabel('Edit the idea of Ana Ruiz').fill('First idea, sharpened');
  await lead.getByRole('button', { name: 'Save' }).click();
  await ideaCard(ana, 'First idea, sharpened').getByText('edited by Lena Lead').waitFor();
  // Ana herself may no longer edit in voting.
  assert.equal(await ideaCard(ana, 'First idea, sharpened').getByRole('button', { name: 'Edit' }).count(), 0);

  await ideaCard(lead, 'First idea, sharpened').getByRole('button', { name: 'Unpin' }).click();
  await eventually(async () => (await order())[0] === 'Third idea', {
    message: 'the unpinned idea back in place',
  });
  fac.close();
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(lead.errors, []);
});

test('clusters: created, renamed and deleted on the board; ideas dragged onto them; participants see the groups', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Cluster day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const ana = await newPage(browser, PHONE);
  await joinViaForm(ana, server, event.code, {
    name: 'Ana Ruiz',
    group: 'academia',
    track: 'Skills',
  });
  await postSaved(ana, 'Training vouchers');
  await postSaved(ana, 'Mentoring circles');

  const fac = await newPage(browser, LAPTOP);
  await fac.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  // The console shows one track at a time: Skills first.
  const column = fac.getByRole('tabpanel', { name: /^Skills/ });
  await column.getByLabel('New cluster in Skills').fill('Money');
  await column.getByRole('button', { name: 'Create cluster' }).click();
  const money = column.locator('section.cluster[data-cluster]:not(.cluster--none)');
  await money.getByRole('heading', { name: /^Money/ }).waitFor();

  // Drag "Training vouchers" onto the cluster.
  await consoleIdea(fac, 'Training vouchers').dragTo(money);
  await money.locator('article.cidea').filter({ hasText: 'Training vouchers' }).waitFor();

  // The participant sees the idea under the cluster's name, the other one apart.
  const anaCluster = ana.getByRole('region', { name: /^Money/ });
  await anaCluster.locator('article.idea').filter({ hasText: 'Training vouchers' }).waitFor();
  await ana
    .getByRole('region', { name: /^Not in a cluster/ })
    .locator('article.idea')
    .filter({ hasText: 'Mentoring circles' })
    .waitFor();
  // Read-only for participants.
  assert.equal(await ana.getByRole('button', { name: /^Rename cluster/ }).count(), 0);
  assert.equal(await ana.getByRole('button', { name: 'Move to cluster…' }).count(), 0);

  // Rename.
  await column.getByRole('button', { name: 'Rename cluster Money' }).click();
  await column.getByLabel('New name for cluster Money').fill('Funding');
  await column.getByRole('button', { name: 'Save' }).click();
  await ana.getByRole('region', { name: /^Funding/ }).waitFor();

  // Delete: its ideas stay, in no cluster.
  await column.getByRole('button', { name: 'Delete cluster Funding' }).click();
  await column.getByRole('button', { name: 'Yes, delete' }).click();
  await ana.getByRole('region', { name: /^Funding/ }).waitFor({ state: 'detached' });
  await ideaCard(ana, 'Training vouchers').waitFor();
  assert.equal(await ana.locator('section.cluster').count(), 0, 'without clusters the ideas are one plain list');
  assert.deepEqual(ana.errors, []);
  assert.deepEqual(fac.errors, []);
});

test('on a 360 px phone a moderator moves an idea into a cluster through the menu', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Phone moderation', [
    { name: 'Skills', description: '' },
  ]);
  const track = event.tracks[0].id;
  const { token: leadToken } = await fac.request({
    type: 'create_link',
    role: 'lead',
    track,
    name: 'Lena Lead',
  });
  await fac.request({ type: 'create_cluster', track, name: 'Quick wins' });
  await fac.request({ type: 'create_cluster', track, name: 'Long term' });
  const poster = await WsClient.connect(server.wsUrl);
  await poster.request({
    type: 'join',
    code: event.code,
    name: 'Ana Ruiz',
    organisation: '',
    group: 'sme',
    track,
    credit: true,
  });
  await poster.request({
    type: 'post_idea',
    track,
    text: 'Open data by default',
    anonymous: false,
  });

  const phone = await newPage(browser, PHONE);
  await phone.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(leadToken)}`);
  const card = ideaCard(phone, 'Open data by default');
  await card.getByRole('button', { name: 'Move to cluster…' }).click();
  await card.getByLabel('Move this idea to').selectOption({ label: 'Long term' });
  await card.getByRole('button', { name: 'Move', exact: true }).click();
  const longTerm = phone.getByRole('region', { name: /^Long term/ });
  await longTerm.locator('article.idea').filter({ hasText: 'Open data by default' }).waitFor();
  // Focus returns to the card's button; the idea can go back to "No cluster" the same way.
  const moved = ideaCard(phone, 'Open data by default');
  await moved.getByRole('button', { name: 'Move to cluster…' }).click();
  await moved.getByLabel('Move this idea to').selectOption({ label: 'No cluster' });
  await moved.getByRole('button', { name: 'Move', exact: true }).click();
  await phone
    .getByRole('region', { name: /^Not in a cluster/ })
    .locator('article.idea')
    .filter({ hasText: 'Open data by default' })
    .waitFor();
  await noSideScroll(phone, 'lead board on a phone');
  fac.close();
  poster.close();
  assert.deepEqual(phone.errors, []);
});
