import { useCallback, useEffect, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t } from '../../i18n';
import type { EventSummary, ResultOf } from '../../protocol';
import { takeFragmentSecret } from '../../router';
import { keys, readJson, sessionStore, writeJson } from '../../storage';
import type { IssuedLink, IssuedLinks } from './adminLinks';
import { readIssuedLinks, saveIssuedLink } from './adminLinks';
import { EventCreated } from './EventCreated';
import { EventForm } from './EventForm';
import { EventList } from './EventList';
import { RetentionForm } from './RetentionForm';
import { useAppState, useSession } from '../../ui/hooks';
import { Shell } from '../../ui/Shell';
import './admin.css';

/** The admin secret from `#k=…`, kept for this tab only. */
function adminSecret(): string | null {
  const fromUrl = takeFragmentSecret('k');
  if (fromUrl !== null) sessionStore().setItem(keys.adminSecret, fromUrl);
  return sessionStore().getItem(keys.adminSecret);
}

type Created = ResultOf['create_event'];

/** The event created last in this tab (kept so a reload still shows its facilitator link). */
function savedCreated(): Created | null {
  const v = readJson<Created>(sessionStore(), keys.adminCreated);
  return v && typeof v.facilitatorToken === 'string' && v.event && typeof v.event.code === 'string' ? v : null;
}

/**
 * `/admin`: create events, list them, and run them (console, links, status, archive, delete),
 * and set how long closed events are kept.
 */
export function AdminPage() {
  const [secret] = useState(adminSecret);
  const [rejected, setRejected] = useState(false);
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [retention, setRetention] = useState<number | null | undefined>(undefined);
  const [created, setCreated] = useState<Created | null>(savedCreated);
  const [links, setLinks] = useState<IssuedLinks>(readIssuedLinks);
  const session = useSession(
    null,
    'participant',
    {
      adminRejected: () => {
        sessionStore().removeItem(keys.adminSecret);
        sessionStore().removeItem(keys.adminLinks);
        sessionStore().removeItem(keys.adminCreated);
        setRejected(true);
      },
    },
    (s) => s.setAdminSecret(secret),
  );
  const state = useAppState(session.store);

  const refresh = useCallback(() => {
    session.listEvents().then(
      ({ events, retentionDays }) => {
        setEvents(events);
        setRetention(retentionDays);
        // The event created last was deleted: its links go with it.
        setCreated((c) => {
          if (c === null || events.some((e) => e.id === c.event.id)) return c;
          sessionStore().removeItem(keys.adminCreated);
          return null;
        });
        setListError(null);
      },
      (err: unknown) => setListError(errorText(err instanceof CommandError ? err.code : 'unknown')),
    );
  }, [session]);

  useEffect(() => {
    if (secret !== null) refresh();
  }, [secret, refresh]);

  const problem = secret === null ? t('admin.noSecret') : rejected ? t('admin.badSecret') : null;

  return (
    <Shell heading={t('admin.title')} state={state} wide onRetry={() => session.retryNow()}>
      {problem !== null ? (
        <section class="panel panel--narrow">
          <h1>{t('admin.title')}</h1>
          <p class="field-error" role="alert">
            {problem}
          </p>
        </section>
      ) : (
        <div class="admin">
          <h1 class="visually-hidden">{t('admin.title')}</h1>
          {created ? <EventCreated result={created} /> : null}
          <div class="admin__events">
            <EventList
              events={events}
              error={listError}
              onRefresh={refresh}
              session={session}
              secret={secret ?? ''}
              links={links}
              onLink={(event: number, link: IssuedLink) => setLinks(saveIssuedLink(event, link))}
            />
          </div>
          <div class="admin__create">
            <EventForm
              session={session}
              onCreated={(r) => {
                writeJson(sessionStore(), keys.adminCreated, r);
                setCreated(r);
                refresh();
              }}
            />
            {retention === undefined ? null : <RetentionForm session={session} days={retention} onSaved={refresh} />}
          </div>
        </div>
      )}
    </Shell>
  );
}
