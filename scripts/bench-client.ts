/**
 * `npm run bench:client`: the agent client's core (main/core) over a big cache, against a real service.
 *
 *   npm run bench:client -- [--requests 100000] [--others 500] [--accounts 25] [--rate 25] [--seconds 20]
 *                           [--warmup 3] [--queries 500] [--cold-opens 5] [--pool 64] [--client-procs 2]
 *                           [--reads-during-bootstrap] [--keep] [--json]
 *
 * 1. Seeds the service's database in-process (scripts/bench-client/seed.ts): REQUESTS session requests
 *    through the service's own code, in a few big transactions; then starts the service as its own
 *    process on that folder (scripts/bench/service-process.ts), so that it and the measured core do not
 *    share an event loop.
 * 2. Bootstrap: a fresh core process on an empty data folder signs in as the admin (who sees every
 *    request) and syncs everything; timed from account.signIn until the sync is `live` with every request
 *    cached, with CacheStore.applyFullPage, the pages' parsing and the event loop measured meanwhile. Then
 *    the service alone is timed serving the same pages.
 * 3. Cold open: COLD-OPENS fresh processes open that cache (the service up; the connection starts at once)
 *    and are timed from before the core's modules are imported to the first page of 100 rows.
 * 4. Queries: the last of them runs QUERIES searches and filters through core.invoke (the IPC commands).
 * 5. Live: OTHERS other agents' change streams are opened, status changes are driven at RATE per second
 *    on requests everyone sees, and each change is timed from its commit at the service to its commit in
 *    the measured core's cache.
 *
 * The measured core runs bundled (scripts/bench-client/bundle.ts) on plain Node, as the packaged app runs
 * its main process; one more cold open of the TypeScript source through tsx is printed for reference.
 *
 * It is a measurement: a missed target still exits 0. A broken run (the bootstrap not caching every
 * request, a live change not reaching the core, a stream lost, a call refused, a process dying) exits 1.
 * Everything it started is stopped and its data folders removed, also when it fails or is interrupted.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientProcesses } from './bench/client-processes';
import { ADMIN } from './bench/constants';
import { api, closeConnections } from './bench/http';
import { runBench } from './bench/entry';
import { log } from './bench/log';
import { procStatus } from './bench/proc';
import { filesystemOf, startServiceProcess, type Service } from './bench/service-process';
import { fmt } from './bench/stats';
import { bundleCoreChild, bundleDir } from './bench-client/bundle';
import { cpuShare, readCpu, type CpuShare } from './bench-client/cpu';
import { forkCore, type CoreProcess, type Runner } from './bench-client/core-process';
import { measureLive } from './bench-client/live';
import type { ColdOpenResult } from './bench-client/messages';
import { HELP, readOptions, type Options } from './bench-client/options';
import { queryMix, queriesToRun } from './bench-client/queries';
import { printReport, problemsOf, type Recorded } from './bench-client/report';
import { seed } from './bench-client/seed';
import { pageEverything } from './bench-client/service-paging';
import { summaryOf } from './bench-client/summary';

/** What to stop and remove if the run ends early: failed or interrupted. */
const cleanup = {
  service: null as Service | null,
  cores: new Set<CoreProcess>(),
  clients: null as ClientProcesses | null,
  dirs: [] as string[],
  keep: null as string | null,
};

