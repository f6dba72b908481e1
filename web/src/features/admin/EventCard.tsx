import { useState } from 'preact/hooks';
import { fetchFile, saveBlob } from '../../downloads';
import { errorText, formatDate, t, tn } from '../../i18n';
import type { EventStatus, EventSummary } from '../../protocol';
import { ARCHIVE_FILE } from '../../protocol';
import { staffUrl } from '../../router';
import type { Session } from '../../session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
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
  return event.exported === true && mayAskToDelete(event);
}

/** The delete dialog opens for a closed or archived event; it offers the archive first. */
export function mayAskToDelete(event: EventSummary): boolean {
  return event.status === 'closed' || event.status === 'archived';
}

/**
 * One event on the admin page: what it is, and what an admin does with it: open its
 * console, issue a new facilitator link (a lost one's recovery, with a QR code), close,
 * archive or reopen it, download its archive, and delete it once closed: a dialog offers the
 * archive first and deletes once it was downloaded after the last change. Shows when the
 * retention period deletes it.
 */
export function EventCard({ event, session, secret, link, onLink, onChanged }: Props) {
  const { busy, error, run } = useRequests();
  const [confirming, setConfirming] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const status: EventStatus = event.status ?? 'open';
  const headingId = `event-${event.id}`;
  const deletable = mayDelete(event);
  const askable = mayAskToDelete(event);
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
    if (done) {
      setConfirming(false);
      onChanged();
    }
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
          disabled={!askable || busy}
          aria-describedby={askable ? undefined : `${headingId}-delete-why`}
          onClick={() => {
            setDownloadError(null);
            setConfirming(true);
          }}
        >
          {t('admin.delete')}
        </button>
      </div>
      {askable ? null : (
        <p id={`${headingId}-delete-why`} class="hint">
          {t('admin.deleteWhy')}
        </p>
      )}
      {event.deleteAt ? (
        <p class="hint" data-testid="delete-at">
          {t('admin.deletesOn', { date: formatDate(event.deleteAt) })}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('admin.deleteTitle', { title: event.title })}
          yes={t('admin.deleteYes', { title: event.title })}
          no={t('idea.cancel')}
          danger
          busy={busy}
          yesDisabled={!deletable}
          onYes={remove}
          onNo={() => setConfirming(false)}
        >
          <p>{t('admin.deleteConfirm', { title: event.title, code: event.code })}</p>
          <ol class="event-card__steps">
            <li>
              <p>{t('admin.deleteStepExport')}</p>
              <button type="button" class="btn btn--small" onClick={download}>
                {t('admin.downloadArchive')}
              </button>
              <p class="hint" role="status" data-testid="dialog-exported">
                {deletable ? t('admin.exported') : t('admin.notExported')}
              </p>
              <ErrorLine error={downloadError} />
            </li>
            <li>{t('admin.deleteStepDelete')}</li>
          </ol>
          <ErrorLine error={error} />
        </ConfirmDialog>
      ) : null}
      {confirming ? null : <ErrorLine error={error ?? downloadError} />}
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
