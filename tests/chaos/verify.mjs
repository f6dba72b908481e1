// verify.mjs: the checks after a restart, once every client has resumed and nothing is in
// flight. What the actors' records say was acknowledged is compared with two views: what the
// server shows (a facilitator's snapshot, the sections' texts and histories over the
// protocol) and the database's rows (read with the sqlite3 shell while the server runs: WAL
// readers do not block it). Every check is cumulative: an idea acknowledged in round 2 is
// looked for again after every later kill.
import { execFileSync } from 'node:child_process';
import { ChangeSet, Text } from '@codemirror/state';
import { markersIn, sleep } from './actors.mjs';
import { hasType, Link } from './link.mjs';

// Rows of a read-only query, as objects.
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 5000', db, query], {
    maxBuffer: 1 << 30,
  })
    .toString()
    .trim();
  return out ? JSON.parse(out) : [];
}

// Waits until `ready()` holds, calling it every `every` ms; false after `timeout` ms.
export async function until(ready, timeout, every = 20) {
  const deadline = Date.now() + timeout;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await sleep(every);
  }
  return true;
}

// The text that the updates (ChangeSet JSON, in order) make from the empty text.
function replay(changes) {
  let doc = Text.empty;
  for (const c of changes) doc = ChangeSet.fromJSON(c).apply(doc);
  return doc.toString();
}

// What an update (ChangeSet JSON) inserts, all ranges together.
function inserted(changes) {
  let out = '';
  ChangeSet.fromJSON(changes).iterChanges((_fa, _ta, _fb, _tb, text) => {
    out += text.toString();
  });
  return out;
}

function group(rows, key) {
  const out = new Map();
  for (const r of rows) {
    const k = key(r);
    if (!out.has(k)) out.set(k, []);
    out.get(k).push(r);
  }
  return out;
}

// A facilitator's connection and the snapshot it received (staff see every idea, hidden ones
// too, and every round's results).
async function staffView(port, token) {
  const link = await Link.open(port, { keep: (line) => hasType(line, 'snapshot') });
  await link.ok({ type: 'hello', token, lastSeq: 0 }, `check-${Date.now()}`);
  if (!(await until(() => link.messages.length > 0, 30000))) throw new Error('no snapshot for the checks');
  return { link, snapshot: link.messages[0] };
}

let checkIds = 0;
const checkId = () => `check.${++checkIds}`;

// Every idea acknowledged is stored once, under its id and author, and shown once; every idea
// refused or never sent is absent; nothing is left unanswered.
function checkIdeas({ db, event, participants, seedTexts, snapshot, findings }) {
  const rows = sql(db, `SELECT id, author_id AS author, text FROM ideas WHERE event_id = ${event.id} AND deleted = 0`);
  const stored = group(rows, (r) => r.text);
  const shown = group(snapshot.ideas, (i) => i.text);
  const sent = new Set(seedTexts);
  for (const p of participants) {
    for (const idea of p.ideas) {
      sent.add(idea.text);
      const inDb = stored.get(idea.text) ?? [];
      const inSnap = shown.get(idea.text) ?? [];
      if (inDb.length > 1 || inSnap.length > 1) {
        findings.add(
          'ideas.duplicated',
          Math.max(inDb.length, inSnap.length) - 1,
          `"${idea.text}": ${inDb.length} rows (ids ${inDb.map((r) => r.id)}), shown ${inSnap.length} times`,
        );
      }
      if (idea.state === 'acked') {
        const rowOk = inDb.some((r) => r.id === idea.id && r.author === p.member);
        const shownOk = inSnap.some((i) => i.id === idea.id);
        if (!rowOk || !shownOk) {
          findings.add(
            'ideas.lost',
            1,
            `"${idea.text}" (idea ${idea.id}, acknowledged): ${rowOk ? 'in' : 'not in'} the database, ${shownOk ? '' : 'not '}shown`,
          );
        }
      } else if (idea.state === 'refused') {
        if (inDb.length || inSnap.length)
          findings.add('ideas.phantom', 1, `"${idea.text}" was refused (${idea.code}) but is stored`);
      } else {
        findings.add('unresolved', 1, `post_idea "${idea.text}" has no answer after the resume`);
      }
    }
  }
  for (const [text, list] of stored) {
    if (!sent.has(text)) findings.add('ideas.phantom', list.length, `"${text}" is stored but was never sent`);
  }
  if (rows.length !== snapshot.ideas.length) {
    findings.add(
      'ideas.lost',
      Math.abs(rows.length - snapshot.ideas.length),
      `the database holds ${rows.length} ideas, the snapshot ${snapshot.ideas.length}`,
    );
  }
  return rows.length;
}

