/**
 * The core's door to its cache: CacheStore's API made asynchronous, each call a message to the cache's
 * worker thread (cache-worker.ts), which owns the SQLite connection (Signal Desktop's mainWorker model).
 * Calls are answered in the order made, so writes keep their order. An error thrown in the worker comes
 * back with its class name and code; if the worker dies, every pending and later call fails with
 * `cache_unavailable` and the owner hears of it once, instead of waiting forever.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  CACHE_METHODS,
  type AsyncCache,
  type CacheCall,
  type CacheMethod,
  type CacheReply,
} from '../cache-protocol';
import { CacheError, CacheUnavailableError } from '../cache-errors';

export { CacheError, CacheUnavailableError };

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Where the worker's code is: built beside the bundle that holds this module (out/main, or a chunk's
 * folder below it), else this source folder, run through tsx as the source itself is.
 */
function startWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    for (const name of ['cache-worker.js', 'cache-worker.mjs']) {
      if (existsSync(join(dir, name))) return new Worker(join(dir, name));
    }
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  return new Worker(join(here, 'cache-worker.ts'), {
    execArgv: ['--import', tsx],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, '..', '..', '..', 'tsconfig.json') },
  });
}

/**
 * A worker started ahead of the cache's opening (prestart), and the file it was told to open then, until
 * open takes it: its proxy holds that first call, so the answer (or the error) waits for open.
 */
let started: {
  readonly proxy: CacheProxy;
  readonly file: string | null;
  readonly opening: Promise<unknown>;
} | null = null;

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- its methods are CACHE_METHODS, defined below
export class CacheProxy {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private onFailure: (error: Error) => void,
  ) {
    worker.on('message', (reply: CacheReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(CacheError.from(reply.error));
    });
    worker.on('error', (error) => this.fail(`The cache stopped working: ${error.message}`));
    worker.on('exit', (code) => this.fail(`The cache's worker thread exited (code ${code}).`));
  }

  /**
   * Starts the cache's worker thread now, for the next open to take, and with `file` has it open that
   * file at once: a thread takes 75–110 ms to come online and load SQLite, which then overlaps the
   * caller's own work (a host calls it before importing the rest of the core, see cache-prestart.ts).
   * Until taken, it keeps no process alive; its failure waits for the open that takes it. Resolves when
   * the file is open or failed to (never rejects), at once without a file or when already started.
   */
  static async prestart(file: string | null = null): Promise<void> {
    if (started) return;
    const proxy = new CacheProxy(startWorker(), () => undefined);
    proxy.worker.unref();
    const opening = file === null ? Promise.resolve() : proxy.call('open', [file]);
    // Held for open, which rethrows it; until then no one's (not an unhandled rejection).
    const settled = opening.then(
      () => undefined,
      () => undefined,
    );
    started = { proxy, file, opening };
    await settled;
  }

  /**
   * Opens (and migrates) the cache file in its worker, the one prestarted (which may have opened it
   * already) or else a new one; rejects with the store's own error, one the prestarted open met too.
   */
  static async open(file: string, onFailure: (error: Error) => void = () => undefined): Promise<CacheProxy> {
    const early = started;
    started = null;
    const proxy = early?.proxy ?? new CacheProxy(startWorker(), onFailure);
    proxy.onFailure = onFailure;
    proxy.worker.ref();
    try {
      await (early?.file === file ? early.opening : proxy.call('open', [file]));
    } catch (error) {
      await proxy.close();
      throw error;
    }
    return proxy;
  }

  /** Closes the database and ends the worker; calls after this fail with `cache_unavailable`. */
  async close(): Promise<void> {
    if (this.failure) return;
    const closing = this.call('close', []).catch(() => undefined);
    this.failure = new CacheUnavailableError('The cache is closed.');
    await closing;
    await this.worker.terminate();
  }

  private call(method: CacheMethod | 'open' | 'close', args: readonly unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A page's body moves to the worker instead of being copied.
      const transfer = args.filter((arg) => arg instanceof ArrayBuffer);
      this.worker.postMessage({ id, method, args } satisfies CacheCall, transfer);
    });
  }

  private fail(message: string): void {
    const unexpected = this.failure === null;
    this.failure ??= new CacheUnavailableError(message);
    const error = unexpected ? this.failure : new CacheUnavailableError(message);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    if (unexpected) this.onFailure(error);
  }
}

// Each method of the list is a message to the worker; on the prototype, so a benchmark can time it.
for (const method of CACHE_METHODS) {
  Object.defineProperty(CacheProxy.prototype, method, {
    writable: true,
    configurable: true,
    value: function (this: CacheProxy, ...args: unknown[]) {
      return (this as unknown as { call: CacheProxy['call'] }).call(method, args);
    },
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the methods defined above
export interface CacheProxy extends AsyncCache {}
