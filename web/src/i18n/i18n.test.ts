import { describe, expect, it } from 'vitest';
import { ERROR_CODES, STAKEHOLDER_GROUPS } from '../protocol';
import { en } from './en';
import { errorKey, errorText, t, tn } from './index';

describe('message catalogue', () => {
  it.each(ERROR_CODES)('has a text for error code %s', (code) => {
    expect(errorKey(code)).toBe(`error.${code}`);
    expect(en[`error.${code}`]).toBeTruthy();
  });

  it('has a text for the client-side connection_lost error and unknown codes', () => {
    expect(errorText('connection_lost')).toBe(en['error.connection_lost']);
    expect(errorText('brand_new_code')).toBe('Something went wrong (brand_new_code).');
  });

  it.each(STAKEHOLDER_GROUPS)('has a label for stakeholder group %s', (group) => {
    expect(en[`group.${group}`]).toBeTruthy();
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
