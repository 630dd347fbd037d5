/**
 * GET /sync writes its pages from the wire JSON each request and event keeps in its row (migration 5).
 * Against a real service on real SQLite: after every kind of change (the end user's answers, each agent
 * action, notes, transfers, participants, a deletion, renaming an agent and a channel, removing a member),
 * each agent's pages, from 0 and from cursors between, equal the pages built the old way from the rows
 * (FeedService.page, which the stream's backlog still uses); and rows stored without it, as before
 * migrations 5 and 6, are filled in at the next start and give the same pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncPage } from '@shared/protocol/api';
import { expectStatus } from '../support/api-client';
import {
  addMember,
  addNote,
  createChannel,
  createRequest,
  deleteRequest,
  syncPages,
  transfer,
} from '../support/requests';
import {
  createAgent,
  sqliteDatabase,
  startTestService,
  tokenOf,
  type TestAgent,
  type TestService,
} from '../support/service-harness';

let t: TestService;
let ana: TestAgent;
let ben: TestAgent;
/** Seqs after each step of the story: the cursors pages are compared from. */
const cursors: number[] = [0];

const head = () => t.service.services.ctx.store.requests.head();

beforeAll(async () => {
  t = await startTestService();
  ana = await createAgent(t, { name: 'Ana', channels: [{ id: t.supportChannel.id, canRelease: true }] });
  ben = await createAgent(t, { name: 'Ben', channels: [{ id: t.supportChannel.id }] });
  const other = await createChannel(t, [ana]);
  const { endUser } = t.service.services;
  const act = async (as: TestAgent | null, id: string, name: string, body: unknown = {}) => {
    expectStatus(await (as?.api ?? t.admin).post(`/requests/${id}/${name}`, body), 200);
    cursors.push(await head());
  };

  // The admin's request, answered by its end user, connected, with Ben invited and a note.
  const first = await createRequest(t.admin, 'Chloé Dupont', t.supportChannel.id, {
    recipientEmail: 'chloe@example.com',
    comments: 'Printer "HP" \\ queue\nline two',
  });
  await endUser.open(tokenOf(first.link));
  await endUser.allow(tokenOf(first.link), '123 456 789');
  cursors.push(await head());
  await act(null, first.id, 'connect');
  await act(null, first.id, 'invite', { agentIds: [ben.agent.id] });
  expectStatus(await ana.api.post('/join', { sessionCode: first.sessionCode }), 200);
  await addNote(t.admin, first.id, 'Rebooted — 再起動しました');
  await act(null, first.id, 'disconnect');
  await act(ben, first.id, 'leave');

  // Ana's request: denied, asked again, rescheduled, released to the queue, picked up by Ben, closed.
  const second = await createRequest(ana.api, 'Dmitri', t.supportChannel.id, {
    assignTo: { type: 'myself' },
  });
  await endUser.open(tokenOf(second.link));
  await endUser.deny(tokenOf(second.link));
  await act(ana, second.id, 'rerequest');
  await act(ana, second.id, 'reschedule', { scheduledAt: new Date(t.clock.now() + 3_600_000).toISOString() });
  await act(ana, second.id, 'release', { note: 'for the queue' });
  await act(ben, second.id, 'pickup');
  await act(ben, second.id, 'close');

  // Moved to a channel Ben cannot see, and one deleted: tombstones.
  const third = await createRequest(ana.api, 'Eve', t.supportChannel.id);
  await transfer(ana.api, third.id, other.id);
  cursors.push(await head());
  const fourth = await createRequest(t.admin, 'Frank', t.supportChannel.id);
  await deleteRequest(t.admin, fourth.id);
  cursors.push(await head());

  // Renames: of an agent who acted in timelines, and of the channel named in a transfer's event.
  expectStatus(await t.admin.patch(`/agents/${ana.agent.id}`, { name: 'Ana María' }), 200);
  expectStatus(await t.admin.patch(`/channels/${other.id}`, { name: 'Second line' }), 200);
  await addMember(t, other.id, ben);
  // Ben leaves Support: his requests there are released, and what he may see changes.
  const benRequest = await createRequest(ben.api, 'Gus', t.supportChannel.id);
  expectStatus(await t.admin.delete(`/channels/${t.supportChannel.id}/members/${ben.agent.id}`), 200);
  cursors.push(await head());
  expect(benRequest.assigneeId).toBe(ben.agent.id);
});

