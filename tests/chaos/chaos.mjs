// chaos.mjs: crash rounds. One server and one database for the whole run; in every round,
// many participants post ideas and set dot votes in an open vote round while a few editors
// co-write proposal sections, and the server is killed with SIGKILL at a seeded moment. It is
// restarted on the same database, every client resumes (commands in doubt are sent again with
// the same ids, editors reopen their sections and push what they typed meanwhile), and then
// nothing acknowledged may be missing or counted twice (verify.mjs).
//
// Rounds take turns at three kinds of kill, each at a seeded moment:
//   burst     every client sends a burst at once (a dozen ideas each, a vote, a run of edits):
//             some 500 commands that the server checks and commits in a few large batches
//             (a batch takes up to 512 commands; one takes from 10 ms to over 500 ms on a
//             loaded 2-core machine, from its check to its answers). The kill comes 0-250 ms
//             after the burst (before, during or after the first batch's commit) or, every
//             other burst round, once a seeded share (5-65 %) of it has been answered (a
//             batch committed, the next one under way). A third of the clients lose every
//             answer after their burst, so that commands committed before the kill are in
//             doubt too, and their retries must get the first answer;
//   steady    under the steady mix alone;
//   recovery  a burst killed 0-250 ms later, then a second kill while the clients resume,
//             once a seeded share (10-90 %) of the commands in doubt has been answered again
//             (the rest of the retries in flight), and a second restart.
//
//   node tests/chaos/chaos.mjs [--rounds 20] [--duration 5] [--clients 40] [--editors 6]
//                              [--seed N] [--rate 2] [--keep]
//
// Prints one line per round and the totals, then one line of JSON. Exit status: 0 nothing
// lost or duplicated; 1 a finding (the round's details are printed, the database is kept and
// its folder named); 2 the run could not be set up or a client could not resume.
// The server binary: $ROUNDTABLE_BIN (default build/server/roundtable).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEvent, removeDir, startServer, tempDir } from '../blackbox/server.mjs';
import { seededRandom } from '../seeded.mjs';
import { Editor, Participant, sleep, traffic } from './actors.mjs';
import { Findings } from './findings.mjs';
import { Link } from './link.mjs';
import { sql, until, verify } from './verify.mjs';

const USAGE = `usage: chaos.mjs [--rounds N] [--duration S] [--clients N] [--editors N] [--seed N] [--rate R] [--keep]
  --rounds N     kills, one per round (20)
  --duration S   seconds of load before the latest kill of a round (5)
  --clients N    participants posting ideas and voting (40)
  --editors N    editors co-writing sections, three to a section (6)
  --seed N       the seed of every random choice: the kill plan, what each client does
                 (default: $RT_SEED, else a random one; every run prints its seed)
  --rate R       commands a second per participant, on average (2)
  --keep         keep the database folder (it is always kept after a finding)`;

function options() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '20' },
      duration: { type: 'string', default: '5' },
      clients: { type: 'string', default: '40' },
      editors: { type: 'string', default: '6' },
      seed: { type: 'string' },
      rate: { type: 'string', default: '2' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name, min) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min) {
      console.error(`chaos: --${name} must be a number of at least ${min}\n${USAGE}`);
      process.exit(2);
    }
    return v;
  };
  return {
    rounds: Math.floor(num('rounds', 1)),
    duration: num('duration', 0.5),
    clients: Math.floor(num('clients', 1)),
    editors: Math.floor(num('editors', 1)),
    seed:
      values.seed !== undefined
        ? Math.floor(num('seed', 0))
        : process.env.RT_SEED
          ? Number(process.env.RT_SEED)
          : Math.floor(Math.random() * 2 ** 31),
    rate: num('rate', 0.1),
    keep: values.keep,
  };
}

// The shape of the load (the same in every round).
const LOAD = {
  voteShare: 0.3, // of a participant's commands, when no vote of its own is in flight
  window: 3, // ideas in flight per participant in the steady mix
  editRate: 4, // edits a second per editor
  burstIdeas: 12, // ideas per participant in a burst (with one vote)
  burstEdits: 10, // edits per editor in a burst
  deafShare: 1 / 3, // of the clients, those whose answers after a burst are lost
  replays: 2, // acknowledged commands each client sends again after a restart
};
const ROUND_TIMEOUT_S = 180; // beyond the load itself
const VOTE_RULES = { method: 'dots', budget: 5, maxPerItem: 3 };
const VOTE_ITEMS = 6; // ideas of track 2, posted at the start: what every vote round is over
const GROUPS = [
  'eu_institution',
  'national_government',
  'large_enterprise',
  'sme',
  'startup',
  'academia',
  'civil_society',
  'ai_specialist',
  'other',
];
// Every client comes from 127.0.0.1 and the bursts are far above a person's rate.
const SERVER_FLAGS = [
  '--max-commands-per-second',
  '1000',
  '--max-connections-per-address',
  '0',
  '--max-joins-per-address',
  '0',
];

