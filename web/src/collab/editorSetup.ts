/**
 * The CodeMirror configuration every section editor shares: Markdown (lists continue on
 * Enter), line wrapping, undo,
 * the default keys (Tab is left to move the focus), and two compartments the view sets per
 * section: whether it can be edited, and its accessible label and placeholder.
 *
 * The compartments are module-wide so a state made while one view was shown can be shown
 * (and reconfigured) by another.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { insertNewlineContinueMarkup, deleteMarkupBackward, markdownLanguage } from '@codemirror/lang-markdown';
import { LanguageSupport } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';

export const editableCompartment = new Compartment();
export const labelCompartment = new Compartment();

/** Read-only for non-team members and while frozen: still live, still selectable. */
export function editableConfig(editable: boolean): Extension {
  return [
    EditorState.readOnly.of(!editable),
    EditorView.editable.of(editable),
    // A read-only text stays reachable with the keyboard (and a screen reader).
    editable ? [] : EditorView.contentAttributes.of({ tabindex: '0' }),
  ];
}

/** The accessible name (the section's heading), its description, and the hint shown while empty. */
export function labelConfig(label: string, describedBy: string | null, hint: string): Extension {
  const attrs: Record<string, string> = { 'aria-label': label };
  if (describedBy) attrs['aria-describedby'] = describedBy;
  return [EditorView.contentAttributes.of(attrs), hint ? placeholder(hint) : []];
}

/** Everything but the collab extension (the section sync adds that). */
export function sectionExtensions(): Extension {
  return [
    // Markdown (GitHub flavour) without the embedded HTML, CSS and JavaScript support that
    // markdown() brings: a proposal's text needs none of it, and the page loads faster.
    new LanguageSupport(markdownLanguage),
    keymap.of([
      { key: 'Enter', run: insertNewlineContinueMarkup },
      { key: 'Backspace', run: deleteMarkupBackward },
    ]),
    EditorView.lineWrapping,
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    editableCompartment.of(editableConfig(false)),
    labelCompartment.of(labelConfig('', null, '')),
  ];
}
