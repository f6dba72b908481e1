import { useState } from 'preact/hooks';
import { fetchFile, saveBlob } from '../../downloads';
import { errorText, formatDate, t, tn } from '../../i18n';
import type { EventStatus, EventSummary } from '../../protocol';
import { ARCHIVE_FILE } from '../../protocol';
import { staffUrl } from '../../router';
import type { Session } from '../../session';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { CopyField } from '../../ui/CopyField';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { QrCode } from '../../ui/QrCode';
import type { IssuedLink } from './adminLinks';

interface Props {
  event: EventSummary;
  session: Session;
  /** The admin secret (the archive's download carries it). */
  secret: string;
  /** The facilitator link issued for this event in this browser session, if any. */
  link: IssuedLink | null;
  onLink: (link: IssuedLink) => void;
  /** The list should be fetched again (status, export or deletion changed). */
  onChanged: () => void;
}

/** Deleting is possible once the event is closed (or archived) and its archive was downloaded. */
export function mayDelete(event: EventSummary): boolean {
  return event.exported === true && (event.status === 'closed' || event.status === 'archived');
}

/**
 * One event on the admin page: what it is, and what an admin does with it: open its
 * console, issue a new facilitator link (a lost one's recovery, with a QR code), close,
 * archive or reopen it, download its archive and, once that is done, delete it.
 */
export function EventCard({ event, session, secret, link, onLink, onChanged }: Props) {
  const { busy, error, run } = useRequests();
  const [confirming, setConfirming] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const status: EventStatus = event.status ?? 'open';
  const headingId = `event-${event.id}`;
  const deletable = mayDelete(event);
  const admin = session.actions.admin;

  const issue = async (recovery: boolean): Promise<IssuedLink | undefined> => {
    const name = recovery ? t('admin.recoveryName') : t('admin.consoleName');
    const result = await run(() => admin.issueFacilitatorLink(event.id, name));
    if (!result) return undefined;
    const issued = { url: staffUrl('facilitate', event.code, result.token), recovery, at: Date.now() };
    onLink(issued);
    return issued;
  };

  const openConsole = async () => {
    // Opened now, while the click counts as the user's (a window opened after an await is blocked).
    const tab = window.open('', '_blank');
    const issued = link ?? (await issue(false));
    if (!issued) {
      tab?.close();
      return;
    }
    if (tab) {
      tab.opener = null;
      tab.location.href = issued.url;
    } else {
      window.location.href = issued.url;
    }
  };

  const setStatus = async (next: EventStatus) => {
    const done = await run(() => admin.setEventStatus(event.id, next).then(() => true));
    if (done) onChanged();
  };

  const download = async () => {
    setDownloadError(null);
    const got = await fetchFile(event.code, secret, ARCHIVE_FILE);
    if (!got.ok) {
      setDownloadError(errorText(got.code));
      return;
    }
    saveBlob(got.blob, got.fileName);
    onChanged();
  };

  const remove = async () => {
    const done = await run(() => admin.deleteEvent(event.id).then(() => true), {
      not_exported: t('admin.deleteNotExported'),
    });
    setConfirming(false);
    if (done) onChanged();
  };

  return (
    <li class="event-card" aria-labelledby={headingId} data-testid="event-card" data-status={status}>
      <div class="event-card__head">
        <h3 id={headingId} class="event-card__title">
          {event.title}
        </h3>
        <span class={`badge badge--status badge--ev-${status}`} data-testid="event-status">
          {t(`admin.status.${status}`)}
        </span>
      </div>
      <p class="muted event-card__facts">
        <span>
          {t('admin.col.code')}{' '}
          <a href={`/join/${event.code}`} class="mono">
            {event.code}
          </a>
        </span>
        <span>{tn('admin.participants', event.participants)}</span>
        <span>{tn('admin.ideas', event.ideas)}</span>
        <span>{t('admin.createdOn', { date: formatDate(event.createdAt) })}</span>
        {event.exported ? <span data-testid="exported">{t('admin.exported')}</span> : null}
      </p>
      <div class="event-card__actions">
        <button type="button" class="btn btn--small btn--primary" disabled={busy} onClick={openConsole}>
          {t('admin.openConsole')}
        </button>
        <button type="button" class="btn btn--small" disabled={busy} onClick={() => issue(true)}>
          {t('admin.issueLink')}
        </button>
        {status === 'open' ? (
          <button type="button" class="btn btn--small" disabled={busy} onClick={() => setStatus('closed')}>
            {t('admin.close')}
          </button>
        ) : (
          <button type="button" class="btn btn--small" disabled={busy} onClick={() => setStatus('open')}>
            {t('admin.reopen')}
          </button>
        )}
        {status !== 'archived' ? (
          <button type="button" class="btn btn--small" disabled={busy} onClick={() => setStatus('archived')}>
            {t('admin.archive')}
          </button>
        ) : null}
        <button type="button" class="btn btn--small" onClick={download}>
          {t('admin.downloadArchive')}
        </button>
        <button
          type="button"
          class="btn btn--small btn--danger"
          disabled={!deletable || busy}
          aria-describedby={deletable ? undefined : `${headingId}-delete-why`}
          onClick={() => setConfirming(true)}
        >
          {t('admin.delete')}
        </button>
      </div>
      {deletable ? null : (
        <p id={`${headingId}-delete-why`} class="hint">
          {t('admin.deleteWhy')}
        </p>
      )}
      {confirming ? (
        <div class="event-card__confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
          <p id={`${headingId}-confirm`} class="event-card__confirm-text">
            {t('admin.deleteConfirm', { title: event.title, code: event.code })}
          </p>
          <div class="event-card__actions">
            <ConfirmButtons
              yes={t('admin.deleteYes', { title: event.title })}
              no={t('idea.cancel')}
              busy={busy}
              onYes={remove}
              onNo={() => setConfirming(false)}
            />
          </div>
        </div>
      ) : null}
      <ErrorLine error={error ?? downloadError} />
      {link?.recovery ? (
        <div class="event-card__link" data-testid="issued-link">
          <CopyField label={t('admin.newLinkLabel', { title: event.title })} value={link.url} />
          <QrCode url={link.url} size={160} />
          <p class="hint">{t('admin.newLinkHint')}</p>
        </div>
      ) : null}
    </li>
  );
}
