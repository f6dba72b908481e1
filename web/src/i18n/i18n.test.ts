import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PHASE_KINDS } from '../protocol';
import { en } from './en';
import {
  errorKey,
  errorText,
  formatList,
  formatLocale,
  formatNumber,
  formatPercent,
  formatTime,
  setCatalogue,
  t,
  tn,
} from './index';

describe('message catalogue', () => {
  it.each(ERROR_CODES)('has a text for error code %s', (code) => {
    expect(errorKey(code)).toBe(`error.${code}`);
    expect(en[`error.${code}`]).toBeTruthy();
  });

  it('has a text for the client-side connection_lost error and unknown codes', () => {
    expect(errorText('connection_lost')).toBe(en['error.connection_lost']);
    expect(errorText('brand_new_code')).toBe('Something went wrong (brand_new_code).');
  });

  it.each(PHASE_KINDS)('has a label for phase kind %s', (kind) => {
    expect(en[`phase.kind.${kind}`]).toBeTruthy();
  });

  it('explains wrong_phase in its own words', () => {
    expect(errorText('wrong_phase')).toMatch(/phase/);
  });

  it('has every text the agenda, announcements, screen and presence views use', () => {
    const keys = [
      'phase.notStarted',
      'phase.timeLeft',
      'phase.overTime',
      'phase.timeUp',
      'phase.paused',
      'phase.sound',
      'board.noPosting',
      'board.noPosting.welcome',
      'board.noPosting.closed',
      'agenda.start',
      'agenda.previous',
      'agenda.next',
      'agenda.pause',
      'agenda.resume',
      'agenda.autoAdvance',
      'agenda.save',
      'announce.submit',
      'announce.takeDown',
      'screen.shows',
      'screen.allTracks',
      'screen.qr',
      'presence.title',
    ] as const;
    for (const key of keys) expect(en[key], key).toBeTruthy();
    expect(t('phase.timeUp')).toBe('Time is up');
    expect(tn('board.people', 1)).toBe('1 person here');
    expect(tn('board.people', 12)).toBe('12 people here');
    expect(tn('agenda.extendLabel', 5)).toBe('+5 min (add 5 minutes)');
    expect(t('phase.step', { n: 2, total: 8 })).toBe('Phase 2 of 8');
  });

  it('uses no catalogue key in the app that is missing from it', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const src = new URL('../', import.meta.url);
    const used = new Set<string>();
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f) && !f.startsWith('i18n'),
    );
    expect(files.length).toBeGreaterThan(60);
    for (const file of files) {
      const source = readFileSync(new URL(file, src), 'utf8');
      for (const m of source.matchAll(/\bt\('([a-zA-Z_.]+)'/g)) used.add(m[1]);
      for (const m of source.matchAll(/\btn\('([a-zA-Z_.]+)'/g)) {
        used.add(`${m[1]}.one`);
        used.add(`${m[1]}.other`);
      }
    }
    const missing = [...used].filter((key) => !(key in en));
    expect(missing).toEqual([]);
  });

  it('has no empty message', () => {
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
  });

  it('fills in values and plural forms', () => {
    expect(t('join.title', { title: 'AI' })).toBe('Join AI');
    expect(tn('staff.participants', 1)).toBe('1 participant');
    expect(tn('staff.participants', 64)).toBe('64 participants');
    expect(tn('staff.participants', 0)).toBe('0 participants');
  });
});

describe('times, dates and numbers', () => {
  it('follow the language shown, in the browser’s region, and a change of either', () => {
    const nav = globalThis as { navigator?: unknown };
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const browser = { languages: ['fr-BE', 'de-AT'], language: 'fr-BE' };
    Object.defineProperty(globalThis, 'navigator', { value: browser, configurable: true });
    try {
      setCatalogue('de', en);
      expect(formatLocale()).toBe('de-AT');
      expect(formatNumber(1234.5)).toBe(new Intl.NumberFormat('de-AT').format(1234.5));
      expect(formatPercent(0.71)).toBe(new Intl.NumberFormat('de-AT', { style: 'percent' }).format(0.71));
      // Asked again: the same answers (from memory).
      expect(formatNumber(1234.5)).toBe(new Intl.NumberFormat('de-AT').format(1234.5));
      setCatalogue('fr', en);
      expect(formatLocale()).toBe('fr-BE');
      expect(formatNumber(1234.5)).toBe(new Intl.NumberFormat('fr-BE').format(1234.5));
      // The browser's languages change (a setting changed): the region follows.
      browser.languages = ['fr-CH'];
      browser.language = 'fr-CH';
      expect(formatLocale()).toBe('fr-CH');
      expect(formatTime(Date.UTC(2026, 0, 1, 9, 5))).toBe(
        new Intl.DateTimeFormat('fr-CH', { hour: '2-digit', minute: '2-digit' }).format(Date.UTC(2026, 0, 1, 9, 5)),
      );
      setCatalogue('pl', en);
      expect(formatLocale()).toBe('pl');
      expect(formatList(['a', 'b', 'c'])).toBe(
        new Intl.ListFormat('pl', { type: 'conjunction' }).format(['a', 'b', 'c']),
      );
    } finally {
      setCatalogue('en', en);
      if (before) Object.defineProperty(globalThis, 'navigator', before);
      else delete nav.navigator;
    }
  });
});
