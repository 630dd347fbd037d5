/**
 * A reader thread of reports (report-readers.ts): it opens the service's SQLite database read-only and
 * answers each call — one group of a summary, one page of the CSV export — with its rows or its error.
 * WAL lets it read while the service's connection writes; each call reads the database as last committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { ReportReaderCall, ReportReaderReply } from './report-readers';
import { SqliteReportQueries } from './reports-store';

const port = parentPort;
if (!port) throw new Error('report-reader-worker.ts runs as a worker thread (see report-readers.ts).');

const { file } = workerData as { file: string };
const db = new Database(file, { readonly: true, fileMustExist: true });
// A checkpoint or a writer starting a WAL file may hold its lock for a moment: wait rather than fail.
db.pragma('busy_timeout = 5000');
const queries = new SqliteReportQueries(db);

function run(call: ReportReaderCall): unknown {
  switch (call.method) {
    case 'summary':
      return queries.summary(call.dim, call.filter);
    case 'requestPage':
      return queries.requestPage(call.filter, call.after, call.limit);
  }
}

port.on('message', (call: ReportReaderCall) => {
  let reply: ReportReaderReply;
  try {
    reply = { id: call.id, ok: true, rows: run(call) as unknown[] };
  } catch (error) {
    const { name, message, code } = error as { name?: string; message?: string; code?: unknown };
    reply = {
      id: call.id,
      ok: false,
      error: {
        name: name ?? 'Error',
        message: message ?? String(error),
        code: typeof code === 'string' ? code : null,
      },
    };
  }
  port.postMessage(reply);
});
