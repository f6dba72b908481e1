import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { isValidCode, normaliseCode } from '../../protocol';
import { navigate } from '../../router';
import { Shell } from '../../ui/Shell';

export function HomePage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState(false);

  const submit = (e: Event) => {
    e.preventDefault();
    if (!isValidCode(code)) {
      setError(true);
      return;
    }
    navigate(`/join/${normaliseCode(code)}`);
  };

  return (
    <Shell>
      <section class="panel panel--narrow">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.intro')}</p>
        <form class="form" onSubmit={submit} noValidate>
          <div class="field">
            <label for="join-code">{t('home.code')}</label>
            <input
              id="join-code"
              class="input input--code"
              name="code"
              value={code}
              maxLength={8}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              aria-describedby={error ? 'join-code-hint join-code-error' : 'join-code-hint'}
              aria-invalid={error}
              onInput={(e) => {
                setCode(e.currentTarget.value);
                setError(false);
              }}
            />
            <p id="join-code-hint" class="hint">
              {t('home.codeHint')}
            </p>
            {error ? (
              <p id="join-code-error" class="field-error">
                {t('home.codeInvalid')}
              </p>
            ) : null}
          </div>
          <button type="submit" class="btn btn--primary">
            {t('home.submit')}
          </button>
        </form>
      </section>
    </Shell>
  );
}
