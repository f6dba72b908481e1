// A co-editing peer for black-box tests over a real WebSocket Client: the web client's collab
// logic (web/src/collab/collabState.ts, here in plain JavaScript on @codemirror/state, no view).
// Every local update says whether it `continues` the peer's run of typing (its one insertion
// starts where the peer's previous insertion ended); accepted updates are received one at a
// time, and where an unconfirmed update and a received one insert at one position the
// unconfirmed text goes first exactly when it continues and the received one does not.
import { ChangeSet, EditorState } from '@codemirror/state';

// The tie rule (collabState.ts `lateGoesFirst`, server/domain/collab.hpp `late_goes_first`).
export const lateGoesFirst = (lateContinues, acceptedContinues) => lateContinues && !acceptedContinues;

// Whether `changes` is one insertion (replacing nothing) that starts at `runEnd`.
export function continuesRun(changes, runEnd) {
  if (runEnd === null) return false;
  let ranges = 0;
  let fits = false;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    ranges += 1;
    fits = fromA === toA && fromA === runEnd && inserted.length > 0;
  });
  return ranges === 1 && fits;
}

// Where the run ends after `changes`: after the peer's own single insertion, else mapped with
// text inserted exactly at its end placed after it (someone else's text never joins the run).
export function runEndAfter(changes, runEnd, own) {
  if (own) {
    let ranges = 0;
    let end = 0;
    let inserts = false;
    changes.iterChanges((_fromA, _toA, _fromB, toB, inserted) => {
      ranges += 1;
      end = toB;
      inserts = inserted.length > 0;
    });
    if (ranges === 1 && inserts) return end;
    if (ranges > 1) return null;
  }
  return runEnd === null ? null : changes.mapPos(runEnd, -1);
}

export class Peer {
  // Opens the section and starts from the server's text. `markRuns: false` never marks an
  // update as continuing (the rule before runs existed), to show what the tests catch.
  static async open(client, proposal, section, clientID, { markRuns = true } = {}) {
    const peer = new Peer(client, proposal, section, clientID, markRuns);
    const opened = await client.ok({ type: 'open_section', proposal, section, version: null });
    peer.state = EditorState.create({ doc: opened.text });
    peer.version = opened.version;
    peer.seen = client.messages.length;
    return peer;
  }

  constructor(client, proposal, section, clientID, markRuns = true) {
    Object.assign(this, { client, proposal, section, clientID, markRuns });
    this.unconfirmed = []; // local updates not confirmed yet: { clientID, changes, continues }
    this.runEnd = null; // where this peer's run of typing ends, or null
    this.refusals = [];
  }

  get text() {
    return this.state.doc.toString();
  }
  get unsent() {
    return this.unconfirmed.length;
  }

  // The unconfirmed updates as a push carries them.
  updatesJSON() {
    return this.unconfirmed.map((u) => ({
      clientID: u.clientID,
      changes: u.changes.toJSON(),
      ...(u.continues ? { continues: true } : {}),
    }));
  }

  // A local edit; returns the position after the inserted text.
  insert(pos, text) {
    return this.replace(pos, pos, text);
  }

  // A local edit replacing the text from `from` to `to` (clamped to the text) with `text`;
  // returns the position after the inserted text. Only a pure insertion can continue a run.
  replace(from, to, text) {
    const length = this.state.doc.length;
    const start = Math.min(from, length);
    const end = Math.min(Math.max(to, start), length);
    const changes = ChangeSet.of({ from: start, to: end, insert: text }, length);
    this.state = this.state.update({ changes }).state;
    const continues = this.markRuns && continuesRun(changes, this.runEnd);
    this.unconfirmed.push({ clientID: this.clientID, changes, continues });
    this.runEnd = runEndAfter(changes, this.runEnd, true);
    return start + text.length;
  }

  // Applies every section_updates message received since the last call.
  receive() {
    const msgs = this.client.messages;
    for (; this.seen < msgs.length; this.seen += 1) {
      const m = msgs[this.seen];
      if (m.type !== 'section_updates' || m.proposal !== this.proposal || m.section !== this.section) continue;
      if (m.version > this.version) throw new Error(`gap: at ${this.version}, got updates from ${m.version}`);
      this.apply(m.updates.slice(this.version - m.version));
    }
  }

  // One update at a time, as the server rebases a late push over each accepted update in turn.
  // `onChange(changes)` sees every change applied to the text (to map a caret).
  apply(updates) {
    for (const u of updates) {
      this.version += 1;
      if (this.unconfirmed.length && u.clientID === this.clientID) {
        this.unconfirmed.shift();
        continue;
      }
      let changes = ChangeSet.fromJSON(u.changes);
      const theirs = u.continues === true;
      this.unconfirmed = this.unconfirmed.map((mine) => {
        const first = lateGoesFirst(mine.continues, theirs);
        const mapped = mine.changes.map(changes, first);
        changes = changes.map(mine.changes, !first);
        return { ...mine, changes: mapped };
      });
      this.state = this.state.update({ changes }).state;
      this.runEnd = runEndAfter(changes, this.runEnd, false);
      this.onChange?.(changes);
    }
  }

  // Pushes what is unsent; resolves with the answer. `selection` is sent along when given.
  async push(id, selection) {
    if (!this.unconfirmed.length) return null;
    const answer = await this.client.command(
      {
        type: 'push',
        proposal: this.proposal,
        section: this.section,
        version: this.version,
        updates: this.updatesJSON(),
        ...(selection ? { selection } : {}),
      },
      id,
    );
    if (answer.type === 'error') this.refusals.push(answer);
    return answer;
  }

  // After a reconnect: catch up from one's version on a new client, then push.
  async reopen(client) {
    this.client = client;
    const opened = await client.ok({
      type: 'open_section',
      proposal: this.proposal,
      section: this.section,
      version: this.version,
    });
    this.seen = client.messages.length;
    this.apply(opened.updates);
  }

  // Pushes and receives until nothing is unsent and the peer holds `version` (or more).
  async settle(version = 0, rounds = 200) {
    for (let i = 0; i < rounds; i += 1) {
      this.receive();
      if (this.unsent) await this.push();
      this.receive();
      if (!this.unsent && this.version >= version) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`peer ${this.clientID} did not settle: version ${this.version}, unsent ${this.unsent}`);
  }
}
