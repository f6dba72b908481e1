/**
 * When the "new version" prompt may show: never while someone is typing. Pure; tested in
 * updatePrompt.test.ts. The component (ui/UpdatePrompt.tsx) feeds it the page's focus and
 * the time of the last keystroke; the service worker (serviceWorker.ts) says whether a new
 * version waits.
 */

/** How long the page must be quiet (no typing, no field left) before the prompt shows. */
export const QUIET_MS = 2_000;

/** The element that has focus, as far as the prompt cares. */
export interface FocusTarget {
  /** Upper case, as `Element.tagName`. */
  tagName: string;
  /** An input's type (lower case); absent for other elements. */
  type?: string;
  /** A contenteditable element (the proposal editor, CodeMirror). */
  isContentEditable: boolean;
  /** The form around the element (the composer, say) holds text not yet sent. */
  unsentText: boolean;
}

/** Input types that take no typing: focus on them is not "typing". */
const CLICK_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image']);

/**
 * Whether focus on `target` means the person is writing: a text field, a select, an
 * editor, or any control of a form that holds unsent text (the composer's "Post" button
 * with an idea typed). Null (nothing focused, the page's body) is not writing.
 */
export function isWriting(target: FocusTarget | null): boolean {
  if (target === null) return false;
  if (target.isContentEditable || target.unsentText) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName === 'INPUT') return !CLICK_INPUTS.has(target.type ?? 'text');
  return false;
}

export interface PromptInputs {
  /** A new version is installed and waits for the page to take it. */
  waiting: boolean;
  /** The person chose "Later" for this version. */
  dismissed: boolean;
  /** The prompt is already on screen (it stays until answered; it does not flicker). */
  shown: boolean;
  /** Focus is where the person writes (see isWriting). */
  writing: boolean;
  /** When the person last typed or left a field (ms since the epoch), or null: not yet. */
  lastActivity: number | null;
  now: number;
}

/** Show now; or not, and when to ask again (null: only when something changes). */
export type PromptDecision = { show: true } | { show: false; askAgainIn: number | null };

/**
 * The prompt shows once a new version waits, the person has not put it off, focus is not
 * where they write, and QUIET_MS have passed since they last typed or left a field.
 */
export function promptDecision(i: PromptInputs): PromptDecision {
  if (!i.waiting || i.dismissed) return { show: false, askAgainIn: null };
  if (i.shown) return { show: true };
  if (i.writing) return { show: false, askAgainIn: null };
  if (i.lastActivity !== null) {
    const quiet = i.now - i.lastActivity;
    if (quiet < QUIET_MS) return { show: false, askAgainIn: QUIET_MS - Math.max(0, quiet) };
  }
  return { show: true };
}
