import { t } from '../i18n';
import { joinUrl } from '../router';
import type { AppState } from '../store';
import { ideasOfTrack } from '../store';
import { IdeaList } from './IdeaList';

interface Props {
  state: AppState;
}

/** The big screen: every track's ideas in large type, and how to join. Read-only. */
export function ScreenWall({ state }: Props) {
  const { event, you } = state;
  if (!event) return null;
  const url = joinUrl('').replace(/\/$/, '');
  return (
    <div class="wall">
      <div class="wall__head">
        <h1 class="wall__title">{event.title}</h1>
        <p class="wall__join">
          {t('screen.join', { url })} <strong class="wall__code">{event.code}</strong>
        </p>
      </div>
      <div class="columns columns--wall">
        {event.tracks.map((track) => (
          <section class="column" key={track.id} aria-labelledby={`wall-track-${track.id}`}>
            <h2 id={`wall-track-${track.id}`} class="wall__track">
              {track.name}
            </h2>
            <IdeaList
              ideas={ideasOfTrack(state, track.id).filter((v) => !v.idea.hidden)}
              you={you}
              emptyText={t('board.empty')}
              labelledBy={`wall-track-${track.id}`}
              large
            />
          </section>
        ))}
      </div>
    </div>
  );
}
