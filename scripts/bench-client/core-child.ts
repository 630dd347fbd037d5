/**
 * The measured core in a process of its own, as the Electron main process hosts it: a real AgentCore on
 * a data folder with the browser shell's FileSecretStore, talking to the service over HTTP and WebSocket.
 * `npm run bench:client` forks it (scripts/bench-client/core-process.ts) and drives it over IPC
 * (scripts/bench-client/messages.ts):
 *
 *   core-child.ts bootstrap <dataDir>   an empty data folder: sign in, sync everything, report, stop
 *   core-child.ts cold <dataDir>        a data folder with a cache: time the cold open to the first page,
 *                                       then run the query mix and record live changes as asked
 *
 * Only Node's built-ins are imported statically: the core's modules are imported inside the cold open's
 * timing, as a freshly started app imports them. The bench times the cache's writes by wrapping the
 * methods of its proxy (CacheProxy: a call to the cache's worker thread and its answer) on the prototype
 * here, in this process; nothing of the core is changed or mocked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { AgentCore as AgentCoreClass, AgentCoreOptions } from '../../main/core/agent-core';
import type { CacheProxy as CacheProxyType } from '../../main/core/cache/node/cache-proxy';
import type { CommandResult, EventName, EventPayloads } from '@shared/ipc/contract';
import type { ConnectionView, RequestPage, SyncView } from '@shared/ipc/views';
import type { Channel } from '@shared/protocol/api';
import type {
  BootstrapResult,
  FromCore,
  LiveRecord,
  LiveReport,
  QueryContext,
  QuerySample,
  Spread,
  ToCore,
} from './messages';
import { queryContextOf, type QuerySpec } from './queries';

/** Before anything of the core is loaded: the cold open's clock starts here. */
const T0 = performance.now();

const [mode, dataDir] = process.argv.slice(2) as [string | undefined, string | undefined];
if ((mode !== 'bootstrap' && mode !== 'cold') || !dataDir) {
  throw new Error('usage: core-child.ts bootstrap|cold <dataDir>');
}

const send = (message: FromCore) => {
  if (process.connected) process.send?.(message);
};
const warnings: string[] = [];
let warningCount = 0;

/** What happened to the core, by event: the bench waits on these. */
const seen = {
  sync: [] as { at: number; view: SyncView }[],
  connection: [] as { at: number; view: ConnectionView }[],
  waiters: [] as (() => void)[],
};

function onEvent<E extends EventName>(name: E, payload: EventPayloads[E]): void {
  const at = performance.now();
  if (name === 'sync') seen.sync.push({ at, view: payload as SyncView });
  if (name === 'connection') seen.connection.push({ at, view: payload as ConnectionView });
  for (const wake of seen.waiters.splice(0)) wake();
}

/** Resolves once `check` holds, re-checked after every event; rejects after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, 250));
      seen.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const connectionLive = () => seen.connection.at(-1)?.view.state === 'live';

/** When the core's modules had been imported (the first startCore). */
let importedAt = 0;

async function startCore(): Promise<AgentCoreClass> {
  // As the app's hosts do: the cache's worker starts opening the stored account's cache first, so that
  // it works while the rest of the core is imported.
  const { prestartCache } = await import('../../main/core/cache/node/cache-prestart');
  void prestartCache(dataDir!);
  const [{ AgentCore }, { FileSecretStore }, { createNodePlatform }] = await Promise.all([
    import('../../main/core/agent-core'),
    import('../../main/node/file-secret-store'),
    import('../../main/core/node/node-platform'),
  ]);
  importedAt ||= performance.now();
  const options: AgentCoreOptions = {
    platform: createNodePlatform({
      dataDir: dataDir!,
      appId: 'com.sessiondesk.agent.bench',
      secrets: new FileSecretStore(join(dataDir!, 'secrets.json')),
      openUri: () => Promise.reject(new Error('no URI handler in the bench')),
      chooseSaveFile: () => Promise.reject(new Error('no export in the bench')),
      env: { PATH: process.env['PATH'] },
    }),
    // Connect at once (the app waits up to 2 s at random, so that a fleet restarting spreads out).
    connection: { backoff: { baseMs: 100, maxMs: 1_000 }, startJitterMs: 0 },
    log: (message, error) => {
      warningCount++;
      if (warnings.length < 10) {
        warnings.push(`${message}${error instanceof Error ? `: ${error.message}` : ''}`.slice(0, 300));
      }
    },
  };
  const core = await AgentCore.start(options);
  core.onEvent(onEvent);
  return core;
}

