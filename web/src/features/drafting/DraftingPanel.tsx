import { useState } from 'preact/hooks';
import { mayCreateProposal, mayManageProposal } from './drafting';
import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { NewProposalForm } from './NewProposalForm';
import { ProposalList } from './ProposalList';
import { DeleteProposal } from './DeleteProposal';
import './drafting.css';

interface Props {
  session: Session;
  state: AppState;
  base: string;
}

/**
 * The console's drafting panel: whether proposals are frozen, a new proposal (facilitators;
 * leads in their track), and the proposals, each with "Move to trash". Freezing and the
 * template are among the console's settings.
 */
export function DraftingPanel({ session, state, base }: Props) {
  const you = state.you;
  const [creating, setCreating] = useState(false);
  const creator = (state.event?.tracks ?? []).some((tr) => mayCreateProposal(you, tr.id));
  return (
    <section class="panel drafting console__wide" aria-labelledby="drafting-heading" data-testid="drafting-panel">
      <div class="panel__head">
        <h2 id="drafting-heading">{t('drafting.title')}</h2>
        <span class={state.frozen ? 'badge badge--frozen' : 'badge badge--open'} data-testid="frozen-state">
          {state.frozen ? t('frozen.stateFrozen') : t('frozen.stateOpen')}
        </span>
      </div>
      <div>
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
      </div>
    </section>
  );
}
