// axe-core finds no accessibility violation on the new parts: the facilitator console with
// the tables, people, pacing, roster and cluster panels, the badge sheet, and a participant
// board with clusters and merged ideas (phone and laptop).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations,
  closeSuite,
  formatViolations,
  ideaCard,
  LAPTOP,
  newPage,
  openEvent,
  openSuite,
  PHONE,
  WsClient,
  consoleIdea,
  ideaAction,
  openSection,
} from './helpers.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await openSuite()));
after(() => closeSuite({ server, browser }));

// The server's Content-Security-Policy forbids inline scripts; axe is injected as one.
const AXE = { bypassCSP: true };

async function assertNoViolations(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${where}:\n${formatViolations(violations)}`);
}

/** An event with tables, clusters, a pinned idea, a two-level merge and an idea edited by staff. */
async function richEvent() {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Accessible moderation', [
    { name: 'Skills', description: 'How do workers keep up?' },
    { name: 'Public sector', description: '' },
  ]);
  const [skills, publicSector] = event.tracks.map((tr) => tr.id);
  const { table } = await fac.request({ type: 'add_table', track: skills, name: 'Table 1' });
  await fac.request({ type: 'add_table', track: publicSector, name: 'Table A' });
  const { cluster } = await fac.request({ type: 'create_cluster', track: skills, name: 'Funding' });
  await fac.request({ type: 'create_cluster', track: skills, name: 'Empty for now' });
  const client = await WsClient.connect(server.wsUrl);
  const { token } = await client.request({
    type: 'join',
    code: event.code,
    name: 'Ana Ruiz',
    organisation: 'DG CNECT',
    group: 'eu_institution',
    track: skills,
    credit: true,
  });
  const root = await client.request({
    type: 'post_idea',
    track: skills,
    text: 'Training vouchers for all',
    anonymous: false,
  });
  const dup = await client.request({
    type: 'post_idea',
    track: skills,
    text: 'Vouchers for courses',
    anonymous: false,
  });
  const leaf = await client.request({ type: 'post_idea', track: skills, text: 'Course credits', anonymous: true });
  const other = await client.request({ type: 'post_idea', track: skills, text: 'Mentoring circles', anonymous: false });
  client.close();
  await fac.request({ type: 'merge_idea', idea: dup.idea, into: root.idea });
  await fac.request({ type: 'merge_idea', idea: leaf.idea, into: dup.idea });
  await fac.request({ type: 'cluster_idea', idea: root.idea, cluster });
  await fac.request({ type: 'pin_idea', idea: other.idea });
  await fac.request({ type: 'edit_idea', idea: other.idea, text: 'Mentoring circles across firms' });
  await fac.request({ type: 'move_member', member: await memberId(fac, 'Ana Ruiz'), track: skills, table });
  await fac.request({ type: 'set_track_pacing', allowed: true });
  await fac.request({ type: 'set_track_phase', track: publicSector, index: 2 });
  fac.close();
  return { event, facilitatorToken, participantToken: token };
}

async function memberId(client, name) {
  for (let i = 0; i < 50; i++) {
    const joined = client.messages.find(
      (m) => m.type === 'change' && m.kind === 'member_joined' && m.member.name === name,
    );
    if (joined) return joined.member.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no member ${name}`);
}

test('facilitator console with clusters, tables, people, pacing, roster and the badge sheet', async () => {
  const { event, facilitatorToken } = await richEvent();
  const page = await newPage(browser, { ...LAPTOP, ...AXE });
  await page.goto(`${server.base}/facilitate/${event.code}?section=ideas#t=${encodeURIComponent(facilitatorToken)}`);
  await page.locator('ul.cideas__list--merged ul.cideas__list--merged').getByText('Course credits').waitFor();
  await page.getByText('edited by Facilitator').waitFor();
  // Open panels in the ideas: a merge choice, a cluster choice, a rename form.
  await ideaAction(page, consoleIdea(page, 'Mentoring circles across firms'), 'Merge into…');
  await ideaAction(page, consoleIdea(page, 'Training vouchers for all'), 'Move to cluster…');
  await page.getByRole('button', { name: 'Rename cluster Empty for now' }).click();
  await assertNoViolations(page, 'the console’s ideas with open panels');
  await openSection(page, 'settings');
  await page.getByLabel('Let track leads set their own pace').waitFor();
  await page.getByText('Held in phase 3: Clustering').first().waitFor();
  await assertNoViolations(page, 'the console’s settings with pacing');
  await openSection(page, 'people');
  await page.getByRole('region', { name: 'Tables' }).getByText('Table A').waitFor();
  await page.getByTestId('roster-fold').locator('summary').first().click();
  await page.getByRole('region', { name: 'Prepare participants' }).getByText('Expected columns and an example').click();
  await page.getByRole('button', { name: 'Move Ana Ruiz' }).click();
  await assertNoViolations(page, 'the console’s people with a move form');

  // A refused roster, then the badge sheet.
  const panel = page.getByRole('region', { name: 'Prepare participants' });
  await panel.getByLabel('Roster file (CSV)').setInputFiles({
    name: 'r.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,organisation,group,track\nLou,Acme,lobbyist,Skills\n'),
  });
  await panel.getByRole('button', { name: 'Import roster' }).click();
  await panel.getByText(/^Row 1:/).waitFor();
  await assertNoViolations(page, 'roster problems');
  await panel.getByLabel('Roster file (CSV)').setInputFiles({
    name: 'r.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'name,organisation,group,track,table\n"Ruiz, Ana",DG CNECT,EU institution,Skills,Table 1\nBo Jensen,,SME,Public sector,\n',
    ),
  });
  await panel.getByRole('button', { name: 'Import roster' }).click();
  await panel.getByRole('heading', { name: '2 people imported' }).waitFor();
  await panel
    .getByRole('img', { name: /^QR code for / })
    .first()
    .waitFor();
  await assertNoViolations(page, 'badge sheet');
  page.errors = page.errors.filter((e) => !/status of 400/.test(e)); // Chromium's log of the refused upload
  assert.deepEqual(page.errors, []);
});

for (const [label, device] of [
  ['phone', PHONE],
  ['laptop', LAPTOP],
]) {
  test(`participant board with clusters, merged ideas, a table and a paced track (${label})`, async () => {
    const { event, participantToken } = await richEvent();
    const page = await newPage(browser, { ...device, ...AXE });
    await page.goto(`${server.base}/join/${event.code}#t=${encodeURIComponent(participantToken)}`);
    await page.getByRole('region', { name: /^Funding/ }).waitFor();
    await page.locator('ul.ideas--merged ul.ideas--merged').getByText('Course credits').waitFor();
    await page.getByText('Pinned').first().waitFor();
    await page.getByTestId('your-table').waitFor();
    await assertNoViolations(page, 'participant board with clusters and merges');
    await page.getByRole('button', { name: 'Public sector' }).click();
    await page.getByTestId('phase-paced').waitFor();
    await assertNoViolations(page, 'participant board of a paced track');
    assert.deepEqual(page.errors, []);
  });
}
