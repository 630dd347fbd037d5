/**
 * PostgreSQL SQL of the e-mail outbox and of idempotency keys (meaning: ../sqlite/outbox-store.ts). What
 * they keep is sealed with the service's key, as on SQLite.
 *
 * Claims are race-free across instances (decision 0001 §7): `claimDue` takes the due messages in one
 * statement that skips the rows another claim has locked (`FOR UPDATE SKIP LOCKED`), so two workers never
 * claim the same message, and no lock is held while SMTP talks: the claim is a lease (`until`), after which
 * a message an instance crashed while sending is due again.
 * Row locks (row-locks.ts): idempotency's `get` locks the kept answer it returns inside a transaction.
 * `sealPlaintext` exists for what SQLite stored before it sealed; the PostgreSQL store has sealed from its
 * first row, so on PostgreSQL it runs its query and finds nothing.
 */
import type { EmailLanguage } from '@shared/domain/languages';
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
import type { IdempotencyTable, OutboxTable } from '../store';
import type { PostgresExecutor } from './executor';
import { lockedInTransaction } from './row-locks';

const PAYLOAD = SEALED_PURPOSE.payload;
const RESPONSE = SEALED_PURPOSE.response;
const UNSENT = 'sent_at IS NULL AND failed_at IS NULL';

export class PostgresOutboxStore implements OutboxTable {
  constructor(
    private readonly db: PostgresExecutor,
    private readonly box: Sealer,
  ) {}

  async enqueue(mail: {
    requestId: string | null;
    kind: MailKind;
    recipient: string;
    language: EmailLanguage;
    payload: unknown;
    messageId: string;
    now: number;
  }): Promise<void> {
    await this.db.exec(
      `INSERT INTO outbox (request_id, kind, recipient, language, payload, message_id, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)`,
      [
        mail.requestId,
        mail.kind,
        mail.recipient,
        mail.language,
        this.box.seal(JSON.stringify(mail.payload), PAYLOAD),
        mail.messageId,
        mail.now,
      ],
    );
  }

  /**
   * Claims up to `limit` messages due at `now`, the longest waiting first: counts an attempt on each and
   * keeps it from being due again until `until`. Messages another claim holds locked are skipped, not waited
   * for. (A CTE with FOR UPDATE is never inlined: the due rows are chosen and locked once.)
   */
  async claimDue(now: number, limit: number, until: number): Promise<OutboxRow[]> {
    const rows = await this.db.rows<RawOutbox>(
      `WITH due AS MATERIALIZED (
         SELECT id, next_attempt_at FROM outbox
         WHERE ${UNSENT} AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE outbox SET attempts = outbox.attempts + 1, next_attempt_at = $3
         FROM due WHERE outbox.id = due.id
         RETURNING outbox.id, outbox.request_id, outbox.kind, outbox.recipient, outbox.language,
           outbox.payload, outbox.message_id, outbox.attempts, due.next_attempt_at AS due_at
       )
       SELECT id, request_id, kind, recipient, language, payload, message_id, attempts
       FROM claimed ORDER BY due_at, id`,
      [now, limit, until],
    );
    return rows.map((row) => toOutboxRow(row, this.box));
  }

  async sealPlaintext(): Promise<number> {
    const rows = await this.db.rows<{ id: number; payload: string }>(
      `SELECT id, payload FROM outbox WHERE left(payload, length($1)) <> $1 AND payload <> '${FORGOTTEN_PAYLOAD}'`,
      [this.box.prefix],
    );
    for (const row of rows) {
      await this.db.exec('UPDATE outbox SET payload = $1 WHERE id = $2', [
        this.box.seal(row.payload, PAYLOAD),
        row.id,
      ]);
    }
    return rows.length;
  }

  async nextDueAt(): Promise<number | null> {
    return (await this.db.row<{ at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbox WHERE ${UNSENT}`,
    ))!.at;
  }

  async pendingCount(): Promise<number> {
    return (await this.db.row<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE ${UNSENT}`))!.n;
  }

  async markSent(id: number, now: number): Promise<void> {
    await this.db.exec('UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2', [now, id]);
  }

  async scheduleRetry(id: number, at: number, error: string): Promise<void> {
    await this.db.exec('UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3', [
      at,
      error,
      id,
    ]);
  }

  async markFailed(id: number, now: number, error: string): Promise<void> {
    await this.db.exec('UPDATE outbox SET failed_at = $1, last_error = $2 WHERE id = $3', [now, error, id]);
  }

  async cancelUnsentTo(kind: MailKind, recipient: string, now: number, reason: string): Promise<void> {
    await this.db.exec(
      `UPDATE outbox SET failed_at = $1, last_error = $2, payload = '${FORGOTTEN_PAYLOAD}'
       WHERE kind = $3 AND recipient = $4 AND ${UNSENT}`,
      [now, reason, kind, recipient],
    );
  }

  async forgetPayload(id: number): Promise<void> {
    await this.db.exec(`UPDATE outbox SET payload = '${FORGOTTEN_PAYLOAD}' WHERE id = $1`, [id]);
  }

  async cancelForRequest(requestId: string, now: number, reason: string): Promise<void> {
    await this.db.exec(
      `UPDATE outbox SET failed_at = $1, last_error = $2 WHERE request_id = $3 AND ${UNSENT}`,
      [now, reason, requestId],
    );
  }
}

export class PostgresIdempotencyStore implements IdempotencyTable {
  constructor(
    private readonly db: PostgresExecutor,
    private readonly box: Sealer,
  ) {}

  async get(agentId: string, key: string): Promise<StoredResponse | undefined> {
    const stored = await this.db.row<StoredResponse>(
      lockedInTransaction(
        this.db,
        'SELECT fingerprint, status, response FROM idempotency_keys WHERE agent_id = $1 AND key = $2',
      ),
      [agentId, key],
    );
    return stored && { ...stored, response: this.box.open(stored.response, RESPONSE) };
  }

  async put(agentId: string, key: string, stored: StoredResponse, now: number): Promise<void> {
    await this.db.exec(
      `INSERT INTO idempotency_keys (agent_id, key, fingerprint, status, response, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [agentId, key, stored.fingerprint, stored.status, this.box.seal(stored.response, RESPONSE), now],
    );
  }

  async sealPlaintext(): Promise<number> {
    const rows = await this.db.rows<{ agent_id: string; key: string; response: string }>(
      'SELECT agent_id, key, response FROM idempotency_keys WHERE left(response, length($1)) <> $1',
      [this.box.prefix],
    );
    for (const row of rows) {
      await this.db.exec('UPDATE idempotency_keys SET response = $1 WHERE agent_id = $2 AND key = $3', [
        this.box.seal(row.response, RESPONSE),
        row.agent_id,
        row.key,
      ]);
    }
    return rows.length;
  }

  async prune(before: number): Promise<void> {
    await this.db.exec('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
  }
}
