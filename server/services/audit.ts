/**
 * The append-only audit log (issue 17): who did what, when, from which address, to what. Every service
 * records through `AuditLog.record()`, inside the transaction of the change it records where there is one,
 * so an entry exists exactly when its change committed. The address and, unless given, the actor come from
 * the HTTP call being served (call-context.ts). Admins (and integrations with `audit:read`) page and export
 * it; entries older than the organisation's retention are pruned daily.
 */
import { auditRetentionCutoff, auditTypeFilter } from '@shared/domain/audit';
import { canAdminister } from '@shared/domain/permissions';
import type { TimelineActor } from '@shared/protocol/api';
import type { AuditActor, AuditEntry } from '@shared/protocol/integrations';
import type { AuditQuery } from '@shared/schemas/integration-input';
import { fieldIssue } from '@shared/schemas/validation';
import type { AuditFilter, AuditRow, AuditTarget } from '../store/audit-rows';
import type { AgentRow } from '../store/rows';
import type { Store } from '../store/store';
import { agentAccess } from './access';
import type { Authenticated } from './accounts';
import { currentCall } from './call-context';
import { iso, type Clock } from './clock';
import { ServiceError } from './errors';

export type { AuditTarget } from '../store/audit-rows';

export interface AuditRecord {
  /** What happened: `<what>.<verb>` (`agent.updated`, `request.status_changed`). */
  readonly type: string;
  /** Who did it; by default who signed the HTTP call being served (the service itself outside one). */
  readonly actor?: AuditActor;
  readonly target?: AuditTarget | null;
  /** Details: the fields changed (`{field: {from, to}}`), the event's data. Never a secret. */
  readonly data?: Record<string, unknown>;
}

/** How many entries an export reads from the store at a time. */
const EXPORT_BATCH = 500;

/** The audit actor of whoever signed a call: the integration (its token), or the agent. */
export function actorOf(signedIn: Authenticated): AuditActor {
  if (signedIn.integration) {
    return { kind: 'integration', tokenId: signedIn.integration.tokenId, name: signedIn.integration.name };
  }
  return { kind: 'agent', agentId: signedIn.agent.id, name: signedIn.agent.name };
}

/** The audit actor of a timeline event's actor (who acted for an integration goes in the entry's data). */
export function actorOfTimeline(actor: TimelineActor): AuditActor {
  switch (actor.kind) {
    case 'agent':
      return { kind: 'agent', agentId: actor.agentId, name: actor.name };
    case 'integration':
      return { kind: 'integration', tokenId: actor.tokenId, name: actor.name };
    case 'end_user':
    case 'system':
      return { kind: actor.kind };
  }
}

/** The changed fields of `after` against `before`, as `{field: {from, to}}`, among `fields`. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return changes;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: iso(row.at),
    type: row.type,
    actor: row.actor,
    address: row.address,
    target: row.target,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Appends an entry; inside a transaction, it commits (or not) with the change it records. */
  async record(entry: AuditRecord, at: number = this.clock.now()): Promise<void> {
    const call = currentCall();
    const signedIn = call?.signedIn() ?? null;
    await this.store.audit.insert({
      at,
      type: entry.type,
      actor: entry.actor ?? (signedIn ? actorOf(signedIn) : { kind: 'system' }),
      address: call?.address ?? null,
      target: entry.target ?? null,
      data: JSON.stringify(entry.data ?? {}),
    });
  }

  /** Admins, and integrations granted `audit:read` (their stand-in agent is an admin). */
  async requireReader(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }

  /** One page, newest first, and the cursor of the next (older) one. */
  async page(query: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const rows = await this.store.audit.page(filterOf(query), query.limit + 1);
    const entries = rows.slice(0, query.limit).map(toAuditEntry);
    return {
      entries,
      nextCursor: rows.length > query.limit ? (entries.at(-1)?.id ?? null) : null,
    };
  }

  /**
   * Every entry the query matches, newest first, read from the store a batch at a time as the consumer
   * asks: an export of a year's log is never held in memory. The query is checked at once (a bad cursor
   * throws here, before an answer has begun).
   */
  export(query: AuditQuery): AsyncGenerator<AuditEntry> {
    const first = filterOf(query);
    const store = this.store;
    return (async function* () {
      let filter = first;
      for (;;) {
        const rows = await store.audit.page(filter, EXPORT_BATCH);
        for (const row of rows) yield toAuditEntry(row);
        if (rows.length < EXPORT_BATCH) return;
        filter = { ...filter, beforeId: rows.at(-1)!.id };
      }
    })();
  }

  /** Deletes the entries older than the organisation's retention; how many. */
  async prune(retentionDays: number, now: number = this.clock.now()): Promise<number> {
    return this.store.audit.prune(auditRetentionCutoff(now, retentionDays));
  }
}

function filterOf(query: AuditQuery): AuditFilter {
  const cursor = query.cursor === undefined ? undefined : Number(query.cursor);
  if (cursor !== undefined && !Number.isSafeInteger(cursor)) {
    throw ServiceError.invalid([fieldIssue('cursor', 'invalid_format')]);
  }
  return {
    beforeId: cursor,
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
    actorId: query.actor,
    ...(query.type === undefined ? {} : auditTypeFilter(query.type)),
  };
}
