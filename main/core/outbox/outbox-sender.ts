/**
 * Sends what the agent did offline (creates, notes and chat messages), in the order made, once the connection is live.
 * Each entry carries its idempotency key to the service, and is marked `sending` before it goes: after a
 * crash between sending and hearing the answer, the entry goes again with the same key and the service
 * answers the first result instead of doing it twice. A refusal stays on the row with the service's words.
 */
import { sessionRequestSchema } from '@shared/protocol/api';
import type { AuthSession } from '../account/auth-session';
import { ApiError } from '../api/api-error';
import type { AsyncCache } from '../cache/cache-protocol';
import type { CacheChange } from '../cache/cache-store';
import type { OutboxEntry } from '../cache/outbox-sql';

export interface OutboxSenderOptions {
  readonly cache: AsyncCache;
  readonly session: AuthSession;
  /** `seq`: the service's answer at that seq, whose echo the stream brings. */
  readonly onChange: (change: CacheChange, seq?: number) => void;
  /** A create goes to the service (true), and its answer is in the cache or it failed (false). */
  readonly onCreating?: (creating: boolean) => void;
  /** Whether sending makes sense now (the connection is live). */
  readonly canSend: () => boolean;
  readonly log?: (message: string, error?: unknown) => void;
}

/** What became of an entry, kept for whoever waits on it (an online create's dialog). */
export interface OutboxOutcome {
  readonly created?: string;
  readonly error?: ApiError;
}

export class OutboxSender {
  private draining: Promise<void> | null = null;
  private again = false;
  private readonly outcomes = new Map<number, OutboxOutcome>();

  constructor(private readonly options: OutboxSenderOptions) {}

  /** Sends whatever is queued; safe to call at any time and as often as wanted. */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** The outcome of an entry sent since it was queued, once. */
  takeOutcome(outboxId: number): OutboxOutcome | undefined {
    const outcome = this.outcomes.get(outboxId);
    this.outcomes.delete(outboxId);
    return outcome;
  }

  private remember(outboxId: number, outcome: OutboxOutcome): void {
    this.outcomes.set(outboxId, outcome);
    // Nobody waits for old outcomes: keep the map small.
    if (this.outcomes.size > 100) this.outcomes.delete(this.outcomes.keys().next().value!);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (!this.options.canSend()) return;
        const entry = await this.options.cache.nextOutbox();
        if (!entry) break;
        if (!(await this.send(entry))) return;
      }
    } while (this.again);
  }

  /** Sends one entry. False when it could not be sent now (it stays queued, in place). */
  private async send(entry: OutboxEntry): Promise<boolean> {
    const { cache, session } = this.options;
    await cache.markSending(entry.id);
    const headers = { 'idempotency-key': entry.idempotencyKey };
    if (entry.kind === 'create') this.options.onCreating?.(true);
    try {
      if (entry.kind === 'create') {
        const created = await session.request('POST', '/requests', {
          body: entry.payload,
          headers,
          schema: sessionRequestSchema,
        });
        this.options.onChange(await cache.completeCreate(entry.id, created), created.seq);
        this.remember(entry.id, { created: created.id });
      } else {
        // A note, or a chat message: each answers the request after it, its event following in the feed.
        const route = entry.kind === 'message' ? 'messages' : 'notes';
        const after = await session.request('POST', `/requests/${entry.requestId}/${route}`, {
          body: entry.payload,
          headers,
          schema: sessionRequestSchema,
        });
        this.options.onChange(await cache.completeNote(entry.id, after.id, after.seq), after.seq);
      }
      return true;
    } catch (error) {
      if (error instanceof ApiError && !error.transient && error.status !== 401 && error.status !== 0) {
        // The service refused it for good (bad input, no permission, wrong state): say so on the row.
        const { code, message, params, fields } = error;
        const refusal = { code, message, ...(params ? { params } : {}), ...(fields ? { fields } : {}) };
        this.options.onChange(await cache.rejectOutbox(entry.id, refusal));
        this.remember(entry.id, { error });
        return true;
      }
      // Not sent (or not known to be): queued again, and sent again with the same key.
      this.options.onChange(await cache.requeue(entry.id));
      this.options.log?.('outbox: will retry when connected', error);
      return false;
    } finally {
      if (entry.kind === 'create') this.options.onCreating?.(false);
    }
  }
}
