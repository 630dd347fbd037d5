/**
 * One client process of `npm run bench:server` (see scripts/bench-server.ts): it holds a share of the
 * agents' change streams (WebSocket /api/v1/stream) and records, for every change each stream receives,
 * when it arrived. The bench forks a few of these (scripts/bench/client-processes.ts) so that parsing
 * 200,000 messages a second is not done on the bench's own event loop, where a busy loop would show up as
 * fan-out latency that is not the service's.
 *
 * Talks to the bench over the IPC channel only (messages in scripts/bench/messages.ts); exits when the
 * bench goes away.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { streamMessageSchema } from '../../shared/protocol/stream';
import { mapLimit } from './map-limit';
import type { ClientReport, FromClients, Histogram, StreamShare, ToClients } from './messages';

interface SeenChange {
  readonly seq: number;
  readonly commitMs: number;
  readonly requestId: string;
  /** Receipt − commit, ms, one per stream that received it… */
  readonly offsets: Int32Array;
  /** …and the service instance that stream is on. */
  readonly instances: Uint8Array;
  received: number;
}

interface Stream {
  readonly socket: WebSocket;
  /** The service instance it is on (index into the start message's URLs). */
  readonly instance: number;
  cursor: number;
  ready: boolean;
  validated: boolean;
}

const BATCH_PREFIX = '{"type":"changes","prev":';
// Every change the service serializes starts like this; JSON escaping keeps it out of any string value.
const REQUEST_CHANGE = '{"type":"request","seq":';
const REQUEST_KEY = '"request":{';
// The request's own id: its first string-valued `id` key. Not necessarily its first key: a /sync page's
// JSON (which the floor sends) puts the link first, the hub's stream the id.
const ID_KEY = '"id":"';
const UPDATED_KEY = '"updatedAt":"';

/** The integer written at `at` in `buf` (ASCII digits). */
function intAt(buf: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < buf.length; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return value;
}

const send = (message: FromClients) => {
  if (process.connected) process.send?.(message);
};

const streams: Stream[] = [];
/** Every change this process saw, by seq: parsed once, whichever stream got it first. */
const seen = new Map<number, SeenChange>();
let gaps = 0;
let invalid = 0;
let invalidates = 0;
let heartbeats = 0;
let closing = false;
const closeCodes: string[] = [];
let drainWaiter: (() => void) | null = null;
let drainHead = Number.POSITIVE_INFINITY;
/** Service instances the streams are spread over (the start message's URLs). */
let instanceCount = 1;

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
let windowCpu: NodeJS.CpuUsage | null = null;
let windowCpuUsed: NodeJS.CpuUsage | null = null;
let windowLoop = { p50: 0, p99: 0, max: 0 };

function onBatch(stream: Stream, buf: Buffer): void {
  const now = Date.now();
  const prev = intAt(buf, BATCH_PREFIX.length);
  if (prev !== stream.cursor) gaps++;
  if (!stream.validated) {
    // Each stream's first batch is checked against the protocol's schema in full; after that only the
    // fields the bench needs are read, so that the clients stay cheap next to the service they measure.
    stream.validated = true;
    if (!streamMessageSchema.safeParse(JSON.parse(buf.toString('utf8'))).success) invalid++;
  }
  let at = buf.indexOf(REQUEST_CHANGE, BATCH_PREFIX.length);
  if (at < 0) invalid++; // a batch of tombstones only: the bench makes none
  while (at >= 0) {
    const seq = intAt(buf, at + REQUEST_CHANGE.length);
    stream.cursor = seq;
    let change = seen.get(seq);
    if (!change) {
      const requestAt = buf.indexOf(REQUEST_KEY, at);
      const idAt = requestAt < 0 ? -1 : buf.indexOf(ID_KEY, requestAt);
      const updatedAt = buf.indexOf(UPDATED_KEY, at);
      if (idAt < 0 || updatedAt < 0) {
        invalid++;
        return;
      }
      const idStart = idAt + ID_KEY.length;
      const requestId = buf.toString('latin1', idStart, buf.indexOf('"', idStart));
      const timeAt = updatedAt + UPDATED_KEY.length;
      const commitMs = Date.parse(buf.toString('latin1', timeAt, buf.indexOf('"', timeAt)));
      change = {
        seq,
        commitMs,
        requestId,
        offsets: new Int32Array(streams.length),
        instances: new Uint8Array(streams.length),
        received: 0,
      };
      seen.set(seq, change);
    }
    if (change.received < change.offsets.length) {
      change.instances[change.received] = stream.instance;
      change.offsets[change.received++] = now - change.commitMs;
    }
    at = buf.indexOf(REQUEST_CHANGE, at + REQUEST_CHANGE.length);
  }
  if (drainWaiter && stream.cursor >= drainHead) checkDrained();
}

