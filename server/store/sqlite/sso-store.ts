/**
 * SQL of single sign-on (migration 13): attempts and one-time codes, each taken once (deleted as it is
 * read), the group mapping, the organisation's policy, and which agents single sign-on created.
 */
import type { SsoGroupMapping } from '@shared/domain/sso';
import type { SqliteDatabase } from '../../db/database';
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

export class SqliteSsoStore {
  private readonly addAttemptStmt;
  private readonly takeAttemptStmt;
  private readonly addCodeStmt;
  private readonly takeCodeStmt;
  private readonly pruneAttemptsStmt;
  private readonly pruneCodesStmt;
  private readonly addSignInStmt;
  private readonly takeSignInStmt;
  private readonly pruneSignInsStmt;
  private readonly mappingsStmt;
  private readonly clearMappingsStmt;
  private readonly addMappingStmt;
  private readonly policyStmt;
  private readonly putPolicyStmt;
  private readonly markJustInTimeStmt;
  private readonly isJustInTimeStmt;

  constructor(db: SqliteDatabase) {
    this.addAttemptStmt = db.prepare(
      `INSERT INTO sso_attempts (state, nonce, pkce_verifier, redirect_uri, client_state, code_challenge,
         expires_at, created_at)
       VALUES (@state, @nonce, @pkceVerifier, @redirectUri, @clientState, @codeChallenge, @expiresAt, @createdAt)`,
    );
    this.takeAttemptStmt = db.prepare<[string], RawSsoAttempt>(
      `DELETE FROM sso_attempts WHERE state = ?
       RETURNING state, nonce, pkce_verifier, redirect_uri, client_state, code_challenge, expires_at, created_at`,
    );
    this.addCodeStmt = db.prepare(
      `INSERT INTO sso_codes (code_hash, agent_id, code_challenge, id_token, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.takeCodeStmt = db.prepare<[string], RawSsoCode>(
      'DELETE FROM sso_codes WHERE code_hash = ? RETURNING agent_id, code_challenge, id_token, expires_at',
    );
    this.pruneAttemptsStmt = db.prepare('DELETE FROM sso_attempts WHERE expires_at <= ?');
    this.pruneCodesStmt = db.prepare('DELETE FROM sso_codes WHERE expires_at <= ?');
    this.addSignInStmt = db.prepare(
      'INSERT INTO sso_sign_ins (family_id, id_token, expires_at) VALUES (?, ?, ?)',
    );
    this.takeSignInStmt = db.prepare<[string], { id_token: string }>(
      'DELETE FROM sso_sign_ins WHERE family_id = ? RETURNING id_token',
    );
    this.pruneSignInsStmt = db.prepare('DELETE FROM sso_sign_ins WHERE expires_at <= ?');
    this.mappingsStmt = db.prepare<[], RawSsoMapping>(
      'SELECT group_name, roles, channels FROM sso_group_mappings ORDER BY position',
    );
    this.clearMappingsStmt = db.prepare('DELETE FROM sso_group_mappings');
    this.addMappingStmt = db.prepare(
      'INSERT INTO sso_group_mappings (group_name, position, roles, channels) VALUES (?, ?, ?, ?)',
    );
    this.policyStmt = db.prepare<[], RawSsoPolicy>(
      'SELECT just_in_time, sso_only, updated_at FROM sso_policy WHERE id = 1',
    );
    this.putPolicyStmt = db.prepare(
      `INSERT OR REPLACE INTO sso_policy (id, just_in_time, sso_only, updated_at) VALUES (1, ?, ?, ?)`,
    );
    this.markJustInTimeStmt = db.prepare(
      'INSERT OR IGNORE INTO sso_agents (agent_id, created_at) VALUES (?, ?)',
    );
    this.isJustInTimeStmt = db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM sso_agents WHERE agent_id = ?',
    );
  }

  addAttempt(attempt: SsoAttemptRow): void {
    this.addAttemptStmt.run(attempt);
  }

  /** The attempt of `state`, deleted as it is read: a second redirect with the same state finds nothing. */
  takeAttempt(state: string): SsoAttemptRow | undefined {
    const raw = this.takeAttemptStmt.get(state);
    return raw && toSsoAttempt(raw);
  }

  addCode(
    codeHash: string,
    agentId: string,
    codeChallenge: string,
    idToken: string,
    expiresAt: number,
    now: number,
  ): void {
    this.addCodeStmt.run(codeHash, agentId, codeChallenge, idToken, expiresAt, now);
  }

  /** The one-time code, deleted as it is read: it works once, whatever the outcome. */
  takeCode(codeHash: string): SsoCodeRow | undefined {
    const raw = this.takeCodeStmt.get(codeHash);
    return raw && toSsoCode(raw);
  }

  /** Deletes attempts, codes and sign-ins whose time is up. */
  pruneExpired(now: number): void {
    this.pruneAttemptsStmt.run(now);
    this.pruneCodesStmt.run(now);
    this.pruneSignInsStmt.run(now);
  }

  addSignIn(familyId: string, idToken: string, expiresAt: number): void {
    this.addSignInStmt.run(familyId, idToken, expiresAt);
  }

  /** The ID token of a sign-in single sign-on opened, deleted as it is read (at its sign-out). */
  takeSignIn(familyId: string): string | undefined {
    return this.takeSignInStmt.get(familyId)?.id_token;
  }

  mappings(): SsoGroupMapping[] {
    return this.mappingsStmt.all().map(toSsoMapping);
  }

  /** Replaces the whole mapping (inside the caller's transaction). */
  replaceMappings(mappings: readonly SsoGroupMapping[]): void {
    this.clearMappingsStmt.run();
    mappings.forEach((m, position) =>
      this.addMappingStmt.run(m.group, position, JSON.stringify(m.roles), JSON.stringify(m.channels)),
    );
  }

  /** The policy; undefined until an admin first sets it (both off). */
  policy(): SsoPolicyRow | undefined {
    const raw = this.policyStmt.get();
    return raw && toSsoPolicy(raw);
  }

  putPolicy(policy: SsoPolicyRow): void {
    this.putPolicyStmt.run(policy.justInTime ? 1 : 0, policy.ssoOnly ? 1 : 0, policy.updatedAt);
  }

  markJustInTime(agentId: string, now: number): void {
    this.markJustInTimeStmt.run(agentId, now);
  }

  isJustInTime(agentId: string): boolean {
    return this.isJustInTimeStmt.get(agentId) !== undefined;
  }
}
