import { formatNumber, t } from '../../i18n';
import type { Track } from '../../protocol';

interface Props {
  tracks: Track[];
  current: number;
  /** Per track: how many ideas pass the filter. */
  counts: Map<number, number>;
  /** The id of the panel the tabs control. */
  panelId: string;
  onSelect(track: number): void;
}

/** The tracks as tabs, each with its count; arrow keys move between them. */
export function TrackTablist({ tracks, current, counts, panelId, onSelect }: Props) {
  const move = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to =
      e.key === 'Home' ? 0 : e.key === 'End' ? tracks.length - 1 : (index + step + tracks.length) % tracks.length;
    if (step === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    onSelect(tracks[to].id);
    document.getElementById(`cideas-tab-${tracks[to].id}`)?.focus();
  };
  return (
    <div class="ttabs" role="tablist" aria-label={t('board.tracks')}>
      {tracks.map((tr, i) => {
        const selected = tr.id === current;
        const count = counts.get(tr.id) ?? 0;
        return (
          <button
            key={tr.id}
            id={`cideas-tab-${tr.id}`}
            type="button"
            role="tab"
            class={count === 0 ? 'ttabs__tab ttabs__tab--empty' : 'ttabs__tab'}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            data-track={tr.id}
            onClick={() => onSelect(tr.id)}
            onKeyDown={(e) => move(e, i)}
          >
            <span class="ttabs__name">{tr.name}</span>
            <span class="ttabs__count" data-testid={`track-count-${tr.id}`}>
              {formatNumber(count)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
