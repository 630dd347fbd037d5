/**
 * Clients of several service instances that move to another instance when one fails, for the failure
 * tests of issue 15 (tests/server/postgres-failures.test.ts):
 *
 * - `FailoverWriters`: writers that create requests, each with an Idempotency-Key; a failed or cut answer
 *   is retried with the same key through the next instance, as an integration retrying a create would.
 * - `FailoverStream`: an agent's change stream that, when its connection drops, opens the stream again on
 *   the next instance from its cursor (the seq of the last change it received), as the desktop client does.
 *
 * Both record what happened to every attempt, so the test can check it and print the figures.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import { STREAM_CLOSE } from '@shared/protocol/stream';
import { StreamClient, type StreamedChange } from './stream-client';

/** How long one attempt may take before it counts as a hang. */
export const ATTEMPT_LIMIT_MS = 12_000;
/** How long a key is retried, or a stream tries to open again, before the client gives up. */
const GIVE_UP_MS = 30_000;
/** The pause before trying again once every instance has failed in a row. */
const RETRY_PAUSE_MS = 100;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What one attempt to create came to. */
type Outcome =
  | { readonly kind: 'acknowledged'; readonly request: SessionRequest }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'cut' }
  | { readonly kind: 'timedOut' }
  | { readonly kind: 'unexpected'; readonly what: string };

/** A create the service acknowledged (201). */
export interface Acknowledged {
  readonly key: string;
  /** The token it was created with: idempotency keys are per agent. */
  readonly token: string;
  readonly request: SessionRequest;
  /** Attempts it took (1: the first answer was the acknowledgement). */
  readonly attempts: number;
}

export interface WriterCounts {
  /** Attempts after the first, of any key. */
  retries: number;
  /** Answers 503 database_unavailable. */
  unavailable: number;
  /** Attempts whose connection failed or was cut before an answer. */
  cut: number;
  /** Attempts with no answer within ATTEMPT_LIMIT_MS. */
  timedOut: number;
  /** Keys given up after GIVE_UP_MS of failures. */
  abandoned: number;
}

export interface WriterOptions {
  /** The instances' base URLs; writer w sends each key first to urls[w % urls.length]. */
  readonly urls: readonly string[];
  /** Agents' access tokens, taken in turn by the writers. */
  readonly tokens: readonly string[];
  readonly writers: number;
  readonly channelId: string;
  /** Starts every key and recipient name, so the test finds its requests in the database. */
  readonly prefix: string;
}

