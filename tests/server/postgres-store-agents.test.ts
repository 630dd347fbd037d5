/**
 * Agents and their memberships: the PostgreSQL SQL against the SQLite SQL, one table of cases run on both
 * (tests/support/table-stores.ts), so that a difference between the dialects fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableStoreBackends, type TableStore } from '../support/table-stores';

describe.each(tableStoreBackends())('agents and memberships ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => (store = await backend.open()));
  afterEach(() => store.close());

  const addAgent = (id: string, name: string, email = `${id}@example.com`) =>
    store.agents.insert({ id, email, name, roles: ['support_agent'], passwordHash: `hash-${id}` }, 1_000);
  const addChannel = (id: string) =>
    store.channels.insert(
      { id, name: id, kind: 'shared', ownerId: null, defaultExpiryMinutes: 60, participantLimit: 5 },
      0,
    );

  it('inserts an agent and reads it back by id and by e-mail whatever its case', async () => {
    await store.agents.insert(
      {
        id: 'a1',
        email: 'Ada@Example.com',
        name: 'Ada',
        roles: ['admin', 'support_agent'],
        passwordHash: 'h',
      },
      1_700_000_000_000,
    );
    const expected = {
      id: 'a1',
      email: 'Ada@Example.com',
      name: 'Ada',
      roles: ['admin', 'support_agent'],
      disabled: false,
      passwordHash: 'h',
      resyncFromSeq: 0,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    };
    expect(await store.agents.get('a1')).toEqual(expected);
    expect(await store.agents.getByEmail('ada@example.COM')).toEqual(expected);
    expect(await store.agents.get('nobody')).toBeUndefined();
    expect(await store.agents.getByEmail('nobody@example.com')).toBeUndefined();
  });

  it('refuses a second agent with the same e-mail in another case', async () => {
    await addAgent('a1', 'Ada', 'ada@example.com');
    await expect(addAgent('a2', 'Other', 'ADA@example.com')).rejects.toThrow();
  });

  it('lists agents by name whatever its case, byte order otherwise, then id; counts them', async () => {
    for (const [id, name] of [
      ['z', 'bob'],
      ['y', 'Bob'],
      ['x', 'alice'],
      ['w', 'Al_x'],
      ['v', 'ALB'],
      ['u', 'Émile'],
      ['t', 'zed'],
    ] as const)
      await addAgent(id, name);
    expect((await store.agents.list()).map((a) => a.name)).toEqual([
      'Al_x',
      'ALB',
      'alice',
      'Bob',
      'bob',
      'zed',
      'Émile',
    ]);
    expect(await store.agents.count()).toBe(7);
  });

  it('updates roles, name, password and disabled; requires a resync from a seq', async () => {
    await addAgent('a1', 'Ada');
    const agent = (await store.agents.get('a1'))!;
    await store.agents.update(
      { ...agent, name: 'Ada L.', roles: ['admin'], disabled: true, passwordHash: 'new' },
      2_000,
    );
    await store.agents.requireResync('a1', 42);
    expect(await store.agents.get('a1')).toEqual({
      ...agent,
      name: 'Ada L.',
      roles: ['admin'],
      disabled: true,
      passwordHash: 'new',
      resyncFromSeq: 42,
      updatedAt: 2_000,
    });
  });

  it('sets, changes and removes memberships, listing them per agent and per channel', async () => {
    await addAgent('b', 'B');
    await addAgent('a', 'A');
    await addChannel('c1');
    await addChannel('c2');
    await store.agents.setMembership('c1', 'b', false);
    await store.agents.setMembership('c1', 'a', true);
    await store.agents.setMembership('c2', 'b', true);
    await store.agents.setMembership('c1', 'b', true);
    expect(await store.agents.members('c1')).toEqual([
      { channelId: 'c1', agentId: 'a', canRelease: true },
      { channelId: 'c1', agentId: 'b', canRelease: true },
    ]);
    expect(
      (await store.agents.memberships('b')).sort((x, y) => x.channelId.localeCompare(y.channelId)),
    ).toEqual([
      { channelId: 'c1', agentId: 'b', canRelease: true },
      { channelId: 'c2', agentId: 'b', canRelease: true },
    ]);
    expect(await store.agents.removeMembership('c1', 'b')).toBe(true);
    expect(await store.agents.removeMembership('c1', 'b')).toBe(false);
    expect(await store.agents.memberships('b')).toEqual([
      { channelId: 'c2', agentId: 'b', canRelease: true },
    ]);
  });
});
