import { useEffect, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t } from '../../i18n';
import type { EventInfo, Track } from '../../protocol';
import { DEFAULT_GROUPS } from '../../protocol';
import type { Session } from '../../session';
import { describedBy, Field } from '../../ui/Field';
import { hasVisible, looksLikeRole } from './names';
import { ErrorLine } from '../../ui/Notices';
import { useLimits } from '../../ui/hooks';
import { LanguagePicker } from '../../ui/LanguagePicker';

interface Props {
  session: Session;
  code: string;
  seatLost: boolean;
  onJoined: () => void;
}

type Errors = Partial<Record<'name' | 'group' | 'track' | 'form', string>>;

export function JoinForm({ session, code, seatLost, onJoined }: Props) {
  const [event, setEvent] = useState<EventInfo | null>(null);
  // The event takes no new sign-ups with its code: said before anyone types, or on a refusal.
  const [closed, setClosed] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    session.eventInfo(code).then(
      (info) => {
        if (!live) return;
        setEvent(info.event);
        setClosed(!info.selfJoin);
      },
      (err: unknown) => {
        if (!live) return;
        const c = err instanceof CommandError ? err.code : 'unknown';
        setLoadError(c === 'bad_code' ? t('join.badCode', { code }) : errorText(c));
      },
    );
    return () => {
      live = false;
    };
  }, [session, code]);

  if (loadError) {
    return (
      <section class="panel panel--narrow">
        <h1>{t('error.bad_code')}</h1>
        <p class="field-error" role="alert">
          {loadError}
        </p>
        <p>
          <a href="/">{t('join.tryAnother')}</a>
        </p>
      </section>
    );
  }
  if (!event) {
    return (
      <section class="panel panel--narrow" aria-busy="true">
        <h1>{t('app.name')}</h1>
        <p>{t('join.loadingEvent')}</p>
      </section>
    );
  }

  if (closed) {
    return (
      <section class="panel panel--narrow" data-testid="join-closed">
        <h1>{t('join.title', { title: event.title })}</h1>
        <p class="notice" role="status">
          {t('join.closed')}
        </p>
        <p>{t('join.closedHint')}</p>
      </section>
    );
  }

  return (
    <JoinDetails
      session={session}
      code={code}
      event={event}
      seatLost={seatLost}
      onJoined={onJoined}
      onClosed={() => setClosed(true)}
    />
  );
}

/** The form itself: who joins, their group and track, whether to be credited. */
function JoinDetails({
  session,
  code,
  event,
  seatLost,
  onJoined,
  onClosed,
}: {
  session: Session;
  code: string;
  event: EventInfo;
  seatLost: boolean;
  onJoined: () => void;
  /** The event no longer takes sign-ups with its code. */
  onClosed: () => void;
}) {
  const limits = useLimits(session);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [group, setGroup] = useState('');
  const [track, setTrack] = useState('');
  const [credit, setCredit] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: Errors = {};
    if (!hasVisible(name)) next.name = t('join.nameRequired');
    else if (looksLikeRole(name)) next.name = t('join.nameRole');
    if (group === '') next.group = t('join.groupRequired');
    if (track === '') next.track = t('join.trackRequired');
    setErrors(next);
    if (Object.keys(next).length > 0 || group === '') {
      const first = (['name', 'group', 'track'] as const).find((k) => next[k]);
      if (first) document.getElementById(`join-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await session.join({
        code,
        name: name.trim(),
        organisation: organisation.trim(),
        group,
        track: Number(track),
        credit,
      });
      onJoined();
    } catch (err) {
      const c = err instanceof CommandError ? err.code : 'unknown';
      setBusy(false);
      if (c === 'join_closed') {
        onClosed();
        return;
      }
      setErrors({ form: errorText(c) });
    }
  };

  return (
    <section class="panel panel--narrow">
      <h1>{t('join.title', { title: event.title })}</h1>
      {seatLost ? <p class="notice">{t('join.tokenLost')}</p> : null}
      <p class="lead">{t('join.intro')}</p>
      <div class="form join-language">
        <LanguagePicker variant="field" />
      </div>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="join-name" label={`${t('join.name')} ${t('join.required')}`} error={errors.name}>
          <input
            id="join-name"
            class="input"
            name="name"
            value={name}
            maxLength={limits?.name}
            autoComplete="name"
            required
            aria-invalid={!!errors.name}
            aria-describedby={describedBy('join-name', undefined, errors.name)}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="join-organisation" label={t('join.organisation')}>
          <input
            id="join-organisation"
            class="input"
            name="organisation"
            value={organisation}
            maxLength={limits?.organisation}
            autoComplete="organization"
            onInput={(e) => setOrganisation(e.currentTarget.value)}
          />
        </Field>
        <Field id="join-group" label={`${t('join.group')} ${t('join.required')}`} error={errors.group}>
          <select
            id="join-group"
            class="input"
            name="group"
            value={group}
            required
            aria-invalid={!!errors.group}
            aria-describedby={describedBy('join-group', undefined, errors.group)}
            onChange={(e) => setGroup(e.currentTarget.value)}
          >
            <option value="">{t('join.groupChoose')}</option>
            {(event.groups ?? DEFAULT_GROUPS).map((g) => (
              <option key={g.code} value={g.code}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        <TrackChoices tracks={event.tracks} track={track} setTrack={setTrack} error={errors.track} />
        <label class="check">
          <input type="checkbox" name="credit" checked={credit} onChange={(e) => setCredit(e.currentTarget.checked)} />
          <span>{t('join.credit')}</span>
        </label>
        <ErrorLine error={errors.form} />
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('join.submitting') : t('join.submit')}
        </button>
      </form>
    </section>
  );
}

/** The tracks to choose from, as radio buttons with their descriptions. */
function TrackChoices({
  tracks,
  track,
  setTrack,
  error,
}: {
  tracks: Track[];
  track: string;
  setTrack: (track: string) => void;
  error: string | undefined;
}) {
  return (
    <fieldset class="choices" aria-describedby={describedBy('join-track', undefined, error)}>
      <legend>{`${t('join.track')} ${t('join.required')}`}</legend>
      {tracks.map((tr, i) => (
        <label class="choice" key={tr.id}>
          <input
            id={i === 0 ? 'join-track' : undefined}
            type="radio"
            name="track"
            value={String(tr.id)}
            checked={track === String(tr.id)}
            onChange={() => setTrack(String(tr.id))}
          />
          <span class="choice__body">
            <span class="choice__title">{tr.name}</span>
            {tr.description ? <span class="choice__desc">{tr.description}</span> : null}
          </span>
        </label>
      ))}
      {error ? (
        <p id="join-track-error" class="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
