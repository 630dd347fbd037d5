/** SQL of the e-mail outbox and of idempotency keys. */
import type { EmailLanguage } from '@shared/domain/languages';
import type { SqliteDatabase } from '../db/database';

export type MailKind = 'invitation' | 'update' | 'technician_invitation' | 'password_link';

export interface OutboxRow {
  readonly id: number;
  readonly requestId: string | null;
  readonly kind: MailKind;
  readonly recipient: string;
  readonly language: EmailLanguage;
  /** The template's data, as JSON. */
  readonly payload: string;
  readonly messageId: string;
  readonly attempts: number;
}

interface RawOutbox {
  id: number;
  request_id: string | null;
  kind: MailKind;
  recipient: string;
  language: EmailLanguage;
  payload: string;
  message_id: string;
  attempts: number;
}

export class OutboxStore {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly nextDueStmt;
  private readonly claimStmt;
  private readonly sentStmt;
  private readonly retryStmt;
  private readonly failedStmt;
  private readonly cancelStmt;
  private readonly cancelToStmt;
  private readonly forgetPayloadStmt;
  private readonly pendingCountStmt;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (request_id, kind, recipient, language, payload, message_id, attempts, next_attempt_at, created_at)
       VALUES (@requestId, @kind, @recipient, @language, @payload, @messageId, 0, @now, @now)`,
    );
    this.dueStmt = db.prepare<[number, number], RawOutbox>(
      `SELECT id, request_id, kind, recipient, language, payload, message_id, attempts FROM outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(
      'SELECT min(next_attempt_at) AS at FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
    );
    this.claimStmt = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
    );
    this.sentStmt = db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?');
    this.retryStmt = db.prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?');
    this.failedStmt = db.prepare('UPDATE outbox SET failed_at = ?, last_error = ? WHERE id = ?');
    this.cancelStmt = db.prepare(
      `UPDATE outbox SET failed_at = ?, last_error = ? WHERE request_id = ? AND sent_at IS NULL AND failed_at IS NULL`,
    );
    this.cancelToStmt = db.prepare(
      `UPDATE outbox SET failed_at = ?, last_error = ?, payload = '{}'
       WHERE kind = ? AND recipient = ? AND sent_at IS NULL AND failed_at IS NULL`,
    );
    this.forgetPayloadStmt = db.prepare(`UPDATE outbox SET payload = '{}' WHERE id = ?`);
    this.pendingCountStmt = db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
    );
  }

  enqueue(mail: {
    requestId: string | null;
    kind: MailKind;
    recipient: string;
    language: EmailLanguage;
    payload: unknown;
    messageId: string;
    now: number;
  }): void {
    this.insertStmt.run({ ...mail, payload: JSON.stringify(mail.payload) });
  }

  due(now: number, limit: number): OutboxRow[] {
    return this.dueStmt.all(now, limit).map((r) => ({
      id: r.id,
      requestId: r.request_id,
      kind: r.kind,
      recipient: r.recipient,
      language: r.language,
      payload: r.payload,
      messageId: r.message_id,
      attempts: r.attempts,
    }));
  }

  /** When the next unsent message is due, or null when none is waiting. */
  nextDueAt(): number | null {
    return this.nextDueStmt.get()!.at;
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()!.n;
  }

  /** Counts an attempt and keeps the message from being due again until `until`. */
  claim(id: number, until: number): void {
    this.claimStmt.run(until, id);
  }

  markSent(id: number, now: number): void {
    this.sentStmt.run(now, id);
  }

  scheduleRetry(id: number, at: number, error: string): void {
    this.retryStmt.run(at, error, id);
  }

  markFailed(id: number, now: number, error: string): void {
    this.failedStmt.run(now, error, id);
  }

  /** Unsent mail of `kind` to `recipient` is not sent (it was superseded); its payload is forgotten. */
  cancelUnsentTo(kind: MailKind, recipient: string, now: number, reason: string): void {
    this.cancelToStmt.run(now, reason, kind, recipient);
  }

  /** The payload held a secret (a set-password link): once the message is done with, it is dropped. */
  forgetPayload(id: number): void {
    this.forgetPayloadStmt.run(id);
  }

  /** Unsent mail about a request that no longer exists is not sent. */
  cancelForRequest(requestId: string, now: number, reason: string): void {
    this.cancelStmt.run(now, reason, requestId);
  }
}

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly response: string;
}

export class IdempotencyStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly pruneStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string, string], StoredResponse>(
      'SELECT fingerprint, status, response FROM idempotency_keys WHERE agent_id = ? AND key = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO idempotency_keys (agent_id, key, fingerprint, status, response, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.pruneStmt = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  }

  get(agentId: string, key: string): StoredResponse | undefined {
    return this.getStmt.get(agentId, key);
  }

  put(agentId: string, key: string, stored: StoredResponse, now: number): void {
    this.putStmt.run(agentId, key, stored.fingerprint, stored.status, stored.response, now);
  }

  prune(before: number): void {
    this.pruneStmt.run(before);
  }
}
