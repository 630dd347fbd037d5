/**
 * The store in Node over a bridge to the real core (signed in to a real service): what it asks the main
 * process for, and when. Live `requests` events are batched per frame — however many arrive, one
 * re-read of the rows on screen and of the counts per frame — and the open request's details are re-read
 * only when it changed. The bridge only records the calls; every answer and event is the core's own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessiondeskBridge } from '../../shared/ipc/contract';
import type { AppState } from '../../renderer/src/store/app-state';
import type { SessionRequest } from '../../shared/domain/session-request';
import { translator } from '../../shared/i18n/translator';
import { say } from '../../renderer/src/i18n/words';
import { createAppStore, type AppStore } from '../../renderer/src/store/app-store';
import { createRequest } from '../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';
import { TestCore } from '../main/support/core-harness';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * The contract's bridge over the core, as the preload or the browser shell's bridge carries it. A real
 * bridge crosses processes: each command reaches the core a turn of the event loop later.
 */
function recordingBridge(core: TestCore) {
  const calls: { name: string; input: any }[] = [];
  const bridge: SessiondeskBridge = {
    runtime: 'browser-shell',
    invoke: ((name: string, input: unknown) => {
      calls.push({ name, input });
      return new Promise((resolve) => setImmediate(resolve)).then(() => core.core.invoke(name, input));
    }) as SessiondeskBridge['invoke'],
    on: ((name: string, listener: (payload: unknown) => void) =>
      core.core.onEvent((event, payload) => {
        if (event === name) listener(payload);
      })) as SessiondeskBridge['on'],
  };
  return { bridge, calls, count: (name: string) => calls.filter((c) => c.name === name).length };
}

/**
 * The recording bridge, its events held until the test delivers them one by one: a bridge as slow as
 * the test likes, in the core's order. Each event is the core's own.
 */
function heldBridge(core: TestCore) {
  const spy = recordingBridge(core);
  const held: { name: string; payload: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  core.core.onEvent((name, payload) => void held.push({ name, payload }));
  const bridge: SessiondeskBridge = {
    ...spy.bridge,
    on: ((name: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    }) as SessiondeskBridge['on'],
  };
  /** Delivers the next held event; undefined when none is held. */
  const deliver = () => {
    const event = held.shift();
    if (event) for (const listener of listeners.get(event.name) ?? []) listener(event.payload);
    return event;
  };
  return { ...spy, bridge, held, deliver };
}

function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (cb: () => void) => void queued.push(cb),
    run: () => queued.splice(0).forEach((cb) => cb()),
  };
}

