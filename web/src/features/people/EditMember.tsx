import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Member, StakeholderGroup } from '../../protocol';
import type { Session } from '../../session';
import { SelectField } from '../../ui/Field';
import { useFocusWhen, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

/**
 * Facilitators: corrects a member's name and organisation and changes a participant's group.
 * Opened from the person's name in the list; `children` (the erase action) sit at its foot.
 */
export function EditMember({
  session,
  member,
  groups,
  onClose,
  children,
}: {
  session: Session;
  member: Member;
  groups: readonly StakeholderGroup[];
  onClose: () => void;
  children?: ComponentChildren;
}) {
  const [name, setName] = useState(member.name);
  const [organisation, setOrganisation] = useState(member.organisation);
  const [group, setGroup] = useState(member.group ?? '');
  const { busy, error, run, clearError } = useRequests();
  const limits = useLimits(session);
  const first = useFocusWhen<HTMLInputElement>(true);
  const id = `edit-member-${member.id}`;

  const close = () => {
    clearError();
    onClose();
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const fields: { name?: string; organisation?: string; group?: string } = {};
    if (name.trim() !== member.name) fields.name = name.trim();
    if (organisation.trim() !== member.organisation) fields.organisation = organisation.trim();
    if (group !== (member.group ?? '') && group !== '') fields.group = group;
    if (Object.keys(fields).length === 0) return close();
    const done = await run(() => session.actions.people.edit(member.id, fields).then(() => true));
    if (done) close();
  };

  return (
    <form class="people__edit" onSubmit={submit} aria-label={t('people.editLabel', { name: member.name })}>
      <div class="field">
        <label for={`${id}-name`}>{t('profile.name')}</label>
        <input
          id={`${id}-name`}
          ref={first}
          class="input"
          value={name}
          maxLength={limits?.name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-org`}>{t('profile.organisation')}</label>
        <input
          id={`${id}-org`}
          class="input"
          value={organisation}
          maxLength={limits?.organisation}
          onInput={(e) => setOrganisation(e.currentTarget.value)}
        />
      </div>
      <SelectField
        id={`${id}-group`}
        label={t('profile.group')}
        value={group}
        options={groups.map((g) => ({ value: g.code, label: g.label }))}
        onChange={setGroup}
      />
      <div class="people__buttons">
        <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
          {t('people.editSubmit')}
        </button>
        <button type="button" class="btn btn--small btn--ghost" onClick={close}>
          {t('idea.cancel')}
        </button>
      </div>
      <ErrorLine error={error} />
      {children}
    </form>
  );
}
