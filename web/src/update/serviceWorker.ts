/**
 * Registers the service worker (the offline app shell, made by vite-plugin-pwa) and looks
 * for new versions: every UPDATE_CHECK_MS and whenever the page becomes visible again. A new
 * version never takes over by itself: it is announced (newVersion.ts) and the person chooses
 * when to reload (ui/UpdatePrompt.tsx).
 */
import { registerSW } from 'virtual:pwa-register';
import { announceNewVersion } from './newVersion';

export const UPDATE_CHECK_MS = 30 * 60 * 1000;

/**
 * How long after the page has loaded the worker is registered. Installing it downloads the
 * whole build (some 220 KB as Brotli); on a venue's shared access point that waits until the
 * page has joined and shown the board rather than competing with it.
 */
export const REGISTER_DELAY_MS = 3000;

/** How long after a failed registration (the server or the network away) it is tried again. */
export const REGISTER_RETRY_MS = 60_000;
/** How often registering is tried in all (a browser that refuses workers stops asking). */
export const REGISTER_ATTEMPTS = 10;
let failures = 0;

/** Registers the worker a moment after the page has loaded; without service workers, nothing. */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const later = () => setTimeout(register, REGISTER_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

function register(): void {
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  // The plugin reloads when the new worker takes a page that a worker controlled from the
  // start; a page that was claimed on its first visit gets only `controllerchange`.
  const takeNewVersion = () => {
    navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
    void update(true);
  };
  let registration: ServiceWorkerRegistration | undefined;
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => announceNewVersion(takeNewVersion, registration?.waiting ?? null),
    onNeedReload: reload,
    onRegisteredSW: (_url, r) => {
      registration = r;
      if (r) watchForUpdates(r);
    },
    // The server away when the worker was fetched: try again a minute later (up to
    // REGISTER_ATTEMPTS times). A browser that refuses workers keeps working online only.
    onRegisterError: () => {
      failures += 1;
      if (failures < REGISTER_ATTEMPTS) setTimeout(register, REGISTER_RETRY_MS);
    },
  });
}

function watchForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (registration.installing || !navigator.onLine) return;
    // Offline or the server away: the next check tries again.
    registration.update().catch(() => {});
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}
