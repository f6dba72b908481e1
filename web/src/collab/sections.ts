/**
 * The proposal page's door to a session's section registry: made on first use with the
 * CodeMirror configuration (so CodeMirror loads with the proposal page only).
 */
import type { Session } from '../session';
import { sectionExtensions } from './editorSetup';
import { SectionRegistry } from './registry';

export function sectionsOf(session: Session): SectionRegistry {
  return session.sections(() => new SectionRegistry({ ...session.sectionOptions(), extensions: sectionExtensions }));
}
