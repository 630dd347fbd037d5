/** The request's timeline, oldest first: who did what and when; notes still in the outbox marked. */
import type { TimelineEntry } from '@shared/ipc/views';
import { formatDateTime, formatFullDateTime } from '../domain/format';
import { useNames } from '../hooks/useNames';
import { useNow } from '../store/clock';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { describeEvent } from './timeline-text';

function PendingMark({ entry }: { entry: TimelineEntry }) {
  const store = useAppStore();
  const pending = entry.pending;
  if (!pending) return null;
  if (pending.state === 'rejected') {
    return (
      <span className="timeline-pending is-rejected">
        {STRINGS.pending.noteRejected(pending.error?.message ?? '')}{' '}
        <button
          type="button"
          className="button small"
          onClick={() => void store.getState().dismissPending(pending.outboxId)}
        >
          {STRINGS.pending.dismiss}
        </button>
      </span>
    );
  }
  return (
    <span className="timeline-pending">
      {pending.state === 'queued' ? STRINGS.pending.noteQueued : STRINGS.pending.noteSending}
    </span>
  );
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const names = useNames();
  const now = useNow(60_000);
  if (entries.length === 0) return <p className="muted">{STRINGS.details.emptyTimeline}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => {
        const text = describeEvent(entry.event, names, (iso) => formatFullDateTime(iso));
        return (
          <li
            key={entry.key}
            className={`timeline-entry type-${entry.event.type}${entry.pending ? ' is-pending' : ''}`}
          >
            <div className="timeline-line">
              <span>{text.text}</span>
              <time dateTime={entry.event.at} title={formatFullDateTime(entry.event.at)}>
                {formatDateTime(entry.event.at, now)}
              </time>
            </div>
            {text.note !== null ? <p className="timeline-note pre-wrap">{text.note}</p> : null}
            <PendingMark entry={entry} />
          </li>
        );
      })}
    </ol>
  );
}
