/**
 * A button that may be unavailable for a reason: aria-disabled (so it stays focusable and a screen
 * reader reads why), the reason as its tooltip and as its accessible description.
 */
import { useId, type ButtonHTMLAttributes, type MouseEvent, type Ref } from 'react';

export interface ReasonButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  readonly enabled: boolean;
  readonly reason: string | null;
  /** The button itself (React 19 passes `ref` as a prop), to move focus to it. */
  readonly ref?: Ref<HTMLButtonElement>;
}

export function ReasonButton({ enabled, reason, onClick, className, children, ...rest }: ReasonButtonProps) {
  const id = useId();
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    if (!enabled) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <>
      <button
        type="button"
        {...rest}
        className={`${className ?? ''}${enabled ? '' : ' is-disabled'}`}
        aria-disabled={enabled ? undefined : true}
        title={reason ?? rest.title}
        aria-describedby={reason ? id : undefined}
        onClick={click}
      >
        {children}
      </button>
      {reason ? (
        <span id={id} hidden>
          {reason}
        </span>
      ) : null}
    </>
  );
}
