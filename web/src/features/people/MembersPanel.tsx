import { t, tn } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { isConnected, mayRemove } from '../../store';
import { RemoveMember } from './RemoveMember';
import './people.css';

interface Props {
  session: Session;
  state: AppState;
}

const ROLE_ORDER = { facilitator: 0, lead: 1, participant: 2, viewer: 3 } as const;

/**
 * Staff: every member of the event, marked when connected now. Folded by default.
 * Facilitators may remove a screen (viewer) link here; participants in the people panel.
 */
export function MembersPanel({ session, state }: Props) {
  const { event } = state;
  if (!event) return null;
  const members = Object.values(state.members).sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.id - b.id,
  );
  const trackName = (id: number | null) => (id === null ? '' : (event.tracks.find((tr) => tr.id === id)?.name ?? ''));
  return (
    <details class="panel members">
      <summary class="members__summary">{tn('members.title', members.length)}</summary>
      <ul class="members__list">
        {members.map((m) => {
          const here = isConnected(state, m.id);
          return (
            <li key={m.id} class="members__item" data-connected={here}>
              <span class={here ? 'dot dot--on' : 'dot'} aria-hidden="true" />
              <span class="members__name">{m.name}</span>
              <span class="members__meta">
                {t(`members.role.${m.role}`)}
                {m.track !== null ? ` · ${trackName(m.track)}` : ''}
                {m.organisation ? ` · ${m.organisation}` : ''}
              </span>
              <span class={here ? 'members__state members__state--on' : 'members__state'}>
                {here ? t('members.connected') : t('members.away')}
              </span>
              {m.role === 'viewer' && mayRemove(state.you, m) ? <RemoveMember session={session} member={m} /> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
