/**
 * A real HTTP receiver of webhooks for tests: it listens on loopback, keeps every post (headers, body
 * exactly as received), and answers as the test tells it (500 for the next N posts, hold a post's answer
 * until released). Signatures are verified by the test with the spec's own library (`standardwebhooks`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { webhookPayloadSchema, type WebhookPayload } from '@shared/protocol/webhook-payloads';

export interface ReceivedPost {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly id: string;
  readonly payload: WebhookPayload;
  /** The status it was answered with (set when the answer is sent). */
  status: number | null;
}

export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  private failNext = 0;
  private alwaysFail = false;
  private holdAt = 0;
  private held: ServerResponse[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}${path}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void receiver.take(request, response);
    });
    return receiver;
  }

  /** Answers the next `count` posts with 500. */
  fail(count: number): void {
    this.failNext = count;
  }

  /** Answers every post with 500 (true) or normally again (false). */
  failAlways(on: boolean): void {
    this.alwaysFail = on;
  }

  /** Keeps the answer to the `nth` post (from 1) back: its sender waits, until the receiver closes. */
  holdPost(nth: number): void {
    this.holdAt = nth;
  }

  /** The posts with distinct webhook-ids, each the first time it came. */
  distinct(): ReceivedPost[] {
    const seen = new Set<string>();
    return this.posts.filter((p) => !seen.has(p.id) && seen.add(p.id));
  }

  /** Resolves once `check` holds (checked at every post). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  async close(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async take(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    const post: ReceivedPost = {
      headers,
      body,
      id: headers['webhook-id'] ?? '',
      payload: webhookPayloadSchema.parse(JSON.parse(body)),
      status: null,
    };
    this.posts.push(post);
    if (this.posts.length === this.holdAt) {
      this.held.push(response);
    } else {
      const status = this.alwaysFail || this.failNext > 0 ? 500 : 204;
      if (this.failNext > 0) this.failNext--;
      post.status = status;
      response.writeHead(status).end();
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }
}

/** Verifies a post with the Standard Webhooks library and `secret`; throws when it does not verify. */
export function verifyPost(post: ReceivedPost, secret: string): unknown {
  return new Webhook(secret).verify(post.body, post.headers);
}