afterAll(async () => {
  await t.cleanup();
});

/** Every page from `since`, as GET /sync answers them. */
function servedPages(as: TestAgent | null, since: number, limit: number): Promise<SyncPage[]> {
  // The service's current address: a restart moves it to another port.
  return syncPages(as ? t.api.as(as.login.accessToken) : t.admin, since, limit);
}

/** The same pages, built the old way: each request and its events from their rows. */
async function builtPages(as: TestAgent | null, since: number, limit: number): Promise<SyncPage[]> {
  const { store } = t.service.services.ctx;
  const agent = (await store.agents.get(as?.agent.id ?? t.adminAgent.id))!;
  const pages: SyncPage[] = [];
  for (let cursor = since; ;) {
    // Through JSON, as it travels: a field left undefined is no field.
    const built = await t.service.services.feed.page(
      agent,
      { since: cursor, fullSyncHead: pages[0]?.fullSyncHead },
      limit,
    );
    const page = JSON.parse(JSON.stringify(built)) as SyncPage;
    pages.push(page);
    if (!page.hasMore) return pages;
    cursor = page.next;
  }
}

async function expectPagesAsBuilt(): Promise<void> {
  for (const as of [null, ana, ben]) {
    // Cursors from before a change of what the agent may see are refused (feed.test.ts); those of small
    // pages from 0 that end before it are served, as the pages of a full sync begun after it.
    const { resyncFromSeq } = (await t.service.services.ctx.store.agents.get(
      as?.agent.id ?? t.adminAgent.id,
    ))!;
    const from = cursors.filter((since) => since === 0 || since >= resyncFromSeq);
    for (const since of from) {
      for (const limit of [1, 3, 5_000]) {
        const served = await servedPages(as, since, limit);
        expect(served, `${as?.agent.name ?? 'admin'} from ${since}, ${limit} a page`).toEqual(
          await builtPages(as, since, limit),
        );
      }
    }
  }
}

describe('GET /sync from the stored wire JSON', () => {
  it('covers what the story meant to: requests with events, participants, links and tombstones', async () => {
    const changes = (await servedPages(null, 0, 5_000)).flatMap((p) => p.changes);
    const requests = changes.flatMap((c) => (c.type === 'request' ? [c] : []));
    expect(changes.some((c) => c.type === 'tombstone')).toBe(true);
    expect(requests.some((c) => c.request.participants.length > 0 || c.request.connectedAgentIds.length > 0));
    expect(requests.every((c) => c.request.link.startsWith(`${t.url}/j/`))).toBe(true);
    expect(requests.flatMap((c) => c.events.map((e) => e.type))).toEqual(
      expect.arrayContaining(['allowed', 'connected', 'invited', 'joined', 'note', 'left', 'released']),
    );
  });

  it('answers every agent, from every cursor, with the pages built from the rows', async () => {
    await expectPagesAsBuilt();
  });

  it('fills in rows stored without it at the next start, and answers the same pages', async () => {
    sqliteDatabase(t.service).exec(
      'UPDATE requests SET wire_json = NULL, events_json = NULL; UPDATE request_events SET wire_json = NULL',
    );
    t = await t.restart();
    const missing = sqliteDatabase(t.service)
      .prepare(
        `SELECT (SELECT count(*) FROM requests WHERE wire_json IS NULL)
              + (SELECT count(*) FROM requests WHERE events_json IS NULL)
              + (SELECT count(*) FROM request_events WHERE wire_json IS NULL) AS n`,
      )
      .get() as { n: number };
    expect(missing.n).toBe(0);
    await expectPagesAsBuilt();
  });
});
