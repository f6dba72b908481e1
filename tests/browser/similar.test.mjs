// Similar ideas (issue 18): a participant typing an idea someone already posted sees it under
// the composer and supports it with "This is mine too" (the other participant's connection sees
// the support; the draft is cleared; Undo takes it back), while a different text shows nothing
// and posts as usual. A track lead accepts a suggested cluster (renamed, one idea left out) and
// undoes it, and marks a suggested pair as not duplicates, which stays so after a reload.
// axe-core finds no violation on the composer with similar ideas and on the open suggestions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  connectWith,
  eventually,
  formatViolations,
  ideaCard,
  joinOverSocket,
  joinViaForm,
  LAPTOP,
  newPage,
  openEvent,
  openSuite,
  PHONE,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

after(() => closeSuite({ server, browser }));

/** Every change a client has received (live ones and those of a backlog). */
function changesOf(client) {
  return client.messages.flatMap((m) => (m.type === 'change' ? [m] : m.type === 'changes' ? m.changes : []));
}

/** A participant joined over the WebSocket, with their token and member id. */
const participant = (event, name, track) => joinOverSocket(server, event.code, name, { track });

/** The idea card holding this exact text within `scope` (a part of the page). */
function cardIn(page, scope, text) {
  return scope.locator('article.idea').filter({ has: page.getByText(text, { exact: true }) });
}

async function postAll(client, track, texts) {
  const ids = [];
  for (const text of texts) {
    const { idea } = await client.request({ type: 'post_idea', track, text, anonymous: false });
    ids.push(idea);
  }
  return ids;
}

