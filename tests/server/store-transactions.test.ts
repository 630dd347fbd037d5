/**
 * The async store's transactions on a real SQLite file: one connection shared by every caller, so the
 * store must keep concurrent transactions apart (its FIFO lock), find the open transaction of each call
 * (AsyncLocalStorage), nest with savepoints, publish in commit order, and refuse calls from a transaction
 * that has ended.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { SecretBox } from '../../server/services/crypto';
import { SqliteStore, TransactionEndedError } from '../../server/store/sqlite/sqlite-store';

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sessiondesk-store-'));
  store = new SqliteStore(openDatabase(join(dir, 'sessiondesk.db')), new SecretBox(randomBytes(32)));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A shared channel named `id`, written through the store. */
const addChannel = (id: string) =>
  store.channels.insert(
    { id, name: id, kind: 'shared', ownerId: null, defaultExpiryMinutes: 60, participantLimit: 5 },
    0,
  );

const channelIds = async () =>
  (await store.channels.list()).map((c) => c.id).filter((id) => id.startsWith('t-'));

/** A promise and the function that resolves it: a step the test lets happen when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('store transactions (SQLite)', () => {
  it('runs two transactions started together one after the other: the second sees only what the first committed', async () => {
    const steps: string[] = [];
    const first = store.transaction(async () => {
      steps.push('first begins');
      await addChannel('t-a');
      steps.push(`first sees ${(await channelIds()).join(',')}`);
      await addChannel('t-b');
      steps.push('first ends');
    });
    const second = store.transaction(async () => {
      steps.push(`second sees ${(await channelIds()).join(',')}`);
    });
    // A single call from outside any transaction waits for the open one too.
    const outside = channelIds();
    await Promise.all([first, second]);
    expect(steps).toEqual(['first begins', 'first sees t-a', 'first ends', 'second sees t-a,t-b']);
    expect(await outside).toEqual(['t-a', 't-b']);
  });

  it('rolls back only the failing transaction’s writes', async () => {
    const failing = store.transaction(async () => {
      await addChannel('t-failed');
      await channelIds();
      throw new Error('it fails');
    });
    const succeeding = store.transaction(async () => {
      await addChannel('t-kept');
      await channelIds();
    });
    await expect(failing).rejects.toThrow('it fails');
    await succeeding;
    expect(await channelIds()).toEqual(['t-kept']);
  });

  it('rolls a nested transaction that throws back to its savepoint, and keeps the rest', async () => {
    await store.transaction(async () => {
      await addChannel('t-outer');
      await expect(
        store.transaction(async () => {
          await addChannel('t-inner');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await store.transaction(() => addChannel('t-inner-kept'));
    });
    expect((await channelIds()).sort()).toEqual(['t-inner-kept', 't-outer']);
  });

  it('runs commit hooks in commit order, before the next transaction begins, and never after a rollback', async () => {
    const steps: string[] = [];
    const first = store.transaction(async () => {
      store.onCommit(() => steps.push('first published'));
      await addChannel('t-a');
      await channelIds();
      steps.push('first committing');
    });
    const rolledBack = store.transaction(async () => {
      store.onCommit(() => steps.push('rolled back published'));
      await addChannel('t-x');
      throw new Error('rolled back');
    });
    const third = store.transaction(async () => {
      steps.push('third begins');
      await store.transaction(async () => {
        store.onCommit(() => steps.push('third (nested) published'));
        await addChannel('t-c');
      });
      steps.push('third committing');
    });
    await Promise.allSettled([first, rolledBack, third]);
    expect(steps).toEqual([
      'first committing',
      'first published',
      'third begins',
      'third committing',
      'third (nested) published',
    ]);
    // Outside a transaction a hook runs at once.
    store.onCommit(() => steps.push('at once'));
    expect(steps.at(-1)).toBe('at once');
  });

  it('refuses a store call made from a transaction that has already ended', async () => {
    const later = gate();
    let leftRunning: Promise<unknown> | undefined;
    await store.transaction(async () => {
      await addChannel('t-a');
      leftRunning = later.opened.then(() => addChannel('t-late'));
    });
    later.open();
    await expect(leftRunning).rejects.toThrow(TransactionEndedError);
    expect(await channelIds()).toEqual(['t-a']);
  });
});
