/**
 * A real SMTP server on a free loopback port (the smtp-server package): what the service sends arrives
 * here, parsed. It can refuse the next messages, as an SMTP outage would.
 */
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export class SmtpListener {
  readonly messages: Email[] = [];
  /** Raw RFC 822 text of each message, in arrival order. */
  readonly raw: string[] = [];
  private refuse = 0;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpListener> {
    let listener: SmtpListener | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (!listener) return callback(new Error('not ready'));
          if (listener.refuse > 0) {
            listener.refuse--;
            const error = new Error('Service temporarily unavailable') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          const raw = Buffer.concat(chunks);
          void PostalMime.parse(raw).then((email) => {
            listener!.raw.push(raw.toString('utf8'));
            listener!.messages.push(email);
            for (const wake of listener!.waiters.splice(0)) wake();
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('SMTP listener has no port');
    listener = new SmtpListener(server, address.port);
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

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