async function cleanUp(): Promise<void> {
  cleanup.clients?.kill();
  cleanup.clients = null;
  for (const core of cleanup.cores) core.kill();
  cleanup.cores.clear();
  closeConnections();
  const service = cleanup.service;
  cleanup.service = null;
  await service?.stop();
  for (const dir of cleanup.dirs.splice(0)) {
    if (dir !== cleanup.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** A core's process, stopped and forgotten by the clean-up once it has exited. */
function core(mode: 'bootstrap' | 'cold', dataDir: string, runner: Runner): CoreProcess {
  const proc = forkCore(mode, dataDir, runner);
  cleanup.cores.add(proc);
  return proc;
}

async function stopCore(proc: CoreProcess) {
  const stopped = await proc.stop();
  cleanup.cores.delete(proc);
  return stopped;
}

async function run(options: Options): Promise<number> {
  const loadAtStart = loadavg()[0]!;
  const root = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-client-'));
  cleanup.dirs.push(root);
  if (options.keep) cleanup.keep = root;
  const serviceDir = join(root, 'service');
  const coreDir = join(root, 'core');
  mkdirSync(coreDir);
  const filesystem = filesystemOf(root);

  log(`bundling the core as the packaged app runs it…`);
  const bundleOut = bundleDir();
  cleanup.dirs.push(bundleOut);
  const bundled: Runner = { bundle: await bundleCoreChild(bundleOut) };

  log(`seeding the service's database in ${serviceDir} (${filesystem})…`);
  const seeded = await seed(serviceDir, options);
  log(`seeded in ${fmt(seeded.seconds, 1)} s; feed head ${fmt(seeded.head)}`);

  log('starting the service in its own process…');
  const service = await startServiceProcess(serviceDir, null);
  cleanup.service = service;
  log(`service pid ${service.pid} listening on ${service.url}`);
  const admin = await api<{ accessToken: string }>('POST', service.url, '/auth/login', 200, { body: ADMIN });

  log(`bootstrap: a fresh core signs in and syncs ${fmt(options.requests)} requests into an empty cache…`);
  const bootFrom = readCpu(service.pid);
  const booting = core('bootstrap', coreDir, bundled);
  booting.tell({ type: 'bootstrap', url: service.url, ...ADMIN, readsMeanwhile: options.readsMeanwhile });
  const bootstrap = (await booting.next('bootstrapped', 900_000)).result;
  const bootstrapCpu = cpuShare(bootFrom, readCpu(service.pid), bootstrap.processCpuMs);
  log(`bootstrapped in ${fmt(bootstrap.liveMs / 1000, 2)} s (${fmt(bootstrap.cached)} requests cached)`);
  await stopCore(booting);
  const serviceRss = procStatus(service.pid);

  log('the service alone: every page of a sync from 0…');
  const paging = await pageEverything(service.url, admin.accessToken);
  log(`paged in ${fmt(paging.ms / 1000, 2)} s`);

  log('cold open of the TypeScript source through tsx, for reference…');
  const source = core('cold', coreDir, { bundle: null });
  const sourceOpen = (await source.next('opened', 120_000)).result;
  await source.next('live', 60_000);
  await stopCore(source);

  const coldOpens: ColdOpenResult[] = [];
  const coldOpenCpu: CpuShare[] = [];
  let measured: CoreProcess | null = null;
  for (let i = 0; i < options.coldOpens; i++) {
    const from = readCpu(service.pid);
    const opening = core('cold', coreDir, bundled);
    const opened = (await opening.next('opened', 60_000)).result;
    coldOpens.push(opened);
    log(`cold open ${i + 1} of ${options.coldOpens}: first page in ${fmt(opened.totalMs)} ms`);
    const live = await opening.next('live', 60_000);
    coldOpenCpu.push(cpuShare(from, readCpu(service.pid), live.processCpuMs));
    if (i < options.coldOpens - 1) await stopCore(opening);
    else measured = opening;
  }

  const context = (await measured!.next('context', 60_000)).context;
  const queries = queriesToRun(context, options.queries);
  log(
    `running ${fmt(queries.length)} queries (${queryMix(context).length} distinct, repeated) through the core…`,
  );
  const queriesFrom = readCpu(service.pid);
  measured!.tell({ type: 'queries', queries });
  const queried = await measured!.next('queried', 900_000);
  const queriesCpu = cpuShare(queriesFrom, readCpu(service.pid), queried.cpuMs);

  const live = await measureLive(service, measured!, seeded.pool, admin.accessToken, options, (clients) => {
    cleanup.clients = clients;
  });
  const stopped = await stopCore(measured!);

  const serviceComplaints = [...service.complaints];
  const serviceDied = service.died();
  cleanup.service = null;
  await service.stop();

  const recorded: Recorded = {
    options,
    filesystem,
    seeded,
    serviceRss,
    bootstrap,
    bootstrapCpu,
    paging,
    coldOpens,
    coldOpenCpu,
    sourceOpen,
    queries: queried.samples,
    queriesCpu,
    distinctQueries: queryMix(context).length,
    live,
    cacheBytesClosed: stopped?.cacheBytes ?? NaN,
    coreWarnings: stopped?.warnings ?? [],
    serviceComplaints,
    serviceDied,
    load: { start: loadAtStart, end: loadavg()[0]! },
  };
  const problems = problemsOf(recorded);
  printReport(recorded, problems);
  if (options.keep) console.log(`data folders kept in ${root}`);
  if (options.json) console.log(JSON.stringify(summaryOf(recorded)));
  return problems.length ? 1 : 0;
}

runBench({
  readOptions,
  help: HELP,
  run,
  cleanUp,
  complaints: () => cleanup.service?.complaints ?? [],
});
