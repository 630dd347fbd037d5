/**
 * What both stores' SQL of requests shares (sqlite/requests-store.ts, postgres/requests-store.ts): the
 * columns they read, the mapping of a row to a RequestRow or an EventRow (PostgreSQL's baseline keeps
 * SQLite's columns, 0/1 flags and numeric times, so one mapping serves both), and the search of GET
 * /requests, and the feed's rows. Only SQL both dialects read alike lives here.
 */
import type { TimelineActor, TimelineEventType } from '@shared/protocol/api';
import type { EmailLanguage } from '@shared/domain/languages';
import type { Consent, RequestStatus } from '@shared/domain/status';
import type { EventRow, FeedChangeRow, FeedEntry, FeedRow, RequestRow } from './rows';

/**
 * An event's JSON as the feed sends it, from its row `e`: its stored wire JSON with its id put first
 * (services/wire-json.ts, storedEventJson). The one definition for the SQL that writes and reads timelines.
 */
export const EVENT_FEED_JSON = `'{"id":' || e.id || ',' || substr(e.wire_json, 2)`;

/** The statuses of a request still in play, as SQL. */
export const LIVE = "('open', 'waiting', 'ready', 'connected')";

/** The columns of a RequestRow: every column but the wire JSON, which only the feed reads. */
export const REQUEST_COLUMNS = `id, status, consent, recipient_name, recipient_email, comments, email_language,
  language_chosen, send_invitation, scheduled_at, reminded, expires_at, channel_id, assignee_id, created_by,
  link_token_hash, pin, session_code, remote, consent_lapses_at, created_at, updated_at, seq, external_system,
  external_id, external_url, recipient_phone`;

/** The columns of an EventRow. */
export const EVENT_COLUMNS =
  'id, request_id, seq, at, type, actor_kind, actor_id, actor_name, data, on_behalf_of_id, on_behalf_of_name';

export interface RawRequest {
  id: string;
  status: RequestStatus;
  consent: Consent;
  recipient_name: string;
  recipient_email: string | null;
  comments: string;
  email_language: EmailLanguage;
  language_chosen: number;
  send_invitation: number;
  scheduled_at: number | null;
  reminded: number;
  expires_at: number;
  channel_id: string;
  assignee_id: string | null;
  created_by: string;
  link_token_hash: string;
  pin: string;
  session_code: string;
  remote: string | null;
  consent_lapses_at: number | null;
  created_at: number;
  updated_at: number;
  seq: number;
  external_system: string | null;
  external_id: string | null;
  external_url: string | null;
  recipient_phone: string | null;
}

export function toRequest(raw: RawRequest): RequestRow {
  return {
    id: raw.id,
    status: raw.status,
    consent: raw.consent,
    recipientName: raw.recipient_name,
    recipientEmail: raw.recipient_email,
    comments: raw.comments,
    emailLanguage: raw.email_language,
    languageChosen: raw.language_chosen === 1,
    sendInvitation: raw.send_invitation === 1,
    scheduledAt: raw.scheduled_at,
    reminded: raw.reminded === 1,
    expiresAt: raw.expires_at,
    channelId: raw.channel_id,
    assigneeId: raw.assignee_id,
    createdBy: raw.created_by,
    linkTokenHash: raw.link_token_hash,
    pin: raw.pin,
    sessionCode: raw.session_code,
    remote: raw.remote,
    consentLapsesAt: raw.consent_lapses_at,
    externalRef:
      raw.external_system === null || raw.external_id === null
        ? null
        : { system: raw.external_system, id: raw.external_id, url: raw.external_url },
    recipientPhone: raw.recipient_phone,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    seq: raw.seq,
  };
}

export interface RawEvent {
  id: number;
  request_id: string;
  seq: number;
  at: number;
  type: TimelineEventType;
  actor_kind: TimelineActor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  data: string;
  on_behalf_of_id: string | null;
  on_behalf_of_name: string | null;
}

function toActor(raw: RawEvent): TimelineActor {
  switch (raw.actor_kind) {
    case 'agent':
      return { kind: 'agent', agentId: raw.actor_id ?? '', name: raw.actor_name ?? '' };
    case 'integration':
      return {
        kind: 'integration',
        tokenId: raw.actor_id ?? '',
        name: raw.actor_name ?? '',
        onBehalfOf:
          raw.on_behalf_of_id === null
            ? null
            : { agentId: raw.on_behalf_of_id, name: raw.on_behalf_of_name ?? '' },
      };
    default:
      return { kind: raw.actor_kind };
  }
}

/**
 * An actor's columns (actor_id, actor_name, on_behalf_of_id, on_behalf_of_name): who, by id and by name as
 * it was then, and for an integration acting for an agent, that agent.
 */
export function actorColumns(
  actor: TimelineActor,
): [string | null, string | null, string | null, string | null] {
  switch (actor.kind) {
    case 'agent':
      return [actor.agentId, actor.name, null, null];
    case 'integration':
      return [actor.tokenId, actor.name, actor.onBehalfOf?.agentId ?? null, actor.onBehalfOf?.name ?? null];
    default:
      return [null, null, null, null];
  }
}

export function toEvent(raw: RawEvent): EventRow {
  const actor = toActor(raw);
  return {
    id: raw.id,
    requestId: raw.request_id,
    seq: raw.seq,
    at: raw.at,
    type: raw.type,
    actor,
    data: JSON.parse(raw.data) as EventRow['data'],
  };
}

/**
 * GET /requests' search `q` as parameters: `like`, a LIKE pattern matching `q` anywhere, with `\` escaping
 * LIKE's wildcards in it (the SQL says `ESCAPE '\'`); `digits`, `q` without spaces and dashes, the way a PIN
 * is typed.
 */
export function listSearch(q: string): { like: string; digits: string } {
  return { like: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, digits: q.replace(/[\s-]/g, '') };
}

export interface RawFeedEntry {
  kind: 'request' | 'tombstone';
  request_id: string;
  seq: number;
}

export interface RawFeedRow extends RawFeedEntry {
  json: string | null;
  events: string | null;
}

/** A row of the live feed's read (changesAfter); `gone` is SQLite's 0/1 or PostgreSQL's boolean. */
export interface RawFeedChange extends RawFeedRow {
  channel_id: string;
  status: FeedChangeRow['status'];
  consent: FeedChangeRow['consent'];
  gone: number | boolean;
}

export const toFeedEntry = (r: RawFeedEntry): FeedEntry => ({
  kind: r.kind,
  requestId: r.request_id,
  seq: r.seq,
});

export const toFeedRow = (r: RawFeedRow): FeedRow => ({
  ...toFeedEntry(r),
  json: r.json,
  events: r.events ?? '',
});

export const toFeedChange = (r: RawFeedChange): FeedChangeRow => ({
  ...toFeedRow(r),
  channelId: r.channel_id,
  status: r.status,
  consent: r.consent,
  gone: r.gone === true || r.gone === 1,
});
