/**
 * The socket that `early.ts` opens before the app has loaded, and how the app's connection
 * takes it over. Kept free of imports so that the early script stays a few hundred bytes.
 */

/** Where the early script leaves the socket. */
export const EARLY_SOCKET = '__roundtableSocket';

/** The pages whose first step is a connection: an event's join, staff and screen pages, admin. */
export function earlySocketWanted(pathname: string): boolean {
  return /^\/(?:(?:join|facilitate|lead|screen)\/[^/]+|admin\/?$)/.test(pathname);
}

/** The server's WebSocket address for the page at `loc`. */
export function serverUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

/**
 * The early socket for `url`, once: still connecting or open, else null (closed meanwhile, or
 * another address). Later calls get null, so a reconnect opens a new socket.
 */
export function takeEarlySocket(url: string, holder: Record<string, unknown> = globalThis as never): WebSocket | null {
  const socket = holder[EARLY_SOCKET] as WebSocket | undefined;
  if (socket === undefined) return null;
  delete holder[EARLY_SOCKET];
  if (socket.url !== url) {
    socket.close();
    return null;
  }
  return socket.readyState === 0 || socket.readyState === 1 ? socket : null;
}
