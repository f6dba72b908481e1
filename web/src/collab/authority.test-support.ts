/**
 * A fake in-memory server for the section sync's tests: the authority of docs/protocol.md
 * ("Editing a section"), rebasing pushes step by step as the server does (rebaseStepwise), and
 * links (one per client connection) whose messages the test delivers one at a time, drops,
 * or loses with the connection. Used by *.test.ts only; not part of the app bundle.
 */
import { ChangeSet, Text } from '@codemirror/state';
import type { SectionHandler, Timers } from '../connection';
import { CommandError, sectionKey } from '../connection';
import type { Command, Draft, SectionUpdate, SectionUpdatesMessage } from '../protocol';
import type { CollabUpdate } from './collabState';
import { rebaseStepwise, splitsSurrogatePair } from './collabState';
import type { SectionTransport } from './syncTypes';

interface Accepted {
  changes: ChangeSet;
  clientID: string;
  member: number;
  continues: boolean;
}

interface Section {
  updates: Accepted[];
  doc: Text;
}

type Answer = { type: 'ack'; id: string; result?: unknown } | { type: 'error'; id: string; code: string };
type ToClient = Answer | SectionUpdatesMessage;

export class FakeAuthority {
  readonly sections = new Map<string, Section>();
  readonly links = new Set<FakeLink>();
  maxChars = 20_000;
  /** How pushes are rebased: as the server does; a test may swap in another rule. */
  rebase: (pushed: CollabUpdate[], over: readonly CollabUpdate[]) => CollabUpdate[] = rebaseStepwise;
  /** Every push the authority handled, with its outcome. */
  readonly log: { link: string; version: number; count: number; outcome: string }[] = [];

  section(proposal: number, section: number): Section {
    const key = sectionKey(proposal, section);
    let s = this.sections.get(key);
    if (!s) {
      s = { updates: [], doc: Text.empty };
      this.sections.set(key, s);
    }
    return s;
  }

  text(proposal: number, section: number): string {
    return this.section(proposal, section).doc.toString();
  }

  /** Accepts an update from someone outside the test's clients (a direct edit). */
  acceptDirect(
    proposal: number,
    section: number,
    clientID: string,
    change: (doc: Text) => ChangeSet,
    member = 99,
    continues = false,
  ): void {
    const s = this.section(proposal, section);
    const changes = change(s.doc);
    this.commit(proposal, section, s.updates.length, [{ changes, clientID, member, continues }]);
  }

  private commit(proposal: number, section: number, version: number, accepted: Accepted[]): void {
    const s = this.section(proposal, section);
    for (const u of accepted) {
      s.doc = u.changes.apply(s.doc);
      s.updates.push(u);
    }
    if (accepted.length === 0) return;
    const msg: SectionUpdatesMessage = {
      type: 'section_updates',
      proposal,
      section,
      version,
      updates: accepted.map(wire),
    };
    for (const link of this.links) if (link.open.has(sectionKey(proposal, section))) link.toClient.push(msg);
  }

  /** Handles one command from `link`; the answer goes onto the link's queue. */
  handle(link: FakeLink, cmd: Command): void {
    const answer = (result?: unknown): void => {
      link.toClient.push({ type: 'ack', id: cmd.id, result });
    };
    const refuse = (code: string): void => {
      link.toClient.push({ type: 'error', id: cmd.id, code });
    };
    switch (cmd.type) {
      case 'open_section': {
        const s = this.section(cmd.proposal, cmd.section);
        if (cmd.version !== null && (cmd.version > s.updates.length || cmd.version < 0)) return refuse('bad_value');
        link.open.add(sectionKey(cmd.proposal, cmd.section));
        if (cmd.version === null) return answer({ version: s.updates.length, text: s.doc.toString() });
        return answer({
          version: s.updates.length,
          updates: s.updates.slice(cmd.version).map(wire),
        });
      }
      case 'push': {
        const s = this.section(cmd.proposal, cmd.section);
        const outcome = (o: string): void => {
          this.log.push({ link: link.name, version: cmd.version, count: cmd.updates.length, outcome: o });
        };
        if (link.refusePush !== null) {
          outcome(link.refusePush);
          return refuse(link.refusePush);
        }
        if (cmd.version > s.updates.length || cmd.version < 0) {
          outcome('bad_value');
          return refuse('bad_value');
        }
        // Check the pushed changes against the text at their version, then rebase them.
        let doc = Text.empty;
        for (const u of s.updates.slice(0, cmd.version)) doc = u.changes.apply(doc);
        const pushed: CollabUpdate[] = [];
        try {
          for (const u of cmd.updates) {
            const changes = ChangeSet.fromJSON(u.changes);
            if (changes.length !== doc.length) throw new RangeError('length');
            doc = changes.apply(doc);
            pushed.push({ changes, clientID: u.clientID, continues: u.continues === true });
          }
        } catch {
          outcome('bad_value');
          return refuse('bad_value');
        }
        const rebased = this.rebase(pushed, s.updates.slice(cmd.version));
        let after = s.doc;
        for (const u of rebased) {
          if (splitsSurrogatePair(after, u.changes)) {
            outcome('bad_value');
            return refuse('bad_value');
          }
          after = u.changes.apply(after);
        }
        if (after.length > this.maxChars && after.length > s.doc.length) {
          outcome('too_large');
          return refuse('too_large');
        }
        outcome(`accepted ${rebased.length}`);
        this.commit(
          cmd.proposal,
          cmd.section,
          s.updates.length,
          rebased.map((u) => ({
            changes: u.changes,
            clientID: u.clientID,
            member: link.member,
            continues: u.continues,
          })),
        );
        return answer({ version: s.updates.length });
      }
      case 'cursor':
        return answer();
      case 'close_section':
        link.open.delete(sectionKey(cmd.proposal, cmd.section));
        return answer();
      case 'section_history': {
        const s = this.section(cmd.proposal, cmd.section);
        const page = 3;
        const list = s.updates.slice(cmd.from, cmd.from + page).map((u, i) => ({
          version: cmd.from + i + 1,
          changes: u.changes.toJSON(),
          member: u.member,
          at: 1000 + cmd.from + i,
        }));
        return answer({ updates: list, more: cmd.from + page < s.updates.length });
      }
      default:
        return refuse('unknown_type');
    }
  }
}

