/**
 * One-use stream tickets (issue 20): a browser's WebSocket cannot send Authorization, so the console asks
 * POST /stream/tickets for a ticket and opens /stream?ticket=…. A ticket opens one stream, for 30 s, while
 * its sign-in lasts; on PostgreSQL, a ticket made through one instance opens a stream on another. Real
 * services and databases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CreatedIntegrationToken } from '@shared/protocol/integrations';
import type { StreamTicket } from '@shared/protocol/console';
import { streamMessageSchema, type StreamMessage } from '@shared/protocol/stream';
import { expectStatus } from '../support/api-client';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/postgres-database';
import { createAgent, startTestService, type TestService } from '../support/service-harness';

/** Opens /stream with a ticket (no header): the first message, or the HTTP status it was refused with. */
function openWithTicket(t: TestService, ticket: string): Promise<StreamMessage | { refused: number }> {
  const url = `${t.url.replace(/^http/, 'ws')}/api/v1/stream?since=0&ticket=${encodeURIComponent(ticket)}`;
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('message', (data: Buffer) => {
      resolve(streamMessageSchema.parse(JSON.parse(data.toString('utf8'))));
      socket.close();
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      response.resume();
    });
    socket.once('error', reject);
  });
}

async function ticketFor(t: TestService, accessToken: string): Promise<StreamTicket> {
  return expectStatus(await t.api.as(accessToken).post<StreamTicket>('/stream/tickets'), 201);
}

describe('stream tickets', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('opens a stream once: ready, then a second use is refused', async () => {
    t = await startTestService();
    const agent = await createAgent(t);
    const { ticket, expiresIn } = await ticketFor(t, agent.login.accessToken);
    expect(expiresIn).toBe(30);
    const first = await openWithTicket(t, ticket);
    expect(first).toMatchObject({ type: 'ready', since: 0 });
    expect(await openWithTicket(t, ticket)).toEqual({ refused: 401 });
  });

  it('refuses an expired ticket, an unknown one, and one whose sign-in has ended', async () => {
    t = await startTestService();
    const agent = await createAgent(t);
    const expired = await ticketFor(t, agent.login.accessToken);
    t.clock.advance(30_000);
    expect(await openWithTicket(t, expired.ticket)).toEqual({ refused: 401 });
    expect(await openWithTicket(t, 'not-a-ticket')).toEqual({ refused: 401 });

    const ended = await ticketFor(t, agent.login.accessToken);
    expectStatus(await agent.api.post('/auth/logout', {}), 204);
    expect(await openWithTicket(t, ended.ticket)).toEqual({ refused: 401 });
  });

  it('is for signed-in agents only: no ticket without a token, nor for an integration token', async () => {
    t = await startTestService();
    expect((await t.api.post('/stream/tickets')).status).toBe(401);
    const made = expectStatus(
      await t.admin.post<CreatedIntegrationToken>('/integrations/tokens', {
        name: 'Ticketing',
        scopes: ['requests:read'],
      }),
      201,
    );
    const refused = await t.api.as(made.token).post('/stream/tickets');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('agent_token_required');
  });

  it('still opens a stream with the Authorization header', async () => {
    t = await startTestService();
    const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/api/v1/stream?since=0`, {
      headers: { authorization: `Bearer ${(await createAgent(t)).login.accessToken}` },
    });
    const first = await new Promise<unknown>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
      socket.once('error', reject);
    });
    socket.close();
    expect(first).toMatchObject({ type: 'ready' });
  });
});

describe.runIf(testBackends().includes('postgres'))(
  'stream tickets on two instances of one PostgreSQL',
  () => {
    let database: TestDatabase;
    let a: TestService;
    let b: TestService;

    beforeAll(async () => {
      database = await createTestDatabase();
      a = await startTestService({ database, dropDatabase: false });
      b = await startTestService({ database, dropDatabase: false });
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.cleanup(), b?.cleanup()]);
      await database?.drop();
    });

    it('opens a stream on B with a ticket made through A, once', async () => {
      const agent = await createAgent(a);
      const { ticket } = await ticketFor(a, agent.login.accessToken);
      expect(await openWithTicket(b, ticket)).toMatchObject({ type: 'ready' });
      expect(await openWithTicket(a, ticket)).toEqual({ refused: 401 });
      expect(await openWithTicket(b, ticket)).toEqual({ refused: 401 });
    });
  },
);
