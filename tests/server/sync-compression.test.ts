/**
 * GET /sync compresses its pages as the client's Accept-Encoding asks (gzip, brotli), and not when it
 * does not; and the client core's own HTTP client (main/core/api, undici's fetch) asks for it and reads
 * the compressed page. Against a real service on real SQLite; the core's calls pass through a recording
 * HTTP relay on 127.0.0.1, which shows the headers each side sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPageSchema, type SyncPage } from '@shared/protocol/api';
import { ApiClient } from '../../main/core/api/api-client';
import { createRequest } from '../support/requests';
import { startTestService, type TestService } from '../support/service-harness';

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
  // Enough requests for a page worth compressing.
  for (let i = 0; i < 20; i++) await createRequest(t.admin, `Recipient ${i}`, t.supportChannel.id);
});

afterAll(async () => {
  await t.cleanup();
});

/** GET /sync from 0 with these request headers: the status, the headers and the body as sent. */
function getSync(
  headers: http.OutgoingHttpHeaders,
): Promise<{ response: http.IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${t.url}/api/v1/sync?since=0`,
      { headers: { authorization: `Bearer ${t.admin.token}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

describe('GET /sync compression', () => {
  it('answers gzip or brotli as asked, the same page once decoded, and plain JSON otherwise', async () => {
    const plain = await getSync({ 'accept-encoding': 'identity' });
    expect(plain.response.statusCode).toBe(200);
    expect(plain.response.headers['content-encoding']).toBeUndefined();
    const page = JSON.parse(plain.body.toString('utf8')) as SyncPage;
    expect(page.changes).toHaveLength(20);

    const gzip = await getSync({ 'accept-encoding': 'gzip, deflate' });
    expect(gzip.response.headers['content-encoding']).toBe('gzip');
    expect(gzip.response.headers['vary']).toMatch(/accept-encoding/i);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(page);

    const brotli = await getSync({ 'accept-encoding': 'br, gzip, deflate' });
    expect(brotli.response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.body).toString('utf8'))).toEqual(page);

    const none = await getSync({});
    expect(none.response.headers['content-encoding']).toBeUndefined();
  });

  it('is asked for by the client core, which reads the compressed page', async () => {
    const seen: { acceptEncoding?: string; contentEncoding?: string } = {};
    const service = new URL(t.url);
    const relay = http.createServer((incoming, outgoing) => {
      seen.acceptEncoding = incoming.headers['accept-encoding'];
      const forwarded = http.request(
        {
          host: service.hostname,
          port: service.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          seen.contentEncoding = answer.headers['content-encoding'];
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(forwarded);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = relay.address() as AddressInfo;
      const client = new ApiClient(`http://127.0.0.1:${port}`);
      const page = await client.request('GET', '/sync?since=0', {
        token: t.admin.token,
        schema: syncPageSchema,
      });
      expect(seen.acceptEncoding).toMatch(/\bgzip\b/);
      expect(seen.contentEncoding).toBe('gzip');
      expect(page.changes).toHaveLength(20);
    } finally {
      relay.closeAllConnections();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});
