import { isDraftingPhase, ownProposals } from './drafting';
import { t, tn } from '../../i18n';
import { viewPath } from '../../router';
import type { AppState } from '../../store';
import { Link } from '../../ui/Link';
import './drafting.css';

interface Props {
  state: AppState;
  base: string;
  /** The track the participant works in (its phase decides how prominent this is). */
  track: number | null;
}

/**
 * The participant's way to the proposals: in the drafting, review and final selection
 * phases a prominent panel with their team's proposals; otherwise, once proposals exist, a
 * short link. Nothing before the first proposal outside those phases.
 */
export function ProposalsSection({ state, base, track }: Props) {
  const all = Object.keys(state.proposals).length;
  const drafting = isDraftingPhase(state, track ?? undefined);
  if (!drafting && all === 0) return null;
  const mine = ownProposals(state);
  const listPath = viewPath(base, { view: 'proposals' });
  return (
    <section
      class={drafting ? 'panel proposals-entry proposals-entry--now' : 'panel proposals-entry'}
      aria-labelledby="proposals-entry-heading"
      data-testid="proposals-entry"
    >
      <h2 id="proposals-entry-heading">{t('proposals.title')}</h2>
      {state.frozen ? <p class="hint">{t('frozen.short')}</p> : null}
      {mine.length > 0 ? (
        <>
          <p>{tn('proposals.yoursIntro', mine.length)}</p>
          <ul class="proposals-entry__mine">
            {mine.map((p) => (
              <li key={p.id}>
                <Link href={viewPath(base, { view: 'proposal', id: p.id })} class="proposals-entry__link">
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : drafting ? (
        <p>{all > 0 ? t('proposals.readAndComment') : t('proposals.noneYet')}</p>
      ) : null}
      {all > 0 ? (
        <p>
          <Link href={listPath} class={mine.length === 0 && drafting ? 'btn btn--primary' : ''}>
            {tn('proposals.allCount', all)}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
