import { t } from '../../i18n';
import type { EventSummary } from '../../protocol';
import type { Session } from '../../session';
import { ErrorLine } from '../../ui/Notices';
import type { IssuedLink, IssuedLinks } from './adminLinks';
import { EventCard } from './EventCard';

interface Props {
  events: EventSummary[] | null;
  error: string | null;
  onRefresh: () => void;
  session: Session;
  secret: string;
  links: IssuedLinks;
  onLink: (event: number, link: IssuedLink) => void;
}

/** The events, newest first: the open and closed ones, then the archived ones apart. */
export function EventList({ events, error, onRefresh, session, secret, links, onLink }: Props) {
  const sorted = [...(events ?? [])].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const current = sorted.filter((e) => e.status !== 'archived');
  const archived = sorted.filter((e) => e.status === 'archived');
  const card = (e: EventSummary) => (
    <EventCard
      key={e.id}
      event={e}
      session={session}
      secret={secret}
      link={links[e.id] ?? null}
      onLink={(link) => onLink(e.id, link)}
      onChanged={onRefresh}
    />
  );
  return (
    <>
      <section class="panel" aria-labelledby="events-heading">
        <div class="panel__head">
          <h2 id="events-heading">{t('admin.events')}</h2>
          <button type="button" class="btn btn--small btn--ghost" onClick={onRefresh}>
            {t('admin.refresh')}
          </button>
        </div>
        <ErrorLine error={error} />
        {events === null ? (
          <p>{t('app.loading')}</p>
        ) : current.length === 0 ? (
          <p class="empty">{t('admin.noEvents')}</p>
        ) : (
          <ul class="event-cards" data-testid="events">
            {current.map(card)}
          </ul>
        )}
      </section>
      {archived.length > 0 ? (
        <section class="panel" aria-labelledby="archived-heading">
          <h2 id="archived-heading">{t('admin.archived')}</h2>
          <p class="hint">{t('admin.archivedHint')}</p>
          <ul class="event-cards" data-testid="archived-events">
            {archived.map(card)}
          </ul>
        </section>
      ) : null}
    </>
  );
}
