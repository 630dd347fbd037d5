/**
 * The Reports view's commands: the summary of a period, and its requests as CSV saved to a file the
 * agent chooses (the web console: a download). Both straight to the service (which decides what the caller
 * may see: an admin every shared channel, an agent their own work), refused offline with the reason. The
 * CSV is streamed from the answer to the file, never held whole on the desktop: an export of a year may be
 * large.
 */
import type { Translator } from '@shared/i18n/translator';
import type { CommandOutput, CommandPayload } from '@shared/ipc/contract';
import { reportSummarySchema, type ReportSummary } from '@shared/protocol/integrations';
import type { SignedInClient } from '../account/signed-in-client';
import { ApiError } from '../api/api-error';
import { CoreError } from '../core-error';
import type { FileSaver } from '../platform/files';

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

/** Copies `body` into `sink`, aborting the answer when no bytes have come for `limitMs`; counts them. */
async function copyWithIdleLimit(
  body: ReadableStream<Uint8Array>,
  sink: { write(chunk: Uint8Array): Promise<void> },
  controller: AbortController,
  limitMs: number,
): Promise<number> {
  let bytes = 0;
  let timer = setTimeout(() => controller.abort(), limitMs);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return bytes;
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), limitMs);
      bytes += value.byteLength;
      await sink.write(value);
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

export async function exportReportCsv(
  client: SignedInClient,
  files: FileSaver,
  t: Translator,
  query: ReportQuery,
): Promise<CommandOutput<'reports.exportCsv'>> {
  if (!client.live) throw new CoreError('offline', { action: 'exportReport' });
  const sink = await files.save({
    defaultName: csvFileName(query),
    filterName: t.t('reports.export.csvFiles'),
    extension: 'csv',
    mediaType: 'text/csv',
  });
  if (sink === null) return null;
  const controller = new AbortController();
  let bytes: number;
  try {
    const { body } = await client.session.requestStream(`/reports/requests.csv${reportQueryString(query)}`, {
      accept: 'text/csv',
      signal: controller.signal,
    });
    bytes = await copyWithIdleLimit(body, sink, controller, EXPORT_IDLE_LIMIT_MS);
    await sink.close();
  } catch (error) {
    await sink.abort();
    // The service's refusal (a 4xx before any byte) is said as it is; a failure mid-way is the export's.
    if (error instanceof ApiError) throw error;
    throw new CoreError('export_failed', { path: sink.target });
  }
  return { path: sink.target, bytes };
}