// Starts, kills and restarts the server; `target` is what clients connect to ({ port, up }:
// `up` resolves while the server runs, and is replaced by a pending promise at each kill).
class ServerControl {
  constructor({ db, webRoot }) {
    Object.assign(this, { db, webRoot });
    this.server = null;
    this.target = { port: 0, up: null };
    this.down();
  }

  down() {
    this.target.up = new Promise((resolve) => {
      this.up = resolve;
    });
  }

  // Starts on the same port as before (any free one the first time, or if it is taken);
  // returns the milliseconds from spawning to listening.
  async start() {
    const t0 = performance.now();
    try {
      this.server = await startServer({
        db: this.db,
        port: this.target.port,
        webRoot: this.webRoot,
        extra: SERVER_FLAGS,
      });
    } catch (err) {
      if (this.target.port === 0) throw err;
      this.server = await startServer({ db: this.db, port: 0, webRoot: this.webRoot, extra: SERVER_FLAGS });
    }
    const ms = performance.now() - t0;
    this.target.port = this.server.port;
    this.up();
    return ms;
  }

  async kill() {
    this.down();
    this.server.proc.kill('SIGKILL');
    await this.server.exited;
  }

  async stop() {
    if (this.server && this.server.proc.exitCode === null && this.server.proc.signalCode === null) {
      this.server.proc.kill('SIGTERM');
      await this.server.exited;
    }
  }
}

// A seeded random source per purpose: the plan, and each client.
const streamOf = (seed, n) => seededRandom((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);

// The kill plan, decided up front so that a seed replays it whatever the timing.
function plan(opts) {
  const rand = streamOf(opts.seed, 0);
  const modes = ['burst', 'steady', 'recovery'];
  return Array.from({ length: opts.rounds }, (_, i) => ({
    mode: modes[i % modes.length],
    at: Math.round((0.15 + 0.85 * rand()) * opts.duration * 1000), // ms into the round
    burstAfter: i % 6 === 0 ? 'time' : 'share', // what the kill waits for
    burstDelay: Math.round(rand() * 250), // ms after the burst
    burstShare: 0.05 + 0.6 * rand(), // answered before the kill
    retryShare: 0.1 + 0.8 * rand(), // retries answered before the second
  }));
}

// The event, its vote items, its people, its proposals and who writes which section.
async function setUp(control, opts) {
  const { port } = control.target;
  const ev = await createEvent(control.server, 'Crash rounds');
  const staff = await Link.open(port);
  let n = 0;
  const id = () => `setup.${++n}`;
  await staff.ok({ type: 'hello', token: ev.facilitatorToken, lastSeq: 0 }, id());
  const seedTexts = [];
  const items = [];
  for (let i = 0; i < VOTE_ITEMS; i += 1) {
    const text = `Vote item ${i + 1}: a learning budget for every worker, variant ${i + 1}`;
    seedTexts.push(text);
    items.push((await staff.ok({ type: 'post_idea', track: 2, text }, id())).idea);
  }
  const findings = new Findings();
  const common = { target: control.target, findings };
  const join = async (actor, i) => {
    const link = await Link.open(port, actor.linkOptions());
    const joined = await link.ok(
      {
        type: 'join',
        code: ev.code,
        name: actor.name,
        organisation: 'Crash rounds',
        group: GROUPS[i % GROUPS.length],
        track: 1,
        credit: true,
      },
      actor.nextId('-join'),
    );
    actor.token = joined.token;
    actor.member = joined.you.id;
    actor.adopt(link);
  };
  const participants = Array.from(
    { length: opts.clients },
    (_, i) => new Participant({ ...common, name: `P${i + 1}`, rand: streamOf(opts.seed, 1 + i) }),
  );
  const sectionCount = Math.max(1, Math.floor(opts.editors / 3));
  const sections = [];
  const proposals = [];
  for (let s = 0; s < sectionCount; s += 1) {
    if (s % 2 === 0) proposals.push(null);
    sections.push({ proposal: proposals.length - 1, section: s % 2 }); // proposal index for now
  }
  const editors = Array.from(
    { length: opts.editors },
    (_, i) =>
      new Editor({
        ...common,
        name: `E${i + 1}`,
        tag: `e${i + 1}`,
        rand: streamOf(opts.seed, 10000 + i),
        where: sections[i % sectionCount],
      }),
  );
  await Promise.all([...participants, ...editors].map((a, i) => join(a, i)));
  for (let p = 0; p < proposals.length; p += 1) {
    const team = editors.filter((e) => e.where.proposal === p).map((e) => e.member);
    proposals[p] = (
      await staff.ok(
        {
          type: 'create_proposal',
          title: `Crash-proof proposal ${p + 1}`,
          track: 1,
          ideas: [],
          cluster: null,
          table: null,
          team,
        },
        id(),
      )
    ).proposal;
  }
  for (const s of sections) s.proposal = proposals[s.proposal]; // editors share these objects
  await Promise.all(editors.map((e) => e.open()));
  await staff.close();
  return { ev, items, seedTexts, participants, editors, sections, findings };
}

// Resumes every client that is not online, until all are; a kill meanwhile only means
// another attempt once the server is back.
async function recoverAll(actors) {
  for (let attempt = 1; attempt <= 20; attempt += 1) {
    const down = actors.filter((a) => !a.online);
    if (!down.length) return;
    await Promise.allSettled(down.map((a) => a.resume()));
  }
  const stuck = actors.filter((a) => !a.online).map((a) => a.name);
  throw new Error(`clients could not resume: ${stuck.join(', ')}`);
}

const sum = (list, f) => list.reduce((n, x, i) => n + f(x, i), 0);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};
const fmt = (n) => n.toLocaleString('en-US');

