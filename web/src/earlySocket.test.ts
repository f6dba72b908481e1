import { describe, expect, it } from 'vitest';
import { EARLY_SOCKET, earlySocketWanted, serverUrl, takeEarlySocket } from './earlySocket';

/** Enough of a WebSocket for takeEarlySocket. */
function socket(url: string, readyState: number) {
  return {
    url,
    readyState,
    closed: false,
    close() {
      this.closed = true;
    },
  };
}

describe('the early socket', () => {
  it('is opened on the pages that connect first thing, not on the home page or unknown ones', () => {
    for (const p of [
      '/join/K7QX2M',
      '/join/K7QX2M/proposals/3',
      '/facilitate/K7QX2M',
      '/lead/AB12CD',
      '/screen/AB12CD',
      '/admin',
    ])
      expect(earlySocketWanted(p)).toBe(true);
    for (const p of ['/', '/join', '/join/', '/nowhere', '/admin/x', '/joint/K7QX2M'])
      expect(earlySocketWanted(p)).toBe(false);
  });

  it('is the page’s own address, wss on https', () => {
    expect(serverUrl({ protocol: 'https:', host: 'rt.example.org' } as Location)).toBe('wss://rt.example.org/ws');
    expect(serverUrl({ protocol: 'http:', host: '127.0.0.1:8080' } as Location)).toBe('ws://127.0.0.1:8080/ws');
  });

  it('is taken over once, while connecting or open', () => {
    const connecting = socket('ws://h/ws', 0);
    const holder: Record<string, unknown> = { [EARLY_SOCKET]: connecting };
    expect(takeEarlySocket('ws://h/ws', holder)).toBe(connecting);
    expect(takeEarlySocket('ws://h/ws', holder)).toBeNull();
    const open = socket('ws://h/ws', 1);
    expect(takeEarlySocket('ws://h/ws', { [EARLY_SOCKET]: open })).toBe(open);
  });

  it('closed meanwhile, or for another address, it is not used (and the stray one is closed)', () => {
    expect(takeEarlySocket('ws://h/ws', { [EARLY_SOCKET]: socket('ws://h/ws', 3) })).toBeNull();
    const other = socket('ws://elsewhere/ws', 1);
    expect(takeEarlySocket('ws://h/ws', { [EARLY_SOCKET]: other })).toBeNull();
    expect(other.closed).toBe(true);
    expect(takeEarlySocket('ws://h/ws', {})).toBeNull();
  });
});
