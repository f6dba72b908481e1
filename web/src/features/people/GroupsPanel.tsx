import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { StakeholderGroup } from '../../protocol';
import { DEFAULT_GROUPS } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { GroupRowsEditor, groupRowsProblem, groupsOfRows, useGroupRows } from '../../ui/GroupRows';
import { useLimits, useRequests } from '../../ui/hooks';

/** Whether anyone has voted: the groups no longer change (results are counted by them). */
function someoneVoted(state: AppState): boolean {
  return (
    Object.values(state.results).some((items) => items.some((r) => r.voters > 0)) ||
    Object.values(state.turnout).some((tu) => (tu?.voted ?? 0) > 0)
  );
}

/** Facilitators: the event's stakeholder groups, editable until the first vote. */
export function GroupsPanel({ session, state }: { session: Session; state: AppState }) {
  const [editing, setEditing] = useState(false);
  const groups = state.event?.groups ?? DEFAULT_GROUPS;
  const locked = someoneVoted(state);
  return (
    <section class="panel groups" aria-labelledby="groups-heading">
      <div class="panel__head">
        <h2 id="groups-heading">{t('groups.title')}</h2>
        {!editing ? (
          <button type="button" class="btn btn--small btn--ghost" disabled={locked} onClick={() => setEditing(true)}>
            {t('groups.edit')}
          </button>
        ) : null}
      </div>
      {locked ? <p class="hint">{t('groups.locked')}</p> : null}
      {editing ? (
        <GroupsForm session={session} groups={groups} onDone={() => setEditing(false)} />
      ) : (
        <ul class="groups__list" data-testid="groups">
          {groups.map((g) => (
            <li key={g.code}>
              {g.label} <span class="muted">({g.code})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GroupsForm({
  session,
  groups,
  onDone,
}: {
  session: Session;
  groups: readonly StakeholderGroup[];
  onDone: () => void;
}) {
  const editor = useGroupRows('event-group', groups);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  const submit = async (e: Event) => {
    e.preventDefault();
    const found = groupRowsProblem('event-group', editor.rows, limits);
    if (found) {
      setProblem(found.text);
      document.getElementById(found.focus)?.focus();
      return;
    }
    setProblem(null);
    const done = await run(() => session.actions.people.setGroups(groupsOfRows(editor.rows)).then(() => true), {
      bad_value: t('groups.refused'),
    });
    if (done) onDone();
  };
  return (
    <form class="groups-editor" onSubmit={submit} noValidate aria-label={t('groups.title')}>
      <p class="hint">{t('groups.help')}</p>
      <GroupRowsEditor prefix="event-group" editor={editor} limits={limits} />
      {problem || error ? (
        <p class="field-error" role="alert">
          {problem ?? error}
        </p>
      ) : null}
      <div class="agenda-editor__submit">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('groups.save')}
        </button>
        <button type="button" class="btn btn--ghost" onClick={onDone}>
          {t('groups.cancel')}
        </button>
      </div>
    </form>
  );
}