async function invoke<T>(core: AgentCoreClass, name: string, input: unknown): Promise<T> {
  const result = (await core.invoke(name, input)) as CommandResult<T>;
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

function spread(values: readonly number[]): Spread {
  return {
    count: values.length,
    total: values.reduce((a, b) => a + b, 0),
    max: values.length ? Math.max(...values) : 0,
  };
}

/** This process's CPU since it started, ms. */
function processCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function memory(): { rssMb: number; hwmMb: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: process.memoryUsage().rss / 1048576, hwmMb: NaN };
  }
}

/** The cache's SQLite file and its WAL, bytes. */
function cacheSize(): { cacheBytes: number; walBytes: number } {
  const dir = join(dataDir!, 'cache');
  let cacheBytes = 0;
  let walBytes = 0;
  for (const name of readdirSync(dir)) {
    const size = statSync(join(dir, name)).size;
    if (name.endsWith('.sqlite')) cacheBytes += size;
    if (name.endsWith('.sqlite-wal')) walBytes += size;
  }
  return { cacheBytes, walBytes };
}

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
const loopFigures = () => ({
  p50: loopDelay.percentile(50) / 1e6,
  p99: loopDelay.percentile(99) / 1e6,
  max: loopDelay.max / 1e6,
});

// --- bootstrap ------------------------------------------------------------------------------------------

async function bootstrap(message: Extract<ToCore, { type: 'bootstrap' }>): Promise<AgentCoreClass> {
  const core = await startCore();
  const [{ CacheProxy }, { syncPageSchema }] = await Promise.all([
    import('../../main/core/cache/node/cache-proxy'),
    import('../../shared/protocol/api'),
  ]);
  let firstRowsAt = 0;
  let started = Number.NaN;

  // Every chunk of a page of the full sync is written by one applyIncoming call, one transaction in the
  // cache's worker: timed here from the call to its answer, the bench's only change to the core's paths.
  const pages: { changes: number; ms: number; at: number }[] = [];
  const applyIncoming = CacheProxy.prototype.applyIncoming;
  CacheProxy.prototype.applyIncoming = async function (this: CacheProxyType, from, to, generation) {
    const at = performance.now();
    const result = await applyIncoming.call(this, from, to, generation);
    const changes = result.changed.length + result.removed.length;
    pages.push({ changes, ms: performance.now() - at, at: at - started });
    firstRowsAt ||= performance.now();
    return result;
  };
  // The rest of a page's synchronous work: parsing its JSON (the only strings over 1 MB this process
  // parses) and checking it against the protocol's schema.
  const parses: number[] = [];
  const realParse = JSON.parse.bind(JSON);
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (text.length < 1_000_000) return realParse(text, reviver) as unknown;
    const at = performance.now();
    const parsed = realParse(text, reviver) as unknown;
    parses.push(performance.now() - at);
    return parsed;
  }) as typeof JSON.parse;
  const checks: number[] = [];
  const safeParse = syncPageSchema.safeParse.bind(syncPageSchema);
  syncPageSchema.safeParse = (data: unknown, params?: Parameters<typeof safeParse>[1]) => {
    const at = performance.now();
    const result = safeParse(data, params);
    checks.push(performance.now() - at);
    return result;
  };

  const isLive = () => seen.sync.some((s) => s.view.phase === 'live');
  loopDelay.reset();
  loopDelay.enable();
  const cpu = process.cpuUsage();
  started = performance.now();
  await invoke(core, 'account.signIn', {
    serverUrl: message.url,
    email: message.email,
    password: message.password,
  });
  const signInMs = performance.now() - started;
  const queriesMeanwhile = message.readsMeanwhile ? await queryWhile(core, () => !isLive()) : [];
  await until(isLive, 'the bootstrap to finish (sync phase live)', 600_000);
  const liveAt = seen.sync.find((s) => s.view.phase === 'live')!.at;
  const cpuUsed = process.cpuUsage(cpu);
  // The monitor records a block when its next tick runs, after the block: let the last one be counted.
  await new Promise((resolve) => setTimeout(resolve, 25));
  loopDelay.disable();
  const counts = await invoke<{ all: number; past: number }>(core, 'requests.counts', {});
  const syncStart = seen.sync.find((s) => s.view.phase === 'bootstrapping');
  const total = seen.sync.at(-1)?.view.total ?? null;
  JSON.parse = realParse;
  const result: BootstrapResult = {
    signInMs,
    syncStartMs: (syncStart?.at ?? NaN) - started,
    firstRowsMs: firstRowsAt - started,
    liveMs: liveAt - started,
    cached: counts.all + counts.past,
    serviceTotal: total,
    pages,
    queriesMeanwhile,
    jsonParse: spread(parses),
    schemaCheck: spread(checks),
    loopDelay: loopFigures(),
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    processCpuMs: NaN,
    ...memory(),
    ...cacheSize(),
  };
  // The connection's stream must be open before the bench stops this core: by then the sign-in's
  // tokens are stored, and the next process's refresh presents the right one.
  await until(connectionLive, 'the connection to go live', 60_000);
  send({ type: 'bootstrapped', result: { ...result, processCpuMs: processCpuMs() } });
  return core;
}

