/**
 * The service alone: every page of a full sync from 0 (GET /sync, 5,000 changes a page, as the core asks),
 * fetched one after the other by the bench without checking or storing anything. How long the service
 * takes to serve a bootstrap bounds how fast any client can do one.
 */
import { performance } from 'node:perf_hooks';
import { httpCall } from '../bench/http';

export interface Paging {
  readonly ms: number;
  readonly pages: number;
  readonly bytes: number;
  readonly slowestPageMs: number;
}

export async function pageEverything(url: string, token: string): Promise<Paging> {
  const started = performance.now();
  let since = 0;
  let pages = 0;
  let bytes = 0;
  let slowestPageMs = 0;
  for (;;) {
    const at = performance.now();
    const result = await httpCall('GET', `${url}/api/v1/sync?since=${since}&limit=5000`, { token });
    slowestPageMs = Math.max(slowestPageMs, performance.now() - at);
    if (result.status !== 200)
      throw new Error(`GET /sync: HTTP ${result.status}: ${result.text.slice(0, 200)}`);
    pages++;
    bytes += Buffer.byteLength(result.text);
    const { next, hasMore } = tail(result.text);
    if (!hasMore) break;
    since = next;
  }
  return { ms: performance.now() - started, pages, bytes, slowestPageMs };
}

/** The page's `next` and `hasMore`, read from its end (the changes before them are not parsed). */
function tail(text: string): { next: number; hasMore: boolean } {
  const end = text.slice(-300);
  const next = /"next":(\d+)/.exec(end);
  const hasMore = /"hasMore":(true|false)/.exec(end);
  if (next && hasMore) return { next: Number(next[1]), hasMore: hasMore[1] === 'true' };
  const page = JSON.parse(text) as { next: number; hasMore: boolean };
  return { next: page.next, hasMore: page.hasMore };
}
