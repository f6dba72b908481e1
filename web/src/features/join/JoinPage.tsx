import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { View } from '../../router';
import { takeFragmentParam } from '../../router';
import { Session } from '../../session';
import { useAppState, useSession } from '../../ui/hooks';
import { JoinForm } from './JoinForm';
import { ParticipantBoard } from '../board/ParticipantBoard';
import { LazyProposalPage } from '../drafting/LazyProposalPage';
import { Shell } from '../../ui/Shell';
import { lazyView } from '../../ui/lazy';

const ProposalsPage = lazyView(() => import('../drafting/ProposalsPage').then((m) => m.ProposalsPage));

interface Props {
  code: string;
  /** The board, the proposals, or one proposal. */
  sub: View;
}

/**
 * A personal link (`/join/CODE#t=TOKEN`, from a badge) gives this browser that person's
 * seat: the token is kept as the participant token of the event (as after joining) and
 * removed from the address bar.
 */
function adoptPersonalLink(code: string): void {
  const token = takeFragmentParam('t');
  if (token !== null) Session.adoptToken(code, 'participant', token);
}

/** `/join/CODE`: the join form, or the board once this browser has a seat at the event. */
export function JoinPage({ code, sub }: Props) {
  const [joined, setJoined] = useState(() => {
    adoptPersonalLink(code);
    return Session.storedToken(code, 'participant') !== null;
  });
  const [seatLost, setSeatLost] = useState(false);
  const [removed, setRemoved] = useState(false);
  const session = useSession(code, 'participant', {
    identityRejected: (why) => {
      setJoined(false);
      if (why === 'removed') setRemoved(true);
      else setSeatLost(true);
    },
  });
  const state = useAppState(session.store);
  const base = `/join/${code}`;

  let page;
  if (sub.view === 'proposal') page = <LazyProposalPage session={session} state={state} id={sub.id} base={base} />;
  else if (sub.view === 'proposals') page = <ProposalsPage state={state} base={base} />;
  else page = <ParticipantBoard session={session} state={state} base={base} />;

  return (
    <Shell
      heading={state.event?.title}
      state={state}
      wide={joined && sub.view === 'proposal'}
      onRetry={() => session.retryNow()}
      onDismiss={(id) => session.dismissNotice(id)}
    >
      {removed ? (
        <section class="panel panel--narrow" data-testid="removed">
          <h1>{t('join.removedTitle')}</h1>
          <p role="status">{t('join.removed')}</p>
        </section>
      ) : joined ? (
        page
      ) : (
        <JoinForm
          session={session}
          code={code}
          seatLost={seatLost}
          onJoined={() => {
            setJoined(true);
            // The board from its top (phase, composer), not where the form's button was.
            window.scrollTo(0, 0);
          }}
        />
      )}
    </Shell>
  );
}
