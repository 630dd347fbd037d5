/**
 * The agent client's core, assembled: account, connection, sync, cache, outbox, hand-off, settings and
 * notifications behind the IPC contract. It imports no `node:` module: what it needs of where it runs
 * comes in its CorePlatform (platform/host.ts) — Electron and the browser shell pass the node platform
 * (node/node-platform.ts), the web console's Worker the browser one (browser/browser-platform.ts). What
 * it says to the agent (notifications, why it is offline, why a setting is locked) is worded in the
 * language the client speaks, and reworded when that changes.
 */
import type { DisplayLanguage } from '@shared/i18n/translator';
import type { CommandError, CommandOutput, CommandPayload, CommandResult } from '@shared/ipc/contract';
import type { AccountView, ConnectionView, SecondFactorSignIn, SecondFactorStep } from '@shared/ipc/views';
import { meSchema, type Me } from '@shared/protocol/api';
import { fieldIssue } from '@shared/schemas/validation';
import { AccountFile } from './account/account-file';
import { AuthSession } from './account/auth-session';
import { SignedInClient, type SignedInClientOptions } from './account/signed-in-client';
import { fetchSsoStatus, SsoSignIn, type SsoReceipt } from './account/sso-sign-in';
import * as twoFactor from './account/two-factor-commands';
import { ApiClient, normalizeServerUrl } from './api/api-client';
import { ApiError } from './api/api-error';
import type { ConnectionReason } from './connection/live-connection';
import { CacheInUseError } from './cache/cache-errors';
import { CoreError } from './core-error';
import { isSsoDeepLink, parseDeepLink } from './deep-link';
import { EventBus } from './event-bus';
import { commandError, createDispatcher, type Invoke } from './ipc/command-dispatch';
import type { EventListener, IpcHost } from './ipc/ipc-host';
import { Notifier } from './notifications/notifier';
import type { CorePlatform } from './platform/host';
import { Handoff } from './requests/handoff';
import * as admin from './admin/admin-commands';
import * as integrations from './admin/integration-commands';
import * as ssoAdmin from './admin/sso-admin-commands';
import * as smsAdmin from './admin/sms-admin-commands';
import {
  act,
  addNote,
  createRequest,
  emailJoinUrl,
  join as joinSession,
  markRead,
  openTicket,
  sendMessage,
  setTicket,
} from './requests/request-commands';
import { listCannedMessages, replaceCannedMessages } from './requests/canned-message-commands';
import { exportReportCsv, getReportSummary } from './reports/report-commands';
import { SettingsStore } from './settings/settings-store';

export interface AgentCoreOptions {
  /** What the core needs of where it runs: storage, the token vault, sockets, launching, files, URIs. */
  readonly platform: CorePlatform;
  /** The service address offered at sign-in when neither a policy nor the settings name one. */
  readonly defaultServerUrl?: string;
  /**
   * The operating system's preferred languages, most preferred first (BCP 47 tags): the `system`
   * language is the first the client speaks. Electron passes `app.getPreferredSystemLanguages()`; the
   * browser shell, the browser's (`setSystemLanguages`). None: English.
   */
  readonly systemLanguages?: readonly string[];
  /** Whether the pseudo-locale may be chosen: development builds only (default false). */
  readonly pseudoLanguageAvailable?: boolean;
  /** Connection tuning (tests and benchmarks shorten the waits). */
  readonly connection?: SignedInClientOptions['connection'];
  readonly log?: (message: string, error?: unknown) => void;
  readonly now?: () => number;
}

const NOT_SIGNED_IN: ConnectionReason = (t) => t.t('shell.connection.signedOut');

