import { useEffect, useState } from 'preact/hooks';
import { tn } from '../i18n';

export interface ComboOption {
  value: string;
  /** What the option says (and what typing filters by). */
  label: string;
  /** A second line (an idea's author); also matched by the filter. */
  detail?: string;
}

interface Props {
  id: string;
  label: string;
  options: readonly ComboOption[];
  /** The chosen option's value; '' when none. */
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  /** Shown in the list when nothing matches what was typed. */
  noMatch: string;
  /** Gets the text field (to focus it when the panel opens). */
  inputRef?: (el: HTMLInputElement | null) => void;
}

/** Lower case, without accents and repeated spaces: "Zoé" matches "zoe". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();
}

/** The options whose label or detail contains every word typed, in their order. */
export function filterOptions(options: readonly ComboOption[], query: string): ComboOption[] {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const hay = foldText(`${o.label} ${o.detail ?? ''}`);
    return words.every((w) => hay.includes(w));
  });
}

/**
 * A text field that filters a list of options (the WAI-ARIA combobox pattern with a
 * listbox): typing filters, ↑/↓ move through the matches, Enter chooses, Escape closes the
 * list (or clears the text). The list stays in the page's flow, so it works on phones.
 */
export function Combobox({ id, label, options, value, onChange, placeholder, noMatch, inputRef }: Props) {
  const chosen = options.find((o) => o.value === value) ?? null;
  const [query, setQuery] = useState(chosen?.label ?? '');
  const [open, setOpen] = useState(chosen === null);
  const [active, setActive] = useState(-1);
  const shown = open ? filterOptions(options, chosen && query === chosen.label ? '' : query) : [];
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    // optionId is a function of `id` only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex, id]);

  const choose = (o: ComboOption) => {
    onChange(o.value);
    setQuery(o.label);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(e.key === 'ArrowDown' ? 0 : -1);
        return;
      }
      const n = shown.length;
      if (n === 0) return;
      const from = activeIndex < 0 ? (e.key === 'ArrowDown' ? -1 : 0) : activeIndex;
      setActive((from + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      const pick = activeIndex >= 0 ? shown[activeIndex] : shown.length === 1 ? shown[0] : undefined;
      if (open && pick) {
        e.preventDefault();
        choose(pick);
      }
    } else if (e.key === 'Escape') {
      if (open && query !== '') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (query !== '') {
        e.preventDefault();
        e.stopPropagation();
        setQuery('');
        onChange('');
      }
    }
  };

  return (
    <div class="combo">
      <label for={id} class="combo__label">
        {label}
      </label>
      <input
        id={id}
        class="input combo__input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && activeIndex >= 0 && shown.length > 0 ? optionId(activeIndex) : undefined}
        placeholder={placeholder}
        value={query}
        ref={inputRef}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setQuery(text);
          setOpen(true);
          setActive(-1);
          if (value !== '') onChange('');
        }}
        onKeyDown={onKeyDown}
        onClick={() => setOpen(true)}
      />
      <p class="visually-hidden" role="status" aria-live="polite">
        {open ? tn('combo.matches', shown.length) : ''}
      </p>
      <ul id={listId} class="combo__list" role="listbox" aria-label={label} hidden={!open || shown.length === 0}>
        {shown.map((o, i) => (
          <li
            key={o.value}
            id={optionId(i)}
            role="option"
            class={i === activeIndex ? 'combo__option combo__option--active' : 'combo__option'}
            aria-selected={o.value === value}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            <span class="combo__text">{o.label}</span>
            {o.detail ? <span class="combo__detail">{o.detail}</span> : null}
          </li>
        ))}
      </ul>
      {open && shown.length === 0 ? <p class="hint combo__empty">{noMatch}</p> : null}
    </div>
  );
}
