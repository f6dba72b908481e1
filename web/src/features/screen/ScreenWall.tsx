import { useEffect, useState } from 'preact/hooks';
import { currentLocale, formatLocale, switchLanguage, t } from '../../i18n';
import type { AppState } from '../../store';
import { visibleAnnouncements } from '../../store';
import { ClustersView } from './ClustersView';
import { JoinView } from './JoinView';
import { ProgressView } from './ProgressView';
import { ResultsPages } from './ResultsPages';
import { ScreenHeader } from './ScreenHeader';
import type { ShownScreen } from './screenMode';
import { shownScreen } from './screenMode';
import { askedLanguage, SCREEN_LANGUAGE_MS, screenLanguageAt, screenLanguages } from './screenLanguage';
import { WallView } from './WallView';
import './screen.css';
import './modes.css';

interface Props {
  state: AppState;
}

/** A time of day in the screen's language ("13:05", "1:05 PM"). */
function clockTime(ms: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { timeStyle: 'short' }).format(ms);
}

/**
 * Keeps the screen in its language (screenLanguage.ts): the event's, or each of the room's
 * in turn, switched on the server's clock so that two screens in one hall agree. Returns the
 * languages it takes turns through.
 */
function useScreenLanguage(state: AppState): string[] {
  const languages = state.event
    ? screenLanguages(state.event, state.presence, location.search)
    : [askedLanguage(location.search) ?? 'en'];
  const key = languages.join(' ');
  const serverNow = () => Date.now() + state.clockOffset;
  const [wanted, setWanted] = useState(() => screenLanguageAt(languages, serverNow()));
  useEffect(() => {
    const list = key.split(' ');
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = Date.now() + state.clockOffset;
      setWanted(screenLanguageAt(list, now));
      if (list.length > 1) timer = setTimeout(tick, SCREEN_LANGUAGE_MS - (now % SCREEN_LANGUAGE_MS) + 50);
    };
    tick();
    return () => clearTimeout(timer);
  }, [key, state.clockOffset]);
  useEffect(() => {
    // Offline before that language was fetched: the screen stays in the one it shows.
    if (wanted !== currentLocale()) switchLanguage(wanted).catch(() => {});
  }, [wanted]);
  return languages;
}

/** The newest announcement up now, full screen. */
function AnnouncementView({ state }: Props) {
  const list = visibleAnnouncements(state);
  const newest = list[list.length - 1];
  return (
    <section class="screen-body screen-body--center" aria-labelledby="screen-announcement-heading">
      <h2 id="screen-announcement-heading" class="visually-hidden">
        {t('screen.mode.announcement')}
      </h2>
      {newest ? (
        <div class="screen-announcement" data-testid="screen-announcement">
          <p class="screen-announcement__text">{newest.text}</p>
          <p class="screen-announcement__time">
            <time dateTime={new Date(newest.at).toISOString()}>{clockTime(newest.at)}</time>
          </p>
        </div>
      ) : (
        <p class="screen-message">{t('screen.noAnnouncement')}</p>
      )}
    </section>
  );
}

/** The newest announcement as a strip above the other modes (read out politely). */
function AnnouncementStrip({ state, hidden }: Props & { hidden: boolean }) {
  const list = visibleAnnouncements(state);
  const newest = list[list.length - 1];
  return (
    <div
      class="screen-strip"
      role="status"
      aria-live="polite"
      aria-label={t('announce.banner')}
      data-testid="announcements"
    >
      {newest && !hidden ? <p class="screen-strip__text">{newest.text}</p> : null}
    </div>
  );
}

function Body({ state, shown }: Props & { shown: ShownScreen }) {
  switch (shown.mode) {
    case 'join':
      return <JoinView state={state} />;
    case 'wall':
      return <WallView state={state} track={shown.track} />;
    case 'clusters':
      return <ClustersView state={state} track={shown.track} />;
    case 'progress':
      return <ProgressView state={state} round={shown.round} />;
    case 'results':
      return <ResultsPages state={state} round={shown.round} />;
    case 'announcement':
      return <AnnouncementView state={state} />;
  }
}

/**
 * The room's big screen, read from across the room at 1920×1080 or 1280×720, never scrolled:
 * a slim bar with the phase and countdown (and, outside the join mode, the join code and a
 * small QR code in its corner), then what the facilitator chose (or the phase calls for): how
 * to join, the idea wall, the clusters, vote progress, results, or the announcement. Long
 * lists turn their pages by themselves. Read-only.
 */
export function ScreenWall({ state }: Props) {
  const languages = useScreenLanguage(state);
  if (!state.event) return null;
  const shown = shownScreen(state);
  return (
    <div class="screen" data-mode={shown.mode} data-testid="screen">
      <ScreenHeader state={state} track={shown.track} corner={shown.mode !== 'join'} languages={languages} />
      <AnnouncementStrip state={state} hidden={shown.mode === 'announcement'} />
      <Body state={state} shown={shown} />
    </div>
  );
}
