/**
 * The one owner of the WebSocket to the server. Nothing else in the app touches a socket.
 *
 * - Connects, and reconnects after any loss with exponential backoff and jitter (0.5 s doubling
 *   to at most 5 s), at once when the browser says the network is back or the page is shown
 *   again, and not at all while the browser says it is offline (but for a probe every 30 s).
 * - Notices a silent connection (a phone that lost its network without a close): the server
 *   answers `ping` with `pong`, and any frame proves the socket alive. After 4 s without a
 *   frame it sends `ping`; after 8 s without one the socket counts as dead, is closed and a
 *   reconnect starts, with the same effects as a real close.
 * - On every open it first proves who it is (`auth_admin` if it has an admin secret,
 *   `hello {token,lastSeq}` if it has a token) and waits for those acks.
 * - Idea commands (post/edit/delete/hide/unhide) go into a pending queue persisted in
 *   storage. They are sent in order once the connection is ready, re-sent after every
 *   reconnect with their original ids (the server applies a repeated id once), and leave
 *   the queue only when their ack or error arrives. Those sent again after a socket was lost
 *   with them unanswered (or queued by an earlier page) are reported as `resent` until
 *   answered: the server may have applied them already.
 * - Other commands are requests: a promise for their result. Read-only ones wait through
 *   reconnects; the others fail with `connection_lost` if the socket drops before the answer.
 * - Open sections (collaborative proposal texts) attach a SectionHandler: it is told when
 *   the connection is ready (after every open and hello, so it opens its section again) and
 *   when the socket drops, and it gets the `section_updates` / `section_presence` of its
 *   section. The handler sends its commands as requests; it never sees the socket.
 *
 * - Measures the server's clock: `offset = serverTime - localTimeAtReceipt` from the ack of
 *   `hello`/`join` and from every live `agenda_changed` (never from a replayed backlog, whose
 *   `serverTime` is when the change happened).
 *
 * Everything that touches the outside world (socket, storage, timers, clock, randomness, the
 * browser's network and visibility signals) is injected, so tests drive it with fakes. All callbacks run on the browser's event loop.
 */
import type {
  Ballots,
  Command,
  Draft,
  EventMessage,
  IdeaCommand,
  Member,
  PingCommand,
  PostIdeaCommand,
  ResultOf,
  SectionMessage,
  SectionPresenceMessage,
  SectionUpdatesMessage,
  ServerMessage,
} from './protocol';
import { parseFrame } from './protocol';
import { newId as defaultNewId } from './ids';
import type { KeyValueStorage } from './storage';
import { MemoryStorage, readJson, writeJson } from './storage';
import { takeEarlySocket } from './earlySocket';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The part of the browser's WebSocket the connection uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/**
 * The browser's signals the connection follows: whether it has a network (navigator.onLine,
 * the `online`/`offline` events of window) and whether the page is shown
 * (document.visibilityState, the `visibilitychange` event of document).
 */
export interface ConnectionEnvironment {
  isOnline(): boolean;
  isVisible(): boolean;
  addEventListener(type: EnvironmentEvent, fn: () => void): void;
  removeEventListener(type: EnvironmentEvent, fn: () => void): void;
}

export type EnvironmentEvent = 'online' | 'offline' | 'visibilitychange';

/** Always online and shown, and never tells anything: for tests and pages without a window. */
export const STILL_ENVIRONMENT: ConnectionEnvironment = {
  isOnline: () => true,
  isVisible: () => true,
  addEventListener: () => {},
  removeEventListener: () => {},
};

/** The real browser's signals. */
export function browserEnvironment(): ConnectionEnvironment {
  const target = (type: EnvironmentEvent): EventTarget => (type === 'visibilitychange' ? document : window);
  return {
    isOnline: () => navigator.onLine !== false,
    isVisible: () => document.visibilityState !== 'hidden',
    addEventListener: (type, fn) => target(type).addEventListener(type, fn),
    removeEventListener: (type, fn) => target(type).removeEventListener(type, fn),
  };
}

