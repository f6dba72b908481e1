import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { LANGUAGES } from '../../i18n/languages';
import type { EventInfo, ScreenLanguages } from '../../protocol';
import type { Session } from '../../session';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  event: EventInfo;
}

/**
 * The event's language (facilitators): the report is written in it and the big screen shows
 * it, or takes turns through the languages people in the room use. Each person's own screen
 * keeps the language they chose.
 */
export function LanguagePanel({ session, event }: Props) {
  const { busy, error, run } = useRequests();
  const [saved, setSaved] = useState(false);
  // What was just chosen, shown while the server confirms it (the controls never jump back to
  // the old value meanwhile); the event's own values again once the change arrives or is refused.
  const [asked, setAsked] = useState<{ language?: string; screenLanguages?: ScreenLanguages } | null>(null);
  // The change (ours, or one made elsewhere) has arrived: the event's values rule again.
  useEffect(() => setAsked(null), [event.language, event.screenLanguages]);
  const language = asked?.language ?? event.language ?? 'en';
  const screen: ScreenLanguages = asked?.screenLanguages ?? event.screenLanguages ?? 'event';
  const save = async (change: { language?: string; screenLanguages?: ScreenLanguages }) => {
    setSaved(false);
    setAsked(change);
    const done = await run(() => session.actions.event.setLanguage(change).then(() => true));
    if (done) setSaved(true);
    else setAsked(null);
  };
  return (
    <section class="panel" aria-labelledby="settings-language-heading">
      <h2 id="settings-language-heading">{t('settings.language')}</h2>
      <div class="field">
        <label for="event-language">{t('settings.languageEvent')}</label>
        <select
          id="event-language"
          class="input"
          value={language}
          disabled={busy}
          aria-describedby="event-language-hint"
          data-testid="event-language"
          onChange={(e) => void save({ language: e.currentTarget.value })}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <p id="event-language-hint" class="hint">
          {t('settings.languageEventHint')}
        </p>
      </div>
      <fieldset class="langpanel__screen">
        <legend>{t('settings.languageScreen')}</legend>
        {(['event', 'room'] as const).map((choice) => (
          <label key={choice} class="check">
            <input
              type="radio"
              name="screen-languages"
              value={choice}
              checked={screen === choice}
              disabled={busy}
              data-testid={`screen-languages-${choice}`}
              onChange={() => void save({ screenLanguages: choice })}
            />
            <span>{t(`settings.languageScreen.${choice}`)}</span>
          </label>
        ))}
      </fieldset>
      {saved && !error ? (
        <p class="hint" role="status">
          {t('settings.languageSaved')}
        </p>
      ) : null}
      <ErrorLine error={error} />
    </section>
  );
}
