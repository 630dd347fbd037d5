/**
 * Rows of the audit log (migration 9) as the store reads and writes them, on both dialects. The actor and
 * the target are columns, so entries can be filtered by who did them; `data` is JSON text.
 */
import type { AuditActor } from '@shared/protocol/integrations';

export interface AuditTarget {
  readonly kind: string;
  readonly id: string;
  readonly name: string | null;
}

export interface NewAuditRow {
  readonly at: number;
  readonly type: string;
  readonly actor: AuditActor;
  readonly address: string | null;
  readonly target: AuditTarget | null;
  /** A JSON object, as text. */
  readonly data: string;
}

export interface AuditRow extends NewAuditRow {
  readonly id: number;
}

/**
 * Which entries a page holds, newest first: older than `beforeId` (the cursor), in [from, to), by the actor
 * with this id, of this type — or, with `typePrefix`, of every type in [typePrefix, typeEnd) (byte order).
 */
export interface AuditFilter {
  readonly beforeId?: number | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly actorId?: string | undefined;
  readonly type?: string | undefined;
  readonly typeRange?: { readonly from: string; readonly to: string } | undefined;
}

export interface RawAuditRow {
  id: number;
  at: number;
  type: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  address: string | null;
  target_kind: string | null;
  target_id: string | null;
  target_name: string | null;
  data: string;
}

export const AUDIT_COLUMNS =
  'id, at, type, actor_kind, actor_id, actor_name, address, target_kind, target_id, target_name, data';

/** The actor as its three columns: kind, id (agent or token id), name (or the e-mail tried). */
export function actorColumns(actor: AuditActor): [string, string | null, string | null] {
  switch (actor.kind) {
    case 'agent':
      return [actor.kind, actor.agentId, actor.name];
    case 'integration':
      return [actor.kind, actor.tokenId, actor.name];
    case 'anonymous':
      return [actor.kind, null, actor.email];
    case 'end_user':
    case 'system':
      return [actor.kind, null, null];
  }
}

function toActor(raw: RawAuditRow): AuditActor {
  switch (raw.actor_kind) {
    case 'agent':
      return { kind: 'agent', agentId: raw.actor_id ?? '', name: raw.actor_name ?? '' };
    case 'integration':
      return { kind: 'integration', tokenId: raw.actor_id ?? '', name: raw.actor_name ?? '' };
    case 'anonymous':
      return { kind: 'anonymous', email: raw.actor_name };
    case 'end_user':
      return { kind: 'end_user' };
    default:
      return { kind: 'system' };
  }
}

export function toAuditRow(raw: RawAuditRow): AuditRow {
  return {
    id: raw.id,
    at: raw.at,
    type: raw.type,
    actor: toActor(raw),
    address: raw.address,
    target:
      raw.target_kind === null || raw.target_id === null
        ? null
        : { kind: raw.target_kind, id: raw.target_id, name: raw.target_name },
    data: raw.data,
  };
}

/** The insert's values in column order (after id). */
export function auditValues(row: NewAuditRow): (string | number | null)[] {
  return [
    row.at,
    row.type,
    ...actorColumns(row.actor),
    row.address,
    row.target?.kind ?? null,
    row.target?.id ?? null,
    row.target?.name ?? null,
    row.data,
  ];
}

/**
 * The WHERE clause of a filter, with `param(value)` giving each value's placeholder; `typeInByteOrder` is
 * the type column compared byte by byte (PostgreSQL's default collation orders punctuation otherwise).
 */
export function auditWhere(
  filter: AuditFilter,
  param: (value: string | number) => string,
  typeInByteOrder = 'type',
): string {
  const conditions: string[] = [];
  if (filter.beforeId !== undefined) conditions.push(`id < ${param(filter.beforeId)}`);
  if (filter.from !== undefined) conditions.push(`at >= ${param(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`at < ${param(filter.to)}`);
  if (filter.actorId !== undefined) conditions.push(`actor_id = ${param(filter.actorId)}`);
  if (filter.type !== undefined) conditions.push(`type = ${param(filter.type)}`);
  if (filter.typeRange !== undefined) {
    conditions.push(
      `${typeInByteOrder} >= ${param(filter.typeRange.from)} AND ${typeInByteOrder} < ${param(filter.typeRange.to)}`,
    );
  }
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