// The counters a round's figures are the difference of.
function tally(world) {
  const { participants, editors } = world;
  const actors = [...participants, ...editors];
  return {
    ideas: sum(participants, (p) => p.acked.ideas),
    votes: sum(participants, (p) => p.acked.votes),
    edits: sum(editors, (e) => e.acked.edits),
    retried: sum(actors, (a) => a.stats.retried),
    replayed: sum(actors, (a) => a.stats.replayed),
  };
}

async function round(r, step, control, world, opts, db) {
  const { participants, editors } = world;
  const actors = [...participants, ...editors];
  const findings = new Findings();
  for (const a of actors) a.findings = findings;

  // This round's vote round: the previous one closes, a new one opens over the vote items.
  const staff = await Link.open(control.target.port);
  await staff.ok({ type: 'hello', token: world.ev.facilitatorToken, lastSeq: 0 }, `round${r}.hello`);
  if (world.voteRound) await staff.ok({ type: 'close_round', round: world.voteRound.id }, `round${r}.close`);
  const opened = await staff.ok(
    {
      type: 'open_round',
      title: `Crash round ${r}`,
      track: 2,
      items: 'ideas',
      // Track 2's ideas, voted on by the participants, who are all in track 1.
      eligible: 'everyone',
      allowOwn: true,
      liveResults: false,
      randomOrder: true,
      ...VOTE_RULES,
    },
    `round${r}.open`,
  );
  await staff.close();
  world.voteRound = { id: opened.round, items: world.items, ...VOTE_RULES };
  for (const p of participants) p.joinRound(world.voteRound);

  const before = tally(world);
  const load = { active: true, round: r, rate: opts.rate, ...LOAD };
  const loops = actors.map((a) => a.run(load));

  // The kill(s), at the plan's moment.
  const inDoubt = []; // per kill: { commands, ideas (the idea records in doubt) }
  const kill = async () => {
    inDoubt.push({
      commands: sum(actors, (a) => a.inFlight()),
      ideas: participants.flatMap((p) => p.ideas.filter((i) => i.state === 'doubt')),
    });
    await control.kill();
  };
  const restarts = [];
  const committedUpTo = []; // per restart: the highest idea id the database held
  const restart = async () => {
    restarts.push(await control.start());
    committedUpTo.push(
      sql(db, `SELECT coalesce(max(id), 0) AS top FROM ideas WHERE event_id = ${world.ev.event.id}`)[0].top,
    );
  };

  await sleep(step.at);
  if (step.mode !== 'steady') {
    const answered = traffic.answers;
    const hearing = actors.filter((_, i) => i % 3 !== r % 3); // the deaf third changes per round
    const flying = sum(hearing, (a) => a.inFlight());
    for (const p of participants) p.burst(LOAD.burstIdeas, r, !hearing.includes(p));
    for (const e of editors) e.burst(LOAD.burstEdits, !hearing.includes(e));
    const burst = sum(hearing, (a) => a.inFlight()) - flying;
    if (step.mode === 'recovery' || step.burstAfter === 'time') await sleep(step.burstDelay);
    else await until(() => traffic.answers - answered >= step.burstShare * burst, 5000, 1);
  }
  const killedAt = performance.now();
  await kill();
  await restart(); // editors type on meanwhile; their edits wait for the resume
  load.active = false;
  if (step.mode === 'recovery') {
    const answered = traffic.answers;
    const doubt = sum(actors, (a) => a.outbox.size);
    const recovering = recoverAll(actors);
    await until(() => traffic.answers - answered >= step.retryShare * doubt, 5000, 1);
    await kill();
    await restart();
    await recovering;
  }
  await recoverAll(actors);
  if (
    !(await until(
      () =>
        editors.every((e) => {
          e.receive();
          return e.idle;
        }),
      30000,
    ))
  ) {
    findings.add(
      'edits.diverged',
      1,
      `editors not settled: ${editors
        .filter((e) => !e.idle)
        .map((e) => `${e.name} (${e.peer.unsent} unsent)`)
        .join(', ')}`,
    );
  }
  const recoveryMs = performance.now() - killedAt;
  await Promise.all(loops);

  // Repeats of acknowledged commands: each must be answered as the first time.
  await Promise.all(actors.map((a) => a.replay(LOAD.replays)));
  const stored = await verify({
    port: control.target.port,
    db,
    event: world.ev.event,
    facilitatorToken: world.ev.facilitatorToken,
    participants,
    editors,
    sections: world.sections,
    seedTexts: world.seedTexts,
    findings,
  });

  const after = tally(world);
  // Of the ideas in doubt at each kill, those the restart found committed.
  const committed = sum(
    inDoubt,
    (k, i) => k.ideas.filter((x) => x.state === 'acked' && x.id <= committedUpTo[i]).length,
  );
  return {
    round: r,
    mode: step.mode,
    step,
    killAtMs: step.at,
    kills: inDoubt.length,
    inDoubt: sum(inDoubt, (k) => k.commands),
    ideasInDoubt: sum(inDoubt, (k) => k.ideas.length),
    ideasCommittedBeforeKill: committed,
    acked: { ideas: after.ideas - before.ideas, votes: after.votes - before.votes, edits: after.edits - before.edits },
    retried: after.retried - before.retried,
    replayed: after.replayed - before.replayed,
    stored,
    restartMs: restarts,
    recoveryMs,
    lost: findings.lost,
    duplicated: findings.duplicated,
    findings,
  };
}