test('typing a duplicate shows it; “This is mine too” supports it and clears the draft; another text posts', async () => {
  const { event, fac } = await openEvent(server, 'Similar day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const track = event.tracks[0].id;
  const bo = await participant(event, 'Bo Jensen', track);
  const existing = 'Individual AI learning accounts for every worker';
  const [ideaId] = await postAll(bo.client, track, [existing, 'Fast broadband for rural villages']);

  const ana = await newPage(browser, { ...PHONE, ...AXE });
  await joinViaForm(ana, server, event.code, { name: 'Ana Ruiz', group: 'sme', track: 'Skills' });
  await ideaCard(ana, existing).waitFor();

  // Typed as people type: the similar idea shows once typing pauses; focus and caret stay.
  const box = ana.getByLabel(/^Your idea for/);
  await box.click();
  const draft = 'Learning accounts for every worker, to learn AI skills';
  await box.pressSequentially(draft, { delay: 15 });
  const panel = ana.getByTestId('similar');
  await panel.waitFor();
  const match = panel.locator(`[data-idea="${ideaId}"]`);
  await match.waitFor();
  assert.match(await match.innerText(), /Individual AI learning accounts/);
  assert.match(await match.innerText(), /0 supporters/);
  assert.equal(await ana.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the focus stays in the box');
  assert.equal(await box.evaluate((el) => el.selectionStart), draft.length, 'the caret stays at the end');
  // The Post button stays above the list (in reach above a phone's keyboard).
  const post = await ana.getByRole('button', { name: 'Post idea' }).boundingBox();
  const list = await panel.boundingBox();
  assert.ok(post.y + post.height <= list.y, `Post (${post.y}) comes before the similar ideas (${list.y})`);
  await assertNoViolations(ana, 'the composer with similar ideas');

  await match.getByRole('button', { name: /^This is mine too/ }).click();
  await ana.getByTestId('similar-supported').waitFor();
  assert.equal(await box.inputValue(), '', 'the draft is cleared');
  assert.equal(await panel.count(), 0);
  // The other participant's connection sees the support; the card says so.
  await eventually(
    () => changesOf(bo.client).some((c) => c.kind === 'idea_supported' && c.idea === ideaId && c.member > 0),
    { message: 'idea_supported reaches Bo' },
  );
  const card = ideaCard(ana, existing);
  await card.getByTestId('supporters').getByText('1 supporter').waitFor();
  await card.getByRole('button', { name: /^You support this/ }).waitFor();

  // Undo: the support is withdrawn and the draft comes back.
  await ana.getByTestId('similar-supported').getByRole('button', { name: 'Undo' }).click();
  await eventually(() => changesOf(bo.client).some((c) => c.kind === 'idea_support_withdrawn' && c.idea === ideaId), {
    message: 'idea_support_withdrawn reaches Bo',
  });
  await eventually(async () => (await box.inputValue()) === draft, { message: 'the draft back in the box' });
  await card.getByTestId('supporters').waitFor({ state: 'detached' });
  // "Me too" on the card supports it as well.
  await card.getByRole('button', { name: /^Me too/ }).click();
  await card.getByTestId('supporters').getByText('1 supporter').waitFor();

  // A different text: nothing similar, and it posts as usual.
  const other = 'Open the town hall on Saturdays for paperwork';
  await box.fill(other);
  await ana.waitForTimeout(1500);
  assert.equal(await ana.getByTestId('similar').count(), 0, 'nothing similar to a different text');
  await ana.getByRole('button', { name: 'Post idea' }).click();
  await ideaCard(ana, other).waitFor();
  await eventually(() => changesOf(bo.client).some((c) => c.kind === 'idea_posted' && c.idea.text === other), {
    message: 'the new idea reaches Bo',
  });
  // One's own idea offers no "Me too".
  assert.equal(await ideaCard(ana, other).getByTestId('support').count(), 0);

  bo.client.close();
  fac.close();
  assert.deepEqual(ana.errors, []);
});

const THEMES = [
  [
    'Individual learning accounts for every worker',
    'Personal learning accounts funded by employers',
    'Learning accounts that workers keep when they change jobs',
    'A learning account with yearly training credits for workers',
  ],
  [
    'Fast broadband for rural villages',
    'Rural broadband subsidies for villages and farms',
    'Broadband vouchers for rural schools and villages',
    'Fibre broadband in every rural village',
  ],
  [
    'Independent audits of public sector algorithms',
    'Yearly algorithm audits by an independent public body',
    'Publish the audits of algorithms used by public agencies',
    'Algorithm audit standards for public agencies',
  ],
];

test('a lead accepts a suggested cluster (renamed, one idea left out) and undoes it', async () => {
  const { event, fac } = await openEvent(server, 'Clusters day', [{ name: 'Skills', description: '' }]);
  const track = event.tracks[0].id;
  const { token: leadToken } = await fac.request({ type: 'create_link', role: 'lead', track, name: 'Lena Lead' });
  const bo = await participant(event, 'Bo Jensen', track);
  // Interleaved, as people post.
  const texts = THEMES[0].flatMap((_, i) => THEMES.map((theme) => theme[i]));
  await postAll(bo.client, track, texts);

  const lead = await newPage(browser, { ...LAPTOP, ...AXE });
  await lead.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(leadToken)}`);
  const own = lead.getByTestId('own-track');
  await ideaCard(lead, texts[0]).waitFor();
  const suggestions = own.getByTestId('suggestions');
  assert.equal(await suggestions.evaluate((el) => el.open), false, 'closed at first');
  await suggestions.locator('summary').click();
  const part = suggestions.getByTestId('suggest-clusters');
  await part.getByRole('button', { name: 'Suggest clusters' }).click();
  const group = part.locator('.suggest__group').first();
  await group.waitFor();
  assert.ok((await part.locator('.suggest__group').count()) >= 2, 'the themes are told apart');
  await assertNoViolations(lead, 'the suggestions, open');
  const ids = (await group.locator('[data-idea]').evaluateAll((els) => els.map((e) => e.dataset.idea))).map(Number);
  assert.ok(ids.length >= 3, `a group of at least three (${ids.length})`);
  const leftOut = ids[ids.length - 1];
  const kept = ids.slice(0, -1);
  const textOf = async (id) => (await group.locator(`[data-idea="${id}"] .suggest__ideatext`).innerText()).trim();
  const leftText = await textOf(leftOut);
  const keptTexts = [];
  for (const id of kept) keptTexts.push(await textOf(id));
  // One idea left out (the focus moves to the next button), a name of our own.
  await group
    .locator(`[data-idea="${leftOut}"]`)
    .getByRole('button', { name: /^Leave out/ })
    .click();
  await eventually(async () => (await group.locator('[data-idea]').count()) === kept.length, {
    message: 'the idea left out',
  });
  await group.getByLabel('Cluster name').fill('First theme');
  const groupsBefore = await part.locator('.suggest__group').count();
  await group.getByRole('button', { name: 'Create this cluster' }).click();

  // The cluster with its ideas; the group leaves the list; Undo offered.
  const cluster = own.locator('section.cluster[data-cluster]:not(.cluster--none)').filter({
    has: lead.getByRole('heading', { name: /^First theme/ }),
  });
  await cluster.waitFor();
  for (const text of keptTexts) await cardIn(lead, cluster, text).waitFor();
  assert.equal(await cardIn(lead, cluster, leftText).count(), 0, 'the idea left out is not in it');
  await eventually(async () => (await part.locator('.suggest__group').count()) === groupsBefore - 1, {
    message: 'the accepted group leaves the list',
  });
  await part.getByText('Created 1 cluster.').waitFor();
  await assertNoViolations(lead, 'a suggested cluster created');
  const clusterId = Number(await cluster.getAttribute('data-cluster'));
  await part.getByRole('button', { name: 'Undo' }).click();

  // Back: the cluster is gone, its ideas in no cluster; the server says so too.
  await part.getByText('Undone: the ideas are back where they were.').waitFor();
  await cluster.waitFor({ state: 'detached' });
  assert.equal(await own.locator('section.cluster[data-cluster]:not(.cluster--none)').count(), 0);
  for (const text of keptTexts) await cardIn(lead, own, text).waitFor();
  const check = await connectWith(server, leadToken);
  const snapshot = await eventually(() => check.messages.find((m) => m.type === 'snapshot'), { message: 'snapshot' });
  assert.ok(!snapshot.clusters?.some((c) => c.id === clusterId), 'the cluster is deleted');
  for (const id of kept) assert.equal(snapshot.ideas.find((i) => i.id === id)?.cluster ?? null, null);
  // The group is offered again.
  await part
    .locator('.suggest__group')
    .nth(groupsBefore - 1)
    .waitFor();
  check.close();
  bo.client.close();
  fac.close();
  assert.deepEqual(lead.errors, []);
});

test('a lead marks a suggested pair as not duplicates (Undo, then again); after a reload it is not suggested', async () => {
  const { event, fac } = await openEvent(server, 'Duplicates day', [{ name: 'Skills', description: '' }]);
  const track = event.tracks[0].id;
  const { token: leadToken } = await fac.request({ type: 'create_link', role: 'lead', track, name: 'Lena Lead' });
  const bo = await participant(event, 'Bo Jensen', track);
  const [a, b] = await postAll(bo.client, track, [
    'Individual AI learning accounts for every worker',
    'AI learning accounts for every individual worker',
    'Fast broadband for rural villages',
    'Independent audits of public sector algorithms',
  ]);

  const lead = await newPage(browser, PHONE);
  await lead.goto(`${server.base}/lead/${event.code}#t=${encodeURIComponent(leadToken)}`);
  const open = async () => {
    const suggestions = lead.getByTestId('own-track').getByTestId('suggestions');
    await suggestions.locator('summary').click();
    const part = suggestions.getByTestId('suggest-duplicates');
    // Answered: a list, or the line that there is none.
    await part.locator('.suggest__pairs').or(part.getByText('No likely duplicates left in this track.')).waitFor();
    return part;
  };
  let part = await open();
  const pair = part.locator(`[data-pair="${a}-${b}"]`);
  await pair.waitFor();
  assert.match(await pair.innerText(), /\d+\s?% similar/);
  await pair.getByRole('button', { name: 'Not duplicates' }).click();
  await part.getByText('Marked as not duplicates. This pair will not be suggested again.').waitFor();
  await pair.waitFor({ state: 'detached' });
  // Undo brings it back; marked again, it goes.
  await part.getByRole('button', { name: 'Undo' }).click();
  await pair.waitFor();
  await pair.getByRole('button', { name: 'Not duplicates' }).click();
  await pair.waitFor({ state: 'detached' });

  await lead.reload();
  part = await open();
  assert.equal(await part.locator(`[data-pair="${a}-${b}"]`).count(), 0, 'not suggested again after a reload');
  // The server keeps it: the facilitator's snapshot lists the pair.
  const check = await connectWith(server, leadToken);
  const snapshot = await eventually(() => check.messages.find((m) => m.type === 'snapshot'), { message: 'snapshot' });
  assert.deepEqual(snapshot.dismissedDuplicates, [[a, b]]);
  check.close();
  bo.client.close();
  fac.close();
  assert.deepEqual(lead.errors, []);
});
