import { useState } from 'preact/hooks';
import { mayCreateProposal, mayManageProposal, templateLocked } from './drafting';
import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { useRequests } from '../../ui/hooks';
import { NewProposalForm } from './NewProposalForm';
import { ProposalList } from './ProposalList';
import { DeleteProposal } from './DeleteProposal';
import { TemplateEditor } from './TemplateEditor';
import { ErrorLine } from '../../ui/Notices';
import './drafting.css';

interface Props {
  session: Session;
  state: AppState;
  base: string;
}

/**
 * The console's drafting panel: freeze or unfreeze every proposal (facilitators), the
 * template (facilitators, until the first proposal), a new proposal (facilitators; leads in
 * their track), and the proposals with delete.
 */
export function DraftingPanel({ session, state, base }: Props) {
  const you = state.you;
  const facilitator = you?.role === 'facilitator';
  const [creating, setCreating] = useState(false);
  const creator = (state.event?.tracks ?? []).some((tr) => mayCreateProposal(you, tr.id));
  return (
    <section class="panel drafting console__wide" aria-labelledby="drafting-heading" data-testid="drafting-panel">
      <div class="panel__head">
        <h2 id="drafting-heading">{t('drafting.title')}</h2>
        <FreezeSwitch session={session} frozen={state.frozen} controls={facilitator} />
      </div>
      <div class="drafting__grid">
        <div>
          <ProposalList
            state={state}
            base={base}
            level={3}
            actions={(p) =>
              mayManageProposal(you, p) ? (
                <DeleteProposal session={session} proposal={p} base={base} onDeleted={() => {}} />
              ) : null
            }
          />
          {creator ? (
            creating ? (
              <>
                <NewProposalForm session={session} state={state} base={base} />
                <button type="button" class="btn btn--ghost" onClick={() => setCreating(false)}>
                  {t('newProposal.close')}
                </button>
              </>
            ) : (
              <button type="button" class="btn" onClick={() => setCreating(true)}>
                {t('newProposal.open')}
              </button>
            )
          ) : null}
        </div>
        {facilitator ? (
          <TemplateEditor session={session} template={state.template} locked={templateLocked(state)} />
        ) : null}
      </div>
    </section>
  );
}

/** Facilitators freeze or unfreeze every proposal; everyone on staff sees which it is. */
function FreezeSwitch({ session, frozen, controls }: { session: Session; frozen: boolean; controls: boolean }) {
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
