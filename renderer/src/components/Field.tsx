/**
 * A labelled form field with its hint and its error beside it: the control is tied to both
 * (aria-describedby) and marked invalid while there is an error.
 */
import { cloneElement, useId, type ReactElement } from 'react';

export interface FieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  /** An input, select or textarea; it gets id, aria-invalid and aria-describedby. */
  readonly children: ReactElement<Record<string, unknown>>;
  readonly className?: string;
  /** Shown after the label, like "Locked". */
  readonly badge?: ReactElement | null;
}

export function Field({ label, error, hint, children, className, badge }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {badge}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
