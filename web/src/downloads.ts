/**
 * The event's files over HTTP (docs/protocol.md, "HTTP API (files)"): the report as
 * Markdown, HTML, Word or JSON, and the facilitators' CSVs. Every request carries the
 * member's token as `Authorization: Bearer`. The fetch function is injected so tests drive
 * it with fakes; nothing here throws. `saveBlob` offers what was fetched (or made) as a file.
 */
import type { ExportFile } from './protocol';

/** `fetch`, or a fake in tests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function fileUrl(code: string, file: ExportFile): string {
  return `/api/events/${encodeURIComponent(code)}/${file}`;
}

/** The name a file gets when the server does not name one: `report-K7QX2M.md`. */
export function defaultFileName(code: string, file: ExportFile): string {
  const dot = file.indexOf('.');
  return `${file.slice(0, dot)}-${code}${file.slice(dot)}`;
}

/**
 * The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred over
 * `filename="…"`), without any folder part; null when it names none.
 */
export function dispositionFileName(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star) {
    const value = (star[1] as string).trim().replace(/^"(.*)"$/, '$1');
    const quote = value.indexOf("''");
    try {
      name = decodeURIComponent(quote >= 0 ? value.slice(quote + 2) : value);
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : (plain[1] as string).trim();
  }
  if (name === null) return null;
  name = name.split(/[\\/]/).pop()?.trim() ?? '';
  return name === '' ? null : name;
}

export type Fetched =
  | { ok: true; blob: Blob; fileName: string }
  /** `code`: the server's error code (`not_published`, `forbidden`, ...) or `connection_lost`. */
  | { ok: false; code: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fetches one of the event's files with the member's token. */
export async function fetchFile(
  code: string,
  token: string,
  file: ExportFile,
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetchFn(fileUrl(code, file), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    return { ok: false, code: 'connection_lost' };
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    return { ok: false, code: isObject(body) && typeof body.error === 'string' ? body.error : 'unknown' };
  }
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    return { ok: false, code: 'connection_lost' };
  }
  const fileName = dispositionFileName(res.headers.get('Content-Disposition')) ?? defaultFileName(code, file);
  return { ok: true, blob, fileName };
}

/** Fetches a file as text (the report's HTML for the preview). */
export async function fetchText(
  code: string,
  token: string,
  file: ExportFile,
  fetchFn?: FetchLike,
): Promise<{ ok: true; text: string } | { ok: false; code: string }> {
  const got = await fetchFile(code, token, file, fetchFn);
  if (!got.ok) return got;
  try {
    return { ok: true, text: await got.blob.text() };
  } catch {
    return { ok: false, code: 'connection_lost' };
  }
}

/** Offers a blob to the browser as a downloaded file. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
