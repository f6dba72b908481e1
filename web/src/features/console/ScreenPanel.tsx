import { t } from '../../i18n';
import type { EventInfo, PresenceMessage, ScreenMode, ScreenState } from '../../protocol';
import { SCREEN_MODES } from '../../protocol';
import type { Session } from '../../session';
import { useAppState, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { describeShown, shownScreen } from '../screen/screenMode';
import '../screen/panel.css';

interface Props {
  session: Session;
  event: EventInfo;
  screen: ScreenState;
  presence: PresenceMessage | null;
  /** Facilitators choose what the big screen shows. */
  controls: boolean;
}

interface ControlsProps {
  session: Session;
  event: EventInfo;
  screen: ScreenState;
}

/** The mode, track and round of the big screen, and what it shows now. */
function ScreenControls({ session, event, screen }: ControlsProps) {
  const { busy, error, run } = useRequests();
  const state = useAppState(session.store);
  const rounds = Object.values(state.rounds).sort((a, b) => b.id - a.id);
  const shown = shownScreen({ ...state, screen });
  const mode = screen.mode ?? 'auto';
  const round = screen.round ?? null;
  return (
    <div class="room__screen" role="group" aria-labelledby="screen-controls-heading">
      <h3 id="screen-controls-heading" class="room__screen-title">
        {t('screen.panel')}
      </h3>
      <p class="room__now" data-testid="screen-now">
        <span class="room__now-label">{t('screen.nowShowing')}</span>{' '}
        <strong>{describeShown(shown, event.tracks)}</strong>
      </p>
      <div class="field">
        <label for="screen-mode">{t('screen.shows')}</label>
        <select
          id="screen-mode"
          class="input"
          value={mode}
          disabled={busy}
          onChange={(e) => {
            const value = e.currentTarget.value as ScreenMode;
            run(() => session.actions.screen.setMode(value));
          }}
        >
          {SCREEN_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`screen.mode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="screen-track">{t('screen.track')}</label>
        <select
          id="screen-track"
          class="input"
          aria-describedby="screen-track-hint"
          value={screen.track === null ? '' : String(screen.track)}
          disabled={busy}
          onChange={(e) => {
            const value = e.currentTarget.value;
            run(() => session.actions.screen.setTrack(value === '' ? null : Number(value)));
          }}
        >
          <option value="">{t('screen.allTracks')}</option>
          {event.tracks.map((tr) => (
            <option key={tr.id} value={String(tr.id)}>
              {tr.name}
            </option>
          ))}
        </select>
        <p id="screen-track-hint" class="hint">
          {t('screen.trackHint')}
        </p>
      </div>
      <div class="field">
        <label for="screen-round">{t('screen.round')}</label>
        <select
          id="screen-round"
          class="input"
          aria-describedby="screen-round-hint"
          value={round === null ? '' : String(round)}
          disabled={busy || rounds.length === 0}
          onChange={(e) => {
            const value = e.currentTarget.value;
            run(() => session.actions.screen.setRound(value === '' ? null : Number(value)));
          }}
        >
          <option value="">{t('screen.newestRound')}</option>
          {rounds.map((r) => (
            <option key={r.id} value={String(r.id)}>
              {r.title}
            </option>
          ))}
        </select>
        <p id="screen-round-hint" class="hint">
          {t('screen.roundHint')}
        </p>
      </div>
      <ErrorLine error={error} />
    </div>
  );
}

/** Who is connected, per track; and (facilitators) what the room's big screen shows. */
export function ScreenPanel({ session, event, screen, presence, controls }: Props) {
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
      {controls ? <ScreenControls session={session} event={event} screen={screen} /> : null}
    </section>
  );
}
