/**
 * The cache and the chat (issue 19): a message to the end user is queued in the outbox (kind `message`)
 * and shown at once as pending, until the feed brings its event; each row counts the end user's
 * messages after the agent's read marker; and a cache of schema 6 upgrades with its outbox and the rows
 * created offline kept (the outbox is made again for its new kind).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestQuerySchema } from '@shared/ipc/contract';
import type { SessionRequest } from '@shared/domain/session-request';
import type { TimelineEvent } from '@shared/protocol/api';
import { CACHE_MIGRATIONS } from '../../../main/core/cache/cache-migrations';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { toColumns } from '../../../main/core/cache/request-columns';
import { ENGINES } from '../support/cache-engines';
import { sessionRequest } from '../support/session-request';

const ID = '5e1f0c2a-0000-4000-8000-0000000000c1';
const times = { createdAt: '2026-03-10T12:00:00Z', updatedAt: '2026-03-10T12:00:00Z' };
const request = (seq: number): SessionRequest => sessionRequest({ ...times, id: ID, seq });
const me = { id: 'me', name: 'Dana' };

let nextEvent = 100;
function message(seq: number, from: 'end_user' | 'agent', text: string): TimelineEvent {
  return {
    id: nextEvent++,
    requestId: ID,
    seq,
    at: '2026-03-10T12:05:00Z',
    type: 'message',
    actor: from === 'end_user' ? { kind: 'end_user' } : { kind: 'agent', agentId: 'me', name: 'Dana' },
    data: { text, from, byEmail: false },
  };
}

describe.each(ENGINES)('the cache and the chat on $name', ({ make }) => {
  const engine = make();
  const stores: CacheStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    engine.cleanup();
  });

  async function open(path = engine.place()): Promise<CacheStore> {
    const store = CacheStore.over(await engine.open(path));
    stores.push(store);
    return store;
  }

  /** The feed brings the request at `seq` with these events. */
  const feed = (store: CacheStore, seq: number, events: TimelineEvent[] = []) =>
    store.applyLive([{ type: 'request', seq, request: request(seq), events }], seq);

  const unread = (store: CacheStore) => ({
    row: store.request(ID)?.unread,
    page: store.page(requestQuerySchema.parse({ view: { type: 'all' } }), 'me', 0).rows[0]?.unread,
  });

  it('queues a message, shows it pending at once, and forgets it when the feed brings it', async () => {
    const store = await open();
    feed(store, 1);
    const outboxId = store.queueMessage(
      'key-1',
      ID,
      { text: 'On my way <b>now</b>', byEmail: true, bySms: true },
      Date.parse(times.createdAt),
    );

    const entry = store.nextOutbox()!;
    expect(entry).toMatchObject({
      id: outboxId,
      kind: 'message',
      idempotencyKey: 'key-1',
      requestId: ID,
      payload: { text: 'On my way <b>now</b>', byEmail: true, bySms: true },
      state: 'queued',
    });
    const pending = () => store.details(ID, me)!.timeline.filter((e) => e.pending !== null);
    expect(pending()).toEqual([
      {
        key: `outbox:${outboxId}`,
        event: expect.objectContaining({
          type: 'message',
          actor: { kind: 'agent', agentId: 'me', name: 'Dana' },
          data: { text: 'On my way <b>now</b>', from: 'agent', byEmail: true },
        }),
        pending: { outboxId, state: 'queued', error: null },
      },
    ]);

    // Sent: the service answered the request at seq 2; shown until the feed reaches it.
    store.markSending(outboxId);
    store.completeNote(outboxId, ID, 2);
    expect(store.nextOutbox()).toBeNull();
    expect(pending()).toHaveLength(1);
    feed(store, 2, [message(2, 'agent', 'On my way <b>now</b>')]);
    expect(pending()).toEqual([]);
    expect(store.details(ID, me)!.timeline.map((e) => e.event.type)).toEqual(['message']);
  });

  it('keeps a refusal on the message until it is discarded', async () => {
    const store = await open();
    feed(store, 1);
    const outboxId = store.queueMessage('key-2', ID, { text: 'Hello', byEmail: false, bySms: false }, 0);
    store.rejectOutbox(outboxId, { code: 'request_closed', message: 'The request is closed.' });
    expect(store.details(ID, me)!.timeline.at(-1)!.pending).toMatchObject({
      state: 'rejected',
      error: { code: 'request_closed' },
    });
    expect(store.discardOutbox(outboxId)).toEqual({ changed: [ID], removed: [] });
    expect(store.details(ID, me)!.timeline).toEqual([]);
  });

  it('counts the end user’s messages after the read marker', async () => {
    const store = await open();
    feed(store, 1);
    expect(unread(store)).toEqual({ row: 0, page: 0 });
    feed(store, 2, [message(2, 'end_user', 'Hello?'), message(2, 'agent', 'Hi Ana')]);
    feed(store, 3, [message(3, 'end_user', 'Still there?')]);
    expect(unread(store)).toEqual({ row: 2, page: 2 });

    expect(store.markRead(ID)).toEqual({ changed: [ID], removed: [] });
    expect(unread(store)).toEqual({ row: 0, page: 0 });
    // Read again with nothing new: nothing changed.
    expect(store.markRead(ID)).toEqual({ changed: [], removed: [] });

    feed(store, 4, [message(4, 'agent', 'Yes')]);
    expect(unread(store).row).toBe(0);
    feed(store, 5, [message(5, 'end_user', 'Thanks')]);
    expect(unread(store)).toEqual({ row: 1, page: 1 });
  });

  it('ignores a read marker for a request it does not have, and forgets it with its request', async () => {
    const store = await open();
    expect(store.markRead(ID)).toEqual({ changed: [], removed: [] });
    const hello = message(1, 'end_user', 'Hello?');
    feed(store, 1, [hello]);
    store.markRead(ID);
    store.applyLive([{ type: 'tombstone', seq: 2, requestId: ID }], 2);
    // Back in the agent's view (a full sync brings its whole timeline): the marker went with it, so
    // everything the end user wrote is unread.
    feed(store, 3, [hello, message(3, 'end_user', 'Back again')]);
    expect(unread(store).row).toBe(2);
  });

  it('upgrades a schema 6 cache: its outbox and the rows created offline stay, ids carry on', async () => {
    const path = engine.place();
    const old = await engine.raw(path);
    old.pragma('foreign_keys = ON');
    for (const [i, sql] of CACHE_MIGRATIONS.slice(0, 6).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${i + 1}`);
    }
    const insertOutbox = old.prepare(
      `INSERT INTO outbox (kind, idempotency_key, request_id, payload, state, created_at)
       VALUES (?, ?, ?, ?, 'queued', 0)`,
    );
    insertOutbox.run('note', 'gone', ID, '{"text":"sent long ago"}');
    const createId = Number(insertOutbox.run('create', 'offline-1', null, '{}').lastInsertRowid);
    const noteId = Number(
      insertOutbox.run('note', 'note-1', ID, '{"text":"Left a voicemail"}').lastInsertRowid,
    );
    // The highest id ever given was 3: a new entry after the upgrade must not take it again.
    old.prepare('DELETE FROM outbox WHERE idempotency_key = ?').run('gone');
    old
      .prepare(
        `INSERT INTO outbox (kind, idempotency_key, payload, state, created_at)
      VALUES ('create', 'later', '{}', 'queued', 0)`,
      )
      .run();
    old.prepare("DELETE FROM outbox WHERE idempotency_key = 'later'").run();
    const local = sessionRequest({ ...times, id: 'local:offline-1', recipientName: 'Made offline' });
    const columns = { ...toColumns(local), outbox_id: createId };
    const names = Object.keys(columns);
    old
      .prepare(`INSERT INTO requests (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
      .run(columns);
    const server = { ...toColumns(request(1)), outbox_id: null };
    old
      .prepare(`INSERT INTO requests (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`)
      .run(server);
    old.close();

    const upgraded = await open(path);
    expect(upgraded.request('local:offline-1')?.pending).toMatchObject({
      outboxId: createId,
      state: 'queued',
    });
    expect(upgraded.nextOutbox()).toMatchObject({ id: createId, kind: 'create' });
    expect(upgraded.details(ID, me)!.timeline.map((e) => [e.key, e.event.data['text']])).toEqual([
      [`outbox:${noteId}`, 'Left a voicemail'],
    ]);
    const messageId = upgraded.queueMessage('m-1', ID, { text: 'Hello', byEmail: false, bySms: false }, 0);
    expect(messageId).toBe(5);
    // The rows created offline still go with their outbox entry.
    upgraded.discardOutbox(createId);
    expect(upgraded.request('local:offline-1')).toBeNull();
  });
});
