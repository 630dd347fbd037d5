/**
 * Limits on guessing with several instances on one PostgreSQL database (issue 15): they count in one table,
 * so a guesser who spreads tries over the instances is refused after as many tries as on one instance.
 * Sign-ins and PINs come "from" documentation addresses (203.0.113.x) that the test puts in
 * X-Forwarded-For, the loopback being a trusted proxy: each case starts with a count of its own.
 * When the database cannot be reached, a try that cannot be counted is refused with 503
 * database_unavailable (never let through, never a 500): the service reaches PostgreSQL through a relay
 * the test cuts. Real services, a real PostgreSQL; nothing is mocked.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { isDatabaseUnavailable } from '../../server/db/postgres/unavailable';
import { expectRefused, type ApiResponse } from '../support/api-client';
import { testBackends, createTestDatabase, type TestDatabase } from '../support/postgres-database';
import { createRequest, FORM } from '../support/requests';
import { startTestService, type TestService } from '../support/service-harness';

/** Every sign-in checks a password hash, slow on purpose: room for a few dozen on a busy machine. */
const SIGN_IN_TIMEOUT_MS = 60_000;
/** More tries than any limit here allows on two instances together: a limit not shared shows. */
const MOST_TRIES = 25;

/**
 * Tries until one is refused (429) and says how many were answered before it; fails when none is
 * refused within MOST_TRIES or an answer is neither `expected` nor 429.
 */
async function triesBeforeRefusal(
  expected: number,
  attempt: (index: number) => Promise<ApiResponse>,
): Promise<{ answered: number; refusal: ApiResponse }> {
  for (let index = 0; index < MOST_TRIES; index++) {
    const response = await attempt(index);
    if (response.status === 429) return { answered: index, refusal: response };
    expect(response.status, `try ${index + 1}`).toBe(expected);
  }
  throw new Error(`none of ${MOST_TRIES} tries was refused`);
}

/** A PIN of nine digits that is not `avoid`. */
function wrongPin(index: number, avoid: string): string {
  const pin = String(index + 1).padStart(9, '0');
  return pin === avoid ? String(index + 500).padStart(9, '0') : pin;
}

