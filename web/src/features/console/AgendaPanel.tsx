import { useEffect, useState } from 'preact/hooks';
import { timerState } from '../../agenda';
import { t, tn } from '../../i18n';
import type { Agenda } from '../../protocol';
import type { Session } from '../../session';
import { AgendaEditor } from './AgendaEditor';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  agenda: Agenda | null;
  /** Facilitators run the agenda; track leads only see it. */
  controls: boolean;
}

const EXTENSIONS = [1, 5] as const;

/** What `run` of useRequests takes: a request, and texts for its error codes. */
type Run = <T>(send: () => Promise<T>, texts?: Partial<Record<string, string>>) => Promise<T | undefined>;

/** The day's phases, with the facilitator's controls for the timer and the agenda. */
export function AgendaPanel({ session, agenda, controls }: Props) {
  const { busy, error, run } = useRequests();
  const [editing, setEditing] = useState(false);
  if (!agenda) return null;
  const goTo = (index: number) => run(() => session.actions.agenda.goTo(index));

  return (
    <section class="panel agenda" aria-labelledby="agenda-heading">
      <div class="panel__head">
        <h2 id="agenda-heading">{t('agenda.title')}</h2>
        {controls && !editing ? (
          <button type="button" class="btn btn--small btn--ghost" onClick={() => setEditing(true)}>
            {t('agenda.edit')}
          </button>
        ) : null}
      </div>

      {controls && !editing ? (
        <>
          <PhaseControls session={session} agenda={agenda} busy={busy} run={run} goTo={goTo} />
          <ErrorLine error={error} />
        </>
      ) : null}

      {editing ? (
        <AgendaEditor session={session} agenda={agenda} onDone={() => setEditing(false)} />
      ) : (
        <PhaseList agenda={agenda} controls={controls} busy={busy} goTo={goTo} />
      )}
    </section>
  );
}

/**
 * The facilitator's controls: start, previous, next, undo the last phase change, pause,
 * resume, extend; whether the next phase starts by itself, whether leads pace their tracks.
 */
function PhaseControls({
  session,
  agenda,
  busy,
  run,
  goTo,
}: {
  session: Session;
  agenda: Agenda;
  busy: boolean;
  run: Run;
  goTo: (index: number) => void;
}) {
  // The toggle shows the asked-for value until the server's agenda agrees (or refuses).
  const [autoAsked, setAutoAsked] = useState<boolean | null>(null);
  const autoAdvance = agenda.autoAdvance;
  useEffect(() => {
    if (autoAsked !== null && autoAdvance === autoAsked) setAutoAsked(null);
  }, [autoAdvance, autoAsked]);
  const [paceAsked, setPaceAsked] = useState<boolean | null>(null);
  const pacing = agenda.trackPacing === true;
  useEffect(() => {
    if (paceAsked !== null && pacing === paceAsked) setPaceAsked(null);
  }, [pacing, paceAsked]);
  const { current, phases } = agenda;
  const state = timerState(agenda);
  const started = current >= 0;
  const last = phases.length - 1;

  return (
    <>
      <div class="agenda__controls" role="group" aria-label={t('agenda.controls')}>
        {!started ? (
          <button type="button" class="btn btn--primary" disabled={busy} onClick={() => goTo(0)}>
            {t('agenda.start')}
          </button>
        ) : (
          <>
            <button type="button" class="btn" disabled={busy || current <= 0} onClick={() => goTo(current - 1)}>
              {t('agenda.previous')}
            </button>
            <button type="button" class="btn" disabled={busy || current >= last} onClick={() => goTo(current + 1)}>
              {t('agenda.next')}
            </button>
          </>
        )}
        {state === 'running' ? (
          <button type="button" class="btn" disabled={busy} onClick={() => run(() => session.actions.agenda.pause())}>
            {t('agenda.pause')}
          </button>
        ) : null}
        {state === 'paused' ? (
          <button
            type="button"
            class="btn btn--primary"
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
                class="btn"
                disabled={busy}
                aria-label={tn('agenda.extendLabel', minutes)}
                onClick={() => run(() => session.actions.agenda.extend(minutes))}
              >
                {t('agenda.extend', { count: minutes })}
              </button>
            ))
          : null}
      </div>
      <UndoPhase
        agenda={agenda}
        busy={busy}
        onUndo={() => run(() => session.actions.agenda.undoPhase(), { bad_value: t('agenda.undoGone') })}
      />
      <label class="check agenda__auto">
        <input
          type="checkbox"
          checked={autoAsked ?? agenda.autoAdvance}
          aria-describedby="agenda-auto-hint"
          onChange={async (e) => {
            const on = e.currentTarget.checked;
            setAutoAsked(on);
            const done = await run(() => session.actions.agenda.setAutoAdvance(on).then(() => true));
            if (!done) setAutoAsked(null);
          }}
        />
        <span>{t('agenda.autoAdvance')}</span>
      </label>
      <p id="agenda-auto-hint" class="hint">
        {t('agenda.autoAdvanceHint')}
      </p>
      <label class="check agenda__auto">
        <input
          type="checkbox"
          checked={paceAsked ?? pacing}
          aria-describedby="agenda-pace-hint"
          onChange={async (e) => {
            const allowed = e.currentTarget.checked;
            setPaceAsked(allowed);
            const done = await run(() => session.actions.agenda.setTrackPacing(allowed).then(() => true));
            if (!done) setPaceAsked(null);
          }}
        />
        <span>{t('agenda.trackPacing')}</span>
      </label>
      <p id="agenda-pace-hint" class="hint">
        {t('agenda.trackPacingHint')}
      </p>
    </>
  );
}

