/**
 * SQL of the e-mail outbox and of idempotency keys. What they keep holds secrets (a mail's link, PIN,
 * session code or set-password link; a request as it was answered), so it is stored sealed with the
 * service's key and opened only to be sent or replayed.
 */
import type { EmailLanguage } from '@shared/domain/languages';
import type { SqliteDatabase } from '../../db/database';
import {
  FORGOTTEN_PAYLOAD,
  SEALED_PURPOSE,
  toOutboxRow,
  type MailKind,
  type OutboxRow,
  type RawOutbox,
  type Sealer,
  type StoredResponse,
} from '../rows';

const PAYLOAD = SEALED_PURPOSE.payload;
const RESPONSE = SEALED_PURPOSE.response;

export class SqliteOutboxStore {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly nextDueStmt;
  private readonly claimStmt;
  private readonly claimDueTransaction;
  private readonly sentStmt;
  private readonly retryStmt;
  private readonly failedStmt;
  private readonly cancelStmt;
  private readonly cancelToStmt;
  private readonly forgetPayloadStmt;
  private readonly pendingCountStmt;
  private readonly plaintextStmt;
  private readonly replacePayloadStmt;

  constructor(
    db: SqliteDatabase,
    private readonly box: Sealer,
  ) {
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
    this.claimDueTransaction = db.transaction((now: number, limit: number, until: number) => {
      const due = this.dueStmt.all(now, limit);
      for (const row of due) this.claimStmt.run(until, row.id);
      return due.map((row) => ({ ...row, attempts: row.attempts + 1 }));
    });
    this.sentStmt = db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?');
    this.retryStmt = db.prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?');
    this.failedStmt = db.prepare('UPDATE outbox SET failed_at = ?, last_error = ? WHERE id = ?');
    this.cancelStmt = db.prepare(
      `UPDATE outbox SET failed_at = ?, last_error = ? WHERE request_id = ? AND sent_at IS NULL AND failed_at IS NULL`,
    );
    this.cancelToStmt = db.prepare(
      `UPDATE outbox SET failed_at = ?, last_error = ?, payload = '${FORGOTTEN_PAYLOAD}'
       WHERE kind = ? AND recipient = ? AND sent_at IS NULL AND failed_at IS NULL`,
    );
    this.forgetPayloadStmt = db.prepare(`UPDATE outbox SET payload = '${FORGOTTEN_PAYLOAD}' WHERE id = ?`);
    this.pendingCountStmt = db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
    );
    this.plaintextStmt = db.prepare<{ prefix: string }, { id: number; payload: string }>(
      `SELECT id, payload FROM outbox
       WHERE substr(payload, 1, length(@prefix)) <> @prefix AND payload <> '${FORGOTTEN_PAYLOAD}'`,
    );
    this.replacePayloadStmt = db.prepare('UPDATE outbox SET payload = ? WHERE id = ?');
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
    this.insertStmt.run({ ...mail, payload: this.box.seal(JSON.stringify(mail.payload), PAYLOAD) });
  }

  /**
   * Claims up to `limit` messages due at `now`, the longest waiting first: counts an attempt on each and
   * keeps it from being due again until `until`. Returns them as claimed (attempts counted). One
   * transaction, so no other claim takes the same message.
   */
  claimDue(now: number, limit: number, until: number): OutboxRow[] {
    return this.claimDueTransaction(now, limit, until).map((r) => toOutboxRow(r, this.box));
  }

  /** Seals the payloads an older version stored in plain text; how many there were. */
  sealPlaintext(): number {
    const rows = this.plaintextStmt.all({ prefix: this.box.prefix });
    for (const row of rows) this.replacePayloadStmt.run(this.box.seal(row.payload, PAYLOAD), row.id);
    return rows.length;
  }

  /** When the next unsent message is due, or null when none is waiting. */
  nextDueAt(): number | null {
    return this.nextDueStmt.get()!.at;
  }

  pendingCount(): number {
    return this.pendingCountStmt.get()!.n;
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

export class SqliteIdempotencyStore {
  private readonly getStmt;
  private readonly putStmt;
  private readonly pruneStmt;
  private readonly plaintextStmt;
  private readonly replaceStmt;

  constructor(
    db: SqliteDatabase,
    private readonly box: Sealer,
  ) {
    this.getStmt = db.prepare<[string, string], StoredResponse>(
      'SELECT fingerprint, status, response FROM idempotency_keys WHERE agent_id = ? AND key = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO idempotency_keys (agent_id, key, fingerprint, status, response, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.pruneStmt = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
    this.plaintextStmt = db.prepare<{ prefix: string }, { agent_id: string; key: string; response: string }>(
      'SELECT agent_id, key, response FROM idempotency_keys WHERE substr(response, 1, length(@prefix)) <> @prefix',
    );
    this.replaceStmt = db.prepare('UPDATE idempotency_keys SET response = ? WHERE agent_id = ? AND key = ?');
  }

  get(agentId: string, key: string): StoredResponse | undefined {
    const stored = this.getStmt.get(agentId, key);
    return stored && { ...stored, response: this.box.open(stored.response, RESPONSE) };
  }

  put(agentId: string, key: string, stored: StoredResponse, now: number): void {
    const response = this.box.seal(stored.response, RESPONSE);
    this.putStmt.run(agentId, key, stored.fingerprint, stored.status, response, now);
  }

  /** Seals the answers an older version stored in plain text; how many there were. */
  sealPlaintext(): number {
    const rows = this.plaintextStmt.all({ prefix: this.box.prefix });
    for (const row of rows) {
      this.replaceStmt.run(this.box.seal(row.response, RESPONSE), row.agent_id, row.key);
    }
    return rows.length;
  }

  prune(before: number): void {
    this.pruneStmt.run(before);
  }
}
