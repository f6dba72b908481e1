import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { useId } from './hooks';

interface Props {
  label: string;
  value: string;
  large?: boolean;
}

/** Copies `text`; without the clipboard API, selects `input` and copies it. */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back to selecting the text.
  }
  if (!input) return false;
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** A read-only value (a link, a code) with a Copy button. */
export function CopyField({ label, value, large }: Props) {
  const id = useId('copy');
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  return (
    <div class="copy">
      <label for={id} class="copy__label">
        {label}
      </label>
      <div class="copy__row">
        <input
          id={id}
          class={large ? 'input copy__value copy__value--large' : 'input copy__value'}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          class="btn btn--small"
          aria-label={t('copy.label', { label })}
          onClick={async () => {
            const ok = await copyText(value, document.getElementById(id) as HTMLInputElement | null);
            setResult(ok ? 'copied' : 'failed');
          }}
        >
          {t('copy.copy')}
        </button>
      </div>
      <p class="copy__result" role="status">
        {result === 'copied' ? t('copy.copied') : result === 'failed' ? t('copy.failed') : ''}
      </p>
    </div>
  );
}
