/**
 * Every answer of the service that is not a success is the `{"error": {"code", "message"}}` envelope, even
 * those given before any route runs: requests Node's HTTP parser refuses (a bad request line, a bad chunk,
 * Content-Length with Transfer-Encoding, headers too large…) and WebSocket handshakes the stream refuses.
 * Each request is written byte for byte on a raw TCP socket, as a broken or hostile client would send it.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '@shared/protocol/errors';
import { startTestService, type TestService } from '../support/service-harness';

let t: TestService;
let token: string;

beforeAll(async () => {
  t = await startTestService();
  token = t.admin.token!;
});

afterAll(() => t.cleanup());

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Writes `request` as it is and reads the answer until the service closes the connection. */
function exchange(request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The service closes the connection once it has answered; a reset after the answer changes nothing.
    let failure: Error | undefined;
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)} (${failure?.message})`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)?.[1]),
        headers,
        body: text.slice(end + 4),
      });
    });
    socket.write(request);
  });
}

/** The answer is the envelope (invalid_input, with a sentence), with the status expected, never cached. */
function expectEnvelope(answer: RawAnswer, status: number): void {
  const parsed = errorEnvelopeSchema.strict().safeParse(JSON.parse(answer.body));
  expect(parsed.success, answer.body).toBe(true);
  expect(parsed.data!.error.code).toBe('invalid_input');
  expect(parsed.data!.error.message.length).toBeGreaterThan(10);
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
  expect(answer.headers['cache-control']).toBe('no-store');
}

const LOGIN = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n';

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['a request line that is not HTTP', 'this is not http at all\r\n\r\n', 400],
    ['an unknown HTTP version', 'GET /healthz HTTP/7.3\r\nHost: localhost\r\n\r\n', 400],
    [
      'a header name with a space in it',
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n',
      400,
    ],
    [
      'a chunk size that is not hexadecimal',
      `${LOGIN}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    [
      'Content-Length together with Transfer-Encoding',
      `${LOGIN}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    ['a Content-Length that is not a number', `${LOGIN}Content-Length: two\r\n\r\n{}`, 400],
    [
      'headers larger than the service reads',
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])('answers %s with the envelope', async (_what, request, status) => {
    expectEnvelope(await exchange(request), status);
  });
});

describe('the change stream asked for the wrong way', () => {
  const stream = (headers: string) =>
    `GET /api/v1/stream?since=0 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n${headers}\r\n`;

  it('answers a plain GET, without the WebSocket upgrade, with the envelope', async () => {
    expectEnvelope(await exchange(stream('Connection: close\r\n')), 426);
  });

  it.each([
    [
      'without a Sec-WebSocket-Key',
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n',
    ],
    [
      'with an unknown WebSocket version',
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n',
    ],
    ['with an upgrade to another protocol', 'Connection: Upgrade\r\nUpgrade: h2c\r\n'],
  ])('answers a handshake %s with the envelope', async (_what, headers) => {
    expectEnvelope(await exchange(stream(headers)), 400);
  });
});
