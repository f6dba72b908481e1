/**
 * "Me too" on an idea card (issue 18): how many people support the idea, and the toggle with
 * which a member adds or withdraws their own support. One rule decides who may (mayUseSupport);
 * the board's cards and the console's use it.
 */
import { labelWith, t, tn } from '../../i18n';
import type { Idea } from '../../protocol';
import { excerpt } from '../../ideaViews';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { isMine } from '../../store';
import { mayEdit } from '../../agenda';

/**
 * Whether `state.you` may support (or withdraw from) the idea now: a saved, shown idea of
 * someone else, by a member who is not a viewer, while the idea's track lets authors change
 * their ideas (ideation, clustering, the open board), as the server rules.
 */
export function mayUseSupport(state: Pick<AppState, 'you' | 'agenda'>, idea: Idea): boolean {
  const you = state.you;
  if (you === null || you.role === 'viewer' || idea.id <= 0 || idea.hidden) return false;
  return !isMine(idea, you) && mayEdit(state.agenda, idea.track);
}

/** "3 supporters" as a badge, or nothing when nobody supports the idea. */
export function SupportCount({ count, class: className }: { count: number; class: string }) {
  return count > 0 ? (
    <span class={className} data-testid="supporters">
      {tn('support.count', count)}
    </span>
  ) : null;
}

interface ToggleProps {
  idea: Idea;
  session: Session;
  /** The member supports this idea now. */
  supported: boolean;
  busy: boolean;
  /** Sends the request (through the card's request runner, which shows a refusal). */
  run: (send: () => Promise<unknown>) => unknown;
}

/**
 * "Me too", or (once pressed) "You support this", which withdraws the support. The button
 * stays in place, so the focus stays on it.
 */
export function SupportToggle({ idea, session, supported, busy, run }: ToggleProps) {
  const press = () => {
    if (busy) return;
    run(() => (supported ? session.actions.ideas.withdrawSupport(idea.id) : session.actions.ideas.support(idea.id)));
  };
  const visible = supported ? t('support.yours') : t('support.add');
  const label = supported ? t('support.withdraw') : t('support.addLabel', { idea: excerpt(idea.text) });
  return (
    <button
      type="button"
      class={supported ? 'btn btn--small support support--on' : 'btn btn--small support'}
      aria-label={labelWith(visible, label)}
      title={supported ? t('support.withdraw') : undefined}
      aria-disabled={busy || undefined}
      data-testid="support"
      onClick={press}
    >
      {supported ? (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
          <path d="M2 8.5l4 4 8-9" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
        </svg>
      ) : null}
      {visible}
    </button>
  );
}
