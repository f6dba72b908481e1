import { useState } from 'preact/hooks';
import { labelWith, t, tn } from '../../i18n';
import type { Track } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { tablesOfTrack } from '../../store';
import { useLimits, useRequests } from '../../ui/hooks';
import './people.css';

interface Props {
  session: Session;
  state: AppState;
}

/** Facilitators: the tables (small teams) of every track; add and remove them. */
export function TablesPanel({ session, state }: Props) {
  const { event } = state;
  if (!event) return null;
  return (
    <section class="panel tables" aria-labelledby="tables-heading">
      <h2 id="tables-heading">{t('tables.title')}</h2>
      <p class="hint">{t('tables.intro')}</p>
      {event.tracks.map((track) => (
        <TrackTables key={track.id} session={session} state={state} track={track} />
      ))}
    </section>
  );
}

function TrackTables({ session, state, track }: { session: Session; state: AppState; track: Track }) {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useRequests();
  const nameMax = useLimits(session)?.tableName;
  const tables = tablesOfTrack(state, track.id);
  const seated = (table: number) =>
    Object.values(state.members).filter((m) => m.role === 'participant' && m.table === table).length;
  const id = `table-new-${track.id}`;
  const headingId = `tables-track-${track.id}`;

  const add = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setInvalid(true);
      document.getElementById(id)?.focus();
      return;
    }
    setInvalid(false);
    const done = await run(() => session.actions.tables.add(track.id, trimmed));
    if (done) setName('');
  };
  const problem = invalid ? t('tables.nameRequired') : error;

  return (
    <div class="tables__track" role="group" aria-labelledby={headingId}>
      <p id={headingId} class="tables__track-name">
        {track.name}
      </p>
      {tables.length === 0 ? (
        <p class="empty">{t('tables.none')}</p>
      ) : (
        <ul class="tables__list">
          {tables.map((tb) => (
            <li key={tb.id} class="tables__item">
              <span class="tables__name">{tb.name}</span>
              <span class="muted tables__count">{tn('tables.people', seated(tb.id))}</span>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                disabled={busy}
                aria-label={t('tables.removeLabel', { table: tb.name, track: track.name })}
                onClick={() => run(() => session.actions.tables.remove(tb.id))}
              >
                {t('tables.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="tables__add" onSubmit={add} noValidate>
        <label for={id} class="visually-hidden">
          {t('tables.newLabel', { track: track.name })}
        </label>
        <input
          id={id}
          class="input"
          value={name}
          maxLength={nameMax}
          placeholder={t('tables.placeholder')}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${id}-error` : undefined}
          onInput={(e) => {
            setName(e.currentTarget.value);
            setInvalid(false);
          }}
        />
        <button
          type="submit"
          class="btn btn--small"
          disabled={busy}
          aria-label={labelWith(t('tables.add'), t('tables.addLabel', { track: track.name }))}
        >
          {t('tables.add')}
        </button>
      </form>
      {problem ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
