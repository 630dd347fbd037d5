/**
 * Which webhook events a change to a request makes, and their payloads. Called by the request writer
 * (server/services/request-writer.ts) inside the change's transaction, so a delivery row exists exactly when
 * the change committed: the webhook outbox.
 */
import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@shared/domain/integrations';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineActor, TimelineEventType } from '@shared/protocol/api';
import type { WebhookPayload } from '@shared/protocol/webhook-payloads';
import type { RequestRow } from '../store/rows';
import type { Store } from '../store/store';

/** An event to send, with what its payload carries besides the request. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly extra: Record<string, unknown>;
}

interface ChangeEvent {
  readonly type: TimelineEventType;
  readonly actor: TimelineActor;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * The webhook events of one change: `before` is the row as it was (null for a new request), `after` as it
 * is now, `events` the timeline events written with it. A status change (or a consent change in the same
 * status) is `request.status_changed`; reaching Closed or Expired is also `request.closed` /
 * `request.expired`; a new assignee (or the queue) is `request.assigned`; each note is `request.note_added`, each chat message `request.message`.
 * `request.expired`; a new assignee (or the queue) is `request.assigned`; each note is `request.note_added`.
 * `request.closed` carries the outcome and wrap-up note given at closing (issue 19: none when closed by
 * End session or without them); the end user's answer to "How did we do?" is `request.rated`.
 */
export function webhookEventsOf(
  before: RequestRow | null,
  after: RequestRow,
  events: readonly ChangeEvent[],
): WebhookEvent[] {
  if (!before) return [{ type: 'request.created', extra: {} }];
  const found: WebhookEvent[] = [];
  if (before.status !== after.status || before.consent !== after.consent) {
    found.push({
      type: 'request.status_changed',
      extra: { from: before.status, to: after.status, consent: after.consent },
    });
  }
  if (before.status !== after.status && after.status === 'closed') {
    const closed = events.find((event) => event.type === 'closed')?.data;
    const outcome = typeof closed?.['outcome'] === 'string' ? closed['outcome'] : null;
    const wrapUp = typeof closed?.['wrapUp'] === 'string' ? closed['wrapUp'] : '';
    found.push({ type: 'request.closed', extra: { outcome, wrapUp } });
  }
  if (before.status !== after.status && after.status === 'expired') {
    found.push({ type: 'request.expired', extra: {} });
  }
  if (before.assigneeId !== after.assigneeId) {
    found.push({ type: 'request.assigned', extra: { from: before.assigneeId, to: after.assigneeId } });
  }
  for (const event of events) {
    if (event.type === 'note') {
      const text = typeof event.data?.['text'] === 'string' ? event.data['text'] : '';
      found.push({ type: 'request.note_added', extra: { text, actor: event.actor } });
    }
    if (event.type === 'message') {
      const { text, from, byEmail, bySms } = event.data ?? {};
      found.push({
        type: 'request.message',
        extra: { text, from, byEmail, bySms: bySms === true, actor: event.actor },
      });
    }
    if (event.type === 'rated') {
      const comment = typeof event.data?.['comment'] === 'string' ? event.data['comment'] : '';
      found.push({ type: 'request.rated', extra: { rating: event.data?.['rating'], comment } });
    }
  }
  return found;
}

/** The request as a payload carries it: without the end user's link and PIN unless the endpoint includes them. */
export function payloadRequest(request: SessionRequest, includeSecrets: boolean): Record<string, unknown> {
  if (includeSecrets) return { ...request };
  const { link: _link, pin: _pin, ...rest } = request;
  return rest;
}

/** A new message id (`webhook-id`), as Standard Webhooks writes them. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/**
 * Writes one delivery per enabled endpoint subscribed to each event, in the caller's transaction. Returns
 * whether any was written (the worker is then woken after the commit).
 */
export async function queueWebhookEvents(
  store: Store,
  now: number,
  request: SessionRequest,
  events: readonly WebhookEvent[],
): Promise<boolean> {
  if (events.length === 0) return false;
  const endpoints = await store.webhooks.enabledEndpoints();
  let queued = false;
  for (const event of events) {
    for (const endpoint of endpoints) {
      if (!endpoint.events.includes(event.type)) continue;
      const payload = {
        type: event.type,
        timestamp: new Date(now).toISOString(),
        data: { request: payloadRequest(request, endpoint.includeSecrets), ...event.extra },
      } as WebhookPayload;
      await store.webhooks.enqueue({
        messageId: newMessageId(),
        endpointId: endpoint.id,
        eventType: event.type,
        requestId: request.id,
        payload: JSON.stringify(payload),
        now,
      });
      queued = true;
    }
  }
  return queued;
}
