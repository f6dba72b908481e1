import { t, tn } from '../i18n';
import type { Session } from '../session';
import type { AppState } from '../store';
import { ideasOfTrack, participantCount } from '../store';
import { IdeaList } from './IdeaList';
import { LinkPanel } from './LinkPanel';

interface Props {
  session: Session;
  state: AppState;
}

/** Facilitators and track leads: every track side by side, with moderation. */
export function StaffBoard({ session, state }: Props) {
  const { event, you } = state;
  if (!event || !you) return null;
  const columns = event.tracks.map((track) => ({ track, ideas: ideasOfTrack(state, track.id) }));
  const ideaCount = columns.reduce((n, c) => n + c.ideas.filter((v) => !v.idea.hidden).length, 0);

  return (
    <div class="staff">
      <div class="staff__head">
        <div>
          <h1 class="board__title">{event.title}</h1>
          <p class="muted">{you.role === 'facilitator' ? t('staff.facilitator') : t('staff.lead')}</p>
        </div>
        <dl class="stats">
          <div class="stats__item">
            <dt>{t('staff.joinCode')}</dt>
            <dd class="code-chip">{event.code}</dd>
          </div>
          <div class="stats__item">
            <dt class="visually-hidden">{t('admin.col.participants')}</dt>
            <dd data-testid="participant-count">{tn('staff.participants', participantCount(state))}</dd>
          </div>
          <div class="stats__item">
            <dt class="visually-hidden">{t('admin.col.ideas')}</dt>
            <dd>{tn('staff.ideas', ideaCount)}</dd>
          </div>
        </dl>
      </div>
      <div class="columns">
        {columns.map(({ track, ideas }) => (
          <section class="column" key={track.id} aria-labelledby={`track-${track.id}`}>
            <div class="column__head">
              <h2 id={`track-${track.id}`}>{track.name}</h2>
              <span class="count">{tn('board.count', ideas.length)}</span>
            </div>
            {track.description ? <p class="column__desc">{track.description}</p> : null}
            <IdeaList
              ideas={ideas}
              you={you}
              session={session}
              emptyText={t('board.empty')}
              labelledBy={`track-${track.id}`}
            />
          </section>
        ))}
      </div>
      {you.role === 'facilitator' ? <LinkPanel session={session} event={event} /> : null}
    </div>
  );
}
