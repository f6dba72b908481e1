/**
 * The facilitator links the admin page hands out, kept in sessionStorage so that a reload of
 * the page (the secrets are taken out of the address bar) still shows them for the rest of
 * the browser session, and never longer.
 */
import { keys, readJson, sessionStore, writeJson } from '../../storage';

export interface IssuedLink {
  /** `/facilitate/CODE#t=TOKEN`, absolute. */
  url: string;
  /** Issued as a recovery for a lost link (shown with its QR code). */
  recovery: boolean;
  at: number;
}

export type IssuedLinks = Record<number, IssuedLink>;

export function readIssuedLinks(): IssuedLinks {
  const saved = readJson<unknown>(sessionStore(), keys.adminLinks);
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
  const out: IssuedLinks = {};
  for (const [id, v] of Object.entries(saved as Record<string, unknown>)) {
    const link = v as Partial<IssuedLink> | null;
    if (link && typeof link.url === 'string' && typeof link.at === 'number') {
      out[Number(id)] = { url: link.url, recovery: link.recovery === true, at: link.at };
    }
  }
  return out;
}

export function saveIssuedLink(event: number, link: IssuedLink): IssuedLinks {
  const next = { ...readIssuedLinks(), [event]: link };
  writeJson(sessionStore(), keys.adminLinks, next);
  return next;
}

export function forgetIssuedLink(event: number): IssuedLinks {
  const next = readIssuedLinks();
  delete next[event];
  writeJson(sessionStore(), keys.adminLinks, next);
  return next;
}
