/**
 * The session request service, assembled: database, services, HTTP and WebSocket, the mailer and the
 * scheduler. `startService` is what `npm run server` and the tests run; `stop` finishes in-flight work.
 */
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { setTranslationErrorHandler } from '@shared/i18n/translator';
import { isLoopbackUrl, type ServiceConfig } from './config';
import { openBackend } from './database-backend';
import { buildHttpApp } from './http/http-app';
import { loadJoinAssets } from './join/assets';
import { LiveHub } from './live/hub';
import { OutboxWorker, type OutboxOptions } from './mail/outbox-worker';
import { fileTransport, smtpTransport } from './mail/transport';
import { AccountService } from './services/accounts';
import { TwoFactorService } from './services/two-factor';
import { ChannelService } from './services/channels';
import { systemClock, type Clock } from './services/clock';
import type { ServiceContext } from './services/context';
import { LinkTokens } from './services/crypto';
import { EndUserService } from './services/end-user';
import { SatisfactionService } from './services/satisfaction';
import { ExpiryService } from './services/expiry';
import { FeedService } from './services/feed';
import { IntegrationTokenService } from './services/integration-tokens';
import { currentOrgSettings, OrganisationService, seedOrganisation } from './services/organisation';
import { PasswordLinkService } from './services/password-links';
import { rateLimits, type LimitChoices } from './services/rate-limits';
import { RequestActions } from './services/request-actions';
import { linkBuilder } from './services/request-view';
import { ReportService } from './services/reports';
import { RequestService } from './services/requests';
import { Scheduler } from './services/scheduler';
import { ssoPasswordGate, SsoService, type SsoSettings } from './services/sso';
import { WebhookDeliveryWorker, type WebhookWorkerOptions } from './webhooks/delivery-worker';
import { WebhookService } from './webhooks/webhook-service';
import { SmsService } from './sms/sms-service';
import { SmsWorker, type SmsWorkerOptions } from './sms/sms-worker';
import { AuditLog } from './services/audit';
import type { Services } from './services/services';
import { ConversationService } from './services/conversation';

export const SERVICE_VERSION = '0.1.0';

export interface ServiceOptions {
  readonly config: ServiceConfig;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Limits to use instead of the defaults (each one left out keeps its default). */
  readonly limits?: LimitChoices;
  readonly outbox?: Partial<Omit<OutboxOptions, 'from'>>;
  /** Webhook backoff and limits instead of the defaults (tests: small ones). */
  readonly webhooks?: Partial<Omit<WebhookWorkerOptions, 'allowPrivate'>>;
  /** SMS outbox backoff and limits instead of the defaults (tests: small ones). */
  readonly sms?: Partial<Omit<SmsWorkerOptions, 'allowPrivate'>>;
  /** Tests drive expiry themselves with their clock; the timers stay off. */
  readonly scheduler?: boolean;
  /** Send-buffer bound of a change stream before its client is told to resync (default 4 MiB). */
  readonly streamMaxBufferedBytes?: number;
  /** How long changes may wait to be sent to streams together (default 20 ms; 0 sends each at once). */
  readonly streamBatchWindowMs?: number;
}

export interface RunningService {
  /** Where it listens, e.g. http://127.0.0.1:7300. */
  readonly url: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly services: Services;
  readonly outbox: OutboxWorker;
  readonly webhooks: WebhookDeliveryWorker;
  readonly sms: SmsWorker;
  /** Set when this start created the first admin; `password` only when it was generated. */
  readonly firstAdmin: { email: string; password: string | null } | null;
  stop(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config } = options;
  const log = options.logger ?? pino({ level: config.logLevel, base: { service: 'sessiondesk' } });
  // A message that fails to format (a value missing, a broken translation) shows its id on the page or in
  // the e-mail; the log says which and why.
  setTranslationErrorHandler((error) => log.error({ err: error }, 'message could not be formatted'));
  const hub = new LiveHub(options.streamBatchWindowMs);
  const backend = await openBackend(config, hub, log);
  const { store } = backend;
  const clock = options.clock ?? systemClock;
  // The configured organisation settings count only until the first start has stored them; from then on
  // admins change them (PATCH /organisation).
  await seedOrganisation(
    store,
    {
      orgName: config.orgName,
      remoteAppName: config.remoteAppName,
      remoteAppUrl: config.remoteAppUrl,
      remoteIdRequired: config.remoteIdRequired,
      remoteAppInstructions: '',
    },
    clock.now(),
  );

