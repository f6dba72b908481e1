import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { Agenda } from '../../protocol';
import type { Session } from '../../session';
import { AgendaEditor } from './AgendaEditor';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import type { PhaseJump } from './usePhaseJump';

interface Props {
  agenda: Agenda | null;
  /** Facilitators go to any phase; track leads only see where the day is. */
  controls: boolean;
  /** How a facilitator's "Go to" goes (asking first when it should); none without controls. */
  jump?: PhaseJump;
}

/** The day's phases in order, the current one marked; facilitators may go to any other. */
export function AgendaPanel({ agenda, controls: mayControl, jump }: Props) {
  if (!agenda) return null;
  const controls = mayControl && jump !== undefined;
  const { current, phases } = agenda;
  return (
    <section class="panel agenda" aria-labelledby="agenda-heading">
      <div class="panel__head">
        <h2 id="agenda-heading">{t('agenda.title')}</h2>
        {controls && current > 0 ? (
          <button
            type="button"
            class="btn btn--small btn--ghost"
            disabled={jump?.busy}
            onClick={() => jump?.go(current - 1)}
          >
            <span aria-hidden="true">← </span>
            {t('agenda.previous')}
          </button>
        ) : null}
      </div>
      <ol class="agenda__list" aria-label={t('agenda.phases')}>
        {phases.map((phase, i) => {
          const now = i === current;
          const done = i < current;
          return (
            <li
              key={i}
              class={['agenda__item', now ? 'agenda__item--now' : '', done ? 'agenda__item--done' : '']
                .filter(Boolean)
                .join(' ')}
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
                  disabled={jump?.busy}
                  aria-label={t('agenda.goToLabel', { n: i + 1, title: phase.title })}
                  onClick={() => jump?.go(i)}
                >
                  {t('agenda.goTo')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * The settings of the agenda (facilitators): its phases (the editor), whether the next phase
 * starts by itself, whether leads pace their tracks.
 */
export function AgendaSettings({ session, agenda }: { session: Session; agenda: Agenda | null }) {
  const { error, run } = useRequests();
  const [editing, setEditing] = useState(false);
  // A toggle shows the asked-for value until the server's agenda agrees (or refuses).
  const [autoAsked, setAutoAsked] = useState<boolean | null>(null);
  const [paceAsked, setPaceAsked] = useState<boolean | null>(null);
  const autoAdvance = agenda?.autoAdvance ?? false;
  const pacing = agenda?.trackPacing === true;
  useEffect(() => {
    if (autoAsked !== null && autoAdvance === autoAsked) setAutoAsked(null);
  }, [autoAdvance, autoAsked]);
  useEffect(() => {
    if (paceAsked !== null && pacing === paceAsked) setPaceAsked(null);
  }, [pacing, paceAsked]);
  if (!agenda) return null;

  return (
    <section class="panel agenda" aria-labelledby="agenda-settings-heading">
      <div class="panel__head">
        <h2 id="agenda-settings-heading">{t('settings.agenda')}</h2>
        {!editing ? (
          <button type="button" class="btn btn--small" onClick={() => setEditing(true)}>
            {t('agenda.edit')}
          </button>
        ) : null}
      </div>
      {editing ? (
        <AgendaEditor session={session} agenda={agenda} onDone={() => setEditing(false)} />
      ) : (
        <p class="muted">{t('settings.agendaSummary', { count: agenda.phases.length })}</p>
      )}
      <label class="check agenda__auto">
        <input
          type="checkbox"
          checked={autoAsked ?? autoAdvance}
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
      <ErrorLine error={error} />
    </section>
  );
}
