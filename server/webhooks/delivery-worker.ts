/**
 * Sends the webhook outbox. Deliveries are written with the change they tell of (webhook-events.ts), so a
 * crash loses none; each is claimed with a lease before it is posted, so no two instances post it at once,
 * and a request's deliveries to one endpoint go one at a time, in order (the store's claim says how).
 *
 * At least once: if the process dies after the receiver answered 2xx but before the delivery was marked,
 * the lease ends and it is posted again, with the same `webhook-id` (receivers dedupe on it).
 * Retries back off exponentially with jitter (BACKOFF) until a day after the series began, then the
 * delivery is `failed`. An endpoint whose attempts have all failed for a day is disabled (`failing`) and
 * every admin is e-mailed through the mail outbox.
 */
import { iso } from '../services/clock';
import type { ServiceContext } from '../services/context';
import { DueWorkLoop } from '../services/due-work-loop';
import type { ClaimedWebhookDelivery, WebhookEndpointRow } from '../store/webhook-rows';
import { AddressRefusedError, checkedAddress } from './address-guard';
import { notifyAdminsOfDisabledEndpoint } from './endpoint-disabled-mail';
import { postWebhook, TIMEOUT_MS, type PostResult } from './post-webhook';
import { signedHeaders } from './signature';
import { auditTarget } from './webhook-service';

const HOUR = 3_600_000;

export interface WebhookWorkerOptions {
  /** --webhooks-allow-private: post to private, loopback and link-local addresses too. */
  readonly allowPrivate: boolean;
  /** The first retry's delay; each next one is BACKOFF_FACTOR times longer, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How long after its series began a delivery is given up (`failed`). */
  readonly giveUpAfterMs?: number;
  /** How long an endpoint's attempts may all fail before it is disabled. */
  readonly disableAfterMs?: number;
  readonly timeoutMs?: number;
}

/** 5 s, 20 s, 80 s, 5 min, 21 min, 85 min, then every 4 h (each 75–100 % of that, at random). */
export const BACKOFF = { baseDelayMs: 5_000, factor: 4, maxDelayMs: 4 * HOUR, giveUpAfterMs: 24 * HOUR };

/** How long a claimed delivery is left alone before another attempt may take it: twice the post's limit. */
const LEASE_FACTOR = 2;
/** The longest the worker sleeps, so it notices deliveries whatever the clock does. */
const MAX_SLEEP_MS = 60_000;

