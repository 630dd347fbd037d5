/**
 * The request's timeline, oldest first: who did what and when; notes and chat messages still in the
 * outbox marked.
 */
import { errorText } from '@shared/i18n/errors';
import type { TimelineEntry } from '@shared/ipc/views';
import { formatDateTime, formatFullDateTime } from '../domain/format';
import { useNames } from '../hooks/useNames';
import { useTranslator } from '../i18n/translation';
import { useNow } from '../store/clock';
import { useAppStore } from '../store/context';
import { describeEvent } from './timeline-text';

/** A note's or chat message's place in the outbox: waiting, sending, or refused (and dismissable). */
export function PendingMark({ entry }: { entry: TimelineEntry }) {
  const store = useAppStore();
  const t = useTranslator();
  const pending = entry.pending;
  if (!pending) return null;
  if (pending.state === 'rejected') {
    return (
      <span className="timeline-pending is-rejected">
        {t.t(entry.event.type === 'message' ? 'pending.messageRejected' : 'pending.noteRejected', {
          message: pending.error ? errorText(t, pending.error) : '',
        })}{' '}
        <button
          type="button"
          className="button small"
          onClick={() => void store.getState().dismissPending(pending.outboxId)}
        >
          {t.t('pending.dismiss')}
        </button>
      </span>
    );
  }
  return (
    <span className="timeline-pending">
      {pending.state === 'queued' ? t.t('pending.noteQueued') : t.t('pending.noteSending')}
    </span>
  );
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const t = useTranslator();
  const names = useNames();
  const now = useNow(60_000);
  if (entries.length === 0) return <p className="muted">{t.t('details.emptyTimeline')}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => {
        const text = describeEvent(t, entry.event, names, (iso) => formatFullDateTime(t, iso));
        return (
          <li
            key={entry.key}
            className={`timeline-entry type-${entry.event.type}${entry.pending ? ' is-pending' : ''}`}
          >
            <div className="timeline-line">
              <span>{text.text}</span>
              <time dateTime={entry.event.at} title={formatFullDateTime(t, entry.event.at)}>
                {formatDateTime(t, entry.event.at, now)}
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
