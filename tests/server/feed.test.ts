/**
 * The change feed through GET /api/v1/sync, against a real service on real SQLite: what an agent gets
 * from 0 and from a cursor, paging, tombstones (delete, transfer), Private channels, and the cursors the
 * feed refuses with 410 resync_required (beyond head, after a change of access, older than pruned
 * tombstones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change } from '@shared/protocol/api';
import { expectStatus, type Api } from '../support/api-client';
import {
  addMember,
  addNote,
  createChannel,
  createRequest,
  deleteRequest,
  head,
  sync,
  syncPages,
  transfer,
} from '../support/requests';
import { createAgent, startTestService, type TestService } from '../support/service-harness';

const DAY_MS = 24 * 3_600_000;

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});

afterAll(async () => {
  await t.cleanup();
});

// ---------------------------------------------------------------------------------------------------------
// Helpers

function syncResponse(api: Api, since: number, fullSyncHead?: number) {
  return api.get(`/sync?since=${since}${fullSyncHead === undefined ? '' : `&fullSyncHead=${fullSyncHead}`}`);
}

/** Expects the refusal a cursor the feed cannot serve gets. */
async function expectResync(api: Api, since: number, fullSyncHead?: number): Promise<void> {
  const response = await syncResponse(api, since, fullSyncHead);
  expect(response.status, JSON.stringify(response.body)).toBe(410);
  expect(response.body.error.code).toBe('resync_required');
}

function requestIds(changes: readonly Change[]): string[] {
  return changes.flatMap((c) => (c.type === 'request' ? [c.request.id] : []));
}

function tombstoneIds(changes: readonly Change[]): string[] {
  return changes.flatMap((c) => (c.type === 'tombstone' ? [c.requestId] : []));
}

/** Every id the changes mention, requests and tombstones alike. */
function mentionedIds(changes: readonly Change[]): Set<string> {
  return new Set(changes.map((c) => (c.type === 'request' ? c.request.id : c.requestId)));
}

function expectStrictlyIncreasing(seqs: readonly number[]): void {
  for (let i = 1; i < seqs.length; i++)
    expect(seqs[i]!, `seq #${i} of ${seqs.join()}`).toBeGreaterThan(seqs[i - 1]!);
}

