/**
 * The store, assembled: state and actions over the bridge (`window.sessiondesk`). Vanilla zustand, so it
 * is created with its dependencies and runs in Node for the tests; React reads it through a context.
 *
 * Live updates: `requests` events go to a per-frame batcher; once a frame, the rows on screen, the
 * sidebar's counts and (when it changed) the open request's details are read again, each at most one
 * read in flight. Nothing else is re-read.
 *
 * A first sync or a resync writes thousands of rows a second, each chunk a `requests` event: re-reading
 * the screen and the counts for every one kept the core busy answering (the first sign-in through the
 * UI took 3.4× the core's own, its shell busy with the table's and the sidebar's queries for most of
 * it). While the sync is not live, a batch re-reads the screen only when it still lacks rows or lists
 * a row on screen; otherwise the screen waits for the sync's next progress (a page of 5,000), at most
 * once a second, and the counts for the sync to be live.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandResult, EventName, EventPayloads, SessiondeskBridge } from '@shared/ipc/contract';
import type { Call, AppState } from './app-state';
import { ChangeBatcher, coalesced, type FrameScheduler } from './change-batcher';
import { columnActions, withUnsavedColumns } from './column-actions';
import { RowWindow, type WindowQuery } from './row-window';
import { requestActions } from './request-actions';
import { tableActions } from './table-actions';
import { SOURCE_LANGUAGE, translator } from '@shared/i18n/translator';
import { errorWords, refusalWords } from '../i18n/words';

export interface StoreDeps {
  readonly bridge: SessiondeskBridge;
  readonly frame: FrameScheduler;
  readonly now?: () => number;
  readonly clipboard?: (text: string) => Promise<void>;
  /** Rows per page (tests use small pages). */
  readonly pageSize?: number;
}

export type AppStore = StoreApi<AppState>;

export const DEFAULT_QUERY: WindowQuery = {
  view: { type: 'all' },
  statuses: [],
  search: '',
  sort: { column: 'createdAt', direction: 'desc' },
};

const EMPTY_DIRECTORY = { agents: [], channels: [] } as const;
/** Rows fetched before the table has measured itself: more than a screen holds. */
const FIRST_SCREEN_ROWS = 40;
/** While a sync is not live, the screen's put-off re-read runs at its progress at most this often. */
export const SYNC_REREAD_MS = 1_000;

function makeCall(bridge: SessiondeskBridge): Call {
  return async (name, input) => {
    try {
      return await bridge.invoke(name, input);
    } catch {
      // Coded like the core's errors: shown by its code, in the language on screen; English for logs.
      const message = translator(SOURCE_LANGUAGE).t('errors.internal');
      return { ok: false, error: { code: 'internal', message } };
    }
  };
}

