import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionEnvironment, ConnectionListener, EnvironmentEvent, SocketLike, Timers } from './connection';
import { BACKOFF_MAX_MS, backoffDelay, CommandError, Connection } from './connection';
import type { Member } from './protocol';
import { MemoryStorage } from './storage';

/** A socket the test opens, feeds and closes by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a closed socket');
    this.sent.push(JSON.parse(data));
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The server sends one frame holding these messages. */
  receive(...messages: object[]) {
    this.onmessage?.({ data: messages.map((m) => JSON.stringify(m)).join('\n') });
  }
  /** The server answers the last sent command of this type. */
  ack(type: string, result?: unknown) {
    const cmd = [...this.sent].reverse().find((c) => c.type === type);
    if (!cmd) throw new Error(`nothing of type ${type} was sent`);
    this.receive({ type: 'ack', id: cmd.id, result });
  }
  /** The server drops the connection. */
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

/** Timers on a clock of their own that moves only when the test says so. */
class FakeTimers implements Timers {
  time = 0;
  next = 1;
  jobs = new Map<number, { fn: () => void; ms: number; at: number }>();
  set(fn: () => void, ms: number) {
    const id = this.next++;
    this.jobs.set(id, { fn, ms, at: this.time + ms });
    return id;
  }
  clear(handle: unknown) {
    this.jobs.delete(handle as number);
  }
  /** The delays of the jobs waiting, shortest first. */
  delays() {
    return [...this.jobs.values()].map((j) => j.ms).sort((a, b) => a - b);
  }
  /** Moves the clock to the earliest job and runs every job due then. */
  runAll() {
    if (this.jobs.size === 0) return;
    this.advance(Math.min(...[...this.jobs.values()].map((j) => j.at)) - this.time);
  }
  /** Moves the clock by `ms`, running the jobs that fall due on the way, in time order. */
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      let first: [number, { fn: () => void; at: number }] | null = null;
      for (const entry of this.jobs) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.jobs.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].fn();
    }
    this.time = end;
  }
}

/** The browser's signals, switched by the test. */
class FakeEnvironment implements ConnectionEnvironment {
  online = true;
  visible = true;
  listeners = new Map<EnvironmentEvent, Set<() => void>>();
  isOnline() {
    return this.online;
  }
  isVisible() {
    return this.visible;
  }
  addEventListener(type: EnvironmentEvent, fn: () => void) {
    const set = this.listeners.get(type) ?? new Set();
    set.add(fn);
    this.listeners.set(type, set);
  }
  removeEventListener(type: EnvironmentEvent, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  fire(type: EnvironmentEvent) {
    for (const fn of [...(this.listeners.get(type) ?? [])]) fn();
  }
  goOffline() {
    this.online = false;
    this.fire('offline');
  }
  goOnline() {
    this.online = true;
    this.fire('online');
  }
  show(visible: boolean) {
    this.visible = visible;
    this.fire('visibilitychange');
  }
}

const you: Member = {
  id: 5,
  role: 'participant',
  name: 'Ana',
  organisation: '',
  group: 'other',
  track: 1,
  table: null,
  credit: true,
  joinedAt: 1,
};

function setup(
  options: {
    token?: string | null;
    storage?: MemoryStorage;
    env?: FakeEnvironment;
    random?: () => number;
    listener?: Partial<ConnectionListener>;
    now?: () => number;
    /** The sockets are open when made (the page's early socket, taken over). */
    openSockets?: boolean;
  } = {},
) {
  const sockets: FakeSocket[] = [];
  const timers = new FakeTimers();
  const env = options.env ?? new FakeEnvironment();
  const storage = options.storage ?? new MemoryStorage();
  const events: { status: string[]; failed: [string, string][]; pending: number[]; messages: string[] } = {
    status: [],
    failed: [],
    pending: [],
    messages: [],
  };
  let n = 0;
  const listener: Partial<ConnectionListener> = {
    status: (s) => events.status.push(s),
    commandFailed: (c, code) => events.failed.push([c.id, code]),
    pending: (list) => events.pending.push(list.length),
    message: (m) => events.messages.push(m.type),
    ...options.listener,
  };
  const conn = new Connection({
    url: 'ws://test/ws',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      if (options.openSockets) s.readyState = 1;
      sockets.push(s);
      return s;
    },
    storage,
    pendingKey: 'roundtable.pending.K7QX2M',
    timers,
    random: options.random ?? (() => 0.5),
    newId: () => `id${++n}`,
    environment: env,
    now: options.now ?? (() => timers.time),
    listener,
  });
  if (options.token !== null) conn.setIdentity(options.token ?? 'K7QX2M.secret', () => 41);
  const last = () => sockets[sockets.length - 1] as FakeSocket;
  return { conn, sockets, timers, storage, events, last, env };
}

