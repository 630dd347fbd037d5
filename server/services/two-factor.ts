/**
 * Two-factor sign-in for password accounts (issue 18): an authenticator app's codes (TOTP, RFC 6238, by
 * otplib — a maintained, audited implementation rather than our own HMAC arithmetic) and 10 one-time
 * recovery codes. The agent sets it up from the account menu (a new secret, confirmed with a code), or at
 * sign-in when the organisation requires it; admins reset it.
 *
 * At sign-in a right password answers a challenge instead of tokens (accounts.ts); the code then finishes
 * it. Challenges, accepted time steps and recovery codes live in the database, and each is used by one
 * conditional UPDATE, so any instance can finish a sign-in and no two instances can accept one code. Every
 * code tried is counted first (per agent and per address, rate-limits.ts), as passwords are.
 */
import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { TWO_FACTOR_AUDIT } from '@shared/domain/audit';
import { canAdminister } from '@shared/domain/permissions';
import {
  formatRecoveryCode,
  isAuthenticatorCode,
  normaliseCode,
  RECOVERY_CODE_ALPHABET,
  TWO_FACTOR,
} from '@shared/domain/two-factor';
import type { RecoveryCodes, SecondFactorRequired, TwoFactorEnrolment } from '@shared/protocol/api';
import type { AgentRow } from '../store/rows';
import type { TwoFactorRow } from '../store/two-factor-rows';
import { agentAccess } from './access';
import { agentTarget as target } from './accounts';
import { iso } from './clock';
import type { ServiceContext } from './context';
import { randomToken, sha256 } from './crypto';
import { ServiceError } from './errors';
import type { RateLimits } from './rate-limits';

/** What a typed code proves, before it is recorded as used. */
type Proof =
  { readonly kind: 'totp'; readonly step: number } | { readonly kind: 'recovery'; readonly hash: string };

/** Whether an agent's authenticator is on: set up and confirmed with a code. */
function isOn(row: TwoFactorRow | undefined): boolean {
  return row !== undefined && row.confirmedAt !== null;
}

function recoveryCodeHash(normalised: string): string {
  return sha256(`recovery:${normalised}`);
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < TWO_FACTOR.recoveryCodeLength; i++) {
    code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  }
  return code;
}

