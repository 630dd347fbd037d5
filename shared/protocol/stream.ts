/**
 * The live change feed, WebSocket /api/v1/stream?since=SEQ. The service sends, in seq order, every change
 * the agent may see after SEQ. Changes come in batches: one message holds every change committed since
 * the previous one was sent (a single change when they are rare, several under load, so a busy service
 * writes to each socket once per batch, not once per change). Each batch names the seq sent before it
 * (`prev`), so the client sees a gap at once: it resumes through GET /sync from its cursor.
 */
import { z } from 'zod';
import { changeSchema } from './api';

/**
 * What an `invalidate` message says changed, so the client fetches it again: the agents (GET /agents),
 * the channels (GET /channels), the agent's own account (GET /me), the organisation settings
 * (GET /organisation).
 */
export const INVALIDATE_KINDS = ['agents', 'channels', 'me', 'organisation'] as const;
export type InvalidateKind = (typeof INVALIDATE_KINDS)[number];

export const streamMessageSchema = z.discriminatedUnion('type', [
  /** First message: the stream serves changes after `since`. */
  z.object({ type: z.literal('ready'), since: z.number().int(), head: z.number().int() }),
  z.object({
    type: z.literal('changes'),
    /** The seq of the last change sent before this batch (or the stream's `since`). */
    prev: z.number().int(),
    /** In seq order; never empty. */
    changes: z.array(changeSchema).min(1),
  }),
  /** Sent every few seconds when nothing else is: the connection is alive and `head` is current. */
  z.object({ type: z.literal('heartbeat'), head: z.number().int(), at: z.string() }),
  /** Agents, channels, the agent's own access or the organisation settings changed: fetch them again. */
  z.object({ type: z.literal('invalidate'), what: z.enum(INVALIDATE_KINDS) }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;

/**
 * Close codes. `resync_required`: the stream cannot serve from the cursor (too far behind, or what the
 * agent may see changed); catch up through GET /sync and reconnect.
 */
export const STREAM_CLOSE = {
  resyncRequired: { code: 4409, reason: 'resync_required' },
  unauthorized: { code: 4401, reason: 'unauthorized' },
  shuttingDown: { code: 1001, reason: 'shutting_down' },
} as const;

/** How often the service sends a heartbeat; a client that hears nothing for 3× this reconnects. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
