import { useEffect, useRef, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { currentLocale, errorText, t } from '../../i18n';
import { isLanguage, LANGUAGES } from '../../i18n/languages';
import type { ResultOf } from '../../protocol';
import type { Session } from '../../session';
import { newId } from '../../ids';
import { describedBy, Field, SelectField } from '../../ui/Field';
import { useLimits } from '../../ui/hooks';
import { defaultGroups, sameGroups } from '../../groups';
import { GroupRowsEditor, groupRows, groupRowsProblem, groupsOfRows, useGroupRows } from '../../ui/GroupRows';

interface Props {
  session: Session;
  onCreated: (result: ResultOf['create_event']) => void;
}

interface TrackDraft {
  key: string;
  name: string;
  description: string;
}

const blankTrack = (): TrackDraft => ({ key: newId(), name: '', description: '' });

/** The admin's form for a new event: a title, 1–20 tracks and 1–20 stakeholder groups. */
export function EventForm({ session, onCreated }: Props) {
  const [title, setTitle] = useState('');
  const [tracks, setTracks] = useState<TrackDraft[]>(() => [blankTrack()]);
  // The language the admin works in is the likeliest language of the event.
  const [language, setLanguage] = useState(() => (isLanguage(currentLocale()) ? currentLocale() : 'en'));
  const [error, setError] = useState<{ field: 'title' | 'tracks' | 'groups' | 'form'; text: string } | null>(null);
  // The nine usual groups in the admin's language. Left as they are, none are sent: the server
  // then names them in the event's language, which may be another.
  const [offered, setOffered] = useState(defaultGroups);
  const groups = useGroupRows('new-group', offered);
  const [busy, setBusy] = useState(false);
  const limits = useLimits(session);
  const focusKey = useRef<string | null>(null);

  useEffect(() => {
    if (focusKey.current === null) return;
    document.getElementById(`track-name-${focusKey.current}`)?.focus();
    focusKey.current = null;
  }, [tracks]);

  const update = (key: string, patch: Partial<TrackDraft>) =>
    setTracks((list) => list.map((tr) => (tr.key === key ? { ...tr, ...patch } : tr)));

  const add = () => {
    const tr = blankTrack();
    focusKey.current = tr.key;
    setTracks((list) => [...list, tr]);
  };

  const remove = (index: number) => {
    const next = tracks.filter((_, i) => i !== index);
    focusKey.current = next[Math.max(0, index - 1)]?.key ?? null;
    setTracks(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const cleaned = tracks.map((tr) => ({ name: tr.name.trim(), description: tr.description.trim() }));
    if (title.trim() === '') {
      setError({ field: 'title', text: t('admin.titleRequired') });
      document.getElementById('event-title')?.focus();
      return;
    }
    if (cleaned.some((tr) => tr.name === '')) {
      setError({ field: 'tracks', text: t('admin.trackNameRequired') });
      return;
    }
    if (new Set(cleaned.map((tr) => tr.name.toLowerCase())).size !== cleaned.length) {
      setError({ field: 'tracks', text: t('admin.trackNamesUnique') });
      return;
    }
    const groupProblem = groupRowsProblem('new-group', groups.rows, limits);
    if (groupProblem) {
      setError({ field: 'groups', text: groupProblem.text });
      document.getElementById(groupProblem.focus)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const chosen = groupsOfRows(groups.rows);
      const result = await session.actions.admin.createEvent(
        title.trim(),
        cleaned,
        sameGroups(chosen, offered) ? undefined : chosen,
        language,
      );
      setTitle('');
      setTracks([blankTrack()]);
      const next = defaultGroups();
      setOffered(next);
      groups.setAll(groupRows(next));
      onCreated(result);
    } catch (err) {
      setError({ field: 'form', text: errorText(err instanceof CommandError ? err.code : 'unknown') });
    } finally {
      setBusy(false);
    }
  };

  const titleError = error?.field === 'title' ? error.text : null;
  return (
    <section class="panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('admin.create')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="event-title" label={t('admin.eventTitle')} error={titleError}>
          <input
            id="event-title"
            class="input"
            value={title}
            maxLength={limits?.eventTitle}
            aria-invalid={!!titleError}
            aria-describedby={describedBy('event-title', undefined, titleError)}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <SelectField
          id="event-language"
          label={t('settings.languageEvent')}
          value={language}
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name, lang: l.code }))}
          onChange={setLanguage}
        />
        <fieldset class="tracks-editor">
          <legend>{t('admin.tracks')}</legend>
          <ol class="tracks-editor__list">
            {tracks.map((tr, i) => (
              <li key={tr.key} class="tracks-editor__item">
                <fieldset class="track-draft">
                  <legend>{t('admin.trackN', { n: i + 1 })}</legend>
                  <Field id={`track-name-${tr.key}`} label={t('admin.trackName')}>
                    <input
                      id={`track-name-${tr.key}`}
                      class="input"
                      value={tr.name}
                      maxLength={limits?.trackName}
                      onInput={(e) => update(tr.key, { name: e.currentTarget.value })}
                    />
                  </Field>
                  <Field id={`track-desc-${tr.key}`} label={t('admin.trackDescription')}>
                    <textarea
                      id={`track-desc-${tr.key}`}
                      class="input"
                      rows={2}
                      value={tr.description}
                      maxLength={limits?.trackDescription}
                      onInput={(e) => update(tr.key, { description: e.currentTarget.value })}
                    />
                  </Field>
                  {tracks.length > 1 ? (
                    <button type="button" class="btn btn--small btn--ghost" onClick={() => remove(i)}>
                      {t('admin.removeTrack', { n: i + 1 })}
                    </button>
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ol>
          {tracks.length < (limits?.tracks ?? Infinity) ? (
            <button type="button" class="btn btn--ghost" onClick={add}>
              {t('admin.addTrack')}
            </button>
          ) : null}
          {error?.field === 'tracks' ? (
            <p class="field-error" role="alert">
              {error.text}
            </p>
          ) : null}
        </fieldset>
        <details class="groups-details">
          <summary>{t('groups.summary', { n: groups.rows.length })}</summary>
          <fieldset class="groups-editor">
            <legend>{t('groups.title')}</legend>
            <p class="hint">{t('groups.help')}</p>
            <GroupRowsEditor prefix="new-group" editor={groups} limits={limits} />
          </fieldset>
        </details>
        {error?.field === 'groups' ? (
          <p class="field-error" role="alert">
            {error.text}
          </p>
        ) : null}
        {error?.field === 'form' ? (
          <p class="field-error" role="alert">
            {error.text}
          </p>
        ) : null}
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('admin.submitting') : t('admin.submit')}
        </button>
      </form>
    </section>
  );
}
