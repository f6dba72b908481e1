import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Track } from '../../protocol';

interface Props {
  tracks: Track[];
  current: number;
  own: number | null;
  onSelect: (id: number) => void;
}

/** Which way the row of tabs can still scroll. */
interface Overflow {
  before: boolean;
  after: boolean;
}

function overflowOf(el: HTMLElement): Overflow {
  const max = el.scrollWidth - el.clientWidth;
  return { before: el.scrollLeft > 1, after: el.scrollLeft < max - 1 };
}

/**
 * Buttons to switch between tracks; the shown one is pressed. When they do not fit (a
 * phone), the row scrolls sideways: a faded edge and an arrow button say there is more,
 * and the shown track is scrolled into view.
 */
export function TrackTabs({ tracks, current, own, onSelect }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: false });

  const measure = () => {
    const el = list.current;
    if (!el) return;
    const next = overflowOf(el);
    setOverflow((o) => (o.before === next.before && o.after === next.after ? o : next));
  };

  useEffect(() => {
    const el = list.current;
    if (!el) return;
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    addEventListener('resize', measure);
    return () => {
      el.removeEventListener('scroll', measure);
      removeEventListener('resize', measure);
    };
  }, []);

  // The shown track in view, without moving the page up or down.
  useLayoutEffect(() => {
    const el = list.current;
    const tab = el?.querySelector<HTMLElement>('[aria-pressed="true"]');
    if (!el || !tab) return;
    const box = el.getBoundingClientRect();
    const at = tab.getBoundingClientRect();
    const left = at.left - box.left + el.scrollLeft;
    const right = left + at.width;
    const pad = 40;
    if (left - pad < el.scrollLeft) el.scrollLeft = Math.max(0, left - pad);
    else if (right + pad > el.scrollLeft + el.clientWidth) el.scrollLeft = right + pad - el.clientWidth;
    measure();
  }, [current, tracks.length]);

  if (tracks.length < 2) return null;
  const scrollBy = (dir: 1 | -1) => {
    const el = list.current;
    if (el) el.scrollBy({ left: dir * el.clientWidth * 0.7, behavior: 'smooth' });
  };
  const classes = ['tracks', overflow.before ? 'tracks--before' : '', overflow.after ? 'tracks--after' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <nav class={classes} aria-label={t('board.tracks')} data-testid="track-tabs">
      {overflow.before ? (
        <button
          type="button"
          class="tracks__arrow tracks__arrow--before"
          aria-label={t('board.tracksBefore')}
          onClick={() => scrollBy(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
      ) : null}
      <ul class="tracks__list" ref={list}>
        {tracks.map((tr) => (
          <li key={tr.id}>
            <button type="button" class="tracks__btn" aria-pressed={tr.id === current} onClick={() => onSelect(tr.id)}>
              {tr.name}
              {tr.id === own ? <span class="tracks__own"> {t('board.yourTrack')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {overflow.after ? (
        <button
          type="button"
          class="tracks__arrow tracks__arrow--after"
          aria-label={t('board.tracksAfter')}
          onClick={() => scrollBy(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
      ) : null}
    </nav>
  );
}
