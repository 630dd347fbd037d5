/**
 * One attempt to post a webhook: to the checked address only (the socket's lookup answers it, so no
 * second DNS lookup happens; TLS still checks the certificate against the URL's host name), no redirect
 * followed (a 3xx is an answer like any other, and not a success), at most TIMEOUT_MS in all, and at most
 * BODY_LIMIT bytes of the answer read (the answer's body is not used; reading a little lets the connection
 * end cleanly).
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './address-guard';

export const TIMEOUT_MS = 10_000;
const BODY_LIMIT = 64 * 1024;

export interface PostResult {
  /** The receiver's status; null when none came back (refused, timed out, reset). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  /** The answer's Retry-After header, if any (the SMS outbox honours it on a 429 or 503). */
  readonly retryAfter?: string;
}

export function postWebhook(
  url: URL,
  address: CheckedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs = TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  // Node asks with `all` when it tries several addresses (autoSelectFamily): answer the one checked.
  const pinned = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: took() });
    };
    const request = send(url, {
      method: 'POST',
      lookup: pinned,
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Sessiondesk-Webhooks/1',
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      done({ statusCode: null, error: `No answer within ${timeoutMs / 1000} seconds.` });
    }, timeoutMs);
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > BODY_LIMIT) response.destroy();
      });
      const retryAfter = response.headers['retry-after'];
      const finish = () =>
        done({ statusCode: response.statusCode ?? null, error: null, ...(retryAfter ? { retryAfter } : {}) });
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    request.on('error', (error) => done({ statusCode: null, error: error.message }));
    request.end(body);
  });
}
