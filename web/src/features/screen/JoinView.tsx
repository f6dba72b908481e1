import { t, tn } from '../../i18n';
import { joinUrl } from '../../router';
import type { AppState } from '../../store';
import { QrCode } from '../../ui/QrCode';
import { joinAddress } from './ScreenHeader';

interface Props {
  state: AppState;
}

/**
 * How to join, large: the QR code, the address and the code, in three steps. While joining
 * with the code is closed, only that it is (personal links still work).
 */
export function JoinView({ state }: Props) {
  const { event, presence } = state;
  if (!event) return null;
  if (!state.selfJoin) {
    return (
      <section
        class="screen-join screen-join--closed"
        aria-labelledby="screen-join-heading"
        data-testid="wall-join-closed"
      >
        <h2 id="screen-join-heading" class="screen-join__heading">
          {t('screen.joinClosed')}
        </h2>
        <p class="screen-join__lead">{t('screen.joinClosedHint')}</p>
      </section>
    );
  }
  return (
    <section class="screen-join" aria-labelledby="screen-join-heading">
      <div class="screen-join__qr">
        <QrCode url={joinUrl(event.code)} size={560} />
      </div>
      <div class="screen-join__text">
        <p class="screen-join__event">{event.title}</p>
        <h2 id="screen-join-heading" class="screen-join__heading">
          {t('screen.howToJoin')}
        </h2>
        <ol class="screen-join__steps">
          <li>
            {t('screen.stepScan')} <strong class="screen-join__url">{joinAddress()}</strong>
          </li>
          <li>{t('screen.stepCode')}</li>
        </ol>
        <p class="screen-join__code">
          <span class="visually-hidden">{t('screen.code')} </span>
          <span data-testid="join-code">{event.code}</span>
        </p>
        <p class="screen-join__then">{t('screen.stepTrack')}</p>
        {presence ? <p class="screen-join__count">{tn('board.people', presence.connected)}</p> : null}
      </div>
    </section>
  );
}