/** Opens the latest socket and answers its hello. */
function openAndHello(last: () => FakeSocket) {
  last().open();
  last().ack('hello', { you });
}

describe('backoff', () => {
  it('grows from 0.5 s and is capped at 5 s, with jitter dropping at most half', () => {
    const mid = [0, 1, 2, 3, 4, 5, 6, 10, 30].map((a) => backoffDelay(a, () => 1));
    expect(mid).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 5000]);
    for (let a = 0; a < 40; a++) {
      expect(backoffDelay(a, () => 0)).toBeGreaterThanOrEqual(backoffDelay(Math.max(0, a - 1), () => 0));
      expect(backoffDelay(a, () => 0)).toBe(Math.min(BACKOFF_MAX_MS, 500 * 2 ** a) / 2);
    }
  });

  it('the connection waits longer after each failed attempt, up to the cap', () => {
    const { conn, timers, last } = setup();
    conn.start();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      last().drop();
      waits.push(...timers.delays());
      timers.runAll();
    }
    expect(waits).toEqual([375, 750, 1500, 3000, 3750, 3750, 3750, 3750]);
  });

  it('an attempt that reaches the server resets the backoff', () => {
    const { conn, timers, last } = setup();
    conn.start();
    for (let i = 0; i < 4; i++) {
      last().drop();
      timers.runAll();
    }
    openAndHello(last);
    last().drop();
    expect(timers.delays()).toEqual([375]);
  });
});

describe('handshake', () => {
  it('sends hello with the token and lastSeq first, and is online after its ack', () => {
    const { conn, last, events } = setup();
    conn.start();
    expect(conn.status).toBe('connecting');
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', id: 'id1', token: 'K7QX2M.secret', lastSeq: 41 }]);
    expect(conn.status).toBe('connecting');
    last().ack('hello', { you });
    expect(conn.status).toBe('online');
    expect(events.status).toEqual(['online']);
  });

  it('takes over a socket that is open already (the early socket): hello goes at once', async () => {
    const { conn, last, sockets } = setup({ openSockets: true });
    conn.start();
    await Promise.resolve();
    expect(sockets.length).toBe(1);
    expect(last().sent).toEqual([{ type: 'hello', id: 'id1', token: 'K7QX2M.secret', lastSeq: 41 }]);
    last().ack('hello', { you });
    expect(conn.status).toBe('online');
  });

  it('passes the own ballots of the hello ack on, and requests a vote', async () => {
    const got: unknown[] = [];
    const { conn, last } = setup({ listener: { hello: (_you, ballots) => got.push(ballots) } });
    conn.start();
    last().open();
    last().ack('hello', { you, ballots: { '1': { '17': 2 } } });
    expect(got).toEqual([{ '1': { '17': 2 } }]);
    const answer = conn.request<'vote'>({ type: 'vote', round: 1, item: 17, votes: 3 });
    expect(last().sent[last().sent.length - 1]).toMatchObject({ type: 'vote', round: 1, item: 17, votes: 3 });
    expect(conn.pending()).toEqual([]); // a request, not the offline idea queue
    last().ack('vote', { spent: 3, budget: 5 });
    await expect(answer).resolves.toEqual({ spent: 3, budget: 5 });
  });

  it('without a token it sends nothing and is online at once', () => {
    const { conn, last } = setup({ token: null });
    conn.start();
    last().open();
    expect(last().sent).toEqual([]);
    expect(conn.status).toBe('online');
  });

  it('authenticates an admin before anything else', async () => {
    const { conn, last } = setup({ token: null });
    conn.setAdminSecret('s3cret');
    conn.start();
    const list = conn.request<'list_events'>({ type: 'list_events' });
    last().open();
    expect(last().sent.map((c) => c.type)).toEqual(['auth_admin']);
    last().ack('auth_admin');
    expect(last().sent.map((c) => c.type)).toEqual(['auth_admin', 'list_events']);
    last().ack('list_events', { events: [] });
    await expect(list).resolves.toEqual({ events: [] });
  });

  it('a refused token drops the identity and the queue', () => {
    const rejected: string[] = [];
    const { conn, last } = setup({ listener: { identityRejected: (c) => rejected.push(c) } });
    conn.submit({ type: 'post_idea', track: 1, text: 'x', anonymous: false });
    conn.start();
    last().open();
    last().receive({ type: 'error', id: 'id2', code: 'bad_token' });
    expect(rejected).toEqual(['bad_token']);
    expect(conn.identity).toBeNull();
    expect(conn.pending()).toEqual([]);
    expect(conn.status).toBe('online');
  });

  it('a member removed from the event drops the identity and the queue and stops for good', () => {
    const rejected: string[] = [];
    const { conn, last, sockets, timers } = setup({ listener: { identityRejected: (c) => rejected.push(c) } });
    conn.start();
    openAndHello(last);
    conn.submit({ type: 'post_idea', track: 1, text: 'x', anonymous: false });
    last().receive({ type: 'error', code: 'removed', message: 'You were removed from this event.' });
    expect(rejected).toEqual(['removed']);
    expect(conn.identity).toBeNull();
    expect(conn.pending()).toEqual([]);
    expect(last().readyState).toBe(3);
    expect(timers.jobs.size).toBe(0);
    expect(sockets).toHaveLength(1);
  });

  it.each(['revoked', 'event_deleted'])('a %s link stops the connection for good too', (code) => {
    const rejected: string[] = [];
    const { conn, last, sockets, timers } = setup({ listener: { identityRejected: (c) => rejected.push(c) } });
    conn.start();
    openAndHello(last);
    last().receive({ type: 'error', code, message: 'gone' });
    expect(rejected).toEqual([code]);
    expect(conn.identity).toBeNull();
    expect(last().readyState).toBe(3);
    expect(timers.jobs.size).toBe(0);
    expect(sockets).toHaveLength(1);
  });

  it('passes state messages on, in order, from multi-message frames', () => {
    const { conn, last, events } = setup();
    conn.start();
    last().open();
    last().receive(
      { type: 'ack', id: 'id1', result: { you } },
      { type: 'changes', from: 41, seq: 41, changes: [] },
      { type: 'change', seq: 42, kind: 'idea_deleted', idea: 3 },
    );
    expect(conn.status).toBe('online');
    expect(events.messages).toEqual(['changes', 'change']);
  });
});

