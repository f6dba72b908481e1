import { useEffect, useState } from 'preact/hooks';
import type { ConnectionStatus as Status } from '../connection';
import { t, tn } from '../i18n';

interface Props {
  status: Status;
  /** Changes not yet saved by the server (queued offline, or sent and waiting for the ack). */
  unsaved: number;
  onRetry?: () => void;
}

const LABEL = {
  connecting: 'status.connecting',
  online: 'status.online',
  reconnecting: 'status.reconnecting',
  offline: 'status.offline',
} as const;

/**
 * While online, how long a change may wait for its ack before it is counted: the ack of a
 * healthy server comes sooner, and the header does not flicker (or reflow) on every post.
 */
export const ONLINE_GRACE_MS = 1_000;

/** Whether the count shows: at once when not online, after ONLINE_GRACE_MS when online. */
function useShownCount(status: Status, unsaved: number): boolean {
  const waiting = unsaved > 0 && status === 'online';
  const [late, setLate] = useState(false);
  useEffect(() => {
    setLate(false);
    if (!waiting) return;
    const timer = setTimeout(() => setLate(true), ONLINE_GRACE_MS);
    return () => clearTimeout(timer);
  }, [waiting]);
  return unsaved > 0 && (status !== 'online' || late);
}

/** What the unsaved count scrolls to: the first card marked "Not yet saved". */
const UNSAVED_ITEM = '.idea--unsaved, .cidea--unsaved';

function showFirstUnsaved(): void {
  const item = document.querySelector<HTMLElement>(UNSAVED_ITEM);
  if (!item) return;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  item.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
}

/**
 * The connection in a few characters: a dot and one word (Online, Connecting…, Reconnecting…,
 * Offline), announced politely to screen readers; beside it the count of changes not yet
 * saved whenever there are any (while online, once one has waited ONLINE_GRACE_MS for its
 * ack; a tap scrolls to the first), and Retry while offline. Every
 * part keeps to one line and a bounded width, so it never grows over the header's title.
 */
export function ConnectionStatus({ status, unsaved, onRetry }: Props) {
  const showCount = useShownCount(status, unsaved);
  return (
    <div class="conn-wrap">
      <p
        class={`conn conn--${status}`}
        role="status"
        aria-live="polite"
        data-status={status}
        title={status === 'offline' ? t('status.offlineHint') : undefined}
      >
        <span class="conn__dot" aria-hidden="true" />
        <span class="visually-hidden">{t('status.label')}: </span>
        <span class="conn__text">{t(LABEL[status])}</span>
        {status === 'offline' ? <span class="visually-hidden"> {t('status.offlineHint')}</span> : null}
      </p>
      {showCount ? (
        <button
          type="button"
          class="conn__unsaved"
          data-testid="unsaved-count"
          title={t('status.unsavedShow')}
          onClick={showFirstUnsaved}
        >
          <span class="conn__count">{tn('status.unsaved', unsaved)}</span>
        </button>
      ) : null}
      {onRetry && status === 'offline' ? (
        <button type="button" class="btn btn--small btn--ghost conn__retry" onClick={onRetry}>
          {t('status.retry')}
        </button>
      ) : null}
    </div>
  );
}
