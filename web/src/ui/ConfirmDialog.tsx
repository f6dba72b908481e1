import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  /** The question, as the dialog's title. */
  title: string;
  children?: ComponentChildren;
  yes: string;
  no: string;
  /** The yes button warns (red) rather than invites. */
  danger?: boolean;
  busy?: boolean;
  /** The yes button cannot be pressed yet (a step in the body comes first). */
  yesDisabled?: boolean;
  onYes: () => void;
  onNo: () => void;
}

/**
 * A modal "really?" question (the browser's own <dialog>: focus kept inside, Escape cancels,
 * the focus goes back where it was). Rendered only while asking.
 */
export function ConfirmDialog({ title, children, yes, no, danger, busy, yesDisabled, onYes, onNo }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    yesRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onNo();
      }}
    >
      <h2 id="confirm-dialog-title" class="confirm-dialog__title">
        {title}
      </h2>
      {children ? <div class="confirm-dialog__body">{children}</div> : null}
      <div class="confirm-dialog__actions">
        <button type="button" class="btn btn--ghost" onClick={onNo}>
          {no}
        </button>
        <button
          ref={yesRef}
          type="button"
          class={danger ? 'btn btn--danger' : 'btn btn--primary'}
          disabled={busy || yesDisabled}
          onClick={onYes}
        >
          {yes}
        </button>
      </div>
    </dialog>
  );
}
