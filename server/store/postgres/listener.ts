/**
 * One dedicated connection per instance that LISTENs for what other connections NOTIFY: new changes in the
 * feed (every writing transaction notifies at commit), and later sign-ins ended and access changed. It is
 * not taken from the pool: a pooled connection is shared, and a transaction-pooling pgbouncer cannot carry
 * LISTEN. When the connection breaks (PostgreSQL restarted, network cut) it connects again, backing off
 * up to 2 s, and calls `connected` each time it listens again: what was notified while it was deaf is
 * found by reading (the feed by seq), never assumed lost or delivered.
 */
import pg from 'pg';
import type { Logger } from 'pino';

/** The notification channels, declared once. */
export const NOTIFY_CHANNEL = { feed: 'sessiondesk_feed', access: 'sessiondesk_access' } as const;
export type NotifyChannel = keyof typeof NOTIFY_CHANNEL;

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

export interface ListenerOptions {
  readonly url: string;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  /** Called for each notification on `channel`, with its payload. */
  readonly notified: (channel: NotifyChannel, payload: string) => void;
  /**
   * Called each time the connection listens: catch up on what it may have missed. `again` is false the
   * first time, true after a break.
   */
  readonly connected: (again: boolean) => void;
}

export class PostgresListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private delay = FIRST_RETRY_MS;
  private stopped = false;
  private listened = false;

  constructor(private readonly options: ListenerOptions) {}

  /** Resolves once listening; rejects if the first connection fails (the service does not start). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
    // 'error' may come more than once for one failure (57P01, then the socket's end): handle every one.
    client.on('error', (error) => this.broken(client, error));
    client.on('end', () => this.broken(client, new Error('the connection ended')));
    client.on('notification', ({ channel, payload }) => {
      const name = (Object.keys(NOTIFY_CHANNEL) as NotifyChannel[]).find(
        (k) => NOTIFY_CHANNEL[k] === channel,
      );
      if (name) this.options.notified(name, payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of Object.values(NOTIFY_CHANNEL)) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = FIRST_RETRY_MS;
    const again = this.listened;
    this.listened = true;
    this.options.connected(again);
  }

  private broken(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.options.log.warn({ err: error }, 'the PostgreSQL notification connection broke; connecting again');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.connect().catch((error: unknown) => {
        this.options.log.warn({ err: error, retryInMs: this.delay }, 'PostgreSQL is not reachable yet');
        this.delay = Math.min(this.delay * 2, MAX_RETRY_MS);
        this.scheduleReconnect();
      });
    }, this.delay);
  }
}