export class TwoFactorService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly limits: RateLimits,
  ) {}

  /** Whether the agent's authenticator is on (confirmed). */
  async isOn(agentId: string): Promise<boolean> {
    return isOn(await this.ctx.store.twoFactor.get(agentId));
  }

  /** The agents whose authenticator is on, for the admin's list. */
  async agentsWithTwoFactor(): Promise<ReadonlySet<string>> {
    return new Set(await this.ctx.store.twoFactor.confirmedAgentIds());
  }

  /**
   * After a right password: the challenge the second step finishes, or null when the agent signs in with
   * the password alone (no authenticator, and the organisation does not require one). When it requires
   * one the agent has not set up, the challenge carries a new secret: its code sets it up and signs in.
   */
  async challengeFor(agent: AgentRow): Promise<SecondFactorRequired | null> {
    const { store, clock } = this.ctx;
    const required = (await store.organisation.get())?.requireTwoFactor === true;
    const fresh = generateSecret();
    const challenge = randomToken();
    const outcome = await store.transaction(async () => {
      // Sign-ins of one agent at once show the same secret: the second one finds the first one's set-up.
      await store.lock('accounts', agent.id);
      const row = await store.twoFactor.get(agent.id);
      const on = isOn(row);
      if (!on && !required) return null;
      const now = clock.now();
      let secret: string | null = null;
      if (!on) {
        secret = row?.secret ?? fresh;
        if (!row) await store.twoFactor.start(agent.id, secret, now);
      }
      const expiresAt = now + TWO_FACTOR.challengeTtlMs;
      await store.twoFactor.addChallenge(sha256(challenge), agent.id, expiresAt, now);
      return { expiresAt, secret };
    });
    if (!outcome) return null;
    return {
      secondFactor: {
        challenge,
        expiresAt: iso(outcome.expiresAt),
        ...(outcome.secret === null ? {} : { enrolment: await this.enrolment(agent, outcome.secret) }),
      },
    };
  }

  /**
   * The second step of a sign-in. `issue` makes the tokens, in the transaction that uses the challenge and
   * the code, so a sign-in that sets two-factor up either hands out its recovery codes or changes nothing.
   */
  async finishSignIn<Tokens>(
    challenge: string,
    code: string,
    address: string,
    issue: (agent: AgentRow) => Promise<Tokens>,
  ): Promise<Tokens & { recoveryCodes?: string[] }> {
    const { store, clock } = this.ctx;
    const challengeHash = sha256(challenge);
    await this.limits.loginPerAddress.hit(address);
    const found = await store.twoFactor.findChallenge(challengeHash);
    const now = clock.now();
    const expired = () => ServiceError.coded(401, 'second_factor_expired');
    if (!found || found.usedAt !== null || found.expiresAt <= now) throw expired();
    const agent = await store.agents.get(found.agentId);
    if (!agent) throw expired();
    try {
      await this.limits.secondFactorPerAgent.hit(agent.id);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'rate_limited') {
        await this.signInFailed(agent, 'rate_limited');
      }
      throw error;
    }
    if (agent.disabled) {
      await this.signInFailed(agent, 'account_disabled');
      throw ServiceError.coded(403, 'account_disabled');
    }
    // An admin's reset meanwhile leaves the challenge nothing to check against.
    const row = await store.twoFactor.get(agent.id);
    if (!row) throw expired();
    const enrolling = row.confirmedAt === null;
    const proof = await this.check(row, code, now);
    const outcome = await store.transaction(async () => {
      if (!proof || !(await this.record(agent, proof, enrolling, now))) return null;
      if (!(await store.twoFactor.useChallenge(challengeHash, now))) throw expired();
      const recoveryCodes = enrolling ? await this.enable(agent, now) : undefined;
      const tokens = await issue(agent);
      return recoveryCodes ? { ...tokens, recoveryCodes } : tokens;
    });
    if (!outcome) {
      await this.signInFailed(agent, 'invalid_two_factor_code');
      throw ServiceError.coded(401, 'invalid_two_factor_code');
    }
    await this.limits.secondFactorPerAgent.reset(agent.id);
    return outcome;
  }

  /** From the account menu: a new secret, not on until `confirm` gets a code of it. */
  async start(agent: AgentRow): Promise<TwoFactorEnrolment> {
    const secret = generateSecret();
    if (!(await this.ctx.store.twoFactor.start(agent.id, secret, this.ctx.clock.now()))) {
      throw ServiceError.coded(409, 'two_factor_already_on');
    }
    return this.enrolment(agent, secret);
  }

  /** Turns the set-up on with a code of its secret; answers the recovery codes, shown this once. */
  async confirm(agent: AgentRow, code: string, address: string): Promise<RecoveryCodes> {
    const row = await this.ctx.store.twoFactor.get(agent.id);
    if (!row) throw ServiceError.coded(409, 'two_factor_not_started');
    if (row.confirmedAt !== null) throw ServiceError.coded(409, 'two_factor_already_on');
    const recoveryCodes = await this.withCode(agent, row, code, address, (now) => this.enable(agent, now));
    this.ctx.signals.invalidate('agents');
    return { recoveryCodes };
  }

  /** Turns it off with a current code (or a recovery code); refused while the organisation requires it. */
  async disable(agent: AgentRow, code: string, address: string): Promise<void> {
    const { store } = this.ctx;
    if ((await store.organisation.get())?.requireTwoFactor === true) {
      throw ServiceError.coded(409, 'two_factor_required');
    }
    const row = await this.confirmedRow(agent);
    await this.withCode(agent, row, code, address, async () => {
      await store.twoFactor.remove(agent.id);
      await this.ctx.audit.record({ type: TWO_FACTOR_AUDIT.disabled, target: target(agent) });
    });
    this.ctx.signals.invalidate('agents');
  }

  /** New recovery codes for a current code; the ones before stop working. */
  async replaceRecoveryCodes(agent: AgentRow, code: string, address: string): Promise<RecoveryCodes> {
    const row = await this.confirmedRow(agent);
    const recoveryCodes = await this.withCode(agent, row, code, address, async () => {
      const codes = await this.storeRecoveryCodes(agent.id);
      await this.ctx.audit.record({ type: TWO_FACTOR_AUDIT.recoveryCodesReplaced, target: target(agent) });
      return codes;
    });
    return { recoveryCodes };
  }

  /**
   * An admin's reset: the agent's authenticator, recovery codes and open sign-in challenges are gone; the
   * agent signs in with the password alone, or sets two-factor up again at sign-in when it is required.
   */
  async reset(actor: AgentRow, agentId: string): Promise<void> {
    const { store, signals } = this.ctx;
    const decision = canAdminister(await agentAccess(store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
    await store.transaction(async () => {
      const agent = await store.agents.get(agentId);
      if (!agent) throw ServiceError.notFound('agent');
      const wasOn = isOn(await store.twoFactor.get(agentId));
      await store.twoFactor.remove(agentId);
      await this.ctx.audit.record({ type: TWO_FACTOR_AUDIT.reset, target: target(agent), data: { wasOn } });
    });
    await this.limits.secondFactorPerAgent.reset(agentId);
    signals.invalidate('agents');
    this.ctx.log.info({ agentId, by: actor.id }, 'two-factor sign-in reset');
  }

  private async confirmedRow(agent: AgentRow): Promise<TwoFactorRow> {
    const row = await this.ctx.store.twoFactor.get(agent.id);
    if (!row || row.confirmedAt === null) throw ServiceError.coded(409, 'two_factor_off');
    return row;
  }

  /**
   * Counts the attempt, checks `code` against `row` and, in one transaction, records it as used and runs
   * `then`; a wrong or used code is refused (403: the agent is signed in, the code is what is wrong).
   */
  private async withCode<T>(
    agent: AgentRow,
    row: TwoFactorRow,
    code: string,
    address: string,
    then: (now: number) => Promise<T>,
  ): Promise<T> {
    const { store, clock } = this.ctx;
    await this.limits.loginPerAddress.hit(address);
    await this.limits.secondFactorPerAgent.hit(agent.id);
    const now = clock.now();
    const enrolling = row.confirmedAt === null;
    const proof = await this.check(row, code, now);
    const outcome = await store.transaction(async () => {
      if (!proof || !(await this.record(agent, proof, enrolling, now))) return { accepted: false as const };
      return { accepted: true as const, value: await then(now) };
    });
    if (!outcome.accepted) throw ServiceError.coded(403, 'invalid_two_factor_code');
    await this.limits.secondFactorPerAgent.reset(agent.id);
    return outcome.value;
  }

  /**
   * What `typed` proves against `row` at `now`: an authenticator's time step (one step of clock skew either
   * way, never one at or before the last accepted), or a recovery code to use (once the set-up is on).
   * Checked outside any transaction: otplib's HMAC is asynchronous.
   */
  private async check(row: TwoFactorRow, typed: string, now: number): Promise<Proof | null> {
    const code = normaliseCode(typed);
    if (isAuthenticatorCode(code)) {
      const result = await verify({
        secret: row.secret,
        token: code,
        epoch: Math.floor(now / 1000),
        epochTolerance: TWO_FACTOR.skewSteps * TWO_FACTOR.periodSeconds,
        ...(row.lastStep === null ? {} : { afterTimeStep: row.lastStep }),
      });
      // A TOTP verification's result carries its time step (the union includes HOTP's, which has none).
      return result.valid && 'timeStep' in result ? { kind: 'totp', step: result.timeStep } : null;
    }
    if (row.confirmedAt === null || code.length !== TWO_FACTOR.recoveryCodeLength) return null;
    return { kind: 'recovery', hash: recoveryCodeHash(code) };
  }

  /** Records the proof as used, atomically; false when another call used the step or the code first. */
  private async record(agent: AgentRow, proof: Proof, enrolling: boolean, now: number): Promise<boolean> {
    const { twoFactor } = this.ctx.store;
    if (proof.kind === 'totp') {
      return enrolling
        ? twoFactor.confirm(agent.id, proof.step, now)
        : twoFactor.acceptStep(agent.id, proof.step);
    }
    if (!(await twoFactor.useRecoveryCode(agent.id, proof.hash, now))) return false;
    const left = await twoFactor.unusedRecoveryCodes(agent.id);
    await this.ctx.audit.record(
      { type: TWO_FACTOR_AUDIT.recoveryCodeUsed, target: target(agent), data: { left } },
      now,
    );
    return true;
  }

  /** The set-up just confirmed: its recovery codes, and the audit entry. */
  private async enable(agent: AgentRow, now: number): Promise<string[]> {
    const codes = await this.storeRecoveryCodes(agent.id);
    await this.ctx.audit.record({ type: TWO_FACTOR_AUDIT.enabled, target: target(agent) }, now);
    return codes;
  }

  /** New recovery codes, stored as hashes; answered formatted ("abcde-fghjk"). */
  private async storeRecoveryCodes(agentId: string): Promise<string[]> {
    const codes = Array.from({ length: TWO_FACTOR.recoveryCodeCount }, newRecoveryCode);
    await this.ctx.store.twoFactor.replaceRecoveryCodes(agentId, codes.map(recoveryCodeHash));
    return codes.map(formatRecoveryCode);
  }

  private async enrolment(agent: AgentRow, secret: string): Promise<TwoFactorEnrolment> {
    const issuer = (await this.ctx.org()).orgName;
    return {
      secret,
      otpauthUri: generateURI({
        issuer,
        label: agent.email,
        secret,
        algorithm: TWO_FACTOR.algorithm,
        digits: TWO_FACTOR.digits,
        period: TWO_FACTOR.periodSeconds,
      }),
    };
  }

  /** A refused second step, in the audit log beside refused passwords. */
  private async signInFailed(
    agent: AgentRow,
    reason: 'invalid_two_factor_code' | 'account_disabled' | 'rate_limited',
  ): Promise<void> {
    await this.ctx.audit.record({
      type: 'sign_in.failed',
      actor: { kind: 'anonymous', email: agent.email },
      target: target(agent),
      data: { reason, step: 'second_factor' },
    });
  }
}
