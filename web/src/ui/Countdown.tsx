import { useEffect, useRef, useState } from 'preact/hooks';
import { displaySeconds, formatClock, remainingMs, timerState } from '../agenda';
import { t } from '../i18n';
import type { Agenda } from '../protocol';
import { beep, setSoundEnabled, soundEnabled } from './sound';

const TICK_MS = 250;

/**
 * The time left in the current phase, kept fresh while the timer runs. Re-renders only when
 * the shown second changes.
 */
export function useRemaining(agenda: Agenda | null, offset: number): number | null {
  const ms = remainingMs(agenda, Date.now(), offset);
  // Only the shown second is state: the interval re-renders when it changes.
  const [, setShown] = useState(ms === null ? null : displaySeconds(ms));
  useEffect(() => {
    if (timerState(agenda) !== 'running') return undefined;
    const handle = setInterval(() => {
      const next = remainingMs(agenda, Date.now(), offset);
      setShown(next === null ? null : displaySeconds(next));
    }, TICK_MS);
    return () => clearInterval(handle);
  }, [agenda, offset]);
  return ms;
}

interface Props {
  agenda: Agenda;
  offset: number;
  large?: boolean;
}

/**
 * mm:ss left in the current phase (h:mm:ss from an hour), styled and announced once the time
 * is up, with an optional beep. Renders nothing when the phase has no timer.
 */
export function Countdown({ agenda, offset, large }: Props) {
  const ms = useRemaining(agenda, offset);
  const state = timerState(agenda);
  const clock = ms === null ? null : formatClock(ms);
  const over = clock?.over ?? false;
  const [flash, setFlash] = useState(false);
  const wasOver = useRef<boolean | null>(null);
  const phaseKey = `${agenda.current}`;
  const lastPhase = useRef(phaseKey);

  // On the moments that matter (time up, a new phase, timed or not), not on every tick.
  const timed = ms !== null;
  useEffect(() => {
    if (lastPhase.current !== phaseKey) {
      lastPhase.current = phaseKey;
      wasOver.current = null;
    }
    if (!timed) {
      wasOver.current = null;
      setFlash(false);
      return;
    }
    if (wasOver.current === false && over && state === 'running') {
      setFlash(true);
      if (soundEnabled()) beep();
    }
    if (!over) setFlash(false);
    wasOver.current = over;
  }, [over, timed, phaseKey, state]);

  if (clock === null) return null;
  const classes = [
    'countdown',
    large ? 'countdown--large' : '',
    over ? 'countdown--over' : '',
    flash ? 'countdown--flash' : '',
    state === 'paused' ? 'countdown--paused' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={classes}>
      <span class="countdown__label">{over ? t('phase.overTime') : t('phase.timeLeft')}</span>
      <span class="countdown__time" role="timer" aria-atomic="true" data-testid="countdown">
        {over && clock.text !== '00:00' ? '−' : ''}
        {clock.text}
      </span>
      {state === 'paused' ? <span class="countdown__state">{t('phase.paused')}</span> : null}
      <p class="countdown__up" role="status" aria-live="polite">
        {over ? t('phase.timeUp') : ''}
      </p>
    </div>
  );
}

/** The toggle for the time-up beep; off by default, remembered on this device. */
export function SoundToggle() {
  const [on, setOn] = useState(soundEnabled);
  return (
    <button
      type="button"
      class="btn btn--small btn--ghost sound-toggle"
      aria-pressed={on}
      onClick={() => {
        const next = !on;
        setSoundEnabled(next);
        setOn(next);
        // Turning it on is a user gesture: unlock audio now and let the person hear it.
        if (next) beep(1);
      }}
    >
      <svg class="sound-toggle__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        {on ? (
          <path
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
          />
        ) : (
          <path d="M16 9l6 6M22 9l-6 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        )}
      </svg>
      <span>{t('phase.sound')}</span>
    </button>
  );
}