// Every ballot in the database is what the voter's acknowledged votes made it, within the
// round's rules; every round's totals (as staff see them) are the sum of those ballots.
function checkVotes({ db, event, participants, snapshot, findings }) {
  const rows = sql(
    db,
    `SELECT round_id AS round, member_id AS member, item_id AS item, votes FROM votes WHERE event_id = ${event.id}`,
  );
  const stored = new Map(); // round -> member -> item -> votes
  for (const r of rows) {
    if (!stored.has(r.round)) stored.set(r.round, new Map());
    const byMember = stored.get(r.round);
    if (!byMember.has(r.member)) byMember.set(r.member, new Map());
    byMember.get(r.member).set(r.item, r.votes);
  }
  const totals = new Map(); // round -> item -> votes
  const voters = new Set();
  for (const p of participants) {
    voters.add(p.member);
    for (const [id, record] of p.rounds) {
      if (p.voting?.round === id)
        findings.add('unresolved', 1, `${p.name}: a vote in round ${id} has no answer after the resume`);
      const got = stored.get(id)?.get(p.member) ?? new Map();
      const items = new Set([...record.ballot.keys(), ...got.keys()]);
      let spent = 0;
      for (const item of items) {
        const want = record.ballot.get(item) ?? 0;
        const have = got.get(item) ?? 0;
        spent += have;
        if (have > record.round.maxPerItem)
          findings.add('votes.overBudget', 1, `${p.name}: ${have} votes on ${item} in round ${id}`);
        if (have < want)
          findings.add(
            'votes.lost',
            want - have,
            `${p.name}: round ${id} item ${item}: ${have} stored, ${want} acknowledged`,
          );
        if (have > want)
          findings.add(
            'votes.duplicated',
            have - want,
            `${p.name}: round ${id} item ${item}: ${have} stored, ${want} acknowledged`,
          );
        if (!totals.has(id)) totals.set(id, new Map());
        totals.get(id).set(item, (totals.get(id).get(item) ?? 0) + want);
      }
      if (spent > record.round.budget)
        findings.add('votes.overBudget', 1, `${p.name}: ${spent} of ${record.round.budget} spent in round ${id}`);
    }
  }
  for (const r of rows) {
    if (!voters.has(r.member))
      findings.add(
        'votes.duplicated',
        r.votes,
        `member ${r.member} never voted but has ${r.votes} on ${r.item} in round ${r.round}`,
      );
  }
  for (const round of snapshot.rounds) {
    const want = totals.get(round.id);
    if (!want) continue;
    const results = round.results?.items ?? round.results ?? [];
    const have = new Map(results.map((x) => [x.item, x.votes]));
    for (const item of new Set([...want.keys(), ...have.keys()])) {
      const w = want.get(item) ?? 0;
      const h = have.get(item) ?? 0;
      if (h < w)
        findings.add(
          'votes.lost',
          w - h,
          `round ${round.id} item ${item}: results say ${h}, acknowledged ballots ${w}`,
        );
      if (h > w)
        findings.add(
          'votes.duplicated',
          h - w,
          `round ${round.id} item ${item}: results say ${h}, acknowledged ballots ${w}`,
        );
    }
  }
  return rows.reduce((n, r) => n + r.votes, 0);
}