describe('pending queue', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
  });

  it('keeps commands sent while offline in order, in storage too', () => {
    const { conn, last } = setup({ storage });
    conn.start();
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'one', anonymous: false });
    const b = conn.submit({ type: 'edit_idea', idea: 3, text: 'two' });
    expect(last().sent).toEqual([]);
    expect(conn.pending().map((c) => c.id)).toEqual([a.id, b.id]);
    const stored = JSON.parse(storage.getItem('roundtable.pending.K7QX2M') as string);
    expect(stored).toEqual([a, b]);
  });

  it('re-sends them only after the hello ack, with the same ids, in order', () => {
    const { conn, last } = setup({ storage });
    conn.start();
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'one', anonymous: true });
    const b = conn.submit({ type: 'delete_idea', idea: 3 });
    last().open();
    expect(last().sent.map((c) => c.type)).toEqual(['hello']);
    last().ack('hello', { you });
    expect(last().sent.slice(1)).toEqual([a, b]);
  });

  it('survives a reload: a new connection on the same storage sends them', () => {
    const first = setup({ storage });
    first.conn.start();
    const a = first.conn.submit({ type: 'post_idea', track: 1, text: 'typed offline', anonymous: false });
    first.conn.stop();

    const second = setup({ storage });
    expect(second.conn.pending()).toEqual([a]);
    second.conn.start();
    openAndHello(second.last);
    expect(second.last().sent[1]).toEqual(a);
  });

  it('removes a command on its ack, and on its error (reporting it)', () => {
    const { conn, last, events } = setup({ storage });
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'one', anonymous: false });
    const b = conn.submit({ type: 'edit_idea', idea: 9, text: 'two' });
    expect(last().sent.slice(1)).toEqual([a, b]); // online: sent at once
    last().receive({ type: 'ack', id: a.id, result: { idea: 17 } });
    expect(conn.pending()).toEqual([b]);
    last().receive({ type: 'error', id: b.id, code: 'not_author', message: 'no' });
    expect(conn.pending()).toEqual([]);
    expect(events.failed).toEqual([[b.id, 'not_author']]);
    expect(storage.getItem('roundtable.pending.K7QX2M')).toBe('[]');
  });

  it('tells the idea id of an acknowledged post before the post leaves the queue', () => {
    const told: [string, number, number][] = [];
    const { conn, last } = setup({
      storage,
      listener: { posted: (command, idea) => told.push([command.id, idea, conn.pending().length]) },
    });
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'same', anonymous: false });
    const b = conn.submit({ type: 'post_idea', track: 1, text: 'same', anonymous: false });
    const c = conn.submit({ type: 'hide_idea', idea: 2 });
    last().receive({ type: 'ack', id: b.id, result: { idea: 18 } });
    last().receive({ type: 'ack', id: a.id, result: { idea: 17 } });
    last().receive({ type: 'ack', id: c.id });
    // Each post with its own idea, told while it was still pending.
    expect(told).toEqual([
      [b.id, 18, 3],
      [a.id, 17, 2],
    ]);
  });

  it('re-sends unanswered commands after a reconnect with their original ids', () => {
    const { conn, last, timers, sockets } = setup({ storage });
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'lost ack', anonymous: false });
    last().drop();
    expect(conn.status).toBe('reconnecting');
    timers.runAll();
    expect(sockets).toHaveLength(2);
    openAndHello(last);
    expect(last().sent.slice(1)).toEqual([a]);
    last().ack('post_idea', { idea: 17 });
    expect(conn.pending()).toEqual([]);
  });

  it('reports the commands re-sent after a lost answer as resent until answered; never one queued offline', () => {
    const told: string[][] = [];
    const { conn, last, timers } = setup({ storage, listener: { pending: (_list, resent) => told.push(resent) } });
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'lost ack', anonymous: false });
    expect(conn.resent()).toEqual([]);
    last().drop();
    // Offline: queued, never sent.
    const b = conn.submit({ type: 'post_idea', track: 1, text: 'typed offline', anonymous: false });
    expect(conn.resent()).toEqual([]);
    timers.runAll();
    openAndHello(last);
    expect(last().sent.slice(1)).toEqual([a, b]);
    expect(conn.resent()).toEqual([a.id]);
    expect(told[told.length - 1]).toEqual([a.id]);
    last().receive({ type: 'ack', id: a.id, result: { idea: 17 } });
    expect(conn.resent()).toEqual([]);
    expect(told[told.length - 1]).toEqual([]);
    // Lost again before its answer: resent no more while offline.
    last().drop();
    expect(conn.resent()).toEqual([]);
  });

  it('takes the commands an earlier page left in storage as possibly applied, once sent', () => {
    const first = setup({ storage });
    first.conn.start();
    openAndHello(first.last);
    const a = first.conn.submit({ type: 'post_idea', track: 1, text: 'sent, then reloaded', anonymous: false });
    first.conn.stop();
    const second = setup({ storage });
    second.conn.start();
    expect(second.conn.resent()).toEqual([]);
    openAndHello(second.last);
    expect(second.conn.resent()).toEqual([a.id]);
  });

  it('keeps a command refused for a passing reason and tries it again', () => {
    const { conn, last, timers, events } = setup({ storage });
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'busy', anonymous: false });
    last().receive({ type: 'error', id: a.id, code: 'rate_limited' });
    expect(conn.pending()).toEqual([a]);
    expect(events.failed).toEqual([]);
    timers.runAll();
    expect(last().sent.filter((c) => c.id === a.id)).toHaveLength(2);
  });

  it('does not send the same command twice on one socket', () => {
    const { conn, last } = setup({ storage });
    conn.start();
    const a = conn.submit({ type: 'hide_idea', idea: 1 });
    openAndHello(last);
    conn.setIdentity('K7QX2M.secret', () => 41); // flushes again
    expect(last().sent.filter((c) => c.id === a.id)).toHaveLength(1);
  });
});