function onMessage(stream: Stream, buf: Buffer, resolveReady: () => void): void {
  if (buf.indexOf(BATCH_PREFIX) === 0) return onBatch(stream, buf);
  let message;
  try {
    message = streamMessageSchema.parse(JSON.parse(buf.toString('utf8')));
  } catch {
    invalid++;
    return;
  }
  switch (message.type) {
    case 'ready':
      stream.ready = true;
      stream.cursor = message.since;
      resolveReady();
      break;
    case 'heartbeat':
      heartbeats++;
      break;
    case 'invalidate':
      invalidates++;
      break;
    case 'changes':
      invalid++; // a batch not in the service's usual framing
      break;
  }
}

function openStream(urls: readonly string[], share: StreamShare, since: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = urls[share.instance]!;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/stream?since=${since}`, {
      headers: { authorization: `Bearer ${share.token}` },
      perMessageDeflate: false,
      // The service sends JSON it serialized itself; the clients' CPU is better left to the service.
      skipUTF8Validation: true,
    });
    const stream: Stream = {
      socket,
      instance: share.instance,
      cursor: since,
      ready: false,
      validated: false,
    };
    streams.push(stream);
    socket.on('message', (data: Buffer) => onMessage(stream, data, resolve));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`stream refused: HTTP ${response.statusCode}`)),
    );
    socket.on('error', (error) => {
      if (!stream.ready) reject(error);
    });
    socket.on('close', (code, reason) => {
      if (!stream.ready) reject(new Error(`stream closed before ready: ${code} ${reason.toString()}`));
      if (closing) return;
      const text = `${code} ${reason.toString('utf8')}`.trim();
      closeCodes.push(text);
      send({ type: 'lost', code, reason: reason.toString('utf8') });
    });
  });
}

async function connectAll(
  urls: readonly string[],
  since: number,
  shares: readonly StreamShare[],
  concurrency: number,
) {
  const started = Date.now();
  instanceCount = urls.length;
  await mapLimit(shares, concurrency, (share) => openStream(urls, share, since));
  send({ type: 'connected', streams: streams.length, ms: Date.now() - started });
}

function lowestCursor(): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const stream of streams) lowest = Math.min(lowest, stream.cursor);
  return lowest;
}

function checkDrained(): void {
  if (lowestCursor() >= drainHead && drainWaiter) {
    const wake = drainWaiter;
    drainWaiter = null;
    wake();
  }
}

async function drain(head: number, timeoutMs: number): Promise<void> {
  drainHead = head;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      drainWaiter = null;
      resolve();
    }, timeoutMs);
    drainWaiter = () => {
      clearTimeout(timer);
      resolve();
    };
    checkDrained();
  });
  drainHead = Number.POSITIVE_INFINITY;
  send({
    type: 'drained',
    behind: streams.filter((s) => s.cursor < head).length,
    lowestCursor: lowestCursor(),
  });
}

function add(histogram: Histogram, ms: number, count = 1): void {
  histogram[ms] = (histogram[ms] ?? 0) + count;
}

function report(measureStartMs: number, measureEndMs: number, calls: Record<string, readonly number[]>) {
  const commitToReceipt: Histogram = {};
  const byInstance: Histogram[] = Array.from({ length: instanceCount }, () => ({}));
  const sendToReceipt: Histogram = {};
  let receiptsMeasured = 0;
  let receiptsInWindow = 0;
  let measuredChanges = 0;
  let missing = 0;
  let unmatched = 0;

  // The bench changes one request at a time (a request's next call waits for the previous answer), so the
  // k-th change of a request seen on the stream is the k-th call made on it: that call's send time.
  const byRequest = new Map<string, SeenChange[]>();
  for (const change of seen.values()) {
    const list = byRequest.get(change.requestId) ?? [];
    list.push(change);
    byRequest.set(change.requestId, list);
  }
  const sentAt = new Map<number, number>();
  for (const [requestId, changes] of byRequest) {
    const sends = calls[requestId] ?? [];
    changes.sort((a, b) => a.seq - b.seq);
    if (sends.length === changes.length) changes.forEach((change, k) => sentAt.set(change.seq, sends[k]!));
  }

  for (const change of seen.values()) {
    missing += streams.length - change.received;
    for (let i = 0; i < change.received; i++) {
      const receivedMs = change.commitMs + change.offsets[i]!;
      if (receivedMs >= measureStartMs && receivedMs < measureEndMs) receiptsInWindow++;
    }
    // Measured: the changes the service committed inside the window (whenever their call was due).
    if (change.commitMs < measureStartMs || change.commitMs >= measureEndMs) continue;
    measuredChanges++;
    const sent = sentAt.get(change.seq);
    if (sent === undefined) unmatched += change.received;
    for (let i = 0; i < change.received; i++) {
      const offset = change.offsets[i]!;
      receiptsMeasured++;
      add(commitToReceipt, offset);
      add(byInstance[change.instances[i]!]!, offset);
      if (sent !== undefined) add(sendToReceipt, change.commitMs + offset - sent);
    }
  }
  const cpu = windowCpuUsed ?? process.cpuUsage(windowCpu ?? undefined);
  const result: ClientReport = {
    streams: streams.length,
    commitToReceipt,
    commitToReceiptByInstance: byInstance,
    sendToReceipt,
    unmatched,
    changes: [...seen.values()].map((c) => ({ seq: c.seq, commitMs: c.commitMs })),
    seenChanges: seen.size,
    missing,
    measuredChanges,
    receiptsMeasured,
    receiptsInWindow,
    gaps,
    lost: closeCodes.length,
    closeCodes,
    invalid,
    invalidates,
    heartbeats,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    loopDelayP50Ms: windowLoop.p50,
    loopDelayP99Ms: windowLoop.p99,
    loopDelayMaxMs: windowLoop.max,
  };
  send({ type: 'report', report: result });
}

function closeAll(): void {
  closing = true;
  for (const stream of streams) stream.socket.terminate();
}

process.on('message', (message: ToClients) => {
  switch (message.type) {
    case 'start':
      connectAll(message.urls, message.since, message.streams, message.connectConcurrency).catch(
        (error: unknown) => send({ type: 'failed', message: (error as Error).message }),
      );
      break;
    case 'window-start':
      windowCpu = process.cpuUsage();
      loopDelay.reset();
      loopDelay.enable();
      break;
    case 'window-end':
      windowCpuUsed = process.cpuUsage(windowCpu ?? undefined);
      loopDelay.disable();
      windowLoop = {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      };
      break;
    case 'drain':
      void drain(message.head, message.timeoutMs);
      break;
    case 'report':
      report(message.measureStartMs, message.measureEndMs, message.calls);
      break;
    case 'close':
      closeAll();
      process.disconnect();
      break;
  }
});

// The bench went away (finished, failed or interrupted): close everything and go.
process.on('disconnect', () => {
  closeAll();
  setTimeout(() => process.exit(0), 100).unref();
});
process.on('SIGINT', () => {
  /* the bench, in the same process group, handles Ctrl-C and tells us to close */
});
