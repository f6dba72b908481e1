/**
 * Client-side routes, read from location.pathname (the server answers index.html for all).
 */
import { normaliseCode } from './protocol';

export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string }
  | { page: 'admin' }
  | { page: 'facilitate'; code: string }
  | { page: 'lead'; code: string }
  | { page: 'screen'; code: string }
  | { page: 'not_found' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { page: 'home' };
  const [head, arg] = parts;
  if (parts.length === 1 && head === 'admin') return { page: 'admin' };
  if (parts.length === 2 && arg) {
    const code = normaliseCode(decodeURIComponent(arg));
    if (head === 'join' || head === 'facilitate' || head === 'lead' || head === 'screen') {
      return { page: head, code };
    }
  }
  return { page: 'not_found' };
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
