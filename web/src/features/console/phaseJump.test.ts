import { describe, expect, it } from 'vitest';
import type { Agenda } from '../../protocol';
import { jumpWarning, undoOpen } from './phaseJump';
import { sectionHref, sectionOf } from './sections';

const agenda = (over: Partial<Agenda> = {}): Agenda => ({
  phases: [
    { kind: 'welcome', title: 'Welcome', minutes: 10 },
    { kind: 'ideation', title: 'Ideas', minutes: 30 },
    { kind: 'closed', title: 'Thank you', minutes: 0 },
  ],
  current: 0,
  running: false,
  autoAdvance: false,
  extraMs: 0,
  endsAt: null,
  remainingMs: null,
  ...over,
});

describe('jumpWarning', () => {
  it('warns before a closed phase, whatever the timer', () => {
    expect(jumpWarning(agenda(), 2, 0, 0)).toBe('closed');
  });
  it('warns when a running timer with time left would be cut short', () => {
    const running = agenda({ running: true, endsAt: 10_000 });
    expect(jumpWarning(running, 1, 5_000, 0)).toBe('running');
    // The server clock runs 6 s ahead: time is up already.
    expect(jumpWarning(running, 1, 5_000, 6_000)).toBeNull();
  });
  it('does not warn when paused, untimed or over time', () => {
    expect(jumpWarning(agenda({ remainingMs: 60_000 }), 1, 0, 0)).toBeNull();
    expect(jumpWarning(agenda({ current: -1 }), 0, 0, 0)).toBeNull();
    expect(jumpWarning(agenda({ running: true, endsAt: 1_000 }), 1, 5_000, 0)).toBeNull();
  });
});

describe('undoOpen', () => {
  it('follows undoTo and the deadline on the server clock', () => {
    expect(undoOpen(agenda({ undoTo: 0, undoUntil: 10_000 }), 9_000, 0)).toBe(true);
    expect(undoOpen(agenda({ undoTo: 0, undoUntil: 10_000 }), 9_000, 2_000)).toBe(false);
    expect(undoOpen(agenda({ undoTo: null, undoUntil: 10_000 }), 0, 0)).toBe(false);
    expect(undoOpen(agenda({ undoTo: 0, undoUntil: null }), 0, 0)).toBe(false);
    // An older server sets no deadline: offered while undoTo is set.
    expect(undoOpen(agenda({ undoTo: -1 }), 0, 0)).toBe(true);
    expect(undoOpen(null, 0, 0)).toBe(false);
  });
});

describe('section links', () => {
  it('reads the section from the query, live by default', () => {
    expect(sectionOf('?section=ideas')).toBe('ideas');
    expect(sectionOf('')).toBe('live');
    expect(sectionOf('?section=nonsense')).toBe('live');
  });
  it('writes it, keeping other parameters', () => {
    expect(sectionHref('/facilitate/K7QX2M', '', 'voting')).toBe('/facilitate/K7QX2M?section=voting');
    expect(sectionHref('/facilitate/K7QX2M', '?section=voting&x=1', 'live')).toBe('/facilitate/K7QX2M?x=1');
  });
});