// Every section's text is the replay of its history, in the database and over the protocol
// alike; every acknowledged update (its marker) is in that history exactly once; every
// editor of the section holds exactly that text at that version.
async function checkSections({ db, event, link, editors, sections, findings }) {
  let updates = 0;
  for (const { proposal, section } of sections) {
    const where = `proposal ${proposal} section ${section}`;
    const rows = sql(
      db,
      `SELECT version, changes FROM section_updates WHERE event_id = ${event.id} AND proposal_id = ${proposal} AND section = ${section} ORDER BY version`,
    );
    rows.forEach((r, i) => {
      if (r.version !== i + 1)
        findings.add('edits.diverged', 1, `${where}: version ${r.version} is stored as update ${i + 1}`);
    });
    const dbText = replay(rows.map((r) => JSON.parse(r.changes)));
    const opened = await link.ok({ type: 'open_section', proposal, section, version: null }, checkId());
    await link.ok({ type: 'close_section', proposal, section }, checkId());
    const history = [];
    for (let from = 0, more = true; more;) {
      const page = await link.ok({ type: 'section_history', proposal, section, from }, checkId());
      history.push(...page.updates);
      more = page.more && page.updates.length > 0;
      if (page.updates.length) from = page.updates.at(-1).version;
    }
    const historyText = replay(history.map((u) => u.changes));
    if (opened.version !== rows.length || history.length !== rows.length) {
      findings.add(
        'edits.diverged',
        1,
        `${where}: the server is at version ${opened.version}, its history has ${history.length} updates, the database ${rows.length}`,
      );
    }
    if (opened.text !== historyText || opened.text !== dbText) {
      findings.add(
        'edits.diverged',
        1,
        `${where}: the text is not the replay of its history (${opened.text.length}, ${historyText.length} and ${dbText.length} characters)`,
      );
    }
    const seen = new Map(); // marker -> times in the history
    for (const u of history) for (const m of markersIn(inserted(u.changes))) seen.set(m, (seen.get(m) ?? 0) + 1);
    const mine = new Set();
    const team = editors.filter((e) => e.where.proposal === proposal && e.where.section === section);
    for (const e of team) {
      for (const [marker, state] of e.markers) {
        mine.add(marker);
        const n = seen.get(marker) ?? 0;
        if (n > 1)
          findings.add('edits.duplicated', n - 1, `${where}: ${marker} of ${e.name} is in the history ${n} times`);
        if (n === 0 && state === 'acked')
          findings.add('edits.lost', 1, `${where}: ${marker} of ${e.name} was acknowledged but is not in the history`);
        if (n === 0 && state === 'local')
          findings.add('unresolved', 1, `${where}: ${marker} of ${e.name} was never acknowledged`);
      }
    }
    for (const [marker, n] of seen) {
      if (!mine.has(marker))
        findings.add('edits.duplicated', n, `${where}: ${marker} is in the history but no editor typed it`);
    }
    // Those who resumed converge: each editor receives up to the server's version and then
    // holds its text.
    const caughtUp = await until(() => {
      for (const e of team) e.receive();
      return team.every((e) => e.idle && e.peer.version >= opened.version);
    }, 20000);
    for (const e of team) {
      if (!caughtUp || e.peer.version !== opened.version || e.peer.text !== opened.text) {
        findings.add(
          'edits.diverged',
          1,
          `${where}: ${e.name} holds version ${e.peer.version} (${e.peer.unsent} unsent), the server ${opened.version}; texts ${e.peer.text === opened.text ? 'equal' : 'differ'}`,
        );
      }
    }
    updates += rows.length;
  }
  return updates;
}

// The change log numbers every change of the event 1..seq, and the snapshot is at its end.
function checkLog({ db, event, snapshot, findings }) {
  const [{ n, top }] = sql(
    db,
    `SELECT count(*) AS n, coalesce(max(seq), 0) AS top FROM changes WHERE event_id = ${event.id}`,
  );
  if (n !== top) findings.add('log.gap', Math.abs(top - n), `the change log holds ${n} changes numbered up to ${top}`);
  if (snapshot.seq !== top)
    findings.add('log.gap', 1, `the snapshot is at seq ${snapshot.seq}, the change log at ${top}`);
}

// Runs every check; returns what the database holds (ideas, votes, section updates).
export async function verify({
  port,
  db,
  event,
  facilitatorToken,
  participants,
  editors,
  sections,
  seedTexts,
  findings,
}) {
  const { link, snapshot } = await staffView(port, facilitatorToken);
  try {
    const ideas = checkIdeas({ db, event, participants, seedTexts, snapshot, findings });
    const votes = checkVotes({ db, event, participants, snapshot, findings });
    const updates = await checkSections({ db, event, link, editors, sections, findings });
    checkLog({ db, event, snapshot, findings });
    return { ideas, votes, updates };
  } finally {
    await link.close();
  }
}
