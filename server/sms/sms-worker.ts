/**
 * Sends the SMS outbox. A message is written with the change that asked for it (the invitation, a chat
 * message), so a crash loses none; each is claimed with a lease before it is posted, so no two instances
 * send it at once (the store's claim: FOR UPDATE SKIP LOCKED on PostgreSQL).
 *
 * A network error, a 5xx or a 429 is tried again, after the gateway's Retry-After when it gives one (429,
 * 503), else after an exponential backoff with jitter; after `maxAttempts` it is given up. Any other answer
 * (a 4xx: a wrong number, wrong credentials) fails at once: sending it again would fail the same way.
 * At least once: if the process dies after the gateway took the message but before it was recorded, the
 * lease ends and it is sent again.
 */
import { maskPhone, type SmsFailureCode } from '@shared/domain/sms';
import type { ServiceContext } from '../services/context';
import { DueWorkLoop } from '../services/due-work-loop';
import { withWriter } from '../services/request-writer';
import type { ClaimedSms, SmsOutcome } from '../store/sms-rows';
import { TIMEOUT_MS, type PostResult } from '../webhooks/post-webhook';
import { gatewayRequest } from './gateway-request';
import { sendSms } from './send-sms';

export interface SmsWorkerOptions {
  /** --webhooks-allow-private: a gateway on a private or loopback address is allowed. */
  readonly allowPrivate: boolean;
  /** The first retry's delay; each next one is 4 times longer, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Attempts before a message is given up. */
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
}

/** 5 s, 20 s, 80 s, 5 min, 21 min, then every 30 min; given up after 8 attempts (about 2 hours). */
export const SMS_BACKOFF = { baseDelayMs: 5_000, factor: 4, maxDelayMs: 30 * 60_000, maxAttempts: 8 };

/** The longest a Retry-After is waited for: a gateway asking for more is retried sooner. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const MAX_SLEEP_MS = 60_000;

/** Whether an answer is worth another attempt: no answer, the gateway's trouble, or "too many requests". */
export function isRetryable(statusCode: number | null): boolean {
  return statusCode === null || statusCode === 429 || statusCode >= 500;
}

/** A Retry-After header (seconds, or an HTTP date) as a delay from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class SmsWorker {
  private readonly loop: DueWorkLoop;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: SmsWorkerOptions,
  ) {
    this.baseDelayMs = options.baseDelayMs ?? SMS_BACKOFF.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? SMS_BACKOFF.maxDelayMs;
    this.maxAttempts = options.maxAttempts ?? SMS_BACKOFF.maxAttempts;
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.loop = new DueWorkLoop({
      runDue: () => this.sendDue(),
      nextDueAt: () => ctx.store.sms.nextDueAt(),
      now: () => ctx.clock.now(),
      maxSleepMs: MAX_SLEEP_MS,
      pollWhenIdle: true,
      onError: (error) => ctx.log.error({ err: error }, 'text messages could not be sent; will try again'),
    });
  }

  /** Messages were committed: send them soon. */
  wake(): void {
    this.loop.wake();
  }

  /** Sends everything due now; resolves when done. */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async sendDue(): Promise<void> {
    const { store, clock } = this.ctx;
    while (!this.loop.stopped) {
      const now = clock.now();
      // Leased for twice the post's limit: what is claimed is what is being posted.
      const sms = await store.sms.claimDue(now, now + 2 * this.timeoutMs);
      if (!sms) return;
      await this.send(sms);
    }
  }

  private async send(sms: ClaimedSms): Promise<void> {
    const { store, clock, log } = this.ctx;
    const result = await this.post(sms);
    const at = clock.now();
    const sent = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    let outcome: SmsOutcome;
    let failure: SmsFailureCode | null = null;
    if (sent) {
      outcome = { state: 'sent', statusCode: result.statusCode, at };
    } else {
      const error = result.error ?? `The gateway answered ${result.statusCode}.`;
      // Ours, worded by the client; else the gateway's or the network's own words, shown as they came.
      failure = result.errorCode ?? (result.error === null ? 'http_status' : null);
      const again =
        result.retryable !== false && isRetryable(result.statusCode) && sms.attempts < this.maxAttempts;
      outcome = again
        ? {
            state: 'pending',
            statusCode: result.statusCode,
            error,
            at,
            nextAttemptAt: at + this.delay(sms, result, at),
          }
        : { state: 'failed', statusCode: result.statusCode, error, at };
    }
    if (outcome.state === 'pending') {
      await store.sms.record(sms.id, outcome);
      log.warn(
        { smsId: sms.id, attempts: sms.attempts, error: outcome.error },
        'text message failed; will retry',
      );
      return;
    }
    await withWriter(this.ctx, async (writer) => {
      await store.sms.record(sms.id, outcome);
      const row = sms.requestId ? await store.requests.get(sms.requestId) : undefined;
      if (!row) return;
      const to = sms.to ? maskPhone(sms.to) : '';
      await writer.change(row, {}, [
        outcome.state === 'sent'
          ? { type: 'sms_sent', actor: { kind: 'system' }, data: { kind: sms.kind, to } }
          : {
              type: 'sms_failed',
              actor: { kind: 'system' },
              data: {
                kind: sms.kind,
                to,
                reason: outcome.error,
                reasonCode: failure,
                statusCode: outcome.statusCode,
              },
            },
      ]);
    });
    log.info({ smsId: sms.id, kind: sms.kind, state: outcome.state }, `text message ${outcome.state}`);
  }

  /**
   * One attempt; `retryable: false` when trying again cannot help (no gateway, secrets unreadable). A
   * failure of ours has a code (`SmsFailureCode`) the timeline words in the agent's language; its English
   * sentence is for the log.
   */
  private async post(
    sms: ClaimedSms,
  ): Promise<PostResult & { retryable?: boolean; errorCode?: SmsFailureCode }> {
    const fail = (errorCode: SmsFailureCode, error: string) => ({
      statusCode: null,
      error,
      errorCode,
      durationMs: 0,
      retryable: false,
    });
    if (sms.to === null || sms.text === null) {
      return fail(
        'undecryptable',
        'The message could not be decrypted: secrets.json is not the one it was queued with.',
      );
    }
    const gateway = await this.ctx.store.sms.gateway();
    if (!gateway) return fail('not_configured', 'No SMS gateway is configured.');
    const request = gateway.secrets && gatewayRequest(gateway.settings, gateway.secrets, sms.to, sms.text);
    if (!request) {
      return fail(
        'secrets_unreadable',
        'The SMS gateway’s secrets cannot be read: an admin must enter them again.',
      );
    }
    return sendSms(request, this.options.allowPrivate, this.timeoutMs);
  }

  /** The gateway's Retry-After (429, 503) if it gave one, else exponential backoff with jitter (75–100 %). */
  private delay(sms: ClaimedSms, result: PostResult, now: number): number {
    const asked =
      result.statusCode === 429 || result.statusCode === 503 ? retryAfterMs(result.retryAfter, now) : null;
    if (asked !== null) return Math.min(asked, MAX_RETRY_AFTER_MS);
    const plain = Math.min(
      this.maxDelayMs,
      this.baseDelayMs * SMS_BACKOFF.factor ** Math.max(0, sms.attempts - 1),
    );
    return Math.round(plain * (0.75 + Math.random() * 0.25));
  }
}