export function createAppStore(deps: StoreDeps): AppStore {
  const call = makeCall(deps.bridge);
  const now = deps.now ?? Date.now;

  return createStore<AppState>()((set, get) => {
    const rows = new RowWindow(
      DEFAULT_QUERY,
      async (query, offset, limit) => {
        const result = await call('requests.query', { ...query, offset, limit });
        return result.ok ? result.value : { failed: result.error };
      },
      () => {
        const { activeId, activeIndex } = get();
        const moved = activeId === null ? -1 : rows.indexOf(activeId);
        const last = Math.max(0, rows.total - 1);
        set({
          table: { total: rows.total, version: rows.version, loaded: rows.loaded, error: rows.error },
          activeIndex: moved !== -1 ? moved : Math.min(activeIndex, last),
        });
      },
      { now, ...(deps.pageSize ? { pageSize: deps.pageSize } : {}) },
    );

    const refreshCounts = coalesced(async () => {
      if (get().phase !== 'signedIn') return;
      const counts = await call('requests.counts', {});
      if (counts.ok) set({ counts: counts.value });
    });
    const refreshDetails = coalesced(async () => {
      const id = get().detailsId;
      if (id === null) return;
      const details = await call('requests.get', { requestId: id });
      if (get().detailsId !== id) return;
      set({ details: details.ok ? details.value : null, detailsLoaded: true });
    });
    /** Re-reads put off while the sync is not live: the screen's at its progress, the counts at its end. */
    const owed = { rows: false, counts: false };
    let syncRereadAt = -Infinity;
    const syncing = () => {
      const phase = get().sync?.phase;
      return phase === 'bootstrapping' || phase === 'resyncing';
    };
    const batcher = new ChangeBatcher(deps.frame, (batch) => {
      if (get().phase !== 'signedIn') return;
      if (!syncing()) {
        rows.refresh();
        refreshCounts();
      } else {
        // A chunk of a sync says "all" (too many ids to list): only a screen lacking rows reads it now.
        if (!rows.screenFilled() || (!batch.all && rows.showsAny(batch.ids))) rows.refresh();
        else owed.rows = true;
        owed.counts = true;
      }
      const id = get().detailsId;
      if (id !== null && (batch.all || batch.ids.has(id))) refreshDetails();
    });

    /** Everything a signed-in window shows, read once (at start, and after signing in). */
    const loadSignedIn = async () => {
      const [directory, sync] = await Promise.all([call('directory.get', {}), call('sync.get', {})]);
      if (directory.ok) set({ directory: directory.value });
      if (sync.ok) set({ sync: sync.value });
      refreshCounts();
      rows.refresh();
    };

    const signedOut = (reason: string | null) => {
      set({
        phase: 'signedOut',
        account: null,
        signedOutReason: reason,
        counts: null,
        sync: null,
        directory: EMPTY_DIRECTORY,
        screen: 'requests',
        detailsId: null,
        details: null,
        dialog: null,
        menuRowId: null,
      });
    };

    const onEvent: { [E in EventName]: (payload: EventPayloads[E]) => void } = {
      account: (account) => {
        const was = get().phase;
        if (account === null) {
          if (was === 'signedIn') signedOut(get().connection?.reason ?? null);
          else set({ phase: 'signedOut' });
          return;
        }
        set({ account, phase: 'signedIn', signedOutReason: null });
        if (was !== 'signedIn') void loadSignedIn();
      },
      connection: (connection) => {
        set({ connection });
        if (get().phase === 'signedOut' && connection.reason) set({ signedOutReason: connection.reason });
      },
      sync: (sync) => {
        set({ sync });
        const live = !syncing();
        if (owed.rows && (live || now() - syncRereadAt >= SYNC_REREAD_MS)) {
          owed.rows = false;
          syncRereadAt = now();
          rows.refresh();
        }
        if (owed.counts && live) {
          owed.counts = false;
          refreshCounts();
        }
      },
      requests: (payload) => batcher.add(payload),
      directory: (directory) => set({ directory }),
      settings: (settings) => set({ settings: withUnsavedColumns(settings, get().unsavedColumns) }),
      notification: (n) =>
        // The core words its notifications in the display language (the OS shows them too).
        get().toast({ tone: 'notification', title: n.title, body: n.body, requestId: n.requestId }),
      navigate: (target) => {
        if ('requestId' in target) get().openDetails(target.requestId);
        else get().openDialog({ kind: 'join', code: target.sessionCode });
      },
    };

    let nextToastId = 1;

    return {
      phase: 'starting',
      startError: null,
      account: null,
      signedOutReason: null,
      connection: null,
      sync: null,
      directory: EMPTY_DIRECTORY,
      settings: null,
      unsavedColumns: null,
      counts: null,
      query: DEFAULT_QUERY,
      table: { total: 0, version: 0, loaded: false, error: null },
      activeIndex: 0,
      activeId: null,
      menuRowId: null,
      screen: 'requests',
      detailsId: null,
      details: null,
      detailsLoaded: false,
      dialog: null,
      toasts: [],
      connecting: new Set(),
      rows,
      call,

      start() {
        const off = (Object.keys(onEvent) as EventName[]).map((name) =>
          deps.bridge.on(name, onEvent[name] as (payload: unknown) => void),
        );
        // The first screen of rows, asked for with the account: a signed-in window opens with rows.
        rows.setRange(0, FIRST_SCREEN_ROWS);
        void (async () => {
          const [account, connection, settings] = await Promise.all([
            call('account.get', {}),
            call('connection.get', {}),
            call('settings.get', {}),
          ]);
          if (connection.ok) set({ connection: connection.value });
          if (settings.ok) set({ settings: settings.value });
          // An account event may have come first.
          if (get().phase !== 'starting') return;
          if (!account.ok) set({ phase: 'unavailable', startError: account.error });
          else if (account.value) {
            set({ account: account.value, phase: 'signedIn' });
            await loadSignedIn();
          } else set({ phase: 'signedOut' });
        })();
        return () => off.forEach((unsubscribe) => unsubscribe());
      },

      async signIn(input) {
        const result = await call('account.signIn', input);
        if (result.ok && !('secondFactor' in result.value) && get().phase !== 'signedIn') {
          set({ account: result.value, phase: 'signedIn', signedOutReason: null });
          void loadSignedIn();
        }
        return result;
      },

      async finishSignIn(code) {
        const result = await call('account.secondFactor', { code });
        if (result.ok) {
          const { account, recoveryCodes } = result.value;
          if (get().phase !== 'signedIn') {
            set({ account, phase: 'signedIn', signedOutReason: null });
            void loadSignedIn();
          }
          if (recoveryCodes) set({ dialog: { kind: 'recoveryCodes', codes: recoveryCodes } });
        }
        return result;
      },

      async signOut(discardPending = false) {
        const result = await call('account.signOut', { discardPending });
        if (result.ok) {
          signedOut(null);
          return;
        }
        if (result.error.code === 'outbox_pending') {
          set({ dialog: { kind: 'signOut', message: errorWords(result.error) } });
          return;
        }
        get().toast({ tone: 'error', title: refusalWords(result.error) });
      },

      retryNow() {
        void call('connection.retryNow', {});
      },

      async updateSettings(patch) {
        const result: CommandResult<AppState['settings'] & object> = await call('settings.update', patch);
        if (result.ok) set({ settings: withUnsavedColumns(result.value, get().unsavedColumns) });
        return result;
      },

      ...columnActions(set, get),

      ...tableActions(set, get),

      setScreen(screen) {
        set({ screen, menuRowId: null });
      },
      openDetails(requestId) {
        // A notification's Show leads back to the requests from the admin screens.
        if (get().screen !== 'requests') set({ screen: 'requests' });
        if (get().detailsId === requestId) return;
        set({ detailsId: requestId, details: null, detailsLoaded: false, menuRowId: null });
        refreshDetails();
      },
      closeDetails() {
        set({ detailsId: null, details: null, detailsLoaded: false });
      },
      openDialog(dialog) {
        set({ dialog, menuRowId: null });
      },
      closeDialog() {
        set({ dialog: null });
      },
      toast(toast) {
        const id = nextToastId++;
        set({ toasts: [...get().toasts.slice(-4), { ...toast, id }] });
      },
      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },

      ...requestActions(set, get, deps.clipboard ?? ((text) => navigator.clipboard.writeText(text))),
    };
  });
}
