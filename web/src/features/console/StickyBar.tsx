import { useEffect, useState } from 'preact/hooks';
import { timerState } from '../../agenda';
import { formatNumber, t, tn } from '../../i18n';
import type { Agenda } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { Countdown } from '../../ui/Countdown';
import { ErrorLine } from '../../ui/Notices';
import type { PhaseJump } from './usePhaseJump';
import { undoOpen } from './phaseJump';
import { openRoundTurnout } from '../voting/turnout';

interface Props {
  session: Session;
  state: AppState;
  jump: PhaseJump;
  /** Facilitators run the timer; leads see it. */
  controls: boolean;
}

const EXTENSIONS = [1, 5] as const;

/**
 * The console's top bar, always in view: the phase, its countdown, the timer's controls
 * (pause, extend, next, undo) and who is here; while a round is open, how many have voted.
 */
export function StickyBar({ session, state, jump, controls }: Props) {
  const { agenda, presence } = state;
  const phase = agenda && agenda.current >= 0 ? agenda.phases[agenda.current] : null;
  const open = openRoundTurnout(state);
  return (
    <div class="cbar" role="region" aria-label={t('cbar.region')} data-kind={phase?.kind ?? 'open'}>
      <div class="cbar__phase">
        <p class="cbar__kind">
          {phase && agenda
            ? `${t(`phase.kind.${phase.kind}`)} · ${t('phase.step', { n: agenda.current + 1, total: agenda.phases.length })}`
            : t('phase.openBoard')}
        </p>
        <p class="cbar__title" data-testid="phase-title">
          {phase ? phase.title : t('phase.notStarted')}
        </p>
      </div>
      {agenda && phase ? <Countdown agenda={agenda} offset={state.clockOffset} /> : null}
      {controls && agenda ? <TimerControls session={session} agenda={agenda} jump={jump} /> : null}
      {controls && agenda ? <UndoButton session={session} agenda={agenda} offset={state.clockOffset} /> : null}
      <div class="cbar__stats">
        <span class="cbar__stat" data-testid="cbar-here" title={t('staff.connectedLabel')}>
          <span class="dot dot--on" aria-hidden="true" />
          {tn('staff.here', presence?.connected ?? 0)}
        </span>
        {open ? (
          <span
            class="cbar__stat cbar__stat--turnout"
            data-testid="cbar-turnout"
            aria-label={t('turnout.barLabel', {
              voted: formatNumber(open.turnout.voted),
              eligible: formatNumber(open.turnout.eligible),
              title: open.round.title,
            })}
          >
            {t('turnout.bar', {
              voted: formatNumber(open.turnout.voted),
              eligible: formatNumber(open.turnout.eligible),
            })}
          </span>
        ) : null}
      </div>
      <ErrorLine error={jump.error} />
    </div>
  );
}

function TimerControls({ session, agenda, jump }: { session: Session; agenda: Agenda; jump: PhaseJump }) {
  const { busy, run } = jump;
  const state = timerState(agenda);
  const { current, phases } = agenda;
  const last = phases.length - 1;
  return (
    <div class="cbar__controls" role="group" aria-label={t('agenda.controls')}>
      {state === 'running' ? (
        <button
          type="button"
          class="btn btn--small"
          disabled={busy}
          onClick={() => run(() => session.actions.agenda.pause())}
        >
          {t('agenda.pause')}
        </button>
      ) : null}
      {state === 'paused' ? (
        <button
          type="button"
          class="btn btn--small btn--primary"
          disabled={busy}
          onClick={() => run(() => session.actions.agenda.resume())}
        >
          {t('agenda.resume')}
        </button>
      ) : null}
      {state === 'running' || state === 'paused'
        ? EXTENSIONS.map((minutes) => (
            <button
              key={minutes}
              type="button"
              class="btn btn--small"
              disabled={busy}
              aria-label={tn('agenda.extendLabel', minutes)}
              onClick={() => run(() => session.actions.agenda.extend(minutes))}
            >
              {t('agenda.extend', { count: minutes })}
            </button>
          ))
        : null}
      {current < 0 ? (
        <button type="button" class="btn btn--small btn--primary" disabled={busy} onClick={() => jump.go(0)}>
          {t('agenda.start')}
        </button>
      ) : (
        <button
          type="button"
          class="btn btn--small btn--primary"
          disabled={busy || current >= last}
          onClick={() => jump.go(current + 1)}
        >
          {t('agenda.next')}
          <span aria-hidden="true"> →</span>
        </button>
      )}
    </div>
  );
}

/**
 * "Undo: back to <phase>" after a phase change, until the server's deadline (`undoUntil`),
 * hidden at that moment.
 */
function UndoButton({ session, agenda, offset }: { session: Session; agenda: Agenda; offset: number }) {
  const [, setTick] = useState(0);
  const until = agenda.undoUntil;
  useEffect(() => {
    if (typeof until !== 'number') return undefined;
    const wait = until - (Date.now() + offset);
    if (wait <= 0) return undefined;
    const handle = setTimeout(() => setTick((n) => n + 1), Math.min(wait + 50, 2 ** 31 - 1));
    return () => clearTimeout(handle);
  }, [until, offset]);
  const [busy, setBusy] = useState(false);
  const [gone, setGone] = useState(false);
  useEffect(() => setGone(false), [agenda]);
  if (gone || !undoOpen(agenda, Date.now(), offset)) return null;
  const to = agenda.undoTo as number;
  const phase = to >= 0 ? agenda.phases[to] : undefined;
  const label =
    to < 0 ? t('agenda.undoStart') : t('agenda.undo', { title: phase?.title ?? t('agenda.phaseN', { n: to + 1 }) });
  return (
    <button
      type="button"
      class="btn btn--small btn--ghost cbar__undo"
      disabled={busy}
      data-testid="undo-phase"
      onClick={async () => {
        setBusy(true);
        try {
          await session.actions.agenda.undoPhase();
        } catch {
          // Refused (too late, or the agenda changed since): the button goes.
          setGone(true);
        } finally {
          setBusy(false);
        }
      }}
    >
      <span aria-hidden="true">↶ </span>
      {label}
    </button>
  );
}
