import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n';
import { errorText, t } from '../i18n';
import { fetchFile, saveBlob } from '../downloads';
import type { ExportFile } from '../protocol';
import type { Session } from '../session';
import { ErrorLine } from './Notices';

interface ButtonProps {
  session: Session;
  code: string;
  file: ExportFile;
  /** The button's text; by default the file's name in the catalogue. */
  label?: string;
  small?: boolean;
  /** Told when a download fails (the group shows one message for all its buttons). */
  onError?: (message: string | null) => void;
}

/** The catalogue text of a file: "Markdown", "Word (DOCX)", "Ideas (CSV)", ... */
export function fileLabel(file: ExportFile): string {
  return t(`download.${file}` as MessageKey);
}

/**
 * One file of the event, fetched with the member's token and offered as a download under
 * the name the server gives it. Shows its own error unless the group takes it.
 */
export function DownloadButton({ session, code, file, label, small, onError }: ButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const report = (message: string | null) => (onError ? onError(message) : setError(message));
  const text = label ?? fileLabel(file);

  const download = async () => {
    const token = session.token;
    if (!token) return;
    setBusy(true);
    const got = await fetchFile(code, token, file);
    setBusy(false);
    if (got.ok) {
      report(null);
      saveBlob(got.blob, got.fileName);
    } else {
      report(t('download.failed', { what: text, reason: errorText(got.code) }));
    }
  };

  return (
    <>
      <button
        type="button"
        class={small ? 'btn btn--small' : 'btn'}
        disabled={busy}
        aria-busy={busy}
        onClick={download}
        data-file={file}
      >
        {busy ? t('download.busy', { what: text }) : text}
      </button>
      <ErrorLine error={error} />
    </>
  );
}

interface GroupProps {
  session: Session;
  code: string;
  files: readonly ExportFile[];
  /** The group's label (e.g. "Download the report"). */
  label: string;
  id: string;
}

/** A labelled row of download buttons with one error line for them all. */
export function DownloadButtons({ session, code, files, label, id }: GroupProps) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="downloads" role="group" aria-labelledby={id}>
      <p id={id} class="downloads__label">
        {label}
      </p>
      <div class="downloads__buttons">
        {files.map((file) => (
          <DownloadButton key={file} session={session} code={code} file={file} small onError={setError} />
        ))}
      </div>
      <ErrorLine error={error} />
    </div>
  );
}
