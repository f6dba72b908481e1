/**
 * The state an idea card shares between its author actions and its moderation menu: which
 * panel is open (one at a time), where the focus goes, and the last refusal.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useRequests } from '../../ui/hooks';

export type Panel = 'none' | 'edit' | 'delete' | 'merge' | 'cluster';

export function useIdeaPanels() {
  const [panel, setPanel] = useState<Panel>('none');
  const requests = useRequests();
  const focusTarget = useRef<HTMLElement | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  // Right after the panel is in the DOM (before paint), so the focus never rests on <body>.
  useLayoutEffect(() => {
    if (panel !== 'none') focusTarget.current?.focus();
  }, [panel]);

  const open = (next: Panel, e: Event) => {
    opener.current = e.currentTarget as HTMLButtonElement;
    requests.clearError();
    setPanel(next);
  };
  const close = () => {
    setPanel('none');
    requests.clearError();
    // Back to the button that opened the panel (it is rendered again by now).
    setTimeout(() => opener.current?.isConnected && opener.current.focus(), 0);
  };
  return { panel, setPanel, open, close, focusTarget, requests };
}

export type IdeaPanels = ReturnType<typeof useIdeaPanels>;
