import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Member } from '../../protocol';
import type { Session } from '../../session';
import { useFocusWhen, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

/** The label of a staff link, edited in place. */
export function RenameLink({ session, member, onDone }: { session: Session; member: Member; onDone: () => void }) {
  const [name, setName] = useState(member.name);
  const { busy, error, run } = useRequests();
  const max = useLimits(session)?.name ?? 60;
  const input = useFocusWhen<HTMLInputElement>(true);
  const id = `rename-link-${member.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const text = name.trim();
    if (text === '' || text === member.name) {
      onDone();
      return;
    }
    const done = await run(() => session.actions.links.rename(member.id, text).then(() => true));
    if (done) onDone();
  };
  return (
    <form class="slinks__rename" onSubmit={submit}>
      <label for={id} class="visually-hidden">
        {t('slinks.renameLabel', { name: member.name })}
      </label>
      <input
        id={id}
        ref={input}
        class="input"
        value={name}
        maxLength={max}
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
        {t('slinks.save')}
      </button>
      <button type="button" class="btn btn--small btn--ghost" onClick={onDone}>
        {t('slinks.cancel')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
