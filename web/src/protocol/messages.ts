/**
 * What the server sends (docs/protocol.md): one union of messages on `type`, the error codes,
 * and `parseFrame`, which turns one text frame into messages and never throws.
 */
import type {
  Agenda,
  Announcement,
  ChangeJson,
  Cluster,
  Comment,
  EventInfo,
  Idea,
  Limits,
  Member,
  Proposal,
  Report,
  ResultItem,
  Round,
  ScreenState,
  SectionEditor,
  SectionUpdate,
  Table,
  TemplateSection,
  TrashedProposal,
  Turnout,
} from './objects';
import type { Change } from './changes';

// ---------------------------------------------------------------------------------------
// Server → client

export const ERROR_CODES = [
  'bad_json',
  'binary_frame',
  'bad_command',
  'unknown_type',
  'bad_text',
  'bad_value',
  'bad_code',
  'bad_token',
  'bad_secret',
  'not_joined',
  'already_joined',
  'forbidden',
  'not_found',
  'not_author',
  'wrong_phase',
  'rate_limited',
  'storage_failed',
  'shutting_down',
  'over_budget',
  'round_closed',
  'own_idea',
  'not_eligible',
  'frozen',
  'too_large',
  'not_published',
  'join_closed',
  'removed',
  'revoked',
  'event_closed',
  'not_exported',
  'event_deleted',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckMessage {
  type: 'ack';
  id: string;
  result?: unknown;
}
export interface ErrorMessage {
  type: 'error';
  id?: string;
  /** One of ERROR_CODES; kept as string so a newer server's code is still shown. */
  code: string;
  message?: string;
}
export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  event: EventInfo;
  ideas: Idea[];
  agenda?: Agenda;
  announcements?: Announcement[];
  screen?: ScreenState;
  clusters?: Cluster[];
  tables?: Table[];
  rounds?: Round[];
  members?: Member[];
  /** The proposal template (the server sends its default until one is set). */
  template?: TemplateSection[];
  proposals?: Proposal[];
  /** Whether proposals are frozen (no section or title may change). */
  frozen?: boolean;
  comments?: Comment[];
  /** Null in a participant's snapshot until the report is published. */
  report?: Report | null;
  /** Whether new people may join with the code; absent from older servers (open). */
  selfJoin?: boolean;
  /** What the server accepts; absent from older servers. */
  limits?: Limits;
  /** Facilitators (a lead: their track's): the proposals in the trash. */
  trash?: TrashedProposal[];
  /** Staff (a lead: their tracks'): pairs of ideas marked as not duplicates, `[a, b]` with a < b. */
  dismissedDuplicates?: [number, number][];
}

export type ChangeMessage = { type: 'change' } & Change;

export interface ChangesMessage {
  type: 'changes';
  from: number;
  seq: number;
  changes: Change[];
}

/** Who is connected now; not a change (no seq). `members` only for staff. */
export interface PresenceMessage {
  type: 'presence';
  connected: number;
  /** Participants connected per track id (keys are track ids as strings). */
  byTrack: Record<string, number>;
  staff: number;
  members?: number[];
  /** Members connected per language of their app (language code → count). */
  languages?: Record<string, number>;
}

/** A round's current results; not a change (no seq). Staff, or everyone in live rounds. */
export interface ResultsMessage {
  type: 'results';
  round: number;
  items: ResultItem[];
}

/**
 * How many have voted in a round, in all and per track; not a change (no seq). Staff and
 * screens, at most 4×/s per round while ballots change, and when the round opens.
 */
export type TurnoutMessage = { type: 'turnout'; round: number } & Turnout;

/**
 * Accepted edits of an open section; not a change (no seq). `version` is the section's
 * version before the first update. Sent to every connection with the section open.
 */
export interface SectionUpdatesMessage {
  type: 'section_updates';
  proposal: number;
  section: number;
  version: number;
  updates: SectionUpdate[];
}

/** Who is in a section and where their selection is; not a change (no seq). */
export interface SectionPresenceMessage {
  type: 'section_presence';
  proposal: number;
  section: number;
  editors: SectionEditor[];
}

