import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Session } from '../../session';
import { describedBy, Field } from '../../ui/Field';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

interface Props {
  session: Session;
  /** The period as the server has it: days, or null (closed events are kept). */
  days: number | null;
  /** The setting was saved (the list shows the new deletion dates). */
  onSaved: () => void;
}

/** The most days the server accepts (set_retention). */
const MAX_DAYS = 3650;

/**
 * The admin's retention period: closed and archived events are deleted automatically that many
 * days after they were closed (0: at the next check), without their archive; empty: kept until
 * the admin deletes them.
 */
export function RetentionForm({ session, days, onSaved }: Props) {
  const [value, setValue] = useState(days === null ? '' : String(days));
  const [problem, setProblem] = useState<string | null>(null);
  // What was saved last in this form: days, null (kept), or undefined (nothing yet).
  const [saved, setSaved] = useState<number | null | undefined>(undefined);
  const { busy, error, run } = useRequests();
  useEffect(() => setValue(days === null ? '' : String(days)), [days]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    const text = value.trim();
    const next = text === '' ? null : Number(text);
    if (next !== null && (!Number.isInteger(next) || next < 0 || next > MAX_DAYS)) {
      setProblem(t('admin.retentionBad', { max: MAX_DAYS }));
      return;
    }
    setProblem(null);
    const done = await run(() => session.actions.admin.setRetention(next).then(() => true));
    if (done) {
      setSaved(next);
      onSaved();
    }
  };

  return (
    <section class="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('admin.retention')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="retention-days" label={t('admin.retentionDays')} hint={t('admin.retentionHint')} error={problem}>
          <input
            id="retention-days"
            class="input"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_DAYS}
            value={value}
            aria-describedby={describedBy('retention-days', t('admin.retentionHint'), problem)}
            aria-invalid={problem !== null}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn" disabled={busy}>
          {t('admin.retentionSave')}
        </button>
        <p class="hint" role="status">
          {saved === undefined
            ? ''
            : saved === null
              ? t('admin.retentionNone')
              : t('admin.retentionSaved', { days: saved })}
        </p>
        <ErrorLine error={error} />
      </form>
    </section>
  );
}
