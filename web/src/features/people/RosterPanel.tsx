import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '../../i18n';
import type { RosterProblem } from '../../protocol';
import type { RosterOutcome } from './roster';
import { newId } from '../../ids';
import { saveBlob } from '../../downloads';
import { DEFAULT_GROUPS } from '../../protocol';
import { exportRoster, importRoster, problemMessage, ROSTER_COLUMNS, ROSTER_REQUIRED, rosterFileName } from './roster';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { BadgeSheet } from './BadgeSheet';
import { ErrorLine } from '../../ui/Notices';
import './people.css';

interface Props {
  session: Session;
  state: AppState;
}

type Imported = Extract<RosterOutcome, { ok: true }>;

/** The text of an HTTP error code (the roster's own codes first, then the protocol's). */
function httpErrorText(code: string): string {
  if (code === 'bad_roster') return t('roster.refused');
  return errorText(code);
}

function problemText(p: RosterProblem): string {
  const message = problemMessage(p);
  return p.row === 0 ? t('roster.problemFile', { message }) : t('roster.problemRow', { n: p.row, message });
}

/**
 * Facilitators prepare people before the day: import a CSV roster (refused whole, with a
 * message per bad row), print badges with personal links and QR codes, download the roster.
 */
export function RosterPanel({ session, state }: Props) {
  const { event } = state;
  const [file, setFile] = useState<File | null>(null);
  // One key per chosen file: a retry after a lost answer is the same upload, not a second one.
  const [uploadKey, setUploadKey] = useState(newId);
  const [busy, setBusy] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const [refused, setRefused] = useState<{ code: string; problems: RosterProblem[] } | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const problemsRef = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (refused) problemsRef.current?.focus();
  }, [refused]);

  if (!event) return null;
  const token = session.token;
  const trackA = event.tracks[0]?.name ?? '';
  const trackB = event.tracks[1]?.name ?? trackA;
  const groups = event.groups ?? DEFAULT_GROUPS;
  const groupA = groups[0]?.label ?? '';
  const groupB = groups[1]?.code ?? groupA;
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const example = [
    ROSTER_COLUMNS.join(','),
    `${quote('Ruiz, Ana')},DG CNECT,${quote(groupA)},${quote(trackA)},Table 1,ana@example.org,yes`,
    `Bo Jensen,,${quote(groupB)},${quote(trackB)},,,`,
  ].join('\n');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setMissingFile(true);
      input.current?.focus();
      return;
    }
    if (!token) return;
    setMissingFile(false);
    setBusy(true);
    const outcome = await importRoster(event.code, token, file, uploadKey);
    setBusy(false);
    if (outcome.ok) {
      setRefused(null);
      setImported(outcome);
      setFile(null);
      if (input.current) input.current.value = '';
    } else {
      setRefused({ code: outcome.code, problems: outcome.problems });
    }
  };

  const download = async () => {
    if (!token) return;
    setDownloading(true);
    const result = await exportRoster(event.code, token);
    setDownloading(false);
    if (result.ok) {
      setDownloadError(null);
      saveBlob(result.blob, rosterFileName(event.code));
    } else {
      setDownloadError(httpErrorText(result.code));
    }
  };

  return (
    <section class="panel roster" aria-labelledby="roster-heading">
      <h2 id="roster-heading">{t('roster.title')}</h2>
      <p>{t('roster.intro')}</p>
      <details class="roster__format">
        <summary>{t('roster.formatTitle')}</summary>
        <ul class="roster__columns">
          {ROSTER_COLUMNS.map((c) => (
            <li key={c}>
              <code>{c}</code>{' '}
              {(ROSTER_REQUIRED as readonly string[]).includes(c) ? t('roster.required') : t('roster.optional')}
              {': '}
              {t(`roster.column.${c}`, { groups: groups.map((g) => g.label).join(', ') })}
            </li>
          ))}
        </ul>
        <p class="hint">{t('roster.formatNote')}</p>
        <p class="roster__example-label">{t('roster.example')}</p>
        <pre class="roster__example">
          <code>{example}</code>
        </pre>
      </details>

      <form class="roster__form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="roster-file">{t('roster.file')}</label>
          <input
            id="roster-file"
            ref={input}
            class="input roster__file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={missingFile}
            aria-describedby={missingFile ? 'roster-file-error' : 'roster-file-hint'}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setUploadKey(newId());
              setMissingFile(false);
            }}
          />
          <p id="roster-file-hint" class="hint">
            {t('roster.fileHint')}
          </p>
          {missingFile ? (
            <p id="roster-file-error" class="field-error">
              {t('roster.fileRequired')}
            </p>
          ) : null}
        </div>
        <div class="roster__buttons">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t('roster.importing') : t('roster.import')}
          </button>
          <button type="button" class="btn" disabled={downloading} onClick={download}>
            {t('roster.download')}
          </button>
        </div>
      </form>
      <ErrorLine error={downloadError} />

      {refused ? (
        <div class="roster__problems" role="alert" tabIndex={-1} ref={problemsRef} data-testid="roster-problems">
          <p class="roster__problems-title">{httpErrorText(refused.code)}</p>
          {refused.problems.length > 0 ? (
            <ul>
              {refused.problems.map((p, i) => (
                <li key={`${p.row}-${i}`}>{problemText(p)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {imported ? <BadgeSheet event={event} state={state} imported={imported} /> : null}
    </section>
  );
}
