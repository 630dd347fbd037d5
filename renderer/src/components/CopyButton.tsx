/** Copies a value (a link, a PIN) to the clipboard and says so. */
import { useAppStore } from '../store/context';

export function CopyButton({
  value,
  label,
  done,
  className,
}: {
  readonly value: string;
  readonly label: string;
  readonly done: string;
  readonly className?: string;
}) {
  const store = useAppStore();
  return (
    <button
      type="button"
      className={className ?? 'button'}
      onClick={() => void store.getState().copy(value, done)}
      disabled={value === ''}
    >
      {label}
    </button>
  );
}
