// The limits of what people type arrive before anyone types: in the event_info answer (the
// join form), the list_events answer (the admin's new-event form) and every snapshot; they
// are the ones the server enforces, and --max-section-chars changes the section's.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

const KEYS = [
  'eventTitle',
  'trackName',
  'trackDescription',
  'tracks',
  'name',
  'organisation',
  'idea',
  'announcement',
  'clusterName',
  'tableName',
  'roundTitle',
  'phases',
  'phaseTitle',
  'phaseMinutes',
  'templateSections',
  'heading',
  'hint',
  'proposalTitle',
  'sectionChars',
  'comment',
  'quote',
  'reportTitle',
  'subtitle',
  'date',
  'reportText',
  'chapters',
  'chapterTitle',
  'chapterIntro',
  'reportProposals',
  'groups',
  'groupLabel',
  'groupCode',
];

describe('limits', () => {
  let dir;
  let server;
  let ev;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--max-section-chars', '5000'] });
    ev = await createEvent(server);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('event_info carries every limit, and they are what the server enforces', async () => {
    const c = await Client.connect(server.port);
    const { limits } = await c.ok({ type: 'event_info', code: ev.code });
    assert.deepEqual(Object.keys(limits).sort(), [...KEYS].sort());
    for (const key of KEYS) assert.ok(Number.isInteger(limits[key]) && limits[key] > 0, key);
    assert.equal(limits.idea, 1000);
    assert.equal(limits.sectionChars, 5000);
    c.close();

    const { client, you } = await joinAs(server, ev.code, 'Ana');
    assert.ok(you.id > 0);
    const track = ev.event.tracks[0].id;
    await client.ok({ type: 'post_idea', track, text: 'x'.repeat(limits.idea), anonymous: false });
    const refused = await client.command({
      type: 'post_idea',
      track,
      text: 'x'.repeat(limits.idea + 1),
      anonymous: false,
    });
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'bad_text');
    client.close();
  });

  it('every snapshot carries the same limits as event_info', async () => {
    const c = await Client.connect(server.port);
    const { limits } = await c.ok({ type: 'event_info', code: ev.code });
    c.close();
    const fac = await connectWith(server, ev.facilitatorToken);
    const snapshot = await fac.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(snapshot.limits, limits);
    fac.close();
    const { client } = await joinAs(server, ev.code, 'Bo');
    const own = await client.waitFor((m) => m.type === 'snapshot');
    assert.deepEqual(own.limits, limits);
    client.close();
  });
});
