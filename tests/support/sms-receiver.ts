/**
 * A real HTTP receiver standing in for an SMS gateway in tests: it listens on loopback, keeps every post
 * (method, path, headers, body exactly as received) and answers as the test tells it, one scripted answer
 * per post (status and headers, such as Retry-After), then 201.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The status it was answered with. */
  readonly status: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

export class SmsReceiver {
  readonly posts: ReceivedSms[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    /** http://127.0.0.1:<port> */
    readonly url: string,
  ) {}

  static async start(): Promise<SmsReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new SmsReceiver(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void receiver.take(request, response);
    });
    return receiver;
  }

  /** The next posts are answered so, in order; after them, 201. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  /** Resolves once `check` holds (checked at every post). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async take(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = this.script.shift() ?? { status: 201 };
    this.posts.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, v]) => [name, String(v)])),
      body: Buffer.concat(chunks).toString('utf8'),
      status: answer.status,
    });
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify({ sid: `SM${this.posts.length}` }));
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }
}
