import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { t, tn } from '../../i18n';
import type { EventInfo, Report, Round } from '../../protocol';
import type { ReportTextField } from './report';
import { numbered, prefillTop, reportTextMax, reportTextProblem } from './report';
import type { Session } from '../../session';
import { describedBy, Field } from '../../ui/Field';
import { useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { ConfirmButtons } from '../../ui/ConfirmButtons';

type TextField = ReportTextField;
type Texts = Record<TextField, string>;

const LABEL: Record<TextField, MessageKey> = {
  title: 'report.title',
  subtitle: 'report.subtitle',
  date: 'report.date',
  foreword: 'report.foreword',
  method: 'report.method',
};

function textsOf(report: Report, event: EventInfo): Texts {
  return {
    title: report.title === '' ? event.title : report.title,
    subtitle: report.subtitle,
    date: report.date,
    foreword: report.foreword,
    method: report.method,
  };
}

/**
 * The report's texts: title, subtitle, date, foreword and method (the last two Markdown).
 * The form follows the server's texts until the facilitator changes something; then it
 * keeps their text until they save it.
 */
export function ReportTextsForm({ session, event, report }: { session: Session; event: EventInfo; report: Report }) {
  const server = textsOf(report, event);
  const [texts, setTexts] = useState<Texts>(server);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState<{ field: TextField; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  const max = reportTextMax(limits);

  // New texts from the server replace the form's unless the facilitator is changing them.
  // (Not on saving: the ack comes before the change, the form already shows the new texts.)
  useEffect(() => {
    if (!dirty) setTexts(server);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on new texts from the server only, never when `dirty` turns false after a save
  }, [server.title, server.subtitle, server.date, server.foreword, server.method]);

  const set = (field: TextField) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    setTexts((before) => ({ ...before, [field]: value }));
    setDirty(true);
    setSaved(false);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const title = texts.title.trim();
    const found = reportTextProblem(texts, limits);
    const problem = found === null ? null : { field: found.field, message: problemMessage(found.field, found.max) };
    setInvalid(problem);
    if (problem) {
      document.getElementById(`report-${problem.field}`)?.focus();
      return;
    }
    const ok = await run(() =>
      session.actions.report
        .setTexts({
          title,
          subtitle: texts.subtitle.trim(),
          date: texts.date.trim(),
          foreword: texts.foreword,
          method: texts.method,
        })
        .then(() => true),
    );
    if (ok) {
      setDirty(false);
      setSaved(true);
    }
  };

  const errorOf = (field: TextField) => (invalid?.field === field ? invalid.message : null);
  const line = (field: 'title' | 'subtitle' | 'date', hint?: string) => (
    <Field id={`report-${field}`} label={t(LABEL[field])} hint={hint} error={errorOf(field)}>
      <input
        id={`report-${field}`}
        class="input"
        value={texts[field]}
        maxLength={max[field]}
        aria-invalid={errorOf(field) !== null}
        aria-describedby={describedBy(`report-${field}`, hint, errorOf(field))}
        onInput={set(field)}
      />
    </Field>
  );
  const markdown = (field: 'foreword' | 'method') => (
    <Field id={`report-${field}`} label={t(LABEL[field])} hint={t('report.markdownHint')} error={errorOf(field)}>
      <textarea
        id={`report-${field}`}
        class="input final__markdown"
        rows={6}
        value={texts[field]}
        maxLength={max[field]}
        aria-invalid={errorOf(field) !== null}
        aria-describedby={describedBy(`report-${field}`, t('report.markdownHint'), errorOf(field))}
        onInput={set(field)}
      />
    </Field>
  );

  return (
    <form class="form final__texts" onSubmit={submit} noValidate aria-labelledby="report-texts-heading">
      <h3 id="report-texts-heading">{t('report.texts')}</h3>
      {line('title', report.title === '' ? t('report.titleHint') : undefined)}
      <div class="form--inline">
        {line('subtitle')}
        {line('date', t('report.dateHint'))}
      </div>
      {markdown('foreword')}
      {markdown('method')}
      <div class="final__row">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('report.saving') : t('report.saveTexts')}
        </button>
        <p class="hint" role="status">
          {dirty ? t('report.unsaved') : saved ? t('report.saved') : ''}
        </p>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}

/** What a refused text needs, in words (`max` undefined: only an empty title is known). */
function problemMessage(field: TextField, max: number | undefined): string {
  if (field === 'title') return max === undefined ? t('report.titleEmpty') : t('report.titleRequired', { max });
  return t('report.tooLong', { field: t(LABEL[field]), max: max ?? '' });
}

/**
 * "Pre-fill from the final round": the best `top` proposals of a round over proposals,
 * one chapter per track. Asks first when it would replace proposals already placed.
 */
export function PrefillForm({
  session,
  report,
  rounds,
}: {
  session: Session;
  report: Report;
  /** The rounds over proposals, newest first. */
  rounds: Round[];
}) {
  const preferred = rounds.find((r) => r.id === report.round) ?? rounds[0];
  const [round, setRound] = useState(preferred ? String(preferred.id) : '');
  const [top, setTop] = useState('20');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  const placed = numbered(report.chapters).length;
  const topHint =
    limits === null ? t('report.prefillTopHintAny') : t('report.prefillTopHint', { max: limits.reportProposals });
  const topError = !invalid
    ? null
    : limits === null
      ? t('report.prefillBadTopAny')
      : t('report.prefillBadTop', { max: limits.reportProposals });

  // A round chosen before it existed (or one that is gone): the preferred one.
  const chosen = rounds.some((r) => String(r.id) === round) ? round : preferred ? String(preferred.id) : '';

  if (rounds.length === 0) {
    return (
      <section class="final__prefill" aria-labelledby="report-prefill-heading">
        <h3 id="report-prefill-heading">{t('report.prefill')}</h3>
        <p class="hint">{t('report.prefillNoRound')}</p>
      </section>
    );
  }

  const send = async () => {
    const n = prefillTop(top, limits);
    if (n === null || chosen === '') return;
    setConfirming(false);
    const ok = await run(() => session.actions.report.prefill(Number(chosen), n).then(() => true));
    setDone(ok === true);
  };

  const submit = (e: Event) => {
    e.preventDefault();
    setDone(false);
    if (prefillTop(top, limits) === null) {
      setInvalid(true);
      document.getElementById('report-prefill-top')?.focus();
      return;
    }
    setInvalid(false);
    if (placed > 0) setConfirming(true);
    else void send();
  };

  return (
    <form class="form final__prefill" onSubmit={submit} noValidate aria-labelledby="report-prefill-heading">
      <h3 id="report-prefill-heading">{t('report.prefill')}</h3>
      <p class="hint">{t('report.prefillIntro')}</p>
      <div class="form--inline">
        <Field id="report-prefill-round" label={t('report.prefillRound')}>
          <select
            id="report-prefill-round"
            class="input"
            value={chosen}
            onChange={(e) => {
              setRound(e.currentTarget.value);
              setConfirming(false);
            }}
          >
            {rounds.map((r) => (
              <option key={r.id} value={String(r.id)}>
                {t('report.prefillRoundOption', { title: r.title, state: t(`rounds.state.${r.state}` as MessageKey) })}
              </option>
            ))}
          </select>
        </Field>
        <Field id="report-prefill-top" label={t('report.prefillTop')} hint={topHint} error={topError}>
          <input
            id="report-prefill-top"
            class="input final__top"
            type="number"
            inputMode="numeric"
            min={1}
            max={limits?.reportProposals}
            value={top}
            aria-invalid={invalid}
            aria-describedby={describedBy('report-prefill-top', topHint, topError)}
            onInput={(e) => {
              setTop(e.currentTarget.value);
              setConfirming(false);
            }}
          />
        </Field>
      </div>
      {confirming ? (
        <div class="final__confirm" role="group" aria-labelledby="report-prefill-confirm">
          <p id="report-prefill-confirm">{tn('report.prefillConfirm', placed)}</p>
          <div class="final__row">
            <ConfirmButtons
              yes={t('report.prefillYes')}
              no={t('report.cancel')}
              busy={busy}
              small={false}
              onYes={() => void send()}
              onNo={() => setConfirming(false)}
            />
          </div>
        </div>
      ) : (
        <div class="final__row">
          <button type="submit" class="btn" disabled={busy}>
            {t('report.prefillSubmit')}
          </button>
          <p class="hint" role="status">
            {done ? t('report.prefillDone') : ''}
          </p>
        </div>
      )}
      <ErrorLine error={error} />
    </form>
  );
}
