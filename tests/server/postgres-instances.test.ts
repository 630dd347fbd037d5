/**
 * Several instances of the service on one PostgreSQL database (issue 15): they start together on an empty
 * database and make one first admin and one link key; a change made through one reaches streams and join
 * pages held by the other, in order and once; a sign-in ended through one closes its streams on the other.
 * Real services, a real PostgreSQL; nothing is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/protocol/api';
import { expectStatus } from '../support/api-client';
import { testBackends, createTestDatabase, type TestDatabase } from '../support/postgres-database';
import { addNote, createRequest } from '../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';
import { StreamClient } from '../support/stream-client';

/** Opens a stream from `since` and waits for its `ready`. */
async function readyStream(t: TestService, token: string, since: number): Promise<StreamClient> {
  const client = await StreamClient.open(t.url, token, since);
  await client.waitFor((messages) => messages.some((m) => m.type === 'ready'));
  return client;
}

/** Each change's seq follows the `prev` it was sent with: nothing missed, nothing twice, in order. */
function expectUnbroken(client: StreamClient, since: number): void {
  let expected = since;
  for (const { prev, change } of client.changes()) {
    expect(prev).toBe(expected);
    expect(change.seq).toBeGreaterThan(prev);
    expected = change.seq;
  }
}

describe.runIf(testBackends().includes('postgres'))('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestService;
  let b: TestService;

  beforeAll(async () => {
    // An empty database: both instances migrate it and run their first start at once.
    database = await createTestDatabase({ migrated: false });
    [a, b] = await Promise.all([
      startTestService({ database, dropDatabase: false }),
      startTestService({ database, dropDatabase: false }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.cleanup(), b?.cleanup()]);
    await database?.drop();
  });

  it('start together on an empty database: one first admin, one Support channel, one link key', async () => {
    const made = [a.service.firstAdmin, b.service.firstAdmin].filter((admin) => admin !== null);
    expect(made).toEqual([{ email: ADMIN.email, password: null }]);
    const agents = expectStatus(await a.admin.get<{ agents: { email: string }[] }>('/agents'), 200).agents;
    expect(agents.map((agent) => agent.email)).toEqual([ADMIN.email]);
    expect(a.supportChannel.id).toBe(b.supportChannel.id);
    // A link made through A opens its join page on B: both sign links with the same key.
    const request = await createRequest(a.admin, 'Ada', a.supportChannel.id);
    const path = new URL(request.link).pathname;
    const page = await fetch(new URL(path, b.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ada');
  });

  it('streams on B every change committed through A and B, in seq order, each once', async () => {
    const agent = await createAgent(a, { channels: [{ id: a.supportChannel.id }] });
    const since = (await a.service.services.ctx.store.requests.head()) + 0;
    const onB = await readyStream(b, agent.login.accessToken, since);
    const onA = await readyStream(a, agent.login.accessToken, since);

    const made = [];
    for (let i = 0; i < 10; i++) {
      const through = i % 2 === 0 ? a : b;
      made.push(
        await createRequest(through.api.as(agent.login.accessToken), `Cross ${i}`, a.supportChannel.id),
      );
    }
    const note = await addNote(b.api.as(agent.login.accessToken), made[0]!.id, 'from B');
    const last = note.seq;
    for (const client of [onA, onB]) {
      await client.waitFor(() => client.changes().some(({ change }) => change.seq === last));
      expectUnbroken(client, since);
      const names = client
        .changes()
        .flatMap(({ change }) => (change.type === 'request' ? [change.request.recipientName] : []));
      for (let i = 1; i < 10; i++) expect(names).toContain(`Cross ${i}`);
      expect(new Set(client.changes().map(({ change }) => change.seq)).size).toBe(client.changes().length);
    }
    onA.close();
    onB.close();
  });

  it('ends on B the streams of a sign-in ended through A', async () => {
    const agent = await createAgent(a);
    const onB = await readyStream(b, agent.login.accessToken, 0);
    expectStatus(await a.api.as(agent.login.accessToken).post('/auth/logout', {}), 204);
    expect(await onB.closed).toEqual({ code: 4401, reason: 'unauthorized' });
  });

  it('closes on B the streams of an agent disabled through A, and B refuses the agent after', async () => {
    const agent = await createAgent(a);
    const onB = await readyStream(b, agent.login.accessToken, 0);
    expectStatus(await a.admin.patch(`/agents/${agent.agent.id}`, { disabled: true }), 200);
    const closed = await onB.closed;
    expect([4401, 4409]).toContain(closed.code);
    expect((await b.api.as(agent.login.accessToken).get('/me')).status).toBe(401);
    const login = await b.api.post<LoginResponse>('/auth/login', {
      email: agent.agent.email,
      password: 'a long enough password',
    });
    expect(login.status).not.toBe(200);
  });
});
