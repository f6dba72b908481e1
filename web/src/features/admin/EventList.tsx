import { formatDate, t } from '../../i18n';
import type { EventSummary } from '../../protocol';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  events: EventSummary[] | null;
  error: string | null;
  onRefresh: () => void;
}

export function EventList({ events, error, onRefresh }: Props) {
  return (
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
      ) : events.length === 0 ? (
        <p class="empty">{t('admin.noEvents')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.col.title')}</th>
                <th scope="col">{t('admin.col.code')}</th>
                <th scope="col" class="num">
                  {t('admin.col.participants')}
                </th>
                <th scope="col" class="num">
                  {t('admin.col.ideas')}
                </th>
                <th scope="col">{t('admin.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.title}</th>
                  <td>
                    <a href={`/join/${e.code}`} class="mono">
                      {e.code}
                    </a>
                  </td>
                  <td class="num">{e.participants}</td>
                  <td class="num">{e.ideas}</td>
                  <td>{formatDate(e.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
