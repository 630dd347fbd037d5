/**
 * Every change to a request goes through here: in one transaction it takes the next seq, writes the row,
 * its timeline events and any e-mail to send; after the commit it publishes the change to the live feed
 * and wakes the mailer. Nothing is published that was not committed, and nothing committed goes unpublished.
 */
import { randomUUID } from 'node:crypto';
import type { Change, TimelineActor, TimelineEventType } from '@shared/protocol/api';
import type { EmailLanguage } from '@shared/domain/languages';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LiveFeed } from '../live/live-feed';
import type { EventRow, RequestRow, MailKind } from '../store/rows';
import type { Store } from '../store/store';
import { queueWebhookEvents, webhookEventsOf, type WebhookEvent } from '../webhooks/webhook-events';
import { actorOfTimeline, type AuditLog } from './audit';
import { iso, type Clock } from './clock';
import { loadWireRequest, type LinkBuilder } from './request-view';
import { storedEventJson, storedRequestJson } from './wire-json';

export interface NewEvent {
  readonly type: TimelineEventType;
  readonly actor: TimelineActor;
  readonly data?: EventRow['data'];
}

export interface NewMail {
  readonly kind: MailKind;
  readonly recipient: string;
  readonly language: EmailLanguage;
  readonly payload: unknown;
}

export type RequestPatch = Partial<
  Pick<
    RequestRow,
    | 'status'
    | 'consent'
    | 'consentLapsesAt'
    | 'channelId'
    | 'assigneeId'
    | 'remote'
    | 'scheduledAt'
    | 'expiresAt'
    | 'reminded'
    | 'externalRef'
    | 'recipientPhone'
  >
>;

export interface WriterDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly links: LinkBuilder;
  /** Where committed changes go live (server/live/live-feed.ts). */
  readonly live: LiveFeed;
  readonly wakeMailer: () => void;
  /** Webhook deliveries were committed (server/webhooks/delivery-worker.ts). */
  readonly wakeWebhooks?: () => void;
  /** Text messages were committed (server/sms/sms-worker.ts). */
  readonly wakeSms?: () => void;
  /** Domain of Message-IDs, from the public URL. */
  readonly mailDomain: () => string;
  /** Where every timeline event is recorded too, so it outlives its request (audit.ts). */
  readonly audit: AuditLog;
}

export class RequestWriter {
  private mailQueued = false;
  private webhooksQueued = false;
  readonly now: number;

  constructor(private readonly deps: WriterDeps) {
    this.now = deps.clock.now();
  }

  /** A new request, at a new seq. */
  async insert(
    row: Omit<RequestRow, 'seq' | 'createdAt' | 'updatedAt'>,
    events: NewEvent[],
    mails: NewMail[] = [],
  ) {
    const seq = await this.deps.store.requests.nextSeq();
    const stored: RequestRow = { ...row, seq, createdAt: this.now, updatedAt: this.now };
    const request = await loadWireRequest(this.deps.store, stored, this.deps.links);
    await this.deps.store.requests.insert(stored, storedRequestJson(request));
    await this.queueWebhooks(request, webhookEventsOf(null, stored, events));
    return this.finish(stored, request, events, mails);
  }

  /** The request changed: write `patch` at a new seq with its events (participants are written before). */
  async change(row: RequestRow, patch: RequestPatch, events: NewEvent[], mails: NewMail[] = []) {
    const seq = await this.deps.store.requests.nextSeq();
    const stored: RequestRow = { ...row, ...patch, seq, updatedAt: this.now };
    const request = await loadWireRequest(this.deps.store, stored, this.deps.links);
    await this.deps.store.requests.update(stored, storedRequestJson(request));
    await this.queueWebhooks(request, webhookEventsOf(row, stored, events));
    return this.finish(stored, request, events, mails);
  }

  /** The request leaves `channelId` (moved away): agents who see only that channel drop it. */
  async tombstone(requestId: string, channelId: string): Promise<void> {
    const seq = await this.deps.store.requests.nextSeq();
    await this.deps.store.requests.addTombstone(seq, requestId, channelId, this.now);
    const change: Change = { type: 'tombstone', seq, requestId };
    this.deps.store.onCommit(() => this.deps.live.committed(channelId, change));
  }

