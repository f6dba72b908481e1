/**
 * The HTTP API of files (docs/protocol.md): the report and the facilitators' files, and the
 * roster's import and export.
 */
import type { Member, Table } from './objects';

/** The files of `GET /api/events/CODE/<file>`; the CSVs are for facilitators only. */
export const REPORT_FILES = ['report.md', 'report.html', 'report.docx', 'report.json'] as const;
export const FACILITATOR_FILES = ['ideas.csv', 'votes.csv', 'participants.csv', 'results.csv'] as const;
/** Every file above in one zip (facilitators, or the admin secret); downloading it records the export. */
export const ARCHIVE_FILE = 'archive.zip';
/** What the event holds about the member whose token asks (any member: their own data, JSON). */
export const MY_DATA_FILE = 'my-data.json';
export type ExportFile =
  (typeof REPORT_FILES)[number] | (typeof FACILITATOR_FILES)[number] | typeof ARCHIVE_FILE | typeof MY_DATA_FILE;

// ---------------------------------------------------------------------------------------
// HTTP API (files): /api/events/CODE/roster and /api/events/CODE/roster.csv

/** One imported participant with the token of their personal link (shown only once). */
export interface RosterMember extends Member {
  token: string;
}

/** `200` of `POST /api/events/CODE/roster`. */
export interface RosterImported {
  members: RosterMember[];
  tables: Table[];
}

/** A problem of one row (`row` counts after the header; 0 is the file as a whole). */
export interface RosterProblem {
  row: number;
  /** In English; the app shows the text of `code` in its own language when it knows it. */
  message: string;
  /** What the problem is ("group", "email", "unknown_column", …); absent from older servers. */
  code?: string;
  /** The values its message names: texts ({value}, {column}, {groups}) and numbers ({max}, …). */
  params?: Record<string, string | number>;
}

/** Any refused HTTP request: `{"error":code,"message":text}`, with `problems` for `bad_roster`. */
export interface HttpError {
  error: string;
  message?: string;
  problems?: RosterProblem[];
}
