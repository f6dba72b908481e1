/**
 * The tokens of staff links this browser created or re-issued, kept in sessionStorage for
 * the rest of the browser session (the server never shows a token again): member id → token.
 */
import { readJson, sessionStore, writeJson } from '../../storage';

const key = (code: string) => `roundtable.links.${code}`;

export function knownLinkTokens(code: string): Record<string, string> {
  const saved = readJson<unknown>(sessionStore(), key(code));
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
  const out: Record<string, string> = {};
  for (const [member, token] of Object.entries(saved)) if (typeof token === 'string') out[member] = token;
  return out;
}

export function rememberLinkToken(code: string, member: number, token: string): void {
  writeJson(sessionStore(), key(code), { ...knownLinkTokens(code), [member]: token });
}

export function forgetLinkToken(code: string, member: number): void {
  const all = knownLinkTokens(code);
  delete all[String(member)];
  writeJson(sessionStore(), key(code), all);
}
