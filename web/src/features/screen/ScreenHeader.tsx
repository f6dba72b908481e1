import { effectivePhase, effectivePhaseIndex, isTrackPaced } from '../../agenda';
import { currentLocale, formatList, t, tn } from '../../i18n';
import { LANGUAGES } from '../../i18n/languages';
import { joinUrl } from '../../router';
import type { AppState } from '../../store';
import { ConnectionStatus } from '../../ui/ConnectionStatus';
import { Countdown, SoundToggle } from '../../ui/Countdown';
import { QrCode } from '../../ui/QrCode';

/** The join address without its scheme and code: what people type ("roundtable.example/join"). */
export function joinAddress(): string {
  return joinUrl('')
    .replace(/\/$/, '')
    .replace(/^https?:\/\//, '');
}

interface Props {
  state: AppState;
  /** The track whose phase to show (a paced track has its own). */
  track: number | null;
  /** Show the small QR code and join code in the corner (every mode but join). */
  corner: boolean;
  /** The languages the screen takes turns through (one: no indicator). */
  languages: string[];
}

/** The languages in turn, the one shown now marked: "FR · DE · EN". */
function LanguageTurns({ languages }: { languages: string[] }) {
  const shown = currentLocale();
  const names = languages.map((code) => LANGUAGES.find((l) => l.code === code)?.name ?? code);
  return (
    <p class="screen-bar__langs" data-testid="screen-languages">
      <span class="visually-hidden">{t('screen.languages', { languages: formatList(names) })}</span>
      {languages.map((code) => (
        <span
          key={code}
          lang={code}
          aria-hidden="true"
          class={code === shown ? 'screen-bar__lang screen-bar__lang--now' : 'screen-bar__lang'}
        >
          {code.toUpperCase()}
        </span>
      ))}
    </p>
  );
}

/**
 * The slim bar across the top of the big screen: the event, the phase and its countdown, who
 * is here, the connection when it is not online, and (outside the join mode) the join code
 * with a small QR code in the corner.
 */
export function ScreenHeader({ state, track, corner, languages }: Props) {
  const { event, agenda, presence } = state;
  if (!event) return null;
  const phase = effectivePhase(agenda, track ?? undefined);
  const index = effectivePhaseIndex(agenda, track ?? undefined);
  const paced = isTrackPaced(agenda, track ?? undefined);
  return (
    <header class="screen-bar">
      <div class="screen-bar__phase" role="group" aria-label={t('phase.region')} data-kind={phase?.kind ?? 'open'}>
        <h1 class="screen-bar__event">{event.title}</h1>
        <p class="screen-bar__title" data-testid="phase-title">
          {phase ? phase.title : t('phase.notStarted')}
        </p>
        <p class="screen-bar__kind">
          {phase && agenda ? (
            <>
              <span class="screen-bar__kind-label">{t(`phase.kind.${phase.kind}`)}</span>
              {' · '}
              {t('phase.step', { n: index + 1, total: agenda.phases.length })}
            </>
          ) : (
            t('phase.openBoard')
          )}
          {presence ? (
            <span class="screen-bar__people" data-testid="people-here">
              {tn('board.people', presence.connected)}
            </span>
          ) : null}
        </p>
      </div>
      {languages.length > 1 ? <LanguageTurns languages={languages} /> : null}
      {state.status !== 'online' ? <ConnectionStatus status={state.status} unsaved={0} /> : null}
      {agenda && phase && !paced ? (
        <div class="screen-bar__timer">
          <Countdown agenda={agenda} offset={state.clockOffset} large />
          <SoundToggle />
        </div>
      ) : null}
      {corner && state.selfJoin ? (
        <div class="screen-corner" data-testid="join-corner">
          <div class="screen-corner__text">
            <p class="screen-corner__at">{joinAddress()}</p>
            <p class="screen-corner__code">
              <span class="visually-hidden">{t('screen.code')} </span>
              <span data-testid="join-code">{event.code}</span>
            </p>
          </div>
          <QrCode url={joinUrl(event.code)} size={200} />
        </div>
      ) : null}
    </header>
  );
}
