import { errorText, t } from '../i18n';
import type { Notice } from '../store';

interface Props {
  notices: Notice[];
  onDismiss: (id: string) => void;
}

/** Commands the server refused, each with its translated reason. */
export function Notices({ notices, onDismiss }: Props) {
  return (
    <div class="notices" role="alert">
      {notices.map((n) => (
        <div class="notice" key={n.id}>
          <p>{t('notice.failed', { reason: errorText(n.code) })}</p>
          <button type="button" class="btn btn--small btn--ghost" onClick={() => onDismiss(n.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

/** Why the last request was refused, announced when it appears; nothing when `error` is empty. */
export function ErrorLine({ error }: { error: string | null | undefined }) {
  return error ? (
    <p class="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