/** The renderer's first reads, again and again while `going` holds: each one's time, ms. */
async function queryWhile(core: AgentCoreClass, going: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (going()) {
    for (const [name, input] of [
      ['requests.query', { view: { type: 'all' }, limit: 100 }],
      ['requests.counts', {}],
    ] as const) {
      const at = performance.now();
      await invoke(core, name, input);
      times.push(performance.now() - at);
    }
    // A few a second, as a person scrolling and the sidebar would, not a flood.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return times;
}

// --- cold open --------------------------------------------------------------------------------------------

async function coldOpen(): Promise<AgentCoreClass> {
  const core = await startCore();
  const startedAt = performance.now();
  const page = await invoke<RequestPage>(core, 'requests.query', { view: { type: 'all' }, limit: 100 });
  const pageAt = performance.now();
  await invoke(core, 'requests.counts', {});
  const countsAt = performance.now();
  const before = [
    ...seen.connection.filter((c) => c.at <= pageAt).map((c) => `connection ${c.view.state}`),
    ...seen.sync.filter((s) => s.at <= pageAt).map((s) => `sync ${s.view.phase}`),
  ];
  send({
    type: 'opened',
    result: {
      importMs: importedAt - T0,
      startMs: startedAt - importedAt,
      firstPageMs: pageAt - startedAt,
      totalMs: pageAt - T0,
      countsMs: countsAt - pageAt,
      rows: page.rows.length,
      total: page.total,
      connectionBeforeFirstPage: before.length
        ? before.join(', ')
        : 'none: the page came from the cache alone',
      rssMb: memory().rssMb,
    },
  });
  const liveFrom = performance.now();
  await until(connectionLive, 'the connection to go live', 60_000);
  send({ type: 'live', ms: performance.now() - liveFrom, processCpuMs: processCpuMs() });
  send({ type: 'context', context: await queryContext(core, page) });
  return core;
}

/** Values of the cached rows and directory that the query mix searches for. */
async function queryContext(core: AgentCoreClass, page: RequestPage): Promise<QueryContext> {
  const directory = await invoke<{ channels: Channel[] }>(core, 'directory.get', {});
  return queryContextOf(directory.channels, page.rows);
}

async function runQueries(core: AgentCoreClass, queries: readonly QuerySpec[]): Promise<QuerySample[]> {
  const samples: QuerySample[] = [];
  for (const query of queries) {
    const at = performance.now();
    const value = await invoke<RequestPage | object>(core, query.command, query.input);
    const ms = performance.now() - at;
    samples.push({ kind: query.kind, label: query.label, ms, total: 'total' in value ? value.total : -1 });
  }
  return samples;
}

// --- live ---------------------------------------------------------------------------------------------

const live = {
  recording: false,
  records: [] as LiveRecord[],
  applyMs: [] as number[],
  cursor: 0,
  cpu: process.cpuUsage(),
  cpuUsed: { user: 0, system: 0 },
  drops: [] as string[],
  loop: { p50: 0, p99: 0, max: 0 },
};

/** Records when each live change is in the cache: applyLive's transaction has committed (in the worker). */
async function recordLiveChanges(core: AgentCoreClass): Promise<void> {
  const { CacheProxy } = await import('../../main/core/cache/node/cache-proxy');
  const applyLive = CacheProxy.prototype.applyLive;
  CacheProxy.prototype.applyLive = async function (this: CacheProxyType, changes, cursor) {
    const at = performance.now();
    const result = await applyLive.call(this, changes, cursor);
    const appliedMs = Date.now();
    live.cursor = Math.max(live.cursor, cursor);
    if (live.recording) {
      live.applyMs.push(performance.now() - at);
      for (const change of changes) {
        if (change.type !== 'request') continue;
        live.records.push({
          seq: change.seq,
          requestId: change.request.id,
          commitMs: Date.parse(change.request.updatedAt),
          appliedMs,
          batch: changes.length,
        });
      }
    }
    return result;
  };
  core.onEvent((name, payload) => {
    if (live.recording && name === 'connection') {
      const view = payload as ConnectionView;
      if (view.state !== 'live') live.drops.push(`${view.state}: ${view.reason ?? ''}`);
    }
  });
}

function liveReport(): LiveReport {
  return {
    records: live.records,
    connectionDrops: live.drops,
    loopDelay: live.loop,
    cpuMs: (live.cpuUsed.user + live.cpuUsed.system) / 1000,
    applyMs: spread(live.applyMs),
    ...memory(),
  };
}

// --- the bench's commands ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  let core: AgentCoreClass | null = null;
  const queue: ToCore[] = [];
  let wake: (() => void) | null = null;
  process.on('message', (message: ToCore) => {
    queue.push(message);
    wake?.();
  });
  // The bench went away: stop.
  process.on('disconnect', () => {
    void (core?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  });
  const next = async (): Promise<ToCore> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };

  if (mode === 'cold') {
    core = await coldOpen();
    await recordLiveChanges(core);
  }
  for (;;) {
    const message = await next();
    switch (message.type) {
      case 'bootstrap':
        core = await bootstrap(message);
        break;
      case 'queries': {
        const cpu = process.cpuUsage();
        const samples = await runQueries(core!, message.queries);
        const used = process.cpuUsage(cpu);
        send({ type: 'queried', samples, cpuMs: (used.user + used.system) / 1000 });
        break;
      }
      case 'record':
        live.recording = true;
        break;
      case 'window-start':
        live.cpu = process.cpuUsage();
        loopDelay.reset();
        loopDelay.enable();
        break;
      case 'window-end':
        live.cpuUsed = process.cpuUsage(live.cpu);
        loopDelay.disable();
        live.loop = loopFigures();
        break;
      case 'cursor':
        send({ type: 'cursor', cursor: live.cursor });
        break;
      case 'live-report':
        live.recording = false;
        send({ type: 'live-report', report: liveReport() });
        break;
      case 'stop': {
        await core?.stop();
        core = null;
        const { cacheBytes, walBytes } = cacheSize();
        const more = warningCount > warnings.length ? [`… ${warningCount - warnings.length} more`] : [];
        send({ type: 'stopped', cacheBytes: cacheBytes + walBytes, warnings: [...warnings, ...more] });
        process.disconnect();
        return;
      }
    }
  }
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: (error as Error).stack ?? String(error) });
  setTimeout(() => process.exit(1), 200);
});
