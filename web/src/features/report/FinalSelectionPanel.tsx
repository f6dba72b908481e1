import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Report } from '../../protocol';
import { FACILITATOR_FILES, REPORT_FILES } from '../../protocol';
import { finalRounds } from './report';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { DownloadButtons } from '../../ui/DownloadButtons';
import { ChaptersEditor } from './FinalSelectionChapters';
import { PrefillForm, ReportTextsForm } from './FinalSelectionTexts';
import { useRequests } from '../../ui/hooks';
import { ReportPreview } from './ReportPreview';
import { ErrorLine } from '../../ui/Notices';
import './report.css';

interface Props {
  session: Session;
  state: AppState;
}

/** The phases in which the panel opens by itself. */
const OPEN_IN = new Set(['final_selection', 'closed']);

/** Publish / take back: a switch with its state in words. */
function PublishSwitch({ session, report }: { session: Session; report: Report }) {
  const { busy, error, run } = useRequests();
  // What the facilitator asked for, shown until the server's report says otherwise.
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => setAsked(null), [report.published]);
  return (
    <section class="final__publish" aria-labelledby="report-publish-heading">
      <h3 id="report-publish-heading">{t('report.publish')}</h3>
      <label class="check final__switch">
        <input
          type="checkbox"
          role="switch"
          checked={asked ?? report.published}
          disabled={busy}
          aria-describedby="report-publish-state"
          onChange={async (e) => {
            const published = e.currentTarget.checked;
            setAsked(published);
            const ok = await run(() => session.actions.report.publish(published).then(() => true));
            if (!ok) setAsked(null); // refused: the report's state again
          }}
        />
        {t('report.publishSwitch')}
      </label>
      <p
        id="report-publish-state"
        class={report.published ? 'final__state final__state--on' : 'final__state'}
        role="status"
        data-testid="report-published"
      >
        {report.published ? t('report.published') : t('report.unpublished')}
      </p>
      <ErrorLine error={error} />
    </section>
  );
}

/**
 * Facilitators build the final report: its texts, pre-filling from the final round, the
 * chapters and the order of their proposals, publishing, the downloads and a live preview.
 */
export function FinalSelectionPanel({ session, state }: Props) {
  const { event, report, agenda } = state;
  const phase = agenda && agenda.current >= 0 ? agenda.phases[agenda.current]?.kind : undefined;
  const [open, setOpen] = useState<boolean | null>(null);
  const started = report !== null && (report.published || report.chapters.length > 0);
  // The texts are folded when chapters exist as the panel opens; never under the facilitator's hands.
  const [textsOpen] = useState(!started);
  if (!event) return null;
  const expanded = open ?? (started || (phase !== undefined && OPEN_IN.has(phase)));

  return (
    <section class="panel final" aria-labelledby="final-heading" data-testid="final-selection">
      <div class="panel__head">
        <h2 id="final-heading">{t('report.panel')}</h2>
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-expanded={expanded}
          aria-controls="final-body"
          onClick={() => setOpen(!expanded)}
        >
          {expanded ? t('report.hide') : t('report.show')}
        </button>
      </div>
      {expanded ? (
        <div id="final-body">
          <p class="lead">{t('report.intro')}</p>
          {report === null ? (
            <p aria-busy="true">{t('report.loading')}</p>
          ) : (
            <>
              <div class="final__grid">
                <div class="final__main">
                  <PublishSwitch session={session} report={report} />
                  {/* Once chapters are made, the texts and the pre-fill fold away. */}
                  <details class="final__fold" open={textsOpen}>
                    <summary class="final__fold-summary">{t('report.foldTexts')}</summary>
                    <ReportTextsForm session={session} event={event} report={report} />
                    <PrefillForm session={session} report={report} rounds={finalRounds(state.rounds)} />
                  </details>
                  <DownloadButtons
                    session={session}
                    code={event.code}
                    files={REPORT_FILES}
                    label={t('download.report')}
                    id="final-downloads-report"
                  />
                  <DownloadButtons
                    session={session}
                    code={event.code}
                    files={FACILITATOR_FILES.filter((f) => f !== 'results.csv')}
                    label={t('download.data')}
                    id="final-downloads-data"
                  />
                </div>
                <div class="final__side">
                  <ReportPreview
                    session={session}
                    code={event.code}
                    watch={[report, state.proposals, report.round === null ? null : state.results[report.round]]}
                    idPrefix="final"
                  />
                </div>
              </div>
              {/* The chapters take the whole width: side by side where there is room. */}
              <ChaptersEditor session={session} state={state} report={report} />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
