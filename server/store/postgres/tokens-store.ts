/**
 * PostgreSQL SQL of access and refresh tokens, hashes only (meaning: ../sqlite/tokens-store.ts).
 * Row locks (row-locks.ts): `findRefresh` locks the token it returns inside a transaction — a refresh reads
 * the token, then marks it used and issues the next one; two refreshes with the same token (a client's
 * retry through another instance) are decided one after the other. `findAccess` takes no lock: an access
 * token is only ever read, or deleted by a revocation, never updated.
 */
import { toRefreshToken, type RawRefreshToken, type RefreshTokenRow } from '../rows';
import type { TokensTable } from '../store';
import type { PostgresExecutor } from './executor';
import { lockedInTransaction } from './row-locks';

export class PostgresTokensStore implements TokensTable {
  constructor(private readonly db: PostgresExecutor) {}

  async addAccess(tokenHash: string, familyId: string, agentId: string, expiresAt: number): Promise<void> {
    await this.db.exec(
      'INSERT INTO access_tokens (token_hash, family_id, agent_id, expires_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, familyId, agentId, expiresAt],
    );
  }

  async addRefresh(
    tokenHash: string,
    familyId: string,
    agentId: string,
    expiresAt: number,
    now: number,
  ): Promise<void> {
    await this.db.exec(
      `INSERT INTO refresh_tokens (token_hash, family_id, agent_id, expires_at, used_at, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5)`,
      [tokenHash, familyId, agentId, expiresAt, now],
    );
  }

  async findAccess(
    tokenHash: string,
  ): Promise<{ agentId: string; familyId: string; expiresAt: number } | undefined> {
    const row = await this.db.row<{ agent_id: string; family_id: string; expires_at: number }>(
      'SELECT agent_id, family_id, expires_at FROM access_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return row && { agentId: row.agent_id, familyId: row.family_id, expiresAt: row.expires_at };
  }

  async findRefresh(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const row = await this.db.row<RawRefreshToken>(
      lockedInTransaction(
        this.db,
        'SELECT token_hash, family_id, agent_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = $1',
      ),
      [tokenHash],
    );
    return row && toRefreshToken(row);
  }

  async markRefreshUsed(tokenHash: string, now: number): Promise<boolean> {
    return (
      (await this.db.exec(
        'UPDATE refresh_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL',
        [now, tokenHash],
      )) === 1
    );
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.exec('DELETE FROM access_tokens WHERE family_id = $1', [familyId]);
    await this.db.exec('DELETE FROM refresh_tokens WHERE family_id = $1', [familyId]);
  }

  async revokeAgent(agentId: string): Promise<void> {
    await this.db.exec('DELETE FROM access_tokens WHERE agent_id = $1', [agentId]);
    await this.db.exec('DELETE FROM refresh_tokens WHERE agent_id = $1', [agentId]);
  }

  async pruneExpired(now: number): Promise<void> {
    await this.db.exec('DELETE FROM access_tokens WHERE expires_at <= $1', [now]);
    await this.db.exec('DELETE FROM refresh_tokens WHERE expires_at <= $1', [now]);
  }
}
