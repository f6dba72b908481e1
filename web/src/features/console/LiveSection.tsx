import { formatNumber, t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { participantCount } from '../../store';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { RoundTurnout } from '../voting/RoundTurnout';
import { openRoundTurnout } from '../voting/turnout';
import { AgendaPanel } from './AgendaPanel';
import { AnnouncePanel } from './AnnouncePanel';
import { ScreenPanel } from './ScreenPanel';
import type { PhaseJump } from './usePhaseJump';

interface Props {
  session: Session;
  state: AppState;
  jump: PhaseJump;
}

/**
 * What the facilitator needs while the day runs: the agenda, announcements, the big screen,
 * who is here, and the turnout of an open round.
 */
export function LiveSection({ session, state, jump }: Props) {
  const { event, you, presence } = state;
  if (!event || !you) return null;
  const facilitator = you.role === 'facilitator';
  const announcements = Object.values(state.announcements).sort((a, b) => a.at - b.at || a.id - b.id);
  const ideas = Object.values(state.ideas).filter((i) => !i.hidden).length;
  const open = openRoundTurnout(state);
  return (
    <div class="live">
      <dl class="kpis">
        <div class="kpi">
          <dt>{t('staff.joinCode')}</dt>
          <dd class="kpi__value kpi__value--code">{event.code}</dd>
          {state.selfJoin ? null : (
            <dd class="badge badge--closed" data-testid="join-code-closed">
              {t('selfJoin.closedBadge')}
            </dd>
          )}
        </div>
        <div class="kpi">
          <dt>{t('kpi.participants')}</dt>
          <dd class="kpi__value" data-testid="participant-count">
            {formatNumber(participantCount(state))}
          </dd>
        </div>
        <div class="kpi">
          <dt>{t('staff.connectedLabel')}</dt>
          <dd class="kpi__value" data-testid="connected-count">
            {formatNumber(presence?.connected ?? 0)}
          </dd>
        </div>
        <div class="kpi">
          <dt>{t('kpi.ideas')}</dt>
          <dd class="kpi__value">{formatNumber(ideas)}</dd>
        </div>
        <div class="kpi">
          <dt>{t('kpi.proposals')}</dt>
          <dd class="kpi__value">{formatNumber(Object.keys(state.proposals).length)}</dd>
        </div>
      </dl>
      {facilitator ? null : <AnnouncementBanner state={state} />}
      <div class="live__grid">
        <div class="live__col">
          <AgendaPanel agenda={state.agenda} controls={facilitator} jump={jump} />
        </div>
        <div class="live__col">
          {open ? (
            <section class="panel" aria-labelledby="live-turnout-heading">
              <h2 id="live-turnout-heading">{t('turnout.liveTitle', { title: open.round.title })}</h2>
              <RoundTurnout state={state} round={open.round} />
            </section>
          ) : null}
          {facilitator ? <AnnouncePanel session={session} event={event} announcements={announcements} /> : null}
          <ScreenPanel
            session={session}
            event={event}
            screen={state.screen}
            presence={presence}
            controls={facilitator}
          />
        </div>
      </div>
    </div>
  );
}
