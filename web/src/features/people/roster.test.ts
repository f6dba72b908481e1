import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { setCatalogue } from '../../i18n';
import de from '../../i18n/locales/de';
import {
  exportRoster,
  importRoster,
  parseRosterResponse,
  personalLink,
  problemMessage,
  rosterFileName,
} from './roster';

const member = {
  id: 3,
  role: 'participant',
  name: 'Ruiz, Ana',
  organisation: 'DG CNECT',
  group: 'eu_institution',
  track: 1,
  table: 2,
  email: 'ana@example.org',
  credit: false,
  joinedAt: 1,
  token: 'K7QX2M.3f9c',
};

describe('roster responses', () => {
  it('200: the members with their tokens and the tables created', () => {
    const out = parseRosterResponse(200, { members: [member], tables: [{ id: 2, track: 1, name: 'Table 1' }] });
    expect(out).toEqual({ ok: true, members: [member], tables: [{ id: 2, track: 1, name: 'Table 1' }] });
  });

  it('200 without tables: none', () => {
    expect(parseRosterResponse(200, { members: [] })).toEqual({ ok: true, members: [], tables: [] });
  });

  it('200 that does not read as a roster is an unknown failure', () => {
    expect(parseRosterResponse(200, { members: [{ id: 1 }] })).toEqual({ ok: false, code: 'unknown', problems: [] });
    expect(parseRosterResponse(200, null)).toEqual({ ok: false, code: 'unknown', problems: [] });
  });

  it('400 bad_roster: the problems per row, in row order', () => {
    const out = parseRosterResponse(400, {
      error: 'bad_roster',
      message: 'The roster has problems; nothing was imported.',
      problems: [
        { row: 3, message: 'This event has no track "Nope".' },
        { row: 1, message: 'Unknown stakeholder group "lobbyist".' },
        { row: 'x', message: 'not a row' },
      ],
    });
    expect(out).toEqual({
      ok: false,
      code: 'bad_roster',
      problems: [
        { row: 1, message: 'Unknown stakeholder group "lobbyist".' },
        { row: 3, message: 'This event has no track "Nope".' },
      ],
    });
  });

  it("400 bad_roster: each problem's code and values, shown in the app's language", () => {
    const out = parseRosterResponse(400, {
      error: 'bad_roster',
      message: 'The roster has problems; nothing was imported.',
      problems: [
        {
          row: 2,
          message: 'Unknown stakeholder group "lobbyist"; this event\'s groups are Economist, AI.',
          code: 'group',
          params: { value: 'lobbyist', groups: 'Economist, AI', junk: { x: 1 } },
        },
        { row: 0, message: 'The file has 10001 rows; …', code: 'too_many_rows', params: { max: 10000 } },
        { row: 4, message: 'Something new.', code: 'not_known_here', params: {} },
      ],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const [tooMany, group, unknown] = out.problems;
    expect(group).toEqual({
      row: 2,
      message: 'Unknown stakeholder group "lobbyist"; this event\'s groups are Economist, AI.',
      code: 'group',
      params: { value: 'lobbyist', groups: 'Economist, AI' },
    });
    expect(problemMessage(group!)).toBe('Unknown stakeholder group “lobbyist”. This event’s groups are Economist, AI.');
    expect(problemMessage(tooMany!)).toBe('The file has too many rows: at most 10,000 are imported at once.');
    // A code this app does not know: the server's own message.
    expect(problemMessage(unknown!)).toBe('Something new.');
    // Without a code (an older server): the message.
    expect(problemMessage({ row: 1, message: 'Old message.' })).toBe('Old message.');
    setCatalogue('de', de);
    try {
      expect(problemMessage(group!)).toContain('„lobbyist“');
      expect(problemMessage(group!)).toContain('Economist, AI');
      expect(problemMessage(group!)).not.toContain('Unknown');
      expect(problemMessage(tooMany!)).toContain(new Intl.NumberFormat('de').format(10000));
    } finally {
      setCatalogue('en', en);
    }
  });

  it('400 bad_roster without problems: the message as a problem of the whole file (row 0)', () => {
    expect(parseRosterResponse(400, { error: 'bad_roster', message: 'The file is empty.' })).toEqual({
      ok: false,
      code: 'bad_roster',
      problems: [{ row: 0, message: 'The file is empty.' }],
    });
  });

  it('401, 403 and bodies that are not JSON', () => {
    expect(parseRosterResponse(401, { error: 'bad_token', message: 'x' })).toEqual({
      ok: false,
      code: 'bad_token',
      problems: [],
    });
    expect(parseRosterResponse(403, { error: 'forbidden' })).toEqual({ ok: false, code: 'forbidden', problems: [] });
    expect(parseRosterResponse(502, null)).toEqual({ ok: false, code: 'unknown', problems: [] });
  });
});

describe('roster requests', () => {
  it('posts the CSV with the facilitator token and reads the answer', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const out = await importRoster('K7QX2M', 'K7QX2M.secret', 'name\n', 'upload-1', async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ members: [member], tables: [] }), { status: 200 });
    });
    expect(out.ok).toBe(true);
    expect(calls[0]?.url).toBe('/api/events/K7QX2M/roster');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.headers).toEqual({
      Authorization: 'Bearer K7QX2M.secret',
      'Content-Type': 'text/csv',
      'Idempotency-Key': 'upload-1',
    });
    expect(calls[0]?.init?.body).toBe('name\n');
  });

  it('a lost connection is connection_lost', async () => {
    const out = await importRoster('K7QX2M', 't', '', 'upload-2', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(out).toEqual({ ok: false, code: 'connection_lost', problems: [] });
  });

  it('exports the CSV with the token; a refusal gives its code', async () => {
    const ok = await exportRoster('K7QX2M', 't', async (url, init) => {
      expect(url).toBe('/api/events/K7QX2M/roster.csv');
      expect(init?.headers).toEqual({ Authorization: 'Bearer t' });
      return new Response('name\n', { status: 200 });
    });
    expect(ok.ok && (await ok.blob.text())).toBe('name\n');
    const refused = await exportRoster(
      'K7QX2M',
      't',
      async () => new Response('{"error":"forbidden"}', { status: 403 }),
    );
    expect(refused).toEqual({ ok: false, code: 'forbidden' });
  });

  it('personal links and file names', () => {
    expect(personalLink('https://rt.example', 'K7QX2M', 'K7QX2M.3f9c')).toBe(
      'https://rt.example/join/K7QX2M#t=K7QX2M.3f9c',
    );
    expect(rosterFileName('K7QX2M')).toBe('roster-K7QX2M.csv');
  });
});
