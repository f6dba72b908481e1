// Who sees what, as properties over every message a track lead or a participant receives:
// a lead gets the hidden ideas and the people of their own track only, never an e-mail
// address; a participant gets no hidden idea of others, no member list and no e-mail. The
// facilitator, checked alike, does get them all (so the properties can fail).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, joinAs, removeDir, startEventServer, stopServer } from './server.mjs';

// Every object inside `value` (depth first), with the path of keys that leads to it.
function* objects(value, path = []) {
  if (value === null || typeof value !== 'object') return;
  yield [value, path];
  for (const [k, v] of Object.entries(value)) yield* objects(v, [...path, k]);
}

const isMember = (o) => typeof o === 'object' && 'joinedAt' in o && 'role' in o;
const isIdea = (o) => typeof o === 'object' && 'text' in o && 'hidden' in o && 'track' in o;

// Every message `c` received (the changes of a resume one by one), except the ack of its own
// hello/join (which holds `you`).
function received(c) {
  return c.messages
    .filter((m) => !(m.type === 'ack' && m.result?.you))
    .flatMap((m) => (m.type === 'changes' ? m.changes : [m]));
}

describe('visibility', () => {
  let dir;
  let server;
  let ev;
  let fac;
  let lead;
  let leadToken;
  let ana;
  let bo;
  const secretTwo = 'Hidden in track two: names of the people to blame';
  const secretOne = 'Hidden in track one: shown to its lead';
  let bosIdea;
  let anasIdea;
  let early;
  before(async () => {
    ({ dir, server, ev, fac } = await startEventServer());
    const link = await fac.ok({ type: 'create_link', role: 'lead', track: 1, name: 'Lead of Skills' });
    leadToken = link.token;
    lead = await connectWith(server, leadToken);
    early = lead.changes().at(-1)?.seq ?? (await lead.waitFor((m) => m.type === 'snapshot')).seq;
    ana = await joinAs(server, ev.code, 'Ana Track One', { track: 1 });
    bo = await joinAs(server, ev.code, 'Bo Track Two', { track: 2 });
    // A roster with e-mails, one person per track.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events/${ev.code}/roster`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ev.facilitatorToken}` },
      body:
        'name,organisation,group,track,email\r\nCara,DG EMPL,EU institution,Skills,cara@example.org\r\n' +
        'Dev,Ministry,National government,Public sector,dev@example.org\r\n',
    });
    assert.equal(res.status, 200);
    const people = (await res.json()).members;
    // Hidden ideas in both tracks; the lead hides the one in their own track.
    bosIdea = (await bo.client.ok({ type: 'post_idea', track: 2, text: 'Public draft two' })).idea;
    await fac.ok({ type: 'hide_idea', idea: bosIdea });
    await fac.ok({ type: 'edit_idea', idea: bosIdea, text: secretTwo });
    await fac.ok({ type: 'pin_idea', idea: bosIdea });
    anasIdea = (await ana.client.ok({ type: 'post_idea', track: 1, text: 'Public draft one' })).idea;
    assert.equal((await lead.command({ type: 'hide_idea', idea: bosIdea })).code, 'forbidden');
    await lead.ok({ type: 'hide_idea', idea: anasIdea });
    await fac.ok({ type: 'edit_idea', idea: anasIdea, text: secretOne });
    // Dev moves into the lead's track, Cara out of it.
    const dev = people.find((p) => p.name === 'Dev').id;
    const cara = people.find((p) => p.name === 'Cara').id;
    await fac.ok({ type: 'move_member', member: dev, track: 1 });
    await fac.ok({ type: 'move_member', member: cara, track: 2 });
    await lead.waitFor((m) => m.kind === 'member_moved' && m.member.id === cara);
    await fac.waitFor((m) => m.kind === 'member_moved' && m.member.id === cara);
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  // The lead's view, live and after reconnecting with a snapshot and with a resume.
  async function leadViews() {
    const fresh = await connectWith(server, leadToken);
    const resumed = await Client.connect(server.port);
    await resumed.ok({ type: 'hello', token: leadToken, lastSeq: early });
    await resumed.waitFor((m) => m.type === 'changes');
    return [lead, fresh, resumed];
  }

  it('a track lead gets the hidden ideas and the people of their own track only, and no e-mail', async () => {
    const views = await leadViews();
    let sawOwnHidden = false;
    let sawArrival = false;
    for (const c of views) {
      for (const m of received(c)) {
        for (const [o, path] of objects(m)) {
          assert.ok(
            !('email' in o),
            `an e-mail reached the lead at ${path.join('.')}: ${JSON.stringify(m).slice(0, 200)}`,
          );
          if (isMember(o) && o.role === 'participant' && !(m.kind === 'member_moved')) {
            assert.equal(o.track, 1, `a member of another track reached the lead: ${JSON.stringify(o)}`);
          }
          if (isIdea(o) && o.hidden) {
            assert.equal(o.track, 1, `a hidden idea of another track reached the lead: ${JSON.stringify(o)}`);
            if (o.text === secretOne) sawOwnHidden = true;
          }
          if (isMember(o) && o.name === 'Dev' && o.track === 1) sawArrival = true;
        }
        assert.ok(!JSON.stringify(m).includes(secretTwo), 'the hidden text of track two reached the lead');
      }
    }
    assert.ok(sawOwnHidden, 'the lead sees the hidden idea of their own track');
    assert.ok(sawArrival, 'the lead sees people arrive in their track');
    const snapshot = await views[1].waitFor((m) => m.type === 'snapshot');
    const tracks = new Set(snapshot.members.filter((x) => x.role === 'participant').map((x) => x.track));
    assert.deepEqual([...tracks], [1]);
    // The staff are named (who edited a section, who commented), without e-mail.
    assert.ok(snapshot.members.some((x) => x.role === 'facilitator'));
    assert.ok(snapshot.members.some((x) => x.name === 'Ana Track One'));
    for (const c of views.slice(1)) c.close();
  });

  it('a participant gets no hidden idea of others, no member list and no e-mail', async () => {
    const again = await connectWith(server, bo.token);
    for (const c of [ana.client, bo.client, again]) {
      for (const m of received(c)) {
        const text = JSON.stringify(m);
        assert.ok(!text.includes('@example.org'), `an e-mail reached a participant: ${text.slice(0, 200)}`);
        assert.ok(!text.includes(secretOne) || c === ana.client, 'a hidden idea reached a participant');
        assert.ok(!text.includes(secretTwo) || c !== ana.client, 'a hidden idea reached another participant');
        if (m.type === 'snapshot') assert.equal(m.members, undefined);
        for (const [o] of objects(m)) {
          if (isMember(o)) assert.equal(m.kind, 'member_moved');
        }
      }
    }
    again.close();
  });

  it('a facilitator gets every hidden idea, everyone and their e-mails', async () => {
    const view = await connectWith(server, ev.facilitatorToken);
    const snapshot = await view.waitFor((m) => m.type === 'snapshot');
    const text = JSON.stringify(snapshot);
    assert.ok(text.includes(secretOne) && text.includes(secretTwo));
    assert.ok(text.includes('cara@example.org') && text.includes('dev@example.org'));
    assert.deepEqual(new Set(snapshot.members.map((x) => x.track)), new Set([null, 1, 2]));
    view.close();
  });
});
