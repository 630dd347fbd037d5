/**
 * The store over a scripted bridge, in Node: what it asks the main process for, and when. Live
 * `requests` events are batched per frame — however many arrive, one re-read of the rows on screen and
 * of the counts per frame — and the open request's details are re-read only when it changed.
 */
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayloads, SessiondeskBridge } from '../../shared/ipc/contract';
import type { AccountView, RequestRow } from '../../shared/ipc/views';
import { createAppStore } from '../../renderer/src/store/app-store';
import { AGENTS, CHANNELS, me, row } from './fixtures';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function scriptedBridge(rows: RequestRow[], account: AccountView | null) {
  const calls: { name: string; input: any }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let signOutRefusal: string | null = null;
  const answer = (name: string, input: any): unknown => {
    switch (name) {
      case 'account.get':
        return account;
      case 'connection.get':
        return { state: 'live', since: 1, reason: null, nextAttemptAt: null };
      case 'settings.get':
        return { values: { theme: 'system' }, locked: {}, remoteClients: [], autoUpdate: true };
      case 'directory.get':
        return { agents: AGENTS, channels: CHANNELS };
      case 'sync.get':
        return { phase: 'live', received: 0, total: null, lastAppliedAt: null };
      case 'requests.counts':
        return { all: rows.length, home: rows.length, past: 0, upcoming: 0, channels: {}, readyForMe: 0 };
      case 'requests.query':
        return {
          rows: rows.slice(input.offset, input.offset + input.limit),
          total: rows.length,
          offset: input.offset,
        };
      case 'requests.get':
        return { request: rows.find((r) => r.id === input.requestId) ?? null, timeline: [] };
      default:
        return null;
    }
  };
  const bridge: SessiondeskBridge = {
    runtime: 'browser-shell',
    invoke: (async (name: string, input: unknown) => {
      // Answers come asynchronously, as over IPC.
      await Promise.resolve();
      calls.push({ name, input });
      if (
        name === 'account.signOut' &&
        signOutRefusal &&
        !(input as { discardPending: boolean }).discardPending
      ) {
        return { ok: false, error: { code: 'outbox_pending', message: signOutRefusal } };
      }
      return { ok: true, value: answer(name, input) };
    }) as SessiondeskBridge['invoke'],
    on: ((name: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    }) as SessiondeskBridge['on'],
  };
  return {
    bridge,
    calls,
    emit<E extends EventName>(name: E, payload: EventPayloads[E]) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    count: (name: string) => calls.filter((c) => c.name === name).length,
    refuseSignOut(message: string) {
      signOutRefusal = message;
    },
  };
}

function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (cb: () => void) => void queued.push(cb),
    run: () => queued.splice(0).forEach((cb) => cb()),
  };
}

const ACCOUNT: AccountView = { serverUrl: 'http://127.0.0.1:7300', agent: me() };

async function started(rows: RequestRow[], account: AccountView | null = ACCOUNT) {
  const fake = scriptedBridge(rows, account);
  const frames = manualFrames();
  const store = createAppStore({ bridge: fake.bridge, frame: frames.schedule, pageSize: 20 });
  const stop = store.getState().start();
  await settle();
  store.getState().setRange(0, 15);
  await settle();
  return { fake, frames, store, stop };
}

