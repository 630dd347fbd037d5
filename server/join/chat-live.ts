/**
 * The join page's event stream carries the chat too (issue 19): after each change of the request, the
 * messages the page has not shown yet go out as `message` events, each with its id as the event's id, so
 * a reconnecting EventSource (Last-Event-ID) or a page that says what it shows (`?after=`) misses none and
 * gets none twice. Read from the store, so a message written through another instance arrives alike.
 */
import type { ConversationService } from '../services/conversation';
import { chatEvent, type ChatEvent } from './chat';

/** The last message id the page shows: the larger of the reconnecting stream's and the page's own. */
export function shownThrough(lastEventId: unknown, after: unknown): number {
  const read = (value: unknown) => {
    const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : 0;
    return Number.isSafeInteger(n) ? n : 0;
  };
  return Math.max(read(lastEventId), read(after));
}

/**
 * Returns `check`, to call at each change of the request: it sends what came after what was sent, in
 * order (one read at a time), and logs rather than throws when the read fails (the next change tries again).
 */
export function followChat(
  conversation: ConversationService,
  requestId: string,
  after: number,
  send: (message: ChatEvent) => void,
  onError: (error: unknown) => void,
): () => void {
  let last = after;
  let reading = Promise.resolve();
  return () => {
    reading = reading
      .then(async () => {
        for (const line of await conversation.linesAfter(requestId, last)) {
          send(chatEvent(line));
          last = line.id;
        }
      })
      .catch(onError);
  };
}
