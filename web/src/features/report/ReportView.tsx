import { useState } from 'preact/hooks';
import { formatDate, t } from '../../i18n';
import { REPORT_FILES } from '../../protocol';
import { isPublished } from './report';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { DownloadButtons } from '../../ui/DownloadButtons';
import { ReportPreview } from './ReportPreview';
import './report.css';

interface Props {
  session: Session;
  state: AppState;
}

/**
 * A participant's "Report" entry, shown while the report is published: the report as it
 * is printed (opened on demand) and its downloads as Markdown, HTML, Word and JSON.
 * Taken back by the facilitator, it disappears.
 */
export function ReportView({ session, state }: Props) {
  const { event, report } = state;
  const [open, setOpen] = useState(false);
  if (!event || !isPublished(report)) return null;
  return (
    <section class="panel report-entry" aria-labelledby="report-entry-heading" data-testid="report-entry">
      <h2 id="report-entry-heading">{t('report.board.title')}</h2>
      <p>{t('report.board.intro')}</p>
      {report.creditsChangedAt ? (
        <p class="report-entry__updated" data-testid="report-updated">
          {t('report.updated', { date: formatDate(report.creditsChangedAt) })}
        </p>
      ) : null}
      <button
        type="button"
        class="btn btn--primary"
        aria-expanded={open}
        aria-controls="report-entry-body"
        onClick={() => setOpen(!open)}
      >
        {open ? t('report.board.close') : t('report.board.open')}
      </button>
      <div id="report-entry-body" hidden={!open}>
        {open ? (
          <ReportPreview
            session={session}
            code={event.code}
            watch={[report, state.proposals]}
            level={3}
            idPrefix="report-entry"
          />
        ) : null}
      </div>
      <DownloadButtons
        session={session}
        code={event.code}
        files={REPORT_FILES}
        label={t('download.report')}
        id="report-entry-downloads"
      />
    </section>
  );
}
