/**
 * Client-side routes, read from location.pathname (the server answers index.html for all).
 */
import { normaliseCode } from './protocol';

/** What an event page shows: the board, the list of proposals, or one proposal. */
export type View = { view: 'board' } | { view: 'proposals' } | { view: 'proposal'; id: number };

export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string; sub: View }
  | { page: 'admin' }
  | { page: 'facilitate'; code: string; sub: View }
  | { page: 'lead'; code: string; sub: View }
  | { page: 'screen'; code: string }
  | { page: 'not_found' };

/** `proposals` or `proposals/ID` after an event page's path, or null when it is neither. */
function parseView(rest: string[]): View | null {
  if (rest.length === 0) return { view: 'board' };
  if (rest[0] !== 'proposals' || rest.length > 2) return null;
  if (rest.length === 1) return { view: 'proposals' };
  const id = Number(rest[1]);
  return Number.isInteger(id) && id > 0 && /^\d+$/.test(rest[1]) ? { view: 'proposal', id } : null;
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { page: 'home' };
  const [head, arg, ...rest] = parts;
  if (parts.length === 1 && head === 'admin') return { page: 'admin' };
  if (parts.length >= 2 && arg) {
    const code = normaliseCode(decodeURIComponent(arg));
    if (head === 'screen' && rest.length === 0) return { page: head, code };
    if (head === 'join' || head === 'facilitate' || head === 'lead') {
      const sub = parseView(rest);
      if (sub !== null) return { page: head, code, sub };
    }
  }
  return { page: 'not_found' };
}

/** The path of an event page's view (`base` is `/join/CODE`, `/facilitate/CODE` or `/lead/CODE`). */
export function viewPath(base: string, view: View): string {
  switch (view.view) {
    case 'board':
      return base;
    case 'proposals':
      return `${base}/proposals`;
    case 'proposal':
      return `${base}/proposals/${view.id}`;
  }
}

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  history.pushState(null, '', path);
  for (const l of listeners) l();
}

export function onNavigate(listener: () => void): () => void {
  listeners.add(listener);
  addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    removeEventListener('popstate', listener);
  };
}

/**
 * Reads a secret from the URL fragment (`#k=…`, `#t=…`, or a bare `#secret`) and removes
 * the fragment from the visible address, so it does not linger in screenshots or history.
 */
export function takeFragmentSecret(param: string): string | null {
  const hash = location.hash.replace(/^#/, '');
  if (hash === '') return null;
  const params = new URLSearchParams(hash);
  const value = params.get(param) ?? (hash.includes('=') ? null : decodeURIComponent(hash));
  history.replaceState(history.state, '', location.pathname + location.search);
  return value && value.trim() !== '' ? value.trim() : null;
}

export function joinUrl(code: string): string {
  return `${location.origin}/join/${code}`;
}

export function staffUrl(kind: 'facilitate' | 'lead' | 'screen', code: string, token: string): string {
  return `${location.origin}/${kind}/${code}#t=${encodeURIComponent(token)}`;
}

/**
 * Reads `#param=value` from the URL fragment, and only then removes the fragment from the
 * visible address (a plain `#main` from the skip link is left alone).
 */
export function takeFragmentParam(param: string): string | null {
  const hash = location.hash.replace(/^#/, '');
  if (hash === '' || !hash.includes('=')) return null;
  const value = new URLSearchParams(hash).get(param);
  if (value === null) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  return value.trim() !== '' ? value.trim() : null;
}
