import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { newVersionWaits, onNewVersion, takeNewVersion } from '../update/newVersion';
import type { FocusTarget } from '../update/updatePrompt';
import { isWriting, promptDecision } from '../update/updatePrompt';

/** The focused element as the decision needs it; null for none (or the body). */
function focusTarget(): FocusTarget | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || el === document.body) return null;
  const form = el.closest('form');
  const unsentText =
    form !== null &&
    [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input[type="text"]')].some(
      (field) => field.value.trim() !== '',
    );
  return {
    tagName: el.tagName,
    type: el instanceof HTMLInputElement ? el.type : undefined,
    isContentEditable: el.isContentEditable,
    unsentText,
  };
}

/** What counts as typing or leaving a field: the prompt waits for a quiet moment after it. */
const ACTIVITY = ['keydown', 'input', 'focusin', 'focusout', 'compositionupdate'] as const;

/**
 * "A new version of Roundtable is ready": a small bar at the bottom, shown when the service
 * worker has a new version and nobody is typing (promptDecision). "Reload" switches to it,
 * "Later" hides it; the app never reloads by itself.
 */
export function UpdatePrompt() {
  const [waiting, setWaiting] = useState(newVersionWaits);
  const [dismissed, setDismissed] = useState(false);
  const [shown, setShown] = useState(false);
  const [lastActivity, setLastActivity] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(
    () =>
      onNewVersion(() => {
        setWaiting(true);
        setDismissed(false);
      }),
    [],
  );

  // Only while the prompt waits for its moment does the page's typing matter.
  const watching = waiting && !dismissed && !shown;
  useEffect(() => {
    if (!watching) return;
    const note = () => setLastActivity(Date.now());
    for (const type of ACTIVITY) document.addEventListener(type, note, true);
    return () => {
      for (const type of ACTIVITY) document.removeEventListener(type, note, true);
    };
  }, [watching]);

  useEffect(() => {
    const decision = promptDecision({
      waiting,
      dismissed,
      shown,
      writing: isWriting(focusTarget()),
      lastActivity,
      now: Date.now(),
    });
    if (decision.show) {
      setShown(true);
      return;
    }
    if (decision.askAgainIn === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), decision.askAgainIn);
    return () => clearTimeout(timer);
  }, [waiting, dismissed, shown, lastActivity, tick]);

  if (!shown || dismissed) return null;
  return (
    <div class="update-bar" role="status" data-testid="update-prompt">
      <p class="update-bar__text">{t('update.ready')}</p>
      <div class="update-bar__actions">
        <button type="button" class="btn btn--small" onClick={() => takeNewVersion()}>
          {t('update.reload')}
        </button>
        <button
          type="button"
          class="btn btn--small btn--ghost"
          onClick={() => {
            setDismissed(true);
            setShown(false);
          }}
        >
          {t('update.later')}
        </button>
      </div>
    </div>
  );
}
