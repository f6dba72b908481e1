import { useEffect, useState } from 'preact/hooks';
import { formatLocale, t } from '../../i18n';
import type { MessageKey } from '../../i18n';

/** How long one page stays up. */
export const PAGE_MS = 12_000;

/**
 * The page shown now of `pages`, turning every PAGE_MS by itself (nobody touches the big
 * screen). Starts over at the first page when `restart` changes (another mode, track or round).
 */
export function usePage(pages: number, restart: string): number {
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [restart]);
  useEffect(() => {
    if (pages <= 1) return undefined;
    const handle = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_MS);
    return () => clearInterval(handle);
  }, [pages, restart]);
  return pages > 0 ? page % pages : 0;
}

interface IndicatorProps {
  /** "Tracks {from}–{to} of {total}" and the like. */
  label: MessageKey;
  from: number;
  to: number;
  total: number;
  page: number;
  pages: number;
}

/** Which part of a long list is up ("Items 17–32 of 143") and a dot per page. */
export function PageIndicator({ label, from, to, total, page, pages }: IndicatorProps) {
  if (pages <= 1) return null;
  const nf = new Intl.NumberFormat(formatLocale());
  return (
    <p class="screen-pages" data-testid="page-indicator">
      <span>{t(label, { from: nf.format(from), to: nf.format(to), total: nf.format(total) })}</span>
      {pages <= 20 ? (
        <span class="screen-pages__dots" aria-hidden="true">
          {Array.from({ length: pages }, (_, i) => (
            <span key={i} class={i === page ? 'screen-pages__dot screen-pages__dot--on' : 'screen-pages__dot'} />
          ))}
        </span>
      ) : null}
    </p>
  );
}