  let publicUrl = config.publicUrl ?? '';
  const links = linkBuilder(new LinkTokens(backend.linkKey), () => publicUrl);
  // The outbox worker needs the context; the context wakes the worker: bound once both exist.
  const mailer = { wake: () => {} };
  const webhookWorker = { wake: () => {} };
  const smsWorker = { wake: () => {} };
  const ctx: ServiceContext = {
    store,
    clock,
    hub,
    live: backend.live,
    signals: backend.signals,
    links,
    log,
    org: () => currentOrgSettings(store),
    publicUrl: () => publicUrl,
    wakeMailer: () => mailer.wake(),
    wakeWebhooks: () => webhookWorker.wake(),
    wakeSms: () => smsWorker.wake(),
    mailDomain: () => new URL(publicUrl || 'http://localhost').hostname,
    audit: new AuditLog(store, clock),
  };
  const limits = rateLimits(backend.limitCounters, backend.linkKey, options.limits);
  const expiry = new ExpiryService(ctx);
  const requests = new RequestService(ctx);
  const passwordLinks = new PasswordLinkService(ctx);
  const sso = ssoSettings(config);
  const twoFactor = new TwoFactorService(ctx, limits);
  const accounts = new AccountService(
    ctx,
    limits,
    passwordLinks,
    twoFactor,
    ssoPasswordGate(ctx, sso?.breakGlass ?? []),
  );
  const actions = new RequestActions(ctx, requests, expiry);
  const services: Services = {
    ctx,
    accounts,
    twoFactor,
    channels: new ChannelService(ctx),
    requests,
    actions,
    expiry,
    feed: new FeedService(ctx),
    endUser: new EndUserService(ctx, expiry),
    satisfaction: new SatisfactionService(ctx),
    organisation: new OrganisationService(ctx),
    passwordLinks,
    limits,
    integrationTokens: new IntegrationTokenService(ctx),
    webhooks: new WebhookService(ctx, {
      allowPrivate: config.webhooksAllowPrivate,
      wake: () => webhookWorker.wake(),
    }),
    audit: ctx.audit,
    reports: new ReportService(ctx),
    sso: new SsoService(ctx, accounts, limits, sso),
    conversation: new ConversationService(ctx, actions, expiry, limits),
    sms: new SmsService(ctx, {
      allowPrivate: config.webhooksAllowPrivate,
      timeoutMs: options.sms?.timeoutMs,
    }),
  };

  // Ready: the first admin exists, the mailer and the scheduler run. Until then every request answers
  // 503 (GET /healthz too), so a health check that says ok means a sign-in works.
  let ready = false;
  let app;
  try {
    app = await buildHttpApp(services, {
      logger: log,
      trustProxy: config.trustProxy,
      joinAssets: loadJoinAssets(),
      version: SERVICE_VERSION,
      streamMaxBufferedBytes: options.streamMaxBufferedBytes,
      isReady: () => ready,
      consoleBuildDir: config.consoleBuildDir,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const reachableHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
  publicUrl ||= url;

  let firstAdmin;
  try {
    firstAdmin = await services.accounts.ensureFirstAdmin({
      email: config.adminEmail,
      password: config.adminPassword,
    });
    await backend.start((requestId) => links.linkFor(requestId));
  } catch (error) {
    await app.close();
    await backend.close();
    throw error;
  }

  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.dataDir, log);
  const senderAddress = `no-reply@${ctx.mailDomain() || hostname()}`;
  const outbox = new OutboxWorker(ctx, transport, {
    // The organisation's name as it is when each message goes, kept apart from the address so that any
    // name an admin types is quoted rather than read as part of the address.
    from: config.mailFrom ?? (async () => ({ name: (await ctx.org()).orgName, address: senderAddress })),
    ...options.outbox,
  });
  mailer.wake = () => outbox.wake();
  void outbox.drain();
  const webhooks = new WebhookDeliveryWorker(ctx, {
    allowPrivate: config.webhooksAllowPrivate,
    ...options.webhooks,
  });
  webhookWorker.wake = () => webhooks.wake();
  void webhooks.drain();
  const sms = new SmsWorker(ctx, { allowPrivate: config.webhooksAllowPrivate, ...options.sms });
  smsWorker.wake = () => sms.wake();
  void sms.drain();
  const scheduler = new Scheduler(ctx, expiry);
  if (options.scheduler !== false) await scheduler.start();
  ready = true;
  log.info(
    { url, publicUrl, database: backend.description, mail: transport.description },
    'session request service listening',
  );
  if (sso)
    log.info({ issuer: sso.issuer, redirectUri: services.sso.callbackUrl() }, 'single sign-on offered');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    publicUrl,
    services,
    outbox,
    webhooks,
    sms,
    firstAdmin,
    stop: () =>
      (stopping ??= (async () => {
        await scheduler.stop();
        // Change streams close with 1001 shutting_down (the client reconnects later); then the server
        // finishes the requests in flight and ends the join pages' event streams.
        hub.shutDown();
        await app.close();
        await outbox.stop();
        await webhooks.stop();
        await sms.stop();
        await backend.close();
        log.info('session request service stopped');
      })()),
  };
}

/** Single sign-on's settings, when the service is configured for it (--sso-issuer and its companions). */
function ssoSettings(config: ServiceConfig): SsoSettings | null {
  const { ssoIssuer, ssoClientId, ssoClientSecret, ssoAllowedDomains } = config;
  // loadConfig refuses an issuer without the others.
  if (!ssoIssuer || !ssoClientId || !ssoClientSecret || !ssoAllowedDomains) return null;
  return {
    issuer: ssoIssuer,
    clientId: ssoClientId,
    clientSecret: ssoClientSecret,
    label: config.ssoLabel,
    scopes: config.ssoScopes,
    emailClaim: config.ssoEmailClaim,
    groupsClaim: config.ssoGroupsClaim,
    allowedDomains: ssoAllowedDomains,
    breakGlass: config.ssoBreakGlass,
    insecureLoopback: isLoopbackUrl(ssoIssuer) && ssoIssuer.startsWith('http:'),
  };
}
