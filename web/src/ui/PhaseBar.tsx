import { effectivePhase, effectivePhaseIndex, isTrackPaced } from '../agenda';
import { t } from '../i18n';
import type { Agenda } from '../protocol';
import { Countdown, SoundToggle } from './Countdown';

interface Props {
  agenda: Agenda | null;
  offset: number;
  large?: boolean;
  /** Show the beep toggle (pages people keep open during the day). */
  sound?: boolean;
  /** The track whose phase to show (a track may keep its own pace); the event's without. */
  track?: number;
}

/** The phase being run: its title, kind and place in the agenda, and its countdown. */
export function PhaseBar({ agenda, offset, large, sound = true, track }: Props) {
  const phase = effectivePhase(agenda, track);
  const index = effectivePhaseIndex(agenda, track);
  // A track held in (or moved ahead to) a phase of its own has no countdown.
  const paced = isTrackPaced(agenda, track);
  return (
    <section
      class={large ? 'phase phase--large' : 'phase'}
      aria-label={t('phase.region')}
      data-kind={phase?.kind ?? 'open'}
    >
      <div class="phase__info">
        {phase && agenda ? (
          <>
            <p class="phase__kind">
              <span class="phase__kind-label">{t(`phase.kind.${phase.kind}`)}</span>
              <span class="phase__step"> · {t('phase.step', { n: index + 1, total: agenda.phases.length })}</span>
            </p>
            <p class="phase__title" data-testid="phase-title">
              {phase.title}
            </p>
            {paced ? (
              <p class="phase__paced" data-testid="phase-paced">
                {t('phase.ownPace')}
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p class="phase__title" data-testid="phase-title">
              {t('phase.notStarted')}
            </p>
            <p class="phase__kind">{t('phase.openBoard')}</p>
          </>
        )}
      </div>
      {agenda && phase && !paced ? (
        <div class="phase__timer">
          <Countdown agenda={agenda} offset={offset} large={large} />
          {sound ? <SoundToggle /> : null}
        </div>
      ) : null}
    </section>
  );
}
