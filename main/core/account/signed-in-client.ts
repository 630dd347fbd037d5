/**
 * Everything that exists while an agent is signed in: their sign-in, their cache, the sync engine, the
 * live connection and the outbox sender, wired together. Created by signing in (or at start, from the
 * stored account), ended by signing out; the core above it only routes commands and events.
 */
import { z } from 'zod';
import type { EventPayloads } from '@shared/ipc/contract';
import type { Translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import type { ConnectionView, DirectoryView } from '@shared/ipc/views';
import { agentSchema, channelSchema, meSchema, type Me } from '@shared/protocol/api';
import type { CacheChange } from '../cache/cache-store';
import { LiveConnection, type ConnectionReason } from '../connection/live-connection';
import type { BackoffOptions } from '../connection/backoff';
import type { Notifier } from '../notifications/notifier';
import type { CacheAccount, CacheOpener, OpenCache } from '../platform/caches';
import type { SocketOpener } from '../platform/sockets';
import { unrefTimer } from '../platform/timers';
import { OutboxSender } from '../outbox/outbox-sender';
import { SyncEngine } from '../sync/sync-engine';
import type { AuthSession } from './auth-session';

/** Above this many rows, a change event says "re-read everything" instead of listing ids. */
const MAX_IDS_PER_EVENT = 200;
/**
 * A stream can stay open for weeks without an HTTP call; refreshing now and then keeps the refresh
 * token (30 days, rotated at each use) from running out under an agent who never restarts.
 */
const KEEP_SIGNED_IN_MS = 6 * 3_600_000;
/**
 * How long the renderer's event for a change the service answered waits for the stream's echo of it (which
 * brings its timeline events), so that the change is told once. Past this the stream is late: told anyway.
 */
const ECHO_WAIT_MS = 2_000;

export interface ClientEvents {
  readonly requests: (payload: EventPayloads['requests']) => void;
  readonly sync: (payload: EventPayloads['sync']) => void;
  readonly connection: (payload: ConnectionView) => void;
  readonly directory: (payload: DirectoryView) => void;
  readonly me: (me: Me) => void;
  readonly signInEnded: (reason: ConnectionReason) => void;
}

export interface SignedInClientOptions {
  /** The platform's caches (SQLite in a worker thread; SQLite-WASM on OPFS in the web console). */
  readonly caches: CacheOpener;
  /** The platform's WebSocket for the live stream. */
  readonly sockets: SocketOpener;
  readonly session: AuthSession;
  readonly agentId: string;
  /** The agent as the service last said; null at start, when the cache remembers it. */
  readonly me: Me | null;
  readonly events: ClientEvents;
  readonly notifier: Notifier;
  /** The translator of the language the client speaks now, for what the connection says. */
  readonly translator: () => Translator;
  readonly log: (message: string, error?: unknown) => void;
  readonly connection?: {
    readonly backoff?: BackoffOptions;
    readonly startJitterMs?: number;
    readonly heartbeatTimeoutMs?: number;
    readonly random?: () => number;
    /** Changes asked per page of GET /sync; by default the service's maximum. */
    readonly syncPageSize?: number;
  };
}

export class SignedInClient {
  readonly sync: SyncEngine;
  readonly connection: LiveConnection;
  readonly outbox: OutboxSender;
  private keepSignedIn: ReturnType<typeof setTimeout> | null = null;
  /** Rows changed but not told yet, the echoes awaited and the online creates in flight. */
  private readonly untold = {
    ids: new Set<string>(),
    echoes: new Set<number>(),
    creating: 0,
    timer: null as ReturnType<typeof setTimeout> | null,
  };

  /** Opens the agent's cache and wires the rest to it; nothing connects yet. */
  static async open(options: SignedInClientOptions): Promise<SignedInClient> {
    const account: CacheAccount = { serverUrl: options.session.api.serverUrl, agentId: options.agentId };
    const cache = await options.caches.open(account, (error) =>
      options.log('the cache stopped working', error),
    );
    try {
      const me = options.me ?? (await cache.me());
      if (!me) throw new Error('the cache does not know the signed-in agent');
      if (options.me) await cache.saveDirectory({ me: options.me });
      return new SignedInClient(options, cache, account, me, (await cache.syncState()).cursor);
    } catch (error) {
      await cache.close();
      throw error;
    }
  }

  private constructor(
    private readonly options: SignedInClientOptions,
    readonly cache: OpenCache,
    private readonly account: CacheAccount,
    private me: Me,
    cursor: number,
  ) {
    const { session, events } = options;
    const { syncPageSize, ...connection } = options.connection ?? {};
    this.sync = new SyncEngine(
      this.cache,
      session,
      {
        onChange: (change, live, before, changes) => {
          this.changed(change);
          if (live) options.notifier.onLiveChanges(this.me, before, changes);
        },
        onApplied: () => this.changed({ changed: [], removed: [] }),
        onProgress: (view) => events.sync(view),
      },
      cursor,
      syncPageSize === undefined ? {} : { pageSize: syncPageSize },
    );
    this.outbox = new OutboxSender({
      cache: this.cache,
      session,
      onChange: (change, seq) => this.changed(change, seq),
      onCreating: (creating) => {
        this.untold.creating += creating ? 1 : -1;
        if (!creating) this.tellUntold(false);
      },
      canSend: () => this.connection.live,
      log: options.log,
    });
    this.connection = new LiveConnection({
      session,
      sockets: options.sockets,
      sync: this.sync,
      translator: options.translator,
      ...connection,
      onState: (view) => {
        events.connection(view);
        if (view.state === 'live') {
          void this.outbox.kick();
          void this.refreshDirectory();
        }
      },
      // The organisation's settings live at the service only (the admin screen reads them when shown).
      onInvalidate: (what) => {
        if (what !== 'organisation') void this.refreshDirectory();
      },
      onSignInEnded: (reason) => events.signInEnded(reason),
    });
  }

  get agent(): Me {
    return this.me;
  }

  get session(): AuthSession {
    return this.options.session;
  }

  get live(): boolean {
    return this.connection.live;
  }

  /** Connects; `immediately` after a sign-in (the agent is waiting), else after a random delay. */
  start(immediately = false): void {
    this.connection.start(immediately);
    this.keepSignedIn = setInterval(() => {
      if (this.live)
        void this.options.session
          .token()
          .catch((error: unknown) => this.options.log('token refresh failed', error));
    }, KEEP_SIGNED_IN_MS);
    unrefTimer(this.keepSignedIn);
  }

  async directory(): Promise<DirectoryView> {
    const [agents, channels] = await Promise.all([this.cache.agents(), this.cache.channels()]);
    return { agents, channels };
  }

  /** Fetches the agent, agents and channels again and keeps them in the cache (for offline). */
  async refreshDirectory(): Promise<void> {
    try {
      const { session } = this.options;
      const [me, agents, channels] = await Promise.all([
        session.request('GET', '/me', { schema: meSchema }),
        session.request('GET', '/agents', { schema: z.object({ agents: z.array(agentSchema) }) }),
        session.request('GET', '/channels', { schema: z.object({ channels: z.array(channelSchema) }) }),
      ]);
      this.me = me;
      const renamed = await this.cache.saveDirectory({
        me,
        agents: agents.agents,
        channels: channels.channels,
      });
      this.options.events.me(me);
      this.options.events.directory(await this.directory());
      if (renamed > 0) this.options.events.requests({ ids: [], all: true });
    } catch (error) {
      this.options.log('could not refresh agents and channels', error);
    }
  }

  /** The service's answer to an action: in the cache at once, told to the renderer with its echo. */
  async answered(request: SessionRequest): Promise<void> {
    this.changed(await this.cache.applyAnswer(request), request.seq);
  }

  /**
   * Reports a cache change to the renderer, once per change although the cache hears of it twice: a
   * change the service answered at `seq` is told with the stream's echo of that seq (which brings its
   * timeline events), and while an online create waits for its answer the stream's changes wait with it
   * (its echo may come first, beside the local row the answer replaces). Past ECHO_WAIT_MS, told anyway.
   */
  changed(change: CacheChange, seq?: number): void {
    const { untold } = this;
    for (const id of change.changed) untold.ids.add(id);
    for (const id of change.removed) untold.ids.add(id);
    if (seq !== undefined && this.live) untold.echoes.add(seq);
    this.tellUntold(false);
  }

  private tellUntold(late: boolean): void {
    const { untold } = this;
    const cursor = this.sync.cursor();
    for (const seq of untold.echoes) if (late || seq <= cursor) untold.echoes.delete(seq);
    if (!late && (untold.echoes.size > 0 || untold.creating > 0)) {
      untold.timer ??= unrefTimer(setTimeout(() => this.tellUntold(true), ECHO_WAIT_MS));
      return;
    }
    if (untold.timer) clearTimeout(untold.timer);
    untold.timer = null;
    const ids = [...untold.ids];
    untold.ids.clear();
    if (ids.length === 0) return;
    this.options.events.requests(
      ids.length > MAX_IDS_PER_EVENT ? { ids: [], all: true } : { ids, all: false },
    );
  }

  async stop(): Promise<void> {
    if (this.keepSignedIn) clearInterval(this.keepSignedIn);
    if (this.untold.timer) clearTimeout(this.untold.timer);
    await this.connection.stop();
    await this.cache.close();
  }

  /** Signs out: ends the sign-in at the service, wipes the tokens and this account's cache. */
  async signOut(): Promise<void> {
    if (this.keepSignedIn) clearInterval(this.keepSignedIn);
    if (this.untold.timer) clearTimeout(this.untold.timer);
    await this.connection.stop();
    await this.options.session.signOut();
    await this.cache.close();
    await this.options.caches.remove(this.account);
  }
}
