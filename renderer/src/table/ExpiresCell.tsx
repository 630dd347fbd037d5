/**
 * Time left before the request expires, ticking. The clock ticks each second; the cell renders again
 * only when its text changes (the selector returns the text).
 */
import { isFinalStatus } from '@shared/domain/status';
import type { RequestRow } from '@shared/ipc/views';
import { formatFullDateTime, formatTimeLeft } from '../domain/format';
import { useTranslator } from '../i18n/translation';
import { useClock } from '../store/clock';

export function ExpiresCell({ row }: { row: RequestRow }) {
  const t = useTranslator();
  const final = isFinalStatus(row.status);
  const text = useClock((now) => (final ? t.t('timeLeft.ended') : formatTimeLeft(t, row.expiresAt, now)));
  if (final) return <span className="muted">{text}</span>;
  return (
    <span
      className="time-left"
      title={formatFullDateTime(t, row.expiresAt)}
      aria-label={t.t('timeLeft.label', { text })}
    >
      {text}
    </span>
  );
}
