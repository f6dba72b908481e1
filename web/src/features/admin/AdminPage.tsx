import { useCallback, useEffect, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t } from '../../i18n';
import type { EventSummary, ResultOf } from '../../protocol';
import { takeFragmentSecret } from '../../router';
import { keys, sessionStore } from '../../storage';
import { EventCreated } from './EventCreated';
import { EventForm } from './EventForm';
import { EventList } from './EventList';
import { useAppState, useSession } from '../../ui/hooks';
import { Shell } from '../../ui/Shell';
import './admin.css';

/** The admin secret from `#k=…`, kept for this tab only. */
function adminSecret(): string | null {
  const fromUrl = takeFragmentSecret('k');
  if (fromUrl !== null) sessionStore().setItem(keys.adminSecret, fromUrl);
  return sessionStore().getItem(keys.adminSecret);
}

/** `/admin`: create events and list them. */
export function AdminPage() {
  const [secret] = useState(adminSecret);
  const [rejected, setRejected] = useState(false);
  const [events, setEvents] = useState<EventSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [created, setCreated] = useState<ResultOf['create_event'] | null>(null);
  const session = useSession(
    null,
    'participant',
    {
      adminRejected: () => {
        sessionStore().removeItem(keys.adminSecret);
        setRejected(true);
      },
    },
    (s) => s.setAdminSecret(secret),
  );
  const state = useAppState(session.store);

  const refresh = useCallback(() => {
    session.listEvents().then(
      (events) => {
        setEvents(events);
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
    <Shell heading={t('admin.title')} state={state} onRetry={() => session.retryNow()}>
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
          <EventForm
            session={session}
            onCreated={(r) => {
              setCreated(r);
              refresh();
            }}
          />
          <EventList events={events} error={listError} onRefresh={refresh} />
        </div>
      )}
    </Shell>
  );
}
