// Announcements, the big screen's choice of track, and presence, over real WebSockets.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, joinAs, removeDir, startEventServer, startServer, stopServer } from './server.mjs';

describe('facilitation', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('announcements reach everyone live, survive a restart, and are taken down', async () => {
    const ana = await joinAs(server, ev.code, 'Ana');
    const refused = await ana.client.command({ type: 'announce', text: 'Free beer' });
    assert.equal(refused.code, 'forbidden');
    assert.equal((await fac.command({ type: 'announce', text: '' })).code, 'bad_text');
    assert.equal((await fac.command({ type: 'announce', text: 'x'.repeat(281) })).code, 'bad_text');
    assert.equal((await fac.command({ type: 'announce', text: 'Track 9', track: 9 })).code, 'bad_value');

    const { announcement } = await fac.ok({ type: 'announce', text: 'Lunch is served in the atrium' });
    const seen = await ana.client.waitFor((m) => m.kind === 'announcement_made');
    assert.equal(seen.announcement.id, announcement);
    assert.equal(seen.announcement.text, 'Lunch is served in the atrium');
    assert.equal(seen.announcement.track, null);
    const toTrack = await fac.ok({ type: 'announce', text: 'Skills: room B', track: 1 });
    await ana.client.waitFor((m) => m.kind === 'announcement_made' && m.announcement.track === 1);

    await stopServer(server);
    server = await startServer({ db, port: server.port });
    fac = await connectWith(server, ev.facilitatorToken);
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(
      snap.announcements.map((a) => a.text),
      ['Lunch is served in the atrium', 'Skills: room B'],
    );

    const bo = await joinAs(server, ev.code, 'Bo');
    await fac.ok({ type: 'clear_announcement', announcement });
    const cleared = await bo.client.waitFor((m) => m.kind === 'announcement_cleared');
    assert.equal(cleared.announcement, announcement);
    assert.equal((await fac.command({ type: 'clear_announcement', announcement })).code, 'not_found');
    // Ids keep counting after one was taken down and the server restarted.
    const third = await fac.ok({ type: 'announce', text: 'Third' });
    assert.ok(third.announcement > toTrack.announcement);
    ana.client.close();
    bo.client.close();
  });

  it('the facilitator chooses what the big screen shows', async () => {
    const link = await fac.ok({ type: 'create_link', role: 'viewer', name: 'Room screen' });
    const screen = await Client.connect(server.port);
    await screen.ok({ type: 'hello', token: link.token, lastSeq: 0 });
    const snap = await screen.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(snap.screen, { mode: 'auto', track: null, round: null });
    await fac.ok({ type: 'set_screen', track: 2 });
    const changed = await screen.waitFor((m) => m.kind === 'screen_changed');
    assert.deepEqual(changed.screen, { mode: 'auto', track: 2, round: null });
    assert.equal((await fac.command({ type: 'set_screen', track: 7 })).code, 'bad_value');
    assert.equal((await screen.command({ type: 'set_screen', track: 1 })).code, 'forbidden');
    await fac.ok({ type: 'set_screen', track: null });
    await screen.waitFor((m) => m.kind === 'screen_changed' && m.screen.track === null);
    screen.close();
  });

  it('presence counts people per track for everyone and names them for staff', async () => {
    const p1 = await joinAs(server, ev.code, 'P1', { track: 1 });
    const p2 = await joinAs(server, ev.code, 'P2', { track: 2 });
    const p2tab = await Client.connect(server.port); // a second tab of the same person
    await p2tab.ok({ type: 'hello', token: p2.token, lastSeq: 0 });
    const fromP1 = p1.client.messages.length;
    const fromFac = fac.messages.length;
    const countFor = (c, from) => c.waitFor((m) => m.type === 'presence' && m.connected === 3, { from, timeout: 4000 });
    const seen = await countFor(p1.client, 0);
    assert.equal(seen.byTrack['1'], 1);
    assert.equal(seen.byTrack['2'], 1);
    assert.equal(seen.staff, 1);
    assert.equal(seen.members, undefined);
    const staffView = await countFor(fac, 0);
    assert.deepEqual(
      staffView.members.sort((a, b) => a - b),
      [1, p1.you.id, p2.you.id].sort((a, b) => a - b),
    );
    p2.client.close();
    p2tab.close();
    const after = await p1.client.waitFor((m) => m.type === 'presence' && m.connected === 2, {
      from: fromP1,
      timeout: 4000,
    });
    assert.equal(after.byTrack['2'], 0);
    await fac.waitFor((m) => m.type === 'presence' && m.connected === 2, { from: fromFac, timeout: 4000 });
    p1.client.close();
  });
});
