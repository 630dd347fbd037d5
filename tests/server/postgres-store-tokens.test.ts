/** Access and refresh tokens: the PostgreSQL SQL against the SQLite SQL, one table of cases run on both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgents, tableStoreBackends, type TableStore } from '../support/table-stores';

describe.each(tableStoreBackends())('tokens ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => {
    store = await backend.open();
    await addAgents(store, 'a', 'b');
  });
  afterEach(() => store.close());

  it('adds and finds access and refresh tokens; marks a refresh token used once', async () => {
    await store.tokens.addAccess('acc1', 'fam1', 'a', 500);
    await store.tokens.addRefresh('ref1', 'fam1', 'a', 900, 100);
    expect(await store.tokens.findAccess('acc1')).toEqual({ agentId: 'a', familyId: 'fam1', expiresAt: 500 });
    expect(await store.tokens.findAccess('nope')).toBeUndefined();
    expect(await store.tokens.findRefresh('ref1')).toEqual({
      tokenHash: 'ref1',
      familyId: 'fam1',
      agentId: 'a',
      expiresAt: 900,
      usedAt: null,
    });
    expect(await store.tokens.markRefreshUsed('ref1', 200)).toBe(true);
    expect(await store.tokens.markRefreshUsed('ref1', 300)).toBe(false);
    expect(await store.tokens.markRefreshUsed('nope', 300)).toBe(false);
    expect((await store.tokens.findRefresh('ref1'))?.usedAt).toBe(200);
  });

  it('revokes a family, an agent, and prunes what has expired (at its expiry included)', async () => {
    await store.tokens.addAccess('acc1', 'fam1', 'a', 500);
    await store.tokens.addRefresh('ref1', 'fam1', 'a', 900, 0);
    await store.tokens.addAccess('acc2', 'fam2', 'a', 500);
    await store.tokens.addRefresh('ref2', 'fam2', 'a', 900, 0);
    await store.tokens.addAccess('acc3', 'fam3', 'b', 100);
    await store.tokens.addRefresh('ref3', 'fam3', 'b', 101, 0);
    await store.tokens.revokeFamily('fam1');
    expect(await store.tokens.findAccess('acc1')).toBeUndefined();
    expect(await store.tokens.findRefresh('ref1')).toBeUndefined();
    expect(await store.tokens.findAccess('acc2')).toBeDefined();
    await store.tokens.pruneExpired(100);
    expect(await store.tokens.findAccess('acc3')).toBeUndefined();
    expect(await store.tokens.findRefresh('ref3')).toBeDefined();
    await store.tokens.revokeAgent('a');
    expect(await store.tokens.findAccess('acc2')).toBeUndefined();
    expect(await store.tokens.findRefresh('ref2')).toBeUndefined();
    expect(await store.tokens.findRefresh('ref3')).toBeDefined();
  });
});