// The per-round table: a header and one row per round, columns aligned.
const COLUMNS = [
  ['round', 6, 'l'],
  ['kill (at, then)', 26, 'l'],
  ['in doubt', 8],
  ['retried', 8],
  ['ideas', 6],
  ['votes', 6],
  ['edits', 6],
  ['lost', 5],
  ['dup', 4],
  ['restart ms', 11],
  ['recovery s', 11],
];

function row(cells) {
  return cells
    .map((c, i) => {
      const [, width, align] = COLUMNS[i];
      return align === 'l' ? String(c).padEnd(width) : String(c).padStart(width);
    })
    .join(' ')
    .trimEnd();
}

const header = () => row(COLUMNS.map(([name]) => name));

function roundLine(x, total) {
  const { step } = x;
  const pct = (share) => `${Math.round(share * 100)}%`;
  const then =
    step.mode === 'steady'
      ? ''
      : step.mode === 'recovery'
        ? ` +${step.burstDelay}ms, ${pct(step.retryShare)}`
        : step.burstAfter === 'time'
          ? ` +${step.burstDelay}ms`
          : ` @${pct(step.burstShare)}`;
  return (
    row([
      `${x.round}/${total}`,
      `${x.mode} ${(x.killAtMs / 1000).toFixed(2)}s${then}`,
      x.inDoubt,
      x.retried,
      x.acked.ideas,
      x.acked.votes,
      x.acked.edits,
      x.lost,
      x.duplicated,
      x.restartMs.map((ms) => ms.toFixed(0)).join('+'),
      (x.recoveryMs / 1000).toFixed(1),
    ]) + (x.findings.clean ? '' : '  FINDINGS')
  );
}

