import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Session } from '../../session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import './drafting.css';

/**
 * Facilitators freeze (after a question) or unfreeze every proposal; everyone on staff sees
 * which it is.
 */
export function FreezeSwitch({ session, frozen, controls }: { session: Session; frozen: boolean; controls: boolean }) {
  const { busy, error, run } = useRequests();
  const [asking, setAsking] = useState(false);
  const set = (next: boolean) => run(() => session.actions.proposals.freeze(next));
  return (
    <div class="freeze">
      <span class={frozen ? 'badge badge--frozen' : 'badge badge--open'} data-testid="frozen-state">
        {frozen ? t('frozen.stateFrozen') : t('frozen.stateOpen')}
      </span>
      {controls ? (
        <button
          type="button"
          class={frozen ? 'btn btn--small' : 'btn btn--small btn--danger'}
          aria-pressed={frozen}
          disabled={busy}
          onClick={() => (frozen ? set(false) : setAsking(true))}
        >
          {t('frozen.switch')}
        </button>
      ) : null}
      <ErrorLine error={error} />
      {asking ? (
        <ConfirmDialog
          title={t('frozen.confirmTitle')}
          yes={t('frozen.confirmYes')}
          no={t('frozen.confirmNo')}
          danger
          busy={busy}
          onNo={() => setAsking(false)}
          onYes={() => {
            setAsking(false);
            set(true);
          }}
        >
          <p>{t('frozen.confirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
