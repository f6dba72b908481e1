import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Proposal } from '../../protocol';
import { navigate, viewPath } from '../../router';
import type { Session } from '../../session';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { ConfirmButtons } from '../../ui/ConfirmButtons';

/** Staff: delete the proposal, after a confirmation; then `onDeleted` (default: to the list). */
export function DeleteProposal({
  session,
  proposal,
  base,
  onDeleted,
}: {
  session: Session;
  proposal: Proposal;
  base: string;
  onDeleted?: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useRequests();
  const remove = async () => {
    const done = await run(() => session.actions.proposals.delete(proposal.id).then(() => true));
    if (!done) return;
    if (onDeleted) onDeleted();
    else navigate(viewPath(base, { view: 'proposals' }));
  };
  return (
    <div class="proposal-delete">
      {asking ? (
        <div
          class="proposal-delete__confirm"
          role="group"
          aria-label={t('proposal.deleteConfirm', { title: proposal.title })}
        >
          <p>{t('proposal.deleteConfirm', { title: proposal.title })}</p>
          <ConfirmButtons
            yes={t('proposal.deleteYes')}
            no={t('proposal.cancel')}
            busy={busy}
            onYes={remove}
            onNo={() => setAsking(false)}
          />
        </div>
      ) : (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-label={t('proposal.deleteLabel', { title: proposal.title })}
          onClick={() => setAsking(true)}
        >
          {t('proposal.delete')}
        </button>
      )}
      <ErrorLine error={error} />
    </div>
  );
}
