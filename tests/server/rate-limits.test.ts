/**
 * Limits on guessing, against a real service: failed sign-ins per account, sign-in attempts per address,
 * PIN lookups per address, and joins by session code per agent. Each answers 429 with Retry-After once its
 * budget is spent, and leaves other accounts, addresses and agents alone.
 *
 * Each service counts on its own (in memory, or in its own database's table on PostgreSQL), so each
 * describe starts its own service. Some checks come from
 * other loopback addresses (127.0.0.2, …): on Linux every 127.0.0.0/8 address is the loopback interface.
 * Behind a reverse proxy the limits count the address the proxy forwards for, and only when the proxy is
 * one the service was told to trust (--trust-proxy ADDRESS).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { translator } from '@shared/i18n/translator';
import type { ApiResponse } from '../support/api-client';
import { createRequest, FORM, getRequest } from '../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';

/** The PIN form, its page asked for in English. */
const PIN_FORM = { ...FORM, 'accept-language': 'en' };
const AGENT_PASSWORD = 'a long enough password'; // what createAgent gives every agent
const OTHER_ADDRESS = '127.0.0.2';
/** Every sign-in checks a password hash, slow on purpose: room for a couple of dozen on a busy machine. */
const SIGN_IN_TIMEOUT_MS = 60_000;

/** One HTTP request sent from `localAddress`, so the service sees it come from that address. */
function callFrom(
  localAddress: string,
  base: string,
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<ApiResponse<any>> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          const isJson = (res.headers['content-type'] ?? '').includes('json');
          resolve({
            status: res.statusCode ?? 0,
            headers: responseHeaders,
            body: isJson && text ? JSON.parse(text) : text,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function loginFrom(t: TestService, localAddress: string, email: string, password: string) {
  return callFrom(localAddress, t.url, 'POST', '/api/v1/auth/login', JSON.stringify({ email, password }), {
    'content-type': 'application/json',
  });
}

/** Retry-After as a number of seconds; fails unless it is a positive whole number. */
function retryAfter(response: ApiResponse): number {
  const header = response.headers.get('retry-after');
  expect(header).toMatch(/^\d+$/);
  const seconds = Number(header);
  expect(seconds).toBeGreaterThan(0);
  return seconds;
}

/** A digit code of `length` digits that is not `avoid`. */
function wrongCode(length: number, index: number, avoid: string): string {
  const code = String(index).padStart(length, '0');
  return code === avoid ? String(index + 500).padStart(length, '0') : code;
}

describe('sign-in: failed attempts per account', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it(
    'refuses the account, even with the right password, after 10 failures; other accounts still sign in',
    async () => {
      const target = await createAgent(t);
      const other = await createAgent(t);

      for (let attempt = 1; attempt <= 10; attempt++) {
        const failed = await t.api.post('/auth/login', {
          email: target.agent.email,
          password: `wrong password ${attempt}`,
        });
        expect(failed.status, `failed attempt ${attempt}`).toBe(401);
        expect(failed.body.error.code).toBe('invalid_credentials');
      }

      const refused = await t.api.post('/auth/login', {
        email: target.agent.email,
        password: AGENT_PASSWORD,
      });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      retryAfter(refused);

      // The account is the same whatever the case of its address.
      const shouted = await t.api.post('/auth/login', {
        email: target.agent.email.toUpperCase(),
        password: AGENT_PASSWORD,
      });
      expect(shouted.status).toBe(429);
      expect(shouted.body.error.code).toBe('rate_limited');

      const unaffected = await t.api.post('/auth/login', {
        email: other.agent.email,
        password: AGENT_PASSWORD,
      });
      expect(unaffected.status).toBe(200);
      expect(unaffected.body.agent.id).toBe(other.agent.id);
    },
    SIGN_IN_TIMEOUT_MS,
  );
});

describe('sign-in: attempts per address', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it(
    'refuses an address after 20 attempts in a minute, whatever the account; other addresses still sign in',
    async () => {
      // Each attempt names a different account, so only the per-address limit can refuse.
      for (let attempt = 1; attempt <= 20; attempt++) {
        const response = await loginFrom(
          t,
          OTHER_ADDRESS,
          `nobody-${attempt}@example.com`,
          'not the password',
        );
        expect(response.status, `attempt ${attempt}`).toBe(401);
      }

      const refused = await loginFrom(t, OTHER_ADDRESS, ADMIN.email, ADMIN.password);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      retryAfter(refused);

      // The admin's account is not locked: from another address the same credentials work.
      const elsewhere = await t.api.post('/auth/login', ADMIN);
      expect(elsewhere.status).toBe(200);
    },
    SIGN_IN_TIMEOUT_MS,
  );
});

describe('sign-in: guesses sent all at once', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** The answers to `count` sign-ins sent together, spread over loopback addresses from `firstHost` on. */
  function concurrently(
    count: number,
    addresses: number,
    firstHost: number,
    credentials: (index: number) => { email: string; password: string },
  ): Promise<ApiResponse[]> {
    return Promise.all(
      Array.from({ length: count }, (_, index) => {
        const { email, password } = credentials(index);
        return loginFrom(t, `127.0.0.${firstHost + (index % addresses)}`, email, password);
      }),
    );
  }

  const countOf = (answers: readonly ApiResponse[], status: number) =>
    answers.filter((a) => a.status === status).length;

  it(
    'checks no more passwords of one account than its limit of 10, however many arrive together',
    async () => {
      const target = await createAgent(t);
      // 100 guesses at once from 20 addresses (5 each, well within each address's 20); the last one is
      // right. Sent together, it arrives long after the first 10, yet before any of them is checked.
      const answers = await concurrently(100, 20, 1, (index) => ({
        email: target.agent.email,
        password: index === 99 ? AGENT_PASSWORD : `guess number ${index}`,
      }));
      // A password was checked for each 401 and 200: no more than the limit, and not the right one.
      expect(countOf(answers, 401) + countOf(answers, 200)).toBeLessThanOrEqual(10);
      expect(answers[99]!.status).toBe(429);
      expect(countOf(answers, 401)).toBe(10);
      expect(countOf(answers, 429)).toBe(90);
      for (const refused of answers.filter((a) => a.status === 429)) {
        expect(refused.body.error.code).toBe('rate_limited');
      }
      // The right password is refused afterwards too, unchecked.
      const right = await loginFrom(t, '127.0.0.50', target.agent.email, AGENT_PASSWORD);
      expect(right.status).toBe(429);
    },
    SIGN_IN_TIMEOUT_MS,
  );

  it(
    'still refuses an address after 20 attempts, however many arrive together',
    async () => {
      // Each names another account, so only the per-address limit can refuse.
      const answers = await concurrently(30, 1, 60, (index) => ({
        email: `nobody-at-once-${index}@example.com`,
        password: 'not the password',
      }));
      expect(countOf(answers, 401)).toBe(20);
      expect(countOf(answers, 429)).toBe(10);
    },
    SIGN_IN_TIMEOUT_MS,
  );
});

