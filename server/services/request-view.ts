/** Stored rows → the JSON the API and the change feed carry. */
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import type { EventRow, ParticipantRow, RequestRow } from '../store/rows';
import type { Store } from '../store/store';
import { iso } from './clock';
import type { LinkTokens } from './crypto';

export interface LinkBuilder {
  /** `<public-url>/j/<token>` */
  linkFor(requestId: string): string;
  tokenFor(requestId: string): string;
}

export function linkBuilder(tokens: LinkTokens, publicUrl: () => string): LinkBuilder {
  return {
    tokenFor: (id) => tokens.tokenFor(id),
    linkFor: (id) => `${publicUrl()}/j/${tokens.tokenFor(id)}`,
  };
}

export function toWireRequest(
  row: RequestRow,
  participants: readonly ParticipantRow[],
  connectedAgentIds: readonly string[],
  links: LinkBuilder,
): SessionRequest {
  return {
    id: row.id,
    status: row.status,
    consent: row.consent,
    recipientName: row.recipientName,
    recipientEmail: row.recipientEmail,
    comments: row.comments,
    emailLanguage: row.emailLanguage,
    sendInvitation: row.sendInvitation,
    scheduledAt: row.scheduledAt === null ? null : iso(row.scheduledAt),
    expiresAt: iso(row.expiresAt),
    channelId: row.channelId,
    assigneeId: row.assigneeId,
    createdBy: row.createdBy,
    participants: participants.map((p) => ({ agentId: p.agentId, via: p.via, since: iso(p.since) })),
    connectedAgentIds: [...connectedAgentIds],
    link: links.linkFor(row.id),
    pin: row.pin,
    sessionCode: row.sessionCode,
    remote: row.remote,
    externalRef: row.externalRef,
    recipientPhone: row.recipientPhone,
    consentLapsesAt: row.consentLapsesAt === null ? null : iso(row.consentLapsesAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    seq: row.seq,
  };
}

export function toWireEvent(event: EventRow): TimelineEvent {
  return {
    id: event.id,
    requestId: event.requestId,
    seq: event.seq,
    at: iso(event.at),
    type: event.type,
    actor: event.actor,
    data: event.data,
  };
}

export async function loadWireRequest(
  store: Store,
  row: RequestRow,
  links: LinkBuilder,
): Promise<SessionRequest> {
  return toWireRequest(
    row,
    await store.requests.participants(row.id),
    await store.requests.connectedAgentIds(row.id),
    links,
  );
}

/** Many rows as wire requests, with their participants and connections: two queries, not 2 × N. */
export async function toWireRequests(
  store: Store,
  rows: readonly RequestRow[],
  links: LinkBuilder,
): Promise<Map<string, SessionRequest>> {
  const ids = rows.map((r) => r.id);
  const participants = groupBy(await store.requests.participantsOf(ids), (p) => p.requestId);
  const connections = groupBy(await store.requests.connectionsOf(ids), (c) => c.requestId);
  const result = new Map<string, SessionRequest>();
  for (const row of rows) {
    const connected = (connections.get(row.id) ?? []).map((c) => c.agentId);
    result.set(row.id, toWireRequest(row, participants.get(row.id) ?? [], connected, links));
  }
  return result;
}

/** Many requests at once, with their timeline events after `eventsSince`: four queries, not 3 × N. */
export async function loadWireRequests(
  store: Store,
  ids: readonly string[],
  eventsSince: number,
  links: LinkBuilder,
): Promise<Map<string, { request: SessionRequest; events: TimelineEvent[] }>> {
  const requests = await toWireRequests(store, await store.requests.getMany(ids), links);
  const events = groupBy(await store.requests.eventsOf(ids, eventsSince), (e) => e.requestId);
  const result = new Map<string, { request: SessionRequest; events: TimelineEvent[] }>();
  for (const [id, request] of requests) {
    result.set(id, { request, events: (events.get(id) ?? []).map(toWireEvent) });
  }
  return result;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
