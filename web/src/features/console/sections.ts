/**
 * The console's sections and their deep links. The section is in the query
 * (`/facilitate/CODE?section=ideas`): the fragment carries the link's token on the first load
 * (and the skip link's `#main`), and the path's tail names the proposal pages.
 */
import { useEffect, useState } from 'preact/hooks';
import { navigate, onNavigate } from '../../router';

export const SECTIONS = ['live', 'ideas', 'voting', 'proposals', 'report', 'people', 'settings'] as const;
export type SectionId = (typeof SECTIONS)[number];

/** The section a query string names; `live` when it names none we know. */
export function sectionOf(search: string): SectionId {
  const wanted = new URLSearchParams(search).get('section');
  return (SECTIONS as readonly string[]).includes(wanted ?? '') ? (wanted as SectionId) : 'live';
}

/** The address of a section of the console at `path`, other query parameters kept. */
export function sectionHref(path: string, search: string, section: SectionId): string {
  const params = new URLSearchParams(search);
  if (section === 'live') params.delete('section');
  else params.set('section', section);
  const query = params.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** The section in the address, following the browser's back and forward. */
export function useSection(): [SectionId, (next: SectionId) => void] {
  const [section, setSection] = useState(() => sectionOf(location.search));
  useEffect(() => onNavigate(() => setSection(sectionOf(location.search))), []);
  const go = (next: SectionId) => {
    if (next === sectionOf(location.search)) return;
    navigate(sectionHref(location.pathname, location.search, next));
  };
  return [section, go];
}