export class FailoverWriters {
  readonly acknowledged = new Map<string, Acknowledged>();
  readonly counts: WriterCounts = { retries: 0, unavailable: 0, cut: 0, timedOut: 0, abandoned: 0 };
  /** Answers that are neither an acknowledgement nor 503 database_unavailable (a 500, a 4xx …). */
  readonly unexpected: string[] = [];
  private stopping = false;
  private running: Promise<void>[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(private readonly options: WriterOptions) {}

  start(): void {
    this.running = Array.from({ length: this.options.writers }, (_, w) => this.write(w));
  }

  /** Resolves once `count` creates have been acknowledged in all. */
  acknowledgedAtLeast(count: number): Promise<void> {
    if (this.acknowledged.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Starts no new key; resolves once every writer's current key is acknowledged or given up. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  /** Sends a create with this key through `url`: what the first answer to the key was, on a replay. */
  async create(url: string, token: string, key: string): Promise<Outcome> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${url}/api/v1/requests`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ recipientName: key, channelId: this.options.channelId }),
        signal: AbortSignal.timeout(ATTEMPT_LIMIT_MS),
      });
      text = await response.text();
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? { kind: 'timedOut' } : { kind: 'cut' };
    }
    if (response.status === 201) return { kind: 'acknowledged', request: JSON.parse(text) as SessionRequest };
    if (response.status === 503 && text.includes('"database_unavailable"')) return { kind: 'unavailable' };
    return { kind: 'unexpected', what: `HTTP ${response.status} ${text}` };
  }

  private async write(w: number): Promise<void> {
    const { urls, tokens, prefix } = this.options;
    const token = tokens[w % tokens.length]!;
    for (let i = 0; !this.stopping; i++) {
      const key = `${prefix}-${w}-${i}`;
      const giveUpAt = Date.now() + GIVE_UP_MS;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) this.counts.retries++;
        // Every instance failed in a row: wait a little before going round again.
        if (attempt >= urls.length) await pause(RETRY_PAUSE_MS);
        const outcome = await this.create(urls[(w + attempt) % urls.length]!, token, key);
        if (outcome.kind === 'acknowledged') {
          this.acknowledge({ key, token, request: outcome.request, attempts: attempt + 1 });
          break;
        }
        if (outcome.kind === 'unexpected') this.unexpected.push(`${key}: ${outcome.what}`);
        else this.counts[outcome.kind]++;
        if (Date.now() > giveUpAt) {
          this.counts.abandoned++;
          break;
        }
      }
    }
  }

  private acknowledge(ack: Acknowledged): void {
    this.acknowledged.set(ack.key, ack);
    const reached = this.waiters.filter((waiter) => waiter.count <= this.acknowledged.size);
    this.waiters = this.waiters.filter((waiter) => waiter.count > this.acknowledged.size);
    for (const waiter of reached) waiter.resolve();
  }
}

/** A stream closed by the service in a way no move can mend (a resync required, a sign-in refused). */
const FINAL_CLOSES: readonly number[] = [STREAM_CLOSE.resyncRequired.code, STREAM_CLOSE.unauthorized.code];

export class FailoverStream {
  /** Each connection in turn: the first, then one per move. */
  readonly segments: StreamClient[] = [];
  /** Times the stream opened again on an instance after its connection dropped. */
  moves = 0;
  /** Opens refused or failed while moving (the instance down, or its database). */
  failedOpens = 0;
  /** Closes that ended the stream for good (4409, 4401), or a move that never succeeded. */
  readonly failures: string[] = [];
  private closing = false;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
    readonly since: number,
    /** The instance it is on, an index into `urls`. */
    private at: number,
  ) {}

  /** Opens the stream on `urls[at]` from `since`; resolves once it is open. */
  static async open(
    urls: readonly string[],
    token: string,
    since: number,
    at: number,
  ): Promise<FailoverStream> {
    const stream = new FailoverStream(urls, token, since, at);
    stream.follow(await StreamClient.open(urls[at]!, token, since));
    return stream;
  }

  /** The seq of the last change received, or `since`. */
  cursor(): number {
    return this.changes().at(-1)?.change.seq ?? this.since;
  }

  /** Every change received over every connection, each with the seq sent before it. */
  changes(): StreamedChange[] {
    return this.segments.flatMap((segment) => segment.changes());
  }

  /** Resolves once a change with seq `seq` or later has arrived; rejects after `timeoutMs` or if the stream failed. */
  async reached(seq: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor() < seq) {
      if (this.failures.length > 0) throw new Error(`the stream failed: ${this.failures.join('; ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream did not reach seq ${seq}: its cursor is ${this.cursor()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.closing = true;
    this.segments.at(-1)?.close();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private follow(client: StreamClient): void {
    this.segments.push(client);
    client.socket.on('message', () => this.wake());
    void client.closed.then(({ code, reason }) => {
      if (this.closing) return;
      if (FINAL_CLOSES.includes(code)) {
        this.failures.push(`closed ${code} ${reason}`);
        this.wake();
        return;
      }
      this.moves++;
      void this.move();
    });
  }

  /** Opens the stream from the cursor on the next instance, going round them until one accepts it. */
  private async move(): Promise<void> {
    const giveUpAt = Date.now() + GIVE_UP_MS;
    for (let tries = 0; !this.closing; tries++) {
      if (tries >= this.urls.length) await pause(RETRY_PAUSE_MS);
      this.at = (this.at + 1) % this.urls.length;
      try {
        this.follow(await StreamClient.open(this.urls[this.at]!, this.token, this.cursor()));
        return;
      } catch {
        this.failedOpens++;
        if (Date.now() > giveUpAt) {
          this.failures.push(`could not open the stream again within ${GIVE_UP_MS / 1000} s`);
          this.wake();
          return;
        }
      }
    }
  }
}