describe.runIf(testBackends().includes('postgres'))('rate limits shared by two instances', () => {
  let database: TestDatabase;
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { database, dropDatabase: false, flags: ['--trust-proxy', 'loopback'] };
    [a, b] = await Promise.all([startTestService(options), startTestService(options)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    await database?.drop();
  });

  const signIn = (through: TestService, address: string, email: string) =>
    through.api.post('/auth/login', { email, password: 'a wrong guess' }, { 'x-forwarded-for': address });

  const pinFrom = (through: TestService, address: string, pin: string) =>
    through.api.call('POST', '/pin', `pin=${pin}`, { ...FORM, 'x-forwarded-for': address });

  it(
    'refuses a wrong password spread over both instances after the same 10 tries as on one',
    async () => {
      const alone = await triesBeforeRefusal(401, () => signIn(a, '203.0.113.1', 'one@example.com'));
      expect(alone.answered).toBe(10);

      const spread = await triesBeforeRefusal(401, (index) =>
        signIn(index % 2 === 0 ? a : b, '203.0.113.2', 'spread@example.com'),
      );
      expect(spread.answered).toBe(alone.answered);
      expect(spread.refusal.body.error.code).toBe('rate_limited');
      expect(Number(spread.refusal.headers.get('retry-after'))).toBeGreaterThan(0);
    },
    SIGN_IN_TIMEOUT_MS,
  );

  it('refuses PINs guessed over both instances after the same 10 tries as on one', async () => {
    const created = await createRequest(a.admin, 'Pia');

    const alone = await triesBeforeRefusal(404, (index) =>
      pinFrom(a, '203.0.113.3', wrongPin(index, created.pin)),
    );
    expect(alone.answered).toBe(10);

    const spread = await triesBeforeRefusal(404, (index) =>
      pinFrom(index % 2 === 0 ? a : b, '203.0.113.4', wrongPin(index, created.pin)),
    );
    expect(spread.answered).toBe(alone.answered);
    // Refused on both instances, even for the right PIN.
    expect((await pinFrom(a, '203.0.113.4', created.pin)).status).toBe(429);
    expect((await pinFrom(b, '203.0.113.4', created.pin)).status).toBe(429);
  });

  it('refuses chat messages spread over both instances after the same count as on one', async () => {
    const { agentMessagesPerMinute, endUserMessagesPerMinute } = CONVERSATION_LIMITS;
    const created = await createRequest(a.admin, 'Chat');
    const agentSends = async (count: number) => {
      for (let index = 0; index < count; index++) {
        const through = index % 2 === 0 ? a : b;
        const answer = await through.admin.post(`/requests/${created.id}/messages`, { text: `m${index}` });
        expect(answer.status, `message ${index + 1}`).toBe(200);
      }
    };
    await agentSends(agentMessagesPerMinute);
    expectRefused(
      await b.admin.post(`/requests/${created.id}/messages`, { text: 'one more' }),
      429,
      'too_many_messages',
    );
    expectRefused(
      await a.admin.post(`/requests/${created.id}/messages`, { text: 'one more' }),
      429,
      'too_many_messages',
    );

    const token = created.link.slice(created.link.lastIndexOf('/') + 1);
    const endUser = (through: TestService) =>
      through.api.call('POST', `/j/${token}/messages`, 'text=hello', FORM);
    for (let index = 0; index < endUserMessagesPerMinute; index++) {
      expect((await endUser(index % 2 === 0 ? a : b)).status, `end user ${index + 1}`).toBe(303);
    }
    expect((await endUser(a)).status).toBe(429);
    expect((await endUser(b)).status).toBe(429);
  });

  it('stores neither addresses nor e-mail addresses: its keys are keyed hashes', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string }>('SELECT key FROM rate_limits');
      const keys = rows.map((row) => row.key);
      // loginPerAddress, loginAttemptsPerAccount and pinPerAddress counted in the tests above.
      expect(new Set(keys.map((key) => key.split(':')[0])).size).toBeGreaterThanOrEqual(3);
      for (const key of keys) {
        expect(key).not.toMatch(/203\.0\.113|127\.0\.0\.1|@/);
        expect(key).toMatch(/^[A-Za-z]+:[A-Za-z0-9_-]{43}$/);
      }
    } finally {
      await client.end();
    }
  });
});

/** A TCP relay from a loopback port to PostgreSQL, which the test cuts: its connections end, new ones are refused. */
class Relay {
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async to(target: URL): Promise<Relay> {
    const server = createServer();
    const relay = new Relay(server);
    server.on('connection', (client) => {
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        relay.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          relay.sockets.delete(from);
          to.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  /** `url` with its host and port this relay's. */
  through(url: string): string {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the relay does not listen');
    const relayed = new URL(url);
    relayed.host = `127.0.0.1:${address.port}`;
    return relayed.toString();
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe.runIf(testBackends().includes('postgres'))('rate limits when PostgreSQL cannot be reached', () => {
  let database: TestDatabase;
  let relay: Relay;
  let t: TestService;

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await Relay.to(new URL(database.url));
    t = await startTestService({ database: { ...database, url: relay.through(database.url) } });
  }, 60_000);

  afterAll(async () => {
    await t?.cleanup();
    await database?.drop();
  });

  it('answers 503 database_unavailable to a sign-in it cannot count, and lets no try through', async () => {
    await relay.cut();

    // Counting the address is the first thing a sign-in does: the 503 is the limit's.
    const signIn = await t.api.post('/auth/login', { email: 'one@example.com', password: 'a guess' });
    expectRefused(signIn, 503, 'database_unavailable');
    expect(signIn.headers.get('retry-after')).toMatch(/^\d+$/);

    // Every limit refuses what it cannot count, with the error the service answers 503 for.
    for (const [name, limiter] of Object.entries(t.service.services.limits)) {
      const counted = limiter.hit('203.0.113.5').then(
        () => 'let through',
        (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : String(error)),
      );
      expect(await counted, name).toBe('unavailable');
    }
  });
});
