/**
 * The cache's worker thread: it owns the SQLite connection (CacheStore) and runs the core's calls one
 * at a time, in the order they arrive (each after the one before has finished, also one that waits), so
 * the core's event loop never waits on SQLite. Each call is answered with its result or with its error
 * (class name, code, message); nothing here outlives `close`.
 */
import { parentPort } from 'node:worker_threads';
import { CACHE_METHODS, toCrossingError, type CacheCall, type CacheReply } from '../cache-protocol';
import { CacheStore } from '../cache-store';
import { openNodeCacheDatabase } from './node-cache-database';

const port = parentPort;
if (!port) throw new Error('cache-worker.ts runs as a worker thread (see cache-proxy.ts).');

const METHODS = new Set<string>(CACHE_METHODS);
let store: CacheStore | null = null;

function run(call: CacheCall): unknown {
  if (call.method === 'open') {
    store?.close();
    store = CacheStore.over(openNodeCacheDatabase(call.args[0] as string));
    return null;
  }
  if (call.method === 'close') {
    store?.close();
    store = null;
    return null;
  }
  if (!store) throw new Error('The cache is not open.');
  if (!METHODS.has(call.method)) throw new Error(`The cache has no method ${String(call.method)}.`);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to the store just below
  const method = store[call.method] as (...args: unknown[]) => unknown;
  return method.apply(store, [...call.args]);
}

async function answer(call: CacheCall): Promise<void> {
  let reply: CacheReply;
  try {
    reply = { id: call.id, ok: true, value: await run(call) };
  } catch (error) {
    reply = { id: call.id, ok: false, error: toCrossingError(error) };
  }
  port!.postMessage(reply);
}

// One call after the other, a call that waits (readIncoming loading its parser) included.
let calls = Promise.resolve();
port.on('message', (call: CacheCall) => {
  calls = calls.then(() => answer(call));
});