export class WebhookDeliveryWorker {
  private readonly loop: DueWorkLoop;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly giveUpAfterMs: number;
  private readonly disableAfterMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: WebhookWorkerOptions,
  ) {
    this.baseDelayMs = options.baseDelayMs ?? BACKOFF.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? BACKOFF.maxDelayMs;
    this.giveUpAfterMs = options.giveUpAfterMs ?? BACKOFF.giveUpAfterMs;
    this.disableAfterMs = options.disableAfterMs ?? 24 * HOUR;
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.loop = new DueWorkLoop({
      runDue: () => this.sendDue(),
      nextDueAt: () => ctx.store.webhooks.nextDueAt(),
      now: () => ctx.clock.now(),
      maxSleepMs: MAX_SLEEP_MS,
      pollWhenIdle: true,
      onError: (error) =>
        ctx.log.error({ err: error }, 'webhook deliveries could not be sent; will try again'),
    });
  }

  /** Deliveries were committed: send them soon. */
  wake(): void {
    this.loop.wake();
  }

  /** Sends everything due now; resolves when done. Safe to call at any time. */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  /** Stops taking new work and waits for the delivery being posted. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async sendDue(): Promise<void> {
    const { store, clock } = this.ctx;
    while (!this.loop.stopped) {
      // One at a time: what is claimed is what is being posted.
      const now = clock.now();
      const delivery = await store.webhooks.claimDue(now, now + LEASE_FACTOR * this.timeoutMs);
      if (!delivery) return;
      await this.send(delivery);
    }
  }

  private async send(delivery: ClaimedWebhookDelivery): Promise<void> {
    const { clock, log } = this.ctx;
    const { endpoint } = delivery;
    const secrets = signingSecrets(endpoint, clock.now());
    let result: PostResult;
    if (delivery.payload === null || secrets.length === 0) {
      result = {
        statusCode: null,
        error: 'The delivery could not be decrypted: secrets.json is not the one it was written with.',
        durationMs: 0,
      };
    } else {
      result = await this.post(endpoint.url, secrets, delivery.messageId, delivery.payload);
    }
    const at = clock.now();
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    if (delivered) {
      await this.record(delivery, {
        delivered: true,
        statusCode: result.statusCode!,
        durationMs: result.durationMs,
        at,
      });
      log.info(
        { webhookId: delivery.messageId, endpointId: endpoint.id, type: delivery.eventType },
        'webhook delivered',
      );
      return;
    }
    const error = result.error ?? `The receiver answered ${result.statusCode}.`;
    const delay = this.retryDelay(delivery.attempts);
    const nextAttemptAt = at + delay < delivery.seriesStartedAt + this.giveUpAfterMs ? at + delay : null;
    await this.record(delivery, {
      delivered: false,
      statusCode: result.statusCode,
      error: result.statusCode === null ? error : null,
      durationMs: result.error && result.durationMs === 0 ? null : result.durationMs,
      at,
      nextAttemptAt,
    });
    log.warn(
      {
        webhookId: delivery.messageId,
        endpointId: endpoint.id,
        attempts: delivery.attempts,
        nextAttemptAt,
        error,
      },
      nextAttemptAt === null ? 'webhook given up' : 'webhook failed; will retry',
    );
  }

  /** Posts to the URL's checked address (checked again now: DNS may have changed since it was saved). */
  private async post(url: string, secrets: string[], messageId: string, body: string): Promise<PostResult> {
    const target = new URL(url);
    let address;
    try {
      address = await checkedAddress(target, this.options.allowPrivate);
    } catch (error) {
      if (error instanceof AddressRefusedError)
        return { statusCode: null, error: error.message, durationMs: 0 };
      throw error;
    }
    const timestamp = Math.floor(this.ctx.clock.now() / 1000);
    return postWebhook(
      target,
      address,
      signedHeaders(secrets, messageId, timestamp, body),
      body,
      this.timeoutMs,
    );
  }

  /** Records the attempt and the endpoint's health; disables it (and tells the admins) after a day of failures. */
  private async record(
    delivery: ClaimedWebhookDelivery,
    outcome: Parameters<ServiceContext['store']['webhooks']['recordAttempt']>[1],
  ): Promise<void> {
    const { store } = this.ctx;
    await store.transaction(async () => {
      await store.webhooks.recordAttempt(delivery.seq, outcome);
      if (delivery.eventType === 'ping') return;
      await store.webhooks.noteAttempt(delivery.endpointId, outcome.delivered, outcome.at);
      if (outcome.delivered) return;
      const endpoint = await store.webhooks.endpoint(delivery.endpointId);
      if (!endpoint?.enabled || endpoint.failingSince === null) return;
      if (outcome.at - endpoint.failingSince < this.disableAfterMs) return;
      await store.webhooks.setEnabled(endpoint.id, false, 'failing', outcome.at);
      await this.ctx.audit.record(
        {
          type: 'webhook.disabled',
          actor: { kind: 'system' },
          target: auditTarget(endpoint),
          data: { reason: 'failing', failingSince: iso(endpoint.failingSince) },
        },
        outcome.at,
      );
      await notifyAdminsOfDisabledEndpoint(this.ctx, endpoint, outcome.at);
      this.ctx.log.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled: failing for a day');
    });
  }

  /** The delay after attempt `attempts` failed: exponential, capped, with jitter (75–100 %). */
  private retryDelay(attempts: number): number {
    const plain = Math.min(this.maxDelayMs, this.baseDelayMs * BACKOFF.factor ** Math.max(0, attempts - 1));
    return Math.round(plain * (0.75 + Math.random() * 0.25));
  }
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(endpoint: WebhookEndpointRow, now: number): string[] {
  const secrets = endpoint.secret === null ? [] : [endpoint.secret];
  if (
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    now < endpoint.previousSecretExpiresAt
  ) {
    secrets.push(endpoint.previousSecret);
  }
  return secrets;
}
