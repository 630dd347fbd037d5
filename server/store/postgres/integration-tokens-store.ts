/** PostgreSQL SQL of integration tokens (meaning: ../sqlite/integration-tokens-store.ts). */
import { toIntegrationToken, type IntegrationTokenRow, type RawIntegrationToken } from '../rows';
import type { IntegrationTokensTable } from '../store';
import type { PostgresExecutor } from './executor';

const COLUMNS = 'id, name, token_hash, hint, scopes, created_at, created_by, expires_at, last_used_at';

export class PostgresIntegrationTokensStore implements IntegrationTokensTable {
  constructor(private readonly db: PostgresExecutor) {}

  async insert(row: Omit<IntegrationTokenRow, 'lastUsedAt'>): Promise<void> {
    await this.db.exec(
      `INSERT INTO integration_tokens (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
      [
        row.id,
        row.name,
        row.tokenHash,
        row.hint,
        JSON.stringify(row.scopes),
        row.createdAt,
        row.createdBy,
        row.expiresAt,
      ],
    );
  }

  async list(): Promise<IntegrationTokenRow[]> {
    const rows = await this.db.rows<RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens ORDER BY created_at DESC, id DESC`,
    );
    return rows.map(toIntegrationToken);
  }

  async findByHash(tokenHash: string): Promise<IntegrationTokenRow | undefined> {
    const raw = await this.db.row<RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return raw && toIntegrationToken(raw);
  }

  async get(id: string): Promise<IntegrationTokenRow | undefined> {
    const raw = await this.db.row<RawIntegrationToken>(
      `SELECT ${COLUMNS} FROM integration_tokens WHERE id = $1`,
      [id],
    );
    return raw && toIntegrationToken(raw);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.exec('DELETE FROM integration_tokens WHERE id = $1', [id])) === 1;
  }

  async touch(id: string, now: number, staleBefore: number): Promise<void> {
    await this.db.exec(
      `UPDATE integration_tokens SET last_used_at = $2
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
      [id, now, staleBefore],
    );
  }
}