export interface ConnectionListener {
  /** snapshot, changes and change messages, in arrival order. */
  message(msg: EventMessage): void;
  status(status: ConnectionStatus): void;
  /**
   * The pending queue changed (added, answered, sent again, or lost with its socket).
   * `resent`: the ids of those sent again that may have reached the server already (their
   * first answer was lost), until their answer arrives.
   */
  pending(commands: IdeaCommand[], resent: string[]): void;
  /**
   * The server saved a pending post as idea `idea` (its ack). Told before the post leaves the
   * pending list, so that the unsaved post can be matched to its idea by id when it arrives.
   */
  posted(command: PostIdeaCommand, idea: number): void;
  /** A pending command was refused by the server; it is no longer pending. */
  commandFailed(command: IdeaCommand, code: string): void;
  /** The hello ack: who we are, and (when sent) our own ballots. */
  hello(you: Member, ballots?: Ballots): void;
  /**
   * The token was refused (`bad_token`): the connection continues without identity. Or the
   * member was removed from the event (`removed`): the connection stops.
   */
  identityRejected(code: string): void;
  /** The admin secret was refused. */
  adminRejected(code: string): void;
  /** A fresh reading of the server's clock: add `offsetMs` to Date.now() for server time. */
  clock(offsetMs: number): void;
}

/**
 * One open section's link to the connection (see Connection.attachSection). Its methods run
 * on the browser's event loop, never re-entrantly from inside another of them.
 */
export interface SectionHandler {
  /** The connection is ready (now, or after a reconnect and hello): open the section (again). */
  ready(): void;
  /** The socket dropped: requests in flight have failed; keep working offline. */
  lost(): void;
  updates(msg: SectionUpdatesMessage): void;
  presence(msg: SectionPresenceMessage): void;
}

/** The key of a section in the handler table. */
export function sectionKey(proposal: number, section: number): string {
  return `${proposal}:${section}`;
}

export interface ConnectionOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  storage?: KeyValueStorage;
  /** Storage key of the pending queue; without one the queue lives in memory only. */
  pendingKey?: string | null;
  timers?: Timers;
  random?: () => number;
  newId?: () => string;
  /** The local clock (Date.now). */
  now?: () => number;
  /** The browser's network and visibility signals (none: always online and shown). */
  environment?: ConnectionEnvironment;
  listener?: Partial<ConnectionListener>;
  /** The language the app shows (sent with `hello`; null: none to tell). */
  language?: () => string | null;
}

/** A refused request: `code` is the protocol's error code, or `connection_lost`. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'CommandError';
  }
}

export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 5_000;
/** The shortest wait between attempts while the page is hidden (nobody is looking). */
export const HIDDEN_BACKOFF_MS = 15_000;
/** While the browser says it is offline: one attempt this often, in case it is wrong. */
export const OFFLINE_PROBE_MS = 30_000;
/** Silence after which the connection sends `ping`. */
export const HEARTBEAT_IDLE_MS = 4_000;
/** Silence after which an open socket counts as dead (a `ping` has been out this long too). */
export const HEARTBEAT_DEAD_MS = 8_000;
/** The least time a `ping` is given to be answered (timers of a hidden page fire late). */
const PING_WAIT_MS = HEARTBEAT_DEAD_MS - HEARTBEAT_IDLE_MS;
/** A socket that has not opened after this long is given up and tried again. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Failed attempts in a row after which the status reads "offline" instead of "reconnecting". */
export const OFFLINE_AFTER_ATTEMPTS = 3;
/** Errors after which a pending command is kept and tried again later. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(['rate_limited', 'storage_failed', 'shutting_down']);
/** Requests that change nothing and may be sent again after a reconnect. */
const RETRYABLE_REQUESTS: ReadonlySet<Command['type']> = new Set(['event_info', 'list_events']);

const SOCKET_OPEN = 1;

