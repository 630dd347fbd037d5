/**
 * Time left before the request expires, ticking. The clock ticks each second; the cell renders again
 * only when its text changes (the selector returns the text).
 */
import { isFinalStatus } from '@shared/domain/status';
import type { RequestRow } from '@shared/ipc/views';
import { formatFullDateTime, formatTimeLeft } from '../domain/format';
import { useClock } from '../store/clock';
import { STRINGS } from '../strings';

export function ExpiresCell({ row }: { row: RequestRow }) {
  const final = isFinalStatus(row.status);
  const text = useClock((now) => (final ? STRINGS.timeLeft.ended : formatTimeLeft(row.expiresAt, now)));
  if (final) return <span className="muted">{text}</span>;
  return (
    <span
      className="time-left"
      title={formatFullDateTime(row.expiresAt)}
      aria-label={STRINGS.timeLeft.label(text)}
    >
      {text}
    </span>
  );
}
