// The admin runs events from /admin: a new facilitator link (a lost one's recovery, with a
// QR code) that survives a reload of the page, the console opened in a new tab, closing and
// archiving, deleting in a dialog that offers the archive first (refused before it was
// downloaded, allowed after), and the retention period with each closed event's deletion date.
// Needs the server's issue_facilitator_link, set_event_status, delete_event and archive.zip
// (docs/spec of issue 14): on an older server the tests are skipped and say so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  axeViolations,
  closeSuite,
  createEvent,
  eventually,
  formatViolations,
  LAPTOP,
  newPage,
  openSuite,
  WsClient,
} from './helpers.mjs';

let server;
let browser;
let supported = false;

before(async () => {
  ({ server, browser } = await openSuite());
  const probe = await WsClient.connect(server.wsUrl);
  try {
    await probe.request({ type: 'auth_admin', secret: server.secret });
    const answer = await probe.send({
      type: 'set_event_status',
      event: 999999,
      status: 'closed',
    });
    supported = !(answer.type === 'error' && answer.code === 'unknown_type');
  } finally {
    probe.close();
  }
});
after(() => closeSuite({ server, browser }));

async function adminPage() {
  const page = await newPage(browser, { ...LAPTOP, bypassCSP: true });
  await page.goto(`${server.base}/admin#k=${server.secret}`);
  await page.getByRole('heading', { name: 'Events', exact: true }).waitFor();
  return page;
}

function card(page, title) {
  return page.getByTestId('event-card').filter({ has: page.getByRole('heading', { name: title, level: 3 }) });
}

test('the admin link and a facilitator link made on the page survive a reload', async (t) => {
  if (!supported) return t.skip('the server has no issue_facilitator_link yet');
  const { event } = await createEvent(server, 'Recovery Day', [{ name: 'Skills', description: '' }]);
  const page = await adminPage();
  const c = card(page, 'Recovery Day');
  await c.getByRole('button', { name: 'Issue a new facilitator link' }).click();
  const field = c.getByRole('textbox', {
    name: /New facilitator link for Recovery Day/,
  });
  const link = await field.inputValue();
  assert.ok(link.startsWith(`${server.base}/facilitate/${event.code}#t=`), link);
  await c.getByTestId('qr').waitFor();
  assert.deepEqual(formatViolations(await axeViolations(page)), '');

  await page.reload();
  await page.getByRole('heading', { name: 'Events' }).waitFor();
  assert.equal(
    await card(page, 'Recovery Day')
      .getByRole('textbox', { name: /New facilitator link/ })
      .inputValue(),
    link,
    'the link is still shown after a reload',
  );

  // The new link opens the console.
  const fac = await newPage(browser, LAPTOP);
  await fac.goto(link);
  await fac.getByRole('region', { name: 'Phase and timer' }).waitFor();

  // "Open the console" opens it in a new tab with the link of this session.
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    card(page, 'Recovery Day').getByRole('button', { name: 'Open the console' }).click(),
  ]);
  await tab.waitForURL(new RegExp(`/facilitate/${event.code}`));
  await tab.getByRole('region', { name: 'Phase and timer' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('close and archive; delete is refused before the archive is downloaded, allowed after', async (t) => {
  if (!supported) return t.skip('the server has no set_event_status / delete_event yet');
  const { event } = await createEvent(server, 'Short Day', [{ name: 'Skills', description: '' }]);
  await createEvent(server, 'Old Day', [{ name: 'Skills', description: '' }]);
  const page = await adminPage();

  // Archive one: it moves to the archived list.
  await card(page, 'Old Day').getByRole('button', { name: 'Archive', exact: true }).click();
  await page.getByTestId('archived-events').getByRole('heading', { name: 'Old Day' }).waitFor();
  assert.equal(await page.getByTestId('events').getByRole('heading', { name: 'Old Day' }).count(), 0);

  // Close the other: deleting asks once it is closed, and offers the archive first.
  const c = card(page, 'Short Day');
  const del = c.getByRole('button', { name: 'Delete…' });
  assert.equal(await del.isDisabled(), true, 'an open event cannot be deleted');
  await c.getByRole('button', { name: 'Close the event' }).click();
  await c.getByTestId('event-status').getByText('Closed').waitFor();
  await eventually(async () => !(await del.isDisabled()), { message: 'delete asks once closed' });
  await del.click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Short Day”?' });
  await dialog.getByText(`Delete “Short Day” (${event.code}) for good?`, { exact: false }).waitFor();
  const yes = dialog.getByRole('button', { name: 'Delete “Short Day”' });
  assert.equal(await yes.isDisabled(), true, 'not before the archive is downloaded');
  await dialog.getByText('Not downloaded since its last change.').waitFor();

  // The server refuses it too.
  const ws = await WsClient.connect(server.wsUrl);
  await ws.request({ type: 'auth_admin', secret: server.secret });
  const refused = await ws.send({ type: 'delete_event', event: event.id });
  assert.equal(refused.type, 'error');
  assert.equal(refused.code, 'not_exported');

  // Step one in the dialog: the archive.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download archive (.zip)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.zip$/);
  const zip = readFileSync(await download.path());
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
  await dialog.getByTestId('dialog-exported').getByText('Archive downloaded').waitFor();
  await eventually(async () => !(await yes.isDisabled()), {
    message: 'delete enabled after the download',
  });
  assert.deepEqual(formatViolations(await axeViolations(page)), '');
  await yes.click();
  await card(page, 'Short Day').waitFor({ state: 'detached' });
  const list = await ws.request({ type: 'list_events' });
  ws.close();
  assert.equal(
    list.events.some((e) => e.id === event.id),
    false,
    'the event is gone',
  );
  assert.deepEqual(page.errors, []);
});

test('the retention period: set on the admin page, each closed event shows its deletion date', async (t) => {
  if (!supported) return t.skip('the server has no set_event_status yet');
  const { event } = await createEvent(server, 'Kept Day', [{ name: 'Skills', description: '' }]);
  const ws = await WsClient.connect(server.wsUrl);
  await ws.request({ type: 'auth_admin', secret: server.secret });
  await ws.request({ type: 'set_event_status', event: event.id, status: 'closed' });
  const page = await adminPage();
  const c = card(page, 'Kept Day');
  await c.getByTestId('event-status').getByText('Closed').waitFor();
  assert.equal(await c.getByTestId('delete-at').count(), 0, 'no period: no date');

  const days = page.getByRole('spinbutton', { name: 'Delete closed events after (days)' });
  await days.fill('-3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('A whole number of days from 0 to 3650, or empty.').waitFor();
  await days.fill('30');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved: closed events are deleted 30 days after closing.').waitFor();
  await c
    .getByTestId('delete-at')
    .getByText(/Deleted automatically on/)
    .waitFor();
  const listed = await ws.request({ type: 'list_events' });
  assert.equal(listed.retentionDays, 30);
  const kept = listed.events.find((e) => e.id === event.id);
  assert.equal(kept.deleteAt, kept.closedAt + 30 * 86_400_000);
  assert.deepEqual(formatViolations(await axeViolations(page)), '');

  // Emptied: kept until the admin deletes them.
  await days.fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved: closed events are kept until you delete them.').waitFor();
  await c.getByTestId('delete-at').waitFor({ state: 'detached' });
  assert.equal((await ws.request({ type: 'list_events' })).retentionDays, null);
  ws.close();
  assert.deepEqual(page.errors, []);
});
