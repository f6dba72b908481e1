import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CommandError } from '../connection';
import type { MessageKey } from '../i18n';
import { errorText, t } from '../i18n';
import type { Limits } from '../protocol';
import type { AppState, Store } from '../store';
import { Session } from '../session';
import type { SessionCallbacks } from '../session';
import type { SessionKind } from '../storage';

/** The store's current state; re-renders on every change. */
export function useAppState(store: Store): AppState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(setState);
  }, [store]);
  return state;
}

/**
 * What the server accepts (lengths, counts), from the store: null until the server has said.
 * Re-renders only when the limits change.
 */
export function useLimits(session: Session): Limits | null {
  const [limits, setLimits] = useState(session.store.getState().limits);
  useEffect(() => {
    setLimits(session.store.getState().limits);
    return session.store.subscribe((state) => setLimits(state.limits));
  }, [session]);
  return limits;
}

/** A session that lives as long as the component (or until code/kind change). */
export function useSession(
  code: string | null,
  kind: SessionKind,
  callbacks: SessionCallbacks = {},
  prepare?: (session: Session) => void,
): Session {
  const [session, setSession] = useState(() => new Session(code, kind, callbacks));
  useEffect(() => {
    let current = session;
    if (current.code !== code || current.kind !== kind) {
      current = new Session(code, kind, callbacks);
      setSession(current);
    }
    prepare?.(current);
    current.start();
    return () => current.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new session only for another code or kind (with that render's callbacks); callbacks and prepare are new functions on every render
  }, [code, kind]);
  return session;
}

/** Whether `text` has more code points than `max` (no limit known: never). */
export function overLimit(text: string, max: number | undefined): boolean {
  return max !== undefined && [...text].length > max;
}

/** A counter's text: "12 / 1000", or only the count while the limit is not known. */
export function counterText(count: number, max: number | undefined, key: MessageKey = 'composer.counter'): string {
  return max === undefined ? String(count) : t(key, { count, max });
}

let counter = 0;
/** A unique id for label/field pairs. */
export function useId(prefix = 'f'): string {
  const [id] = useState(() => `${prefix}-${++counter}`);
  return id;
}

/**
 * Sends facilitator requests one at a time: `busy` while one is unanswered, `error` holds
 * the translated reason of the last refusal (cleared by the next success).
 */
export function useRequests(): {
  busy: boolean;
  error: string | null;
  run: <T>(send: () => Promise<T>, texts?: Partial<Record<string, string>>) => Promise<T | undefined>;
  clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** `texts` gives a more precise text for some error codes of this request. */
  const run = async <T>(send: () => Promise<T>, texts?: Partial<Record<string, string>>): Promise<T | undefined> => {
    setBusy(true);
    try {
      const result = await send();
      setError(null);
      return result;
    } catch (err) {
      const code = err instanceof CommandError ? err.code : 'unknown';
      setError(texts?.[code] ?? errorText(code));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}

/** A ref to an element that takes the focus each time `open` turns true (a form, a panel). */
export function useFocusWhen<T extends HTMLElement>(open: boolean): RefObject<T> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}
