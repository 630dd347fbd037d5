/**
 * Sends the outbox: messages are written with the change that causes them, so a crash or an SMTP outage
 * loses none. Each is claimed before sending (so two sends cannot overlap) and retried with exponential
 * backoff until it is delivered or gives up; either outcome goes into the request's timeline.
 *
 * Delivery is at least once: if the process dies after the SMTP server accepted a message but before it
 * was marked sent, it is sent again after restart, with the same Message-ID.
 */
import type { ServiceContext } from '../services/context';
import { DueWorkLoop } from '../services/due-work-loop';
import { withWriter } from '../services/request-writer';
import type { OutboxRow } from '../store/rows';
import { renderMail } from './templates';
import type { MailSender, MailTransport } from './transport';

/** Mail kinds whose payload holds a secret: it is dropped once the message is sent or given up. */
const SECRET_PAYLOADS: ReadonlySet<OutboxRow['kind']> = new Set(['password_link']);

export interface OutboxOptions {
  /** The sender, asked at each message: by default it carries the organisation's name, which may change. */
  readonly from: MailSender | (() => Promise<MailSender>);
  readonly maxAttempts?: number;
  /** First retry delay; doubles each attempt, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** How long a claimed message is left alone before another attempt may take it. */
const CLAIM_MS = 5 * 60_000;
/** The longest the worker sleeps, so it notices mail whatever the clock does. */
const MAX_SLEEP_MS = 60_000;

export class OutboxWorker {
  private readonly loop: DueWorkLoop;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly transport: MailTransport,
    private readonly options: OutboxOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
    this.loop = new DueWorkLoop({
      runDue: () => this.sendDue(),
      nextDueAt: () => ctx.store.outbox.nextDueAt(),
      now: () => ctx.clock.now(),
      maxSleepMs: MAX_SLEEP_MS,
      pollWhenIdle: false,
    });
  }

  /** New mail was committed: send it soon. */
  wake(): void {
    this.loop.wake();
  }

  /** Sends everything due now; resolves when done. Safe to call at any time. */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  /** Stops taking new work and waits for the message being sent. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.transport.close();
  }

  private async sendDue(): Promise<void> {
    const { store, clock } = this.ctx;
    while (!this.loop.stopped) {
      // Claim one message at a time, so that what is claimed is what is being sent: a message being sent
      // is not due again for CLAIM_MS, even across a restart, and no other worker (or instance) takes it.
      const [message] = await store.outbox.claimDue(clock.now(), 1, clock.now() + CLAIM_MS);
      if (!message) return;
      await this.send(message);
    }
  }

  private async send(message: OutboxRow): Promise<void> {
    const { store, clock, log } = this.ctx;
    if (message.payload === null) {
      await this.finish(
        message,
        'failed',
        'The message could not be decrypted: secrets.json is not the one it was queued with.',
      );
      return;
    }
    let rendered;
    try {
      rendered = renderMail(message.kind, message.language, message.payload);
    } catch (error) {
      await this.finish(message, 'failed', `The message could not be rendered: ${(error as Error).message}`);
      return;
    }
    try {
      const { from } = this.options;
      await this.transport.send({
        from: typeof from === 'function' ? await from() : from,
        to: message.recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: message.messageId,
      });
      await this.finish(message, 'sent');
      log.info({ outboxId: message.id, kind: message.kind, requestId: message.requestId }, 'e-mail sent');
    } catch (error) {
      const reason = (error as Error).message;
      if (message.attempts >= this.maxAttempts) {
        await this.finish(message, 'failed', reason);
        log.error({ outboxId: message.id, attempts: message.attempts, reason }, 'e-mail given up');
        return;
      }
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (message.attempts - 1));
      // The claim counted this attempt; record the retry time and why it failed.
      await store.outbox.scheduleRetry(message.id, clock.now() + delay, reason);
      log.warn(
        { outboxId: message.id, attempts: message.attempts, retryInMs: delay, reason },
        'e-mail failed; will retry',
      );
    }
  }

  /** Marks the message and tells the request's timeline. */
  private async finish(message: OutboxRow, outcome: 'sent' | 'failed', reason?: string): Promise<void> {
    const { store } = this.ctx;
    await withWriter(this.ctx, async (writer) => {
      if (outcome === 'sent') await store.outbox.markSent(message.id, writer.now);
      else await store.outbox.markFailed(message.id, writer.now, reason ?? 'failed');
      if (SECRET_PAYLOADS.has(message.kind)) await store.outbox.forgetPayload(message.id);
      const row = message.requestId ? await store.requests.get(message.requestId) : undefined;
      if (!row) return;
      await writer.change(row, {}, [
        {
          type: outcome === 'sent' ? 'email_sent' : 'email_failed',
          actor: { kind: 'system' },
          data: { kind: message.kind, to: message.recipient, ...(reason ? { reason } : {}) },
        },
      ]);
    });
  }
}
