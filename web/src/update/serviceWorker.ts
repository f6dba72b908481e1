/**
 * Registers the service worker (the offline app shell, made by vite-plugin-pwa) and looks
 * for new versions: every UPDATE_CHECK_MS and whenever the page becomes visible again. A new
 * version never takes over by itself: it is announced (newVersion.ts) and the person chooses
 * when to reload (ui/UpdatePrompt.tsx).
 */
import { registerSW } from 'virtual:pwa-register';
import { announceNewVersion } from './newVersion';

export const UPDATE_CHECK_MS = 30 * 60 * 1000;

/** Starts the registration once the page has loaded; without service workers, does nothing. */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
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
  const update = registerSW({
    onNeedRefresh: () => announceNewVersion(takeNewVersion),
    onNeedReload: reload,
    onRegisteredSW: (_url, registration) => {
      if (registration) watchForUpdates(registration);
    },
    // Without a worker (a browser that refuses it) the app works as before, online only.
    onRegisterError: () => {},
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
