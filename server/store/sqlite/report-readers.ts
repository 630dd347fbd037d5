/**
 * The reader threads reports are read on (why: reports-store.ts). Two threads, each with its own
 * read-only connection (report-reader-worker.ts), started on the first report and kept until the store
 * closes. A summary's four groups (ReportDimension) are spread over them, so its figures take about half
 * the time one connection takes for them one after the other — on a machine with two cores or more.
 *
 * A reader thread that dies fails the calls it had (the caller hears the error) and is started again by
 * the next call. An idle one does not keep the process alive (it is referenced only while it has calls).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportFiguresRow,
  type ReportFilter,
  type ReportRequestRow,
} from '../reports-sql';
import type { PageStart } from './reports-store';

/** The most reader threads: a summary has four groups, and more threads than cores would only take turns. */
const MAX_READERS = 2;

/** A call to a reader thread. */
export type ReportReaderCall =
  | {
      readonly id: number;
      readonly method: 'summary';
      readonly dim: ReportDimension;
      readonly filter: ReportFilter;
    }
  | {
      readonly id: number;
      readonly method: 'requestPage';
      readonly filter: ReportFilter;
      readonly after: PageStart;
      readonly limit: number;
    };

/** A reader thread's answer: the rows, or the error the query threw (its name, message and code). */
export type ReportReaderReply =
  | { readonly id: number; readonly ok: true; readonly rows: unknown[] }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly code: string | null };
    };

/** An error a query threw in a reader thread, with the name, message and code it had there. */
export class ReportReaderError extends Error {
  constructor(
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

interface Reader {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>;
}

type CallOf<M extends ReportReaderCall['method']> = Omit<Extract<ReportReaderCall, { method: M }>, 'id'>;

export class ReportReaders {
  private readonly readers: (Reader | null)[];
  private nextId = 1;
  private closed = false;

  /** `file`: the service's database (its connection stays the only writer). */
  constructor(private readonly file: string) {
    this.readers = new Array<Reader | null>(Math.max(1, Math.min(MAX_READERS, availableParallelism()))).fill(
      null,
    );
  }

  /** Every group's figures over the filter's requests, the groups read at the same time. */
  async summary(filter: ReportFilter): Promise<ReportFiguresRow[]> {
    const groups = await Promise.all(
      REPORT_DIMENSIONS.map((dim) => this.call<ReportFiguresRow>({ method: 'summary', dim, filter })),
    );
    return groups.flat();
  }

  /** Up to `limit` requests of the filter created after `after` (oldest first), with what happened to them. */
  requestPage(filter: ReportFilter, after: PageStart, limit: number): Promise<ReportRequestRow[]> {
    return this.call<ReportRequestRow>({ method: 'requestPage', filter, after, limit });
  }

  /** Stops the reader threads; calls still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.readers.filter((reader): reader is Reader => reader !== null);
    this.readers.fill(null);
    await Promise.all(running.map((reader) => reader.worker.terminate()));
  }

  private call<Row>(call: CallOf<'summary'> | CallOf<'requestPage'>): Promise<Row[]> {
    if (this.closed) return Promise.reject(new ReportReaderError('store_closed', 'The store is closed.'));
    const reader = this.leastBusy();
    const id = this.nextId++;
    return new Promise<Row[]>((resolve, reject) => {
      reader.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      reader.worker.ref();
      reader.worker.postMessage({ ...call, id });
    });
  }

  /** The reader with the fewest calls waiting, started if it is not running. */
  private leastBusy(): Reader {
    let best = 0;
    for (let index = 0; index < this.readers.length; index++) {
      const reader = this.readers[index];
      if (!reader) {
        best = index;
        break;
      }
      if (reader.pending.size < (this.readers[best]?.pending.size ?? Infinity)) best = index;
    }
    return (this.readers[best] ??= this.start(best));
  }

  private start(slot: number): Reader {
    const reader: Reader = { worker: startWorker(this.file), pending: new Map() };
    reader.worker.on('message', (reply: ReportReaderReply) => {
      const waiting = reader.pending.get(reply.id);
      if (!waiting) return;
      reader.pending.delete(reply.id);
      if (reader.pending.size === 0) reader.worker.unref();
      if (reply.ok) waiting.resolve(reply.rows);
      else {
        const error = new ReportReaderError(reply.error.code, reply.error.message);
        error.name = reply.error.name;
        waiting.reject(error);
      }
    });
    const fail = (error: Error) => {
      if (this.readers[slot] === reader) this.readers[slot] = null;
      for (const waiting of reader.pending.values()) waiting.reject(error);
      reader.pending.clear();
    };
    reader.worker.on('error', fail);
    reader.worker.on('exit', (code) => {
      fail(new ReportReaderError('reader_stopped', `A report reader thread stopped (exit code ${code}).`));
    });
    return reader;
  }
}

/** The worker's source, run through tsx as the service's own is (`npm run server`). */
function startWorker(file: string): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  return new Worker(join(here, 'report-reader-worker.ts'), {
    workerData: { file },
    execArgv: ['--import', tsx],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, '..', '..', 'tsconfig.json') },
  });
}
