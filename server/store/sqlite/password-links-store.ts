/** SQL of set-password links (hashes of their tokens only). */
import type { SqliteDatabase } from '../../db/database';
import { toPasswordLink, type PasswordLinkRow, type RawPasswordLink } from '../rows';

export class SqlitePasswordLinksStore {
  private readonly insertStmt;
  private readonly byHash;
  private readonly markUsedStmt;
  private readonly deleteForAgentStmt;
  private readonly pruneStmt;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO password_links (token_hash, agent_id, expires_at, used_at, created_at)
       VALUES (?, ?, ?, NULL, ?)`,
    );
    this.byHash = db.prepare<[string], RawPasswordLink>(
      'SELECT token_hash, agent_id, expires_at, used_at FROM password_links WHERE token_hash = ?',
    );
    this.markUsedStmt = db.prepare(
      'UPDATE password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
    );
    this.deleteForAgentStmt = db.prepare('DELETE FROM password_links WHERE agent_id = ?');
    this.pruneStmt = db.prepare('DELETE FROM password_links WHERE expires_at <= ?');
  }

  add(tokenHash: string, agentId: string, expiresAt: number, now: number): void {
    this.insertStmt.run(tokenHash, agentId, expiresAt, now);
  }

  find(tokenHash: string): PasswordLinkRow | undefined {
    const row = this.byHash.get(tokenHash);
    return row && toPasswordLink(row);
  }

  /** Marks the link used; false when it already was. */
  markUsed(tokenHash: string, now: number): boolean {
    return this.markUsedStmt.run(now, tokenHash).changes === 1;
  }

  /** Voids every link of the agent (a newer one is issued, or the account is disabled). */
  deleteForAgent(agentId: string): void {
    this.deleteForAgentStmt.run(agentId);
  }

  pruneExpired(now: number): void {
    this.pruneStmt.run(now);
  }
}
