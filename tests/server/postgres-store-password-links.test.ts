/** Set-password links: the PostgreSQL SQL against the SQLite SQL, one table of cases run on both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgents, tableStoreBackends, type TableStore } from '../support/table-stores';

describe.each(tableStoreBackends())('password links ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => {
    store = await backend.open();
    await addAgents(store, 'a', 'b');
  });
  afterEach(() => store.close());

  it('adds and finds a link, which is used once', async () => {
    await store.passwordLinks.add('l1', 'a', 1_000, 10);
    expect(await store.passwordLinks.find('l1')).toEqual({
      tokenHash: 'l1',
      agentId: 'a',
      expiresAt: 1_000,
      usedAt: null,
    });
    expect(await store.passwordLinks.find('nope')).toBeUndefined();
    expect(await store.passwordLinks.markUsed('l1', 20)).toBe(true);
    expect(await store.passwordLinks.markUsed('l1', 30)).toBe(false);
    expect((await store.passwordLinks.find('l1'))?.usedAt).toBe(20);
  });

  it("deletes an agent's links and prunes those expired (at their expiry included)", async () => {
    await store.passwordLinks.add('l1', 'a', 1_000, 0);
    await store.passwordLinks.add('l2', 'a', 1_000, 0);
    await store.passwordLinks.add('l3', 'b', 100, 0);
    await store.passwordLinks.add('l4', 'b', 101, 0);
    await store.passwordLinks.deleteForAgent('a');
    await store.passwordLinks.pruneExpired(100);
    const left = [];
    for (const hash of ['l1', 'l2', 'l3', 'l4']) if (await store.passwordLinks.find(hash)) left.push(hash);
    expect(left).toEqual(['l4']);
  });
});