describe('the PIN form', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('answers a 429 page after 10 tries in a minute from one address, even for the right PIN', async () => {
    const created = await createRequest(t.admin, 'Pia');

    for (let attempt = 1; attempt <= 10; attempt++) {
      const pin = wrongCode(9, attempt, created.pin);
      const response = await t.api.call('POST', '/pin', `pin=${pin}`, PIN_FORM);
      expect(response.status, `attempt ${attempt}`).toBe(404);
    }

    const refused = await t.api.call('POST', '/pin', `pin=${created.pin}`, PIN_FORM);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('text/html');
    const seconds = retryAfter(refused);
    expect(refused.body).toContain(translator('en').t('joinPage.tooManyAttempts', { seconds }));
    expect(refused.headers.get('location')).toBeNull();

    // Another address is not refused: the right PIN leads to the request's page.
    const elsewhere = await callFrom(OTHER_ADDRESS, t.url, 'POST', '/pin', `pin=${created.pin}`, PIN_FORM);
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toMatch(/^\/j\/[A-Za-z0-9_-]+$/);
  });
});

describe('behind a reverse proxy (--trust-proxy with its address)', () => {
  /** The proxy: the one address the service is told to trust. */
  const PROXY = OTHER_ADDRESS;
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService({ flags: ['--trust-proxy', PROXY] });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  const pinFrom = (localAddress: string, pin: string, forwardedFor: string) =>
    callFrom(localAddress, t.url, 'POST', '/pin', `pin=${pin}`, {
      ...PIN_FORM,
      'x-forwarded-for': forwardedFor,
    });

  it('counts each client the proxy forwards for by its own address', async () => {
    const created = await createRequest(t.admin, 'Proxied Pia');
    // 15 clients behind the proxy, one try each: more than one address's budget, none refused.
    for (let client = 1; client <= 15; client++) {
      const response = await pinFrom(PROXY, wrongCode(9, client, created.pin), `10.1.0.${client}`);
      expect(response.status, `client ${client}`).toBe(404);
    }
    // One client behind the proxy: its 11th try is refused, whatever addresses it puts first in the header.
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await pinFrom(PROXY, wrongCode(9, attempt, created.pin), '10.2.0.1');
      expect(response.status, `attempt ${attempt}`).toBe(404);
    }
    const refused = await pinFrom(PROXY, created.pin, '203.0.113.9, 10.2.0.1');
    expect(refused.status).toBe(429);
  });

  it('ignores X-Forwarded-For from a client that is not the proxy', async () => {
    const created = await createRequest(t.admin, 'Direct Dora');
    // A different forwarded address on each try: had the header been believed, none would be refused.
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await pinFrom('127.0.0.1', wrongCode(9, attempt, created.pin), `10.3.0.${attempt}`);
      expect(response.status, `attempt ${attempt}`).toBe(404);
    }
    const refused = await pinFrom('127.0.0.1', created.pin, '10.3.0.200');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('location')).toBeNull();
  });
});

describe('joining by session code', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  it('refuses an agent after 10 tries in a minute, even with the right code; another agent still joins', async () => {
    const guesser = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const colleague = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const created = await createRequest(t.admin, 'Jo', t.supportChannel.id);

    for (let attempt = 1; attempt <= 10; attempt++) {
      const code = wrongCode(8, attempt, created.sessionCode);
      const response = await guesser.api.post('/join', { sessionCode: code });
      expect(response.status, `attempt ${attempt}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }

    const refused = await guesser.api.post('/join', { sessionCode: created.sessionCode });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    retryAfter(refused);
    const after = await getRequest(t.admin, created.id);
    expect(after.participants.map((p) => p.agentId)).not.toContain(guesser.agent.id);

    const joined = await colleague.api.post<SessionRequest>('/join', { sessionCode: created.sessionCode });
    expect(joined.status).toBe(200);
    expect(joined.body.participants).toContainEqual(
      expect.objectContaining({ agentId: colleague.agent.id, via: 'joined' }),
    );
  });
});
