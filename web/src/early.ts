/**
 * The first script of the page, a few hundred bytes run as soon as it arrives: on an event's
 * page it opens the WebSocket at once, so that on a slow network the socket's handshake
 * overlaps the download of the app instead of following it. The app's connection takes this
 * socket over (`takeEarlySocket` in connection.ts); nothing is sent on it before then.
 */
import { EARLY_SOCKET, earlySocketWanted, serverUrl } from './earlySocket';

if (earlySocketWanted(location.pathname) && typeof WebSocket === 'function') {
  try {
    (window as unknown as Record<string, unknown>)[EARLY_SOCKET] = new WebSocket(serverUrl());
  } catch {
    // The app opens its own.
  }
}
