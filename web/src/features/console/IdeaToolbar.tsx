import { t } from '../../i18n';
import type { Cluster } from '../../protocol';
import type { IdeaFilter } from './ideaFilter';
import { isFiltering, NO_FILTER } from './ideaFilter';

interface Props {
  filter: IdeaFilter;
  onChange(next: IdeaFilter): void;
  /** The clusters of the track shown. */
  clusters: Cluster[];
}

const FLAGS = ['pinned', 'merged', 'hidden'] as const;

/** Search and filters over the ideas of the console. */
export function IdeaToolbar({ filter, onChange, clusters }: Props) {
  const set = (part: Partial<IdeaFilter>) => onChange({ ...filter, ...part });
  return (
    <div class="cideas__toolbar" role="search" aria-label={t('cideas.searchRegion')}>
      <div class="cideas__search">
        <label for="cideas-q" class="visually-hidden">
          {t('cideas.search')}
        </label>
        <svg
          class="cideas__search-icon"
          viewBox="0 0 20 20"
          width="16"
          height="16"
          aria-hidden="true"
          focusable="false"
        >
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l5 5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <input
          id="cideas-q"
          class="input"
          type="search"
          placeholder={t('cideas.searchPlaceholder')}
          value={filter.query}
          onInput={(e) => set({ query: e.currentTarget.value })}
        />
      </div>
      <div class="cideas__cluster">
        <label for="cideas-cluster">{t('cideas.cluster')}</label>
        <select
          id="cideas-cluster"
          class="input"
          value={String(filter.cluster)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set({ cluster: v === 'any' || v === 'none' ? v : Number(v) });
          }}
        >
          <option value="any">{t('cideas.clusterAny')}</option>
          <option value="none">{t('cideas.clusterNone')}</option>
          {clusters.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="cideas__flags">
        <legend class="visually-hidden">{t('cideas.only')}</legend>
        {FLAGS.map((flag) => (
          <label key={flag} class={filter[flag] ? 'toggle-chip toggle-chip--on' : 'toggle-chip'}>
            <input type="checkbox" checked={filter[flag]} onChange={(e) => set({ [flag]: e.currentTarget.checked })} />
            <span>{t(`cideas.flag.${flag}`)}</span>
          </label>
        ))}
      </fieldset>
      {isFiltering(filter) ? (
        <button type="button" class="btn btn--small btn--ghost" onClick={() => onChange(NO_FILTER)}>
          {t('cideas.clear')}
        </button>
      ) : null}
    </div>
  );
}
