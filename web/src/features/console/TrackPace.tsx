import { heldPhaseIndex } from '../../agenda';
import { t } from '../../i18n';
import type { Agenda, Member, Track } from '../../protocol';
import type { Session } from '../../session';
import { canModerate } from '../../store';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  agenda: Agenda | null;
  track: Track;
  you: Member | null;
}

/**
 * When the facilitator lets tracks keep their own pace: which phase the track is in, and
 * for its lead (and facilitators) a choice to hold it in a phase or follow the event again.
 */
export function TrackPace({ session, agenda, track, you }: Props) {
  const { busy, error, run } = useRequests();
  if (!agenda || agenda.trackPacing !== true) return null;
  const held = heldPhaseIndex(agenda, track.id);
  const controls = canModerate(you, track.id);
  const id = `pace-${track.id}`;
  const setPhase = (index: number | null) => run(() => session.actions.agenda.setTrackPhase(track.id, index));

  return (
    <div class="pace" data-testid={`pace-${track.id}`}>
      <p class="pace__state">
        {held === null ? t('pace.follows') : t('pace.heldIn', { n: held + 1, title: agenda.phases[held]?.title ?? '' })}
      </p>
      {controls ? (
        <div class="pace__controls">
          <div class="field pace__field">
            <label for={id}>{t('pace.hold')}</label>
            <select
              id={id}
              class="input"
              value={held === null ? '' : String(held)}
              disabled={busy}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (value !== '') setPhase(Number(value));
              }}
            >
              <option value="" disabled>
                {t('pace.choose')}
              </option>
              {agenda.phases.map((p, i) => (
                <option key={i} value={String(i)}>
                  {t('pace.option', { n: i + 1, title: p.title })}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            class="btn btn--small"
            disabled={busy || held === null}
            aria-label={t('pace.followLabel', { track: track.name })}
            onClick={() => setPhase(null)}
          >
            {t('pace.follow')}
          </button>
        </div>
      ) : null}
      <ErrorLine error={error} />
    </div>
  );
}
