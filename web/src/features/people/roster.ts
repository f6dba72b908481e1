/**
 * The roster over HTTP (docs/protocol.md, "HTTP API (files)"): import a CSV of participants
 * before the day, and export the participants as CSV. Both need a facilitator's token.
 * The fetch function is injected so tests drive it with fakes.
 */
import type { FetchLike } from '../../downloads';
import { formatNumber, t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import type { HttpError, RosterMember, RosterProblem, Table } from '../../protocol';

/** What an import came to: imported (with the personal links' tokens), or refused. */
export type RosterOutcome =
  | { ok: true; members: RosterMember[]; tables: Table[] }
  | {
      ok: false;
      /** The error code (`bad_roster`, `bad_token`, `forbidden`, ...) or `connection_lost`. */
      code: string;
      /** The rows with problems (bad_roster only), in row order. */
      problems: RosterProblem[];
    };

/** The columns of a roster file, required ones first. */
export const ROSTER_COLUMNS = ['name', 'organisation', 'group', 'track', 'table', 'email', 'credit'] as const;
export const ROSTER_REQUIRED = ['name', 'organisation', 'group', 'track'] as const;

export function rosterUrl(code: string): string {
  return `/api/events/${encodeURIComponent(code)}/roster`;
}

export function rosterCsvUrl(code: string): string {
  return `/api/events/${encodeURIComponent(code)}/roster.csv`;
}

/** The personal link that opens the app as one imported participant. */
export function personalLink(origin: string, code: string, token: string): string {
  return `${origin}/join/${code}#t=${encodeURIComponent(token)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRosterMember(v: unknown): v is RosterMember {
  return isObject(v) && typeof v.id === 'number' && typeof v.name === 'string' && typeof v.token === 'string';
}

function isTable(v: unknown): v is Table {
  return isObject(v) && typeof v.id === 'number' && typeof v.track === 'number' && typeof v.name === 'string';
}

/** The catalogue text of each problem code the server gives a roster (docs/protocol.md). */
const PROBLEM_KEYS: Record<string, MessageKey> = {
  csv: 'roster.problem.csv',
  empty: 'roster.problem.empty',
  unknown_column: 'roster.problem.unknownColumn',
  column_twice: 'roster.problem.columnTwice',
  column_missing: 'roster.problem.columnMissing',
  too_many_rows: 'roster.problem.tooManyRows',
  no_rows: 'roster.problem.noRows',
  no_participants: 'roster.problem.noParticipants',
  cells: 'roster.problem.cells',
  role: 'roster.problem.role',
  name: 'roster.problem.name',
  organisation: 'roster.problem.organisation',
  group: 'roster.problem.group',
  credit: 'roster.problem.credit',
  track: 'roster.problem.track',
  table: 'roster.problem.table',
  email: 'roster.problem.email',
};

/**
 * A problem of a refused roster in the app's language: the text of its code with its values
 * (numbers as the language writes them), or the server's English message for a code this
 * app does not know.
 */
export function problemMessage(p: RosterProblem): string {
  const key = p.code === undefined ? undefined : PROBLEM_KEYS[p.code];
  if (key === undefined) return p.message;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.params ?? {})) values[k] = typeof v === 'number' ? formatNumber(v) : v;
  return t(key, values);
}

function readProblems(v: unknown): RosterProblem[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((p): p is RosterProblem => isObject(p) && typeof p.row === 'number' && typeof p.message === 'string')
    .map((p) => {
      const problem: RosterProblem = { row: p.row, message: p.message };
      if (typeof p.code === 'string') problem.code = p.code;
      if (isObject(p.params)) {
        const params: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(p.params)) {
          if (typeof v === 'string' || typeof v === 'number') params[k] = v;
        }
        problem.params = params;
      }
      return problem;
    })
    .sort((a, b) => a.row - b.row);
}

/** Reads the server's answer to a roster import (status and decoded JSON body, or null). */
export function parseRosterResponse(status: number, body: unknown): RosterOutcome {
  if (status >= 200 && status < 300) {
    if (isObject(body) && Array.isArray(body.members) && body.members.every(isRosterMember)) {
      const tables = Array.isArray(body.tables) ? body.tables.filter(isTable) : [];
      return { ok: true, members: body.members as RosterMember[], tables };
    }
    return { ok: false, code: 'unknown', problems: [] };
  }
  const err = isObject(body) ? (body as Partial<HttpError>) : {};
  const code = typeof err.error === 'string' && err.error !== '' ? err.error : 'unknown';
  const problems = readProblems(err.problems);
  if (code === 'bad_roster' && problems.length === 0 && typeof err.message === 'string') {
    problems.push({ row: 0, message: err.message });
  }
  return { ok: false, code, problems };
}

async function readJsonBody(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/**
 * Sends a roster file; never throws (a lost connection is `connection_lost`). `key` names this
 * upload: sending the same file again with the same key (after a lost answer) gets the first
 * answer back instead of importing the people twice.
 */
export async function importRoster(
  code: string,
  token: string,
  csv: Blob | string,
  key: string,
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): Promise<RosterOutcome> {
  let res: Response;
  try {
    res = await fetchFn(rosterUrl(code), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Idempotency-Key': key },
      body: csv,
    });
  } catch {
    return { ok: false, code: 'connection_lost', problems: [] };
  }
  return parseRosterResponse(res.status, await readJsonBody(res));
}

/** Fetches the roster as CSV: the file, or the error code. */
export async function exportRoster(
  code: string,
  token: string,
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): Promise<{ ok: true; blob: Blob } | { ok: false; code: string }> {
  let res: Response;
  try {
    res = await fetchFn(rosterCsvUrl(code), { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, code: 'connection_lost' };
  }
  if (!res.ok) {
    const body = await readJsonBody(res);
    const error = isObject(body) && typeof body.error === 'string' ? body.error : 'unknown';
    return { ok: false, code: error };
  }
  return { ok: true, blob: await res.blob() };
}

/** The file name a download of the roster gets. */
export function rosterFileName(code: string): string {
  return `roster-${code}.csv`;
}
