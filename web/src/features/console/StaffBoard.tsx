import { mayEdit } from '../../agenda';
import { t, tn } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { connectedInTrack, participantCount } from '../../store';
import { ideasOfTrack } from '../../ideaViews';
import { AgendaPanel } from './AgendaPanel';
import { AnnouncePanel } from './AnnouncePanel';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { DraftingPanel } from '../drafting/DraftingPanel';
import { FinalSelectionPanel } from '../report/FinalSelectionPanel';
import { JoinSwitch } from '../people/JoinSwitch';
import { LinkPanel } from '../people/LinkPanel';
import { MembersPanel } from '../people/MembersPanel';
import { PeoplePanel } from '../people/PeoplePanel';
import { PhaseBar } from '../../ui/PhaseBar';
import { ReportView } from '../report/ReportView';
import { RosterPanel } from '../people/RosterPanel';
import { RoundsPanel } from '../voting/RoundsPanel';
import { ScreenPanel } from './ScreenPanel';
import { TablesPanel } from '../people/TablesPanel';
import { TrackIdeas } from '../board/TrackIdeas';
import { TrackPace } from './TrackPace';
import './console.css';

interface Props {
  session: Session;
  state: AppState;
  /** This page's path (`/facilitate/CODE`, `/lead/CODE`), for links to the proposals. */
  base: string;
}

/** Facilitators and track leads: every track side by side, with moderation. */
export function StaffBoard({ session, state, base }: Props) {
  const { event, you, agenda, presence } = state;
  if (!event || !you) return null;
  const facilitator = you.role === 'facilitator';
  const columns = event.tracks.map((track) => ({ track, ideas: ideasOfTrack(state, track.id) }));
  const ideaCount = columns.reduce((n, c) => n + c.ideas.filter((v) => !v.idea.hidden).length, 0);
  const announcements = Object.values(state.announcements).sort((a, b) => a.at - b.at || a.id - b.id);

  return (
    <div class="staff">
      <div class="staff__head">
        <div>
          <h1 class="board__title">{event.title}</h1>
          <p class="muted">{facilitator ? t('staff.facilitator') : t('staff.lead')}</p>
        </div>
        <dl class="stats">
          <div class="stats__item">
            <dt>{t('staff.joinCode')}</dt>
            <dd class="code-chip">{event.code}</dd>
            {state.selfJoin ? null : (
              <dd class="badge badge--closed" data-testid="join-code-closed">
                {t('selfJoin.closedBadge')}
              </dd>
            )}
          </div>
          <div class="stats__item">
            <dt class="visually-hidden">{t('admin.col.participants')}</dt>
            <dd data-testid="participant-count">{tn('staff.participants', participantCount(state))}</dd>
          </div>
          <div class="stats__item">
            <dt class="visually-hidden">{t('staff.connectedLabel')}</dt>
            <dd data-testid="connected-count">{tn('staff.connected', presence?.connected ?? 0)}</dd>
          </div>
          <div class="stats__item">
            <dt class="visually-hidden">{t('admin.col.ideas')}</dt>
            <dd>{tn('staff.ideas', ideaCount)}</dd>
          </div>
        </dl>
        <JoinSwitch session={session} selfJoin={state.selfJoin} controls={facilitator} />
      </div>
      <AnnouncementBanner state={state} />
      <PhaseBar agenda={agenda} offset={state.clockOffset} />
      <div class="console" aria-label={t('staff.console')} role="region">
        <AgendaPanel session={session} agenda={agenda} controls={facilitator} />
        {facilitator ? <AnnouncePanel session={session} event={event} announcements={announcements} /> : null}
        <ScreenPanel session={session} event={event} screen={state.screen} presence={presence} controls={facilitator} />
        {facilitator ? <TablesPanel session={session} state={state} /> : null}
        {facilitator || Object.keys(state.rounds).length > 0 ? (
          <RoundsPanel session={session} state={state} controls={facilitator} />
        ) : null}
        <DraftingPanel session={session} state={state} base={base} />
        {/* The final report: facilitators build it; leads read it once published. */}
        {facilitator ? (
          <FinalSelectionPanel session={session} state={state} />
        ) : (
          <ReportView session={session} state={state} />
        )}
      </div>
      <div class="columns">
        {columns.map(({ track, ideas }) => (
          <section class="column" key={track.id} aria-labelledby={`track-${track.id}`}>
            <div class="column__head">
              <h2 id={`track-${track.id}`}>{track.name}</h2>
              <span class="count">
                {tn('board.count', ideas.length)}
                {presence ? ` · ${tn('staff.here', connectedInTrack(state, track.id))}` : ''}
              </span>
            </div>
            {track.description ? <p class="column__desc">{track.description}</p> : null}
            <TrackPace session={session} agenda={agenda} track={track} you={you} />
            <TrackIdeas
              state={state}
              session={session}
              track={track}
              ideas={ideas}
              authorActions={mayEdit(agenda, track.id)}
              emptyText={t('board.empty')}
              labelledBy={`track-${track.id}`}
              idPrefix={`track-${track.id}`}
            />
          </section>
        ))}
      </div>
      <PeoplePanel session={session} state={state} controls={facilitator} />
      <MembersPanel session={session} state={state} />
      {facilitator ? <LinkPanel session={session} event={event} /> : null}
      {facilitator ? <RosterPanel session={session} state={state} /> : null}
    </div>
  );
}
