import { formatTime, t } from '../i18n';
import type { AppState } from '../store';
import { isStaff, visibleAnnouncements } from '../store';

interface Props {
  state: AppState;
  large?: boolean;
}

/** The announcements up now, at the top of the page; new ones are read out politely. */
export function AnnouncementBanner({ state, large }: Props) {
  const list = visibleAnnouncements(state);
  const staff = isStaff(state.you);
  const trackName = (id: number) => state.event?.tracks.find((tr) => tr.id === id)?.name ?? String(id);
  return (
    <div
      class={large ? 'banner banner--large' : 'banner'}
      role="status"
      aria-live="polite"
      aria-label={t('announce.banner')}
      data-testid="announcements"
    >
      {list.length > 0 ? (
        <ul class="banner__list">
          {list.map((a) => (
            <li key={a.id} class="banner__item">
              <svg class="banner__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path d="M3 10v4h3l7 5V5L6 10H3zm13-1.5v7a4 4 0 0 0 0-7z" fill="currentColor" />
              </svg>
              <p class="banner__text">{a.text}</p>
              <p class="banner__meta">
                {staff
                  ? a.track === null
                    ? t('announce.toEveryone')
                    : t('announce.toTrack', { track: trackName(a.track) })
                  : null}
                {staff ? ' · ' : null}
                <time dateTime={new Date(a.at).toISOString()}>{formatTime(a.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
