import { useEffect, useRef } from 'preact/hooks';

interface Props {
  yes: string;
  no: string;
  /** A request is on its way: the yes button waits. */
  busy?: boolean;
  small?: boolean;
  onYes: () => void;
  onNo: () => void;
}

/**
 * The two buttons of a "really?" question: yes (a danger button, focused when shown) and
 * cancel. The caller wraps them with the question, in its own layout.
 */
export function ConfirmButtons({ yes, no, busy, small = true, onYes, onNo }: Props) {
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => yesRef.current?.focus(), []);
  const size = small ? 'btn btn--small' : 'btn';
  return (
    <>
      <button ref={yesRef} type="button" class={`${size} btn--danger`} disabled={busy} onClick={onYes}>
        {yes}
      </button>
      <button type="button" class={`${size} btn--ghost`} onClick={onNo}>
        {no}
      </button>
    </>
  );
}
