import { t } from '../../i18n';
import type { EventInfo, PresenceMessage, ScreenState } from '../../protocol';
import type { Session } from '../../session';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  event: EventInfo;
  screen: ScreenState;
  presence: PresenceMessage | null;
  /** Facilitators choose what the big screen shows. */
  controls: boolean;
}

/** Who is connected, per track; and (facilitators) what the room's big screen shows. */
export function ScreenPanel({ session, event, screen, presence, controls }: Props) {
  const { busy, error, run } = useRequests();
  return (
    <section class="panel room" aria-labelledby="room-heading">
      <h2 id="room-heading">{t('presence.title')}</h2>
      <table class="table room__table">
        <thead>
          <tr>
            <th scope="col">{t('presence.track')}</th>
            <th scope="col" class="num">
              {t('presence.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {event.tracks.map((tr) => (
            <tr key={tr.id}>
              <th scope="row">{tr.name}</th>
              <td class="num" data-testid={`presence-track-${tr.id}`}>
                {presence?.byTrack[String(tr.id)] ?? 0}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('presence.staff')}</th>
            <td class="num">{presence?.staff ?? 0}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('presence.total')}</th>
            <td class="num" data-testid="presence-total">
              {presence?.connected ?? 0}
            </td>
          </tr>
        </tfoot>
      </table>
      {controls ? (
        <div class="field room__screen">
          <label for="screen-track">{t('screen.shows')}</label>
          <select
            id="screen-track"
            class="input"
            value={screen.track === null ? '' : String(screen.track)}
            disabled={busy}
            onChange={(e) => {
              const value = e.currentTarget.value;
              run(() => session.actions.screen.show(value === '' ? null : Number(value)));
            }}
          >
            <option value="">{t('screen.allTracks')}</option>
            {event.tracks.map((tr) => (
              <option key={tr.id} value={String(tr.id)}>
                {tr.name}
              </option>
            ))}
          </select>
          <ErrorLine error={error} />
        </div>
      ) : null}
    </section>
  );
}
