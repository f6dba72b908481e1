import { t, tn } from '../../i18n';
import { joinUrl } from '../../router';
import type { AppState } from '../../store';
import { ideasOfTrack } from '../../ideaViews';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { IdeaList } from '../board/IdeaList';
import { PhaseBar } from '../../ui/PhaseBar';
import { QrCode } from '../../ui/QrCode';
import { ResultsView } from '../voting/ResultsView';
import { screenRound } from '../voting/voting';
import './screen.css';

interface Props {
  state: AppState;
}

const QR_SIZE = 360;

/**
 * The room's big screen (1920×1080, read from across the room): how to join (code and QR;
 * while joining with the code is closed, only that it is),
 * the phase and its countdown, who is here, and the live idea wall of every track or of
 * the one the facilitator chose. Read-only.
 */
export function ScreenWall({ state }: Props) {
  const { event, you, presence, screen } = state;
  if (!event) return null;
  const link = joinUrl(event.code);
  const shown = screen.track === null ? event.tracks : event.tracks.filter((tr) => tr.id === screen.track);
  const tracks = shown.length > 0 ? shown : event.tracks;
  const single = tracks.length === 1;
  const revealed = screenRound(state);

  return (
    <div class="wall">
      <div class="wall__top">
        <div class="wall__main">
          <h1 class="wall__title">{event.title}</h1>
          <PhaseBar agenda={state.agenda} offset={state.clockOffset} large sound track={screen.track ?? undefined} />
          {presence ? (
            <p class="wall__people" data-testid="people-here">
              {tn('board.people', presence.connected)}
            </p>
          ) : null}
        </div>
        {state.selfJoin ? (
          <div class="wall__join">
            <QrCode url={link} size={QR_SIZE} />
            <div class="wall__join-text">
              <p class="wall__join-at">
                {t('screen.joinAt')}{' '}
                <span class="wall__url">
                  {joinUrl('')
                    .replace(/\/$/, '')
                    .replace(/^https?:\/\//, '')}
                </span>
              </p>
              <p class="wall__code-label">{t('screen.code')}</p>
              <p class="wall__code" data-testid="join-code">
                {event.code}
              </p>
            </div>
          </div>
        ) : (
          // Joining with the code is closed: the screen no longer invites people to sign up.
          <div class="wall__join wall__join--closed" data-testid="wall-join-closed">
            <p>{t('screen.joinClosed')}</p>
          </div>
        )}
      </div>
      <AnnouncementBanner state={state} large />
      {revealed ? (
        <div class="wall__results">
          <p class="wall__results-label">{t('screen.results')}</p>
          <ResultsView state={state} round={revealed} items={state.results[revealed.id] ?? []} large />
        </div>
      ) : (
        <div class={single ? 'columns columns--wall columns--single' : 'columns columns--wall'}>
          {tracks.map((track) => (
            <section class="column" key={track.id} aria-labelledby={`wall-track-${track.id}`}>
              <h2 id={`wall-track-${track.id}`} class="wall__track">
                {track.name}
              </h2>
              {single && track.description ? <p class="column__desc wall__desc">{track.description}</p> : null}
              <IdeaList
                ideas={ideasOfTrack(state, track.id).filter((v) => !v.idea.hidden)}
                you={you}
                state={state}
                emptyText={t('board.empty')}
                labelledBy={`wall-track-${track.id}`}
                large
              />
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
