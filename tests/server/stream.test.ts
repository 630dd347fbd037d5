/**
 * The live change feed, WebSocket /api/v1/stream, against a real service with real sockets: who may open
 * it, ready + backlog + live changes in seq order with an unbroken `prev` chain, what an agent must not
 * see, the close codes (4409 resync_required, 4401 on sign-out), a consumer too slow to keep up, and a
 * reconnect after a restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change, Channel, LoginResponse } from '@shared/protocol/api';
import type { StreamMessage } from '@shared/protocol/stream';
import { expectStatus, type ApiResponse } from '../support/api-client';
import {
  addMember,
  addNote,
  createChannel,
  createRequest,
  deleteRequest,
  getRequest,
  head,
  sync,
  syncAll,
  transfer,
} from '../support/requests';
import {
  createAgent,
  sqliteOnly,
  startTestService,
  type TestAgent,
  type TestService,
} from '../support/service-harness';
import { StreamClient, type StreamedChange } from '../support/stream-client';

const PASSWORD = 'a long enough password'; // the one createAgent gives
/** Tests that make hundreds of changes get more time on a busy machine (a limit, not an assertion). */
const HEAVY_TEST_TIMEOUT_MS = 180_000;

let t: TestService;
/** Every stream a test opened: closed after each test. */
const opened: StreamClient[] = [];

beforeAll(async () => {
  t = await startTestService();
});

afterEach(() => {
  for (const client of opened.splice(0)) client.close();
});

afterAll(async () => {
  await t.cleanup();
});

// ---------------------------------------------------------------------------------------------------------
// Helpers

type ChangeMessage = StreamedChange;

async function openStream(
  service: TestService,
  token: string,
  since: number,
  fullSyncHead?: number,
): Promise<StreamClient> {
  const client = await StreamClient.open(service.url, token, since, fullSyncHead);
  opened.push(client);
  return client;
}

/** Opens the stream and waits for its `ready`; fails with the close code if it closes instead. */
async function openReady(
  service: TestService,
  token: string,
  since: number,
  fullSyncHead?: number,
): Promise<StreamClient> {
  const client = await openStream(service, token, since, fullSyncHead);
  let closed: { code: number; reason: string } | undefined;
  void client.closed.then((info) => (closed = info));
  await client.waitFor((messages) => closed !== undefined || messages.some((m) => m.type === 'ready'));
  if (!client.messages.some((m) => m.type === 'ready')) {
    throw new Error(`the stream from ${since} closed before ready: ${JSON.stringify(closed)}`);
  }
  return client;
}

function readyOf(client: StreamClient): Extract<StreamMessage, { type: 'ready' }> {
  const ready = client.messages.find((m) => m.type === 'ready');
  if (!ready) throw new Error('no ready message');
  return ready;
}

function idOf(change: Change): string {
  return change.type === 'request' ? change.request.id : change.requestId;
}

/** Waits until a change about `requestId` arrives (at `seq`, if given); returns that change. */
async function waitForChange(client: StreamClient, requestId: string, seq?: number): Promise<ChangeMessage> {
  const matches = (m: ChangeMessage) =>
    idOf(m.change) === requestId && (seq === undefined || m.change.seq === seq);
  await client.waitFor(() => client.changes().some(matches));
  return client.changes().find(matches)!;
}

/** `ready` first; then changes in strictly increasing seq, each naming the one before (the first: since). */
function expectUnbrokenChain(client: StreamClient): void {
  const [first] = client.messages;
  expect(first?.type).toBe('ready');
  let previous = readyOf(client).since;
  for (const { prev, change } of client.changes()) {
    expect(prev, `prev of the change at ${change.seq}`).toBe(previous);
    expect(change.seq).toBeGreaterThan(previous);
    previous = change.seq;
  }
}

