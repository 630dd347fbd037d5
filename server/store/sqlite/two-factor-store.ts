/**
 * SQL of two-factor sign-in (migration 12): agents' authenticator secrets (sealed with the service's key),
 * their recovery codes (hashes only) and the challenges between a right password and its code (hashes of
 * their tokens only). Every "use once" is one conditional UPDATE, so two uses at once cannot both succeed.
 */
import type { SqliteDatabase } from '../../db/database';
import { SEALED_PURPOSE, type Sealer } from '../rows';
import {
  toSignInChallenge,
  toTwoFactorRow,
  TWO_FACTOR_COLUMNS,
  type RawSignInChallenge,
  type RawTwoFactor,
  type SignInChallengeRow,
  type TwoFactorRow,
} from '../two-factor-rows';

export class SqliteTwoFactorStore {
  private readonly getStmt;
  private readonly confirmedStmt;
  private readonly startStmt;
  private readonly confirmStmt;
  private readonly acceptStepStmt;
  private readonly removeStmt;
  private readonly removeCodesStmt;
  private readonly removeChallengesStmt;
  private readonly insertCodeStmt;
  private readonly useCodeStmt;
  private readonly unusedCodesStmt;
  private readonly insertChallengeStmt;
  private readonly challengeStmt;
  private readonly useChallengeStmt;
  private readonly pruneChallengesStmt;

  constructor(
    db: SqliteDatabase,
    private readonly box: Sealer,
  ) {
    this.getStmt = db.prepare<[string], RawTwoFactor>(
      `SELECT ${TWO_FACTOR_COLUMNS} FROM two_factor WHERE agent_id = ?`,
    );
    this.confirmedStmt = db.prepare<[], { agent_id: string }>(
      'SELECT agent_id FROM two_factor WHERE confirmed_at IS NOT NULL',
    );
    // A confirmed authenticator is never replaced by a set-up: it is turned off (or reset) first.
    this.startStmt = db.prepare(
      `INSERT INTO two_factor (agent_id, secret, confirmed_at, last_step, created_at)
       VALUES (@agentId, @secret, NULL, NULL, @now)
       ON CONFLICT (agent_id) DO UPDATE SET secret = excluded.secret, last_step = NULL,
         created_at = excluded.created_at
       WHERE two_factor.confirmed_at IS NULL`,
    );
    this.confirmStmt = db.prepare(
      `UPDATE two_factor SET confirmed_at = @now, last_step = @step
       WHERE agent_id = @agentId AND confirmed_at IS NULL AND (last_step IS NULL OR last_step < @step)`,
    );
    this.acceptStepStmt = db.prepare(
      `UPDATE two_factor SET last_step = @step
       WHERE agent_id = @agentId AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < @step)`,
    );
    this.removeStmt = db.prepare('DELETE FROM two_factor WHERE agent_id = ?');
    this.removeCodesStmt = db.prepare('DELETE FROM two_factor_recovery_codes WHERE agent_id = ?');
    this.removeChallengesStmt = db.prepare('DELETE FROM sign_in_challenges WHERE agent_id = ?');
    this.insertCodeStmt = db.prepare(
      'INSERT INTO two_factor_recovery_codes (agent_id, code_hash, used_at) VALUES (?, ?, NULL)',
    );
    this.useCodeStmt = db.prepare(
      `UPDATE two_factor_recovery_codes SET used_at = ?
       WHERE agent_id = ? AND code_hash = ? AND used_at IS NULL`,
    );
    this.unusedCodesStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM two_factor_recovery_codes WHERE agent_id = ? AND used_at IS NULL',
    );
    this.insertChallengeStmt = db.prepare(
      `INSERT INTO sign_in_challenges (token_hash, agent_id, expires_at, used_at, created_at)
       VALUES (?, ?, ?, NULL, ?)`,
    );
    this.challengeStmt = db.prepare<[string], RawSignInChallenge>(
      'SELECT agent_id, expires_at, used_at FROM sign_in_challenges WHERE token_hash = ?',
    );
    this.useChallengeStmt = db.prepare(
      `UPDATE sign_in_challenges SET used_at = @now
       WHERE token_hash = @tokenHash AND used_at IS NULL AND expires_at > @now`,
    );
    this.pruneChallengesStmt = db.prepare('DELETE FROM sign_in_challenges WHERE expires_at <= ?');
  }

  get(agentId: string): TwoFactorRow | undefined {
    const raw = this.getStmt.get(agentId);
    return raw && toTwoFactorRow(raw, this.box);
  }

  /** The agents whose authenticator is confirmed (on). */
  confirmedAgentIds(): string[] {
    return this.confirmedStmt.all().map((row) => row.agent_id);
  }

  /** Starts a set-up with `secret`, replacing one in progress; false when the agent's is already on. */
  start(agentId: string, secret: string, now: number): boolean {
    const sealed = this.box.seal(secret, SEALED_PURPOSE.totpSecret);
    return this.startStmt.run({ agentId, secret: sealed, now }).changes === 1;
  }

  /** Turns a set-up on with the code of time step `step`; false when it was not in progress any more. */
  confirm(agentId: string, step: number, now: number): boolean {
    return this.confirmStmt.run({ agentId, step, now }).changes === 1;
  }

  /** Records `step` as accepted; false when it, or a later one, already was (a code is accepted once). */
  acceptStep(agentId: string, step: number): boolean {
    return this.acceptStepStmt.run({ agentId, step }).changes === 1;
  }

  /** Forgets the agent's authenticator, recovery codes and open challenges. */
  remove(agentId: string): void {
    this.removeStmt.run(agentId);
    this.removeCodesStmt.run(agentId);
    this.removeChallengesStmt.run(agentId);
  }

  /** The agent's recovery codes become these (hashes); the ones before stop working. */
  replaceRecoveryCodes(agentId: string, codeHashes: readonly string[]): void {
    this.removeCodesStmt.run(agentId);
    for (const hash of codeHashes) this.insertCodeStmt.run(agentId, hash);
  }

  /** Uses a recovery code; false when the agent has no such code or it was used. */
  useRecoveryCode(agentId: string, codeHash: string, now: number): boolean {
    return this.useCodeStmt.run(now, agentId, codeHash).changes === 1;
  }

  unusedRecoveryCodes(agentId: string): number {
    return this.unusedCodesStmt.get(agentId)!.n;
  }

  addChallenge(tokenHash: string, agentId: string, expiresAt: number, now: number): void {
    this.insertChallengeStmt.run(tokenHash, agentId, expiresAt, now);
  }

  findChallenge(tokenHash: string): SignInChallengeRow | undefined {
    const raw = this.challengeStmt.get(tokenHash);
    return raw && toSignInChallenge(raw);
  }

  /** Uses a challenge; false when it was used or has expired. */
  useChallenge(tokenHash: string, now: number): boolean {
    return this.useChallengeStmt.run({ tokenHash, now }).changes === 1;
  }

  pruneChallenges(now: number): void {
    this.pruneChallengesStmt.run(now);
  }
}
