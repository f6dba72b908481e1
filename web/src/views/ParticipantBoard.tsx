import { useState } from 'preact/hooks';
import { t, tn } from '../i18n';
import type { Session } from '../session';
import type { AppState } from '../store';
import { ideasOfTrack } from '../store';
import { Composer } from './Composer';
import { IdeaList } from './IdeaList';
import { TrackTabs } from './TrackTabs';

interface Props {
  session: Session;
  state: AppState;
}

/** The participant's board: one track at a time, their own first, with a composer. */
export function ParticipantBoard({ session, state }: Props) {
  const { event, you } = state;
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

  return (
    <div class="board">
      <div class="board__intro">
        <h1 class="board__title">{event.title}</h1>
        {you ? <p class="muted">{t('board.you', { name: you.name })}</p> : null}
      </div>
      <TrackTabs tracks={event.tracks} current={track.id} own={ownTrack} onSelect={setChosen} />
      <section class="track-view" aria-labelledby="track-heading">
        <div class="track-view__head">
          <h2 id="track-heading">{t('board.ideasIn', { track: track.name })}</h2>
          <span class="count">{tn('board.count', ideas.length)}</span>
        </div>
        {track.description ? <p class="track-view__desc">{track.description}</p> : null}
        <Composer session={session} track={track} />
        <IdeaList
          ideas={ideas}
          you={you}
          session={session}
          emptyText={t('board.empty')}
          labelledBy="track-heading"
        />
      </section>
    </div>
  );
}
