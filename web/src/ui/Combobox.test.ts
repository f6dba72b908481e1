import { describe, expect, it } from 'vitest';
import { filterOptions, foldText } from './Combobox';

const options = [
  { value: '1', label: 'Individual AI learning accounts', detail: 'Zoé Ruiz' },
  { value: '2', label: 'A learning budget for every worker', detail: 'Bo Jensen' },
  { value: '3', label: 'Public  sandboxes for SMEs', detail: 'Anonymous' },
];

describe('Combobox filter', () => {
  it('folds case, accents and spaces', () => {
    expect(foldText('  Zoé   RUIZ ')).toBe('zoe ruiz');
  });

  it('keeps every option for an empty query', () => {
    expect(filterOptions(options, '  ')).toHaveLength(3);
  });

  it('matches every typed word in the text or the detail, in order', () => {
    expect(filterOptions(options, 'learning').map((o) => o.value)).toEqual(['1', '2']);
    expect(filterOptions(options, 'learn zoe').map((o) => o.value)).toEqual(['1']);
    expect(filterOptions(options, 'public sandboxes').map((o) => o.value)).toEqual(['3']);
    expect(filterOptions(options, 'nothing like it')).toEqual([]);
  });
});
