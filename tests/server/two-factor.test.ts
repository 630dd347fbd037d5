/**
 * Two-factor sign-in (issue 18) against a real service, on SQLite and again on PostgreSQL: an agent sets
 * it up from the account menu and then signs in with a code; a code is accepted once (also when two
 * sign-ins send it at once); a recovery code works once; one time step of clock skew either way is
 * accepted and two are not; the organisation's requirement makes a sign-in set it up; an admin resets it;
 * a disabled agent cannot finish; every step is in the audit log. Codes are made by otplib from the
 * secret the service hands out, at the test's clock, as the agent's authenticator app would.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_FACTOR } from '@shared/domain/two-factor';
import type {
  Agent,
  LoginResponse,
  Me,
  RecoveryCodes,
  SecondFactorLoginResponse,
  SecondFactorRequired,
  TwoFactorEnrolment,
} from '@shared/protocol/api';
import { secondFactorLoginResponseSchema, secondFactorRequiredSchema } from '@shared/protocol/api';
import type { AuditEntry } from '@shared/protocol/integrations';
import { Limit } from '../../server/services/rate-limits';
import { expectRefused, expectStatus, type Api, type ApiResponse } from '../support/api-client';
import {
  ADMIN,
  createAgent,
  startTestService,
  type TestAgent,
  type TestService,
} from '../support/service-harness';

const PASSWORD = 'a long enough password';
const STEP_MS = TWO_FACTOR.periodSeconds * 1000;

/** This file signs in far more often than a minute's budget per address allows; one test lowers it. */
const generousLimits = {
  loginPerAddress: new Limit(10_000, 60, 'Too many sign-in attempts.'),
  loginAttemptsPerAccount: new Limit(10_000, 60, 'Too many failed sign-ins.'),
};