describe('the store', () => {
  it('starts signed in from the cached account: directory, counts and the first window', async () => {
    const rows = Array.from({ length: 100 }, () => row());
    const { fake, store } = await started(rows);
    expect(store.getState().phase).toBe('signedIn');
    expect(store.getState().directory.channels).toHaveLength(2);
    expect(store.getState().counts?.all).toBe(100);
    expect(store.getState().table).toMatchObject({ total: 100, loaded: true });
    expect(store.getState().rows.rowAt(0)?.id).toBe(rows[0]!.id);
    expect(fake.calls.filter((c) => c.name === 'requests.query').every((c) => c.input.limit === 20)).toBe(
      true,
    );
  });

  it('starts on the sign-in screen without an account', async () => {
    const { store } = await started([], null);
    expect(store.getState().phase).toBe('signedOut');
  });

  it('batches live changes per frame: one re-read of the window and counts, whatever arrives', async () => {
    const rows = Array.from({ length: 100 }, () => row());
    const { fake, frames, store } = await started(rows);
    const queries = fake.count('requests.query');
    const counts = fake.count('requests.counts');

    for (let i = 0; i < 500; i++) fake.emit('requests', { ids: [rows[i % 100]!.id], all: false });
    await settle();
    expect(fake.count('requests.query')).toBe(queries);
    frames.run();
    await settle();
    // The window (rows 0–15, half a page of overscan: page 0 and 1) read once, the counts once.
    expect(fake.count('requests.query') - queries).toBe(2);
    expect(fake.count('requests.counts') - counts).toBe(1);
    expect(store.getState().table.version).toBeGreaterThan(0);
  });

  it('re-reads the open request’s details only when it changed', async () => {
    const rows = Array.from({ length: 10 }, () => row());
    const { fake, frames, store } = await started(rows);
    store.getState().openDetails(rows[3]!.id);
    await settle();
    expect(store.getState().details?.request?.id).toBe(rows[3]!.id);
    const gets = fake.count('requests.get');

    fake.emit('requests', { ids: [rows[5]!.id], all: false });
    frames.run();
    await settle();
    expect(fake.count('requests.get')).toBe(gets);

    fake.emit('requests', { ids: [rows[3]!.id], all: false });
    frames.run();
    await settle();
    expect(fake.count('requests.get')).toBe(gets + 1);
  });

  it('the focused row follows its request when rows move', async () => {
    const rows = Array.from({ length: 10 }, () => row());
    const { fake, frames, store } = await started(rows);
    store.getState().setActive(2);
    expect(store.getState().activeId).toBe(rows[2]!.id);
    rows.unshift(row(), row());
    fake.emit('requests', { ids: [rows[0]!.id, rows[1]!.id], all: false });
    frames.run();
    await settle();
    expect(store.getState().activeIndex).toBe(4);
  });

  it('a new query resets the focus and is read with its filters', async () => {
    const { fake, store } = await started([row({ recipientName: 'Jordan' })]);
    store.getState().setView({ type: 'past' });
    store.getState().setSearch('jor');
    store.getState().toggleStatus('closed');
    store.getState().setSort('recipientName');
    await settle();
    const last = fake.calls.filter((c) => c.name === 'requests.query' && c.input.offset === 0).at(-1)!.input;
    expect(last).toMatchObject({
      view: { type: 'past' },
      search: 'jor',
      statuses: ['closed'],
      sort: { column: 'recipientName', direction: 'asc' },
      offset: 0,
    });
    store.getState().setSort('recipientName');
    expect(store.getState().query.sort.direction).toBe('desc');
  });

  it('sign out with offline work pending asks before discarding it', async () => {
    const { fake, store } = await started([]);
    fake.refuseSignOut('1 change made offline has not reached the service yet.');
    await store.getState().signOut();
    expect(store.getState().dialog).toEqual({
      kind: 'signOut',
      message: '1 change made offline has not reached the service yet.',
    });
    expect(store.getState().phase).toBe('signedIn');
    await store.getState().signOut(true);
    expect(store.getState().phase).toBe('signedOut');
    expect(fake.calls.filter((c) => c.name === 'account.signOut').map((c) => c.input)).toEqual([
      { discardPending: false },
      { discardPending: true },
    ]);
  });

  it('navigate opens the details or the Join session dialog; notifications become toasts', async () => {
    const rows = [row()];
    const { fake, store } = await started(rows);
    fake.emit('navigate', { requestId: rows[0]!.id });
    expect(store.getState().detailsId).toBe(rows[0]!.id);
    fake.emit('navigate', { sessionCode: '12345678' });
    expect(store.getState().dialog).toEqual({ kind: 'join', code: '12345678' });
    fake.emit('notification', {
      kind: 'ready',
      requestId: rows[0]!.id,
      title: 'Jordan is ready',
      body: 'Connect now.',
    });
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'notification', title: 'Jordan is ready' });
  });

  it('the account ending elsewhere goes back to sign-in, saying why', async () => {
    const { fake, store } = await started([]);
    fake.emit('connection', {
      state: 'offline',
      since: 5,
      reason: 'Your sign-in has ended.',
      nextAttemptAt: null,
    });
    fake.emit('account', null);
    expect(store.getState().phase).toBe('signedOut');
    expect(store.getState().signedOutReason).toBe('Your sign-in has ended.');
  });
});
