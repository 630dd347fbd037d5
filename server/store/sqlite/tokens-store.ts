/** SQL of access and refresh tokens (hashes only). */
import type { SqliteDatabase } from '../../db/database';
import { toRefreshToken, type RawRefreshToken, type RefreshTokenRow } from '../rows';

export class SqliteTokensStore {
  private readonly insertAccess;
  private readonly insertRefresh;
  private readonly accessByHash;
  private readonly refreshByHash;
  private readonly markUsed;
  private readonly revokeFamilyAccess;
  private readonly revokeFamilyRefresh;
  private readonly revokeAgentAccess;
  private readonly revokeAgentRefresh;
  private readonly pruneAccess;
  private readonly pruneRefresh;

  constructor(db: SqliteDatabase) {
    this.insertAccess = db.prepare(
      'INSERT INTO access_tokens (token_hash, family_id, agent_id, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.insertRefresh = db.prepare(
      `INSERT INTO refresh_tokens (token_hash, family_id, agent_id, expires_at, used_at, created_at)
       VALUES (?, ?, ?, ?, NULL, ?)`,
    );
    this.accessByHash = db.prepare<[string], { agent_id: string; family_id: string; expires_at: number }>(
      'SELECT agent_id, family_id, expires_at FROM access_tokens WHERE token_hash = ?',
    );
    this.refreshByHash = db.prepare<[string], RawRefreshToken>(
      'SELECT token_hash, family_id, agent_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = ?',
    );
    this.markUsed = db.prepare(
      'UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
    );
    this.revokeFamilyAccess = db.prepare('DELETE FROM access_tokens WHERE family_id = ?');
    this.revokeFamilyRefresh = db.prepare('DELETE FROM refresh_tokens WHERE family_id = ?');
    this.revokeAgentAccess = db.prepare('DELETE FROM access_tokens WHERE agent_id = ?');
    this.revokeAgentRefresh = db.prepare('DELETE FROM refresh_tokens WHERE agent_id = ?');
    this.pruneAccess = db.prepare('DELETE FROM access_tokens WHERE expires_at <= ?');
    this.pruneRefresh = db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?');
  }

  addAccess(tokenHash: string, familyId: string, agentId: string, expiresAt: number): void {
    this.insertAccess.run(tokenHash, familyId, agentId, expiresAt);
  }

  addRefresh(tokenHash: string, familyId: string, agentId: string, expiresAt: number, now: number): void {
    this.insertRefresh.run(tokenHash, familyId, agentId, expiresAt, now);
  }

  findAccess(tokenHash: string): { agentId: string; familyId: string; expiresAt: number } | undefined {
    const row = this.accessByHash.get(tokenHash);
    return row && { agentId: row.agent_id, familyId: row.family_id, expiresAt: row.expires_at };
  }

  findRefresh(tokenHash: string): RefreshTokenRow | undefined {
    const row = this.refreshByHash.get(tokenHash);
    return row && toRefreshToken(row);
  }

  /** Marks a refresh token exchanged; false when it already was (a reuse). */
  markRefreshUsed(tokenHash: string, now: number): boolean {
    return this.markUsed.run(now, tokenHash).changes === 1;
  }

  revokeFamily(familyId: string): void {
    this.revokeFamilyAccess.run(familyId);
    this.revokeFamilyRefresh.run(familyId);
  }

  revokeAgent(agentId: string): void {
    this.revokeAgentAccess.run(agentId);
    this.revokeAgentRefresh.run(agentId);
  }

  pruneExpired(now: number): void {
    this.pruneAccess.run(now);
    this.pruneRefresh.run(now);
  }
}
