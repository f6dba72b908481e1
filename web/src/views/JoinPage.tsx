import { useState } from 'preact/hooks';
import { takeFragmentParam } from '../router';
import { Session } from '../session';
import { useAppState, useSession } from './hooks';
import { JoinForm } from './JoinForm';
import { ParticipantBoard } from './ParticipantBoard';
import { Shell } from './Shell';

interface Props {
  code: string;
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
export function JoinPage({ code }: Props) {
  const [joined, setJoined] = useState(() => {
    adoptPersonalLink(code);
    return Session.storedToken(code, 'participant') !== null;
  });
  const [seatLost, setSeatLost] = useState(false);
  const session = useSession(code, 'participant', {
    identityRejected: () => {
      setJoined(false);
      setSeatLost(true);
    },
  });
  const state = useAppState(session.store);

  return (
    <Shell
      heading={state.event?.title}
      state={state}
      onRetry={() => session.connection.retryNow()}
      onDismiss={(id) => session.dismissNotice(id)}
    >
      {joined ? (
        <ParticipantBoard session={session} state={state} />
      ) : (
        <JoinForm session={session} code={code} seatLost={seatLost} onJoined={() => setJoined(true)} />
      )}
    </Shell>
  );
}
