import { describe, expect, it } from 'vitest';
import { hasVisible, looksLikeRole, stripInvisible } from './names';

describe('names, as the server judges them', () => {
  it('removes bidirectional controls and invisible characters, keeps joiners', () => {
    expect(stripInvisible('Ana\u202e Ruiz\u200b')).toBe('Ana Ruiz');
    expect(stripInvisible('\u0645\u06cc\u200c\u062e')).toBe('\u0645\u06cc\u200c\u062e');
    expect(hasVisible(' Zoë ')).toBe(true);
    for (const empty of ['\u200b', '\u202e\u202c', ' \u200d ', '\u2066\u2069', '\u3000'])
      expect(hasVisible(empty)).toBe(false);
  });

  it.each([
    ['Facilitator', true],
    ['Ana (track lead)', true],
    ['TRACK-LEAD Skills', true],
    ['admin', true],
    ['Moderator 2', true],
    ['Organizer', true],
    ['Ana Ruiz', false],
    ['Leadbetter', false],
    ['Lead', false],
    ['Adminta', false],
    ['Jonas Staffa', false],
  ])('looksLikeRole(%j) is %s', (name, role) => {
    expect(looksLikeRole(name)).toBe(role);
  });
});
