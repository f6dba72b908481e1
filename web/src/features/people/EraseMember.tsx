import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { ErasedContributions, Member } from '../../protocol';
import type { Session } from '../../session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';

/**
 * Facilitators: erase a person's personal data (their right to erasure), after a dialog that
 * says what goes and what stays and asks whether their ideas and comments stay (shown as a
 * former participant's) or are deleted. The person leaves the list when the change arrives.
 */
export function EraseMember({ session, member }: { session: Session; member: Member }) {
  const [asking, setAsking] = useState(false);
  const [contributions, setContributions] = useState<ErasedContributions>('keep');
  const { busy, error, run, clearError } = useRequests();
  const name = `erase-${member.id}`;
  const erase = async () => {
    const done = await run(() => session.actions.people.erase(member.id, contributions).then(() => true));
    if (done) setAsking(false);
  };
  return (
    <div class="erase-member">
      <button
        type="button"
        class="btn btn--small btn--ghost erase-member__open"
        aria-label={t('people.eraseLabel', { name: member.name })}
        onClick={() => {
          clearError();
          setContributions('keep');
          setAsking(true);
        }}
      >
        {t('people.erase')}
      </button>
      {asking ? (
        <ConfirmDialog
          title={t('people.eraseTitle', { name: member.name })}
          yes={t('people.eraseYes')}
          no={t('idea.cancel')}
          danger
          busy={busy}
          onYes={erase}
          onNo={() => setAsking(false)}
        >
          <p>{t('people.eraseExplain')}</p>
          <fieldset class="erase-member__choice">
            <legend>{t('people.eraseContributions')}</legend>
            {(['keep', 'delete'] as const).map((value) => (
              <label key={value} class="erase-member__option">
                <input
                  type="radio"
                  name={name}
                  value={value}
                  checked={contributions === value}
                  onChange={() => setContributions(value)}
                />{' '}
                {t(value === 'keep' ? 'people.eraseKeep' : 'people.eraseDelete')}
              </label>
            ))}
          </fieldset>
          <ErrorLine error={error} />
        </ConfirmDialog>
      ) : null}
      {asking ? null : <ErrorLine error={error} />}
    </div>
  );
}
