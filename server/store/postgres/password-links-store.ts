/**
 * PostgreSQL SQL of set-password links, hashes of their tokens only (meaning:
 * ../sqlite/password-links-store.ts).
 * Row locks (row-locks.ts): `find` locks the link it returns inside a transaction — setting a password
 * reads the link, then marks it used; two uses of one link are decided one after the other.
 */
import { toPasswordLink, type PasswordLinkRow, type RawPasswordLink } from '../rows';
import type { PasswordLinksTable } from '../store';
import type { PostgresExecutor } from './executor';
import { lockedInTransaction } from './row-locks';

export class PostgresPasswordLinksStore implements PasswordLinksTable {
  constructor(private readonly db: PostgresExecutor) {}

  async add(tokenHash: string, agentId: string, expiresAt: number, now: number): Promise<void> {
    await this.db.exec(
      `INSERT INTO password_links (token_hash, agent_id, expires_at, used_at, created_at)
       VALUES ($1, $2, $3, NULL, $4)`,
      [tokenHash, agentId, expiresAt, now],
    );
  }

  async find(tokenHash: string): Promise<PasswordLinkRow | undefined> {
    const row = await this.db.row<RawPasswordLink>(
      lockedInTransaction(
        this.db,
        'SELECT token_hash, agent_id, expires_at, used_at FROM password_links WHERE token_hash = $1',
      ),
      [tokenHash],
    );
    return row && toPasswordLink(row);
  }

  async markUsed(tokenHash: string, now: number): Promise<boolean> {
    return (
      (await this.db.exec(
        'UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL',
        [now, tokenHash],
      )) === 1
    );
  }

  async deleteForAgent(agentId: string): Promise<void> {
    await this.db.exec('DELETE FROM password_links WHERE agent_id = $1', [agentId]);
  }

  async pruneExpired(now: number): Promise<void> {
    await this.db.exec('DELETE FROM password_links WHERE expires_at <= $1', [now]);
  }
}
