import { currentPhase } from '../agenda';
import { t } from '../i18n';
import type { Agenda } from '../protocol';
import { Countdown, SoundToggle } from './Countdown';

interface Props {
  agenda: Agenda | null;
  offset: number;
  large?: boolean;
  /** Show the beep toggle (pages people keep open during the day). */
  sound?: boolean;
}

/** The phase being run: its title, kind and place in the agenda, and its countdown. */
export function PhaseBar({ agenda, offset, large, sound = true }: Props) {
  const phase = currentPhase(agenda);
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
              <span class="phase__step"> · {t('phase.step', { n: agenda.current + 1, total: agenda.phases.length })}</span>
            </p>
            <p class="phase__title" data-testid="phase-title">
              {phase.title}
            </p>
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
      {agenda && phase ? (
        <div class="phase__timer">
          <Countdown agenda={agenda} offset={offset} large={large} />
          {sound ? <SoundToggle /> : null}
        </div>
      ) : null}
    </section>
  );
}