export class AgentCore implements IpcHost {
  private client: SignedInClient | null = null;
  /** A sign-in whose password was right, waiting for its code: where, and the service's challenge. */
  private pendingSecondFactor: {
    readonly serverUrl: string;
    readonly policyUrl: string | null;
    readonly challenge: string;
  } | null = null;
  private readonly bus = new EventBus();
  private readonly accountFile: AccountFile;
  private readonly dispatch: Invoke;
  private readonly notifier: Notifier;
  private readonly handoff: Handoff;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private signedOutSince: number;
  private signedOutReason: ConnectionReason = NOT_SIGNED_IN;
  /** The language the agent last heard from the core in: a change rewords what it said. */
  private language: DisplayLanguage;
  private readonly sso: SsoSignIn;
  /** The sign-in the waiting single sign-on ends in (the browser shell's page waits for it). */
  private ssoFinishing: Promise<unknown> | null = null;
  /** Why the browser shell page's last single sign-on failed, until the page asks. */
  private ssoRefusal: CommandError | null = null;
  /** The request whose details the renderer shows (`requests.setOnScreen`). */
  private onScreen: string | null = null;

  private constructor(
    private readonly options: AgentCoreOptions,
    readonly settings: SettingsStore,
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, error) => console.warn(`[sessiondesk] ${message}`, error ?? ''));
    this.signedOutSince = this.now();
    this.accountFile = new AccountFile(options.platform.documents);
    this.language = settings.displayLanguage();
    this.notifier = new Notifier({
      settings: () => this.settings.effective(),
      translator: () => this.settings.translator(),
      emit: (notification) => this.bus.emit('notification', notification),
      onScreen: () => this.onScreen,
      now: this.now,
    });
    const { platform } = options;
    this.handoff = new Handoff({
      platform,
      settings: this.settings,
      client: () => this.requireClient(),
      log: this.log,
      now: this.now,
    });
    this.settings.onChange((view) => {
      this.bus.emit('settings', view);
      if (view.displayLanguage === this.language) return;
      this.language = view.displayLanguage;
      // The connection's reason is the core's sentence the renderer shows as it is: say it again.
      this.bus.emit('connection', this.connectionView());
    });
    this.sso = new SsoSignIn({
      opener: platform.sso,
      translator: () => this.settings.translator(),
    });
    this.dispatch = createDispatcher(this.handlers(), this.log);
  }

  static async start(options: AgentCoreOptions): Promise<AgentCore> {
    const policy = await options.platform.loadPolicy();
    const log = options.log ?? ((message: string) => console.warn(`[sessiondesk] ${message}`));
    for (const warning of policy.warnings) log(`policy: ${warning}`);
    const settings = new SettingsStore({
      documents: options.platform.documents,
      hostKind: options.platform.hostKind,
      policy,
      onWarning: (message) => log(`settings: ${message}`),
      ...(options.defaultServerUrl ? { defaultServerUrl: options.defaultServerUrl } : {}),
      ...(options.systemLanguages ? { systemLanguages: options.systemLanguages } : {}),
      pseudoLanguageAvailable: options.pseudoLanguageAvailable ?? false,
    });
    const core = new AgentCore(options, settings);
    await core.resume();
    return core;
  }

  invoke(name: unknown, input: unknown): Promise<CommandResult<unknown>> {
    return this.dispatch(name, input);
  }

  onEvent(listener: EventListener): () => void {
    return this.bus.on(listener);
  }

  /**
   * The preferred languages `system` follows, learnt after start: the browser shell's from each page
   * that connects (the browser's language, not the machine's). A change of language emits `settings`.
   */
  setSystemLanguages(preferred: readonly string[]): void {
    this.settings.setSystemLanguages(preferred);
  }

  /**
   * Handles sessiondesk://request/<id> and sessiondesk://join/<code> (emits `navigate`), and
   * sessiondesk://auth/… (a single sign-on's redirect, for the attempt that waits).
   */
  openDeepLink(url: string): boolean {
    if (isSsoDeepLink(url)) return this.sso.receive(url).kind === 'accepted';
    const target = parseDeepLink(url);
    if (target) this.bus.emit('navigate', target);
    return target !== null;
  }

  /**
   * The browser shell's page came back from the provider to `url`: hands it to the waiting attempt and,
   * when it was its code, waits until the sign-in is over (the page then reloads signed in, or asks why not).
   */
  async receiveSsoRedirect(url: string): Promise<SsoReceipt> {
    const receipt = this.sso.receive(url);
    // The attempt is over (its code, or the provider's refusal): the sign-in ends as it ends, and a
    // refusal is kept for the page (a wrong `state` is not: the attempt still waits for its own).
    if (receipt.kind !== 'unknown' && !this.sso.waiting) await this.ssoFinishing;
    return receipt;
  }

  /** Whether a single sign-on waits for its redirect. */
  get ssoWaiting(): boolean {
    return this.sso.waiting;
  }

  async stop(): Promise<void> {
    this.sso.cancel();
    await this.handoff.stop();
    await this.client?.stop();
    this.client = null;
  }

  // --- Account --------------------------------------------------------------------------------------

  /** At start: the stored account, its cache at once (offline too), and the connection in the background. */
  private async resume(): Promise<void> {
    const stored = this.accountFile.read();
    if (!stored) return;
    const { tokens } = this.options.platform;
    if (!(await tokens.mayHold())) {
      this.accountFile.clear();
      return;
    }
    const session = new AuthSession(new ApiClient(stored.serverUrl), tokens, this.now);
    session.viaSingleSignOn = stored.viaSso === true;
    const client = await this.openClient(session, null, stored.agentId);
    if (!client) {
      this.accountFile.clear();
      return;
    }
    client.start();
  }

  private async signIn(input: CommandPayload<'account.signIn'>): Promise<AccountView | SecondFactorStep> {
    const { serverUrl, policyUrl } = this.signInServer(input.serverUrl);
    // A single sign-on still waiting would sign this sign-in out when it came back.
    this.sso.cancel();
    if (this.client) await this.signOut({ discardPending: true });
    this.pendingSecondFactor = null;
    const step = await AuthSession.signIn(
      new ApiClient(serverUrl),
      this.options.platform.tokens,
      { email: input.email, password: input.password },
      this.now,
    );
    if ('secondFactor' in step) {
      const { challenge, expiresAt, enrolment } = step.secondFactor;
      this.pendingSecondFactor = { serverUrl, policyUrl, challenge };
      return { secondFactor: { expiresAt, enrolment: enrolment ?? null } };
    }
    return this.signedIn(step.session, serverUrl, policyUrl);
  }

  /** The code of the sign-in `signIn` left open. */
  private async secondFactor({ code }: CommandPayload<'account.secondFactor'>): Promise<SecondFactorSignIn> {
    const pending = this.pendingSecondFactor;
    if (!pending) throw new CoreError('not_signed_in', { reason: 'first' });
    let finished;
    try {
      finished = await AuthSession.finishSignIn(
        new ApiClient(pending.serverUrl),
        this.options.platform.tokens,
        { challenge: pending.challenge, code },
        this.now,
      );
    } catch (error) {
      // An ended challenge cannot be tried again: the password is asked for again.
      if (error instanceof ApiError && error.code === 'second_factor_expired')
        this.pendingSecondFactor = null;
      throw error;
    }
    this.pendingSecondFactor = null;
    const account = await this.signedIn(finished.session, pending.serverUrl, pending.policyUrl);
    return { account, recoveryCodes: finished.recoveryCodes };
  }

  /** The service to sign in to: the policy's, else the one typed, else the last one or the default. */
  private signInServer(typedUrl: string | undefined): { serverUrl: string; policyUrl: string | null } {
    const policyUrl = this.settings.view().locked.serverUrl ? this.settings.effective().serverUrl : null;
    const typed =
      policyUrl ?? (typedUrl || this.settings.effective().serverUrl || this.options.defaultServerUrl || '');
    if (typed === '') {
      throw new CoreError('invalid_input', undefined, [fieldIssue('serverUrl', 'required')]);
    }
    try {
      return { serverUrl: normalizeServerUrl(typed), policyUrl };
    } catch {
      throw new CoreError('invalid_input', undefined, [fieldIssue('serverUrl', 'invalid_url')]);
    }
  }

  /** A sign-in's tokens in hand: the account remembered, its cache opened, its stream started. */
  private async signedIn(
    session: AuthSession,
    serverUrl: string,
    policyUrl: string | null,
  ): Promise<AccountView> {
    const me = await session.request('GET', '/me', { schema: meSchema });
    this.accountFile.write({
      serverUrl,
      agentId: me.id,
      email: me.email,
      ...(session.viaSingleSignOn ? { viaSso: true } : {}),
    });
    if (!policyUrl && this.settings.effective().serverUrl !== serverUrl) this.settings.update({ serverUrl });
    const client = await this.openClient(session, me, me.id);
    if (!client) throw new CoreError('internal');
    await client.refreshDirectory();
    client.start(true);
    return this.accountView()!;
  }

  private async signInWithSso(
    input: CommandPayload<'account.signInWithSso'>,
  ): Promise<CommandOutput<'account.signInWithSso'>> {
    const { serverUrl, policyUrl } = this.signInServer(input.serverUrl);
    const api = new ApiClient(serverUrl);
    this.ssoRefusal = null;
    this.ssoFinishing = null;
    const started = await this.sso.start(api);
    const finish = async () => {
      const login = await started.login;
      if (this.client) await this.signOut({ discardPending: true });
      const session = await AuthSession.fromSingleSignOn(api, this.options.platform.tokens, login, this.now);
      return this.signedIn(session, serverUrl, policyUrl);
    };
    if (started.kind === 'system') return { status: 'signedIn', account: await finish() };
    // The page leaves for the provider: the sign-in finishes here when its redirect comes back.
    const finishing: Promise<unknown> = finish().catch((error: unknown) => {
      // A newer attempt cancelled this one: its own outcome is the one the page asks about.
      if (this.ssoFinishing === finishing) this.ssoRefusal = commandError(error);
    });
    this.ssoFinishing = finishing;
    return { status: 'continueInPage', authorizationUrl: started.authorizationUrl };
  }

  private async signOut(input: CommandPayload<'account.signOut'>): Promise<null> {
    const client = this.client;
    if (!client) return null;
    const pending = await client.cache.pendingOutbox();
    if (pending > 0 && !input.discardPending) {
      throw new CoreError('outbox_pending', { count: pending });
    }
    this.client = null;
    await this.handoff.stop();
    await client.signOut();
    this.accountFile.clear();
    this.signedOut();
    return null;
  }

  private async openClient(
    session: AuthSession,
    me: Me | null,
    agentId: string,
  ): Promise<SignedInClient | null> {
    let client: SignedInClient;
    try {
      client = await SignedInClient.open({
        caches: this.options.platform.caches,
        sockets: this.options.platform.sockets,
        session,
        agentId,
        me,
        notifier: this.notifier,
        translator: () => this.settings.translator(),
        log: this.log,
        ...(this.options.connection ? { connection: this.options.connection } : {}),
        events: {
          requests: (payload) => this.bus.emit('requests', payload),
          sync: (payload) => this.bus.emit('sync', payload),
          connection: (payload) => {
            this.bus.emit('connection', payload);
            if (payload.state === 'live') this.handoff.onLive();
          },
          directory: (payload) => this.bus.emit('directory', payload),
          me: () => this.bus.emit('account', this.accountView()),
          signInEnded: (reason) => void this.endedElsewhere(client, reason),
        },
      });
    } catch (error) {
      // Another tab of the browser holds the web console's cache: the account stays signed in here, the
      // page says why it cannot open (and a reload, once that tab is closed, opens it).
      if (error instanceof CacheInUseError) throw new CoreError('cache_in_use');
      this.log('could not open the cache', error);
      return null;
    }
    this.client = client;
    session.onEndSessionUrl = (url) =>
      void this.options.platform.openUri(url).catch((error: unknown) => {
        this.log('the provider’s sign-out page could not be opened', error);
      });
    this.bus.emit('account', this.accountView());
    return client;
  }

  /** The service ended the sign-in (refresh refused): back to the sign-in screen, work kept in the cache. */
  private async endedElsewhere(client: SignedInClient, reason: ConnectionReason): Promise<void> {
    if (this.client !== client) return;
    this.client = null;
    await client.stop();
    this.accountFile.clear();
    this.signedOut(reason);
  }

  private signedOut(reason = NOT_SIGNED_IN): void {
    this.signedOutSince = this.now();
    this.signedOutReason = reason;
    this.bus.emit('account', null);
    this.bus.emit('connection', this.connectionView());
  }

  /** The connection as the renderer shows it, its reason in the language the client speaks now. */
  private connectionView(): ConnectionView {
    if (this.client) return this.client.connection.state;
    return {
      state: 'offline',
      since: this.signedOutSince,
      reason: this.signedOutReason(this.settings.translator()),
      nextAttemptAt: null,
    };
  }

  private accountView(): AccountView | null {
    const client = this.client;
    return client ? { serverUrl: client.session.api.serverUrl, agent: client.agent } : null;
  }

  private requireClient(): SignedInClient {
    if (!this.client) throw new CoreError('not_signed_in', { reason: 'first' });
    return this.client;
  }

  // --- Commands -------------------------------------------------------------------------------------

  private handlers(): Parameters<typeof createDispatcher>[0] {
    const client = () => this.requireClient();
    return {
      'account.get': () => this.accountView(),
      'account.signIn': (input) => this.signIn(input),
      'account.signOut': (input) => this.signOut(input),
      'account.secondFactor': (input) => this.secondFactor(input),
      'account.startTwoFactor': () => twoFactor.startTwoFactor(client()),
      'account.confirmTwoFactor': (input) => twoFactor.confirmTwoFactor(client(), input),
      'account.disableTwoFactor': (input) => twoFactor.disableTwoFactor(client(), input),
      'account.replaceRecoveryCodes': (input) => twoFactor.replaceRecoveryCodes(client(), input),
      'account.ssoStatus': async (input) => ({
        ...(await fetchSsoStatus(new ApiClient(this.signInServer(input.serverUrl).serverUrl))),
        preferred: this.settings.policyValue('PreferSingleSignOn'),
      }),
      'account.signInWithSso': (input) => this.signInWithSso(input),
      'account.cancelSso': () => this.sso.cancel(),
      'account.takeSsoRefusal': () => {
        const refusal = this.ssoRefusal;
        this.ssoRefusal = null;
        return refusal;
      },
      'connection.get': () => this.connectionView(),
      'connection.retryNow': () => {
        client().connection.retryNow();
        return null;
      },
      'sync.get': () => client().sync.progress,
      'directory.get': () => client().directory(),
      'requests.query': async (query) => {
        const page = await client().cache.page(query, client().agent.id, this.now());
        return { ...page, rows: page.rows.map((row) => this.handoff.withHandoff(row)) };
      },
      'requests.counts': () => client().cache.counts(client().agent.id, this.now()),
      'requests.get': async ({ requestId }) => {
        const details = await client().cache.details(requestId, client().agent);
        return details && { ...details, request: this.handoff.withHandoff(details.request) };
      },
      'requests.create': (input) => createRequest(client(), input, this.now()),
      'requests.addNote': ({ requestId, text }) => addNote(client(), requestId, text, this.now()),
      'requests.sendMessage': (input) => sendMessage(client(), input, this.now()),
      'requests.markRead': ({ requestId }) => markRead(client(), requestId),
      'requests.setOnScreen': ({ requestId }) => {
        this.onScreen = requestId;
        return null;
      },
      'requests.act': ({ requestId, action }) => act(client(), requestId, action),
      'requests.connect': ({ requestId }) => this.handoff.connect(requestId),
      'requests.disconnect': ({ requestId }) => this.handoff.endSession(requestId),
      'requests.join': ({ sessionCode }) => joinSession(client(), sessionCode),
      'requests.emailJoinUrl': ({ requestId }) =>
        emailJoinUrl(client(), requestId, (uri) => this.options.platform.openUri(uri)),
      'requests.setTicket': ({ requestId, externalRef }) =>
        setTicket(client(), requestId, externalRef, this.now()),
      'requests.openTicket': ({ requestId }) =>
        openTicket(client(), requestId, (uri) => this.options.platform.openUri(uri)),
      'admin.createAgent': (input) => admin.createAgent(client(), input),
      'admin.updateAgent': (input) => admin.updateAgent(client(), input),
      'admin.createChannel': (input) => admin.createChannel(client(), input),
      'admin.updateChannel': (input) => admin.updateChannel(client(), input),
      'admin.setMember': (input) => admin.setMember(client(), input),
      'admin.removeMember': (input) => admin.removeMember(client(), input),
      'admin.resetTwoFactor': (input) => twoFactor.resetAgentTwoFactor(client(), input),
      'organisation.get': () => admin.getOrganisation(client()),
      'organisation.update': (changes) => admin.updateOrganisation(client(), changes),
      'organisation.ssoPolicy': () => ssoAdmin.getSsoPolicy(client()),
      'organisation.updateSsoPolicy': (changes) => ssoAdmin.updateSsoPolicy(client(), changes),
      'organisation.ssoMappings': () => ssoAdmin.getSsoMappings(client()),
      'organisation.replaceSsoMappings': (input) => ssoAdmin.replaceSsoMappings(client(), input),
      'organisation.smsGateway': () => smsAdmin.getSmsGateway(client()),
      'organisation.setSmsGateway': (input) => smsAdmin.setSmsGateway(client(), input),
      'organisation.deleteSmsGateway': () => smsAdmin.deleteSmsGateway(client()),
      'organisation.testSmsGateway': (input) => smsAdmin.testSmsGateway(client(), input),
      'cannedMessages.list': () => listCannedMessages(client()),
      'admin.replaceCannedMessages': (input) => replaceCannedMessages(client(), input),
      'integrations.listTokens': () => integrations.listTokens(client()),
      'integrations.createToken': (input) => integrations.createToken(client(), input),
      'integrations.revokeToken': (input) => integrations.revokeToken(client(), input),
      'integrations.listWebhooks': () => integrations.listWebhooks(client()),
      'integrations.createWebhook': (input) => integrations.createWebhook(client(), input),
      'integrations.updateWebhook': (input) => integrations.updateWebhook(client(), input),
      'integrations.deleteWebhook': (input) => integrations.deleteWebhook(client(), input),
      'integrations.testWebhook': (input) => integrations.testWebhook(client(), input),
      'integrations.rotateWebhookSecret': (input) => integrations.rotateWebhookSecret(client(), input),
      'integrations.deliveries': (input) => integrations.deliveries(client(), input),
      'integrations.redeliver': (input) => integrations.redeliver(client(), input),
      'reports.summary': (query) => getReportSummary(client(), query),
      'reports.exportCsv': (query) =>
        exportReportCsv(client(), this.options.platform.files, this.settings.translator(), query),
      'outbox.discard': async ({ outboxId }) => {
        const change = await client().cache.discardOutbox(outboxId);
        if (change) client().changed(change);
        return null;
      },
      'settings.get': () => this.settings.view(),
      'settings.update': (patch) => this.settings.update(patch),
    };
  }
}
