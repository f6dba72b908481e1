// The agenda over real WebSockets: the facilitator runs phases, every screen follows, the
// phase gates ideas, and the timer survives a restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, connectWith, joinAs, removeDir, startEventServer, startServer, stopServer } from './server.mjs';

describe('agenda and timer', () => {
  let dir;
  let db;
  let server;
  let ev;
  let fac;
  let ana;
  before(async () => {
    ({ dir, db, server, ev, fac } = await startEventServer());
    ana = await joinAs(server, ev.code, 'Ana');
  });
  after(async () => {
    await stopServer(server);
    removeDir(dir);
  });

  const latestAgenda = (client) => {
    const withAgenda = client.messages.filter(
      (m) => m.agenda && (m.type === 'snapshot' || m.kind === 'agenda_changed'),
    );
    return withAgenda.at(-1).agenda;
  };

  it('a new event has the default agenda, not started, with the board open', async () => {
    const snap = ana.client.messages.find((m) => m.type === 'snapshot');
    assert.deepEqual(
      snap.agenda.phases.map((p) => p.kind),
      ['welcome', 'ideation', 'clustering', 'voting', 'drafting', 'review', 'final_selection', 'closed'],
    );
    assert.equal(snap.agenda.current, -1);
    assert.equal(snap.agenda.endsAt, null);
    const joinAck = ana.client.messages.find((m) => m.type === 'ack' && m.result?.token);
    assert.ok(Math.abs(joinAck.result.serverTime - Date.now()) < 5000);
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'before the agenda' });
  });

  it('only a facilitator runs the agenda', async () => {
    for (const cmd of [
      { type: 'go_to_phase', index: 1 },
      { type: 'pause_timer' },
      { type: 'extend_timer', minutes: 5 },
      { type: 'set_agenda', phases: [{ kind: 'ideation', title: 'x', minutes: 5 }] },
      { type: 'set_auto_advance', on: true },
    ]) {
      const answer = await ana.client.command(cmd);
      assert.equal(answer.code, 'forbidden', JSON.stringify(cmd));
    }
  });

  it('participants follow the phase and may post only in ideation', async () => {
    let from = ana.client.messages.length;
    const before = Date.now();
    await fac.ok({ type: 'go_to_phase', index: 0 });
    const welcome = await ana.client.waitFor((m) => m.kind === 'agenda_changed', { from });
    assert.equal(welcome.agenda.current, 0);
    assert.equal(welcome.agenda.running, true);
    const left = welcome.agenda.endsAt - welcome.serverTime;
    assert.ok(left > 15 * 60000 - 2000 && left <= 15 * 60000, String(left));
    assert.ok(welcome.serverTime >= before - 2000);
    const refused = await ana.client.command({ type: 'post_idea', track: 1, text: 'too early' });
    assert.equal(refused.code, 'wrong_phase');

    from = ana.client.messages.length;
    await fac.ok({ type: 'go_to_phase', index: 1 });
    const ideation = await ana.client.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.current === 1, { from });
    await ana.client.ok({ type: 'post_idea', track: 1, text: 'in ideation' });

    // The join form learns the agenda with the event (to draw the board before the snapshot),
    // as the snapshot and the change have it.
    const form = await Client.connect(server.port);
    const info = await form.ok({ type: 'event_info', code: ev.code });
    assert.deepEqual(info.agenda, ideation.agenda);
    form.close();
  });

  it('pause, resume and extend move the end; bad durations are refused and change nothing', async () => {
    const running = latestAgenda(fac);
    await fac.ok({ type: 'pause_timer' });
    const paused = await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.running === false);
    assert.equal(paused.agenda.endsAt, null);
    assert.ok(paused.agenda.remainingMs > 44 * 60000);
    assert.equal((await fac.command({ type: 'pause_timer' })).code, 'bad_value');
    await fac.ok({ type: 'resume_timer' });
    await fac.ok({ type: 'extend_timer', minutes: 5 });
    const extended = await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.extraMs === 300000);
    assert.ok(extended.agenda.endsAt >= running.endsAt + 300000 - 100);

    const seqBefore = extended.seq;
    for (const bad of [
      { type: 'extend_timer', minutes: -5 },
      { type: 'extend_timer', minutes: 0 },
      { type: 'extend_timer', minutes: 100000 },
      { type: 'set_agenda', phases: [] },
      { type: 'set_agenda', phases: [{ kind: 'ideation', title: 'Ideas', minutes: -1 }] },
      { type: 'set_agenda', phases: [{ kind: 'ideation', title: 'Ideas', minutes: 100000 }] },
      { type: 'set_agenda', phases: [{ kind: 'party', title: 'Fun', minutes: 10 }] },
      { type: 'go_to_phase', index: 99 },
    ]) {
      const answer = await fac.command(bad);
      assert.equal(answer.type, 'error', JSON.stringify(bad));
      assert.ok(['bad_value', 'bad_command', 'bad_text'].includes(answer.code), answer.code);
    }
    await fac.ok({ type: 'extend_timer', minutes: 1 });
    const next = await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.extraMs === 360000);
    assert.equal(next.seq, seqBefore + 1); // nothing in between
  });

  it('a new agenda is broadcast whole', async () => {
    await fac.ok({
      type: 'set_agenda',
      phases: [
        { kind: 'welcome', title: 'Coffee', minutes: 10 },
        { kind: 'ideation', title: 'Ideas', minutes: 30 },
        { kind: 'voting', title: 'Vote', minutes: 10 },
        { kind: 'closed', title: 'Thanks', minutes: 0 },
      ],
    });
    const changed = await ana.client.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.phases.length === 4);
    assert.equal(changed.agenda.phases[0].title, 'Coffee');
    assert.equal(changed.agenda.current, 1); // the running phase stays
    // The next test reads the facilitator's latest agenda: wait until it has this one too.
    await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.phases.length === 4);
  });

  it('a server restart keeps the phase and the remaining time', async () => {
    const beforeRestart = latestAgenda(fac);
    assert.equal(beforeRestart.running, true);
    await stopServer(server);
    server = await startServer({ db, port: server.port });
    const again = await connectWith(server, ev.facilitatorToken);
    const snap = await again.waitFor((m) => m.type === 'snapshot');
    assert.equal(snap.agenda.current, beforeRestart.current);
    assert.equal(snap.agenda.endsAt, beforeRestart.endsAt);
    assert.deepEqual(snap.agenda.phases, beforeRestart.phases);
    fac = again;
    const anaAgain = await connectWith(server, ana.token);
    await anaAgain.ok({ type: 'post_idea', track: 1, text: 'still ideation after the restart' });
    ana = { ...ana, client: anaAgain };
  });
});

