// actors.mjs: the people of the crash rounds, each on its own connection, each keeping the
// record the checks compare the server with.
//
// - Actor: the part every person shares: an outbox of commands sent but not yet answered (in
//   doubt once the server dies), sent again with the same ids, in order, after a restart; the
//   last acknowledged commands, sent again on purpose to check that a repeat is answered as
//   the first time and changes nothing.
// - Participant: posts ideas (several in flight) and sets dot votes in the open round (one in
//   flight, as the app does); keeps every idea it sent and, per vote round, the ballot the
//   server must hold.
// - Editor: co-writes one proposal section with the web client's collab logic (Peer), one
//   push in flight; every update inserts a marker of its own (`{e3.17}`), so that each one can
//   be found in the section's history. It types on while the server is down, as the app
//   keeps offline edits.
//
// Everything runs on node's one thread: no locks; a handler runs to its end before another.
import { EditorState } from '@codemirror/state';
import { Peer } from '../blackbox/peer.mjs';
import { hasType, KEPT_BEFORE, Link } from './link.mjs';

// Refusals that mean "busy or stopping, nothing was applied": not a verdict on the command.
export const TRANSIENT = new Set(['rate_limited', 'storage_failed', 'shutting_down']);

// A push carries at most this many updates (docs/protocol.md, `push`).
const MAX_UPDATES_PER_PUSH = 100;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Answers received by every actor together: the kill of a burst round waits for a share of
// the burst to be committed and answered.
export const traffic = { answers: 0 };

