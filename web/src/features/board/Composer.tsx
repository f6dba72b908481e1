import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Track } from '../../protocol';
import type { Session } from '../../session';
import { counterText, overLimit, useId, useLimits } from '../../ui/hooks';

interface Props {
  session: Session;
  track: Track;
}

/** The form to post an idea into the shown track; works offline (the idea waits). */
export function Composer({ session, track }: Props) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId('composer');
  const length = [...text].length;
  const max = useLimits(session)?.idea;

  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setError(t('composer.empty'));
      return;
    }
    if (max !== undefined && overLimit(trimmed, max)) {
      setError(t('composer.tooLong', { max }));
      return;
    }
    session.actions.ideas.post(track.id, trimmed, anonymous);
    setText('');
    setError(null);
  };

  const described = [`${id}-count`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form class="composer" onSubmit={submit} noValidate>
      <label for={`${id}-text`} class="composer__label">
        {t('composer.label', { track: track.name })}
      </label>
      <textarea
        id={`${id}-text`}
        class="input composer__text"
        name="idea"
        rows={3}
        maxLength={max}
        value={text}
        aria-invalid={!!error}
        aria-describedby={described}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      <div class="composer__row">
        <span id={`${id}-count`} class={max !== undefined && length > max * 0.9 ? 'counter counter--near' : 'counter'}>
          {counterText(length, max)}
        </span>
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
          <span>{t('composer.anonymous')}</span>
        </label>
        <button type="submit" class="btn btn--primary">
          {t('composer.submit')}
        </button>
      </div>
    </form>
  );
}
