import type { ConnectionStatus as Status } from '../connection';
import { t, tn } from '../i18n';

interface Props {
  status: Status;
  unsaved: number;
  onRetry?: () => void;
}

const LABEL = {
  connecting: 'status.connecting',
  online: 'status.online',
  reconnecting: 'status.reconnecting',
  offline: 'status.offline',
} as const;

/** Online / reconnecting / offline, announced politely to screen readers. */
export function ConnectionStatus({ status, unsaved, onRetry }: Props) {
  return (
    <div class="conn-wrap">
      <p class={`conn conn--${status}`} role="status" aria-live="polite" data-status={status}>
        <span class="conn__dot" aria-hidden="true" />
        <span class="visually-hidden">{t('status.label')}: </span>
        <span class="conn__text">{t(LABEL[status])}</span>
        {unsaved > 0 && status !== 'online' ? <span class="conn__unsaved">{tn('status.unsaved', unsaved)}</span> : null}
      </p>
      {onRetry && status === 'offline' ? (
        <button type="button" class="btn btn--small btn--ghost" onClick={onRetry}>
          {t('status.retry')}
        </button>
      ) : null}
    </div>
  );
}