  /**
   * The request is deleted, with its timeline; unsent mail about it is cancelled. The audit log keeps its
   * events (recorded as they were written) and records the deletion, by whoever made the call.
   */
  async delete(row: RequestRow): Promise<void> {
    // The request as it was, for the webhooks: read before its rows go.
    const request = await loadWireRequest(this.deps.store, row, this.deps.links);
    await this.queueWebhooks(request, [{ type: 'request.deleted', extra: {} }]);
    await this.deps.audit.record(
      {
        type: 'request.deleted',
        target: requestTarget(row),
        data: { status: row.status, channelId: row.channelId, assigneeId: row.assigneeId },
      },
      this.now,
    );
    await this.tombstone(row.id, row.channelId);
    await this.deps.store.requests.delete(row.id);
    await this.deps.store.outbox.cancelForRequest(row.id, this.now, 'The request was deleted.');
    await this.deps.store.sms.cancelForRequest(row.id, this.now, 'The request was deleted.');
    this.deps.store.onCommit(() => this.deps.live.deleted(row.id));
  }

  /** Writes the change's webhook deliveries (the webhook outbox), in this transaction. */
  private async queueWebhooks(request: SessionRequest, events: WebhookEvent[]): Promise<void> {
    if (!(await queueWebhookEvents(this.deps.store, this.now, request, events))) return;
    if (!this.webhooksQueued) this.deps.store.onCommit(() => this.deps.wakeWebhooks?.());
    this.webhooksQueued = true;
  }

  /** `request` is the row as the feed sends it, snapshot after its participants and connections. */
  private async finish(
    row: RequestRow,
    request: SessionRequest,
    events: NewEvent[],
    mails: NewMail[],
  ): Promise<RequestRow> {
    const { store } = this.deps;
    const written = [];
    for (const e of events) {
      const event = {
        requestId: row.id,
        seq: row.seq,
        at: iso(this.now),
        type: e.type,
        actor: e.actor,
        data: e.data ?? {},
      };
      const { id } = await store.requests.addEvent({ ...event, at: this.now }, storedEventJson(event));
      written.push({ id, ...event });
      await this.deps.audit.record(
        {
          type: `request.${e.type}`,
          actor: actorOfTimeline(e.actor),
          target: requestTarget(row),
          data: {
            ...event.data,
            ...(e.actor.kind === 'integration' && e.actor.onBehalfOf
              ? { onBehalfOf: e.actor.onBehalfOf }
              : {}),
          },
        },
        this.now,
      );
    }
    for (const mail of mails) {
      await store.outbox.enqueue({
        requestId: row.id,
        ...mail,
        messageId: `<${randomUUID()}@${this.deps.mailDomain()}>`,
        now: this.now,
      });
      if (!this.mailQueued) store.onCommit(() => this.deps.wakeMailer());
      this.mailQueued = true;
    }
    // What reports add up, current with this change (store/reports-sql.ts).
    await store.reports.refreshFacts(row.id);
    // Snapshot inside the transaction: the published change is the state at this seq.
    const change: Change = { type: 'request', seq: row.seq, request, events: written };
    this.deps.store.onCommit(() => this.deps.live.committed(row.channelId, change));
    return row;
  }
}

/** A request as the audit log names it: by its recipient. */
function requestTarget(row: RequestRow) {
  return { kind: 'request', id: row.id, name: row.recipientName };
}

/**
 * Runs `work` in a transaction with a fresh writer. What it wrote goes live once the outermost transaction
 * has committed (store.onCommit), before any later one commits: subscribers see changes in seq order, and
 * nothing that was rolled back.
 */
export function withWriter<T>(deps: WriterDeps, work: (writer: RequestWriter) => Promise<T>): Promise<T> {
  const writer = new RequestWriter(deps);
  return deps.store.transaction(() => work(writer));
}
