import { useState } from 'preact/hooks';
import { formatTime, t } from '../../i18n';
import type { Announcement, EventInfo } from '../../protocol';
import type { Session } from '../../session';
import { describedBy } from '../../ui/Field';
import { counterText, overLimit, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  event: EventInfo;
  announcements: Announcement[];
}

/** Facilitators put up a banner for everyone or one track, and take banners down. */
export function AnnouncePanel({ session, event, announcements }: Props) {
  const [text, setText] = useState('');
  const [audience, setAudience] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, run } = useRequests();
  const max = useLimits(session)?.announcement;
  const length = [...text].length;
  const trackName = (id: number) => event.tracks.find((tr) => tr.id === id)?.name ?? String(id);

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(t('announce.required'));
      document.getElementById('announce-text')?.focus();
      return;
    }
    if (max !== undefined && overLimit(trimmed, max)) {
      setInvalid(t('announce.tooLong', { max }));
      return;
    }
    setInvalid(null);
    const track = audience === '' ? null : Number(audience);
    const result = await run(() => session.actions.announcements.make(trimmed, track));
    if (result) setText('');
  };

  const fieldError = invalid ?? null;
  return (
    <section class="panel announce" aria-labelledby="announce-heading">
      <h2 id="announce-heading">{t('announce.title')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="announce-text">{t('announce.text')}</label>
          <textarea
            id="announce-text"
            class="input"
            rows={2}
            maxLength={max}
            value={text}
            aria-invalid={!!fieldError}
            aria-describedby={['announce-count', describedBy('announce-text', undefined, fieldError) ?? '']
              .join(' ')
              .trim()}
            onInput={(e) => {
              setText(e.currentTarget.value);
              if (invalid) setInvalid(null);
            }}
          />
          <span
            id="announce-count"
            class={max !== undefined && length > max * 0.9 ? 'counter counter--near' : 'counter'}
          >
            {counterText(length, max)}
          </span>
          {fieldError ? (
            <p id="announce-text-error" class="field-error">
              {fieldError}
            </p>
          ) : null}
        </div>
        <div class="form--inline announce__row">
          <div class="field">
            <label for="announce-audience">{t('announce.audience')}</label>
            <select
              id="announce-audience"
              class="input"
              value={audience}
              onChange={(e) => setAudience(e.currentTarget.value)}
            >
              <option value="">{t('announce.everyone')}</option>
              {event.tracks.map((tr) => (
                <option key={tr.id} value={String(tr.id)}>
                  {t('announce.trackOption', { track: tr.name })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t('announce.sending') : t('announce.submit')}
          </button>
        </div>
        <ErrorLine error={error} />
      </form>
      <h3 class="announce__current">{t('announce.current')}</h3>
      {announcements.length === 0 ? (
        <p class="empty">{t('announce.none')}</p>
      ) : (
        <ul class="announce__list">
          {announcements.map((a) => (
            <li key={a.id} class="announce__item">
              <div class="announce__body">
                <p class="announce__text">{a.text}</p>
                <p class="announce__meta">
                  {a.track === null ? t('announce.toEveryone') : t('announce.toTrack', { track: trackName(a.track) })} ·{' '}
                  <time dateTime={new Date(a.at).toISOString()}>{formatTime(a.at)}</time>
                </p>
              </div>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                disabled={busy}
                aria-label={t('announce.takeDownLabel', { text: a.text })}
                onClick={() => run(() => session.actions.announcements.clear(a.id))}
              >
                {t('announce.takeDown')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
