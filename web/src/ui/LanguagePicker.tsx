import { useState } from 'preact/hooks';
import { currentLocale, t } from '../i18n';
import { chooseLanguage } from '../i18n/choice';
import { LANGUAGES } from '../i18n/languages';

interface Props {
  /** `field`: a labelled field (the join form); `compact`: the header's short button. */
  variant: 'field' | 'compact';
}

/**
 * The language of the app, switched at once (no reload) and remembered on this device.
 * A native select, so a phone shows its own picker. The compact variant shows only the
 * language's code; the select lies invisibly over it and keeps its accessible name.
 */
export function LanguagePicker({ variant }: Props) {
  const current = currentLocale();
  const [failed, setFailed] = useState(false);
  const choose = (language: string) => {
    setFailed(false);
    chooseLanguage(language).catch(() => setFailed(true));
  };
  const select = (
    <select
      id={variant === 'field' ? 'language-field' : undefined}
      class={variant === 'compact' ? 'langpick__select' : 'input'}
      aria-label={variant === 'compact' ? t('lang.label') : undefined}
      aria-describedby={variant === 'field' ? 'language-field-hint' : undefined}
      value={current}
      onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}
    >
      {LANGUAGES.some((l) => l.code === current) ? null : (
        <option value={current} lang={current}>
          {current}
        </option>
      )}
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </select>
  );
  if (variant === 'compact') {
    return (
      <span class="langpick" title={t('lang.label')}>
        <span class="langpick__shown" aria-hidden="true">
          <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.3" />
            <path
              d="M1.5 8h13M8 1.5c2 2 2.8 4 2.8 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.2 5.5 5.2 8S6 12.5 8 14.5"
              fill="none"
              stroke="currentColor"
              stroke-width="1.3"
            />
          </svg>
          <span class="langpick__code">{current.split('-')[0].toUpperCase()}</span>
        </span>
        {select}
        {failed ? (
          <span class="visually-hidden" role="status">
            {t('lang.loadFailed')}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <div class="field langfield">
      <label for="language-field">{t('lang.label')}</label>
      {select}
      <p id="language-field-hint" class="hint">
        {t('lang.hint')}
      </p>
      {failed ? (
        <p class="field-error" role="alert">
          {t('lang.loadFailed')}
        </p>
      ) : null}
    </div>
  );
}
