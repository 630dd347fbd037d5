/**
 * The service alone: every page of a full sync from 0 (GET /sync, 5,000 changes a page, as the core asks),
 * fetched one after the other by the bench without checking or storing anything. How long the service
 * takes to serve a bootstrap bounds how fast any client can do one.
 *
 * Each run asks for one content encoding (`Accept-Encoding`), and counts the bytes on the wire and once
 * decoded. The decoding is the bench's own work, timed apart: a client pays it too, but it is not the
 * service's.
 */
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { httpCall } from '../bench/http';

/** What the bench asks for: nothing (identity), gzip or brotli. */
export const ENCODINGS = ['identity', 'gzip', 'br'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** A 50 Mbit/s link carries 6.25 MB (decimal) a second: 6,250 bytes a millisecond. */
const LINK_BYTES_PER_MS = 50e6 / 8 / 1000;

export interface Paging {
  readonly encoding: Encoding;
  /** From the first request to the last page decoded. */
  readonly ms: number;
  /** Of `ms`, the bench decoding what the service compressed. */
  readonly decodeMs: number;
  readonly pages: number;
  /** Bytes of the bodies as sent (compressed, when the service compressed them). */
  readonly wireBytes: number;
  /** Bytes of the bodies decoded: the JSON. */
  readonly bytes: number;
  readonly slowestPageMs: number;
  /**
   * The same sync over a 50 Mbit/s link, computed: the service's time here plus the wire bytes at
   * 6.25 MB/s (no overlap counted between the two, so an upper bound).
   */
  readonly link50MbitMs: number;
}

// One kept-alive socket: the pages follow each other on it, as the core's fetch does.

export async function pageEverything(
  url: string,
  token: string,
  encoding: Encoding = 'identity',
): Promise<Paging> {
  const started = performance.now();
  let since = 0;
  let pages = 0;
  let bytes = 0;
  let wireBytes = 0;
  let decodeMs = 0;
  let slowestPageMs = 0;
  let encodedPages = 0;
  for (;;) {
    const at = performance.now();
    const page = await httpCall('GET', `${url}/api/v1/sync?since=${since}&limit=5000`, {
      token,
      acceptEncoding: encoding,
    });
    const decodeFrom = performance.now();
    const text = decode(page.bytes, page.headers['content-encoding'] ?? '').toString('utf8');
    decodeMs += performance.now() - decodeFrom;
    slowestPageMs = Math.max(slowestPageMs, performance.now() - at);
    if (page.status !== 200) throw new Error(`GET /sync: HTTP ${page.status}: ${text.slice(0, 200)}`);
    // A page under the service's threshold (the last, often) comes as it is.
    if (page.headers['content-encoding'] === encoding) encodedPages++;
    pages++;
    wireBytes += page.bytes.length;
    bytes += Buffer.byteLength(text);
    const { next, hasMore } = tail(text);
    if (!hasMore) break;
    since = next;
  }
  if (encoding !== 'identity' && encodedPages === 0) {
    throw new Error(`GET /sync: asked for ${encoding}, every page came without it`);
  }
  const ms = performance.now() - started;
  return {
    encoding,
    ms,
    decodeMs,
    pages,
    wireBytes,
    bytes,
    slowestPageMs,
    link50MbitMs: ms - decodeMs + wireBytes / LINK_BYTES_PER_MS,
  };
}

/** Closes the kept-alive socket, so that the process can exit. */
function decode(body: Buffer, contentEncoding: string): Buffer {
  if (contentEncoding === 'gzip') return gunzipSync(body);
  if (contentEncoding === 'br') return brotliDecompressSync(body);
  return body;
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