describe('two-factor sign-in', () => {
  let t: TestService;
  let admin: Api;

  beforeAll(async () => {
    t = await startTestService({ limits: generousLimits });
    admin = t.admin;
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** The code an authenticator app shows for `secret`, `steps` time steps from the service's clock. */
  function codeOf(secret: string, steps = 0): Promise<string> {
    return generate({ secret, epoch: Math.floor(t.clock.now() / 1000) + steps * TWO_FACTOR.periodSeconds });
  }

  /** Moves the clock to the middle of the next time step. */
  function advanceStep(): void {
    const intoStep = t.clock.now() % STEP_MS;
    t.clock.advance(STEP_MS - intoStep + STEP_MS / 2);
  }

  /** The next time step, and the admin signed in again (access tokens last 15 minutes). */
  async function nextStep(): Promise<void> {
    advanceStep();
    admin = t.api.as(expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200).accessToken);
  }

  let agents = 0;

  /** A new agent, created by the admin as signed in now (the harness's first token expires as time moves). */
  async function newAgent(): Promise<TestAgent> {
    const email = `two-factor-${++agents}@example.com`;
    const agent = expectStatus(
      await admin.post<Agent>('/agents', { email, name: `Agent ${agents}`, password: PASSWORD }),
      201,
    );
    const login = expectStatus(
      await t.api.post<LoginResponse>('/auth/login', { email, password: PASSWORD }),
      200,
    );
    return { agent, login, api: t.api.as(login.accessToken) };
  }

  function passwordStep(agent: TestAgent): Promise<ApiResponse> {
    return t.api.post('/auth/login', { email: agent.agent.email, password: PASSWORD });
  }

  /** The password step, which must answer a challenge (and no tokens). */
  async function challengeFor(agent: TestAgent): Promise<SecondFactorRequired['secondFactor']> {
    const body = expectStatus(await passwordStep(agent), 200) as object;
    expect(body).not.toHaveProperty('accessToken');
    return secondFactorRequiredSchema.parse(body).secondFactor;
  }

  function secondStep(challenge: string, code: string): Promise<ApiResponse<SecondFactorLoginResponse>> {
    return t.api.post('/auth/login/second-factor', { challenge, code });
  }

  /** An agent who set two-factor up from the account menu: their secret and recovery codes. */
  async function agentWithTwoFactor(): Promise<TestAgent & { secret: string; recoveryCodes: string[] }> {
    const agent = await newAgent();
    const { secret } = expectStatus(await agent.api.post<TwoFactorEnrolment>('/me/two-factor'), 200);
    const { recoveryCodes } = expectStatus(
      await agent.api.post<RecoveryCodes>('/me/two-factor/confirm', { code: await codeOf(secret) }),
      200,
    );
    // The confirming code's step is used, and so is any before it: two steps on, the previous step's code
    // (one step of skew) is one that was never accepted.
    await nextStep();
    await nextStep();
    return { ...agent, secret, recoveryCodes };
  }

  async function auditOf(agentId: string, type: string): Promise<AuditEntry[]> {
    const page = expectStatus(
      await admin.get<{ entries: AuditEntry[] }>(`/audit?limit=1000&type=${type}`),
      200,
    );
    return page.entries.filter((entry) => entry.target?.id === agentId);
  }

  it('set up from the account menu: confirmed with a code, then a sign-in asks for one', async () => {
    const agent = await newAgent();
    const enrolment = expectStatus(await agent.api.post<TwoFactorEnrolment>('/me/two-factor'), 200);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(enrolment.secret);
    expect(uri.searchParams.get('issuer')).toBe('Acme IT');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Acme IT:${agent.agent.email}`);

    // Not on until confirmed: the password alone still signs in.
    expect(expectStatus(await passwordStep(agent), 200)).toHaveProperty('accessToken');
    expectRefused(
      await agent.api.post('/me/two-factor/confirm', { code: await codeOf(enrolment.secret, 3) }),
      403,
      'invalid_two_factor_code',
    );
    const { recoveryCodes } = expectStatus(
      await agent.api.post<RecoveryCodes>('/me/two-factor/confirm', { code: await codeOf(enrolment.secret) }),
      200,
    );
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(expectStatus(await agent.api.get<Me>('/me'), 200).twoFactorEnabled).toBe(true);
    const listed = expectStatus(await admin.get<{ agents: LoginResponse['agent'][] }>('/agents'), 200);
    expect(listed.agents.find((a) => a.id === agent.agent.id)?.twoFactorEnabled).toBe(true);
    expect(listed.agents.find((a) => a.id === t.adminAgent.id)?.twoFactorEnabled).toBe(false);
    // A second set-up while it is on is refused: it is turned off first.
    expectRefused(await agent.api.post('/me/two-factor'), 409, 'two_factor_already_on');

    await nextStep();
    const challenge = await challengeFor(agent);
    expect(challenge.enrolment).toBeUndefined();
    expect(Date.parse(challenge.expiresAt)).toBe(t.clock.now() + TWO_FACTOR.challengeTtlMs);
    const signedIn = secondFactorLoginResponseSchema.parse(
      expectStatus(await secondStep(challenge.challenge, await codeOf(enrolment.secret)), 200),
    );
    expect(signedIn.agent.id).toBe(agent.agent.id);
    expect(signedIn.agent.twoFactorEnabled).toBe(true);
    expect(signedIn.recoveryCodes).toBeUndefined();
    expect(expectStatus(await t.api.as(signedIn.accessToken).get<Me>('/me'), 200).id).toBe(agent.agent.id);

    expect(await auditOf(agent.agent.id, 'two_factor.enabled')).toHaveLength(1);
    const succeeded = await auditOf(agent.agent.id, 'sign_in.succeeded');
    expect(succeeded[0]?.data).toEqual({ secondFactor: true });
  });

  it('a code is accepted once: again, or an older step after a newer one, is refused', async () => {
    const agent = await agentWithTwoFactor();
    const code = await codeOf(agent.secret);
    expectStatus(await secondStep((await challengeFor(agent)).challenge, code), 200);
    const replay = await challengeFor(agent);
    expectRefused(await secondStep(replay.challenge, code), 401, 'invalid_two_factor_code');
    // The previous step's code is within the skew, yet older than the step accepted.
    expectRefused(
      await secondStep(replay.challenge, await codeOf(agent.secret, -1)),
      401,
      'invalid_two_factor_code',
    );
    const failed = await auditOf(agent.agent.id, 'sign_in.failed');
    expect(failed.map((entry) => entry.data)).toEqual([
      { reason: 'invalid_two_factor_code', step: 'second_factor' },
      { reason: 'invalid_two_factor_code', step: 'second_factor' },
    ]);
  });

  it('two sign-ins sending one code at once: exactly one of them is signed in', async () => {
    const agent = await agentWithTwoFactor();
    const [first, second] = [await challengeFor(agent), await challengeFor(agent)];
    const code = await codeOf(agent.secret);
    const answers = await Promise.all([
      secondStep(first.challenge, code),
      secondStep(second.challenge, code),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });

  it('a challenge finishes one sign-in, and only within 5 minutes', async () => {
    const agent = await agentWithTwoFactor();
    const challenge = await challengeFor(agent);
    expectStatus(await secondStep(challenge.challenge, await codeOf(agent.secret)), 200);
    await nextStep();
    expectRefused(
      await secondStep(challenge.challenge, await codeOf(agent.secret)),
      401,
      'second_factor_expired',
    );

    const late = await challengeFor(agent);
    t.clock.advance(TWO_FACTOR.challengeTtlMs);
    expectRefused(await secondStep(late.challenge, await codeOf(agent.secret)), 401, 'second_factor_expired');
    expectRefused(await secondStep('made-up', await codeOf(agent.secret)), 401, 'second_factor_expired');
    await nextStep();
  });

  it('a recovery code works once, typed in any case and without its dash', async () => {
    const agent = await agentWithTwoFactor();
    const recovery = agent.recoveryCodes[3]!;
    const typed = recovery.replace('-', '').toUpperCase();
    const signedIn = expectStatus(await secondStep((await challengeFor(agent)).challenge, typed), 200);
    expect(signedIn.agent.id).toBe(agent.agent.id);
    expectRefused(
      await secondStep((await challengeFor(agent)).challenge, recovery),
      401,
      'invalid_two_factor_code',
    );
    // Another of the codes still works.
    expectStatus(await secondStep((await challengeFor(agent)).challenge, agent.recoveryCodes[4]!), 200);
    const used = await auditOf(agent.agent.id, 'two_factor.recovery_code_used');
    expect(used.map((entry) => entry.data)).toEqual([{ left: 8 }, { left: 9 }]);
  });

  it('accepts a phone one time step behind or ahead, and refuses two steps either way', async () => {
    const agent = await agentWithTwoFactor();
    const challenge = (await challengeFor(agent)).challenge;
    for (const steps of [-2, 2]) {
      expectRefused(
        await secondStep(challenge, await codeOf(agent.secret, steps)),
        401,
        'invalid_two_factor_code',
      );
    }
    expectStatus(await secondStep(challenge, await codeOf(agent.secret, -1)), 200);
    expectStatus(await secondStep((await challengeFor(agent)).challenge, await codeOf(agent.secret, 1)), 200);
  });

  it('turned off with a code; new recovery codes replace the old ones', async () => {
    const agent = await agentWithTwoFactor();
    const renewed = expectStatus(
      await agent.api.post<RecoveryCodes>('/me/two-factor/recovery-codes', {
        code: await codeOf(agent.secret),
      }),
      200,
    ).recoveryCodes;
    expect(renewed).toHaveLength(10);
    await nextStep();
    expectRefused(
      await secondStep((await challengeFor(agent)).challenge, agent.recoveryCodes[0]!),
      401,
      'invalid_two_factor_code',
    );
    expectRefused(
      await agent.api.call('DELETE', '/api/v1/me/two-factor', { code: '000000' }),
      403,
      'invalid_two_factor_code',
    );
    expectStatus(await agent.api.call('DELETE', '/api/v1/me/two-factor', { code: renewed[0] }), 204);
    expect(expectStatus(await agent.api.get<Me>('/me'), 200).twoFactorEnabled).toBe(false);
    expect(expectStatus(await passwordStep(agent), 200)).toHaveProperty('accessToken');
    expectRefused(
      await agent.api.call('DELETE', '/api/v1/me/two-factor', { code: '123456' }),
      409,
      'two_factor_off',
    );
    expect(await auditOf(agent.agent.id, 'two_factor.recovery_codes_replaced')).toHaveLength(1);
    expect(await auditOf(agent.agent.id, 'two_factor.disabled')).toHaveLength(1);
  });

  it('an admin resets an agent’s two-factor sign-in: the password alone signs in again', async () => {
    const agent = await agentWithTwoFactor();
    const other = await newAgent();
    expectRefused(await other.api.post(`/agents/${agent.agent.id}/two-factor/reset`), 403, 'admin_required');
    // An open challenge ends with the reset.
    const open = await challengeFor(agent);
    expectStatus(await admin.post(`/agents/${agent.agent.id}/two-factor/reset`), 204);
    expectRefused(await secondStep(open.challenge, await codeOf(agent.secret)), 401, 'second_factor_expired');
    expect(expectStatus(await passwordStep(agent), 200)).toHaveProperty('accessToken');
    const [reset] = await auditOf(agent.agent.id, 'two_factor.reset');
    expect(reset?.actor).toEqual({ kind: 'agent', agentId: t.adminAgent.id, name: 'Administrator' });
    expect(reset?.data).toEqual({ wasOn: true });
    expectRefused(
      await admin.post('/agents/00000000-0000-4000-8000-000000000000/two-factor/reset'),
      404,
      'not_found',
    );
  });

  it('a disabled agent cannot finish the second step', async () => {
    const agent = await agentWithTwoFactor();
    const challenge = await challengeFor(agent);
    expectStatus(await admin.patch(`/agents/${agent.agent.id}`, { disabled: true }), 200);
    expectRefused(await secondStep(challenge.challenge, await codeOf(agent.secret)), 403, 'account_disabled');
    const failed = await auditOf(agent.agent.id, 'sign_in.failed');
    expect(failed[0]?.data).toEqual({ reason: 'account_disabled', step: 'second_factor' });
  });

  it('required by the organisation: a sign-in without it sets it up, and it cannot be turned off', async () => {
    const agent = await newAgent();
    const withIt = await agentWithTwoFactor();
    try {
      const changed = expectStatus(await admin.patch('/organisation', { requireTwoFactor: true }), 200);
      expect(changed.requireTwoFactor).toBe(true);
      const first = await challengeFor(agent);
      const enrolment = first.enrolment!;
      expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
      // A second sign-in meanwhile shows the same secret, so either can finish the set-up.
      expect((await challengeFor(agent)).enrolment?.secret).toBe(enrolment.secret);
      // Never a session without a second factor: a wrong code is refused.
      expectRefused(await secondStep(first.challenge, '000000'), 401, 'invalid_two_factor_code');
      // A recovery code cannot stand in for a set-up that has none yet.
      expectRefused(await secondStep(first.challenge, 'abcde-fghjk'), 401, 'invalid_two_factor_code');
      const signedIn = expectStatus(await secondStep(first.challenge, await codeOf(enrolment.secret)), 200);
      expect(signedIn.recoveryCodes).toHaveLength(10);
      expect(signedIn.agent.twoFactorEnabled).toBe(true);
      const agentApi = t.api.as(signedIn.accessToken);
      expect(expectStatus(await agentApi.get<Me>('/me'), 200).twoFactorEnabled).toBe(true);
      expectRefused(
        await agentApi.call('DELETE', '/api/v1/me/two-factor', { code: signedIn.recoveryCodes![0] }),
        409,
        'two_factor_required',
      );
      // Who had it already signs in as before. (The admin, without it, would be asked to set it up now.)
      advanceStep();
      expect((await challengeFor(withIt)).enrolment).toBeUndefined();
      // After an admin's reset the agent sets it up again at the next sign-in.
      expectStatus(await admin.post(`/agents/${agent.agent.id}/two-factor/reset`), 204);
      const again = await challengeFor(agent);
      expect(again.enrolment?.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(again.enrolment?.secret).not.toBe(enrolment.secret);
    } finally {
      expectStatus(await admin.patch('/organisation', { requireTwoFactor: false }), 200);
    }
    const updated = (
      await admin.get<{ entries: AuditEntry[] }>('/audit?limit=1000&type=organisation.updated')
    ).body.entries;
    expect(updated.map((entry) => entry.data)).toContainEqual({
      requireTwoFactor: { from: false, to: true },
    });
  });
});

describe('two-factor sign-in is rate-limited like the password', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({
      limits: {
        ...generousLimits,
        secondFactorPerAgent: new Limit(3, 15 * 60, 'Too many wrong codes for this account.'),
      },
    });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('counts every code tried before checking it: past the limit even the right code answers 429', async () => {
    // The counts are kept by rate-limiter-flexible in real time, not the test's clock: this test waits for
    // no window to end, it only fills one.
    const agent = await createAgent(t);
    const { secret } = expectStatus(await agent.api.post<TwoFactorEnrolment>('/me/two-factor'), 200);
    const now = () => Math.floor(t.clock.now() / 1000);
    expectStatus(
      await agent.api.post('/me/two-factor/confirm', { code: await generate({ secret, epoch: now() }) }),
      200,
    );
    t.clock.advance(STEP_MS);
    const login = async () =>
      secondFactorRequiredSchema.parse(
        expectStatus(await t.api.post('/auth/login', { email: agent.agent.email, password: PASSWORD }), 200),
      ).secondFactor.challenge;
    // A code accepted starts the count again.
    const first = await login();
    for (let i = 0; i < 2; i++) {
      expectRefused(
        await t.api.post('/auth/login/second-factor', { challenge: first, code: '000000' }),
        401,
        'invalid_two_factor_code',
      );
    }
    expectStatus(
      await t.api.post('/auth/login/second-factor', {
        challenge: first,
        code: await generate({ secret, epoch: now() }),
      }),
      200,
    );
    t.clock.advance(STEP_MS);
    const challenge = await login();
    for (let i = 0; i < 3; i++) {
      expectRefused(
        await t.api.post('/auth/login/second-factor', { challenge, code: '000000' }),
        401,
        'invalid_two_factor_code',
      );
    }
    const limited = await t.api.post('/auth/login/second-factor', {
      challenge,
      code: await generate({ secret, epoch: now() }),
    });
    expectRefused(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The account menu's changes count in the same budget.
    expectRefused(
      await agent.api.post('/me/two-factor/recovery-codes', {
        code: await generate({ secret, epoch: now() }),
      }),
      429,
      'rate_limited',
    );
  });
});
