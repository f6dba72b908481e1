// Preparing people and running the room from the facilitator console: a roster imported
// from CSV (refused whole with a message per row, or turned into printable badges with
// personal links and QR codes), the roster downloaded as CSV, tables added, a participant
// moved (their board follows live), and tracks kept at their own pace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  closeSuite,
  createEvent,
  eventually,
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
after(() => closeSuite({ server, browser }));

const csvFile = (text) => ({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** Whether a canvas has dark pixels (a QR code was drawn on it). */
function drawn(canvas) {
  return canvas.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 64) dark++;
    return dark > 100;
  });
}

test('roster: bad rows are listed and nothing is imported; a good file gives badges whose links open the board', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Prepared day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  // Chromium itself logs the refused uploads (400) below; the app logs nothing.
  const page = await newPage(browser, LAPTOP, [/status of 400 \(Bad Request\)/]);
  await page.goto(`${server.base}/facilitate/${event.code}?section=people#t=${encodeURIComponent(facilitatorToken)}`);
  // Importing a roster is folded beside the members in "People and links".
  await page.getByTestId('roster-fold').locator('summary').first().click();
  const panel = page.getByRole('region', { name: 'Prepare participants' });
  await panel.waitFor();
  // How many participants the console counts: beside "People and links" in its navigation.
  const participantCount = page.locator('.cnav a[data-section="people"] .cnav__badge');
  // The expected columns and an example are explained.
  await panel.getByText('Expected columns and an example').click();
  await panel.getByText(/^name,organisation,group,track,table,email/).waitFor();

  // Import with the button before a file is chosen: asked for one.
  await panel.getByRole('button', { name: 'Import roster' }).click();
  await panel.getByText('Please choose a CSV file first.').waitFor();

  await panel
    .getByLabel('Roster file (CSV)')
    .setInputFiles(
      csvFile(
        'name,organisation,group,track,table,email\n' +
          'Ana Ruiz,DG CNECT,EU institution,Skills,,\n' +
          'Lou Lobby,Acme,lobbyist,Skills,,\n' +
          'Bo Jensen,,SME,Nowhere,,\n',
      ),
    );
  await panel.getByRole('button', { name: 'Import roster' }).click();
  const problems = panel.getByTestId('roster-problems');
  await problems
    .getByText(/^Row 2: Unknown stakeholder group “lobbyist”\. This event’s groups are EU institution/)
    .waitFor();
  await problems.getByText('Row 3: This event has no track “Nowhere”.').waitFor();
  await problems.getByText(/nothing was changed/).waitFor();
  assert.equal(await problems.getAttribute('role'), 'alert');
  assert.equal(await participantCount.innerText(), '0', 'nothing was imported');
  assert.equal(await panel.getByTestId('name-badge').count(), 0);

  // A whole-file problem (row 0).
  await panel.getByLabel('Roster file (CSV)').setInputFiles(csvFile('name,colour\nAna,blue\n'));
  await panel.getByRole('button', { name: 'Import roster' }).click();
  await problems.getByText(/^The file: Unknown column “colour”\. The columns are name, /).waitFor();

  await panel
    .getByLabel('Roster file (CSV)')
    .setInputFiles(
      csvFile(
        'Name,Organisation,Group,Track,Table,Email,Credit\n' +
          '"Ruiz, Ana",DG CNECT,EU institution,Skills,Table 1,ana@example.org,yes\n' +
          'Bo Jensen,,SME,public sector,,,\n' +
          'Chen Li,Tsinghua,Academia,Skills,Table 1,,no\n',
      ),
    );
  await panel.getByRole('button', { name: 'Import roster' }).click();
  await panel.getByRole('heading', { name: '3 people imported' }).waitFor();
  await problems.waitFor({ state: 'detached' });
  await panel.getByText(/shown only now/).waitFor();
  const badges = panel.getByTestId('name-badge');
  assert.equal(await badges.count(), 3);
  const ana = badges.filter({ hasText: 'Ruiz, Ana' });
  assert.match(await ana.innerText(), /DG CNECT/);
  assert.match(await ana.innerText(), /Track: Skills · Table 1/);
  assert.match(await badges.filter({ hasText: 'Bo Jensen' }).innerText(), /Track: Public sector/);
  // Each badge says whether its person is named in the report (no unless the roster says yes).
  assert.equal(await ana.getByTestId('badge-credit').innerText(), 'Named in the report (change it in My profile)');
  for (const who of ['Bo Jensen', 'Chen Li']) {
    assert.match(
      await badges.filter({ hasText: who }).getByTestId('badge-credit').innerText(),
      /^Not named in the report/,
    );
  }
  const link = await ana.getByTestId('personal-link').innerText();
  assert.match(link, new RegExp(`^${server.base}/join/${event.code}#t=`));
  const qr = ana.getByRole('img', { name: /^QR code for / });
  await eventually(() => drawn(qr), { message: 'the QR code drawn' });
  assert.equal(await qr.getAttribute('aria-label'), `QR code for ${link}`);
  await participantCount.getByText('3', { exact: true }).waitFor();
  // The people list has them, with track and table.
  const people = page.getByRole('region', { name: 'Participants, tracks and tables' });
  assert.equal(
    await people.locator('li', { hasText: 'Ruiz, Ana' }).getByTestId('seat').innerText(),
    'Skills · Table 1',
  );

  // Print badges: window.print with only the badges on the printed page.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed++;
    };
  });
  await panel.getByRole('button', { name: 'Print badges' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return {
      badges: [...document.querySelectorAll('.name-badge')].filter(visible).length,
      topbar: visible(document.querySelector('.topbar')),
      buttons: [...document.querySelectorAll('button')].filter(visible).length,
      bar: visible(document.querySelector('.cbar')),
    };
  });
  assert.deepEqual(printed, { badges: 3, topbar: false, buttons: 0, bar: false });
  await page.emulateMedia({ media: 'screen' });

  // Download roster (CSV).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download roster (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `roster-${event.code}.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^name,organisation,group,track,table,email,credit\r?\n/);
  // Credited as the roster said, and nobody without saying yes (Bo's cell was empty).
  assert.match(csv, /"Ruiz, Ana",DG CNECT,eu_institution,Skills,Table 1,ana@example.org,yes/);
  assert.match(csv, /Bo Jensen,,sme,Public sector,,,no/);

  // The personal link opens the board as Ana, without a join form.
  const phone = await newPage(browser, PHONE);
  await phone.goto(link);
  await phone.getByText('You are Ruiz, Ana').waitFor();
  await phone.getByTestId('your-table').getByText('Your table: Table 1').waitFor();
  await phone.getByLabel(/^Your idea for Skills/).waitFor();
  assert.equal(await phone.getByLabel('Your name').count(), 0, 'no join form');
  assert.equal(new URL(phone.url()).hash, '', 'the token left the address bar');
  // A reload keeps the seat.
  await phone.reload();
  await phone.getByText('You are Ruiz, Ana').waitFor();
  await people.locator('li', { hasText: 'Ruiz, Ana' }).locator('.dot--on').waitFor();
  assert.deepEqual(page.errors, []);
  assert.deepEqual(phone.errors, []);
});

