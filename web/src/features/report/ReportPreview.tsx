import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, formatTime, t } from '../../i18n';
import { fetchText } from '../../downloads';
import { previewDocument } from './report';
import type { Session } from '../../session';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  code: string;
  /** Values whose change means the report changed; the preview follows them, 1 s later. */
  watch: readonly unknown[];
  /** Heading level of "Preview" in its panel. */
  level?: 3 | 4;
  idPrefix: string;
}

/** How long the preview waits after a change before it fetches the report again. */
export const PREVIEW_DELAY_MS = 1000;
/** How long the print window gets to lay the report out before it prints. */
const PRINT_DELAY_MS = 300;

/**
 * The report as it will be printed: `report.html` fetched with the member's token, shown in
 * an iframe with `sandbox=""` (no scripts, no forms, no navigation of this page) from
 * `srcdoc`. It follows changes (debounced), has a Refresh button, and opens the HTML in a
 * new window to print it or save it as PDF.
 */
export function ReportPreview({ session, code, watch, level = 3, idPrefix }: Props) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const latest = useRef(0);
  const first = useRef(true);
  const alive = useRef(true);
  const Heading = level === 3 ? 'h3' : 'h4';
  const headingId = `${idPrefix}-preview`;

  const load = async () => {
    const token = session.token;
    if (!token) return;
    const n = ++latest.current;
    setLoading(true);
    const got = await fetchText(code, token, 'report.html');
    if (!alive.current || n !== latest.current) return; // a newer load answers instead
    setLoading(false);
    if (got.ok) {
      setError(null);
      setHtml((before) => (before === got.text ? before : got.text));
      setUpdatedAt(Date.now());
    } else {
      setError(t('preview.failed', { reason: errorText(got.code) }));
    }
  };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // The first load at once; after a change, once things have been quiet for a moment.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      void load();
      return;
    }
    const handle = setTimeout(() => void load(), PREVIEW_DELAY_MS);
    return () => clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller says what to follow (`watch`); `load` reads the session and refs at call time
  }, watch);

  const print = () => {
    if (html === null) return;
    const w = window.open('', '_blank');
    if (!w) {
      setError(t('preview.printBlocked'));
      return;
    }
    w.document.open();
    w.document.write(previewDocument(html));
    w.document.close();
    w.focus();
    setTimeout(() => {
      try {
        w.print();
      } catch {
        // The window was closed already: nothing to print.
      }
    }, PRINT_DELAY_MS);
  };

  return (
    <section class="preview" aria-labelledby={headingId} aria-busy={loading}>
      <div class="preview__head">
        <Heading id={headingId}>{t('preview.title')}</Heading>
        <div class="preview__actions">
          <button type="button" class="btn btn--small" onClick={() => void load()} disabled={loading}>
            {t('preview.refresh')}
          </button>
          <button type="button" class="btn btn--small" onClick={print} disabled={html === null}>
            {t('preview.print')}
          </button>
        </div>
      </div>
      <p class="hint preview__status" role="status">
        {loading && html === null
          ? t('preview.loading')
          : updatedAt !== null
            ? t('preview.updated', { time: formatTime(updatedAt) })
            : ''}
      </p>
      <ErrorLine error={error} />
      {html !== null ? (
        <iframe
          class="preview__frame"
          title={t('preview.frame')}
          sandbox=""
          srcdoc={previewDocument(html, { base: 'about:srcdoc' })}
          data-testid="report-preview"
        />
      ) : null}
    </section>
  );
}
