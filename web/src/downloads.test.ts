import { describe, expect, it } from 'vitest';
import { defaultFileName, dispositionFileName, fetchFile, fetchText, fileUrl } from './downloads';
import type { FetchLike } from './downloads';

describe('file names', () => {
  it.each<[string | null, string | null]>([
    [null, null],
    ['', null],
    ['attachment', null],
    ['attachment; filename="report-K7QX2M.md"', 'report-K7QX2M.md'],
    ['attachment; filename=results-K7QX2M.csv', 'results-K7QX2M.csv'],
    ['attachment; filename="a \\"quoted\\" name.docx"', 'a "quoted" name.docx'],
    ['attachment; filename="report.md"; filename*=UTF-8\'\'R%C3%A9sum%C3%A9.md', 'Résumé.md'],
    ['attachment; filename*=UTF-8\'\'bad%E0%A4%A.md; filename="plain.md"', 'plain.md'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.html"', 'x.html'],
  ])('%j → %j', (header, name) => {
    expect(dispositionFileName(header)).toBe(name);
  });

  it('names a file after the event when the server does not', () => {
    expect(defaultFileName('K7QX2M', 'report.docx')).toBe('report-K7QX2M.docx');
    expect(defaultFileName('K7QX2M', 'participants.csv')).toBe('participants-K7QX2M.csv');
  });

  it('builds the address of a file', () => {
    expect(fileUrl('K7QX2M', 'report.html')).toBe('/api/events/K7QX2M/report.html');
  });
});

describe('fetching files', () => {
  const calls: { url: string; init?: RequestInit }[] = [];
  const answering =
    (res: Response | Error): FetchLike =>
    async (url, init) => {
      calls.push({ url, init });
      if (res instanceof Error) throw res;
      return res;
    };

  it('sends the member’s token and names the file as the server says', async () => {
    calls.length = 0;
    const res = new Response('# Report', {
      status: 200,
      headers: { 'Content-Disposition': 'attachment; filename="report-K7QX2M.md"' },
    });
    const got = await fetchFile('K7QX2M', 'K7QX2M.secret', 'report.md', answering(res));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.fileName).toBe('report-K7QX2M.md');
    expect(await got.blob.text()).toBe('# Report');
    expect(calls[0]?.url).toBe('/api/events/K7QX2M/report.md');
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer K7QX2M.secret');
  });

  it('falls back to a name of its own', async () => {
    const got = await fetchFile('K7QX2M', 't', 'votes.csv', answering(new Response('a,b')));
    expect(got).toMatchObject({ ok: true, fileName: 'votes-K7QX2M.csv' });
  });

  it.each<[string, Response | Error, string]>([
    ['403 not_published', new Response('{"error":"not_published","message":"…"}', { status: 403 }), 'not_published'],
    ['401 bad_token', new Response('{"error":"bad_token"}', { status: 401 }), 'bad_token'],
    ['an error that is not JSON', new Response('oops', { status: 500 }), 'unknown'],
    ['no connection', new TypeError('Failed to fetch'), 'connection_lost'],
  ])('reports %s as its code', async (_name, res, code) => {
    expect(await fetchFile('K7QX2M', 't', 'report.json', answering(res))).toEqual({ ok: false, code });
  });

  it('reads the HTML for the preview as text', async () => {
    const html = '<!DOCTYPE html><html><head></head><body>Ü</body></html>';
    expect(await fetchText('K7QX2M', 't', 'report.html', answering(new Response(html)))).toEqual({
      ok: true,
      text: html,
    });
    expect(
      await fetchText('K7QX2M', 't', 'report.html', answering(new Response('{"error":"forbidden"}', { status: 403 }))),
    ).toEqual({ ok: false, code: 'forbidden' });
  });
});
