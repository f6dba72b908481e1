import { t } from '../../i18n';
import type { Session } from '../../session';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import './drafting.css';

/** Facilitators freeze or unfreeze every proposal; everyone on staff sees which it is. */
export function FreezeSwitch({ session, frozen, controls }: { session: Session; frozen: boolean; controls: boolean }) {
  const { busy, error, run } = useRequests();
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
          onClick={() => run(() => session.actions.proposals.freeze(!frozen))}
        >
          {t('frozen.switch')}
        </button>
      ) : null}
      <ErrorLine error={error} />
    </div>
  );
}
