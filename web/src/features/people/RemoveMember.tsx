import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Member } from '../../protocol';
import type { Session } from '../../session';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

/**
 * Staff: take a person who never posted out of the event, after a confirmation that says
 * what happens. The person leaves the list when the server's change arrives.
 */
export function RemoveMember({ session, member }: { session: Session; member: Member }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run, clearError } = useRequests();
  const opener = useRef<HTMLButtonElement>(null);
  const question =
    member.role === 'viewer'
      ? t('people.removeScreenConfirm', { name: member.name })
      : t('people.removeConfirm', { name: member.name });
  const remove = async () => {
    const done = await run(() => session.actions.people.remove(member.id).then(() => true), {
      bad_value: t('people.removeRefused', { name: member.name }),
    });
    if (done) return;
    setAsking(false);
    setTimeout(() => opener.current?.focus(), 0);
  };
  return (
    <div class="remove-member">
      {asking ? (
        <div class="remove-member__confirm" role="group" aria-label={t('people.removeLabel', { name: member.name })}>
          <p>{question}</p>
          <div class="remove-member__buttons">
            <ConfirmButtons
              yes={t('people.removeYes')}
              no={t('idea.cancel')}
              busy={busy}
              onYes={remove}
              onNo={() => {
                setAsking(false);
                setTimeout(() => opener.current?.focus(), 0);
              }}
            />
          </div>
        </div>
      ) : (
        <button
          type="button"
          ref={opener}
          class="btn btn--small btn--ghost remove-member__open"
          aria-label={t('people.removeLabel', { name: member.name })}
          onClick={() => {
            clearError();
            setAsking(true);
          }}
        >
          {t('people.remove')}
        </button>
      )}
      <ErrorLine error={error} />
    </div>
  );
}
