import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Session } from '../../session';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import { useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import './people.css';

interface Props {
  session: Session;
  /** Whether new people may join with the code (the server's word). */
  selfJoin: boolean;
  /** Facilitators open and close it; track leads only see that it is closed. */
  controls: boolean;
}

/**
 * Whether new people may join with the event's code. Closing asks first: from then on only
 * personal links (badges, a roster) let people in; everyone already here stays.
 */
export function JoinSwitch({ session, selfJoin, controls }: Props) {
  const { busy, error, run } = useRequests();
  const [confirming, setConfirming] = useState(false);
  // The switch shows the asked-for value until the server's state agrees (or refuses).
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => {
    if (asked !== null && selfJoin === asked) setAsked(null);
  }, [selfJoin, asked]);

  if (!controls) {
    return selfJoin ? null : (
      <p class="self-join self-join--closed" data-testid="self-join-closed">
        {t('selfJoin.closedNote')}
      </p>
    );
  }

  const set = async (open: boolean) => {
    setAsked(open);
    setConfirming(false);
    const done = await run(() => session.actions.people.setSelfJoin(open).then(() => true));
    if (!done) setAsked(null);
  };
  const shown = asked ?? selfJoin;

  return (
    <div class={shown ? 'self-join' : 'self-join self-join--closed'}>
      <label class="check self-join__switch">
        <input
          type="checkbox"
          role="switch"
          data-testid="self-join"
          checked={shown}
          disabled={busy}
          aria-describedby="self-join-hint"
          onChange={(e) => {
            const open = e.currentTarget.checked;
            if (open) void set(true);
            else {
              // Stays on until the facilitator confirms.
              e.currentTarget.checked = true;
              setConfirming(true);
            }
          }}
        />
        <span>{t('selfJoin.label')}</span>
      </label>
      <p id="self-join-hint" class="hint">
        {shown ? t('selfJoin.hintOpen') : t('selfJoin.hintClosed')}
      </p>
      {confirming ? (
        <div class="self-join__confirm" role="group" aria-label={t('selfJoin.confirm')}>
          <p>{t('selfJoin.confirm')}</p>
          <div class="self-join__buttons">
            <ConfirmButtons
              yes={t('selfJoin.confirmYes')}
              no={t('selfJoin.cancel')}
              busy={busy}
              onYes={() => void set(false)}
              onNo={() => setConfirming(false)}
            />
          </div>
        </div>
      ) : null}
      <ErrorLine error={error} />
    </div>
  );
}
