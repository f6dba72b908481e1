import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { EventInfo, Member } from '../../protocol';
import { DEFAULT_GROUPS, groupLabel } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { hasPosted, isConnected, mayRemove, participants, tablesOfTrack } from '../../store';
import { useFocusWhen, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { SelectField } from '../../ui/Field';
import { EraseMember } from './EraseMember';
import { RemoveMember } from './RemoveMember';
import { EditMember } from './EditMember';
import './people.css';

interface Props {
  session: Session;
  state: AppState;
  /** Facilitators move people between tracks and tables; leads see their own track's people. */
  controls: boolean;
}

/**
 * Facilitators: every participant with their track and table, and a way to move them or
 * erase their personal data. Track leads: their track's participants. Both may remove
 * someone who never posted.
 */
export function PeoplePanel({ session, state, controls }: Props) {
  const { event, you } = state;
  const [filter, setFilter] = useState('');
  if (!event) return null;
  const leadTrack = !controls && you?.role === 'lead' ? event.tracks.find((tr) => tr.id === you.track) : undefined;
  const all = participants(state);
  const needle = filter.trim().toLocaleLowerCase();
  const shown =
    needle === '' ? all : all.filter((m) => `${m.name} ${m.organisation}`.toLocaleLowerCase().includes(needle));

  return (
    <section class="panel people" aria-labelledby="people-heading">
      <h2 id="people-heading">{leadTrack ? t('people.titleLead', { track: leadTrack.name }) : t('people.title')}</h2>
      {all.length === 0 ? (
        <p class="empty">{t('people.none')}</p>
      ) : (
        <>
          {all.length > 8 ? (
            <div class="field people__filter">
              <label for="people-filter">{t('people.filter')}</label>
              <input
                id="people-filter"
                class="input"
                type="search"
                value={filter}
                onInput={(e) => setFilter(e.currentTarget.value)}
              />
            </div>
          ) : null}
          <ul class="people__list">
            {shown.map((m) => (
              <Person key={m.id} session={session} state={state} event={event} member={m} controls={controls} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Person({
  session,
  state,
  event,
  member,
  controls,
}: {
  session: Session;
  state: AppState;
  event: EventInfo;
  member: Member;
  controls: boolean;
}) {
  const [moving, setMoving] = useState(false);
  const [editing, setEditing] = useState(false);
  const nameButton = useRef<HTMLButtonElement>(null);
  const [track, setTrack] = useState(String(member.track ?? event.tracks[0]?.id ?? ''));
  const [table, setTable] = useState(member.table === null ? '' : String(member.table));
  const { busy, error, run, clearError } = useRequests();
  const first = useFocusWhen<HTMLSelectElement>(moving);
  const opener = useRef<HTMLButtonElement>(null);
  const here = isConnected(state, member.id);
  const trackName = event.tracks.find((tr) => tr.id === member.track)?.name ?? '';
  const tableName = member.table === null ? null : (state.tables[member.table]?.name ?? null);
  const tables = track === '' ? [] : tablesOfTrack(state, Number(track));
  const id = `move-${member.id}`;
  const removable = mayRemove(state.you, member) && !hasPosted(state, member.id);

  const close = () => {
    setMoving(false);
    clearError();
    setTimeout(() => opener.current?.focus(), 0);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (track === '') return;
    const done = await run(() =>
      session.actions.people.move(member.id, Number(track), table === '' ? null : Number(table)).then(() => true),
    );
    if (done) close();
  };

  return (
    <li class="people__item" data-member={member.id}>
      <div class="people__who">
        <span class={here ? 'dot dot--on' : 'dot'} aria-hidden="true" />
        {controls ? (
          <button
            type="button"
            ref={nameButton}
            class="people__name people__name-btn"
            data-clip="content"
            title={member.name}
            aria-label={t('people.editLabel', { name: member.name })}
            aria-expanded={editing}
            onClick={() => setEditing(true)}
          >
            {member.name}
          </button>
        ) : (
          <span class="people__name">{member.name}</span>
        )}
        {member.organisation ? <span class="muted people__org">{member.organisation}</span> : null}
        <span class="visually-hidden">{here ? t('members.connected') : t('members.away')}</span>
      </div>
      {/* The group and the seat share a line, each wrapping rather than cut. */}
      <p class="people__seat">
        {member.group ? (
          <span class="people__group" data-testid="group">
            {groupLabel(event.groups ?? DEFAULT_GROUPS, member.group)}
          </span>
        ) : null}
        <span data-testid="seat">
          {tableName === null ? trackName : t('people.seat', { track: trackName, table: tableName })}
        </span>
      </p>
      {editing ? (
        <EditMember
          session={session}
          member={member}
          groups={event.groups ?? DEFAULT_GROUPS}
          onClose={() => {
            setEditing(false);
            setTimeout(() => nameButton.current?.focus(), 0);
          }}
        >
          {state.you?.role === 'facilitator' && state.you.id !== member.id ? (
            <EraseMember session={session} member={member} />
          ) : null}
        </EditMember>
      ) : moving ? (
        <form class="people__move" onSubmit={submit} aria-label={t('people.moveLabel', { name: member.name })}>
          <SelectField
            id={`${id}-track`}
            label={t('people.track')}
            value={track}
            options={event.tracks.map((tr) => ({ value: String(tr.id), label: tr.name }))}
            inputRef={first}
            onChange={(v) => {
              setTrack(v);
              setTable('');
            }}
          />
          <SelectField
            id={`${id}-table`}
            label={t('people.table')}
            value={table}
            none={t('people.noTable')}
            options={tables.map((tb) => ({ value: String(tb.id), label: tb.name }))}
            onChange={setTable}
          />
          <div class="people__buttons">
            <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
              {t('people.moveSubmit')}
            </button>
            <button type="button" class="btn btn--small btn--ghost" onClick={close}>
              {t('idea.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="people__actions">
          {controls ? (
            <button
              type="button"
              ref={opener}
              class="btn btn--small btn--ghost people__open"
              aria-label={t('people.moveLabel', { name: member.name })}
              onClick={() => {
                setTrack(String(member.track ?? event.tracks[0]?.id ?? ''));
                setTable(member.table === null ? '' : String(member.table));
                setMoving(true);
              }}
            >
              {t('people.move')}
            </button>
          ) : null}
          {removable ? <RemoveMember session={session} member={member} /> : null}
        </div>
      )}
      <ErrorLine error={error} />
    </li>
  );
}
