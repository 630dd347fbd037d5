/** The organisation settings: the PostgreSQL SQL against the SQLite SQL, one table of cases run on both. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationRow } from '../../server/store/rows';
import { tableStoreBackends, type TableStore } from '../support/table-stores';

const CONFIGURED: OrganisationRow = {
  name: 'Acme IT',
  remoteAppName: 'RustDesk',
  remoteAppUrl: 'https://rustdesk.com',
  remoteIdRequired: true,
  remoteAppInstructions: 'Open it.\nRead the ID.',
  consentGraceMinutes: 10,
  auditRetentionDays: 365,
  requireTwoFactor: false,
  requireCloseOutcome: false,
  satisfactionEmail: false,
  updatedAt: 1_000,
};

describe.each(tableStoreBackends())('organisation ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => (store = await backend.open()));
  afterEach(() => store.close());

  it('has no settings before the seed, which fills them once; what an admin put wins over a later seed', async () => {
    expect(await store.organisation.get()).toBeUndefined();
    await store.organisation.seed(CONFIGURED);
    expect(await store.organisation.get()).toEqual(CONFIGURED);
    const saved = {
      ...CONFIGURED,
      name: 'Acme',
      remoteIdRequired: false,
      consentGraceMinutes: 0,
      auditRetentionDays: 30,
      updatedAt: 2_000,
    };
    await store.organisation.put(saved);
    expect(await store.organisation.get()).toEqual(saved);
    await store.organisation.seed({ ...CONFIGURED, name: 'From the configuration' });
    expect(await store.organisation.get()).toEqual(saved);
  });

  it('puts the settings when none were seeded', async () => {
    await store.organisation.put(CONFIGURED);
    expect(await store.organisation.get()).toEqual(CONFIGURED);
  });
});