describe('track pacing', () => {
  it('a lead holds their track back when the facilitator allows it; it survives a restart', async () => {
    const { dir, db, server: first, ev, fac } = await startEventServer();
    let server = first;
    try {
      const link = await fac.ok({ type: 'create_link', role: 'lead', track: 2, name: 'Lead two' });
      const lead = await connectWith(server, link.token);
      const bo = await joinAs(server, ev.code, 'Bo', { track: 2 });
      await fac.ok({ type: 'go_to_phase', index: 3 }); // voting
      assert.equal((await lead.command({ type: 'set_track_phase', track: 2, index: 1 })).code, 'forbidden');
      await fac.ok({ type: 'set_track_pacing', allowed: true });
      await lead.ok({ type: 'set_track_phase', track: 2, index: 1 });
      const changed = await bo.client.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.trackPhases['2'] === 1);
      assert.equal(changed.agenda.trackPacing, true);
      await bo.client.ok({ type: 'post_idea', track: 2, text: 'held back, still ideating' });
      assert.equal(
        (await bo.client.command({ type: 'post_idea', track: 1, text: 'voting there' })).code,
        'wrong_phase',
      );
      assert.equal((await lead.command({ type: 'set_track_phase', track: 1, index: 1 })).code, 'forbidden');

      await stopServer(server);
      server = await startServer({ db, port: server.port });
      const again = await connectWith(server, bo.token);
      const snap = await again.waitFor((m) => m.type === 'snapshot');
      assert.deepEqual(snap.agenda.trackPhases, { 2: 1 });
      assert.equal(snap.agenda.trackPacing, true);
      again.close();
    } finally {
      await stopServer(server, 'SIGKILL');
      removeDir(dir);
    }
  });
});

describe('undo a phase change', () => {
  it('goes back to the phase left, with its time and minutes added, and survives a restart', async () => {
    let { dir, db, server, ev, fac } = await startEventServer();
    try {
      const ana = await joinAs(server, ev.code, 'Ana');
      const agendaOf = (m) => m.agenda;
      await fac.ok({ type: 'go_to_phase', index: 1 });
      await fac.ok({ type: 'extend_timer', minutes: 5 });
      const ideation = agendaOf(await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.extraMs === 300000));
      assert.equal(ideation.undoTo, -1, 'the phase change left the time before the first phase');

      // A misclick: voting instead of clustering. Undo brings ideation back as it was.
      await fac.ok({ type: 'go_to_phase', index: 3 });
      const voting = agendaOf(await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.current === 3));
      assert.equal(voting.undoTo, 1);
      const from = ana.client.messages.length;
      await fac.ok({ type: 'undo_phase_change' });
      const back = agendaOf(
        await ana.client.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.undoTo === null, { from }),
      );
      assert.equal(back.current, 1);
      assert.equal(back.extraMs, 300000);
      assert.equal(back.running, true);
      assert.equal(back.undoTo, null);
      // The end is where it was: the time ideation had run is kept (within the test's own delay).
      assert.ok(Math.abs(back.endsAt - ideation.endsAt) < 5000, `${back.endsAt} vs ${ideation.endsAt}`);
      await ana.client.ok({ type: 'post_idea', track: 1, text: 'ideation again' });

      // Nothing more to undo; only a facilitator undoes.
      assert.equal((await fac.command({ type: 'undo_phase_change' })).code, 'bad_value');
      await fac.ok({ type: 'go_to_phase', index: 2 });
      assert.equal((await ana.client.command({ type: 'undo_phase_change' })).code, 'forbidden');

      // What undo goes back to is stored with the timer.
      await stopServer(server);
      server = await startServer({ db, port: server.port });
      fac = await connectWith(server, ev.facilitatorToken);
      const snap = await fac.waitFor((m) => m.type === 'snapshot');
      assert.equal(snap.agenda.current, 2);
      assert.equal(snap.agenda.undoTo, 1);
      await fac.ok({ type: 'undo_phase_change' });
      const restored = agendaOf(await fac.waitFor((m) => m.kind === 'agenda_changed' && m.agenda.undoTo === null));
      assert.equal(restored.current, 1);
    } finally {
      await stopServer(server);
      removeDir(dir);
    }
  });
});
