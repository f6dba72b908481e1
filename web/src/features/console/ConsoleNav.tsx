import { t } from '../../i18n';
import type { MessageKey } from '../../i18n';
import type { SectionId } from './sections';
import { SECTIONS, sectionHref } from './sections';

interface Props {
  current: SectionId;
  /** The sections this member has (leads have no settings of the event). */
  sections: readonly SectionId[];
  /** A short figure beside a section's name ("150", "open"), or none. */
  badges: Partial<Record<SectionId, string>>;
  onSelect(section: SectionId): void;
}

/**
 * The console's sections: a sidebar on laptops, a row of tabs that scrolls sideways on
 * phones. Real links (`?section=…`), so a section can be opened in a new tab or bookmarked.
 */
export function ConsoleNav({ current, sections, badges, onSelect }: Props) {
  return (
    <nav class="cnav" aria-label={t('console.nav')}>
      <ul class="cnav__list">
        {SECTIONS.filter((s) => sections.includes(s)).map((s) => (
          <li key={s}>
            <a
              class={s === current ? 'cnav__link cnav__link--current' : 'cnav__link'}
              href={sectionHref(location.pathname, location.search, s)}
              aria-current={s === current ? 'page' : undefined}
              data-section={s}
              onClick={(e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
                e.preventDefault();
                onSelect(s);
              }}
            >
              <span class="cnav__name">{t(`console.section.${s}` as MessageKey)}</span>
              {badges[s] ? <span class="cnav__badge">{badges[s]}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
