import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useId } from './hooks';

export interface MenuItem {
  key: string;
  label: string;
  /** Warns (red text): hiding, revoking. */
  danger?: boolean;
  disabled?: boolean;
  /** Called with the menu's button, where the focus may go back afterwards. */
  onSelect(button: HTMLButtonElement): void;
}

interface Props {
  /** The button's accessible name ("Actions for idea: …"). */
  label: string;
  /** What the button shows (an icon, "⋯"); the label when absent. */
  children?: ComponentChildren;
  items: readonly MenuItem[];
  class?: string;
}

/**
 * A button that opens a menu of actions (the WAI-ARIA menu button pattern): arrow keys move
 * between items, Escape closes and returns to the button, a click elsewhere closes.
 */
export function MenuButton({ label, children, items, class: cls }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId('menu');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const itemsOf = () => [
    ...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []),
  ];
  useEffect(() => {
    if (!open) return undefined;
    itemsOf()[0]?.focus();
    const away = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = (focus = true) => {
    setOpen(false);
    if (focus) button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const all = itemsOf();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      all[e.key === 'Home' ? 0 : all.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div class={cls ? `menu ${cls}` : 'menu'} ref={root}>
      <button
        ref={button}
        type="button"
        class="menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children ?? label}
      </button>
      {open ? (
        <ul class="menu__list" role="menu" id={id} aria-label={label} ref={list} onKeyDown={onKey}>
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                class={item.danger ? 'menu__item menu__item--danger' : 'menu__item'}
                disabled={item.disabled}
                onClick={() => {
                  setOpen(false);
                  const b = button.current;
                  if (b) {
                    b.focus();
                    item.onSelect(b);
                  }
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
