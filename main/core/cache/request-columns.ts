/**
 * How a session request is laid out in the cache: the service's JSON kept whole in `body`, plus the
 * columns the UI filters, sorts and searches on, derived from it here and nowhere else.
 */
import type { CommandError } from '@shared/ipc/contract';
import type { SessionRequest } from '@shared/domain/session-request';
import { isFinalStatus } from '@shared/domain/status';
import type { PendingView, RequestRow } from '@shared/ipc/views';

/** Named parameters of an upsert into `requests`. */
export interface RequestColumns {
  readonly id: string;
  readonly seq: number;
  readonly status: string;
  readonly consent: string;
  readonly recipient_name: string;
  readonly recipient_email: string | null;
  readonly comments: string;
  readonly pin: string;
  readonly channel_id: string;
  readonly assignee_id: string | null;
  readonly participant_ids: string;
  readonly scheduled_at: number | null;
  readonly expires_at: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly final: 0 | 1;
  /** The ticket's system and id (externalRef), for the search; null when the request has none. */
  readonly external_system: string | null;
  readonly external_id: string | null;
  readonly body: string;
}

export function toColumns(request: SessionRequest): RequestColumns {
  return {
    id: request.id,
    seq: request.seq,
    status: request.status,
    consent: request.consent,
    recipient_name: request.recipientName,
    recipient_email: request.recipientEmail,
    comments: request.comments,
    pin: request.pin,
    channel_id: request.channelId,
    assignee_id: request.assigneeId,
    participant_ids: ` ${request.participants.map((p) => p.agentId).join(' ')} `,
    scheduled_at: request.scheduledAt === null ? null : Date.parse(request.scheduledAt),
    expires_at: Date.parse(request.expiresAt),
    created_at: Date.parse(request.createdAt),
    updated_at: Date.parse(request.updatedAt),
    final: isFinalStatus(request.status) ? 1 : 0,
    external_system: request.externalRef?.system ?? null,
    external_id: request.externalRef?.id ?? null,
    body: JSON.stringify(request),
  };
}

/**
 * The end user's chat messages on the request `r` after the agent's read marker: its timeline's events
 * after the marker (the timeline's index by request and id), those of type `message` from the end user.
 */
const UNREAD_SQL = `(SELECT count(*) FROM timeline t WHERE t.request_id = r.id
    AND t.id > coalesce((SELECT m.event_id FROM read_markers m WHERE m.request_id = r.id), 0)
    AND t.body ->> '$.type' = 'message' AND t.body ->> '$.data.from' = 'end_user')`;

/**
 * What a query selects to build a row: the body, for a request not yet sent its outbox entry, and its
 * unread count.
 */
export const ROW_SELECT = `r.body AS body, o.id AS outbox_id, o.state AS outbox_state,
  o.error_code AS error_code, o.error_message AS error_message, o.error_details AS error_details,
  ${UNREAD_SQL} AS unread`;
export const ROW_JOIN = 'LEFT JOIN outbox o ON o.id = r.outbox_id';

export interface SelectedRow {
  readonly body: string;
  readonly outbox_id: number | null;
  readonly outbox_state: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly error_details: string | null;
  readonly unread: number;
}

export function pendingView(row: {
  readonly outbox_id: number | null;
  readonly outbox_state: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly error_details: string | null;
}): PendingView | null {
  if (row.outbox_id === null || row.outbox_state === null) return null;
  return {
    outboxId: row.outbox_id,
    state:
      row.outbox_state === 'rejected' ? 'rejected' : row.outbox_state === 'queued' ? 'queued' : 'sending',
    error:
      row.error_code === null
        ? null
        : {
            code: row.error_code,
            message: row.error_message ?? row.error_code,
            ...(row.error_details === null
              ? {}
              : (JSON.parse(row.error_details) as Pick<CommandError, 'params' | 'fields'>)),
          },
  };
}

/** A cached row; what runs for it now (`handoff`) is the core's to add, not the cache's. */
export function toRow(row: SelectedRow): RequestRow {
  return {
    ...(JSON.parse(row.body) as SessionRequest),
    pending: pendingView(row),
    handoff: null,
    unread: row.unread,
  };
}
