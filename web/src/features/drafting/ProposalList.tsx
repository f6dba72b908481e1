import type { ComponentChildren } from 'preact';
import { commentCount, isOnTeam, memberName, proposalsByTrack } from './drafting';
import { t, tn } from '../../i18n';
import type { Proposal } from '../../protocol';
import { viewPath } from '../../router';
import type { AppState } from '../../store';
import { Link } from '../../ui/Link';

interface Props {
  state: AppState;
  /** The event page's path (`/join/CODE`, `/facilitate/CODE`, `/lead/CODE`). */
  base: string;
  /** Heading level of the track headings. */
  level?: 2 | 3;
  /** Only this track's proposals. */
  track?: number;
  /** Shown after a proposal (staff: delete). */
  actions?: (proposal: Proposal) => ComponentChildren;
}

/** The names of a proposal's team, as far as this page knows them. */
export function teamNames(state: AppState, proposal: Proposal): string[] {
  return proposal.team.map((id) => memberName(state, id) ?? t('drafting.memberN', { id }));
}

/** Proposals by track: title (a link), team, source ideas and comments. */
export function ProposalList({ state, base, level = 2, track, actions }: Props) {
  const groups = proposalsByTrack(state).filter((g) =>
    track === undefined ? g.proposals.length > 0 : g.track === track,
  );
  const trackName = (id: number) => state.event?.tracks.find((tr) => tr.id === id)?.name ?? String(id);
  if (groups.every((g) => g.proposals.length === 0)) return <p class="empty">{t('proposals.none')}</p>;
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div class="proposal-list">
      {groups.map((g) => (
        <div key={g.track} class="proposal-list__track" role="group" aria-labelledby={`proposals-track-${g.track}`}>
          <H id={`proposals-track-${g.track}`} class="proposal-list__heading">
            {trackName(g.track)}
          </H>
          {g.proposals.length === 0 ? <p class="empty">{t('proposals.noneInTrack')}</p> : null}
          <ul class="proposal-list__items">
            {g.proposals.map((p) => {
              const comments = commentCount(state, p.id);
              const mine = isOnTeam(state.you, p);
              return (
                <li
                  key={p.id}
                  class={mine ? 'proposal-card proposal-card--mine' : 'proposal-card'}
                  data-testid="proposal-card"
                >
                  <p class="proposal-card__title">
                    <Link href={viewPath(base, { view: 'proposal', id: p.id })}>{p.title}</Link>
                    {mine ? <span class="badge badge--team"> {t('proposals.yourTeam')}</span> : null}
                  </p>
                  <p class="muted proposal-card__meta">
                    <span>{trackName(p.track)}</span>
                    <span>
                      {t('proposals.team', { names: teamNames(state, p).join(', ') || t('proposals.noTeam') })}
                    </span>
                    <span>{tn('proposals.ideas', p.ideas.length)}</span>
                    <span>
                      {tn('proposals.comments', comments.all)}
                      {comments.open > 0 ? ` (${tn('proposals.open', comments.open)})` : ''}
                    </span>
                  </p>
                  {actions ? <div class="proposal-card__actions">{actions(p)}</div> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
