// Undoing a phase change gives the phase back with the time it had left: a misclick on "Next
// phase" costs the room nothing. Seen on a participant's phone, whose countdown must come back
// to where it was, not start the phase afresh.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeSuite, joinViaForm, newPage, openSuite, PHONE } from './helpers.mjs';

let suite;

before(async () => {
  suite = await openSuite({ title: 'Undo keeps the time', tracks: [{ name: 'Skills', description: '' }] });
});
after(() => closeSuite(suite));

const seconds = (text) => {
  const [m, s] = text.trim().split(':').map(Number);
  return m * 60 + s;
};

test('the undo of a phase change restores the remaining time on every screen', async () => {
  const { server, browser, event, fac } = suite;
  await fac.request({ type: 'go_to_phase', index: 1 }); // Ideas, 45 minutes
  const phone = await newPage(browser, PHONE);
  await joinViaForm(phone, server, event.code, { name: 'Ana Ruiz', group: 'academia', track: 'Skills' });
  const countdown = phone.getByTestId('countdown');
  // Let some of the phase run, so that a fresh start (45:00) and the time it had differ.
  await sleep(4_000);
  const before = seconds(await countdown.innerText());
  assert.ok(before <= 45 * 60 - 3, `some time ran: ${before}`);

  await fac.request({ type: 'go_to_phase', index: 2 }); // a misclick: Clustering, 20 minutes
  await phone.getByTestId('phase-title').getByText('Clustering').waitFor();
  assert.ok(seconds(await countdown.innerText()) <= 20 * 60);
  await sleep(2_000); // time passes in the wrong phase: it is not taken from Ideas

  await fac.request({ type: 'undo_phase_change' });
  await phone.getByTestId('phase-title').getByText('Ideas').waitFor();
  const back = seconds(await countdown.innerText());
  assert.ok(back <= before, `the phase did not start afresh: ${back} s left, ${before} s before`);
  assert.ok(back >= before - 2, `the time spent in the wrong phase was not taken: ${back} s left, ${before} s before`);
  assert.deepEqual(phone.errors, []);
});