async function main() {
  const opts = options();
  const dir = tempDir();
  const db = path.join(dir, 'chaos.db');
  const webRoot = path.join(dir, 'web'); // the server needs a web root; the pages are not used
  mkdirSync(webRoot);
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>chaos</title>\n');
  const control = new ServerControl({ db, webRoot });
  const steps = plan(opts);
  console.log(
    `chaos: ${opts.rounds} rounds of ${opts.duration} s, ${opts.clients} participants, ${opts.editors} editors, seed ${opts.seed}`,
  );
  console.log(`chaos: database ${db}`);

  let world;
  const results = [];
  let failed = null;
  let status = 0;
  try {
    await control.start();
    world = await setUp(control, opts);
    console.log(header());
    for (let r = 1; r <= opts.rounds; r += 1) {
      // A round that hangs (a server that stops answering) ends the run.
      const watchdog = setTimeout(
        () => {
          console.error(`chaos: round ${r} did not finish within ${ROUND_TIMEOUT_S} s; the database is kept in ${dir}`);
          control.server?.proc.kill('SIGKILL');
          process.exit(2);
        },
        (ROUND_TIMEOUT_S + opts.duration) * 1000,
      );
      const x = await round(r, steps[r - 1], control, world, opts, db);
      clearTimeout(watchdog);
      results.push(x);
      console.log(roundLine(x, opts.rounds));
      if (!x.findings.clean) {
        failed = x;
        break;
      }
    }
  } catch (err) {
    console.error(`chaos: ${err.stack ?? err}`);
    status = 2;
  } finally {
    await control.stop();
  }

  const total = new Findings();
  for (const x of results) total.merge(x.findings);
  const restarts = results.flatMap((x) => x.restartMs);
  const summary = {
    seed: opts.seed,
    rounds: results.length,
    kills: sum(results, (x) => x.kills),
    duration: opts.duration,
    clients: opts.clients,
    editors: opts.editors,
    acked: {
      ideas: sum(results, (x) => x.acked.ideas),
      votes: sum(results, (x) => x.acked.votes),
      edits: sum(results, (x) => x.acked.edits),
    },
    inDoubt: sum(results, (x) => x.inDoubt),
    retried: sum(results, (x) => x.retried),
    ideasInDoubt: sum(results, (x) => x.ideasInDoubt),
    ideasCommittedBeforeKill: sum(results, (x) => x.ideasCommittedBeforeKill),
    replayed: sum(results, (x) => x.replayed),
    stored: results.at(-1)?.stored ?? null,
    lost: total.lost,
    duplicated: total.duplicated,
    findings: total.toJSON(),
    restartMs: { median: Math.round(median(restarts)), max: Math.round(Math.max(0, ...restarts)) },
    recoveryS: { median: Number((median(results.map((x) => x.recoveryMs)) / 1000).toFixed(2)) },
  };
  console.log('');
  console.log(`chaos: ${summary.rounds} rounds, ${summary.kills} kills (seed ${opts.seed})`);
  console.log(
    `  acknowledged: ${fmt(summary.acked.ideas)} ideas, ${fmt(summary.acked.votes)} votes, ${fmt(summary.acked.edits)} section updates`,
  );
  console.log(
    `  in doubt when the server died: ${fmt(summary.inDoubt)} commands (of the ideas, ${fmt(summary.ideasCommittedBeforeKill)} of ${fmt(summary.ideasInDoubt)} had been committed); sent again with their ids after a restart: ${fmt(summary.retried)} (the others' answers were on their way)`,
  );
  console.log(`  acknowledged commands repeated on purpose: ${fmt(summary.replayed)}`);
  if (summary.stored) {
    console.log(
      `  the database now holds ${fmt(summary.stored.ideas)} ideas, ${fmt(summary.stored.votes)} votes in ballots, ${fmt(summary.stored.updates)} section updates`,
    );
  }
  console.log(
    `  lost: ${summary.lost}, duplicated: ${summary.duplicated}${total.clean ? '' : ' (and other findings below)'}`,
  );
  console.log(
    `  restart (spawn to listening): median ${summary.restartMs.median} ms, max ${summary.restartMs.max} ms; recovery (kill to every client resumed and settled): median ${summary.recoveryS.median} s`,
  );
  if (!total.clean) {
    console.log(
      `\nchaos: findings${failed ? ` in round ${failed.round} (${failed.mode}, kill at ${failed.killAtMs} ms)` : ''}:`,
    );
    console.log(total.describe());
    console.log(
      `replay the plan: node tests/chaos/chaos.mjs --seed ${opts.seed} --rounds ${opts.rounds} --duration ${opts.duration} --clients ${opts.clients} --editors ${opts.editors} --rate ${opts.rate}`,
    );
    status = Math.max(status, 1);
  }
  if (status !== 0 || opts.keep) {
    console.log(`chaos: the database is kept in ${dir}`);
  } else {
    removeDir(dir);
  }
  console.log(JSON.stringify(summary));
  process.exit(status);
}

main();
