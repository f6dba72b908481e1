import { describe, expect, it } from 'vitest';
import { checkGroups, codeFromLabel, defaultGroups, sameGroups } from './groups';
import { setCatalogue } from './i18n';
import { en } from './i18n/en';
import de from './i18n/locales/de';
import { DEFAULT_GROUPS } from './protocol';
import { TEST_LIMITS as limits } from './fixtures.test-support';

describe('stakeholder groups', () => {
  it.each([
    ['Economist', 'economist'],
    ['AI specialist', 'ai_specialist'],
    ['Start-up', 'start_up'],
    ['  Société civile ', 'societe_civile'],
    ['!!!', ''],
  ])('makes a code of %j', (label, code) => {
    expect(codeFromLabel(label)).toBe(code);
  });

  it('keeps a code within the server’s limit', () => {
    expect(codeFromLabel('x'.repeat(40), 32)).toBe('x'.repeat(32));
  });

  it('accepts the default groups', () => {
    expect(checkGroups(DEFAULT_GROUPS, limits)).toBeNull();
  });

  it.each([
    [[], 'none', 0],
    [[{ code: 'a', label: ' ' }], 'label', 0],
    [[{ code: 'a', label: 'x'.repeat(61) }], 'label', 0],
    [[{ code: 'A', label: 'A' }], 'code', 0],
    [[{ code: '', label: 'A' }], 'code', 0],
    [
      [
        { code: 'a', label: 'Same' },
        { code: 'b', label: 'same ' },
      ],
      'same_label',
      1,
    ],
    [
      [
        { code: 'a', label: 'A' },
        { code: 'a', label: 'B' },
      ],
      'same_code',
      1,
    ],
    [Array.from({ length: 21 }, (_, i) => ({ code: `g${i}`, label: `G${i}` })), 'too_many', 20],
  ])('finds the problem of %j', (groups, problem, index) => {
    expect(checkGroups(groups, limits)).toEqual({ problem, index });
  });

  it('without limits (an older server) checks only what needs none', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ code: `g${i}`, label: 'x'.repeat(61) + i }));
    expect(checkGroups(many, null)).toBeNull();
    expect(checkGroups([{ code: 'a-b', label: 'A' }], null)).toEqual({ problem: 'code', index: 0 });
  });
});

describe("the nine usual groups in the app's language", () => {
  it('are the default codes, in English as the server names them, in German in German', () => {
    expect(defaultGroups()).toEqual(DEFAULT_GROUPS);
    setCatalogue('de', de);
    try {
      const german = defaultGroups();
      expect(german.map((g) => g.code)).toEqual(DEFAULT_GROUPS.map((g) => g.code));
      expect(german).not.toEqual(DEFAULT_GROUPS);
      expect(checkGroups(german, limits)).toBeNull();
    } finally {
      setCatalogue('en', en);
    }
  });

  it('tell whether a form still holds them as offered', () => {
    const offered = defaultGroups();
    expect(
      sameGroups(
        offered.map((g) => ({ ...g, label: ` ${g.label} ` })),
        offered,
      ),
    ).toBe(true);
    expect(sameGroups(offered.slice(1), offered)).toBe(false);
    expect(sameGroups([{ ...offered[0]!, label: 'EU body' }, ...offered.slice(1)], offered)).toBe(false);
    expect(sameGroups([offered[1]!, offered[0]!, ...offered.slice(2)], offered)).toBe(false);
  });
});
