import { describe, expect, it } from 'vitest';
import { checkGroups, codeFromLabel } from './groups';
import { DEFAULT_GROUPS } from './protocol';

describe('stakeholder groups', () => {
  it.each([
    ['Economist', 'economist'],
    ['AI specialist', 'ai_specialist'],
    ['Start-up', 'start_up'],
    ['  Société civile ', 'societe_civile'],
    ['!!!', ''],
    ['x'.repeat(40), 'x'.repeat(32)],
  ])('makes a code of %j', (label, code) => {
    expect(codeFromLabel(label)).toBe(code);
  });

  it('accepts the default groups', () => {
    expect(checkGroups(DEFAULT_GROUPS)).toBeNull();
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
    expect(checkGroups(groups)).toEqual({ problem, index });
  });
});
