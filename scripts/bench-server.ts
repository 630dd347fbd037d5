/**
 * `npm run bench:server`: how the session request service fans changes out to many connected agents.
 *
 *   npm run bench:server -- [--agents 1000] [--rate 200] [--seconds 20] [--warmup 3] [--accounts N]
 *                           [--pool 64] [--client-procs 2] [--cpu-prof] [--no-floor] [--json]
 *
 * 1. Starts the service as it runs in production, in its own process (`tsx server/main.ts --port 0` on a
 *    fresh data folder), so its memory and CPU are measured apart from the clients'.
 * 2. Sets it up through the HTTP API only: AGENTS support agents, all members of the shared "Support"
 *    channel, each signed in; a pool of session requests in "Support", opened by their end user.
 * 3. Opens one change stream (WebSocket /api/v1/stream) per agent, held by a few client processes
 *    (scripts/bench/clients.ts), and waits until every stream said `ready`.
 * 4. Drives RATE status changes per second, paced by a scheduler: the end user denies access (POST
 *    /j/<token>/deny, the join page's form) and the agent requests it again (POST
 *    /api/v1/requests/{id}/rerequest), Waiting/pending ↔ Waiting/denied, over the pool. Every change is
 *    pushed to every agent. The first WARMUP seconds are not measured.
 * 5. Stops the service and measures the floor (scripts/bench/floor-server.ts): a plain `ws` broadcaster
 *    in its own process sending the same change JSON to as many streams, from new client processes of
 *    the same code, at the same rate, batched under the same rule and window.
 * 6. Reports changes/s committed, fan-out latency from commit to receipt at every agent, the floor's and
 *    ours as multiples of it, messages delivered, connections lost, the service's memory (per connected
 *    agent too), and PASS/FAIL against the targets of the issue; with --json, one JSON object last.
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
import { procStatus } from './bench/proc';
import { printReport } from './bench/report';
import { filesystemOf, startServiceProcess, type Service } from './bench/service-process';
import { setUp, type Setup } from './bench/setup';
import { fmt } from './bench/stats';
import { DEFAULT_BATCH_WINDOW_MS } from '../server/live/hub';

/** What to stop and remove if the run ends early: failed or interrupted. */
interface Cleanup {
  service: Service | null;
  clients: ClientProcesses | null;
  dataDir: string | null;
  floor: FloorProcesses;
}

const cleanup: Cleanup = {
  service: null,
  clients: null,
  dataDir: null,
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
  const service = cleanup.service;
  cleanup.service = null;
  await service?.stop();
  if (cleanup.dataDir) rmSync(cleanup.dataDir, { recursive: true, force: true });
  cleanup.dataDir = null;
}

async function run(options: Options): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-'));
  cleanup.dataDir = dataDir;
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'sessiondesk-bench-profile-')) : null;
  const filesystem = filesystemOf(dataDir);

  const { service, rssStart } = await startService(dataDir, profileDir, filesystem);
  const setup = await setUp(service, options);
  const { clients, rssConnected } = await openStreams(service, setup, options);
  const measurement = await measure(service, clients, setup, options, rssConnected?.rssMb ?? 0);
  const template = await lastChange(service.url, setup.adminToken);
  const { rssAfterClose, complaints } = await shutDown(service, clients, dataDir);
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
    serviceDied: service.died(),
    floor,
    windowMs: DEFAULT_BATCH_WINDOW_MS,
  };
  const figures = figuresOf(recorded);
  const problems = problemsOf(recorded, figures);
  printReport(recorded, figures, problems);
  return problems.length ? 1 : 0;
}

/** The service, listening, and its memory then. */
async function startService(dataDir: string, profileDir: string | null, filesystem: string) {
  log(`starting the service (data in ${dataDir}, ${filesystem})…`);
  const service = await startServiceProcess(dataDir, profileDir);
  cleanup.service = service;
  const rssStart = procStatus(service.pid);
  log(`service pid ${service.pid} listening on ${service.url}, RSS ${fmt(rssStart?.rssMb ?? NaN)} MB`);
  return { service, rssStart };
}

/** One change stream per agent, from the client processes, all ready; the service's memory a second later. */
async function openStreams(service: Service, setup: Setup, options: Options) {
  log(`opening ${options.agents} change streams from ${options.clientProcs} client process(es)…`);
  const clients = forkClientProcesses(setup.tokens, options.clientProcs);
  cleanup.clients = clients;
  const ms = await clients.connect(service.url, setup.head);
  log(`${options.agents} streams ready in ${fmt(ms / 1000, 1)} s`);
  await sleep(1_000);
  return { clients, rssConnected: procStatus(service.pid) };
}

/** The newest change as the service serialized it (one the bench made): the floor sends its like. */
async function lastChange(url: string, adminToken: string): Promise<string> {
  const head = await feedHead(url);
  const page = await api<{ changes: unknown[] }>('GET', url, `/sync?since=${head - 1}`, 200, {
    token: adminToken,
  });
  return JSON.stringify(page.changes[0]);
}

/** Closes the streams, then stops the service and removes its data; what the service left to report. */
async function shutDown(service: Service, clients: ClientProcesses, dataDir: string) {
  cleanup.clients = null;
  await clients.close();
  await sleep(300); // the service notices the closed sockets
  const rssAfterClose = procStatus(service.pid);
  const complaints = [...service.complaints];
  cleanup.service = null;
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
  cleanup.dataDir = null;
  return { rssAfterClose, complaints };
}

runBench({
  readOptions,
  help: HELP,
  run,
  cleanUp,
  complaints: () => cleanup.service?.complaints ?? [],
});