describe('the store over the real core', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  let stopStore: (() => void) | undefined;

  afterEach(async () => {
    stopStore?.();
    await core?.cleanup();
    await t?.cleanup();
    stopStore = core = t = undefined;
  });

  /** A service with `requests` requests (newest first in the returned list), the core signed in and caught up. */
  async function signedIn(requests: number, signIn = true) {
    t = await startTestService();
    const made: SessionRequest[] = [];
    for (let i = 0; i < requests; i++) made.unshift(await createRequest(t.admin, `Person ${i}`));
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    if (signIn) {
      await core.signIn(t.url, ADMIN);
      await core.untilLive();
      await core.until(async () => (await core!.rows()).length === requests, 'the first sync');
    }
    return made;
  }

  async function started(): Promise<{
    store: AppStore;
    frames: ReturnType<typeof manualFrames>;
    spy: ReturnType<typeof recordingBridge>;
  }> {
    const spy = recordingBridge(core!);
    const frames = manualFrames();
    const store = createAppStore({ bridge: spy.bridge, frame: frames.schedule, pageSize: 20 });
    stopStore = store.getState().start();
    await core!.until(async () => {
      await settle();
      return store.getState().table.loaded;
    }, 'the first window');
    store.getState().setRange(0, 15);
    await settle();
    return { store, frames, spy };
  }

  /** Waits until the core has applied `n` requests in all (its events are then all out). */
  const coreHas = (n: number) =>
    core!.until(async () => (await core!.rows()).length === n, `${n} requests in the core`);

  it('starts signed in from the account: directory, counts and the first window', async () => {
    const made = await signedIn(30);
    const { store, spy } = await started();
    expect(store.getState().phase).toBe('signedIn');
    // The channels come with the core's first sync, which may end after the first window: by an event.
    await core!.until(async () => {
      await settle();
      return store.getState().directory.channels.length > 0;
    }, 'the directory');
    expect(
      store
        .getState()
        .directory.channels.map((c) => c.kind)
        .sort(),
    ).toEqual(['private', 'shared']);
    expect(store.getState().counts?.all).toBe(30);
    expect(store.getState().table).toMatchObject({ total: 30, loaded: true });
    expect(store.getState().rows.rowAt(0)?.id).toBe(made[0]!.id);
    expect(spy.calls.filter((c) => c.name === 'requests.query').every((c) => c.input.limit === 20)).toBe(
      true,
    );
  });

  it('starts on the sign-in screen without an account', async () => {
    await signedIn(0, false);
    const spy = recordingBridge(core!);
    const store = createAppStore({ bridge: spy.bridge, frame: manualFrames().schedule, pageSize: 20 });
    stopStore = store.getState().start();
    await core!.until(async () => {
      await settle();
      return spy.count('account.get') > 0 && store.getState().phase === 'signedOut';
    }, 'the sign-in screen');
  });

  it('batches live changes per frame: one re-read of the window and counts, however many arrived', async () => {
    await signedIn(30);
    const { store, frames, spy } = await started();
    const queries = spy.count('requests.query');
    const counts = spy.count('requests.counts');

    for (let i = 0; i < 12; i++) await createRequest(t!.admin, `Live ${i}`);
    await coreHas(42);
    await settle();
    expect(spy.count('requests.query')).toBe(queries); // nothing read before the frame
    frames.run();
    await core!.until(async () => {
      await settle();
      return store.getState().table.total === 42;
    }, 'the window to be re-read');
    // The rows on screen (0–15: page 0) read once, the counts once.
    expect(spy.count('requests.query') - queries).toBe(1);
    expect(spy.count('requests.counts') - counts).toBe(1);
    expect(store.getState().rows.rowAt(0)?.recipientName).toBe('Live 11');
  });

  it('while the first sync is not live, re-reads only a screen that changed, the rest at its progress and end', async () => {
    await signedIn(0, false);
    // 520 requests, written by the core's first sync in chunks, a `requests` event each. The 20 newest,
    // a second apart, are the ones on screen.
    const service = t!;
    for (let i = 0; i < 500; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => createRequest(service.admin, `Person ${i + j}`)),
      );
    }
    const newest = new Set<string>();
    for (let i = 500; i < 520; i++) {
      service.clock.advance(1_000);
      newest.add((await createRequest(service.admin, `Person ${i}`)).id);
    }
    const spy = heldBridge(core!);
    const frames = manualFrames();
    const store = createAppStore({ bridge: spy.bridge, frame: frames.schedule, pageSize: 20 });
    stopStore = store.getState().start();
    store.getState().setRange(0, 15);
    await core!.until(async () => {
      await settle();
      return store.getState().phase === 'signedOut';
    }, 'the sign-in screen');
    expect((await store.getState().signIn({ serverUrl: service.url, ...ADMIN })).ok).toBe(true);
    await core!.until(() => core!.eventsNamed('sync').some((s) => s.phase === 'live'), 'the sync to end');
    // A window read now, with everything written: the 20 newest on screen, the 500 oldest not.
    store.getState().setSearch('person');
    await core!.until(async () => {
      await settle();
      return store.getState().table.total === 520;
    }, 'the first window');
    spy.held.splice(
      0,
      spy.held.findIndex((e) => e.name === 'sync'),
    );

    // The held events in the core's order, each followed by a frame and the reads it caused.
    type Caused = {
      event: string;
      phase?: string;
      onScreen: boolean;
      all: boolean;
      queries: number;
      counts: number;
    };
    const caused: Caused[] = [];
    for (;;) {
      const queries = spy.count('requests.query');
      const counts = spy.count('requests.counts');
      const event = spy.deliver();
      if (!event) break;
      frames.run();
      for (let i = 0; i < 4; i++) await settle();
      const batch = event.name === 'requests' ? (event.payload as { ids: string[]; all: boolean }) : null;
      caused.push({
        event: event.name === 'sync' ? `sync ${(event.payload as { phase: string }).phase}` : event.name,
        phase: store.getState().sync?.phase,
        onScreen: batch?.ids.some((id) => newest.has(id)) ?? false,
        all: batch?.all ?? false,
        queries: spy.count('requests.query') - queries,
        counts: spy.count('requests.counts') - counts,
      });
    }
    const during = caused.filter((c) => c.phase === 'bootstrapping');
    const batches = during.filter((c) => c.event === 'requests');
    // A chunk too big to list its ids ("all"), or listing none on screen: nothing read.
    const offScreen = batches.filter((c) => c.all || !c.onScreen);
    expect(offScreen.length).toBeGreaterThan(0);
    for (const c of offScreen) expect(c).toMatchObject({ queries: 0, counts: 0 });
    // One listing a row on screen: the screen (page 0) read again, the counts left for the sync's end.
    const onScreen = batches.filter((c) => !c.all && c.onScreen);
    expect(onScreen.length).toBeGreaterThan(0);
    for (const c of onScreen) expect(c).toMatchObject({ queries: 1, counts: 0 });
    // Nothing read the counts while syncing; live, they are read once.
    expect(during.reduce((sum, c) => sum + c.counts, 0)).toBe(0);
    expect(caused.find((c) => c.event === 'sync live')).toMatchObject({ counts: 1 });
    expect(store.getState().counts?.all).toBe(520);
  }, 60_000);

  it('re-reads the open request’s details only when it changed, and the focus follows its row', async () => {
    const made = await signedIn(10);
    const { store, frames, spy } = await started();
    store.getState().setActive(2);
    store.getState().openDetails(made[3]!.id);
    await core!.until(async () => {
      await settle();
      return store.getState().details?.request?.id === made[3]!.id;
    }, 'the details');
    const gets = spy.count('requests.get');

    await createRequest(t!.admin, 'Another one');
    await coreHas(11);
    frames.run();
    await core!.until(async () => {
      await settle();
      return store.getState().table.total === 11;
    }, 'the new row');
    expect(spy.count('requests.get')).toBe(gets);
    // A row arrived on top: the focused request moved down one, and the focus with it.
    expect(store.getState().activeIndex).toBe(3);
    expect(store.getState().activeId).toBe(made[2]!.id);

    await t!.admin.post(`/requests/${made[3]!.id}/notes`, { text: 'Changed' });
    await core!.until(
      async () => (await core!.invoke('requests.get', { requestId: made[3]!.id }))!.timeline.length === 3,
      'the note',
    );
    frames.run();
    await core!.until(async () => {
      await settle();
      return spy.count('requests.get') === gets + 1;
    }, 'the details to be re-read');
  });

  it('a new query is read with its filters and answered by the cache', async () => {
    await signedIn(3);
    await t!.admin.post(`/requests/${(await createRequest(t!.admin, 'Jordan Closed')).id}/close`, {});
    await coreHas(3);
    await core!.until(
      async () => (await core!.rows({ view: { type: 'past' } })).length === 1,
      'the closed one',
    );
    const { store, spy } = await started();
    store.getState().setView({ type: 'past' });
    store.getState().setSearch('jor');
    store.getState().toggleStatus('closed');
    store.getState().setSort('recipientName');
    await core!.until(async () => {
      await settle();
      return (
        store.getState().rows.rowAt(0)?.recipientName === 'Jordan Closed' &&
        store.getState().table.total === 1
      );
    }, 'the filtered window');
    const last = spy.calls.filter((c) => c.name === 'requests.query' && c.input.offset === 0).at(-1)!.input;
    expect(last).toMatchObject({
      view: { type: 'past' },
      search: 'jor',
      statuses: ['closed'],
      sort: { column: 'recipientName', direction: 'asc' },
    });
    store.getState().setSort('recipientName');
    expect(store.getState().query.sort.direction).toBe('desc');
  });

  it('sign out with offline work pending asks before discarding it', async () => {
    await signedIn(1);
    const { store, spy } = await started();
    await t!.stop();
    await core!.until(async () => (await core!.invoke('connection.get', {})).state !== 'live', 'the drop');
    await core!.invoke('requests.create', { recipientName: 'Made offline' });

    await store.getState().signOut();
    expect(store.getState().dialog).toMatchObject({ kind: 'signOut' });
    // Worded when the dialog shows it, in the language on screen.
    const dialog = store.getState().dialog as Extract<AppState['dialog'], { kind: 'signOut' }>;
    expect(say(translator('en'), dialog.message)).toMatch(/1 change made offline/);
    expect(store.getState().phase).toBe('signedIn');
    await store.getState().signOut(true);
    expect(store.getState().phase).toBe('signedOut');
    expect(spy.calls.filter((c) => c.name === 'account.signOut').map((c) => c.input)).toEqual([
      { discardPending: false },
      { discardPending: true },
    ]);
  });

  it('navigate opens the details or the Join session dialog', async () => {
    const made = await signedIn(1);
    const { store } = await started();
    core!.core.openDeepLink(`sessiondesk://request/${made[0]!.id}`);
    expect(store.getState().detailsId).toBe(made[0]!.id);
    core!.core.openDeepLink('sessiondesk://join/12345678');
    expect(store.getState().dialog).toEqual({ kind: 'join', code: '12345678' });
  });

  it('the sign-in ending at the service goes back to sign-in, saying why', async () => {
    t = await startTestService();
    const agent = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const service = t;
    core = await TestCore.start({ now: () => service.clock.now() });
    await core.signIn(t.url, { email: agent.agent.email, password: 'a long enough password' });
    await core.untilLive();
    const { store } = await started();
    // The admin disables the account: its tokens are revoked, the next refresh is refused.
    await t.admin.patch(`/agents/${agent.agent.id}`, { disabled: true });
    await core.until(async () => {
      await settle();
      return store.getState().phase === 'signedOut';
    }, 'the sign-in screen');
    expect(store.getState().signedOutReason).toMatch(/sign-in has ended/);
    expect(await core.invoke('account.get', {})).toBeNull();
  });

  it('shows a column change at once, saves it through the core, and keeps the newest when saves overlap', async () => {
    await signedIn(1);
    const { store } = await started();
    await core!.until(() => store.getState().settings !== null, 'the settings');
    const narrow = { order: ['status', 'recipientName'], hidden: ['comments'], widths: {} } as const;
    const wide = { ...narrow, widths: { recipientName: 300 } };
    const shown: number[] = [];
    const unsubscribe = store.subscribe((state) =>
      shown.push(state.settings?.values.tableColumns.widths.recipientName ?? 0),
    );
    const first = store
      .getState()
      .setTableColumns({ ...narrow, order: [...narrow.order], hidden: ['comments'] });
    const second = store
      .getState()
      .setTableColumns({ ...wide, order: [...wide.order], hidden: ['comments'] });
    // On screen before any save came back.
    expect(store.getState().settings?.values.tableColumns).toMatchObject({ widths: { recipientName: 300 } });
    await Promise.all([first, second]);
    // The core's settings event for the first save did not bring the older columns back, even briefly.
    unsubscribe();
    expect(shown.slice(shown.indexOf(300))).not.toContain(0);
    expect(store.getState().settings?.values.tableColumns).toEqual(wide);
    expect(store.getState().unsavedColumns).toBeNull();
    expect((await core!.invoke('settings.get', {})).values.tableColumns).toEqual(wide);

    // A layout the core refuses is said, and the saved one comes back.
    await store.getState().setTableColumns({ ...wide, order: ['status', 'status'] } as never);
    const refused = store.getState().toasts.at(-1)!;
    expect(refused.tone).toBe('error');
    expect(say(translator('en'), refused.title)).toMatch(/Give each one only once/);
    expect(store.getState().settings?.values.tableColumns).toEqual(wide);
  });
});
