/** Rows of two-factor sign-in (migration 12), as both dialects return and the services use them. */
import { SEALED_PURPOSE, type Sealer } from './rows';

/** An agent's authenticator: its secret (opened), whether it is confirmed, the last time step accepted. */
export interface TwoFactorRow {
  readonly agentId: string;
  /** The TOTP secret in Base32. */
  readonly secret: string;
  /** null: a set-up in progress, not yet confirmed with a code; it signs nobody in. */
  readonly confirmedAt: number | null;
  readonly lastStep: number | null;
}

export interface RawTwoFactor {
  agent_id: string;
  secret: string;
  confirmed_at: number | null;
  last_step: number | null;
}

export const TWO_FACTOR_COLUMNS = 'agent_id, secret, confirmed_at, last_step';

export function toTwoFactorRow(raw: RawTwoFactor, box: Sealer): TwoFactorRow {
  return {
    agentId: raw.agent_id,
    secret: box.open(raw.secret, SEALED_PURPOSE.totpSecret),
    confirmedAt: raw.confirmed_at,
    lastStep: raw.last_step,
  };
}

/** The step between a right password and its code. */
export interface SignInChallengeRow {
  readonly agentId: string;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export interface RawSignInChallenge {
  agent_id: string;
  expires_at: number;
  used_at: number | null;
}

export function toSignInChallenge(raw: RawSignInChallenge): SignInChallengeRow {
  return { agentId: raw.agent_id, expiresAt: raw.expires_at, usedAt: raw.used_at };
}
