import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { View } from '../../router';
import { takeFragmentSecret } from '../../router';
import { Session } from '../../session';
import { useAppState, useSession } from '../../ui/hooks';
import { LazyProposalPage } from '../drafting/LazyProposalPage';
import { ProposalsPage } from '../drafting/ProposalsPage';
import { ScreenWall } from '../screen/ScreenWall';
import { Shell } from '../../ui/Shell';
import { LeadBoard } from './LeadBoard';
import { StaffBoard } from './StaffBoard';
import './console.css';

interface Props {
  code: string;
  kind: 'facilitate' | 'lead' | 'screen';
  /** The board (console), the proposals, or one proposal. */
  sub: View;
}

/** Reads `#t=TOKEN` once, keeps it, and removes it from the address bar. */
function adoptFragmentToken(code: string, kind: Props['kind']): boolean {
  const token = takeFragmentSecret('t');
  if (token !== null) Session.adoptToken(code, kind, token);
  return Session.storedToken(code, kind) !== null;
}

/** `/facilitate/CODE`, `/lead/CODE`, `/screen/CODE`: views opened with a staff link. */
export function StaffPage({ code, kind, sub }: Props) {
  const [hasToken] = useState(() => adoptFragmentToken(code, kind));
  const [rejected, setRejected] = useState(false);
  const session = useSession(code, kind, { identityRejected: () => setRejected(true) });
  const state = useAppState(session.store);
  const screen = kind === 'screen';

  let body;
  if (!hasToken || rejected) {
    body = (
      <section class="panel panel--narrow">
        <h1>{t('app.name')}</h1>
        <p class="field-error" role="alert">
          {rejected ? t('staff.invalidLink') : t('staff.noToken')}
        </p>
      </section>
    );
  } else if (!state.event || !state.you) {
    body = (
      <section class="panel" aria-busy="true">
        <p>{t('app.loading')}</p>
      </section>
    );
  } else if (screen) {
    body = <ScreenWall state={state} />;
  } else if (sub.view === 'proposal') {
    body = <LazyProposalPage session={session} state={state} id={sub.id} base={`/${kind}/${code}`} />;
  } else if (sub.view === 'proposals') {
    body = <ProposalsPage state={state} base={`/${kind}/${code}`} />;
  } else if (state.you.role === 'lead') {
    body = <LeadBoard session={session} state={state} base={`/${kind}/${code}`} />;
  } else {
    body = <StaffBoard session={session} state={state} base={`/${kind}/${code}`} />;
  }

  return (
    <Shell
      heading={state.event?.title}
      state={state}
      wide
      full={screen}
      onRetry={() => session.retryNow()}
      onDismiss={(id) => session.dismissNotice(id)}
    >
      {body}
    </Shell>
  );
}
