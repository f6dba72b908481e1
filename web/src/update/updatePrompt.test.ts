import { describe, expect, it } from 'vitest';
import type { FocusTarget, PromptInputs } from './updatePrompt';
import { isWriting, promptDecision, QUIET_MS } from './updatePrompt';

const NOW = 1_000_000;
const ready: PromptInputs = {
  waiting: true,
  dismissed: false,
  shown: false,
  writing: false,
  lastActivity: null,
  now: NOW,
};

describe('promptDecision', () => {
  const cases: [string, Partial<PromptInputs>, ReturnType<typeof promptDecision>][] = [
    ['no new version', { waiting: false }, { show: false, askAgainIn: null }],
    ['a new version, nobody typing', {}, { show: true }],
    ['put off with Later', { dismissed: true }, { show: false, askAgainIn: null }],
    ['put off, even if it was shown', { dismissed: true, shown: true }, { show: false, askAgainIn: null }],
    ['focus in a field', { writing: true }, { show: false, askAgainIn: null }],
    [
      'focus in a field long after typing',
      { writing: true, lastActivity: NOW - 60_000 },
      { show: false, askAgainIn: null },
    ],
    ['just typed, focus gone', { lastActivity: NOW - 500 }, { show: false, askAgainIn: QUIET_MS - 500 }],
    ['typed this instant', { lastActivity: NOW }, { show: false, askAgainIn: QUIET_MS }],
    ['a clock that went back', { lastActivity: NOW + 5_000 }, { show: false, askAgainIn: QUIET_MS }],
    ['quiet for exactly the pause', { lastActivity: NOW - QUIET_MS }, { show: true }],
    ['quiet for long', { lastActivity: NOW - 10 * QUIET_MS }, { show: true }],
    ['already shown, then typing again', { shown: true, writing: true, lastActivity: NOW }, { show: true }],
    ['shown but no version waits', { waiting: false, shown: true }, { show: false, askAgainIn: null }],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => expect(promptDecision({ ...ready, ...change })).toEqual(expected));
  }
});

describe('isWriting', () => {
  const el = (tagName: string, more: Partial<FocusTarget> = {}): FocusTarget => ({
    tagName,
    isContentEditable: false,
    unsentText: false,
    ...more,
  });
  const cases: [string, FocusTarget | null, boolean][] = [
    ['nothing focused', null, false],
    ['the body', el('BODY'), false],
    ['a textarea', el('TEXTAREA'), true],
    ['a select', el('SELECT'), true],
    ['a text input', el('INPUT', { type: 'text' }), true],
    ['an input without type', el('INPUT'), true],
    ['a search input', el('INPUT', { type: 'search' }), true],
    ['a number input', el('INPUT', { type: 'number' }), true],
    ['a checkbox', el('INPUT', { type: 'checkbox' }), false],
    ['a radio', el('INPUT', { type: 'radio' }), false],
    ['a submit input', el('INPUT', { type: 'submit' }), false],
    ['a button', el('BUTTON'), false],
    ['a link', el('A'), false],
    ['the editor (contenteditable)', el('DIV', { isContentEditable: true }), true],
    ['a button of a form with unsent text', el('BUTTON', { unsentText: true }), true],
    ['a checkbox of a form with unsent text', el('INPUT', { type: 'checkbox', unsentText: true }), true],
  ];
  for (const [name, target, expected] of cases) {
    it(name, () => expect(isWriting(target)).toBe(expected));
  }
});
