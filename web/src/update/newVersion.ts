/**
 * Whether a new version of the app waits (installed by the service worker, not yet taken),
 * and how to take it. Set by serviceWorker.ts, read by ui/UpdatePrompt.tsx; no browser API
 * here, so the prompt does not pull in the registration code.
 */

type Listener = () => void;

let waiting = false;
let take: (() => void) | null = null;
const listeners = new Set<Listener>();

let announced: object | null = null;

/**
 * A new version is ready; `takeIt` switches to it and reloads the page. `worker` names it (the
 * waiting service worker): the same version announced again (the worker library reports a
 * waiting worker more than once) is not news, so a prompt dismissed with "Later" stays hidden.
 */
export function announceNewVersion(takeIt: () => void, worker: object | null = null): void {
  take = takeIt;
  if (waiting && worker !== null && worker === announced) return;
  waiting = true;
  announced = worker;
  for (const listener of [...listeners]) listener();
}

export function newVersionWaits(): boolean {
  return waiting;
}

/** Calls `listener` on each new version announced; returns the unsubscribe function. */
export function onNewVersion(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Switches to the waiting version (the page reloads once it controls); no-op without one. */
export function takeNewVersion(): void {
  take?.();
}
