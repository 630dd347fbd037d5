/**
 * A real SMTP server on a free loopback port (the smtp-server package): what the service sends arrives
 * here, parsed. It can refuse the next messages, as an SMTP outage would.
 */
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { startTestService, type TestService, type TestServiceOptions } from './service-harness';

export class SmtpListener {
  readonly messages: Email[] = [];
  /** Raw RFC 822 text of each message, in arrival order. */
  readonly raw: string[] = [];
  private refuse = 0;
  private waiters: (() => void)[] = [];
  private readonly server: SMTPServer;
  private port = 0;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse > 0) {
            this.refuse--;
            const error = new Error('Service temporarily unavailable') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          const raw = Buffer.concat(chunks);
          void PostalMime.parse(raw).then((email) => {
            this.raw.push(raw.toString('utf8'));
            this.messages.push(email);
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          }, callback);
        });
      },
    });
  }

  static async start(): Promise<SmtpListener> {
    const listener = new SmtpListener();
    await new Promise<void>((resolve) => listener.server.listen(0, '127.0.0.1', resolve));
    const address = listener.server.server.address();
    if (!address || typeof address === 'string') throw new Error('SMTP listener has no port');
    listener.port = address.port;
    return listener;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next `count` messages are refused with 451 (try again later). */
  refuseNext(count: number): void {
    this.refuse = count;
  }

  async waitForMessages(count: number, timeoutMs = 10_000): Promise<Email[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  /** The messages to `address` once there are at least `count` of them. */
  async mailsTo(address: string, count = 1, timeoutMs = 15_000): Promise<Email[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter((m) => m.to?.some((to) => to.address === address));
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} mail(s) to ${address}, got ${found.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A test service that sends its mail to a fresh SMTP listener. */
export interface ServiceWithSmtp {
  /** The service; its `cleanup` stops the listener too (a `restart` gives one whose cleanup does not). */
  readonly t: TestService;
  readonly smtp: SmtpListener;
}

export async function startServiceWithSmtp(options: TestServiceOptions = {}): Promise<ServiceWithSmtp> {
  const smtp = await SmtpListener.start();
  let service: TestService;
  try {
    service = await startTestService({
      ...options,
      flags: ['--smtp-url', smtp.url, ...(options.flags ?? [])],
    });
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  const cleanup = async () => {
    try {
      await service.cleanup();
    } finally {
      await smtp.stop();
    }
  };
  return { t: { ...service, cleanup }, smtp };
}
