import { useState } from 'preact/hooks';
import { currentPhase, mayEdit, mayPost } from '../agenda';
import type { MessageKey } from '../i18n';
import { t, tn } from '../i18n';
import type { Session } from '../session';
import type { AppState } from '../store';
import { ideasOfTrack } from '../store';
import { AnnouncementBanner } from './AnnouncementBanner';
import { Composer } from './Composer';
import { IdeaList } from './IdeaList';
import { PhaseBar } from './PhaseBar';
import { TrackTabs } from './TrackTabs';

interface Props {
  session: Session;
  state: AppState;
}

/** Why the composer is not shown in the current phase. */
function noPostingKey(state: AppState): MessageKey {
  const kind = currentPhase(state.agenda)?.kind;
  if (kind === 'welcome') return 'board.noPosting.welcome';
  if (kind === 'closed') return 'board.noPosting.closed';
  return 'board.noPosting';
}

/** The participant's board: one track at a time, their own first, with a composer. */
export function ParticipantBoard({ session, state }: Props) {
  const { event, you, agenda, presence } = state;
  const [chosen, setChosen] = useState<number | null>(null);

  if (!event) {
    return (
      <section class="panel" aria-busy="true">
        <p>{t('app.loading')}</p>
      </section>
    );
  }
  const ownTrack = you?.track ?? null;
  const trackId = chosen ?? ownTrack ?? event.tracks[0]?.id;
  const track = event.tracks.find((tr) => tr.id === trackId) ?? event.tracks[0];
  if (!track) return null;
  const ideas = ideasOfTrack(state, track.id);
  const posting = mayPost(agenda);

  return (
    <div class="board">
      <AnnouncementBanner state={state} />
      <div class="board__intro">
        <h1 class="board__title">{event.title}</h1>
        <p class="muted board__who">
          {you ? <span>{t('board.you', { name: you.name })}</span> : null}
          {presence ? (
            <span class="board__people" data-testid="people-here">
              {tn('board.people', presence.connected)}
            </span>
          ) : null}
        </p>
      </div>
      <PhaseBar agenda={agenda} offset={state.clockOffset} />
      <TrackTabs tracks={event.tracks} current={track.id} own={ownTrack} onSelect={setChosen} />
      <section class="track-view" aria-labelledby="track-heading">
        <div class="track-view__head">
          <h2 id="track-heading">{t('board.ideasIn', { track: track.name })}</h2>
          <span class="count">{tn('board.count', ideas.length)}</span>
        </div>
        {track.description ? <p class="track-view__desc">{track.description}</p> : null}
        {posting ? (
          <Composer session={session} track={track} />
        ) : (
          <p class="phase-note" data-testid="no-posting">
            {t(noPostingKey(state))}
          </p>
        )}
        <IdeaList
          ideas={ideas}
          you={you}
          session={session}
          authorActions={mayEdit(agenda)}
          emptyText={t('board.empty')}
          labelledBy="track-heading"
        />
      </section>
    </div>
  );
}
