/**
 * The conversation around a request (issue 19), in its details: the chat with the end user (their
 * messages and the agents', live as the change feed brings them, and a box to write) and the
 * technicians' thread (the internal notes, with who joined and left), which the end user never sees.
 * Everything is text: React escapes it, links stay text.
 */
import { useEffect } from 'react';
import type { RequestRow, TimelineEntry } from '@shared/ipc/views';
import { formatDateTime, formatFullDateTime } from '../domain/format';
import type { Availability } from '../domain/row-actions';
import { useNames } from '../hooks/useNames';
import { useTranslator } from '../i18n/translation';
import { useNow } from '../store/clock';
import { useAppStore } from '../store/context';
// The conversation's own style sheet (the admin tab's canned messages and the row's badge too).
import '../styles/conversation.css';
import { ChatBox } from './ChatBox';
import { NoteBox } from './NoteBox';
import { PendingMark } from './Timeline';
import { describeEvent } from './timeline-text';

/** The events the technicians' thread shows: the notes, and who joined or left the session. */
const THREAD_TYPES: ReadonlySet<string> = new Set(['note', 'joined', 'left']);

function When({ at }: { at: string }) {
  const t = useTranslator();
  const now = useNow(60_000);
  return (
    <time dateTime={at} title={formatFullDateTime(t, at)}>
      {formatDateTime(t, at, now)}
    </time>
  );
}

function ChatMessages({ request, entries }: { request: RequestRow; entries: readonly TimelineEntry[] }) {
  const t = useTranslator();
  const messages = entries.filter((entry) => entry.event.type === 'message');
  return (
    // A log that scrolls: focusable, so that the keyboard scrolls it too; a list inside keeps its items'.
    // There from the start, so that the first message is announced as it arrives.
    <div
      className="chat-messages"
      role="log"
      tabIndex={0}
      aria-label={t.t('chat.log', { recipient: request.recipientName })}
    >
      {messages.length === 0 ? <p className="muted">{t.t('chat.empty')}</p> : null}
      <ol className="plain-list chat-list">
        {messages.map((entry) => {
          const { event } = entry;
          const fromEndUser = event.data['from'] === 'end_user';
          const author =
            fromEndUser || event.actor.kind !== 'agent' ? request.recipientName : event.actor.name;
          const text = typeof event.data['text'] === 'string' ? event.data['text'] : '';
          return (
            <li
              key={entry.key}
              className={`chat-message ${fromEndUser ? 'from-end-user' : 'from-agent'}${entry.pending ? ' is-pending' : ''}`}
            >
              <div className="chat-meta">
                <span className="chat-author">{author}</span>
                <When at={event.at} />
                {event.data['byEmail'] === true ? (
                  <span className="badge">{t.t('chat.alsoByEmailSent')}</span>
                ) : null}
              </div>
              <p className="chat-text pre-wrap">{text}</p>
              <PendingMark entry={entry} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function TechniciansThread({ entries }: { entries: readonly TimelineEntry[] }) {
  const t = useTranslator();
  const names = useNames();
  const thread = entries.filter((entry) => THREAD_TYPES.has(entry.event.type));
  if (thread.length === 0) return <p className="muted">{t.t('thread.empty')}</p>;
  return (
    <ol className="thread-entries">
      {thread.map((entry) => {
        const said = describeEvent(t, entry.event, names, (iso) => formatFullDateTime(t, iso));
        const isNote = entry.event.type === 'note';
        return (
          <li key={entry.key} className={`thread-entry type-${entry.event.type}`}>
            <div className="chat-meta">
              <span className={isNote ? 'chat-author' : 'muted'}>{isNote ? said.who : said.text}</span>
              <When at={entry.event.at} />
            </div>
            {isNote ? <p className="chat-text pre-wrap">{said.note}</p> : null}
            <PendingMark entry={entry} />
          </li>
        );
      })}
    </ol>
  );
}

export function Conversation({
  request,
  entries,
  live,
  message,
}: {
  request: RequestRow;
  entries: readonly TimelineEntry[];
  live: boolean;
  /** Whether this agent may write in the chat now, with the reason when not (the `message` action). */
  message: Availability | null;
}) {
  const t = useTranslator();
  const store = useAppStore();
  const unread = request.unread;
  // The chat is on screen: what the end user wrote is read.
  useEffect(() => {
    if (unread > 0) void store.getState().call('requests.markRead', { requestId: request.id });
  }, [store, request.id, unread]);
  return (
    <div className="conversation">
      <section className="chat" aria-labelledby={`chat-${request.id}`}>
        <h3 id={`chat-${request.id}`}>{t.t('chat.title', { recipient: request.recipientName })}</h3>
        <ChatMessages request={request} entries={entries} />
        <ChatBox request={request} live={live} availability={message} />
      </section>
      <section className="thread" aria-labelledby={`thread-${request.id}`}>
        <h3 id={`thread-${request.id}`}>{t.t('thread.title')}</h3>
        <p className="thread-internal">{t.t('thread.internal')}</p>
        <TechniciansThread entries={entries} />
        <NoteBox requestId={request.id} live={live} />
      </section>
    </div>
  );
}
