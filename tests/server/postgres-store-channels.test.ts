/** Channels: the PostgreSQL SQL against the SQLite SQL, one table of cases run on both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableStoreBackends, type TableStore } from '../support/table-stores';

describe.each(tableStoreBackends())('channels ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => (store = await backend.open()));
  afterEach(() => store.close());

  const shared = (id: string, name: string) =>
    store.channels.insert(
      { id, name, kind: 'shared', ownerId: null, defaultExpiryMinutes: 60, participantLimit: 5 },
      1_000,
    );

  it('inserts, reads back and updates a channel', async () => {
    await shared('c1', 'Desk');
    const channel = (await store.channels.get('c1'))!;
    expect(channel).toEqual({
      id: 'c1',
      name: 'Desk',
      kind: 'shared',
      ownerId: null,
      defaultExpiryMinutes: 60,
      participantLimit: 5,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    await store.channels.update(
      { ...channel, name: 'Front desk', defaultExpiryMinutes: 30, participantLimit: 2 },
      2_000,
    );
    expect(await store.channels.get('c1')).toEqual({
      ...channel,
      name: 'Front desk',
      defaultExpiryMinutes: 30,
      participantLimit: 2,
      updatedAt: 2_000,
    });
    expect(await store.channels.get('none')).toBeUndefined();
  });

  it("finds an agent's private channel, one each", async () => {
    await store.agents.insert({ id: 'a', email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' }, 0);
    expect(await store.channels.privateChannelOf('a')).toBeUndefined();
    const mine = {
      id: 'p-a',
      name: 'A',
      kind: 'private',
      ownerId: 'a',
      defaultExpiryMinutes: 10,
      participantLimit: 1,
    } as const;
    await store.channels.insert(mine, 5);
    expect(await store.channels.privateChannelOf('a')).toEqual({ ...mine, createdAt: 5, updatedAt: 5 });
    await expect(store.channels.insert({ ...mine, id: 'p-a2' }, 5)).rejects.toThrow();
  });

  it('lists shared channels first, each kind by name whatever its case, byte order otherwise, then id', async () => {
    await store.agents.insert({ id: 'a', email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' }, 0);
    await store.channels.insert(
      { id: 'p', name: 'Aaa', kind: 'private', ownerId: 'a', defaultExpiryMinutes: 10, participantLimit: 1 },
      0,
    );
    for (const [id, name] of [
      ['s3', 'desk'],
      ['s2', 'Desk'],
      ['s1', 'De_k'],
      ['s0', 'Zoo'],
      ['s4', 'Ökö'],
    ] as const)
      await shared(id, name);
    expect((await store.channels.list()).map((c) => c.id)).toEqual(['s1', 's2', 's3', 's0', 's4', 'p']);
  });
});
