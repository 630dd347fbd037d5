/**
 * The floor `npm run bench:server` compares the service with: a plain `ws` broadcaster in its own process,
 * doing only what any fan-out must. It makes changes at the bench's rate from a change the service made
 * (same JSON, same bytes but for the seq, the request id and the timestamp), stamps each with the time it
 * was made (as the service stamps `updatedAt`), batches them under the service's own rule and window
 * (server/live/flush-schedule.ts) in the stream's own framing, and writes each batch, encoded once, to
 * every socket. No HTTP, no SQLite, no filtering: what is left is the wire and the event loop.
 *
 * The bench's client processes (scripts/bench/clients.ts) connect to it as to the service and measure it
 * the same way. Talks to the bench over IPC (FloorMessage below); exits when the bench goes away.
 */
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { FlushSchedule } from '../../server/live/flush-schedule';
import { changesMessage } from '../../server/live/hub';

/** From the bench. */
export type ToFloor = {
  readonly type: 'run';
  /** A `request` change as the service serialized it. */
  readonly template: string;
  /** The request ids the changes cycle over (the bench's pool). */
  readonly requestIds: readonly string[];
  readonly rate: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly windowMs: number;
};

/** To the bench. */
export type FromFloor =
  | { readonly type: 'listening'; readonly url: string }
  | { readonly type: 'window'; readonly phase: 'start' | 'end' }
  | {
      readonly type: 'ran';
      /** Epoch ms of the measured window's edges. */
      readonly measureStartWall: number;
      readonly measureEndWall: number;
      /** The last seq made: every stream should receive up to it. */
      readonly head: number;
      /** This process's CPU over the measured window, ms. */
      readonly cpuMs: number;
    };

interface RequestChange {
  seq: number;
  request: { id: string; updatedAt: string };
}

const tell = (message: FromFloor) => {
  if (process.connected) process.send?.(message);
};

const sockets = new Set<WebSocket>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (socket, request) => {
  const since = Number(new URL(request.url ?? '/', 'http://floor').searchParams.get('since') ?? 0);
  socket.send(JSON.stringify({ type: 'ready', since, head: since }));
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address)
    tell({ type: 'listening', url: `http://127.0.0.1:${address.port}` });
});

function run(order: ToFloor): void {
  const change = JSON.parse(order.template) as RequestChange;
  let seq = 0;
  let prev = 0;
  let queued: string[] = [];
  const schedule = new FlushSchedule(() => {
    if (queued.length === 0) return;
    const message = Buffer.from(changesMessage(prev, queued.join(',')));
    prev = seq;
    queued = [];
    for (const socket of sockets) socket.send(message);
  }, order.windowMs);
  const make = () => {
    seq++;
    change.seq = seq;
    change.request.id = order.requestIds[seq % order.requestIds.length]!;
    change.request.updatedAt = new Date().toISOString();
    queued.push(JSON.stringify(change));
    schedule.queued();
  };

  const interval = 1000 / order.rate;
  const total = Math.round(order.rate * (order.warmupSeconds + order.seconds));
  const startedAt = performance.now();
  const startedWall = Date.now();
  const windowStart = startedAt + order.warmupSeconds * 1000;
  let windowCpu: NodeJS.CpuUsage | null = null;
  let cpuMs = NaN;
  // Paced as the bench's driver paces its calls: every change due by now is made, then a timer to the next.
  const tick = () => {
    const now = performance.now();
    if (!windowCpu && now >= windowStart) {
      windowCpu = process.cpuUsage();
      tell({ type: 'window', phase: 'start' });
    }
    const due = Math.min(total, Math.floor((now - startedAt) / interval) + 1);
    while (seq < due) make();
    if (seq < total) {
      setTimeout(tick, Math.max(0, startedAt + seq * interval - performance.now()));
      return;
    }
    schedule.flushNow();
    const used = process.cpuUsage(windowCpu ?? undefined);
    cpuMs = (used.user + used.system) / 1000;
    tell({ type: 'window', phase: 'end' });
    tell({
      type: 'ran',
      measureStartWall: startedWall + order.warmupSeconds * 1000,
      measureEndWall: startedWall + (order.warmupSeconds + order.seconds) * 1000,
      head: seq,
      cpuMs,
    });
  };
  tick();
}

process.on('message', (message: ToFloor) => {
  if (message.type === 'run') run(message);
});
// The bench went away (finished, failed or interrupted): go.
process.on('disconnect', () => {
  for (const socket of sockets) socket.terminate();
  server.close();
  setTimeout(() => process.exit(0), 100).unref();
});
process.on('SIGINT', () => {
  /* the bench, in the same process group, handles Ctrl-C and disconnects */
});
