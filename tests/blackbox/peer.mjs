// A co-editing peer for black-box tests: CodeMirror's own collab client logic
// (@codemirror/state + @codemirror/collab, no view) over a real WebSocket Client.
import { ChangeSet, EditorState } from '@codemirror/state';
import { collab, getSyncedVersion, receiveUpdates, sendableUpdates } from '@codemirror/collab';

export class Peer {
  // Opens the section and starts from the server's text.
  static async open(client, proposal, section, clientID) {
    const peer = new Peer(client, proposal, section, clientID);
    const opened = await client.ok({ type: 'open_section', proposal, section, version: null });
    peer.state = EditorState.create({
      doc: opened.text,
      extensions: [collab({ startVersion: opened.version, clientID })],
    });
    peer.seen = client.messages.length;
    return peer;
  }

  constructor(client, proposal, section, clientID) {
    Object.assign(this, { client, proposal, section, clientID });
    this.pushing = null;
    this.refusals = [];
  }

  get text() { return this.state.doc.toString(); }
  get version() { return getSyncedVersion(this.state); }
  get unsent() { return sendableUpdates(this.state).length; }

  insert(pos, text) {
    this.state = this.state.update({ changes: { from: Math.min(pos, this.state.doc.length), insert: text } }).state;
  }

  // Applies every section_updates message received since the last call.
  receive() {
    const msgs = this.client.messages;
    for (; this.seen < msgs.length; this.seen += 1) {
      const m = msgs[this.seen];
      if (m.type !== 'section_updates' || m.proposal !== this.proposal || m.section !== this.section) continue;
      if (m.version !== this.version) {
        if (m.version + m.updates.length <= this.version) continue;  // already had them
        throw new Error(`gap: at ${this.version}, got updates from ${m.version}`);
      }
      this.apply(m.updates);
    }
  }

  // One update at a time: the server rebases a late push over each accepted update in turn,
  // and receiving in the same steps keeps the client's text equal to the server's.
  apply(updates) {
    for (const u of updates) {
      this.state = receiveUpdates(this.state, [{ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientID }]).state;
    }
  }

  // Pushes what is unsent (one push in flight); resolves with the answer.
  async push(id) {
    const updates = sendableUpdates(this.state);
    if (!updates.length) return null;
    const answer = await this.client.command({
      type: 'push', proposal: this.proposal, section: this.section, version: this.version,
      updates: updates.map((u) => ({ clientID: u.clientID, changes: u.changes.toJSON() })),
    }, id);
    if (answer.type === 'error') this.refusals.push(answer);
    return answer;
  }

  // After a reconnect: catch up from one's version on a new client, then push.
  async reopen(client) {
    this.client = client;
    const opened = await client.ok({
      type: 'open_section', proposal: this.proposal, section: this.section, version: this.version,
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
