// link.mjs: one WebSocket to the server for the crash rounds. It matches answers to commands
// by id, keeps only the messages its owner asks for, and fails every unanswered request the
// moment the connection is lost (a kill -9 of the server), so that the owner knows which
// commands are in doubt.
//
// Thousands of ideas reach every participant, and a snapshot after a restart holds them all:
// a line is parsed only when it is an answer or a kept message. A quote inside a string value
// is escaped, so `"type":"ack"` unescaped in a line is a key and its value: an answer starts
// with it (`{"type":"ack"`) or, when its keys are written in sorted order, ends with it.
import WebSocket from 'ws';

// Whether the line is an answer to a command (an ack or an error).
export function isAnswer(line) {
  return (
    line.startsWith('{"type":"ack"') ||
    line.startsWith('{"type":"error"') ||
    line.endsWith('"type":"ack"}') ||
    line.endsWith('"type":"error"}')
  );
}

// Whether the line holds `"type":"<type>"`: for messages of which no other carries one nested.
export function hasType(line, type) {
  return line.includes(`"type":"${type}"`);
}

// Thrown for a request whose answer was lost with the connection: the command may or may not
// have been applied.
export class LinkLost extends Error {
  constructor() {
    super('the connection to the server was lost');
    this.name = 'LinkLost';
  }
}

// The number of messages kept when an answer arrived: a client that reads `messages` from
// there on sees exactly what the server sent after that answer.
export const KEPT_BEFORE = Symbol('kept before');

export class Link {
  // Opens a WebSocket to the server on `port`. `keep(line)` says whether a line that is not an
  // answer is parsed and kept in `messages`; `onKept()` runs after each frame that kept some.
  static open(port, { keep = () => false, onKept = () => {} } = {}) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { maxPayload: 512 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Link(ws, keep, onKept)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  constructor(ws, keep, onKept) {
    this.ws = ws;
    this.keep = keep;
    this.onKept = onKept;
    this.messages = [];
    this.waiting = new Map(); // command id -> { resolve, reject }
    this.lost = false;
    this.deaf = false;
    this.closed = new Promise((resolve) =>
      ws.on('close', () => {
        this.lost = true;
        const waiting = [...this.waiting.values()];
        this.waiting.clear();
        for (const w of waiting) w.reject(new LinkLost());
        resolve();
      }),
    );
    ws.on('error', () => {}); // a reset by a killed server; 'close' follows
    ws.on('message', (data) => this.take(String(data)));
  }

  get open() {
    return !this.lost && this.ws.readyState === WebSocket.OPEN;
  }

  take(frame) {
    if (this.deaf) return;
    let kept = false;
    for (const line of frame.split('\n')) {
      if (!line) continue;
      if (isAnswer(line)) {
        const answer = JSON.parse(line);
        const w = this.waiting.get(answer.id);
        if (!w) continue; // an answer nobody waits for (a request sent twice on one link)
        this.waiting.delete(answer.id);
        answer[KEPT_BEFORE] = this.messages.length;
        w.resolve(answer);
      } else if (this.keep(line)) {
        this.messages.push(JSON.parse(line));
        kept = true;
      }
    }
    if (kept) this.onKept();
  }

  // Sends `cmd` with `id`; resolves with its `ack` or `error`, rejects with LinkLost when the
  // connection is lost first (also when it is already lost: nothing is sent then).
  request(cmd, id) {
    if (!this.open) return Promise.reject(new LinkLost());
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...cmd, id }));
    });
  }

  // The same, for a command that must succeed: the ack's result, or an Error naming the code.
  async ok(cmd, id) {
    const answer = await this.request(cmd, id);
    if (answer.type !== 'ack') throw new Error(`${cmd.type} refused: ${answer.code} ${answer.message}`);
    return answer.result ?? {};
  }

  // From now on everything the server sends is dropped, as when answers are lost with a
  // connection that is about to die: requests stay unanswered until the connection is lost.
  deafen() {
    this.deaf = true;
  }

  close() {
    this.ws.close();
    return this.closed;
  }
}
