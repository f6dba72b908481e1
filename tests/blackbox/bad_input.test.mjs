// Every kind of bad input gets an error with a stable code and changes nothing.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, createEvent, joinAs, removeDir, sleep, startServer, stopServer, tempDir } from './server.mjs';

describe('bad input', () => {
  let dir;
  let server;
  let ev;
  let other;
  let ana;
  let bo;
  let watcher; // a facilitator who sees every change, to prove nothing changed
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db'), extra: ['--max-commands-per-second', '20'] });
    ev = await createEvent(server);
    other = await createEvent(server, 'Another event');
    ana = await joinAs(server, ev.code, 'Ana');
    bo = await joinAs(server, ev.code, 'Bo');
    watcher = await Client.connect(server.port);
    await watcher.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0 });
    await watcher.waitFor((m) => m.type === 'snapshot');
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  // Sends `frame` (object or raw string) from `client` and expects `code`; then checks that no
  // change reached the watcher.
  async function refused(client, frame, code) {
    const changesBefore = watcher.changes().length;
    let answer;
    if (typeof frame === 'string') {
      const from = client.messages.length;
      client.sendRaw(frame);
      answer = await client.waitFor((m) => m.type === 'error', { from });
    } else {
      answer = await client.command(frame);
    }
    assert.equal(answer.type, 'error', JSON.stringify(answer));
    assert.equal(answer.code, code, JSON.stringify(answer));
    assert.equal(typeof answer.message, 'string');
    await sleep(30);
    assert.equal(watcher.changes().length, changesBefore, 'a refused command changed something');
    return answer;
  }

  it('malformed JSON', async () => {
    const a = await refused(ana.client, '{"type": "post_idea", ', 'bad_json');
    assert.equal(a.id, undefined);
    await refused(ana.client, '[]', 'bad_json');
  });

  it('a binary frame', async () => {
    const from = ana.client.messages.length;
    ana.client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const e = await ana.client.waitFor((m) => m.type === 'error', { from });
    assert.equal(e.code, 'binary_frame');
  });

  it('unknown type, missing and wrongly typed fields', async () => {
    await refused(ana.client, { type: 'drop_tables' }, 'unknown_type');
    await refused(ana.client, { type: 'post_idea', track: 1 }, 'bad_command');
    await refused(ana.client, { type: 'post_idea', track: '1', text: 'x' }, 'bad_command');
    await refused(ana.client, { type: 'post_idea', track: 1, text: 42 }, 'bad_command');
    await refused(ana.client, { type: 'edit_idea', idea: -3, text: 'x' }, 'bad_command');
    await refused(ana.client, '{"type":"post_idea","track":1,"text":"no id"}', 'bad_command');
  });

  it('empty, blank, over-long and invalid texts', async () => {
    await refused(ana.client, { type: 'post_idea', track: 1, text: '' }, 'bad_text');
    await refused(ana.client, { type: 'post_idea', track: 1, text: ' \n\t ' }, 'bad_text');
    await refused(ana.client, { type: 'post_idea', track: 1, text: 'x'.repeat(1001) }, 'bad_text');
    await refused(ana.client, { type: 'post_idea', track: 1, text: 'bell\u0007' }, 'bad_text');
    await refused(ana.client, { type: 'post_idea', track: 99, text: 'no such track' }, 'bad_value');
    const c = await Client.connect(server.port);
    await refused(c, { type: 'join', code: ev.code, name: '', group: 'sme', track: 1, credit: true }, 'bad_text');
    await refused(
      c,
      { type: 'join', code: ev.code, name: 'x'.repeat(61), group: 'sme', track: 1, credit: true },
      'bad_text',
    );
    await refused(
      c,
      { type: 'join', code: ev.code, name: 'X', organisation: 'o'.repeat(101), group: 'sme', track: 1, credit: true },
      'bad_text',
    );
    await refused(c, { type: 'join', code: ev.code, name: 'X', group: 'lobby', track: 1, credit: true }, 'bad_value');
    // Names that show nothing, or pass for staff.
    for (const name of ['\u200b', '\u202e\u202c', ' \u200d ', 'Facilitator', 'Ana (track lead)', 'admin']) {
      await refused(c, { type: 'join', code: ev.code, name, group: 'sme', track: 1, credit: true }, 'bad_text');
    }
    c.close();
  });

  it('a name keeps its letters but loses bidirectional controls', async () => {
    const c = await Client.connect(server.port);
    const r = await c.ok({
      type: 'join',
      code: ev.code,
      name: 'Ana\u202e Ruiz\u200b',
      organisation: '\u202eDG CNECT',
      group: 'sme',
      track: 1,
      credit: true,
    });
    assert.equal(r.you.name, 'Ana Ruiz');
    assert.equal(r.you.organisation, 'DG CNECT');
    c.close();
  });

  it('a wrong join code or token', async () => {
    const c = await Client.connect(server.port);
    await refused(c, { type: 'join', code: 'ZZZZZZ', name: 'X', group: 'sme', track: 1, credit: true }, 'bad_code');
    await refused(c, { type: 'join', code: 'nonsense!', name: 'X', group: 'sme', track: 1, credit: true }, 'bad_code');
    await refused(c, { type: 'hello', token: `${ev.code}.${'0'.repeat(32)}`, lastSeq: 0 }, 'bad_token');
    await refused(c, { type: 'hello', token: 'garbage', lastSeq: 0 }, 'bad_token');
    await refused(c, { type: 'event_info', code: 'ZZZZZZ' }, 'bad_code');
    // Not joined yet: nothing but identity commands.
    await refused(c, { type: 'post_idea', track: 1, text: 'who am I' }, 'not_joined');
    // After a refused hello the connection may still join.
    await c.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    await refused(c, { type: 'hello', token: ana.token, lastSeq: 0 }, 'already_joined');
    c.close();
  });

  it("commands the sender's role may not give", async () => {
    const { idea } = await bo.client.ok({ type: 'post_idea', track: 1, text: "Bo's idea" });
    await watcher.waitFor((m) => m.idea?.id === idea);
    await refused(ana.client, { type: 'hide_idea', idea }, 'forbidden');
    await refused(ana.client, { type: 'create_link', role: 'facilitator', name: 'Me' }, 'forbidden');
    await refused(ana.client, { type: 'create_event', title: 'Mine', tracks: [{ name: 'A' }] }, 'forbidden');
    await refused(ana.client, { type: 'list_events' }, 'forbidden');
    const viewer = await watcher.ok({ type: 'create_link', role: 'viewer', name: 'Screen' });
    await watcher.waitFor((m) => m.kind === 'member_joined' && m.member.role === 'viewer');
    const screen = await Client.connect(server.port);
    await screen.ok({ type: 'hello', token: viewer.token, lastSeq: 0 });
    await refused(screen, { type: 'post_idea', track: 1, text: 'from the screen' }, 'forbidden');
    screen.close();
  });

  it("editing someone else's idea, or an idea of another event", async () => {
    const { idea } = await bo.client.ok({ type: 'post_idea', track: 1, text: 'Mine, says Bo' });
    await watcher.waitFor((m) => m.idea?.id === idea);
    await refused(ana.client, { type: 'edit_idea', idea, text: 'Mine now' }, 'not_author');
    await refused(ana.client, { type: 'delete_idea', idea }, 'not_author');
    // An idea that exists only in the other event: ids are per event, so the other event's
    // idea 30 is out of reach, and this event has no idea 30.
    const carl = await joinAs(server, other.code, 'Carl');
    let far = 0;
    for (let i = 0; i < 30; i += 1)
      far = (await carl.client.ok({ type: 'post_idea', track: 1, text: `Elsewhere ${i}` })).idea;
    assert.equal(far, 30);
    await refused(ana.client, { type: 'edit_idea', idea: far, text: 'reach across' }, 'not_found');
    await refused(ana.client, { type: 'delete_idea', idea: far }, 'not_found');
    await refused(watcher, { type: 'hide_idea', idea: far }, 'not_found');
    const check = await Client.connect(server.port);
    await check.ok({ type: 'hello', token: carl.token, lastSeq: 0 });
    const snap = await check.waitFor((m) => m.type === 'snapshot');
    assert.equal(snap.ideas.find((i) => i.id === far).text, 'Elsewhere 29');
    check.close();
    await refused(ana.client, { type: 'hide_idea', idea: 999999 }, 'forbidden');
    carl.client.close();
  });

  it('a frame over 64 KiB closes the connection with 1009', async () => {
    const c = await Client.connect(server.port);
    c.sendRaw(JSON.stringify({ type: 'post_idea', id: 'big', track: 1, text: 'x'.repeat(70 * 1024) }));
    const closed = await c.closed;
    assert.equal(closed.code, 1009);
    // The others are unaffected.
    await ana.client.ok({ type: 'event_info', code: ev.code });
  });

  it('a client over the command rate is throttled without slowing anyone else', async () => {
    const flood = await joinAs(server, ev.code, 'Flood');
    const answers = [];
    for (let i = 0; i < 60; i += 1)
      flood.client.sendRaw(JSON.stringify({ type: 'event_info', id: `f${i}`, code: ev.code }));
    await flood.client.waitFor((m) => m.code === 'rate_limited');
    // Meanwhile another participant is served normally.
    const { idea } = await bo.client.ok({ type: 'post_idea', track: 1, text: 'still flowing' });
    assert.ok(idea > 0);
    await sleep(100);
    answers.push(...flood.client.messages.filter((m) => m.id?.startsWith('f') || m.code === 'rate_limited'));
    assert.ok(answers.some((m) => m.code === 'rate_limited'));
    assert.ok(answers.filter((m) => m.type === 'ack').length <= 41);
    // Far beyond the limit: disconnected with 1008.
    for (let i = 0; i < 400; i += 1)
      flood.client.sendRaw(JSON.stringify({ type: 'event_info', id: `g${i}`, code: ev.code }));
    const closed = await flood.client.closed;
    assert.equal(closed.code, 1008);
  });
});
