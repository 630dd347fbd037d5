/**
 * The client processes (scripts/bench/clients.ts) that hold the agents' change streams: forking them,
 * sharing the streams out among them, and talking to them over IPC (scripts/bench/messages.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from './constants';
import type { ClientReport, FromClients, FromClientsOf, StreamShare, ToClients } from './messages';

/** The client processes together, each holding its share of the streams. */
export interface ClientProcesses {
  /** Streams the service closed while the bench ran, as the processes reported them. */
  readonly lostStreams: readonly string[];
  /** Streams per service instance, as connect() spreads them over its URLs. */
  readonly streamsPerInstance: readonly number[];
  /**
   * Opens every stream, serving changes after `since`, spread evenly over the service instances at `urls`
   * (one URL: all there); resolves when all said `ready`, with the ms taken.
   */
  connect(urls: string | readonly string[], since: number): Promise<number>;
  /** The measured window starts or ends (the processes measure their CPU and event-loop delay in it). */
  window(phase: 'start' | 'end'): void;
  /** Resolves when every stream has received `head`, or after 60 s with how many have not. */
  drain(head: number): Promise<FromClientsOf<'drained'>[]>;
  /** Each process's report on the changes committed in [measureStartMs, measureEndMs). */
  report(
    measureStartMs: number,
    measureEndMs: number,
    calls: Readonly<Record<string, readonly number[]>>,
  ): Promise<ClientReport[]>;
  /** Closes the streams and waits for the processes to exit. */
  close(): Promise<void>;
  /** Tells the processes to close, and kills any still there 3 s later (on a failed or interrupted run). */
  kill(): void;
}

/** One client process. */
interface ClientProc {
  readonly child: ChildProcess;
  /** The next message of `type`, or a rejection if the process failed or exited, or at the timeout. */
  next<T extends FromClients['type']>(type: T, timeoutMs: number): Promise<FromClientsOf<T>>;
  tell(message: ToClients): void;
}

/**
 * Forks `count` client processes and shares `tokens` (one stream each) among them, round robin, the streams
 * spread over `instances` service instances (see shareStreams).
 */
export function forkClientProcesses(
  tokens: readonly string[],
  count: number,
  instances = 1,
): ClientProcesses {
  const lostStreams: string[] = [];
  const shares = shareStreams(tokens, count, instances);
  const clients = shares.map((_share, p) => forkClient(p, (lost) => lostStreams.push(lost)));
  /** Tells every process `message` and collects each one's answer of `type`. */
  const ask = <T extends FromClients['type']>(
    type: T,
    timeoutMs: number,
    message: (p: number) => ToClients,
  ): Promise<FromClientsOf<T>[]> =>
    Promise.all(
      clients.map((client, p) => {
        const answer = client.next(type, timeoutMs);
        client.tell(message(p));
        return answer;
      }),
    );
  return {
    lostStreams,
    streamsPerInstance: Array.from(
      { length: instances },
      (_, k) => shares.flat().filter((stream) => stream.instance === k).length,
    ),
    connect: async (urls, since) => {
      const started = performance.now();
      const instanceUrls = typeof urls === 'string' ? [urls] : urls;
      if (instanceUrls.length !== instances)
        throw new Error(`${instanceUrls.length} service URLs for ${instances} instance(s)`);
      await ask('connected', 120_000, (p) => ({
        type: 'start',
        urls: instanceUrls,
        since,
        streams: shares[p]!,
        connectConcurrency: 25,
      }));
      return performance.now() - started;
    },
    window: (phase) => {
      for (const client of clients) client.tell({ type: phase === 'start' ? 'window-start' : 'window-end' });
    },
    drain: (head) => ask('drained', 70_000, () => ({ type: 'drain', head, timeoutMs: 60_000 })),
    report: async (measureStartMs, measureEndMs, calls) => {
      const answers = await ask('report', 120_000, () => ({
        type: 'report',
        measureStartMs,
        measureEndMs,
        calls,
      }));
      return answers.map((m) => m.report);
    },
    close: async () => {
      for (const client of clients) client.tell({ type: 'close' });
      await Promise.all(
        clients.map((client) => new Promise((resolve) => client.child.once('exit', resolve))),
      );
    },
    kill: () => {
      for (const client of clients) {
        client.tell({ type: 'close' });
        setTimeout(() => client.child.kill('SIGKILL'), 3_000).unref();
      }
    },
  };
}

/**
 * Each client process's streams: tokens round robin over the `count` processes, and within each process
 * round robin over the `instances`, so every process holds streams on every instance (a busy client process
 * then delays single- and cross-instance receipts alike) and the instances hold as many streams as can be.
 */
export function shareStreams(tokens: readonly string[], count: number, instances: number): StreamShare[][] {
  return Array.from({ length: count }, (_, p) =>
    tokens.filter((_t, i) => i % count === p).map((token, j) => ({ token, instance: (j + p) % instances })),
  );
}

function forkClient(index: number, onLost: (description: string) => void): ClientProc {
  const child = fork(join(ROOT, 'scripts/bench/clients.ts'), [], {
    cwd: ROOT,
    execArgv: process.execArgv, // tsx's loader, as this process runs under it
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, (message: FromClients) => void>();
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const wake of waiting.values()) wake({ type: 'failed', message: error.message });
    waiting.clear();
  };
  child.on('message', (message: FromClients) => {
    if (message.type === 'lost') {
      onLost(`client process ${index}: stream closed ${message.code} ${message.reason}`);
      return;
    }
    if (message.type === 'failed') return failAll(new Error(`client process ${index}: ${message.message}`));
    const wake = waiting.get(message.type);
    waiting.delete(message.type);
    wake?.(message);
  });
  child.once('exit', (code) => failAll(new Error(`client process ${index} exited (code ${code})`)));
  return {
    child,
    tell: (message) => {
      if (child.connected) child.send(message);
    },
    next: (type, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const timer = setTimeout(
          () => reject(new Error(`client process ${index}: no "${type}" within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        waiting.set(type, (message) => {
          clearTimeout(timer);
          if (message.type === 'failed') reject(new Error(message.message));
          else resolve(message as FromClientsOf<typeof type>);
        });
      }),
  };
}
