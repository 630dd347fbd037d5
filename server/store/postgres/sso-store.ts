/**
 * PostgreSQL SQL of single sign-on (meaning: ../sqlite/sso-store.ts). Attempts and codes are taken with
 * DELETE … RETURNING: of two instances given the same state or code at once, one gets the row.
 */
import type { SsoGroupMapping } from '@shared/domain/sso';
import {
  toSsoAttempt,
  toSsoCode,
  toSsoMapping,
  toSsoPolicy,
  type RawSsoAttempt,
  type RawSsoCode,
  type RawSsoMapping,
  type RawSsoPolicy,
  type SsoAttemptRow,
  type SsoCodeRow,
  type SsoPolicyRow,
} from '../sso-rows';
import type { SsoTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresSsoStore implements SsoTable {
  constructor(private readonly db: PostgresExecutor) {}

  async addAttempt(a: SsoAttemptRow): Promise<void> {
    await this.db.exec(
      `INSERT INTO sso_attempts (state, nonce, pkce_verifier, redirect_uri, client_state, code_challenge,
         expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        a.state,
        a.nonce,
        a.pkceVerifier,
        a.redirectUri,
        a.clientState,
        a.codeChallenge,
        a.expiresAt,
        a.createdAt,
      ],
    );
  }

  async takeAttempt(state: string): Promise<SsoAttemptRow | undefined> {
    const raw = await this.db.row<RawSsoAttempt>(
      `DELETE FROM sso_attempts WHERE state = $1
       RETURNING state, nonce, pkce_verifier, redirect_uri, client_state, code_challenge, expires_at, created_at`,
      [state],
    );
    return raw && toSsoAttempt(raw);
  }

  async addCode(
    codeHash: string,
    agentId: string,
    codeChallenge: string,
    idToken: string,
    expiresAt: number,
    now: number,
  ): Promise<void> {
    await this.db.exec(
      `INSERT INTO sso_codes (code_hash, agent_id, code_challenge, id_token, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [codeHash, agentId, codeChallenge, idToken, expiresAt, now],
    );
  }

  async takeCode(codeHash: string): Promise<SsoCodeRow | undefined> {
    const raw = await this.db.row<RawSsoCode>(
      'DELETE FROM sso_codes WHERE code_hash = $1 RETURNING agent_id, code_challenge, id_token, expires_at',
      [codeHash],
    );
    return raw && toSsoCode(raw);
  }

  async pruneExpired(now: number): Promise<void> {
    await this.db.exec('DELETE FROM sso_attempts WHERE expires_at <= $1', [now]);
    await this.db.exec('DELETE FROM sso_codes WHERE expires_at <= $1', [now]);
    await this.db.exec('DELETE FROM sso_sign_ins WHERE expires_at <= $1', [now]);
  }

  async addSignIn(familyId: string, idToken: string, expiresAt: number): Promise<void> {
    await this.db.exec('INSERT INTO sso_sign_ins (family_id, id_token, expires_at) VALUES ($1, $2, $3)', [
      familyId,
      idToken,
      expiresAt,
    ]);
  }

  async takeSignIn(familyId: string): Promise<string | undefined> {
    const row = await this.db.row<{ id_token: string }>(
      'DELETE FROM sso_sign_ins WHERE family_id = $1 RETURNING id_token',
      [familyId],
    );
    return row?.id_token;
  }

  async mappings(): Promise<SsoGroupMapping[]> {
    const rows = await this.db.rows<RawSsoMapping>(
      'SELECT group_name, roles, channels FROM sso_group_mappings ORDER BY position',
    );
    return rows.map(toSsoMapping);
  }

  async replaceMappings(mappings: readonly SsoGroupMapping[]): Promise<void> {
    await this.db.exec('DELETE FROM sso_group_mappings');
    for (const [position, m] of mappings.entries()) {
      await this.db.exec(
        'INSERT INTO sso_group_mappings (group_name, position, roles, channels) VALUES ($1, $2, $3, $4)',
        [m.group, position, JSON.stringify(m.roles), JSON.stringify(m.channels)],
      );
    }
  }

  async policy(): Promise<SsoPolicyRow | undefined> {
    const raw = await this.db.row<RawSsoPolicy>(
      'SELECT just_in_time, sso_only, updated_at FROM sso_policy WHERE id = 1',
    );
    return raw && toSsoPolicy(raw);
  }

  async putPolicy(policy: SsoPolicyRow): Promise<void> {
    await this.db.exec(
      `INSERT INTO sso_policy (id, just_in_time, sso_only, updated_at) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET just_in_time = excluded.just_in_time, sso_only = excluded.sso_only,
         updated_at = excluded.updated_at`,
      [policy.justInTime ? 1 : 0, policy.ssoOnly ? 1 : 0, policy.updatedAt],
    );
  }

  async markJustInTime(agentId: string, now: number): Promise<void> {
    await this.db.exec(
      'INSERT INTO sso_agents (agent_id, created_at) VALUES ($1, $2) ON CONFLICT (agent_id) DO NOTHING',
      [agentId, now],
    );
  }

  async isJustInTime(agentId: string): Promise<boolean> {
    return (
      (await this.db.row('SELECT 1 AS one FROM sso_agents WHERE agent_id = $1', [agentId])) !== undefined
    );
  }
}
