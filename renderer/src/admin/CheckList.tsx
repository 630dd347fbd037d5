/**
 * Some of a fixed list chosen by checkboxes (a token's scopes, a webhook's events): each item with its
 * label and a hint that describes it, the list kept in its declared order, the group's error below it.
 */
import { useId, type ReactNode } from 'react';
import { toggled } from './integration-forms';

export function CheckList<T extends string>({
  legend,
  all,
  chosen,
  error,
  label,
  hint,
  onChange,
}: {
  readonly legend: string;
  /** Every item, in the order they are shown and sent. */
  readonly all: readonly T[];
  readonly chosen: readonly T[];
  readonly error: string | undefined;
  readonly label: (item: T) => ReactNode;
  readonly hint: (item: T) => ReactNode;
  readonly onChange: (chosen: T[]) => void;
}) {
  const id = useId();
  return (
    <fieldset
      className={`field admin-roles${error ? ' has-error' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {all.map((item, index) => (
        <div key={item} className="admin-check">
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(item)}
              aria-describedby={`${id}-${index}`}
              onChange={(e) => onChange(toggled(all, chosen, item, e.target.checked))}
            />
            {label(item)}
          </label>
          <span id={`${id}-${index}`} className="field-hint">
            {hint(item)}
          </span>
        </div>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