/** The ids GET /requests lists for the agent (every page). */
async function listedIds(api: Api): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const page = expectStatus(
      await api.get<{ requests: SessionRequest[]; nextCursor: string | null }>(`/requests${query}`),
      200,
    );
    ids.push(...page.requests.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

// ---------------------------------------------------------------------------------------------------------

describe('bootstrap from 0', () => {
  it('gives a support agent exactly the requests of their channels and their own Private channel', async () => {
    const agent = await createAgent(t);
    const outsider = await createAgent(t);
    const mine = await createChannel(t, [agent]);
    const notMine = await createChannel(t, [outsider]);

    const inMine1 = await createRequest(t.admin, 'In my channel 1', mine.id);
    const inMine2 = await createRequest(agent.api, 'In my channel 2', mine.id);
    const myPrivate = await createRequest(agent.api, 'In my Private channel');
    await createRequest(t.admin, 'In another channel', notMine.id);
    await createRequest(t.admin, 'In the admin’s Private channel');
    await createRequest(outsider.api, 'In another agent’s Private channel');
    await createRequest(t.admin, 'In the Support channel', t.supportChannel.id);
    await addNote(agent.api, inMine1.id, 'A second change to the same request');

    const page = await sync(agent.api, 0);
    expect(page.hasMore).toBe(false);
    expect(page.head).toBe(await head(t));
    expect(page.changes.every((c) => c.type === 'request')).toBe(true);
    expect(new Set(requestIds(page.changes))).toEqual(new Set([inMine1.id, inMine2.id, myPrivate.id]));
    // Compacted: once each, at the seq of its last change, with its whole timeline.
    expect(requestIds(page.changes)).toHaveLength(3);
    expectStrictlyIncreasing(page.changes.map((c) => c.seq));
    expect(page.next).toBe(page.changes.at(-1)!.seq);
    for (const change of page.changes) {
      if (change.type !== 'request') continue;
      expect(change.seq).toBe(change.request.seq);
      expect(change.events.map((e) => e.type)[0]).toBe('created');
      expect(change.events.every((e) => e.requestId === change.request.id && e.seq <= change.seq)).toBe(true);
    }
    const first = page.changes.find((c) => c.type === 'request' && c.request.id === inMine1.id);
    expect(first?.type === 'request' && first.events.map((e) => e.type)).toEqual([
      'created',
      'assigned',
      'note',
    ]);

    // The same set the request list shows the agent.
    expect(new Set(await listedIds(agent.api))).toEqual(new Set(requestIds(page.changes)));
  });

  it('gives an admin every shared channel and their own Private channel, no one else’s', async () => {
    const agent = await createAgent(t);
    const channel = await createChannel(t); // the admin is not even a member
    const shared = await createRequest(t.admin, 'Shared, admin not a member', channel.id);
    const support = await createRequest(t.admin, 'In Support', t.supportChannel.id);
    const adminPrivate = await createRequest(t.admin, 'Admin’s own Private');
    const agentPrivate = await createRequest(agent.api, 'Agent’s Private');

    const changes = (await syncPages(t.admin, 0, 1_000)).flatMap((p) => p.changes);
    const ids = new Set(requestIds(changes));
    expect(ids).toContain(shared.id);
    expect(ids).toContain(support.id);
    expect(ids).toContain(adminPrivate.id);
    expect(mentionedIds(changes)).not.toContain(agentPrivate.id);
  });
});

describe('Private channels', () => {
  it('never show their requests or tombstones to another agent, not even an admin', async () => {
    const owner = await createAgent(t);
    const otherAdmin = await createAgent(t, { roles: ['admin', 'support_agent'] });
    const ownerChannel = await createChannel(t, [owner]);

    const kept = await createRequest(owner.api, 'Stays private');
    const deleted = await createRequest(owner.api, 'Deleted while private');
    const moved = await createRequest(owner.api, 'Moved out of Private');
    await addNote(owner.api, kept.id, 'A note nobody else may read');
    await deleteRequest(owner.api, deleted.id);
    await transfer(owner.api, moved.id, ownerChannel.id);

    // The owner sees all of it: the kept one, both tombstones and the moved one in its new channel.
    const ownerChanges = (await sync(owner.api, 0)).changes;
    expect(new Set(requestIds(ownerChanges))).toEqual(new Set([kept.id, moved.id]));
    expect(new Set(tombstoneIds(ownerChanges))).toEqual(new Set([deleted.id, moved.id]));

    for (const viewer of [t.admin, otherAdmin.api]) {
      const changes = (await syncPages(viewer, 0, 1_000)).flatMap((p) => p.changes);
      const ids = mentionedIds(changes);
      expect(ids).not.toContain(kept.id);
      expect(ids).not.toContain(deleted.id);
      // Once in a shared channel the moved request is visible to admins, but its Private tombstone is not.
      expect(requestIds(changes)).toContain(moved.id);
      expect(tombstoneIds(changes)).not.toContain(moved.id);
      expect((await viewer.get(`/requests/${kept.id}`)).status).toBe(404);
    }
  });
});

describe('paging', () => {
  it('gives every change once, in strictly increasing seq, with no gap between pages', async () => {
    const agent = await createAgent(t);
    const channel = await createChannel(t, [agent]);
    const created: SessionRequest[] = [];
    for (let i = 0; i < 9; i++) {
      created.push(await createRequest(agent.api, `Paged ${i}`, i % 2 === 0 ? channel.id : undefined));
    }
    await addNote(agent.api, created[0]!.id, 'moves request 0 to the end');
    await addNote(agent.api, created[3]!.id, 'moves request 3 to the end');
    await deleteRequest(agent.api, created[4]!.id);
    await transfer(agent.api, created[5]!.id, channel.id); // Private → shared: tombstone, then request
    await addNote(agent.api, created[0]!.id, 'request 0 again');

    const whole = await sync(agent.api, 0, 5_000);
    expect(whole.hasMore).toBe(false);
    // 8 live requests, the deleted one's tombstone and the transferred one's tombstone in Private.
    expect(whole.changes).toHaveLength(10);
    expect(new Set(requestIds(whole.changes))).toEqual(
      new Set(created.filter((_, i) => i !== 4).map((r) => r.id)),
    );
    expect(requestIds(whole.changes)).toHaveLength(8);
    expect(new Set(tombstoneIds(whole.changes))).toEqual(new Set([created[4]!.id, created[5]!.id]));
    expectStrictlyIncreasing(whole.changes.map((c) => c.seq));

    for (const limit of [1, 3, 4]) {
      const pages = await syncPages(agent.api, 0, limit);
      expect(pages.length).toBe(Math.floor(whole.changes.length / limit) + 1);
      let cursor = 0;
      for (const page of pages) {
        expect(page.changes.length).toBeLessThanOrEqual(limit);
        expect(page.hasMore).toBe(page.changes.length === limit);
        expect(page.next).toBe(page.changes.at(-1)?.seq ?? cursor);
        for (const change of page.changes) expect(change.seq).toBeGreaterThan(cursor);
        cursor = page.next;
      }
      // The union of the pages is the single big page, change for change and event for event: a full
      // sync's later pages carry each request's whole timeline, not only the events after their cursor.
      expect(pages.flatMap((p) => p.changes)).toEqual(whole.changes);
    }
  });

  it('keeps a request that changes between two pages, once, at its new seq', async () => {
    const agent = await createAgent(t);
    const a = await createRequest(agent.api, 'A');
    const b = await createRequest(agent.api, 'B');
    const c = await createRequest(agent.api, 'C');

    const first = await sync(agent.api, 0, 1);
    expect(requestIds(first.changes)).toEqual([a.id]);
    expect(first.hasMore).toBe(true);
    // B changes after the first page was read: it moves behind C.
    await addNote(agent.api, b.id, 'changed between pages');
    const rest = (await syncPages(agent.api, first.next, 1)).flatMap((p) => p.changes);
    expect(requestIds(rest)).toEqual([c.id, b.id]);
    expectStrictlyIncreasing([...first.changes, ...rest].map((ch) => ch.seq));
  });

  it('gives a request reached on a later page its whole timeline, not only the events after that page', async () => {
    const agent = await createAgent(t);
    const early = await createRequest(agent.api, 'Created first, noted last');
    await createRequest(agent.api, 'Between');
    await addNote(agent.api, early.id, 'a note after the others');

    const pages = await syncPages(agent.api, 0, 1);
    const index = pages.findIndex((p) =>
      p.changes.some((c) => c.type === 'request' && c.request.id === early.id),
    );
    const change = pages[index]!.changes[0]!;
    // Its page was asked from a cursor past its creation; a full sync still gets everything it has.
    expect(index).toBeGreaterThan(0);
    const types = change.type === 'request' ? change.events.map((e) => e.type) : [];
    expect([types[0], types.at(-1)]).toEqual(['created', 'note']);
  });
});

describe('a cursor', () => {
  it('returns only what changed after it, with only the timeline events after it', async () => {
    const agent = await createAgent(t);
    const untouched = await createRequest(agent.api, 'Untouched');
    const noted = await createRequest(agent.api, 'Noted twice');
    const closed = await createRequest(agent.api, 'Closed');
    const cursor = (await sync(agent.api, 0)).next;
    expect(cursor).toBe(closed.seq);

    await addNote(agent.api, noted.id, 'first note after the cursor');
    expectStatus(await agent.api.post(`/requests/${closed.id}/close`), 200);
    await addNote(agent.api, noted.id, 'second note after the cursor');

    const page = await sync(agent.api, cursor);
    expect(requestIds(page.changes)).toEqual([closed.id, noted.id]);
    expect(mentionedIds(page.changes)).not.toContain(untouched.id);
    const [closedChange, notedChange] = page.changes;
    expect(closedChange?.type === 'request' && closedChange.request.status).toBe('closed');
    expect(closedChange?.type === 'request' && closedChange.events.map((e) => e.type)).toEqual(['closed']);
    expect(notedChange?.type === 'request' && notedChange.events.map((e) => e.data['text'])).toEqual([
      'first note after the cursor',
      'second note after the cursor',
    ]);
    for (const change of page.changes) {
      if (change.type === 'request') expect(change.events.every((e) => e.seq > cursor)).toBe(true);
    }
    expect(page.next).toBe(notedChange!.seq);

    // From its own `next` there is nothing more.
    const after = await sync(agent.api, page.next);
    expect(after).toMatchObject({ changes: [], next: page.next, hasMore: false });
  });

  it('answers head as the newest seq, and since = head with nothing', async () => {
    const agent = await createAgent(t);
    await createRequest(agent.api, 'Head');
    const now = await head(t);
    const page = await sync(agent.api, now);
    expect(page).toEqual({ changes: [], next: now, hasMore: false, head: now });
  });
});

describe('tombstones', () => {
  it('tell an agent a request was deleted', async () => {
    const agent = await createAgent(t);
    const channel = await createChannel(t, [agent]);
    const doomed = await createRequest(t.admin, 'Doomed', channel.id);
    const kept = await createRequest(t.admin, 'Kept', channel.id);
    const cursor = (await sync(agent.api, 0)).next;

    await deleteRequest(t.admin, doomed.id);

    const page = await sync(agent.api, cursor);
    expect(page.changes).toEqual([{ type: 'tombstone', seq: page.head, requestId: doomed.id }]);
    // From 0 the deleted request is not there as a request, only (harmlessly) as its tombstone.
    const fromZero = (await sync(agent.api, 0)).changes;
    expect(requestIds(fromZero)).toEqual([kept.id]);
    expect(tombstoneIds(fromZero)).toEqual([doomed.id]);
  });

  it('tell an agent a request moved to a channel they cannot see; one who sees both gets delete, then upsert', async () => {
    const before = await createAgent(t);
    const after = await createAgent(t);
    const from = await createChannel(t, [before]);
    const to = await createChannel(t, [after]);
    const request = await createRequest(t.admin, 'Moving', from.id);
    const cursorBefore = (await sync(before.api, 0)).next;
    const cursorAfter = (await sync(after.api, 0)).next;
    const cursorAdmin = await head(t);

    const moved = await transfer(t.admin, request.id, to.id);
    expect(moved.channelId).toBe(to.id);

    // Only in the old channel: a tombstone, just before the request's new seq.
    const lost = await sync(before.api, cursorBefore);
    expect(lost.changes).toEqual([{ type: 'tombstone', seq: moved.seq - 1, requestId: request.id }]);
    // Only in the new channel: the request, with the transfer on its timeline, and no tombstone.
    const gained = await sync(after.api, cursorAfter);
    expect(gained.changes.map((c) => c.type)).toEqual(['request']);
    const gainedChange = gained.changes[0]!;
    expect(gainedChange.seq).toBe(moved.seq);
    expect(gainedChange.type === 'request' && gainedChange.request.channelId).toBe(to.id);
    expect(gainedChange.type === 'request' && gainedChange.events.map((e) => e.type)).toContain(
      'transferred',
    );
    // Seeing both (the admin): the tombstone at n, then the request at n + 1.
    const both = (await sync(t.admin, cursorAdmin)).changes.filter(
      (c) => (c.type === 'request' ? c.request.id : c.requestId) === request.id,
    );
    expect(both.map((c) => [c.type, c.seq])).toEqual([
      ['tombstone', moved.seq - 1],
      ['request', moved.seq],
    ]);
  });
});

describe('410 resync_required', () => {
  // These change agents' access: their own service, which also keeps the file's sign-ins under the rate limit.
  let r: TestService;

  beforeAll(async () => {
    r = await startTestService();
  });

  afterAll(async () => {
    await r.cleanup();
  });

  it('for a cursor beyond head, while head itself and 0 are served', async () => {
    const agent = await createAgent(r);
    await createRequest(agent.api, 'Something');
    const now = await head(r);
    await expectResync(agent.api, now + 1);
    await expectResync(agent.api, now + 1_000_000);
    expect((await sync(agent.api, now)).changes).toEqual([]);
    expect((await sync(agent.api, 0)).changes).toHaveLength(1);
  });

  it('for a cursor older than a membership change, while 0 still works', async () => {
    const agent = await createAgent(r);
    const channel = await createChannel(r);
    const existing = await createRequest(r.admin, 'Already in the channel', channel.id);
    const mine = await createRequest(agent.api, 'Mine');
    // The agent's cursor, then a change elsewhere, so the cursor is behind head.
    const cursor = (await sync(agent.api, 0)).next;
    expect(cursor).toBe(mine.seq);
    await createRequest(r.admin, 'Elsewhere', channel.id);

    await addMember(r, channel.id, agent);

    await expectResync(agent.api, cursor);
    const fresh = await sync(agent.api, 0);
    expect(new Set(requestIds(fresh.changes))).toContain(existing.id);
    expect(new Set(requestIds(fresh.changes))).toContain(mine.id);
    // And the cursor the fresh sync gives is served.
    expect((await sync(agent.api, fresh.next)).changes).toEqual([]);
  });

  it('after a membership change, gives from 0 a cursor that is served (no endless resync)', async () => {
    const agent = await createAgent(r);
    const joined = await createChannel(r);
    const unseen = await createChannel(r);
    const existing = await createRequest(r.admin, 'In the channel the agent joins', joined.id);
    await createRequest(agent.api, 'Mine');
    // The newest change before the membership change is one the agent will never see.
    await createRequest(r.admin, 'Invisible to the agent', unseen.id);

    await addMember(r, joined.id, agent);

    const fresh = await sync(agent.api, 0);
    expect(requestIds(fresh.changes)).toContain(existing.id);
    expect(fresh.hasMore).toBe(false);
    // Having synced everything from 0, the agent must be able to go on from the cursor it was given.
    const next = await syncResponse(agent.api, fresh.next);
    expect(next.status, JSON.stringify(next.body)).toBe(200);
  });

  it('for a caught-up cursor (= head) when the agent is added to a channel', async () => {
    const agent = await createAgent(r);
    const channel = await createChannel(r);
    const existing = await createRequest(r.admin, 'Predates the membership', channel.id);
    await createRequest(agent.api, 'Mine');
    const page = await sync(agent.api, 0);
    // Caught up: nothing changed anywhere since the agent's last change.
    expect(page.next).toBe(page.head);
    expect(page.head).toBe(await head(r));

    await addMember(r, channel.id, agent);

    // From its cursor the agent would never learn of `existing`: it must start over.
    await expectResync(agent.api, page.next);
    expect(requestIds((await sync(agent.api, 0)).changes)).toContain(existing.id);
  });

  it('for a caught-up cursor (= head) when the agent is removed from a channel', async () => {
    const agent = await createAgent(r);
    const channel = await createChannel(r, [agent]);
    const seen = await createRequest(r.admin, 'Seen, then out of reach', channel.id);
    await createRequest(r.admin, 'Another', channel.id);
    const page = await sync(agent.api, 0);
    expect(requestIds(page.changes)).toContain(seen.id);
    expect(page.next).toBe(await head(r));

    expectStatus(await r.admin.delete(`/channels/${channel.id}/members/${agent.agent.id}`), 200);

    // No tombstone tells the agent to drop what it saw there: its cursor must not be served.
    await expectResync(agent.api, page.next);
    expect(mentionedIds((await sync(agent.api, 0)).changes)).not.toContain(seen.id);
  });
  it('pages a full sync begun after a change of access to its end in small pages', async () => {
    const agent = await createAgent(r);
    const channel = await createChannel(r);
    const existing = await createRequest(r.admin, 'In the channel the agent joins', channel.id);
    const mine = [];
    for (let i = 0; i < 4; i++) mine.push(await createRequest(agent.api, `Mine ${i}`));
    // A full sync under the old access, stopped after its first page.
    const old = await sync(agent.api, 0, 1);
    expect(old.hasMore).toBe(true);

    await addMember(r, channel.id, agent);
    // The agent's own requests all come before the change: each page of 1 ends below it.
    const pages = await syncPages(agent.api, 0, 1);
    expect(pages.length).toBeGreaterThan(4);
    expect(new Set(requestIds(pages.flatMap((p) => p.changes)))).toEqual(
      new Set([existing, ...mine].map((c) => c.id)),
    );
    expect(pages.every((p) => p.fullSyncHead === pages[0]!.fullSyncHead)).toBe(true);
    // The full sync under the old access cannot go on: its pages would miss `existing`.
    await expectResync(agent.api, old.next, old.fullSyncHead);
    await expectResync(agent.api, old.next);
    // Nor can a cursor from a page of the new one without the head that proves it is new.
    await expectResync(agent.api, pages[0]!.next);
    // A full sync's head beyond the service's head is no sync this service served.
    await expectResync(agent.api, pages[0]!.next, (await head(r)) + 1);
  });
});

describe('tombstone pruning', () => {
  let p: TestService;

  beforeAll(async () => {
    p = await startTestService();
  });

  afterAll(async () => {
    await p.cleanup();
  });

  /** The scheduler runs housekeeping once when it starts: a restart with it on prunes at the clock's time. */
  async function restartWithHousekeeping(): Promise<void> {
    p = await p.restart({ scheduler: true });
  }

  it('keeps tombstones 30 days; after that a cursor from before them answers 410, and 0 still works', async () => {
    const channel = await createChannel(p);
    const doomed = await createRequest(p.admin, 'Deleted', channel.id);
    const kept = await createRequest(p.admin, 'Kept', channel.id);
    const before = (await sync(p.admin, 0)).next;
    await deleteRequest(p.admin, doomed.id);
    const tombstoneSeq = await head(p);

    // 29 days on, housekeeping keeps the tombstone: the old cursor is served and gets it.
    p.clock.advance(29 * DAY_MS);
    await restartWithHousekeeping();
    const kept29 = await sync(p.admin, before);
    expect(kept29.changes).toContainEqual({ type: 'tombstone', seq: tombstoneSeq, requestId: doomed.id });

    // Past 30 days it is pruned: a cursor from before it must start over; one from after it is fine.
    p.clock.advance(2 * DAY_MS);
    await restartWithHousekeeping();
    await expectResync(p.admin, before);
    await expectResync(p.admin, tombstoneSeq - 1);
    expect((await syncResponse(p.admin, tombstoneSeq)).status).toBe(200);
    const fresh = await sync(p.admin, 0);
    expect(requestIds(fresh.changes)).toContain(kept.id);
    expect(mentionedIds(fresh.changes)).not.toContain(doomed.id);
  });

  it('lets a full sync from 0 page on through cursors below the pruned tombstones it does not need', async () => {
    const channel = await createChannel(p);
    const kept = [];
    for (let i = 0; i < 3; i++) kept.push(await createRequest(p.admin, `Kept ${i}`, channel.id));
    const doomed = await createRequest(p.admin, 'Deleted', channel.id);
    // Once they have expired, the requests do not change again: they stay below the tombstone.
    p.clock.advance(31 * DAY_MS);
    await restartWithHousekeeping();
    await deleteRequest(p.admin, doomed.id);
    const tombstoneSeq = await head(p);
    p.clock.advance(31 * DAY_MS);
    await restartWithHousekeeping();
    await expectResync(p.admin, tombstoneSeq - 1);

    const pages = await syncPages(p.admin, 0, 1);
    expect(pages[0]!.next).toBeLessThan(tombstoneSeq);
    const changes = pages.flatMap((page) => page.changes);
    expect(requestIds(changes)).toEqual(expect.arrayContaining(kept.map((r) => r.id)));
    expect(mentionedIds(changes)).not.toContain(doomed.id);
  });
});
