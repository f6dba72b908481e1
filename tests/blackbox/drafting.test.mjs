// Drafting over real WebSockets: the template, proposals and teams, live co-editing of a
// section by several peers (convergence, rebase, retries, offline work, restart), refusals
// that change nothing, comments, history, freeze, and a vote round over proposals.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectWith, joinAs, removeDir, sleep, startEventServer, startServer, stopServer } from './server.mjs';
import { Peer } from './peer.mjs';

// The section as the server has it, read on a connection of its own (`reader`): opening and
// closing it there does not disturb an editor's subscription.
async function serverText(client, proposal, section) {
  const opened = await client.ok({ type: 'open_section', proposal, section, version: null });
  await client.ok({ type: 'close_section', proposal, section });
  return opened;
}

describe('drafting', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let team; // three participants of track 1 at one table
  let outsider; // a participant of track 2
  let ideas;
  let proposal;
  let reader;

  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    reader = await connectWith(server, ev.facilitatorToken);
    const { table } = await fac.ok({ type: 'add_table', track: 1, name: 'Table A' });
    team = [];
    for (const name of ['Ana', 'Ben', 'Chloé']) {
      const p = await joinAs(server, ev.code, name);
      await fac.ok({ type: 'move_member', member: p.you.id, track: 1, table });
      team.push(p);
    }
    outsider = await joinAs(server, ev.code, 'Omar', { track: 2 });
    ideas = [];
    for (const text of ['Learning accounts for every worker', 'Training vouchers']) {
      ideas.push((await team[0].client.ok({ type: 'post_idea', track: 1, text })).idea);
    }
    await fac.ok({
      type: 'set_template',
      sections: [
        { heading: 'One-line summary', hint: 'One sentence.' },
        { heading: 'The proposal', hint: 'What exactly.' },
      ],
    });
    proposal = (
      await fac.ok({
        type: 'create_proposal',
        title: 'Individual AI Learning Account',
        track: 1,
        ideas,
        cluster: null,
        table,
        team: [],
      })
    ).proposal;
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  it('creates proposals with their sources and team, names included', async () => {
    const created = await outsider.client.waitFor((m) => m.kind === 'proposal_created');
    assert.equal(created.proposal.title, 'Individual AI Learning Account');
    assert.deepEqual(created.proposal.ideas, ideas);
    assert.deepEqual(
      created.proposal.team,
      team.map((p) => p.you.id).sort((a, b) => a - b),
    );
    assert.deepEqual(created.proposal.people.map((p) => p.name).sort(), ['Ana', 'Ben', 'Chloé']);
    const snap = (await connectWith(server, outsider.token)).messages.find((m) => m.type === 'snapshot');
    assert.equal(snap.template.length, 2);
    assert.equal(snap.proposals[0].id, proposal);
    assert.equal(snap.frozen, false);
  });

  it('refuses what the rules forbid, and nothing changes', async () => {
    const p = team[0].client;
    assert.equal((await p.command({ type: 'create_proposal', title: 'Mine', track: 1 })).code, 'forbidden');
    assert.equal(
      (await fac.command({ type: 'create_proposal', title: 'X', track: 2, ideas: [ideas[0]] })).code,
      'bad_value',
    );
    assert.equal((await fac.command({ type: 'create_proposal', title: '', track: 1 })).code, 'bad_text');
    assert.equal(
      (await fac.command({ type: 'set_template', sections: [{ heading: 'Late', hint: '' }] })).code,
      'bad_value',
    );
    assert.equal((await p.command({ type: 'freeze_proposals', frozen: true })).code, 'forbidden');
    assert.equal(
      (await p.command({ type: 'open_section', proposal: 999, section: 0, version: null })).code,
      'not_found',
    );
    assert.equal((await p.command({ type: 'open_section', proposal, section: 7, version: null })).code, 'not_found');
    const snap = await serverText(reader, proposal, 0);
    assert.equal(snap.version, 0);
  });

  it('concurrent editors converge on the server text with every keystroke in it', async () => {
    const peers = await Promise.all(team.map((p, i) => Peer.open(p.client, proposal, 0, `peer-${i}`)));
    const facPeer = await Peer.open(fac, proposal, 0, 'peer-fac');
    const all = [...peers, facPeer];
    const typed = [];
    // Everyone types at once at random places, pushing without waiting for the others.
    let n = 0;
    await Promise.all(
      all.map(async (peer, i) => {
        for (let k = 0; k < 25; k += 1) {
          peer.receive();
          const mark = String.fromCodePoint(0x4e00 + n++); // a unique character per keystroke
          typed.push(mark);
          peer.insert(Math.floor(Math.random() * (peer.state.doc.length + 1)), mark);
          if (k % 3 === i % 3) await peer.push();
          await sleep(Math.random() * 5);
        }
      }),
    );
    const final = await serverText(reader, proposal, 0);
    for (const peer of all) await peer.settle(final.version);
    const server = await serverText(reader, proposal, 0);
    for (const peer of all) {
      await peer.settle(server.version);
      assert.equal(peer.text, server.text, `peer ${peer.clientID} diverged`);
    }
    for (const mark of typed) assert.ok(server.text.includes(mark), `keystroke ${mark} lost`);
    assert.equal([...server.text].length, typed.length);
    for (const peer of all) assert.deepEqual(peer.refusals, []);
    for (const p of [...team.map((t) => t.client), fac]) await p.ok({ type: 'close_section', proposal, section: 0 });
  });

  it('a retried push counts once, also when others wrote in between', async () => {
    const a = await Peer.open(team[0].client, proposal, 1, 'retry-a');
    const b = await Peer.open(team[1].client, proposal, 1, 'retry-b');
    a.insert(0, 'Hello');
    const updates = a.updatesJSON();
    const base = a.version;
    const first = await team[0].client.ok({ type: 'push', proposal, section: 1, version: base, updates });
    b.insert(0, 'X');
    await b.settle();
    // The answer was "lost": the same updates again on the same base, with a new command id.
    const again = await team[0].client.ok({ type: 'push', proposal, section: 1, version: base, updates });
    assert.ok(again.version >= first.version);
    await a.settle(again.version);
    const text = (await serverText(reader, proposal, 1)).text;
    assert.equal(text.split('Hello').length - 1, 1, `"Hello" applied more than once: ${text}`);
    assert.equal(a.text, text);
    await team[0].client.ok({ type: 'close_section', proposal, section: 1 });
    await team[1].client.ok({ type: 'close_section', proposal, section: 1 });
  });

  it('refuses malformed, misfitting, oversized and unauthorised pushes and changes nothing', async () => {
    const p = team[0].client;
    const before = await serverText(reader, proposal, 1);
    const len = before.text.length;
    const push = (changes, extra = {}) =>
      p.command({
        type: 'push',
        proposal,
        section: 1,
        version: before.version,
        updates: [{ clientID: 'bad', changes }],
        ...extra,
      });
    assert.equal((await push([len + 5, [0, 'x']])).code, 'bad_value'); // longer than the text
    assert.equal((await push([[0, 'x']])).code, 'bad_value'); // shorter than the text
    assert.equal((await push(['nonsense'])).code, 'bad_value');
    assert.equal((await push({ not: 'an array' })).code, 'bad_value');
    assert.equal((await push([len, [0, 'line\nbreak']])).code, 'bad_value'); // raw line breaks
    assert.equal((await push([len, [0, 'x']], { version: before.version + 5 })).code, 'bad_value');
    assert.equal((await push([len, [0, 'y'.repeat(20_001)]])).code, 'too_large');
    assert.equal(
      (
        await outsider.client.command({
          type: 'push',
          proposal,
          section: 1,
          version: before.version,
          updates: [{ clientID: 'o', changes: [len, [0, 'x']] }],
        })
      ).code,
      'forbidden',
    );
    const afterwards = await serverText(reader, proposal, 1);
    assert.deepEqual(afterwards, before);
  });

  it('a peer that loses its connection with unsent changes keeps them after reconnecting', async () => {
    const a = await Peer.open(team[0].client, proposal, 1, 'offline-a');
    const bClient = await connectWith(server, team[1].token);
    const b = await Peer.open(bClient, proposal, 1, 'offline-b');
    bClient.terminate();
    // While b is offline, a writes and b writes locally.
    a.insert(0, 'Online. ');
    await a.settle();
    b.insert(b.state.doc.length, ' Offline words.');
    assert.equal(b.unsent, 1);
    const back = await connectWith(server, team[1].token);
    await b.reopen(back);
    await b.settle();
    await a.settle(b.version);
    const text = (await serverText(reader, proposal, 1)).text;
    assert.ok(text.includes('Online. ') && text.endsWith(' Offline words.'), text);
    assert.equal(a.text, text);
    assert.equal(b.text, text);
    await team[0].client.ok({ type: 'close_section', proposal, section: 1 });
    back.close();
  });

  it('shows who is in a section and where their cursor is', async () => {
    const a = team[0].client;
    const b = team[1].client;
    const from = b.messages.length;
    const opened = await a.ok({ type: 'open_section', proposal, section: 0, version: null });
    await b.ok({ type: 'open_section', proposal, section: 0, version: null });
    await a.ok({ type: 'cursor', proposal, section: 0, version: opened.version, anchor: 2, head: 4 });
    const seen = await b.waitFor(
      (m) => m.type === 'section_presence' && m.editors.some((e) => e.name === 'Ana' && e.anchor === 2 && e.head === 4),
      { from },
    );
    assert.equal(seen.proposal, proposal);
    assert.equal(
      (await a.command({ type: 'cursor', proposal, section: 0, version: opened.version, anchor: 1e6, head: 0 })).code,
      'bad_value',
    );
    await a.ok({ type: 'close_section', proposal, section: 0 });
    await b.waitFor((m) => m.type === 'section_presence' && m.editors.every((e) => e.name !== 'Ana'), {
      from: b.messages.length - 1,
    });
    await b.ok({ type: 'close_section', proposal, section: 0 });
  });

  it('keeps the whole history; the text at any version is the updates applied in order', async () => {
    const { ChangeSet, Text } = await import('@codemirror/state');
    const now = await serverText(reader, proposal, 0);
    const history = await fac.ok({ type: 'section_history', proposal, section: 0, from: 0 });
    assert.equal(history.updates.length, now.version);
    assert.equal(history.more, false);
    let doc = Text.empty;
    history.updates.forEach((u, i) => {
      assert.equal(u.version, i + 1);
      doc = ChangeSet.fromJSON(u.changes).apply(doc);
    });
    assert.equal(doc.toString(), now.text);
  });

  it('comments and replies; the team resolves; other tracks comment from the review phase', async () => {
    const a = team[0].client;
    const opened = await serverText(reader, proposal, 0);
    const { comment } = await a.ok({
      type: 'add_comment',
      proposal,
      section: 0,
      from: 0,
      to: 2,
      version: opened.version,
      quote: opened.text.slice(0, 2),
      parent: null,
      text: 'Who pays for it?',
    });
    await team[1].client.ok({ type: 'add_comment', proposal, parent: comment, text: 'The member states.' });
    assert.equal(
      (await team[1].client.command({ type: 'add_comment', proposal, parent: comment + 1, text: 'deep' })).code,
      'bad_value',
    );
    assert.equal(
      (
        await a.command({
          type: 'add_comment',
          proposal,
          section: 0,
          from: 0,
          to: 1e6,
          version: opened.version,
          text: 'x',
        })
      ).code,
      'bad_value',
    );
    assert.equal(
      (await outsider.client.command({ type: 'add_comment', proposal, text: 'From track 2' })).code,
      'forbidden',
    );
    assert.equal(
      (await outsider.client.command({ type: 'resolve_comment', comment, resolved: true })).code,
      'forbidden',
    );
    await team[2].client.ok({ type: 'resolve_comment', comment, resolved: true });
    const resolved = await outsider.client.waitFor((m) => m.kind === 'comment_resolved');
    assert.equal(resolved.comment.resolved, true);
    // The review phase opens comments to everyone.
    const { agenda } = (await connectWith(server, ev.facilitatorToken)).messages.find((m) => m.type === 'snapshot');
    const review = agenda.phases.findIndex((p) => p.kind === 'review');
    await fac.ok({ type: 'go_to_phase', index: review });
    await outsider.client.ok({ type: 'add_comment', proposal, text: 'From track 2, in review' });
  });

  it('freezing stops edits and renames, not comments; unfreezing allows them again', async () => {
    const a = team[0].client;
    await fac.ok({ type: 'freeze_proposals', frozen: true });
    const opened = await serverText(reader, proposal, 1);
    const frozen = await a.command({
      type: 'push',
      proposal,
      section: 1,
      version: opened.version,
      updates: [{ clientID: 'f', changes: [opened.text.length, [0, '!']] }],
    });
    assert.equal(frozen.code, 'frozen');
    assert.equal((await a.command({ type: 'update_proposal', proposal, title: 'Renamed' })).code, 'frozen');
    await a.ok({ type: 'add_comment', proposal, text: 'Still commentable' });
    await fac.ok({ type: 'freeze_proposals', frozen: false });
    await a.ok({
      type: 'push',
      proposal,
      section: 1,
      version: opened.version,
      updates: [{ clientID: 'f', changes: [opened.text.length, [0, '!']] }],
    });
    await a.ok({ type: 'update_proposal', proposal, title: 'Individual AI Learning Accounts' });
  });

  it('a vote round over proposals; team members cannot vote for their own where forbidden', async () => {
    const second = (
      await fac.ok({ type: 'create_proposal', title: 'AI Champions Network', track: 1, team: [outsider.you.id] })
    ).proposal;
    const { round } = await fac.ok({
      type: 'open_round',
      title: 'Final',
      track: null,
      items: 'proposals',
      allowOwn: false,
      method: 'dots',
      budget: 3,
      maxPerItem: 3,
    });
    const opened = await outsider.client.waitFor((m) => m.kind === 'round_opened' && m.round.id === round);
    assert.equal(opened.round.itemKind, 'proposals');
    assert.deepEqual(opened.round.items, [proposal, second]);
    assert.equal((await outsider.client.command({ type: 'vote', round, item: second, votes: 1 })).code, 'own_idea');
    await outsider.client.ok({ type: 'vote', round, item: proposal, votes: 2 });
    assert.equal((await fac.command({ type: 'delete_proposal', proposal: second })).code, 'bad_value');
    assert.equal((await fac.command({ type: 'open_round', title: 'x', items: 'stones' })).code, 'bad_value');
  });

  it('a restart keeps every acknowledged edit, proposal and comment', async () => {
    const a = await Peer.open(team[0].client, proposal, 0, 'restart-a');
    a.insert(0, 'Kept: ');
    const answer = await a.push();
    assert.equal(answer.type, 'ack');
    const before = await serverText(reader, proposal, 0);
    server.proc.kill('SIGKILL');
    await new Promise((r) => server.proc.once('exit', r));
    server = await startServer({ db, port: server.port });
    const facAgain = await connectWith(server, ev.facilitatorToken);
    reader = facAgain;
    const afterwards = await serverText(reader, proposal, 0);
    assert.deepEqual(afterwards, before);
    assert.ok(afterwards.text.startsWith('Kept: '));
    const snap = facAgain.messages.find((m) => m.type === 'snapshot');
    assert.equal(snap.proposals[0].title, 'Individual AI Learning Accounts');
    assert.ok(snap.comments.length >= 4);
    assert.equal(snap.rounds.at(-1).itemKind, 'proposals');
    fac = facAgain;
  });
});
