/**
 * The bench's HTTP client: node:http rather than fetch, for `localAddress` (sign-ins from several loopback
 * addresses) and a keep-alive pool we control.
 */
import http from 'node:http';

// No socket limit: a call waiting in the agent for a socket would be timed as if it had been sent.
const keepAlive = new http.Agent({ keepAlive: true });

export interface HttpResult {
  readonly status: number;
  /** The body as it came on the wire (still encoded if the answer has a Content-Encoding). */
  readonly bytes: Buffer;
  readonly text: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** One HTTP call to `url`: it resolves whatever the status, and rejects only if the call failed. */
export function httpCall(
  method: string,
  url: string,
  options: {
    body?: unknown;
    form?: boolean;
    token?: string;
    localAddress?: string;
    acceptEncoding?: string;
  } = {},
): Promise<HttpResult> {
  const body = options.body === undefined ? (options.form ? '' : undefined) : JSON.stringify(options.body);
  const headers: http.OutgoingHttpHeaders = {};
  if (options.acceptEncoding) headers['accept-encoding'] = options.acceptEncoding;
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (body !== undefined) {
    headers['content-type'] = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method, headers, agent: keepAlive, localAddress: options.localAddress },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            bytes,
            get text() {
              return bytes.toString('utf8');
            },
            headers: response.headers,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A call to the API (/api/v1`path`) that must answer `expect`; its JSON answer. */
export async function api<T>(
  method: string,
  base: string,
  path: string,
  expect: number,
  options: { body?: unknown; token?: string; localAddress?: string } = {},
): Promise<T> {
  const result = await httpCall(method, `${base}/api/v1${path}`, options);
  if (result.status !== expect) {
    throw new Error(`${method} ${path}: expected HTTP ${expect}, got ${result.status}: ${result.text}`);
  }
  return (result.text ? JSON.parse(result.text) : null) as T;
}

/** The newest committed seq (GET /healthz). */
export async function feedHead(base: string): Promise<number> {
  const result = await httpCall('GET', `${base}/healthz`);
  if (result.status !== 200) throw new Error(`GET /healthz: HTTP ${result.status}`);
  return (JSON.parse(result.text) as { head: number }).head;
}

/** Closes the kept-alive connections, so that the process can exit. */
export function closeConnections(): void {
  keepAlive.destroy();
}