test("roster: a German facilitator reads the refused file's problems in German, and writes ja and nein", async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Vorbereiteter Tag', [
    { name: 'Kompetenzen', description: '' },
  ]);
  const page = await newPage(browser, LAPTOP, [/status of 400 \(Bad Request\)/]);
  await page.goto(
    `${server.base}/facilitate/${event.code}?section=people&lang=de#t=${encodeURIComponent(facilitatorToken)}`,
  );
  await page.getByTestId('roster-fold').locator('summary').first().click();
  const panel = page.getByRole('region', { name: 'Teilnehmende vorbereiten' });
  await panel.waitFor();
  await panel
    .getByLabel('Teilnehmendenliste (CSV)')
    .setInputFiles(csvFile('name,organisation,group,track,credit\nLou,,lobbyist,Kompetenzen,ja\nBo,,sme,Mond,nein\n'));
  await panel.getByRole('button', { name: 'Liste importieren' }).click();
  const problems = panel.getByTestId('roster-problems');
  await problems.getByText(/^Zeile 1: Unbekannte Interessengruppe „lobbyist“\. Die Interessengruppen/).waitFor();
  await problems.getByText('Zeile 2: Diese Veranstaltung hat kein Themenfeld „Mond“.').waitFor();
  assert.equal(await problems.getByText(/Unknown|credit/).count(), 0, 'no English, and ja and nein are taken');
  // Corrected, the same file imports, with ja and nein read as yes and no.
  await panel
    .getByLabel('Teilnehmendenliste (CSV)')
    .setInputFiles(csvFile('name,organisation,group,track,credit\nLou,,sme,Kompetenzen,ja\nBo,,sme,1,nein\n'));
  await panel.getByRole('button', { name: 'Liste importieren' }).click();
  await panel.getByTestId('name-badge').nth(1).waitFor();
  assert.deepEqual(page.errors, []);
});

