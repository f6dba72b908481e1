import { useState } from 'preact/hooks';
import { formatClock, remainingMs } from '../../agenda';
import { t } from '../../i18n';
import type { Agenda } from '../../protocol';
import type { Session } from '../../session';
import { useRequests } from '../../ui/hooks';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { JumpWarning } from './phaseJump';
import { jumpWarning } from './phaseJump';

/**
 * Going to a phase, with a question first when the jump closes the board or cuts a running
 * timer short (phaseJump.ts). `dialog` is rendered by the console while asking.
 */
export function usePhaseJump(session: Session, agenda: Agenda | null, offset: number) {
  const [asking, setAsking] = useState<{ index: number; warning: JumpWarning } | null>(null);
  const requests = useRequests();
  const send = (index: number) => requests.run(() => session.actions.agenda.goTo(index));

  const go = (index: number) => {
    if (!agenda) return;
    const warning = jumpWarning(agenda, index, Date.now(), offset);
    if (warning === null) send(index);
    else setAsking({ index, warning });
  };

  let dialog = null;
  if (asking && agenda) {
    const target = agenda.phases[asking.index];
    const current = agenda.phases[agenda.current];
    const left = remainingMs(agenda, Date.now(), offset);
    const title = target?.title ?? t('agenda.phaseN', { n: asking.index + 1 });
    dialog = (
      <ConfirmDialog
        title={
          asking.warning === 'closed' ? t('jump.closedTitle') : t('jump.runningTitle', { title: current?.title ?? '' })
        }
        yes={asking.warning === 'closed' ? t('jump.closedYes', { title }) : t('jump.runningYes', { title })}
        no={t('jump.cancel')}
        danger={asking.warning === 'closed'}
        busy={requests.busy}
        onNo={() => setAsking(null)}
        onYes={async () => {
          const index = asking.index;
          setAsking(null);
          await send(index);
        }}
      >
        <p>
          {asking.warning === 'closed'
            ? t('jump.closedBody', { title })
            : t('jump.runningBody', { left: left === null ? '' : formatClock(left).text, title })}
        </p>
      </ConfirmDialog>
    );
  }
  return { go, dialog, busy: requests.busy, error: requests.error, run: requests.run };
}

export type PhaseJump = ReturnType<typeof usePhaseJump>;