/**
 * The wait before reconnect attempt `attempt` (0-based): 0.5 s doubling up to 5 s, of which
 * a random half is dropped so that clients of a restarted server do not return in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + 0.5 * random()));
}

export function isIdeaCommand(v: unknown): v is IdeaCommand {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (typeof c.id !== 'string') return false;
  switch (c.type) {
    case 'post_idea':
      return typeof c.track === 'number' && typeof c.text === 'string';
    case 'edit_idea':
      return typeof c.idea === 'number' && typeof c.text === 'string';
    case 'delete_idea':
    case 'hide_idea':
    case 'unhide_idea':
      return typeof c.idea === 'number';
    default:
      return false;
  }
}

interface Request {
  command: Command;
  resolve(result: unknown): void;
  reject(err: CommandError): void;
}

type Handshake = (ok: boolean, result: unknown, code: string) => void;

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Connection {
  // Constant after construction.
  private readonly url: string;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly storage: KeyValueStorage;
  private readonly pendingKey: string | null;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly now: () => number;
  private readonly environment: ConnectionEnvironment;
  private readonly listener: Partial<ConnectionListener>;
  private readonly language: () => string | null;

  // Identity proven on every open.
  private token: string | null = null;
  private lastSeq: () => number = () => 0;
  private adminSecret: string | null = null;

  // Socket life.
  private socket: SocketLike | null = null;
  private ready = false;
  private started = false;
  private everReady = false;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  /** Gives up a socket that does not open (see CONNECT_TIMEOUT_MS). */
  private connectTimer: unknown = null;
  private statusValue: ConnectionStatus = 'connecting';

  // Heartbeat of the open socket (local clock times).
  private heartbeatTimer: unknown = null;
  private lastHeard = 0;
  /** When the unanswered `ping` was sent, or null when none is out. */
  private pingSentAt: number | null = null;

  // Commands.
  private memoryPending: IdeaCommand[] = [];
  /** Pending ids sent on the current socket (so none is sent twice per socket). */
  private sentPending = new Set<string>();
  /**
   * Pending ids that may have reached the server without their answer reaching us: sent on a
   * socket that was lost, or found in storage (queued by an earlier page).
   */
  private readonly maybeApplied = new Set<string>();
  private readonly handshakes = new Map<string, Handshake>();
  private waiting: Request[] = [];
  private readonly inflight = new Map<string, Request>();
  private readonly retryTimers = new Set<unknown>();

  // Open sections, by sectionKey.
  private readonly sections = new Map<string, SectionHandler>();

  constructor(options: ConnectionOptions) {
    this.url = options.url;
    this.createSocket =
      options.createSocket ?? ((url) => (takeEarlySocket(url) ?? new WebSocket(url)) as unknown as SocketLike);
    this.storage = options.storage ?? new MemoryStorage();
    this.pendingKey = options.pendingKey ?? null;
    this.timers = options.timers ?? defaultTimers;
    this.random = options.random ?? Math.random;
    this.newId = options.newId ?? defaultNewId;
    this.now = options.now ?? Date.now;
    this.environment = options.environment ?? STILL_ENVIRONMENT;
    this.listener = options.listener ?? {};
    this.language = options.language ?? (() => null);
    for (const c of this.pending()) this.maybeApplied.add(c.id);
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Whether commands go out now (open, and identity proven). */
  get isReady(): boolean {
    return this.ready;
  }

  /**
   * Routes one section's messages to `handler`, and tells it when the connection is ready:
   * at once when it is ready now, and after every later reconnect. One handler per section:
   * attaching another replaces it. Returns the function that detaches it (it sends nothing:
   * the handler closes the section itself).
   */
  attachSection(proposal: number, section: number, handler: SectionHandler): () => void {
    const key = sectionKey(proposal, section);
    this.sections.set(key, handler);
    if (this.ready) handler.ready();
    return () => {
      if (this.sections.get(key) === handler) this.sections.delete(key);
    };
  }

  /** The token this connection resumes with, or null. */
  get identity(): string | null {
    return this.token;
  }

  /**
   * Sets the token sent in `hello` on every (re)open, and where the last applied seq comes
   * from. Called before start() for a known member, or after a `join` ack (the open
   * connection already carries that identity, so nothing is sent now).
   */
  setIdentity(token: string | null, lastSeq: () => number = () => 0): void {
    this.token = token;
    this.lastSeq = lastSeq;
    if (token !== null && this.ready) this.flushPending();
  }

  setAdminSecret(secret: string | null): void {
    this.adminSecret = secret;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.environment.addEventListener('online', this.onNetwork);
    this.environment.addEventListener('offline', this.onNetwork);
    this.environment.addEventListener('visibilitychange', this.onVisibility);
    if (this.environment.isOnline()) this.open();
    else this.scheduleReconnect();
  }

  /** Closes the socket for good; unanswered requests fail, the pending queue stays stored. */
  stop(): void {
    this.started = false;
    this.environment.removeEventListener('online', this.onNetwork);
    this.environment.removeEventListener('offline', this.onNetwork);
    this.environment.removeEventListener('visibilitychange', this.onVisibility);
    this.cancelReconnect();
    for (const t of this.retryTimers) this.timers.clear(t);
    this.retryTimers.clear();
    const s = this.socket;
    this.dropSocket();
    if (s) s.close(1000, 'bye');
    for (const r of this.waiting) r.reject(new CommandError('connection_lost'));
    this.waiting = [];
  }

  /**
   * Reconnects at once instead of waiting for the backoff (the Retry button; the network came
   * back), with the backoff started afresh. An open socket is checked with a `ping` instead.
   */
  retryNow(): void {
    if (!this.started) return;
    this.attempt = 0;
    if (this.socket === null) {
      this.cancelReconnect();
      this.open();
    } else if (this.socket.readyState === SOCKET_OPEN) {
      this.checkAlive();
    }
  }

  /**
   * The browser lost its network: the socket is given up at once (it would only go silent)
   * and the status reads offline; no attempt is made until the network is back. Regained:
   * reconnect at once.
   */
  private readonly onNetwork = (): void => {
    if (!this.started) return;
    if (this.environment.isOnline()) {
      // An attempt begun while offline (the probe) is likely stuck: start afresh.
      if (this.socket !== null && this.socket.readyState !== SOCKET_OPEN) {
        const stuck = this.socket;
        this.dropSocket();
        stuck.close(1000, 'network changed');
      }
      this.retryNow();
      return;
    }
    const s = this.socket;
    this.dropSocket();
    if (s) s.close(1000, 'offline');
    this.cancelReconnect();
    this.scheduleReconnect();
  };

  /** The page is shown again (a phone unlocked, a tab switched back): check at once. */
  private readonly onVisibility = (): void => {
    if (!this.started || !this.environment.isVisible() || !this.environment.isOnline()) return;
    this.retryNow();
  };

  /** The unanswered idea commands, oldest first. */
  pending(): IdeaCommand[] {
    if (this.pendingKey === null) return [...this.memoryPending];
    const stored = readJson<unknown[]>(this.storage, this.pendingKey);
    return Array.isArray(stored) ? stored.filter(isIdeaCommand) : [];
  }

  /**
   * The ids of the pending commands sent again on this socket that may have reached the server
   * already (see ConnectionListener.pending).
   */
  resent(): string[] {
    return this.pending()
      .map((c) => c.id)
      .filter((id) => this.maybeApplied.has(id) && this.sentPending.has(id));
  }

  /**
   * Queues an idea command and sends it as soon as the connection is ready. Returns the
   * command with its id; its outcome arrives as a change (and the pending list shrinking),
   * or through `commandFailed`.
   */
  submit<C extends IdeaCommand>(draft: Draft<C>): C {
    const command = { ...draft, id: this.newId() } as unknown as C;
    this.savePending([...this.pending(), command]);
    if (this.ready && this.token !== null) this.sendPending(command);
    return command;
  }

  /**
   * Tells the server the app's language changed (for the big screen's languages of the
   * room). Only while connected with an identity: a later `hello` carries it anyway.
   */
  announceLanguage(): void {
    const language = this.language();
    if (!this.ready || this.token === null || !language) return;
    this.request<'set_language'>({ type: 'set_language', language }).catch(() => {
      // An older server, or the socket lost: the next hello says it.
    });
  }

  /** Sends a command and resolves with its result, or rejects with a CommandError. */
  request<T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>): Promise<ResultOf[T]> {
    const command = { ...draft, id: this.newId() } as Command;
    return new Promise<ResultOf[T]>((resolve, reject) => {
      const req: Request = { command, resolve: resolve as (r: unknown) => void, reject };
      if (this.ready) this.sendRequest(req);
      else this.waiting.push(req);
    });
  }

  // -------------------------------------------------------------------------------------

  private setStatus(status: ConnectionStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.listener.status?.(status);
  }

  private savePending(list: IdeaCommand[]): void {
    if (this.pendingKey === null) this.memoryPending = list;
    else writeJson(this.storage, this.pendingKey, list);
    const ids = new Set(list.map((c) => c.id));
    for (const id of [...this.maybeApplied]) if (!ids.has(id)) this.maybeApplied.delete(id);
    this.listener.pending?.(list, this.resent());
  }

  private open(): void {
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.connectTimer = this.timers.set(() => {
      this.connectTimer = null;
      if (socket === this.socket && socket.readyState !== SOCKET_OPEN) this.giveUp(socket, 'connect timeout');
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => this.onOpen(socket);
    socket.onmessage = (ev) => this.onFrame(socket, ev.data);
    socket.onclose = () => this.onClose(socket);
    socket.onerror = () => {
      // A close event always follows; it does the work.
    };
    // The page's early socket (earlySocket.ts) may be open already: its open event is past.
    if (socket.readyState === SOCKET_OPEN) {
      queueMicrotask(() => {
        if (socket === this.socket && socket.readyState === SOCKET_OPEN) this.onOpen(socket);
      });
    }
  }

  private send(command: Command | PingCommand): void {
    if (this.socket && this.socket.readyState === SOCKET_OPEN) {
      this.socket.send(JSON.stringify(command));
    }
  }

  private onOpen(socket: SocketLike): void {
    if (socket !== this.socket) return;
    if (this.connectTimer !== null) this.timers.clear(this.connectTimer);
    this.connectTimer = null;
    this.lastHeard = this.now();
    this.pingSentAt = null;
    this.armHeartbeat(HEARTBEAT_IDLE_MS);
    this.sentPending.clear();
    const steps: Command[] = [];
    if (this.adminSecret !== null) {
      steps.push({ type: 'auth_admin', id: this.newId(), secret: this.adminSecret });
    }
    if (this.token !== null) {
      const language = this.language();
      steps.push({
        type: 'hello',
        id: this.newId(),
        token: this.token,
        lastSeq: this.lastSeq(),
        ...(language ? { language } : {}),
      });
    }
    this.runHandshake(socket, steps);
  }

  /** Sends the handshake commands one after another, then marks the connection ready. */
  private runHandshake(socket: SocketLike, steps: Command[]): void {
    const step = steps.shift();
    if (!step) {
      this.onReady();
      return;
    }
    this.handshakes.set(step.id, (ok, result, code) => {
      if (socket !== this.socket) return;
      if (!ok && TRANSIENT_ERRORS.has(code)) {
        socket.close(4000, code);
        this.onClose(socket);
        return;
      }
      if (step.type === 'auth_admin' && !ok) {
        this.adminSecret = null;
        this.listener.adminRejected?.(code);
      }
      if (step.type === 'hello') {
        if (ok) {
          this.readClock(result);
          const r = result as { you?: Member; ballots?: unknown } | undefined;
          const ballots = r && typeof r.ballots === 'object' && r.ballots !== null ? (r.ballots as Ballots) : undefined;
          if (r?.you) this.listener.hello?.(r.you, ballots);
        } else {
          this.token = null;
          this.savePending([]);
          this.listener.identityRejected?.(code);
        }
      }
      this.runHandshake(socket, steps);
    });
    this.send(step);
  }

  private onReady(): void {
    this.ready = true;
    this.everReady = true;
    this.attempt = 0;
    this.setStatus('online');
    this.flushPending();
    const waiting = this.waiting;
    this.waiting = [];
    for (const req of waiting) this.sendRequest(req);
    // Every open section opens again, catching up from the version it has.
    for (const handler of [...this.sections.values()]) {
      if (!this.ready) break;
      handler.ready();
    }
  }

  private flushPending(): void {
    if (this.token === null) return;
    const list = this.pending();
    for (const command of list) this.sendPending(command);
    const resent = this.resent();
    if (resent.length > 0) this.listener.pending?.(list, resent);
  }

  private sendPending(command: IdeaCommand): void {
    if (this.sentPending.has(command.id)) return;
    this.sentPending.add(command.id);
    this.send(command);
  }

  private sendRequest(req: Request): void {
    this.inflight.set(req.command.id, req);
    this.send(req.command);
  }

  private onFrame(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket) return;
    // Any frame proves the socket alive: a pong, and also an error from a server that does not
    // know `ping` yet.
    this.lastHeard = this.now();
    this.pingSentAt = null;
    if (typeof data !== 'string') return;
    const messages = parseFrame(data, (line) => console.warn('roundtable: unreadable message', line));
    for (const msg of messages) this.onMessage(msg);
  }

  /** Takes the server's clock from a result or live change carrying `serverTime`. */
  private readClock(carrier: unknown): void {
    const serverTime = (carrier as { serverTime?: unknown } | undefined)?.serverTime;
    if (typeof serverTime === 'number' && Number.isFinite(serverTime)) {
      this.listener.clock?.(serverTime - this.now());
    }
  }

  private routeSection(msg: SectionMessage): void {
    const handler = this.sections.get(sectionKey(msg.proposal, msg.section));
    if (!handler) return; // closed meanwhile
    if (msg.type === 'section_updates') handler.updates(msg);
    else handler.presence(msg);
  }

  private onMessage(msg: ServerMessage): void {
    if (msg.type === 'pong') return; // proof of life, taken in onFrame
    if (msg.type === 'section_updates' || msg.type === 'section_presence') {
      this.routeSection(msg);
      return;
    }
    if (msg.type !== 'ack' && msg.type !== 'error') {
      if (msg.type === 'change' && msg.kind === 'agenda_changed') this.readClock(msg);
      this.listener.message?.(msg);
      return;
    }
    const ok = msg.type === 'ack';
    const result = msg.type === 'ack' ? msg.result : undefined;
    const code = msg.type === 'error' ? msg.code : '';
    const id = msg.id;
    if (id === undefined) {
      if (code === 'removed' || code === 'revoked' || code === 'event_deleted') {
        this.removed(code);
        return;
      }
      // A server older than `ping` refuses it (no id): it still answered.
      if (code === 'bad_command' || code === 'unknown_type') return;
      console.warn('roundtable: server error', code, msg.type === 'error' ? msg.message : '');
      return;
    }
    const handshake = this.handshakes.get(id);
    if (handshake) {
      this.handshakes.delete(id);
      handshake(ok, result, code);
      return;
    }
    const req = this.inflight.get(id);
    if (req) {
      this.inflight.delete(id);
      if (ok && req.command.type === 'join') this.readClock(result);
      if (ok) req.resolve(result);
      else req.reject(new CommandError(code, msg.type === 'error' ? msg.message : undefined));
      return;
    }
    const list = this.pending();
    const command = list.find((c) => c.id === id);
    if (!command) return;
    if (!ok && TRANSIENT_ERRORS.has(code)) {
      this.retryLater(command);
      return;
    }
    if (ok && command.type === 'post_idea') {
      const idea = (result as { idea?: unknown } | undefined)?.idea;
      if (typeof idea === 'number') this.listener.posted?.(command, idea);
    }
    this.savePending(list.filter((c) => c.id !== id));
    if (!ok) this.listener.commandFailed?.(command, code);
  }

  /**
   * The server took this member out of the event, revoked their link or deleted the event, and
   * closes the socket: the identity and the queue go, and the connection stops for good
   * (reconnecting would only be refused).
   */
  private removed(code: 'removed' | 'revoked' | 'event_deleted'): void {
    this.token = null;
    this.savePending([]);
    this.listener.identityRejected?.(code);
    this.stop();
  }

  /** Sends a pending command again after a pause (the server was busy or rate-limited). */
  private retryLater(command: IdeaCommand): void {
    const handle = this.timers.set(
      () => {
        this.retryTimers.delete(handle);
        if (!this.ready) return; // sent on the next open anyway
        if (!this.pending().some((c) => c.id === command.id)) return;
        this.sentPending.delete(command.id);
        this.sendPending(command);
      },
      backoffDelay(2, this.random),
    );
    this.retryTimers.add(handle);
  }

  private dropSocket(): void {
    const wasReady = this.ready;
    const s = this.socket;
    if (s) {
      s.onopen = null;
      s.onmessage = null;
      s.onclose = null;
      s.onerror = null;
    }
    this.socket = null;
    this.ready = false;
    if (this.heartbeatTimer !== null) this.timers.clear(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.connectTimer !== null) this.timers.clear(this.connectTimer);
    this.connectTimer = null;
    this.pingSentAt = null;
    this.handshakes.clear();
    const resent = this.resent().length > 0;
    const pending = new Set(this.pending().map((c) => c.id));
    for (const id of this.sentPending) if (pending.has(id)) this.maybeApplied.add(id);
    this.sentPending.clear();
    if (resent) this.listener.pending?.(this.pending(), []);
    const inflight = [...this.inflight.values()];
    this.inflight.clear();
    const again: Request[] = [];
    for (const req of inflight) {
      if (RETRYABLE_REQUESTS.has(req.command.type)) again.push(req);
      else req.reject(new CommandError('connection_lost'));
    }
    this.waiting = [...again, ...this.waiting];
    if (wasReady) for (const handler of [...this.sections.values()]) handler.lost();
  }

  private onClose(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.dropSocket();
    if (this.started) this.scheduleReconnect();
  }

  /**
   * Waits before the next attempt: the backoff; longer while the page is hidden; while the
   * browser says it is offline, only a rare probe (the `online` event retries at once).
   */
  private scheduleReconnect(): void {
    const browserOnline = this.environment.isOnline();
    const attempt = browserOnline ? this.attempt++ : this.attempt;
    const offline = !browserOnline || attempt >= OFFLINE_AFTER_ATTEMPTS;
    this.setStatus(offline ? 'offline' : this.everReady ? 'reconnecting' : 'connecting');
    let delay = backoffDelay(attempt, this.random);
    if (!browserOnline) delay = OFFLINE_PROBE_MS;
    else if (!this.environment.isVisible()) delay = Math.max(delay, HIDDEN_BACKOFF_MS);
    this.reconnectTimer = this.timers.set(() => {
      this.reconnectTimer = null;
      if (this.started) this.open();
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) this.timers.clear(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** Closes a socket taken for dead, with the same effects as its close event. */
  private giveUp(socket: SocketLike, reason: string): void {
    if (socket !== this.socket) return;
    this.dropSocket();
    socket.close(4000, reason);
    if (this.started) this.scheduleReconnect();
  }

  // Heartbeat -------------------------------------------------------------------------

  private armHeartbeat(ms: number): void {
    if (this.heartbeatTimer !== null) this.timers.clear(this.heartbeatTimer);
    this.heartbeatTimer = this.timers.set(() => this.onHeartbeat(), Math.max(0, ms));
  }

  /** Sends `ping` (no id: it gets no ack, only a `pong`). */
  private sendPing(): void {
    this.pingSentAt = this.now();
    this.send({ type: 'ping' });
  }

  /** Asks the open socket for a sign of life now; it is dead if none comes in PING_WAIT_MS. */
  private checkAlive(): void {
    if (this.pingSentAt === null) this.sendPing();
    this.armHeartbeat(PING_WAIT_MS);
  }

  /**
   * Runs while a socket is open: pings after HEARTBEAT_IDLE_MS of silence and gives the socket
   * up after HEARTBEAT_DEAD_MS, once its ping has had PING_WAIT_MS (a late timer of a hidden
   * page must not kill a live socket whose pong has had no time to arrive).
   */
  private onHeartbeat(): void {
    this.heartbeatTimer = null;
    const socket = this.socket;
    if (socket === null || socket.readyState !== SOCKET_OPEN) return;
    const now = this.now();
    const silent = now - this.lastHeard;
    if (this.pingSentAt !== null) {
      const waited = now - this.pingSentAt;
      if (silent >= HEARTBEAT_DEAD_MS && waited >= PING_WAIT_MS) {
        this.giveUp(socket, 'no answer');
        return;
      }
      this.armHeartbeat(Math.max(HEARTBEAT_DEAD_MS - silent, PING_WAIT_MS - waited));
      return;
    }
    if (silent >= HEARTBEAT_IDLE_MS) {
      this.sendPing();
      this.armHeartbeat(Math.max(HEARTBEAT_DEAD_MS - silent, PING_WAIT_MS));
      return;
    }
    this.armHeartbeat(HEARTBEAT_IDLE_MS - silent);
  }
}

/** The WebSocket address of the server that served this page. */
export { serverUrl } from './earlySocket';
