/**
 * The Reports view's commands: the summary of a period, and its requests as CSV saved to a file the
 * agent chooses. Both straight to the service (which decides what the caller may see: an admin every
 * shared channel, an agent their own work), refused offline with the reason. The CSV is streamed from
 * the answer to the disk, never held whole: an export of a year may be large.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Translator } from '@shared/i18n/translator';
import type { CommandOutput, CommandPayload } from '@shared/ipc/contract';
import { reportSummarySchema, type ReportSummary } from '@shared/protocol/integrations';
import type { SignedInClient } from '../account/signed-in-client';
import { CoreError } from '../core-error';
import type { CoreHost } from '../platform/host';

type ReportQuery = CommandPayload<'reports.summary'>;

/** An export that has sent nothing for this long has stalled (the service pages as it writes). */
const EXPORT_IDLE_LIMIT_MS = 60_000;

/** `?from=…&to=…&channelId=…&agentId=…` with the filters that are set. */
export function reportQueryString(query: ReportQuery): string {
  const params = new URLSearchParams();
  for (const name of ['from', 'to', 'channelId', 'agentId'] as const) {
    const value = query[name];
    if (value !== undefined) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `requests-2026-11-01-2026-12-01.csv`, as the service names it (its days of `from` and `to`). */
export function csvFileName(query: ReportQuery): string {
  const day = (at: string | undefined) => (at ?? '').slice(0, 10);
  const days = [day(query.from), day(query.to)].filter(Boolean);
  return `${['requests', ...days].join('-')}.csv`;
}

export async function getReportSummary(client: SignedInClient, query: ReportQuery): Promise<ReportSummary> {
  if (!client.live) throw new CoreError('offline', { action: 'report' });
  return client.session.request('GET', `/reports/summary${reportQueryString(query)}`, {
    schema: reportSummarySchema,
  });
}

/** Ends the stream when no bytes have come for `limitMs`; counts what passed. */
function idleGuard(limitMs: number, controller: AbortController): Transform & { bytes: number } {
  let timer = setTimeout(() => controller.abort(), limitMs);
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), limitMs);
      guard.bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(timer);
      done();
    },
    destroy(error, done) {
      clearTimeout(timer);
      done(error);
    },
  }) as Transform & { bytes: number };
  guard.bytes = 0;
  return guard;
}

export async function exportReportCsv(
  client: SignedInClient,
  host: CoreHost,
  t: Translator,
  query: ReportQuery,
): Promise<CommandOutput<'reports.exportCsv'>> {
  if (!client.live) throw new CoreError('offline', { action: 'exportReport' });
  const path = await host.chooseSaveFile({
    defaultName: csvFileName(query),
    filterName: t.t('reports.export.csvFiles'),
    extension: 'csv',
  });
  if (path === null) return null;
  const controller = new AbortController();
  const { body } = await client.session.requestStream(`/reports/requests.csv${reportQueryString(query)}`, {
    accept: 'text/csv',
    signal: controller.signal,
  });
  // Beside the file, renamed over it when complete: a failed export never leaves half a CSV behind
  // under the name the agent chose (nor replaces the file that was there).
  const partial = `${path}.part`;
  const guard = idleGuard(EXPORT_IDLE_LIMIT_MS, controller);
  try {
    await pipeline(body, guard, createWriteStream(partial, { flags: 'w' }));
    await rename(partial, path);
  } catch {
    await rm(partial, { force: true });
    throw new CoreError('export_failed', { path });
  }
  const { size } = await stat(path);
  return { path, bytes: size };
}