// An exponentially distributed pause with mean `mean` ms (arrivals of a Poisson process),
// cut at four times the mean so that a client notices the end of the load soon.
export function pause(rand, mean) {
  return Math.min(-Math.log(1 - rand()) * mean, 4 * mean);
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

// The markers in a text (an update's insertion, a section's text).
export function markersIn(text) {
  return text.match(/\{e\d+\.\d+\}/g) ?? [];
}

export class Actor {
  // `target`: the server as it is now ({ port, up }: `up` resolves while it runs);
  // `findings`: where problems seen on the wire are counted (findings.mjs).
  constructor({ name, token, member, rand, target, findings }) {
    Object.assign(this, { name, token, member, rand, target, findings });
    this.link = null;
    this.ready = false; // connected, greeted, and everything in doubt answered
    this.counter = 0;
    this.outbox = new Map(); // id -> { cmd, settle, sent }, in the order of issue
    this.recent = []; // the last acknowledged: { id, cmd, answer }
    this.stats = { retried: 0, replayed: 0 };
  }

  get online() {
    return this.ready && this.link?.open === true;
  }

  // Commands sent whose answer has not arrived: in doubt when the server dies.
  inFlight() {
    let n = 0;
    for (const e of this.outbox.values()) n += e.sent ? 1 : 0;
    return n;
  }

  linkOptions() {
    return {};
  }

  // Takes a connection that already has this actor's identity (set-up joins on it).
  adopt(link) {
    this.link = link;
    this.ready = true;
  }

  nextId(kind = '') {
    this.counter += 1;
    return `${this.name}${kind}.${this.counter}`;
  }

  // Sends a state-changing command now (or, when offline, after the next resume) and calls
  // `settle(answer)` once, with its ack or error, however many restarts it takes.
  issue(cmd, settle) {
    const id = this.nextId();
    const entry = { cmd, settle, sent: false };
    this.outbox.set(id, entry);
    if (this.online) this.transmit(id, entry).catch(() => {});
    return id;
  }

  // Sends one outbox entry; resolves once answered, rejects with LinkLost when the connection
  // goes first (the entry stays in the outbox, in doubt).
  transmit(id, entry) {
    if (this.link.open) entry.sent = true;
    return this.link.request(entry.cmd, id).then((answer) => this.answered(id, answer));
  }

  answered(id, answer) {
    const entry = this.outbox.get(id);
    if (!entry) return;
    this.outbox.delete(id);
    traffic.answers += 1;
    if (answer.type === 'ack') {
      this.recent.push({ id, cmd: entry.cmd, answer });
      if (this.recent.length > 8) this.recent.shift();
    }
    entry.settle(answer);
  }

  // After a restart: waits for the server, connects, says hello, then sends everything in
  // the outbox again with the same ids, in order, and waits for every answer. Throws when the
  // server goes down meanwhile; what was answered stays answered, the rest stays in doubt.
  async resume() {
    this.ready = false;
    await this.target.up;
    this.link = await Link.open(this.target.port, this.linkOptions());
    const hello = await this.link.ok({ type: 'hello', token: this.token, lastSeq: 0 }, this.nextId('-hello'));
    this.greeted(hello);
    const again = [...this.outbox.entries()];
    for (const [, entry] of again) this.stats.retried += entry.sent ? 1 : 0;
    await Promise.all(again.map(([id, entry]) => this.transmit(id, entry)));
    await this.reopen();
    this.ready = true;
    this.resumed();
  }

  // Checks the ack of `hello` against this actor's record (Participant: its ballots).
  greeted(_hello) {}

  // What an actor does on a new connection before it goes on (Editor: reopen its section),
  // and once it is back (Editor: push what waits).
  async reopen() {}

  resumed() {}

  // Sends the last `n` acknowledged commands again with their ids: each must get its first
  // answer again, and change nothing (the checks that follow would see it).
  async replay(n) {
    for (const { id, cmd, answer } of this.recent.slice(-n)) {
      const again = await this.link.request(cmd, id);
      this.stats.replayed += 1;
      if (JSON.stringify(again) !== JSON.stringify(answer)) {
        this.findings.add(
          `${this.replayKind(cmd)}.duplicated`,
          1,
          `${this.name}: the repeat of ${cmd.type} ${id} was answered ${JSON.stringify(again)}, first ${JSON.stringify(answer)}`,
        );
      }
    }
  }

  replayKind(cmd) {
    return cmd.type === 'push' ? 'edits' : cmd.type === 'vote' ? 'votes' : 'ideas';
  }

  problem(kind, detail) {
    this.findings.add(kind, 1, `${this.name}: ${detail}`);
  }
}

// The state of one vote round as a participant's record has it.
class BallotRecord {
  constructor(round) {
    this.round = round; // { id, items, budget, maxPerItem }
    this.ballot = new Map(); // item -> votes, after every answered vote
  }

  spent() {
    let n = 0;
    for (const v of this.ballot.values()) n += v;
    return n;
  }

  // The ballot as `hello` and `vote_cast` carry it: item (a string) -> votes, none at 0.
  json(extra = null) {
    const out = {};
    const merged = new Map(this.ballot);
    if (extra) merged.set(extra.item, extra.votes);
    for (const [item, votes] of [...merged.entries()].sort((a, b) => a[0] - b[0])) {
      if (votes > 0) out[String(item)] = votes;
    }
    return out;
  }
}

const WORDS = [
  'learning',
  'accounts',
  'for',
  'every',
  'worker',
  'public',
  'sector',
  'pilots',
  'training',
  'budgets',
  'AI',
  'literacy',
  'unions',
  'small',
  'firms',
  'audit',
  'open',
  'data',
  'mentors',
  'time',
  'regional',
  'hubs',
  'skills',
  'passport',
  'fair',
  'procurement',
];

export class Participant extends Actor {
  constructor(options) {
    super(options);
    this.ideas = []; // { text, id, state: 'doubt' | 'acked' | 'refused', code }
    this.rounds = new Map(); // round id -> BallotRecord
    this.voting = null; // the vote in flight: { round, item, votes }
    this.posted = 0;
    this.acked = { ideas: 0, votes: 0 };
  }

  joinRound(round) {
    this.rounds.set(round.id, new BallotRecord(round));
    this.current = round.id;
  }

  post(round) {
    this.posted += 1;
    const words = Array.from({ length: 3 + Math.floor(this.rand() * 6) }, () => pick(this.rand, WORDS));
    const idea = {
      text: `${this.name} #${this.posted} (round ${round}): ${words.join(' ')}`,
      id: null,
      state: 'doubt',
    };
    this.ideas.push(idea);
    this.issue({ type: 'post_idea', track: 1, text: idea.text, anonymous: this.rand() < 0.1 }, (a) => {
      if (a.type === 'ack') {
        idea.state = 'acked';
        idea.id = a.result.idea;
        this.acked.ideas += 1;
      } else {
        idea.state = 'refused';
        idea.code = a.code;
        if (!TRANSIENT.has(a.code)) this.problem('other', `post_idea refused: ${a.code} ${a.message}`);
      }
    });
  }

  // Sets a random number of dots (0 to the most allowed) on a random item. The record says
  // beforehand whether the budget allows it; the answer must agree.
  vote() {
    const record = this.rounds.get(this.current);
    if (!record || this.voting) return;
    const { round } = record;
    const item = pick(this.rand, round.items);
    const votes = Math.floor(this.rand() * (round.maxPerItem + 1));
    this.voting = { round: round.id, item, votes };
    this.issue({ type: 'vote', round: round.id, item, votes }, (a) => {
      this.voting = null;
      const after = record.spent() - (record.ballot.get(item) ?? 0) + votes;
      if (a.type === 'ack') {
        if (after > round.budget) {
          this.problem(
            'votes.overBudget',
            `round ${round.id}: ${votes} on ${item} accepted with ${after} of ${round.budget} spent`,
          );
        } else if (a.result.spent !== after) {
          this.problem(
            a.result.spent > after ? 'votes.duplicated' : 'votes.lost',
            `round ${round.id}: the server counts ${a.result.spent} spent, the acknowledged votes ${after}`,
          );
        }
        record.ballot.set(item, votes);
        this.acked.votes += 1;
      } else if (a.code === 'over_budget') {
        if (after <= round.budget) {
          this.problem(
            'votes.lost',
            `round ${round.id}: ${votes} on ${item} refused as over budget, but only ${after} of ${round.budget} would be spent`,
          );
        }
      } else if (!TRANSIENT.has(a.code)) {
        this.problem('other', `vote refused: ${a.code} ${a.message}`);
      }
    });
  }

  // The ack of `hello` carries the member's ballots: each must be what the answered votes
  // made it, or that with the one vote still in doubt applied.
  greeted(hello) {
    for (const [id, record] of this.rounds) {
      const server = hello.ballots?.[String(id)] ?? {};
      const doubt = this.voting && this.voting.round === id ? this.voting : null;
      const want = record.json();
      if (JSON.stringify(server) === JSON.stringify(want)) continue;
      if (doubt && JSON.stringify(server) === JSON.stringify(record.json(doubt))) continue;
      let lost = 0;
      let extra = 0;
      for (const item of new Set([...Object.keys(want), ...Object.keys(server)])) {
        lost += Math.max(0, (want[item] ?? 0) - (server[item] ?? 0));
        extra += Math.max(0, (server[item] ?? 0) - (want[item] ?? 0));
      }
      const detail = `${this.name}: round ${id}: hello says ${JSON.stringify(server)}, the record ${JSON.stringify(want)}${doubt ? ` (in doubt: ${JSON.stringify(doubt)})` : ''}`;
      this.findings.add('votes.lost', lost, detail);
      this.findings.add('votes.duplicated', extra, detail);
    }
  }

  async run(load) {
    while (load.active) {
      await sleep(pause(this.rand, 1000 / load.rate));
      if (!load.active || !this.online) continue;
      if (!this.voting && this.rand() < load.voteShare) this.vote();
      else if (this.inFlight() < load.window) this.post(load.round);
    }
  }

  // Many ideas at once, without waiting: heavy commit batches. `deaf`: the answers to them
  // (and all that follows) are lost, so that they are still in doubt when the server dies,
  // committed or not.
  burst(n, round, deaf) {
    if (!this.online) return;
    for (let i = 0; i < n; i += 1) this.post(round);
    this.vote();
    if (deaf) this.link.deafen();
  }
}

export class Editor extends Actor {
  // `where`: the section, { proposal, section }; `tag`: the marker prefix (e3 -> {e3.17}).
  constructor(options) {
    super(options);
    Object.assign(this, { where: options.where, tag: options.tag });
    this.clientID = `${options.tag}-${options.name}`;
    this.peer = null;
    this.caret = 0;
    this.pushing = null; // the id of the push in flight
    this.awaitVersion = 0; // after an ack: push again only once the stream reached it
    this.edits = 0;
    this.markers = new Map(); // marker -> 'local' | 'acked'
    this.acked = { edits: 0 };
  }

  linkOptions() {
    return {
      keep: (line) => hasType(line, 'section_updates'),
      onKept: () => this.receive(),
    };
  }

  // Opens the section for the first time (the actor's link must keep section_updates).
  async open() {
    const { proposal, section } = this.where;
    const answer = await this.link.request(
      { type: 'open_section', proposal, section, version: null },
      this.nextId('-open'),
    );
    if (answer.type !== 'ack') throw new Error(`open_section refused: ${answer.code}`);
    this.peer = new Peer(this.link, proposal, section, this.clientID);
    this.peer.state = EditorState.create({ doc: answer.result.text });
    this.peer.version = answer.result.version;
    this.peer.seen = answer[KEPT_BEFORE];
    // The caret moves as CodeMirror maps it: others' text inserted at it goes after it.
    this.peer.onChange = (changes) => {
      this.caret = changes.mapPos(this.caret, -1);
    };
  }

  // After a restart: catch up from the editor's version on the new connection.
  async reopen() {
    const { proposal, section } = this.where;
    const answer = await this.link.request(
      { type: 'open_section', proposal, section, version: this.peer.version },
      this.nextId('-open'),
    );
    if (answer.type !== 'ack') {
      this.problem(
        'edits.diverged',
        `open_section at version ${this.peer.version} refused: ${answer.code} ${answer.message}`,
      );
      return;
    }
    this.peer.client = this.link;
    this.peer.seen = answer[KEPT_BEFORE];
    this.peer.apply(answer.result.updates);
  }

  resumed() {
    this.pump();
  }

  receive() {
    if (!this.peer || this.peer.client !== this.link) return;
    try {
      this.peer.receive();
    } catch (err) {
      this.problem('edits.diverged', err.message);
    }
    this.pump();
  }

  // One local edit: mostly typing on at the caret, sometimes elsewhere, sometimes rewriting a
  // passage (longer ones once the text is long, which keeps it under the section's limit).
  edit() {
    const length = this.peer.state.doc.length;
    this.edits += 1;
    const marker = `{${this.tag}.${this.edits}}`;
    const r = this.rand();
    if (r < 0.12 && length > 20) {
      const span = 1 + Math.floor(this.rand() * (length > 4000 ? 400 : 12));
      const from = Math.floor(this.rand() * length);
      this.caret = this.peer.replace(from, from + span, `${marker} `);
    } else {
      if (r < 0.25) this.caret = Math.floor(this.rand() * (length + 1));
      this.caret = this.peer.insert(Math.min(this.caret, length), `${marker} `);
    }
    this.markers.set(marker, 'local');
  }

  // Pushes what is unsent: one push in flight, and after an ack only once the stream has
  // reached the acknowledged version (as web/src/collab/sectionSync.ts does).
  pump() {
    const { peer } = this;
    if (!this.online || this.pushing || !peer.unsent || peer.version < this.awaitVersion) return;
    const { proposal, section } = this.where;
    const updates = peer.updatesJSON().slice(0, MAX_UPDATES_PER_PUSH);
    const markers = updates.flatMap((u) =>
      u.changes.flatMap((c) => (Array.isArray(c) ? markersIn(c.slice(1).join('\n')) : [])),
    );
    this.pushing = this.issue({ type: 'push', proposal, section, version: peer.version, updates }, (a) => {
      this.pushing = null;
      if (a.type === 'ack') {
        this.awaitVersion = a.result.version;
        for (const m of markers) {
          if (this.markers.get(m) === 'local') {
            this.markers.set(m, 'acked');
            this.acked.edits += 1;
          }
        }
      } else if (!TRANSIENT.has(a.code)) {
        this.problem('other', `push refused: ${a.code} ${a.message}`);
      }
      setTimeout(() => this.pump(), 0);
    });
  }

  async run(load) {
    while (load.active) {
      await sleep(pause(this.rand, 1000 / load.editRate));
      if (!load.active) break;
      if (this.online) this.receive();
      this.edit(); // offline too: the edit waits, as the app keeps it, and goes after the resume
      this.pump();
    }
  }

  burst(n, deaf) {
    for (let i = 0; i < n; i += 1) this.edit();
    this.pump();
    if (deaf && this.online) this.link.deafen();
  }

  // Whether everything typed is pushed, acknowledged and back through the stream.
  get idle() {
    return this.online && !this.pushing && this.peer.unsent === 0 && this.peer.version >= this.awaitVersion;
  }
}