/**
 * "Undo: back to <phase>" after a phase change (a misclick on "Next phase", an auto-advance):
 * shown while the agenda names a phase to go back to (`undoTo`), which the server clears once
 * undone or after another change of the agenda.
 */
function UndoPhase({ agenda, busy, onUndo }: { agenda: Agenda; busy: boolean; onUndo: () => void }) {
  const to = agenda.undoTo;
  if (to === null || to === undefined) return null;
  const phase = to >= 0 ? agenda.phases[to] : undefined;
  const label =
    to < 0 ? t('agenda.undoStart') : t('agenda.undo', { title: phase?.title ?? t('agenda.phaseN', { n: to + 1 }) });
  return (
    <div class="agenda__undo">
      <button type="button" class="btn agenda__undo-btn" disabled={busy} data-testid="undo-phase" onClick={onUndo}>
        <span aria-hidden="true">↶ </span>
        {label}
      </button>
    </div>
  );
}

/** The phases in order, the current one marked; facilitators may go to any other. */
function PhaseList({
  agenda,
  controls,
  busy,
  goTo,
}: {
  agenda: Agenda;
  controls: boolean;
  busy: boolean;
  goTo: (index: number) => void;
}) {
  const { current, phases } = agenda;
  return (
    <ol class="agenda__list" aria-label={t('agenda.phases')}>
      {phases.map((phase, i) => {
        const now = i === current;
        return (
          <li
            key={i}
            class={now ? 'agenda__item agenda__item--now' : 'agenda__item'}
            aria-current={now ? 'step' : undefined}
          >
            <span class="agenda__n" aria-hidden="true">
              {i + 1}
            </span>
            <span class="agenda__body">
              <span class="agenda__title">{phase.title}</span>
              <span class="agenda__meta">
                {t(`phase.kind.${phase.kind}`)} ·{' '}
                {phase.kind === 'closed' ? t('agenda.noDuration') : tn('agenda.minutes', phase.minutes)}
              </span>
            </span>
            {now ? <span class="badge badge--now">{t('agenda.now')}</span> : null}
            {controls && !now ? (
              <button
                type="button"
                class="btn btn--small btn--ghost"
                disabled={busy}
                aria-label={t('agenda.goToLabel', { n: i + 1, title: phase.title })}
                onClick={() => goTo(i)}
              >
                {t('agenda.goTo')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
