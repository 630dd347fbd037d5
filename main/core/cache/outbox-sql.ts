/**
 * SQL of the offline outbox: creates, notes and chat messages made here, sent to the service in the order made, each
 * exactly once (the idempotency key makes a replay after a crash safe).
 */
import type { CommandError } from '@shared/ipc/contract';
import type { CacheDatabase } from './cache-database';
import type { NoteInOutbox } from './request-queries';

export type OutboxKind = 'create' | 'note' | 'message';
export type OutboxState = 'queued' | 'sending' | 'rejected' | 'sent';

export interface OutboxEntry {
  readonly id: number;
  readonly kind: OutboxKind;
  readonly idempotencyKey: string;
  readonly requestId: string | null;
  readonly payload: unknown;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly createdAt: number;
}

interface OutboxRecord {
  id: number;
  kind: OutboxKind;
  idempotency_key: string;
  request_id: string | null;
  payload: string;
  state: OutboxState;
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  error_details: string | null;
  created_at: number;
}

const toEntry = (r: OutboxRecord): OutboxEntry => ({
  id: r.id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  requestId: r.request_id,
  payload: JSON.parse(r.payload) as unknown,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
});

export class OutboxSql {
  private readonly insertStmt;
  private readonly nextStmt;
  private readonly getStmt;
  private readonly sendingStmt;
  private readonly requeueStmt;
  private readonly rejectStmt;
  private readonly sentStmt;
  private readonly deleteStmt;
  private readonly notesStmt;
  private readonly landedStmt;
  private readonly pendingCountStmt;

  constructor(db: CacheDatabase) {
    this.insertStmt = db.prepare<[OutboxKind, string, string | null, string, number]>(
      `INSERT INTO outbox (kind, idempotency_key, request_id, payload, state, created_at)
       VALUES (?, ?, ?, ?, 'queued', ?)`,
    );
    // In the order made; one that was being sent when the app stopped goes again first, with its key.
    this.nextStmt = db.prepare<[], OutboxRecord>(
      "SELECT * FROM outbox WHERE state IN ('queued', 'sending') ORDER BY id LIMIT 1",
    );
    this.getStmt = db.prepare<[number], OutboxRecord>('SELECT * FROM outbox WHERE id = ?');
    this.sendingStmt = db.prepare<[number]>(
      "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ?",
    );
    this.requeueStmt = db.prepare<[number]>(
      "UPDATE outbox SET state = 'queued' WHERE id = ? AND state = 'sending'",
    );
    this.rejectStmt = db.prepare<[string, string, string | null, number]>(
      "UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ?, error_details = ? WHERE id = ?",
    );
    this.sentStmt = db.prepare<[number, number]>(
      "UPDATE outbox SET state = 'sent', ack_seq = ? WHERE id = ?",
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM outbox WHERE id = ?');
    this.notesStmt = db.prepare<[string], OutboxRecord>(
      "SELECT * FROM outbox WHERE kind IN ('note', 'message') AND request_id = ? ORDER BY id",
    );
    this.landedStmt = db.prepare<[string, number]>(
      `DELETE FROM outbox WHERE kind IN ('note', 'message') AND state = 'sent' AND request_id = ?
       AND ack_seq <= ?`,
    );
    this.pendingCountStmt = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM outbox WHERE state IN ('queued', 'sending')",
    );
  }

  add(kind: OutboxKind, key: string, requestId: string | null, payload: unknown, now: number): number {
    return Number(this.insertStmt.run(kind, key, requestId, JSON.stringify(payload), now).lastInsertRowid);
  }

  next(): OutboxEntry | null {
    const record = this.nextStmt.get();
    return record ? toEntry(record) : null;
  }

  get(id: number): OutboxEntry | null {
    const record = this.getStmt.get(id);
    return record ? toEntry(record) : null;
  }

  markSending(id: number): void {
    this.sendingStmt.run(id);
  }

  /** Not sent after all (the service could not be reached): queued again, key unchanged. */
  requeue(id: number): void {
    this.requeueStmt.run(id);
  }

  reject(id: number, { code, message, params, fields }: CommandError): void {
    const details = params || fields ? JSON.stringify({ params, fields }) : null;
    this.rejectStmt.run(code, message, details, id);
  }

  /** A note or message the service accepted: kept (shown) until the feed brings the request at `ackSeq`. */
  markSent(id: number, ackSeq: number): void {
    this.sentStmt.run(ackSeq, id);
  }

  remove(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  /** The notes and chat messages on the request still in the outbox, in the order made. */
  notesOn(requestId: string): NoteInOutbox[] {
    return this.notesStmt.all(requestId).map((r) => ({
      outboxId: r.id,
      kind: r.kind === 'message' ? 'message' : 'note',
      state: r.state,
      text: (JSON.parse(r.payload) as { text: string }).text,
      byEmail: (JSON.parse(r.payload) as { byEmail?: boolean }).byEmail === true,
      createdAt: r.created_at,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      errorDetails: r.error_details,
    }));
  }

  /** The feed brought the request at `seq`: sent notes and messages up to it are in its timeline now. */
  landed(requestId: string, seq: number): number {
    return this.landedStmt.run(requestId, seq).changes;
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()!.n;
  }
}