describe('requests and status', () => {
  it('waits for the connection, then resolves with the result', async () => {
    const { conn, last } = setup({ token: null });
    conn.start();
    const info = conn.request<'event_info'>({ type: 'event_info', code: 'K7QX2M' });
    last().open();
    last().ack('event_info', { event: { id: 1 } });
    await expect(info).resolves.toEqual({ event: { id: 1 } });
  });

  it('rejects with the error code', async () => {
    const { conn, last } = setup({ token: null });
    conn.start();
    last().open();
    const info = conn.request<'event_info'>({ type: 'event_info', code: 'NOPE00' });
    last().receive({ type: 'error', id: 'id1', code: 'bad_code' });
    await expect(info).rejects.toEqual(new CommandError('bad_code'));
  });

  it('re-sends a read after a reconnect; a join fails with connection_lost', async () => {
    const { conn, last, timers } = setup({ token: null });
    conn.start();
    last().open();
    const info = conn.request<'event_info'>({ type: 'event_info', code: 'K7QX2M' });
    const join = conn.request<'join'>({
      type: 'join',
      code: 'K7QX2M',
      name: 'Ana',
      organisation: '',
      group: 'other',
      track: 1,
      credit: false,
    });
    last().drop();
    await expect(join).rejects.toMatchObject({ code: 'connection_lost' });
    timers.runAll();
    last().open();
    expect(last().sent.map((c) => c.type)).toEqual(['event_info']);
    last().ack('event_info', { event: { id: 1 } });
    await expect(info).resolves.toEqual({ event: { id: 1 } });
  });

  it('reads offline after repeated failures, or at once when the browser is offline', () => {
    const { conn, last, timers } = setup();
    conn.start();
    openAndHello(last);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      last().drop();
      seen.push(conn.status);
      timers.runAll();
    }
    expect(seen).toEqual(['reconnecting', 'reconnecting', 'reconnecting', 'offline']);

    const env = new FakeEnvironment();
    const b = setup({ env });
    b.conn.start();
    openAndHello(b.last);
    env.online = false; // no event (yet)
    b.last().drop();
    expect(b.conn.status).toBe('offline');
  });

  it('stop closes the socket and schedules nothing', () => {
    const { conn, last, timers } = setup();
    conn.start();
    openAndHello(last);
    conn.stop();
    expect(last().readyState).toBe(3);
    expect(timers.jobs.size).toBe(0);
  });
});