test('tables and moves: a moved participant’s board switches to the new track and table live', async () => {
  const { event, facilitatorToken } = await createEvent(server, 'Moving day', [
    { name: 'Skills', description: '' },
    { name: 'Public sector', description: '' },
  ]);
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  await phone.evaluate(() => {
    window.__sameDocument = true;
  });

  const page = await newPage(browser, LAPTOP);
  await page.goto(`${server.base}/facilitate/${event.code}?section=people#t=${encodeURIComponent(facilitatorToken)}`);
  const tables = page.getByRole('region', { name: 'Tables' });
  await tables.getByLabel('New table in Public sector').fill('Table A');
  await tables.getByRole('button', { name: 'Add table to Public sector' }).click();
  await tables.getByText('Table A').waitFor();
  await tables.getByLabel('New table in Public sector').fill('Table B');
  await tables.getByRole('button', { name: 'Add table to Public sector' }).click();
  await tables.getByText('Table B').waitFor();

  const people = page.getByRole('region', { name: 'Participants, tracks and tables' });
  const ana = people.locator('li', { hasText: 'Ana Ruiz' });
  await ana.getByTestId('seat').getByText('Skills').waitFor();
  await ana.getByRole('button', { name: 'Move Ana Ruiz' }).click();
  await ana.getByLabel('Track').selectOption({ label: 'Public sector' });
  await ana.getByLabel('Table').selectOption({ label: 'Table A' });
  await ana.getByRole('button', { name: 'Move', exact: true }).click();
  await ana.getByTestId('seat').getByText('Public sector · Table A').waitFor();

  // Ana's board follows without a reload.
  await phone.getByRole('heading', { name: 'Ideas in Public sector' }).waitFor();
  await phone.getByTestId('your-table').getByText('Your table: Table A').waitFor();
  await phone.getByRole('status').getByText('The facilitator moved you to Public sector, Table A.').waitFor();
  await phone.getByLabel('Your idea for Public sector').waitFor();
  assert.equal(await phone.getByRole('button', { name: /Public sector/ }).getAttribute('aria-pressed'), 'true');

  // Removing the table leaves her without one.
  await tables.getByRole('button', { name: 'Remove Table A (Public sector)' }).click();
  await phone.getByTestId('your-table').waitFor({ state: 'detached' });
  await ana
    .getByTestId('seat')
    .getByText(/^Public sector$/)
    .waitFor();
  assert.equal(await phone.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(phone.errors, []);
});

test('track pacing: a lead holds their track in a phase; its participants follow it, without a countdown', async () => {
  const { event, facilitatorToken, fac } = await openEvent(server, 'Paced day');
  const skills = event.tracks[0].id;
  const { token: leadToken } = await fac.request({
    type: 'create_link',
    role: 'lead',
    track: skills,
    name: 'Lena Lead',
  });
  fac.close();

  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  const page = await newPage(browser, LAPTOP);
  await page.goto(`${server.base}/facilitate/${event.code}?section=settings#t=${encodeURIComponent(facilitatorToken)}`);
  // Pacing is among the settings; the start in the console's bar.
  const agenda = page.locator('.capp');
  await agenda.getByRole('button', { name: 'Start the agenda' }).click(); // Welcome
  await phone.getByTestId('phase-title').getByText('Welcome').waitFor();
  await phone.getByTestId('countdown').waitFor();

  const lead = await newPage(browser, LAPTOP);
  // A lead paces their track where its ideas are.
  await lead.goto(`${server.base}/lead/${event.code}?section=ideas#t=${encodeURIComponent(leadToken)}`);
  await lead.getByTestId('phase-title').getByText('Welcome').waitFor();
  assert.equal(
    await lead.getByLabel('Hold this track in phase…').count(),
    0,
    'no pacing until the facilitator allows it',
  );

  await agenda.getByLabel('Let track leads set their own pace').check();
  const hold = lead.getByLabel('Hold this track in phase…');
  await hold.waitFor();
  assert.equal(await hold.count(), 1, 'a lead paces only their own track');
  await hold.selectOption({ label: '2. Ideas' });
  await lead.getByTestId(`pace-${skills}`).getByText('Held in phase 2: Ideas').waitFor();

  // The participant's track is now in ideation: its phase, no countdown, the composer.
  await phone.getByTestId('phase-title').getByText('Ideas').waitFor();
  await phone.getByTestId('phase-paced').waitFor();
  assert.equal(await phone.getByTestId('countdown').count(), 0);
  await phone.getByLabel('Your idea for Skills').waitFor();
  // The other track still follows the event (Welcome).
  await phone.getByRole('button', { name: 'Public sector' }).click();
  await phone.getByTestId('phase-title').getByText('Welcome').waitFor();
  await phone.getByTestId('no-posting').waitFor();
  await phone.getByRole('button', { name: /^Skills/ }).click();

  // The facilitator has the same control for each track; "Follow the event" brings it back.
  await page.getByTestId(`pace-${skills}`).getByText('Held in phase 2: Ideas').waitFor();
  await page.getByRole('button', { name: 'Follow the event: Skills' }).click();
  await phone.getByTestId('phase-title').getByText('Welcome').waitFor();
  await phone.getByTestId('countdown').waitFor();
  await phone.getByTestId('no-posting').waitFor();

  // Turning pacing off puts every track back and removes the controls.
  await hold.selectOption({ label: '3. Clustering' });
  await phone.getByTestId('phase-title').getByText('Clustering').waitFor();
  await agenda.getByLabel('Let track leads set their own pace').uncheck();
  await phone.getByTestId('phase-title').getByText('Welcome').waitFor();
  await hold.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(lead.errors, []);
  assert.deepEqual(phone.errors, []);
});
