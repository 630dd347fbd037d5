/**
 * The live phase: OTHERS other agents hold change streams (WebSocket /api/v1/stream, from the client
 * processes of bench:server, scripts/bench/clients.ts) while status changes are driven at a steady rate on
 * requests in "Support", which every one of them and the measured core's agent see (bench:server's driver:
 * the end user denies, the agent requests access again). The measured core records when each change is in
 * its cache (core-child.ts); the client processes record when each stream received it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkClientProcesses, type ClientProcesses } from '../bench/client-processes';
import { drive, openDriverConnections, type Driven, type PoolRequest } from '../bench/driver';
import { api, feedHead } from '../bench/http';
import { log } from '../bench/log';
import { mapLimit } from '../bench/map-limit';
import type { ClientReport, FromClientsOf } from '../bench/messages';
import type { Options as ServerBenchOptions } from '../bench/options';
import type { Service } from '../bench/service-process';
import { fmt } from '../bench/stats';
import type { CoreProcess } from './core-process';
import { readCpu, type CpuReading } from './cpu';
import type { LiveReport } from './messages';
import type { Options } from './options';
import { AGENT_PASSWORD, agentEmail } from './seed';

/** The service allows 20 sign-ins per minute per address (server/services/rate-limits.ts). */
const SIGN_INS_PER_ADDRESS = 20;

export interface LiveMeasurement {
  readonly driven: Driven;
  readonly core: LiveReport;
  /** Whether the core's cache had every change up to the feed's head within 30 s of the last call. */
  readonly coreCaughtUp: boolean;
  readonly others: readonly ClientReport[];
  readonly drained: readonly FromClientsOf<'drained'>[];
  readonly streamsReadyMs: number;
  readonly lostStreams: readonly string[];
  /** The CPU at the measured window's edges. */
  readonly cpu: { readonly start: CpuReading; readonly end: CpuReading };
}

/** Runs the live phase against `core` (a cold-opened core, connected); `track` learns the client processes. */
export async function measureLive(
  service: Service,
  core: CoreProcess,
  pool: PoolRequest[],
  adminToken: string,
  options: Options,
  track: (clients: ClientProcesses | null) => void,
): Promise<LiveMeasurement> {
  const url = service.url;
  log(`signing ${options.accounts} agents in, ${SIGN_INS_PER_ADDRESS} per loopback address…`);
  const accountTokens = await mapLimit(
    Array.from({ length: options.accounts }, (_, i) => i),
    4,
    (i) => signIn(url, i),
  );
  const tokens = Array.from({ length: options.others }, (_, i) => accountTokens[i % options.accounts]!);

  log(`opening ${fmt(options.others)} other agents' change streams from ${options.clientProcs} process(es)…`);
  const clients = forkClientProcesses(tokens, options.clientProcs);
  track(clients);
  const streamsReadyMs = await clients.connect(url, await feedHead(url));
  log(`${fmt(options.others)} streams ready in ${fmt(streamsReadyMs / 1000, 1)} s`);
  await openDriverConnections(url, pool.length);
  await sleep(1_000);

  log(
    `driving ${fmt(options.rate)} changes/s: ${options.warmup} s warm-up, then ${options.seconds} s measured ` +
      `(end user denies ↔ agent requests access again, over ${pool.length} requests in "Support")…`,
  );
  core.tell({ type: 'record' });
  const cpu: Partial<Record<'start' | 'end', CpuReading>> = {};
  const driven = await drive(url, adminToken, pool, serverBenchOptions(options, pool.length), (phase) => {
    clients.window(phase);
    core.tell({ type: phase === 'start' ? 'window-start' : 'window-end' });
    cpu[phase] = readCpu(service.pid);
  });

  const head = await feedHead(url);
  const coreCaughtUp = await coreReaches(core, head, 30_000);
  const drained = await clients.drain(head);
  const report = core.next('live-report', 30_000);
  core.tell({ type: 'live-report' });
  const coreReport = (await report).report;
  const others = await clients.report(driven.measureStartWall, driven.measureEndWall, sendTimes(driven));
  const lostStreams = [...clients.lostStreams];
  track(null);
  await clients.close();
  return {
    driven,
    core: coreReport,
    coreCaughtUp,
    others,
    drained,
    streamsReadyMs,
    lostStreams,
    cpu: { start: cpu.start!, end: cpu.end! },
  };
}

/** Agent `i` signs in from its loopback address (Linux routes all of 127.0.0.0/8 to loopback). */
async function signIn(url: string, i: number): Promise<string> {
  const address = Math.floor(i / SIGN_INS_PER_ADDRESS) + 2;
  if (address > 254) throw new Error('more accounts than loopback addresses 127.0.0.2–254 allow (5,060)');
  const login = await api<{ accessToken: string }>('POST', url, '/auth/login', 200, {
    body: { email: agentEmail(i), password: AGENT_PASSWORD },
    localAddress: `127.0.0.${address}`,
  });
  return login.accessToken;
}

/** Waits until the core's cache has applied everything up to `head`. */
async function coreReaches(core: CoreProcess, head: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const answer = core.next('cursor', 10_000);
    core.tell({ type: 'cursor' });
    if ((await answer).cursor >= head) return true;
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
}

/** bench:server's options, for its driver: only the rate and the durations matter to it. */
function serverBenchOptions(options: Options, pool: number): ServerBenchOptions {
  return {
    agents: options.others,
    accounts: options.accounts,
    rate: options.rate,
    seconds: options.seconds,
    warmup: options.warmup,
    pool,
    clientProcs: options.clientProcs,
    cpuProf: false,
  };
}

/** Per request, when each call that changed it was sent (epoch ms), in order: to match changes to calls. */
function sendTimes(driven: Driven): Record<string, number[]> {
  const sent: Record<string, number[]> = {};
  for (const call of driven.calls) if (call.changed) (sent[call.requestId] ??= []).push(call.sentWallMs);
  return sent;
}
