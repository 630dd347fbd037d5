/**
 * PostgreSQL SQL of two-factor sign-in (meaning: ../sqlite/two-factor-store.ts). Every "use once" is one
 * conditional UPDATE: instances finishing the same sign-in, or accepting the same code, at once are ordered
 * by the row's lock, and only the first one's UPDATE changes a row.
 */
import { SEALED_PURPOSE, type Sealer } from '../rows';
import type { TwoFactorTable } from '../store';
import {
  toSignInChallenge,
  toTwoFactorRow,
  TWO_FACTOR_COLUMNS,
  type RawSignInChallenge,
  type RawTwoFactor,
  type SignInChallengeRow,
  type TwoFactorRow,
} from '../two-factor-rows';
import type { PostgresExecutor } from './executor';

export class PostgresTwoFactorStore implements TwoFactorTable {
  constructor(
    private readonly db: PostgresExecutor,
    private readonly box: Sealer,
  ) {}

  async get(agentId: string): Promise<TwoFactorRow | undefined> {
    const raw = await this.db.row<RawTwoFactor>(
      `SELECT ${TWO_FACTOR_COLUMNS} FROM two_factor WHERE agent_id = $1`,
      [agentId],
    );
    return raw && toTwoFactorRow(raw, this.box);
  }

  async confirmedAgentIds(): Promise<string[]> {
    const rows = await this.db.rows<{ agent_id: string }>(
      'SELECT agent_id FROM two_factor WHERE confirmed_at IS NOT NULL',
    );
    return rows.map((row) => row.agent_id);
  }

  async start(agentId: string, secret: string, now: number): Promise<boolean> {
    const sealed = this.box.seal(secret, SEALED_PURPOSE.totpSecret);
    return (
      (await this.db.exec(
        `INSERT INTO two_factor (agent_id, secret, confirmed_at, last_step, created_at)
         VALUES ($1, $2, NULL, NULL, $3)
         ON CONFLICT (agent_id) DO UPDATE SET secret = excluded.secret, last_step = NULL,
           created_at = excluded.created_at
         WHERE two_factor.confirmed_at IS NULL`,
        [agentId, sealed, now],
      )) === 1
    );
  }

  async confirm(agentId: string, step: number, now: number): Promise<boolean> {
    return (
      (await this.db.exec(
        `UPDATE two_factor SET confirmed_at = $1, last_step = $2
         WHERE agent_id = $3 AND confirmed_at IS NULL AND (last_step IS NULL OR last_step < $2)`,
        [now, step, agentId],
      )) === 1
    );
  }

  async acceptStep(agentId: string, step: number): Promise<boolean> {
    return (
      (await this.db.exec(
        `UPDATE two_factor SET last_step = $1
         WHERE agent_id = $2 AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < $1)`,
        [step, agentId],
      )) === 1
    );
  }

  async remove(agentId: string): Promise<void> {
    await this.db.exec('DELETE FROM two_factor WHERE agent_id = $1', [agentId]);
    await this.db.exec('DELETE FROM two_factor_recovery_codes WHERE agent_id = $1', [agentId]);
    await this.db.exec('DELETE FROM sign_in_challenges WHERE agent_id = $1', [agentId]);
  }

  async replaceRecoveryCodes(agentId: string, codeHashes: readonly string[]): Promise<void> {
    await this.db.exec('DELETE FROM two_factor_recovery_codes WHERE agent_id = $1', [agentId]);
    for (const hash of codeHashes) {
      await this.db.exec(
        'INSERT INTO two_factor_recovery_codes (agent_id, code_hash, used_at) VALUES ($1, $2, NULL)',
        [agentId, hash],
      );
    }
  }

  async useRecoveryCode(agentId: string, codeHash: string, now: number): Promise<boolean> {
    return (
      (await this.db.exec(
        `UPDATE two_factor_recovery_codes SET used_at = $1
         WHERE agent_id = $2 AND code_hash = $3 AND used_at IS NULL`,
        [now, agentId, codeHash],
      )) === 1
    );
  }

  async unusedRecoveryCodes(agentId: string): Promise<number> {
    const row = await this.db.row<{ n: number }>(
      'SELECT count(*)::integer AS n FROM two_factor_recovery_codes WHERE agent_id = $1 AND used_at IS NULL',
      [agentId],
    );
    return row!.n;
  }

  async addChallenge(tokenHash: string, agentId: string, expiresAt: number, now: number): Promise<void> {
    await this.db.exec(
      `INSERT INTO sign_in_challenges (token_hash, agent_id, expires_at, used_at, created_at)
       VALUES ($1, $2, $3, NULL, $4)`,
      [tokenHash, agentId, expiresAt, now],
    );
  }

  async findChallenge(tokenHash: string): Promise<SignInChallengeRow | undefined> {
    const raw = await this.db.row<RawSignInChallenge>(
      'SELECT agent_id, expires_at, used_at FROM sign_in_challenges WHERE token_hash = $1',
      [tokenHash],
    );
    return raw && toSignInChallenge(raw);
  }

  async useChallenge(tokenHash: string, now: number): Promise<boolean> {
    return (
      (await this.db.exec(
        `UPDATE sign_in_challenges SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1`,
        [now, tokenHash],
      )) === 1
    );
  }

  async pruneChallenges(now: number): Promise<void> {
    await this.db.exec('DELETE FROM sign_in_challenges WHERE expires_at <= $1', [now]);
  }
}
