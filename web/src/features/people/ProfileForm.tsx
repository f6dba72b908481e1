import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { UpdateProfileCommand } from '../../protocol';
import { DEFAULT_GROUPS } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { SelectField } from '../../ui/Field';
import { useFocusWhen, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import './people.css';

type Fields = Omit<UpdateProfileCommand, 'type' | 'id'>;

/**
 * A participant's or a track lead's own profile: name, organisation, stakeholder group (a
 * participant's only) and consent to be named in the report, until the report is published;
 * after that only withdrawing consent.
 */
export function ProfileForm({ session, state, onClose }: { session: Session; state: AppState; onClose: () => void }) {
  const you = state.you;
  const [name, setName] = useState(you?.name ?? '');
  const [organisation, setOrganisation] = useState(you?.organisation ?? '');
  const [group, setGroup] = useState(you?.group ?? '');
  const [credit, setCredit] = useState(you?.credit ?? false);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useRequests();
  const limits = useLimits(session);
  const first = useFocusWhen<HTMLInputElement>(true);
  if (!you) return null;
  const published = state.report?.published === true;

  const send = async (fields: Fields) => {
    if (Object.keys(fields).length === 0) return onClose();
    setSaved(false);
    const done = await run(() => session.actions.people.updateProfile(fields).then(() => true));
    if (done) setSaved(true);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const fields: Fields = {};
    if (name.trim() !== you.name) fields.name = name.trim();
    if (organisation.trim() !== you.organisation) fields.organisation = organisation.trim();
    if (you.role === 'participant' && group !== '' && group !== you.group) fields.group = group;
    if (credit !== you.credit) fields.credit = credit;
    void send(fields);
  };

  return (
    <section class="panel profile" aria-labelledby="profile-heading" data-testid="profile">
      <div class="panel__head">
        <h2 id="profile-heading">{t('profile.title')}</h2>
        <button type="button" class="btn btn--small btn--ghost" onClick={onClose}>
          {t('profile.close')}
        </button>
      </div>
      {published ? (
        <>
          <p class="hint">{t('profile.published')}</p>
          {you.credit ? (
            <button type="button" class="btn" disabled={busy} onClick={() => void send({ credit: false })}>
              {t('profile.withdraw')}
            </button>
          ) : null}
        </>
      ) : (
        <form class="form profile__form" onSubmit={submit}>
          <div class="field">
            <label for="profile-name">{t('profile.name')}</label>
            <input
              id="profile-name"
              ref={first}
              class="input"
              value={name}
              maxLength={limits?.name}
              autoComplete="name"
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="profile-org">{t('profile.organisation')}</label>
            <input
              id="profile-org"
              class="input"
              value={organisation}
              maxLength={limits?.organisation}
              autoComplete="organization"
              onInput={(e) => setOrganisation(e.currentTarget.value)}
            />
          </div>
          {you.role === 'participant' ? (
            <SelectField
              id="profile-group"
              label={t('profile.group')}
              value={group}
              options={(state.event?.groups ?? DEFAULT_GROUPS).map((g) => ({ value: g.code, label: g.label }))}
              onChange={setGroup}
            />
          ) : null}
          <label class="check">
            <input
              type="checkbox"
              name="credit"
              checked={credit}
              onChange={(e) => setCredit(e.currentTarget.checked)}
            />
            <span>{t('profile.credit')}</span>
          </label>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {t('profile.save')}
          </button>
        </form>
      )}
      <p role="status" class="profile__saved">
        {saved ? t('profile.saved') : ''}
      </p>
      <ErrorLine error={error} />
    </section>
  );
}
