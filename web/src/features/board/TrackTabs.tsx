import { t } from '../../i18n';
import type { Track } from '../../protocol';

interface Props {
  tracks: Track[];
  current: number;
  own: number | null;
  onSelect: (id: number) => void;
}

/** Buttons to switch between tracks; the shown one is pressed. */
export function TrackTabs({ tracks, current, own, onSelect }: Props) {
  if (tracks.length < 2) return null;
  return (
    <nav class="tracks" aria-label={t('board.tracks')}>
      <ul class="tracks__list">
        {tracks.map((tr) => (
          <li key={tr.id}>
            <button type="button" class="tracks__btn" aria-pressed={tr.id === current} onClick={() => onSelect(tr.id)}>
              {tr.name}
              {tr.id === own ? <span class="tracks__own"> {t('board.yourTrack')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
