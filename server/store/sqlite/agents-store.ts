/** SQL of agents and their channel memberships. */
import type { Role } from '@shared/domain/permissions';
import type { SqliteDatabase } from '../../db/database';
import {
  roleFlags,
  toAgent,
  toMembership,
  type AgentRow,
  type MembershipRow,
  type RawAgent,
  type RawMembership,
} from '../rows';

export class SqliteAgentsStore {
  private readonly byId;
  private readonly byEmail;
  private readonly all;
  private readonly countStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly resyncStmt;
  private readonly membershipsOfAgent;
  private readonly membershipsOfChannel;
  private readonly upsertMembership;
  private readonly deleteMembership;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[string], RawAgent>('SELECT * FROM agents WHERE id = ?');
    this.byEmail = db.prepare<[string], RawAgent>('SELECT * FROM agents WHERE email = ?');
    this.all = db.prepare<[], RawAgent>('SELECT * FROM agents ORDER BY name COLLATE NOCASE, id');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM agents');
    this.insertStmt = db.prepare(
      `INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, disabled, created_at, updated_at)
       VALUES (@id, @email, @name, @isAdmin, @isSupportAgent, @passwordHash, 0, @now, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE agents SET name = @name, is_admin = @isAdmin, is_support_agent = @isSupportAgent,
         disabled = @disabled, password_hash = @passwordHash, updated_at = @now
       WHERE id = @id`,
    );
    this.resyncStmt = db.prepare('UPDATE agents SET resync_from_seq = ? WHERE id = ?');
    this.membershipsOfAgent = db.prepare<[string], RawMembership>(
      'SELECT channel_id, agent_id, can_release FROM memberships WHERE agent_id = ?',
    );
    this.membershipsOfChannel = db.prepare<[string], RawMembership>(
      'SELECT channel_id, agent_id, can_release FROM memberships WHERE channel_id = ? ORDER BY agent_id',
    );
    this.upsertMembership = db.prepare(
      `INSERT INTO memberships (channel_id, agent_id, can_release) VALUES (?, ?, ?)
       ON CONFLICT (channel_id, agent_id) DO UPDATE SET can_release = excluded.can_release`,
    );
    this.deleteMembership = db.prepare('DELETE FROM memberships WHERE channel_id = ? AND agent_id = ?');
  }

  get(id: string): AgentRow | undefined {
    const raw = this.byId.get(id);
    return raw && toAgent(raw);
  }

  getByEmail(email: string): AgentRow | undefined {
    const raw = this.byEmail.get(email);
    return raw && toAgent(raw);
  }

  list(): AgentRow[] {
    return this.all.all().map(toAgent);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  insert(
    agent: { id: string; email: string; name: string; roles: readonly Role[]; passwordHash: string },
    now: number,
  ) {
    this.insertStmt.run({
      id: agent.id,
      email: agent.email,
      name: agent.name,
      ...roleFlags(agent.roles),
      passwordHash: agent.passwordHash,
      now,
    });
  }

  update(agent: AgentRow, now: number): void {
    this.updateStmt.run({
      id: agent.id,
      name: agent.name,
      ...roleFlags(agent.roles),
      disabled: agent.disabled ? 1 : 0,
      passwordHash: agent.passwordHash,
      now,
    });
  }

  /**
   * What the agent may see changed: a sync from before `seq` must start over. Pass a fresh seq
   * (RequestsStore.nextSeq) so that even a cursor at the current head is refused.
   */
  requireResync(agentId: string, seq: number): void {
    this.resyncStmt.run(seq, agentId);
  }

  memberships(agentId: string): MembershipRow[] {
    return this.membershipsOfAgent.all(agentId).map(toMembership);
  }

  members(channelId: string): MembershipRow[] {
    return this.membershipsOfChannel.all(channelId).map(toMembership);
  }

  setMembership(channelId: string, agentId: string, canRelease: boolean): void {
    this.upsertMembership.run(channelId, agentId, canRelease ? 1 : 0);
  }

  removeMembership(channelId: string, agentId: string): boolean {
    return this.deleteMembership.run(channelId, agentId).changes > 0;
  }
}
