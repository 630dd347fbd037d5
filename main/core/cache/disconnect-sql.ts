/**
 * SQL of the disconnects owed to the service: one per request, kept until it is said or moot. Not an
 * outbox entry: it has no idempotency key at the service, no order among creates and notes, and a
 * refusal is not shown to anyone (a session that is over needs no disconnect); what decides whether it
 * is still to be said is the request as the cache has it after catching up.
 */
import type { CacheDatabase } from './cache-database';

export interface OwedDisconnect {
  readonly requestId: string;
  /** The request's seq when the remote-control client exited. */
  readonly seq: number;
  readonly owedAt: number;
}

interface OwedRecord {
  request_id: string;
  seq: number;
  owed_at: number;
}

const toOwed = (r: OwedRecord): OwedDisconnect => ({
  requestId: r.request_id,
  seq: r.seq,
  owedAt: r.owed_at,
});

export class DisconnectSql {
  private readonly oweStmt;
  private readonly getStmt;
  private readonly allStmt;
  private readonly settleStmt;
  private readonly reconnectedStmt;

  constructor(db: CacheDatabase) {
    // At the request's current seq; a request no longer cached owes nothing.
    this.oweStmt = db.prepare<[number, string]>(
      `INSERT INTO owed_disconnects (request_id, seq, owed_at) SELECT id, seq, ? FROM requests WHERE id = ?
       ON CONFLICT (request_id) DO UPDATE SET seq = excluded.seq, owed_at = excluded.owed_at`,
    );
    this.getStmt = db.prepare<[string], OwedRecord>('SELECT * FROM owed_disconnects WHERE request_id = ?');
    this.allStmt = db.prepare<[], OwedRecord>('SELECT * FROM owed_disconnects ORDER BY owed_at');
    this.settleStmt = db.prepare<[string]>('DELETE FROM owed_disconnects WHERE request_id = ?');
    this.reconnectedStmt = db
      .prepare<[string, number, string], number>(
        `SELECT EXISTS (SELECT 1 FROM timeline WHERE request_id = ? AND seq > ?
           AND json_extract(body, '$.type') = 'connected' AND json_extract(body, '$.actor.agentId') = ?)`,
      )
      .pluck();
  }

  owe(requestId: string, now: number): boolean {
    return this.oweStmt.run(now, requestId).changes > 0;
  }

  get(requestId: string): OwedDisconnect | null {
    const record = this.getStmt.get(requestId);
    return record ? toOwed(record) : null;
  }

  all(): OwedDisconnect[] {
    return this.allStmt.all().map(toOwed);
  }

  settle(requestId: string): void {
    this.settleStmt.run(requestId);
  }

  /** Whether the agent connected to the request again after `seq` (a newer session). */
  reconnectedSince(requestId: string, seq: number, agentId: string): boolean {
    return this.reconnectedStmt.get(requestId, seq, agentId) === 1;
  }
}
