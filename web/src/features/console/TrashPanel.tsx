import { formatDate, formatTime, t, tn } from '../../i18n';
import type { TrashedProposal } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { mayUseTrash } from '../../store';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  state: AppState;
}

/** Proposals moved to the trash, newest first, each with Restore (until the report is published). */
export function TrashPanel({ session, state }: Props) {
  const { busy, error, run } = useRequests();
  const items = Object.values(state.trash)
    .filter((p) => mayUseTrash(state.you, p))
    .sort((a, b) => b.deletedAt - a.deletedAt || b.id - a.id);
  const trackName = (id: number) => state.event?.tracks.find((tr) => tr.id === id)?.name ?? '';
  const published = state.report?.published === true;
  return (
    <section class="panel trash" aria-labelledby="trash-heading" data-testid="trash">
      <div class="panel__head">
        <h2 id="trash-heading">{tn('trash.title', items.length)}</h2>
      </div>
      <p class="muted">{published ? t('trash.published') : t('trash.intro')}</p>
      {items.length === 0 ? <p class="empty">{t('trash.empty')}</p> : null}
      <ul class="trash__list">
        {items.map((p: TrashedProposal) => (
          <li key={p.id} class="trash__item" data-proposal={p.id}>
            <span class="trash__body">
              <span class="trash__title">{p.title}</span>
              <span class="trash__meta">
                {trackName(p.track)} ·{' '}
                {t('trash.deletedAt', { date: formatDate(p.deletedAt), time: formatTime(p.deletedAt) })}
              </span>
            </span>
            <button
              type="button"
              class="btn btn--small"
              disabled={busy || published}
              aria-label={t('trash.restoreLabel', { title: p.title })}
              onClick={() => run(() => session.actions.proposals.restore(p.id), { bad_value: t('trash.refused') })}
            >
              {t('trash.restore')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorLine error={error} />
    </section>
  );
}
