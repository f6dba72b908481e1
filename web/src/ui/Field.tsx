import type { ComponentChildren, Ref } from 'preact';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: ComponentChildren;
}

/** The ids a control points at with aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((s) => s !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A label, one control (given as child, with id = `id`), an optional hint and error. */
export function Field({ id, label, hint, error, children }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  /** `lang`: the language the label is written in (a list of languages, each in its own). */
  options: readonly { value: string; label: string; lang?: string }[];
  /** The text of a first option with the value '' (nothing chosen), if there is one. */
  none?: string;
  disabled?: boolean;
  inputRef?: Ref<HTMLSelectElement>;
  onChange: (value: string) => void;
}

/** A labelled select in a Field. */
export function SelectField({ id, label, value, options, none, disabled, inputRef, onChange }: SelectProps) {
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        ref={inputRef}
        class="input"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {none !== undefined ? <option value="">{none}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
