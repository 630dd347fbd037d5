/**
 * PostgreSQL SQL of agents and their channel memberships (meaning: ../sqlite/agents-store.ts).
 * Row locks (row-locks.ts): `get` and `getByEmail` lock the agent they return inside a transaction — the
 * services read an agent, then update it (roles, password, disabled) or act on what it may do.
 */
import type { Role } from '@shared/domain/permissions';
import {
  roleFlags,
  toAgent,
  toMembership,
  type AgentRow,
  type MembershipRow,
  type RawAgent,
  type RawMembership,
} from '../rows';
import type { AgentsTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresAgentsStore implements AgentsTable {
  constructor(private readonly db: PostgresExecutor) {}

  async get(id: string): Promise<AgentRow | undefined> {
    const raw = await this.db.row<RawAgent>('SELECT * FROM agents WHERE id = $1', [id]);
    return raw && toAgent(raw);
  }

  /** As SQLite's `email = ?` on a COLLATE NOCASE column: whatever the case (the lower(email) index). */
  async getByEmail(email: string): Promise<AgentRow | undefined> {
    const raw = await this.db.row<RawAgent>('SELECT * FROM agents WHERE lower(email) = lower($1)', [email]);
    return raw && toAgent(raw);
  }

  /** By name whatever its case, then id, compared byte by byte as SQLite does (not by the locale). */
  async list(): Promise<AgentRow[]> {
    const rows = await this.db.rows<RawAgent>(
      'SELECT * FROM agents ORDER BY lower(name) COLLATE "C", id COLLATE "C"',
    );
    return rows.map(toAgent);
  }

  async count(): Promise<number> {
    return (await this.db.row<{ n: number }>('SELECT count(*) AS n FROM agents'))!.n;
  }

  async insert(
    agent: { id: string; email: string; name: string; roles: readonly Role[]; passwordHash: string },
    now: number,
  ): Promise<void> {
    const { isAdmin, isSupportAgent } = roleFlags(agent.roles);
    await this.db.exec(
      `INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, disabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)`,
      [agent.id, agent.email, agent.name, isAdmin, isSupportAgent, agent.passwordHash, now],
    );
  }

  async update(agent: AgentRow, now: number): Promise<void> {
    const { isAdmin, isSupportAgent } = roleFlags(agent.roles);
    await this.db.exec(
      `UPDATE agents SET name = $2, is_admin = $3, is_support_agent = $4, disabled = $5, password_hash = $6,
         updated_at = $7
       WHERE id = $1`,
      [agent.id, agent.name, isAdmin, isSupportAgent, agent.disabled ? 1 : 0, agent.passwordHash, now],
    );
  }

  async requireResync(agentId: string, seq: number): Promise<void> {
    await this.db.exec('UPDATE agents SET resync_from_seq = $1 WHERE id = $2', [seq, agentId]);
  }

  async memberships(agentId: string): Promise<MembershipRow[]> {
    const rows = await this.db.rows<RawMembership>(
      'SELECT channel_id, agent_id, can_release FROM memberships WHERE agent_id = $1',
      [agentId],
    );
    return rows.map(toMembership);
  }

  async members(channelId: string): Promise<MembershipRow[]> {
    const rows = await this.db.rows<RawMembership>(
      'SELECT channel_id, agent_id, can_release FROM memberships WHERE channel_id = $1 ORDER BY agent_id COLLATE "C"',
      [channelId],
    );
    return rows.map(toMembership);
  }

  async setMembership(channelId: string, agentId: string, canRelease: boolean): Promise<void> {
    await this.db.exec(
      `INSERT INTO memberships (channel_id, agent_id, can_release) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, agent_id) DO UPDATE SET can_release = excluded.can_release`,
      [channelId, agentId, canRelease ? 1 : 0],
    );
  }

  async removeMembership(channelId: string, agentId: string): Promise<boolean> {
    return (
      (await this.db.exec('DELETE FROM memberships WHERE channel_id = $1 AND agent_id = $2', [
        channelId,
        agentId,
      ])) > 0
    );
  }
}