/** The close code and reason, failing (instead of hanging) if the stream stays open. */
async function closeOf(client: StreamClient, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the stream stayed open; received ${client.messages.length}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([client.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The requests a client holds after applying `changes` in order (a tombstone removes one). */
function applyChanges(changes: readonly Change[]): Map<string, SessionRequest> {
  const requests = new Map<string, SessionRequest>();
  for (const change of changes) {
    if (change.type === 'request') requests.set(change.request.id, change.request);
    else requests.delete(change.requestId);
  }
  return requests;
}

/** A second, separate sign-in of the agent. */
async function signInAgain(service: TestService, agent: TestAgent): Promise<LoginResponse> {
  return expectStatus(
    await service.api.post<LoginResponse>('/auth/login', { email: agent.agent.email, password: PASSWORD }),
    200,
  );
}

// ---------------------------------------------------------------------------------------------------------

describe('opening the stream', () => {
  it('is refused with HTTP 401 on the upgrade without a valid access token', async () => {
    await expect(StreamClient.open(t.url, null, 0)).rejects.toThrow('stream refused: HTTP 401');
    await expect(StreamClient.open(t.url, 'not-a-token', 0)).rejects.toThrow('stream refused: HTTP 401');

    // A token whose sign-in ended is refused too.
    const agent = await createAgent(t);
    expectStatus(await agent.api.post('/auth/logout', {}), 204);
    await expect(StreamClient.open(t.url, agent.login.accessToken, 0)).rejects.toThrow(
      'stream refused: HTTP 401',
    );
  });

  it('closes with 4409 before ready for a cursor beyond head', async () => {
    const agent = await createAgent(t);
    const client = await openStream(t, agent.login.accessToken, (await head(t)) + 10);
    expect(await closeOf(client)).toEqual({ code: 4409, reason: 'resync_required' });
    expect(client.messages.filter((m) => m.type !== 'heartbeat')).toEqual([]);
  });
  it('serves a full sync’s cursor from before a change of access when that sync began after it', async () => {
    const agent = await createAgent(t);
    const channel = await createChannel(t);
    await createRequest(t.admin, 'In the channel the agent joins', channel.id);
    await createRequest(agent.api, 'Mine');
    await addMember(t, channel.id, agent);
    const first = await sync(agent.api, 0, 1);
    expect(first.hasMore).toBe(true);

    // Without the full sync's head, the cursor is one from before the change: refused.
    const refused = await openStream(t, agent.login.accessToken, first.next);
    expect(await closeOf(refused)).toEqual({ code: 4409, reason: 'resync_required' });
    const client = await openReady(t, agent.login.accessToken, first.next, first.fullSyncHead);
    const rest = await sync(agent.api, first.next, 5_000, first.fullSyncHead);
    await client.waitFor(() => client.changes().length >= rest.changes.length);
    expect(client.changes().map((m) => m.change)).toEqual(rest.changes);
  });
});

describe('backlog, then live', () => {
  it('sends ready, the backlog after the cursor, then live changes, in seq order with an unbroken prev chain', async () => {
    const agent = await createAgent(t);
    const channel = await createChannel(t, [agent]);
    const first = await createRequest(agent.api, 'First', channel.id);
    const second = await createRequest(agent.api, 'Second');
    const cursor = (await sync(agent.api, 0)).next;
    expect(cursor).toBe(second.seq);
    // The backlog: a new request, and a note on one from before the cursor.
    const third = await createRequest(t.admin, 'Third', channel.id);
    await addNote(agent.api, first.id, 'Backlog note');
    const backlog = await sync(agent.api, cursor);

    const client = await openReady(t, agent.login.accessToken, cursor);
    expect(readyOf(client)).toEqual({ type: 'ready', since: cursor, head: await head(t) });
    await client.waitFor(() => client.changes().length >= backlog.changes.length);
    // The backlog is GET /sync from the same cursor, change for change.
    expect(client.changes().map((m) => m.change)).toEqual(backlog.changes);

    // Live: every change, not compacted, each with the events of that change.
    const noted = await addNote(agent.api, second.id, 'Live note');
    const fourth = await createRequest(agent.api, 'Fourth', channel.id);
    const closed = expectStatus(await agent.api.post<SessionRequest>(`/requests/${third.id}/close`), 200);
    const noted2 = await addNote(agent.api, second.id, 'Another live note');
    await waitForChange(client, second.id, noted2.seq);

    const live = client.changes().slice(backlog.changes.length);
    expect(live.map((m) => [idOf(m.change), m.change.seq])).toEqual([
      [second.id, noted.seq],
      [fourth.id, fourth.seq],
      [third.id, closed.seq],
      [second.id, noted2.seq],
    ]);
    const lastNote = live.at(-1)!.change;
    expect(lastNote.type === 'request' && lastNote.events.map((e) => [e.type, e.data['text']])).toEqual([
      ['note', 'Another live note'],
    ]);
    expect(lastNote.type === 'request' && lastNote.request).toEqual(await getRequest(agent.api, second.id));
    expectUnbrokenChain(client);
  });

  it('delivers changes made by another agent as they happen', async () => {
    const watcher = await createAgent(t);
    const actor = await createAgent(t);
    const channel = await createChannel(t, [watcher, actor]);
    const client = await openReady(t, watcher.login.accessToken, await head(t));

    const created = await createRequest(actor.api, 'Made by someone else', channel.id);
    const createdChange = await waitForChange(client, created.id, created.seq);
    expect(createdChange.change.type === 'request' && createdChange.change.request.createdBy).toBe(
      actor.agent.id,
    );
    const noted = await addNote(actor.api, created.id, 'Seen live by the watcher');
    const notedChange = await waitForChange(client, created.id, noted.seq);
    expect(notedChange.change.type === 'request' && notedChange.change.events).toEqual([
      expect.objectContaining({
        type: 'note',
        actor: { kind: 'agent', agentId: actor.agent.id, name: actor.agent.name },
        data: { text: 'Seen live by the watcher' },
      }),
    ]);
    expect(client.changes().map((m) => m.change.seq)).toEqual([created.seq, noted.seq]);
    expectUnbrokenChain(client);
  });

  it('does not deliver changes the agent may not see, and the chain stays unbroken around them', async () => {
    const agent = await createAgent(t);
    const mine = await createChannel(t, [agent]);
    const notMine = await createChannel(t);
    const adminStream = await openReady(t, t.admin.token!, await head(t));
    const client = await openReady(t, agent.login.accessToken, await head(t));

    const before = await createRequest(t.admin, 'Visible before', mine.id);
    await waitForChange(client, before.id);
    const hidden = await createRequest(t.admin, 'In a channel the agent is not in', notMine.id);
    await addNote(t.admin, hidden.id, 'Still hidden');
    const adminPrivate = await createRequest(t.admin, 'In the admin’s Private channel');
    const agentPrivate = await createRequest(agent.api, 'In the agent’s Private channel');
    const after = await createRequest(t.admin, 'Visible after', mine.id);
    const afterChange = await waitForChange(client, after.id);

    // In between, only the agent's own Private request came; the chain goes straight over the rest.
    expect(client.changes().map((m) => idOf(m.change))).toEqual([before.id, agentPrivate.id, after.id]);
    expect(afterChange.prev).toBe(agentPrivate.seq);
    expectUnbrokenChain(client);

    // The admin's stream has the shared channel's requests but never another agent's Private one.
    await waitForChange(adminStream, after.id);
    const adminIds = adminStream.changes().map((m) => idOf(m.change));
    expect(adminIds).toEqual([before.id, hidden.id, hidden.id, adminPrivate.id, after.id]);
    expect(adminIds).not.toContain(agentPrivate.id);
    expectUnbrokenChain(adminStream);
  });

  it('tells with a tombstone that a request moved away; an agent who sees both gets tombstone, then request', async () => {
    const agent = await createAgent(t);
    const from = await createChannel(t, [agent]);
    const to = await createChannel(t);
    const request = await createRequest(t.admin, 'Moving away', from.id);
    const client = await openReady(t, agent.login.accessToken, await head(t));
    const adminStream = await openReady(t, t.admin.token!, await head(t));

    const moved = await transfer(t.admin, request.id, to.id);
    const tombstone = await waitForChange(client, request.id);
    expect(tombstone.change).toEqual({ type: 'tombstone', seq: moved.seq - 1, requestId: request.id });

    await waitForChange(adminStream, request.id, moved.seq);
    expect(adminStream.changes().map((m) => [m.change.type, m.change.seq])).toEqual([
      ['tombstone', moved.seq - 1],
      ['request', moved.seq],
    ]);
    // A later change of the moved request does not reach the agent.
    const noted = await addNote(t.admin, request.id, 'After the move');
    const marker = await createRequest(agent.api, 'Marker');
    await waitForChange(client, marker.id);
    await waitForChange(adminStream, request.id, noted.seq);
    expect(client.changes().map((m) => m.change.seq)).toEqual([moved.seq - 1, marker.seq]);
    expectUnbrokenChain(client);
    expectUnbrokenChain(adminStream);
  });
});

describe('backlog bound', () => {
  it(
    'serves a backlog of 1,000 changes and closes with 4409 beyond that',
    async () => {
      const agent = await createAgent(t);
      const a = await createChannel(t, [agent]);
      const b = await createChannel(t, [agent]);
      const since = await head(t);
      const requests: SessionRequest[] = [];
      for (let i = 0; i < 10; i++) requests.push(await createRequest(agent.api, `Backlog ${i}`, a.id));
      // Each move leaves a tombstone in the channel left: 10 requests moved 99 times are 1,000 entries.
      for (let round = 0; round < 99; round++) {
        await Promise.all(requests.map((r) => transfer(agent.api, r.id, round % 2 === 0 ? b.id : a.id)));
      }
      expect(await syncAll(agent.api, since)).toHaveLength(1_000);

      const full = await openReady(t, agent.login.accessToken, since);
      await full.waitFor(() => full.changes().length === 1_000);
      expectUnbrokenChain(full);
      full.close();

      await transfer(agent.api, requests[0]!.id, a.id);
      expect(await syncAll(agent.api, since)).toHaveLength(1_001);
      const over = await openStream(t, agent.login.accessToken, since);
      expect(await closeOf(over)).toEqual({ code: 4409, reason: 'resync_required' });
      expect(over.changes()).toEqual([]);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('closing', () => {
  // Sign-ins here have their own service: the login rate limit is per address and per service.
  let c: TestService;

  beforeAll(async () => {
    c = await startTestService();
  });

  afterAll(async () => {
    await c.cleanup();
  });

  const accessChanges: [string, (agent: TestAgent, channel: Channel) => Promise<ApiResponse>][] = [
    [
      'the agent is added to a channel',
      async (agent) => {
        const other = await createChannel(c);
        return c.admin.put(`/channels/${other.id}/members/${agent.agent.id}`, { canRelease: false });
      },
    ],
    [
      'the agent is removed from a channel',
      (agent, channel) => c.admin.delete(`/channels/${channel.id}/members/${agent.agent.id}`),
    ],
    [
      'the agent’s roles change',
      (agent) => c.admin.patch(`/agents/${agent.agent.id}`, { roles: ['admin', 'support_agent'] }),
    ],
    ['the agent is disabled', (agent) => c.admin.patch(`/agents/${agent.agent.id}`, { disabled: true })],
  ];

  it.each(accessChanges)('closes with 4409 resync_required when %s', async (_, change) => {
    const agent = await createAgent(c);
    const channel = await createChannel(c, [agent]);
    const client = await openReady(c, agent.login.accessToken, await head(c));

    expectStatus(await change(agent, channel), 200);

    expect(await closeOf(client)).toEqual({ code: 4409, reason: 'resync_required' });
  });

  it('after a 4409 for a new channel, does not serve the old cursor again: the agent must start over', async () => {
    const agent = await createAgent(c);
    const joined = await createChannel(c);
    const existing = await createRequest(c.admin, 'Already in the channel', joined.id);
    const mine = await createRequest(agent.api, 'Mine');
    // A caught-up client: its cursor is its last change, and head.
    const client = await openReady(c, agent.login.accessToken, mine.seq - 1);
    await waitForChange(client, mine.id);
    const cursor = client.changes().at(-1)!.change.seq;
    expect(cursor).toBe(await head(c));

    await addMember(c, joined.id, agent);
    expect((await closeOf(client)).code).toBe(4409);

    // Reconnecting from its cursor it would never learn of `existing`: it is told to resync again.
    const again = await openStream(c, agent.login.accessToken, cursor);
    expect(await closeOf(again)).toEqual({ code: 4409, reason: 'resync_required' });
    // From 0 it gets the channel's request.
    const fresh = await openReady(c, agent.login.accessToken, 0);
    await waitForChange(fresh, existing.id);
  });

  it('closes with 4401 when its sign-in logs out, and leaves the agent’s other sign-ins open', async () => {
    const agent = await createAgent(c);
    const other = await signInAgain(c, agent);
    const since = await head(c);
    const client = await openReady(c, agent.login.accessToken, since);
    const otherClient = await openReady(c, other.accessToken, since);

    expectStatus(await agent.api.post('/auth/logout', {}), 204);
    expect(await closeOf(client)).toEqual({ code: 4401, reason: 'unauthorized' });

    // The other sign-in's stream still gets changes.
    const request = await createRequest(c.api.as(other.accessToken), 'After the logout');
    await waitForChange(otherClient, request.id);
    expectUnbrokenChain(otherClient);
  });

  it('closes with 4401 when its sign-in ends because a refresh token was reused, and leaves other sign-ins open', async () => {
    const agent = await createAgent(c);
    const other = await signInAgain(c, agent);
    // The sign-in goes on with rotated tokens; the stream is opened with the newest access token.
    const rotated = expectStatus(
      await c.api.post<LoginResponse>('/auth/refresh', { refreshToken: agent.login.refreshToken }),
      200,
    );
    const since = await head(c);
    const client = await openReady(c, rotated.accessToken, since);
    const otherClient = await openReady(c, other.accessToken, since);

    // The first refresh token again, as whoever copied it would: the whole sign-in ends, its stream too.
    const reused = await c.api.post('/auth/refresh', { refreshToken: agent.login.refreshToken });
    expect(reused.status).toBe(401);
    expect(await closeOf(client)).toEqual({ code: 4401, reason: 'unauthorized' });

    const request = await createRequest(c.api.as(other.accessToken), 'After the reuse');
    await waitForChange(otherClient, request.id);
    expectUnbrokenChain(otherClient);
  });
});

describe('batching', () => {
  let b: TestService;

  beforeAll(async () => {
    // A wide window, so that changes made together are certain to share a message.
    b = await startTestService({ streamBatchWindowMs: 300 });
  });

  afterAll(async () => {
    await b.cleanup();
  });

  it('sends changes made together in fewer messages, each change once, in order', async () => {
    const agent = await createAgent(b);
    const request = await createRequest(agent.api, 'Batched');
    const client = await openReady(b, agent.login.accessToken, await head(b));
    const notes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => addNote(agent.api, request.id, `note ${i}`)),
    );
    const last = Math.max(...notes.map((n) => n.seq));
    await client.waitFor(() => client.changes().some((c) => c.change.seq === last));

    const batches = client.messages.filter((m) => m.type === 'changes');
    // Each note arrives once, in a change of the request. Changes of one request committed together may
    // arrive as one change at the latest seq (the feed is compacted; on PostgreSQL the feed pump reads
    // several commits at once), with every note after the stream's cursor.
    const notesSent = client
      .changes()
      .flatMap(({ change }) => (change.type === 'request' ? change.events : []))
      .filter((event) => event.type === 'note');
    expect(new Set(notesSent.map((event) => event.id)).size).toBe(20);
    expect(notesSent).toHaveLength(20);
    expect(batches.length).toBeLessThan(20);
    expectUnbrokenChain(client);
  });
});

// The bound is the hub's, the same on both databases. On PostgreSQL the thousands of writes it needs to
// fill the buffers outlast, on this machine, the 30 s a closing stream's peer is given (a 1006 instead).
describe.skipIf(
  sqliteOnly('the slow-consumer bound: the writes that fill the buffers outlast the close timeout here'),
)('a consumer too slow to keep up', () => {
  let s: TestService;

  beforeAll(async () => {
    s = await startTestService({ streamMaxBufferedBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await s.cleanup();
  });

  it(
    'is told to resync (4409) once its send buffer passes the bound',
    async () => {
      const agent = await createAgent(s);
      const request = await createRequest(agent.api, 'Busy', undefined, { comments: 'c'.repeat(2_000) });
      const note = 'n'.repeat(4_000); // each change is then ~6.5 kB
      const { actions, ctx } = s.service.services;
      const actor = (await ctx.store.agents.get(agent.agent.id))!;

      // The kernel's socket buffers take a few MB before the service's own buffer grows, and how much
      // depends on the machine: if everything still fit, try again with twice as many changes.
      for (let count = 1_000; ; count *= 2) {
        const client = await openReady(s, agent.login.accessToken, await head(s));
        let closed: { code: number; reason: string } | undefined;
        void client.closed.then((info) => (closed = info));

        // The client stops reading: what the service sends piles up in the socket buffers, then in its own.
        // The notes go through the service's own action API, 10 a turn of its event loop so that each
        // batch is flushed to the stream.
        client.socket.pause();
        // Writing stops as soon as the service has told this client to go (it leaves the hub then): the
        // close frame waits behind what the client has not read, and ws gives the peer 30 s to read it.
        const subscribed = ctx.hub.subscriberCount;
        for (let i = 0; i < count && ctx.hub.subscriberCount === subscribed; i += 10) {
          for (let j = i; j < Math.min(count, i + 10); j++) {
            await actions.act(actor, request.id, { type: 'note', text: note });
          }
          await new Promise((next) => setImmediate(next));
        }
        client.socket.resume();
        await client.waitFor(() => closed !== undefined || client.changes().length === count, 60_000);

        if (closed) {
          expect(closed).toEqual({ code: 4409, reason: 'resync_required' });
          // What arrived before the close is a clean prefix of the feed.
          expect(client.changes().length).toBeLessThan(count);
          expectUnbrokenChain(client);
          return;
        }
        client.close();
        if (count >= 4_000) throw new Error(`${count} changes never filled the buffers: no resync`);
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe('after a restart', () => {
  let r: TestService;

  beforeAll(async () => {
    // A fixed public URL, as a deployment has: request links do not change with the port of each start.
    r = await startTestService({ flags: ['--public-url', 'https://sessiondesk.example.com'] });
  });

  afterAll(async () => {
    await r.cleanup();
  });

  it('a client reconnecting with its cursor gets exactly the changes it missed', async () => {
    const agent = await createAgent(r);
    const channel = await createChannel(r, [agent]);
    const kept = await createRequest(agent.api, 'Kept', channel.id);
    const changed = await createRequest(r.admin, 'Changed while away', channel.id);
    const deleted = await createRequest(agent.api, 'Deleted while away');

    // The client follows the stream from 0, then the service goes away.
    const before = await openReady(r, agent.login.accessToken, 0);
    await before.waitFor(() => before.changes().length === 3);
    const noted = await addNote(agent.api, kept.id, 'Seen live before the restart');
    await waitForChange(before, kept.id, noted.seq);
    const cursor = before.changes().at(-1)!.change.seq;

    r = await r.restart();
    await closeOf(before);

    // Changes while the client was away: a new request, a change, a delete, by the agent and others.
    const agentApi = r.api.as(agent.login.accessToken);
    const added = await createRequest(r.admin, 'Created while away', channel.id);
    await addNote(r.admin, changed.id, 'Noted while away');
    await deleteRequest(agentApi, deleted.id);

    const after = await openReady(r, agent.login.accessToken, cursor);
    expect(readyOf(after).since).toBe(cursor);
    const missed = (await syncAll(agentApi, 0)).filter((c) => c.seq > cursor);
    await after.waitFor(() => after.changes().length >= missed.length);
    const live = await createRequest(agentApi, 'Live after reconnecting');
    await waitForChange(after, live.id);

    // Exactly the missed changes (as GET /sync from 0 has them, past the cursor), then the live one.
    const received = after.changes().map((m) => m.change);
    expect(received.map((c) => [c.type, idOf(c), c.seq])).toEqual([
      ...missed.map((c) => [c.type, idOf(c), c.seq]),
      ['request', live.id, live.seq],
    ]);
    expect(new Set(received.map(idOf))).toEqual(new Set([added.id, changed.id, deleted.id, live.id]));
    // No duplicate of what the first connection had, no gap in between.
    const all = [...before.changes(), ...after.changes()].map((m) => m.change.seq);
    expect(new Set(all).size).toBe(all.length);
    expect(after.changes()[0]!.prev).toBe(cursor);
    expectUnbrokenChain(after);
    // Applying both connections' changes gives what a sync from 0 gives: the service's state.
    const streamed = applyChanges([...before.changes(), ...after.changes()].map((m) => m.change));
    expect(streamed).toEqual(applyChanges(await syncAll(agentApi, 0)));
    expect([...streamed.keys()].sort()).toEqual([kept.id, changed.id, added.id, live.id].sort());
  });
});
