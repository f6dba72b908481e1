/**
 * The proposal page's door to a session's section registry: made on first use with the
 * CodeMirror configuration (so CodeMirror loads with the proposal page only).
 */
import type { Session } from '../session';
import { sectionExtensions } from './editorSetup';
import { claimable } from './persist';
import { SectionRegistry } from './registry';

export function sectionsOf(session: Session): SectionRegistry {
  return session.sections(() => new SectionRegistry({ ...session.sectionOptions(), extensions: sectionExtensions }));
}

/**
 * Sends the unconfirmed edits this tab may take over from storage (a reload or crash away
 * from their proposal's page): each such section is opened in the background and closed once
 * the server has confirmed them. `found` lists [proposal, section, storage key].
 */
export function resumeSections(session: Session, found: readonly [number, number, string][]): void {
  const options = session.sectionOptions();
  const registry = sectionsOf(session);
  for (const [proposal, section, key] of found) {
    if (!claimable(options.storage, key, options.tabId, Date.now())) continue;
    registry.release(registry.acquire(proposal, section));
  }
}