/** The messages about one open section; the connection routes them to its editor. */
export type SectionMessage = SectionUpdatesMessage | SectionPresenceMessage;

/** The messages that carry the event's state (everything but answers and sections). */
export type EventMessage =
  SnapshotMessage | ChangesMessage | ChangeMessage | PresenceMessage | ResultsMessage | TurnoutMessage;

/** The answer to `ping`: the connection is alive. */
export interface PongMessage {
  type: 'pong';
}

export type ServerMessage =
  | PongMessage
  | AckMessage
  | ErrorMessage
  | SnapshotMessage
  | ChangesMessage
  | ChangeMessage
  | PresenceMessage
  | ResultsMessage
  | TurnoutMessage
  | SectionUpdatesMessage
  | SectionPresenceMessage;

const SERVER_TYPES: ReadonlySet<string> = new Set([
  'pong',
  'ack',
  'error',
  'snapshot',
  'changes',
  'change',
  'presence',
  'results',
  'turnout',
  'section_updates',
  'section_presence',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` has the shape of ChangeSet JSON (numbers and `[deleted, ...lines]`). */
export function isChangeJson(v: unknown): v is ChangeJson {
  return (
    Array.isArray(v) &&
    v.every(
      (part) =>
        (typeof part === 'number' && Number.isInteger(part) && part >= 0) ||
        (Array.isArray(part) &&
          part.length >= 1 &&
          typeof part[0] === 'number' &&
          part.slice(1).every((line) => typeof line === 'string')),
    )
  );
}

/** An update as sent in `section_updates` and the `open_section` result. */
export function isSectionUpdate(v: unknown): v is SectionUpdate {
  return isObject(v) && typeof v.clientID === 'string' && isChangeJson(v.changes);
}

/** Checks the fields the app relies on for one decoded server message. */
function isServerMessage(v: unknown): v is ServerMessage {
  if (!isObject(v) || typeof v.type !== 'string' || !SERVER_TYPES.has(v.type)) return false;
  switch (v.type) {
    case 'pong':
      return true;
    case 'ack':
      return typeof v.id === 'string';
    case 'error':
      return typeof v.code === 'string' && (v.id === undefined || typeof v.id === 'string');
    case 'snapshot':
      return typeof v.seq === 'number' && isObject(v.event) && Array.isArray(v.ideas);
    case 'changes':
      return typeof v.seq === 'number' && Array.isArray(v.changes);
    case 'change':
      return typeof v.seq === 'number' && typeof v.kind === 'string';
    case 'presence':
      return typeof v.connected === 'number' && isObject(v.byTrack);
    case 'results':
      return typeof v.round === 'number' && Array.isArray(v.items);
    case 'turnout':
      return (
        typeof v.round === 'number' &&
        typeof v.voted === 'number' &&
        typeof v.eligible === 'number' &&
        isObject(v.byTrack)
      );
    case 'section_updates':
      return (
        typeof v.proposal === 'number' &&
        typeof v.section === 'number' &&
        typeof v.version === 'number' &&
        Array.isArray(v.updates) &&
        v.updates.every(isSectionUpdate)
      );
    case 'section_presence':
      return typeof v.proposal === 'number' && typeof v.section === 'number' && Array.isArray(v.editors);
  }
  return false;
}

/**
 * Splits one server frame on "\n" and decodes every non-empty line. A line that is not JSON
 * or not a known server message is skipped and reported through `onBadLine`.
 */
export function parseFrame(text: string, onBadLine: (line: string) => void = () => {}): ServerMessage[] {
  const out: ServerMessage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      onBadLine(line);
      continue;
    }
    if (isServerMessage(value)) out.push(value);
    else onBadLine(line);
  }
  return out;
}

/** Join codes are 6 characters, case-insensitive, spaces ignored. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

export function isValidCode(code: string): boolean {
  return /^[A-Z0-9]{6}$/.test(normaliseCode(code));
}
