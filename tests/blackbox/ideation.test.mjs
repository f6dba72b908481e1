// Live ideation over real WebSockets: posting, receiving, editing, hiding, anonymity, retries.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, createEvent, joinAs, removeDir, startServer, stopServer, tempDir } from './server.mjs';

describe('live ideation', () => {
  let dir;
  let server;
  let ev;
  before(async () => {
    dir = tempDir();
    server = await startServer({ db: path.join(dir, 'rt.db') });
    ev = await createEvent(server);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('one participant posts and another receives it live', async () => {
    const ana = await joinAs(server, ev.code, 'Ana');
    const bo = await joinAs(server, ev.code.toLowerCase(), 'Bo', { track: 2 });
    const from = bo.client.messages.length;
    const { idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'Individual AI Learning Account' });
    const seen = await bo.client.waitFor((m) => m.type === 'change' && m.kind === 'idea_posted' && m.idea.id === idea, {
      from,
    });
    assert.equal(seen.idea.text, 'Individual AI Learning Account');
    assert.equal(seen.idea.author.name, 'Ana');
    assert.equal(seen.idea.track, 1);
    // The author's own change comes through the stream too.
    await ana.client.waitFor((m) => m.type === 'change' && m.idea?.id === idea);
    ana.client.close();
    bo.client.close();
  });

  it('an anonymous idea names nobody, but its author may still edit and delete it', async () => {
    const ana = await joinAs(server, ev.code, 'Ana Anon');
    const bo = await joinAs(server, ev.code, 'Bo');
    const from = bo.client.messages.length;
    const { idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'Quiet idea', anonymous: true });
    const seen = await bo.client.waitFor((m) => m.kind === 'idea_posted' && m.idea.id === idea, { from });
    assert.equal(seen.idea.author, null);
    assert.equal(seen.idea.mine, undefined);
    assert.ok(!JSON.stringify(bo.client.messages.slice(from)).includes('Ana Anon'));
    const own = await ana.client.waitFor((m) => m.kind === 'idea_posted' && m.idea.id === idea);
    assert.equal(own.idea.mine, true);
    await ana.client.ok({ type: 'edit_idea', idea, text: 'Quiet idea, edited' });
    const edited = await bo.client.waitFor((m) => m.kind === 'idea_edited' && m.idea.id === idea, { from });
    assert.equal(edited.idea.text, 'Quiet idea, edited');
    assert.ok(edited.idea.editedAt > 0);
    await ana.client.ok({ type: 'delete_idea', idea });
    const deleted = await bo.client.waitFor((m) => m.kind === 'idea_deleted' && m.idea === idea, { from });
    assert.ok(deleted.seq > edited.seq);
    ana.client.close();
    bo.client.close();
  });

  it('facilitators hide and unhide; participants never receive a hidden idea', async () => {
    const fac = await connectWith(server, ev.facilitatorToken);
    const snap = await fac.waitFor((m) => m.type === 'snapshot');
    assert.ok(Array.isArray(snap.members));
    const ana = await joinAs(server, ev.code, 'Ana Hidden');
    const bo = await joinAs(server, ev.code, 'Bo');
    const { idea } = await ana.client.ok({ type: 'post_idea', track: 1, text: 'Buy crypto now' });
    const from = bo.client.messages.length;
    await fac.ok({ type: 'hide_idea', idea });
    const hidden = await bo.client.waitFor((m) => m.kind === 'idea_hidden', { from });
    assert.equal(hidden.idea, idea);
    const staffView = await fac.waitFor((m) => m.kind === 'idea_hidden' && m.idea.id === idea);
    assert.equal(staffView.idea.hidden, true);
    const authorView = await ana.client.waitFor((m) => m.kind === 'idea_hidden' && m.idea.id === idea);
    assert.equal(authorView.idea.text, 'Buy crypto now');

    // A participant arriving now does not get it in the snapshot.
    const cy = await joinAs(server, ev.code, 'Cy');
    const cySnap = cy.client.messages.find((m) => m.type === 'snapshot');
    assert.ok(!cySnap.ideas.some((i) => i.id === idea));
    assert.ok(!('members' in cySnap));

    await fac.ok({ type: 'unhide_idea', idea });
    const back = await cy.client.waitFor((m) => m.kind === 'idea_unhidden');
    assert.equal(back.idea.text, 'Buy crypto now');
    for (const c of [fac, ana.client, bo.client, cy.client]) c.close();
  });

  it('a track lead created by a facilitator moderates only their own track', async () => {
    const fac = await connectWith(server, ev.facilitatorToken);
    const link = await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead of Skills' });
    assert.match(link.token, new RegExp(`^${ev.code}\\.[0-9a-f]{32}$`));
    const lead = await Client.connect(server.port);
    const you = await lead.ok({ type: 'hello', token: link.token, lastSeq: 0 });
    assert.equal(you.you.role, 'lead');
    const ana = await joinAs(server, ev.code, 'Ana');
    const one = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'in one' })).idea;
    const two = (await ana.client.ok({ type: 'post_idea', track: 2, text: 'in two' })).idea;
    await lead.ok({ type: 'hide_idea', idea: one });
    const refused = await lead.command({ type: 'hide_idea', idea: two });
    assert.equal(refused.code, 'forbidden');
    for (const c of [fac, lead, ana.client]) c.close();
  });

  it('a command repeated with the same id is applied once and answered the same', async () => {
    const ana = await joinAs(server, ev.code, 'Ana Retry');
    const first = await ana.client.command({ type: 'post_idea', track: 1, text: 'Only once' }, 'retry-1');
    const again = await ana.client.command({ type: 'post_idea', track: 1, text: 'Only once' }, 'retry-1');
    assert.deepEqual(again, first);
    // Also from another connection of the same person (a reconnect).
    const tab = await Client.connect(server.port);
    await tab.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    const snap = await tab.waitFor((m) => m.type === 'snapshot');
    const third = await tab.command({ type: 'post_idea', track: 1, text: 'Only once' }, 'retry-1');
    assert.deepEqual(third, first);
    assert.equal(snap.ideas.filter((i) => i.text === 'Only once').length, 1);
    // Sent twice at once, before the first is answered: still once.
    const [a, b] = await Promise.all([
      ana.client.command({ type: 'post_idea', track: 1, text: 'Twice at once' }, 'retry-2'),
      tab.command({ type: 'post_idea', track: 1, text: 'Twice at once' }, 'retry-2'),
    ]);
    assert.deepEqual(a, b);
    const check = await Client.connect(server.port);
    await check.ok({ type: 'hello', token: ana.token, lastSeq: 0 });
    const s = await check.waitFor((m) => m.type === 'snapshot');
    assert.equal(s.ideas.filter((i) => i.text === 'Twice at once').length, 1);
    for (const c of [ana.client, tab, check]) c.close();
  });

  it('a join is matched to its connection: the same join from another connection is someone else', async () => {
    const a = await Client.connect(server.port);
    const join = {
      type: 'join',
      code: ev.code,
      name: 'Dee',
      organisation: '',
      group: 'startup',
      track: 2,
      credit: false,
    };
    // Sent again on its connection: the first answer was the identity, the repeat is refused.
    const first = await a.ok(join, 'join-1');
    assert.equal((await a.command(join, 'join-1')).code, 'already_joined');
    // A scripted client elsewhere that numbers its commands alike gets an identity of its own.
    const b = await Client.connect(server.port);
    const second = await b.ok(join, 'join-1');
    assert.notEqual(second.you.id, first.you.id);
    assert.notEqual(second.token, first.token);
    a.close();
    b.close();
  });

  it('the event_info command gives the join form its tracks', async () => {
    const c = await Client.connect(server.port);
    const info = await c.ok({ type: 'event_info', code: ev.code });
    assert.equal(info.event.tracks.length, 2);
    assert.equal(info.event.tracks[0].name, 'Skills');
    c.close();
  });

  it('the admin lists events with their counts', async () => {
    const admin = await Client.connect(server.port);
    const refused = await admin.command({ type: 'list_events' });
    assert.equal(refused.code, 'forbidden');
    const wrong = await admin.command({ type: 'auth_admin', secret: 'f'.repeat(32) });
    assert.equal(wrong.code, 'bad_secret');
    await admin.ok({ type: 'auth_admin', secret: server.secret });
    const { events } = await admin.ok({ type: 'list_events' });
    const mine = events.find((e) => e.code === ev.code);
    assert.ok(mine.participants >= 1);
    assert.ok(mine.ideas >= 1);
    admin.close();
  });
});
