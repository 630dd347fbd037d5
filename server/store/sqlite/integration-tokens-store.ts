/** SQL of integration tokens (hashes only; a revoked token's row is deleted). */
import type { SqliteDatabase } from '../../db/database';
import { toIntegrationToken, type IntegrationTokenRow, type RawIntegrationToken } from '../rows';

const COLUMNS = 'id, name, token_hash, hint, scopes, created_at, created_by, expires_at, last_used_at';

export class SqliteIntegrationTokensStore {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byHash;
  private readonly byId;
  private readonly deleteStmt;
  private readonly touchStmt;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO integration_tokens (${COLUMNS})
       VALUES (@id, @name, @tokenHash, @hint, @scopes, @createdAt, @createdBy, @expiresAt, NULL)`,
    );
    this.listStmt = db.prepare<[], RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens ORDER BY created_at DESC, id DESC`,
    );
    this.byHash = db.prepare<[string], RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens WHERE token_hash = ?`,
    );
    this.byId = db.prepare<[string], RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens WHERE id = ?`,
    );
    this.deleteStmt = db.prepare('DELETE FROM integration_tokens WHERE id = ?');
    this.touchStmt = db.prepare(
      `UPDATE integration_tokens SET last_used_at = @now
       WHERE id = @id AND (last_used_at IS NULL OR last_used_at <= @staleBefore)`,
    );
  }

  insert(row: Omit<IntegrationTokenRow, 'lastUsedAt'>): void {
    this.insertStmt.run({
      id: row.id,
      name: row.name,
      tokenHash: row.tokenHash,
      hint: row.hint,
      scopes: JSON.stringify(row.scopes),
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      expiresAt: row.expiresAt,
    });
  }

  /** Every token, newest first. */
  list(): IntegrationTokenRow[] {
    return this.listStmt.all().map(toIntegrationToken);
  }

  findByHash(tokenHash: string): IntegrationTokenRow | undefined {
    const raw = this.byHash.get(tokenHash);
    return raw && toIntegrationToken(raw);
  }

  /** The token with this id (a revoked one is gone). */
  get(id: string): IntegrationTokenRow | undefined {
    const raw = this.byId.get(id);
    return raw && toIntegrationToken(raw);
  }

  /** Revokes the token; false when there was none. */
  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes === 1;
  }

  /**
   * Records a use at `now`, unless one was recorded after `staleBefore`: one write a minute per token, not
   * one per call, however many instances serve it (the condition is in the UPDATE).
   */
  touch(id: string, now: number, staleBefore: number): void {
    this.touchStmt.run({ id, now, staleBefore });
  }
}
