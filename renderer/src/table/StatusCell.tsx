/**
 * Status: icon and label, Denied and In queue beside it, and for a row not yet at the service whether
 * it is queued, being sent or was refused. Highlighted briefly when the status changed live (the
 * highlight is a background animation: nothing moves).
 */
import { displayState } from '@shared/domain/display';
import type { RequestRow } from '@shared/ipc/views';
import { StatusIcon } from '../components/StatusIcon';
import { STRINGS } from '../strings';

function PendingBadge({ row }: { row: RequestRow }) {
  const pending = row.pending;
  if (!pending) return null;
  switch (pending.state) {
    case 'queued':
      return (
        <span className="badge badge-pending" title={STRINGS.pending.queuedHint}>
          {STRINGS.pending.queued}
        </span>
      );
    case 'sending':
      return (
        <span className="badge badge-pending" title={STRINGS.pending.sendingHint}>
          {STRINGS.pending.sending}
        </span>
      );
    case 'rejected':
      return (
        <span
          className="badge badge-rejected"
          title={STRINGS.pending.rejectedHint(pending.error?.message ?? '')}
        >
          {STRINGS.pending.rejected}
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
  const shown = displayState(row, now);
  return (
    <span
      // A new key restarts the highlight animation each time the status changes.
      key={flashedAt ?? 0}
      className={`status-cell status-${row.status}${flashedAt === undefined ? '' : ' flash'}`}
      title={STRINGS.status[row.status].meaning}
    >
      <StatusIcon status={row.status} />
      <span className="status-label">{STRINGS.status[row.status].label}</span>
      {/* Spaces between the parts, for the cell's text and accessible name. */}
      {shown.denied ? ' ' : null}
      {shown.denied ? (
        <span className="badge badge-denied" title={STRINGS.deniedMeaning}>
          {STRINGS.denied}
        </span>
      ) : null}
      {shown.inQueue && !row.pending ? ' ' : null}
      {shown.inQueue && !row.pending ? (
        <span className="badge badge-queue" title={STRINGS.inQueueMeaning}>
          {STRINGS.inQueue}
        </span>
      ) : null}
      {row.pending ? ' ' : null}
      <PendingBadge row={row} />
    </span>
  );
}