describe('liveness: heartbeat', () => {
  function pings(socket: FakeSocket) {
    return socket.sent.filter((c) => c.type === 'ping');
  }

  it('sends ping (without id) after 4 s without a frame, not before', () => {
    const { conn, last, timers } = setup();
    conn.start();
    openAndHello(last);
    timers.advance(3_900);
    expect(pings(last())).toEqual([]);
    timers.advance(100);
    expect(pings(last())).toEqual([{ type: 'ping' }]);
  });

  it('any frame counts as life and puts the ping off', () => {
    const { conn, last, timers } = setup();
    conn.start();
    openAndHello(last);
    for (let i = 0; i < 10; i++) {
      timers.advance(3_000);
      last().receive({ type: 'presence', connected: 1, byTrack: {} });
    }
    expect(pings(last())).toEqual([]);
    expect(conn.status).toBe('online');
  });

  it('a socket silent for 8 s is closed as dead and a reconnect starts', () => {
    const { conn, last, timers, sockets, events } = setup();
    conn.start();
    openAndHello(last);
    const first = last();
    timers.advance(7_999);
    expect(first.readyState).toBe(1);
    timers.advance(1);
    expect(first.readyState).toBe(3);
    expect(conn.status).toBe('reconnecting');
    expect(events.status).toEqual(['online', 'reconnecting']);
    expect(timers.delays()).toEqual([375]);
    timers.advance(375);
    expect(sockets).toHaveLength(2);
    openAndHello(last);
    expect(conn.status).toBe('online');
  });

  it('pong keeps a quiet connection alive', () => {
    const { conn, last, timers, sockets } = setup();
    conn.start();
    openAndHello(last);
    let answered = 0;
    for (let i = 0; i < 30; i++) {
      timers.advance(1_000);
      // The server answers each ping once, a second later.
      if (pings(last()).length > answered) {
        answered++;
        last().receive({ type: 'pong' });
      }
    }
    expect(pings(last()).length).toBeGreaterThanOrEqual(5);
    expect(sockets).toHaveLength(1);
    expect(last().readyState).toBe(1);
    expect(conn.status).toBe('online');
  });

  it('a server that does not know ping yet still answers it: its error is life, and not logged', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { conn, last, timers, sockets } = setup();
      conn.start();
      openAndHello(last);
      for (let i = 0; i < 5; i++) {
        timers.advance(4_000);
        expect(pings(last())).toHaveLength(i + 1);
        last().receive({ type: 'error', code: 'bad_command', message: 'Field "id" must be a string.' });
      }
      timers.advance(7_000);
      expect(sockets).toHaveLength(1);
      expect(conn.status).toBe('online');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('runs only while a socket is open: nothing is pinged on a connecting socket', () => {
    const { conn, last, timers } = setup();
    conn.start();
    timers.advance(9_000);
    expect(last().sent).toEqual([]);
    conn.stop();
    expect(timers.jobs.size).toBe(0);
  });

  it('a late timer (a hidden page) pings first instead of giving a live socket up', () => {
    const { conn, last, timers, sockets } = setup();
    conn.start();
    openAndHello(last);
    timers.time += 60_000; // the page slept; no timer ran
    timers.runAll();
    expect(pings(last())).toHaveLength(1);
    expect(last().readyState).toBe(1);
    timers.advance(500);
    last().receive({ type: 'pong' });
    timers.advance(5_000);
    expect(sockets).toHaveLength(1);
    expect(conn.status).toBe('online');
  });

  it('gives up a socket that does not open within 10 s and tries again', () => {
    const { conn, timers, sockets } = setup();
    conn.start();
    timers.advance(10_000);
    expect(sockets[0]?.readyState).toBe(3);
    timers.runAll();
    expect(sockets).toHaveLength(2);
  });

  it('re-sends pending commands, with their ids, after a reconnect caused by silence', () => {
    const { conn, last, timers } = setup();
    conn.start();
    openAndHello(last);
    const a = conn.submit({ type: 'post_idea', track: 1, text: 'into the void', anonymous: false });
    expect(last().sent).toContainEqual(a);
    timers.advance(8_000);
    expect(conn.pending()).toEqual([a]);
    expect(conn.resent()).toEqual([]);
    timers.runAll();
    openAndHello(last);
    expect(last().sent.slice(1)).toEqual([a]);
    expect(conn.resent()).toEqual([a.id]);
    last().ack('post_idea', { idea: 3 });
    expect(conn.pending()).toEqual([]);
  });

  it('tells open sections lost and ready, as a real close does', async () => {
    const { conn, last, timers } = setup();
    const log: string[] = [];
    conn.attachSection(4, 2, {
      ready: () => log.push('ready'),
      lost: () => log.push('lost'),
      updates: () => {},
      presence: () => {},
    });
    conn.start();
    openAndHello(last);
    const push = conn.request<'push'>({ type: 'push', proposal: 4, section: 2, version: 3, updates: [] });
    timers.advance(8_000);
    expect(log).toEqual(['ready', 'lost']);
    await expect(push).rejects.toMatchObject({ code: 'connection_lost' });
    timers.runAll();
    openAndHello(last);
    expect(log).toEqual(['ready', 'lost', 'ready']);
  });
});

describe('liveness: browser signals', () => {
  it('offline: the status reads offline at once, the socket is closed, no attempts follow', () => {
    const { conn, last, timers, sockets, env, events } = setup();
    conn.start();
    openAndHello(last);
    env.goOffline();
    expect(conn.status).toBe('offline');
    expect(events.status).toEqual(['online', 'offline']);
    expect(last().readyState).toBe(3);
    timers.advance(29_000);
    expect(sockets).toHaveLength(1);
    expect(conn.status).toBe('offline');
  });

  it('offline from the start: no attempt, offline at once', () => {
    const env = new FakeEnvironment();
    env.online = false;
    const { conn, sockets } = setup({ env });
    conn.start();
    expect(sockets).toHaveLength(0);
    expect(conn.status).toBe('offline');
  });

  it('offline for long: a probe every 30 s in case the browser is wrong', () => {
    const { conn, last, timers, sockets, env } = setup();
    conn.start();
    openAndHello(last);
    env.goOffline();
    timers.advance(30_000);
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(timers.delays()).toEqual([30_000]);
    expect(conn.status).toBe('offline');
  });

  it('online: reconnects at once, without the backoff, which starts afresh', () => {
    const { conn, last, timers, sockets, env } = setup();
    conn.start();
    openAndHello(last);
    for (let i = 0; i < 5; i++) {
      last().drop();
      timers.runAll();
    }
    expect(timers.delays()).toEqual([10_000]); // the connect timeout of attempt 6
    env.goOffline();
    const before = sockets.length;
    env.goOnline();
    expect(sockets).toHaveLength(before + 1);
    expect(timers.delays()).toEqual([10_000]);
    last().drop();
    expect(timers.delays()).toEqual([375]);
  });

  it('online while a probe hangs: gives it up and opens a fresh socket', () => {
    const { conn, timers, sockets, env } = setup();
    conn.start();
    env.goOffline();
    timers.advance(30_000);
    const probe = sockets[sockets.length - 1] as FakeSocket;
    env.goOnline();
    expect(probe.readyState).toBe(3);
    expect(sockets[sockets.length - 1]).not.toBe(probe);
  });

  it('shown again with an open socket: pings at once, and gives it up 4 s later without an answer', () => {
    const { conn, last, timers, env } = setup();
    conn.start();
    openAndHello(last);
    timers.advance(2_000);
    env.show(false);
    env.show(true);
    expect(last().sent[last().sent.length - 1]).toEqual({ type: 'ping' });
    const socket = last();
    timers.advance(3_999);
    expect(socket.readyState).toBe(1);
    timers.advance(1);
    expect(socket.readyState).toBe(1); // heard 6 s ago: the 8 s of silence are not up
    timers.advance(2_000);
    expect(socket.readyState).toBe(3);
    expect(conn.status).toBe('reconnecting');
  });

  it('shown again after a long sleep: a dead socket is found within 4 s', () => {
    const { conn, last, timers, env } = setup();
    conn.start();
    openAndHello(last);
    env.show(false);
    timers.time += 120_000; // asleep: no timer ran
    env.show(true);
    const socket = last();
    expect(socket.sent[socket.sent.length - 1]).toEqual({ type: 'ping' });
    timers.advance(4_000);
    expect(socket.readyState).toBe(3);
  });

  it('shown again while waiting to reconnect: reconnects at once', () => {
    const { conn, last, timers, sockets, env } = setup();
    conn.start();
    openAndHello(last);
    env.show(false);
    last().drop();
    expect(timers.delays()).toEqual([15_000]); // hidden: no hurry
    env.show(true);
    expect(sockets).toHaveLength(2);
    expect(timers.delays()).toEqual([10_000]);
  });

  it('stop removes its listeners', () => {
    const { conn, env } = setup();
    conn.start();
    conn.stop();
    expect([...env.listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});

describe('prompt return', () => {
  it.each([0, 0.5, 1])('is back within 5 s of a server that returns after a 30 s outage (jitter %s)', (r) => {
    const { conn, last, timers, sockets } = setup({ random: () => r });
    conn.start();
    openAndHello(last);
    last().drop();
    const serverBackAt = timers.time + 30_000;
    // Down: every attempt is refused at once.
    while (timers.time < serverBackAt) {
      timers.runAll();
      if (timers.time < serverBackAt) last().drop();
    }
    const attempts = sockets.length;
    openAndHello(last);
    expect(conn.status).toBe('online');
    expect(timers.time - serverBackAt).toBeLessThanOrEqual(5_000);
    expect(attempts).toBeLessThan(20);
  });
});

describe('server clock', () => {
  function clocked() {
    let local = 1_000_000;
    const offsets: number[] = [];
    const setupResult = setup({ now: () => local, listener: { clock: (o) => offsets.push(o) } });
    return { ...setupResult, offsets, setLocal: (t: number) => (local = t) };
  }

  it('takes the offset from the hello ack', () => {
    const { conn, last, offsets } = clocked();
    conn.start();
    last().open();
    last().ack('hello', { you, serverTime: 1_005_000 });
    expect(offsets).toEqual([5_000]);
  });

  it('takes it from the join ack, a server behind the local clock gives a negative offset', async () => {
    const { conn, last, offsets } = clocked();
    conn.setIdentity(null);
    conn.start();
    last().open();
    const join = conn.request<'join'>({
      type: 'join',
      code: 'K7QX2M',
      name: 'Ana',
      organisation: '',
      group: 'other',
      track: 1,
      credit: false,
    });
    last().ack('join', { token: 'K7QX2M.t', you, serverTime: 997_500 });
    await join;
    expect(offsets).toEqual([-2_500]);
  });

  it('refreshes it from each live agenda_changed, never from a replayed backlog', () => {
    const { conn, last, offsets, setLocal } = clocked();
    conn.start();
    last().open();
    last().ack('hello', { you, serverTime: 1_000_000 });
    const agenda = {
      phases: [{ kind: 'ideation', title: 'Ideas', minutes: 45 }],
      current: 0,
      running: true,
      autoAdvance: false,
      extraMs: 0,
      endsAt: 3_700_000,
      remainingMs: null,
    };
    last().receive({
      type: 'changes',
      from: 41,
      seq: 42,
      changes: [{ type: 'change', seq: 42, kind: 'agenda_changed', agenda, serverTime: 10 }],
    });
    expect(offsets).toEqual([0]);
    setLocal(2_000_000);
    last().receive({ type: 'change', seq: 43, kind: 'agenda_changed', agenda, serverTime: 2_000_300 });
    expect(offsets).toEqual([0, 300]);
  });

  it('ignores a hello ack without serverTime (an older server)', () => {
    const { conn, last, offsets } = clocked();
    conn.start();
    last().open();
    last().ack('hello', { you });
    expect(offsets).toEqual([]);
  });
});

describe('open sections', () => {
  function recorder() {
    const log: string[] = [];
    const handler = {
      ready: () => log.push('ready'),
      lost: () => log.push('lost'),
      updates: (m: { version: number }) => log.push(`updates ${m.version}`),
      presence: (m: { editors: unknown[] }) => log.push(`presence ${m.editors.length}`),
    };
    return { log, handler };
  }

  it('tells a section it is ready only after the hello ack, and again after every reconnect', () => {
    const { conn, last, timers } = setup();
    const a = recorder();
    conn.attachSection(4, 2, a.handler);
    conn.start();
    last().open();
    expect(a.log).toEqual([]);
    last().ack('hello', { you });
    expect(a.log).toEqual(['ready']);
    last().drop();
    expect(a.log).toEqual(['ready', 'lost']);
    timers.runAll();
    openAndHello(last);
    expect(a.log).toEqual(['ready', 'lost', 'ready']);
  });

  it('a section attached while online is ready at once', () => {
    const { conn, last } = setup();
    conn.start();
    openAndHello(last);
    expect(conn.isReady).toBe(true);
    const a = recorder();
    conn.attachSection(4, 2, a.handler);
    expect(a.log).toEqual(['ready']);
  });

  it('routes section_updates and section_presence to their section only, not to the store', () => {
    const { conn, last, events } = setup();
    const a = recorder();
    const b = recorder();
    conn.attachSection(4, 2, a.handler);
    conn.attachSection(4, 3, b.handler);
    conn.start();
    openAndHello(last);
    last().receive(
      {
        type: 'section_updates',
        proposal: 4,
        section: 2,
        version: 13,
        updates: [{ clientID: 'k', changes: [5, [0, 'x'], 3] }],
      },
      {
        type: 'section_presence',
        proposal: 4,
        section: 3,
        editors: [{ member: 5, name: 'Ana', anchor: 1, head: 1, version: 2 }],
      },
      { type: 'section_updates', proposal: 9, section: 0, version: 1, updates: [] },
    );
    expect(a.log).toEqual(['ready', 'updates 13']);
    expect(b.log).toEqual(['ready', 'presence 1']);
    expect(events.messages).toEqual([]);
  });

  it('detaching stops the routing; a second handler for the same section replaces the first', () => {
    const { conn, last } = setup();
    const a = recorder();
    const b = recorder();
    const detachA = conn.attachSection(4, 2, a.handler);
    conn.start();
    openAndHello(last);
    conn.attachSection(4, 2, b.handler);
    detachA(); // no effect on b
    last().receive({ type: 'section_updates', proposal: 4, section: 2, version: 1, updates: [] });
    expect(a.log).toEqual(['ready']);
    expect(b.log).toEqual(['ready', 'updates 1']);
  });

  it('sends section commands as requests and fails them when the socket drops', async () => {
    const { conn, last } = setup();
    conn.start();
    openAndHello(last);
    const open = conn.request<'open_section'>({ type: 'open_section', proposal: 4, section: 2, version: null });
    const sent = last().sent[last().sent.length - 1];
    expect(sent).toMatchObject({ type: 'open_section', proposal: 4, section: 2, version: null });
    last().ack('open_section', { version: 3, text: 'abc' });
    await expect(open).resolves.toEqual({ version: 3, text: 'abc' });
    const push = conn.request<'push'>({ type: 'push', proposal: 4, section: 2, version: 3, updates: [] });
    last().drop();
    await expect(push).rejects.toMatchObject({ code: 'connection_lost' });
  });
});