/** One client's connection to the fake authority; the test delivers its messages by hand. */
export class FakeLink implements SectionTransport {
  isReady = false;
  readonly open = new Set<string>();
  toServer: Command[] = [];
  toClient: ToClient[] = [];
  /** When set, every push is refused with this code. */
  refusePush: string | null = null;
  private readonly handlers = new Map<string, SectionHandler>();
  private readonly waiting = new Map<string, { resolve(r: unknown): void; reject(e: unknown): void }>();
  private n = 0;
  private readonly pushIds = new Set<string>();

  constructor(
    readonly authority: FakeAuthority,
    readonly name: string,
    readonly member: number,
  ) {
    authority.links.add(this);
  }

  request<T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>): Promise<never> {
    if (!this.isReady) return Promise.reject(new CommandError('connection_lost'));
    const id = `${this.name}-${++this.n}`;
    const command = { ...draft, id } as unknown as Command;
    if (command.type === 'push') this.pushIds.add(id);
    this.toServer.push(command);
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve: resolve as (r: unknown) => void, reject }));
  }

  attachSection(proposal: number, section: number, handler: SectionHandler): () => void {
    const key = sectionKey(proposal, section);
    this.handlers.set(key, handler);
    if (this.isReady) handler.ready();
    return () => {
      if (this.handlers.get(key) === handler) this.handlers.delete(key);
    };
  }

  /** The server reads the next command. Returns false when there is none. */
  deliverToServer(): boolean {
    const cmd = this.toServer.shift();
    if (!cmd) return false;
    this.authority.handle(this, cmd);
    return true;
  }

  /** The client reads the next message; `dropPushAnswer` loses it if it answers a push. */
  deliverToClient(dropPushAnswer = false): boolean {
    const msg = this.toClient.shift();
    if (!msg) return false;
    if (msg.type === 'ack' || msg.type === 'error') {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!w || (dropPushAnswer && this.pushIds.has(msg.id))) return true;
      if (msg.type === 'ack') w.resolve(msg.result);
      else w.reject(new CommandError(msg.code));
      return true;
    }
    this.handlers.get(sectionKey(msg.proposal, msg.section))?.updates(msg);
    return true;
  }

  /** The connection drops: what is in flight is lost, answers never come. */
  disconnect(): void {
    if (!this.isReady) return;
    this.isReady = false;
    this.toServer = [];
    this.toClient = [];
    this.open.clear();
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(new CommandError('connection_lost'));
    for (const h of [...this.handlers.values()]) h.lost();
  }

  connect(): void {
    if (this.isReady) return;
    this.isReady = true;
    for (const h of [...this.handlers.values()]) h.ready();
  }

  get busy(): boolean {
    return this.toServer.length > 0 || this.toClient.length > 0;
  }
}

/** Timers that fire only when the test says so, with a clock they move forward. */
export class FakeTimers implements Timers {
  clock = 0;
  private next = 1;
  private readonly jobs = new Map<number, { fn: () => void; at: number }>();
  set(fn: () => void, ms: number): number {
    const id = this.next++;
    this.jobs.set(id, { fn, at: this.clock + ms });
    return id;
  }
  clear(handle: unknown): void {
    this.jobs.delete(handle as number);
  }
  get count(): number {
    return this.jobs.size;
  }
  /** Moves the clock to the earliest job and runs every job due then. Returns false when none. */
  runNext(): boolean {
    if (this.jobs.size === 0) return false;
    const at = Math.min(...[...this.jobs.values()].map((j) => j.at));
    this.clock = Math.max(this.clock, at);
    for (const [id, job] of [...this.jobs]) {
      if (job.at <= this.clock && this.jobs.has(id)) {
        this.jobs.delete(id);
        job.fn();
      }
    }
    return true;
  }
  /** Runs every job due within `ms` from now (repeating ones as often as they come). */
  advance(ms: number): void {
    const end = this.clock + ms;
    for (;;) {
      const due = [...this.jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.jobs.delete(due[0]);
      this.clock = Math.max(this.clock, due[1].at);
      due[1].fn();
    }
    this.clock = end;
  }
}

/** Lets promise callbacks (request answers) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await Promise.resolve();
}

/** A small seeded random generator (the app's mulberry32), so failures repeat. */
export { seededRandom as seeded } from '../features/voting/voting';

/** Runs `link` and `timers` for `rounds` half-second steps, delivering every message both ways. */
export async function pump(link: FakeLink, timers: FakeTimers, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    while (link.deliverToServer());
    while (link.deliverToClient()) await settle();
    timers.advance(500);
    await settle();
  }
}

/** An accepted update as `section_updates` and `open_section` carry it. */
function wire(u: Accepted): SectionUpdate {
  const out: SectionUpdate = {
    clientID: u.clientID,
    changes: u.changes.toJSON() as SectionUpdate['changes'],
    member: u.member,
  };
  if (u.continues) out.continues = true;
  return out;
}
