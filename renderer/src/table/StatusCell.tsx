/**
 * Status: icon and label, Denied and In queue beside it (under it when the column is too narrow for
 * a longer translation), and for a row not yet at the service whether it is queued, being sent or was
 * refused. Highlighted briefly when the status changed live (the highlight is a background animation:
 * nothing moves).
 */
import { displayState } from '@shared/domain/display';
import type { RequestRow } from '@shared/ipc/views';
import { errorText } from '@shared/i18n/errors';
import { StatusIcon } from '../components/StatusIcon';
import { useTranslator } from '../i18n/translation';

function PendingBadge({ row }: { row: RequestRow }) {
  const t = useTranslator();
  const pending = row.pending;
  if (!pending) return null;
  switch (pending.state) {
    case 'queued':
      return (
        <span className="badge badge-pending" title={t.t('pending.queuedHint')}>
          {t.t('pending.queued')}
        </span>
      );
    case 'sending':
      return (
        <span className="badge badge-pending" title={t.t('pending.sendingHint')}>
          {t.t('pending.sending')}
        </span>
      );
    case 'rejected':
      return (
        <span
          className="badge badge-rejected"
          title={t.t('pending.rejectedHint', {
            message: pending.error ? errorText(t, pending.error) : '',
          })}
        >
          {t.t('pending.rejected')}
        </span>
      );
  }
}

export function StatusCell({
  row,
  flashedAt,
  now,
}: {
  row: RequestRow;
  flashedAt: number | undefined;
  now: number;
}) {
  const t = useTranslator();
  const shown = displayState(row, now);
  const label = t.t(`status.${row.status}.label`);
  return (
    <span
      // A new key restarts the highlight animation each time the status changes.
      key={flashedAt ?? 0}
      className={`status-cell status-${row.status}${flashedAt === undefined ? '' : ' flash'}`}
      // The label, whole where a narrow column cuts it, then what it means: two messages, a line each.
      title={[label, t.t(`status.${row.status}.meaning`)].join('\n')}
    >
      {/* Icon and label stay on one line; the badges go under them when the column is too narrow. */}
      <span className="status-main">
        <StatusIcon status={row.status} />
        <span className="status-label">{label}</span>
      </span>
      {/* Spaces between the parts, for the cell's text and accessible name. */}
      {shown.denied ? ' ' : null}
      {shown.denied ? (
        <span className="badge badge-denied" title={t.t('deniedMeaning')}>
          {t.t('denied')}
        </span>
      ) : null}
      {shown.inQueue && !row.pending ? ' ' : null}
      {shown.inQueue && !row.pending ? (
        <span className="badge badge-queue" title={t.t('inQueueMeaning')}>
          {t.t('inQueue')}
        </span>
      ) : null}
      {row.pending ? ' ' : null}
      <PendingBadge row={row} />
    </span>
  );
}
