/**
 * The one contract between the renderer and the main process. Commands are request → response; events
 * are pushes from main. Every command's input has a schema that the main side applies before anything
 * else (the renderer is not trusted); outputs are typed views. Both shells (Electron's IPC and the
 * browser shell's local WebSocket) carry exactly this.
 */
import { z } from 'zod';
import type { SessionRequest } from '../domain/session-request';
import { REQUEST_STATUSES } from '../domain/status';
import { emailSchema, idSchema, sessionCodeSchema } from '../schemas/common';
import type { Agent, Channel, Organisation, RecoveryCodes, TwoFactorEnrolment } from '../protocol/api';
import { createAgentSchema, updateAgentSchema } from '../schemas/account-input';
import { createChannelSchema, updateChannelSchema } from '../schemas/channel-input';
import { updateOrganisationSchema } from '../schemas/organisation-input';
import { twoFactorCodeSchema } from '../schemas/two-factor-input';
import type { CodedError } from '../i18n/errors';
import { codedPattern, type FieldIssue } from '../schemas/validation';
import { createRequestSchema, noteSchema, transferSchema, inviteSchema } from '../schemas/request-input';
import {
  createIntegrationTokenSchema,
  externalRefInputSchema,
  createWebhookSchema,
  reportQuerySchema,
  deliveryQuerySchema,
  rotateWebhookSecretSchema,
  updateWebhookSchema,
} from '../schemas/integration-input';
import type {
  CreatedIntegrationToken,
  IntegrationToken,
  ReportSummary,
  WebhookDelivery,
  webhookDeliveryPageSchema,
  WebhookEndpoint,
  webhookEndpointWithSecretSchema,
} from '../protocol/integrations';
import type { SsoMappings, SsoPolicy, SsoStatus } from '../protocol/sso';
import { ssoMappingsInputSchema, updateSsoPolicySchema } from '../schemas/sso-input';
import type { CannedMessageList } from '../protocol/conversation';
import type { SmsGatewaySettingsAnswer, SmsTestResult } from '../protocol/sms';
import { smsGatewayInputSchema, testSmsSchema } from '../schemas/sms-input';
import {
  closeRequestSchema,
  replaceCannedMessagesSchema,
  sendMessageSchema,
} from '../schemas/conversation-input';
import { HANDOFF_REFUSAL_CODES } from './handoff';
import { settingsPatchSchema, type SettingsView, type TableColumn } from './settings';
import type {
  AccountView,
  SecondFactorSignIn,
  SecondFactorStep,
  ConnectionView,
  DirectoryView,
  HandoffView,
  NotificationView,
  RequestCounts,
  RequestDetails,
  RequestPage,
  SyncView,
} from './views';

/** Ids of requests in the cache: the service's UUIDs, or `local:<key>` for one created offline. */
export const rowIdSchema = z.union([
  idSchema,
  z.string().regex(codedPattern(/^local:[A-Za-z0-9_-]{8,64}$/, 'invalid_id')),
]);

/** The table's columns it can be sorted by (the cache has an index for each). */
export const SORT_COLUMNS = [
  'recipientName',
  'recipientEmail',
  'status',
  'assignee',
  'channel',
  'createdAt',
  'scheduledAt',
  'expiresAt',
] as const satisfies readonly TableColumn[];
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** What the sidebar picked: Home (assigned to me), All, a channel, Past, Upcoming. */
export const requestViewSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('home') }),
  z.strictObject({ type: z.literal('channel'), channelId: idSchema }),
  z.strictObject({ type: z.literal('past') }),
  z.strictObject({ type: z.literal('upcoming') }),
]);
export type RequestView = z.output<typeof requestViewSchema>;

export const requestQuerySchema = z.strictObject({
  view: requestViewSchema,
  statuses: z.array(z.enum(REQUEST_STATUSES)).max(REQUEST_STATUSES.length).default([]),
  /** Matches name, e-mail, comments and PIN (words as prefixes). */
  search: z.string().max(200).default(''),
  sort: z
    .strictObject({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
    .default({ column: 'createdAt', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type RequestQuery = z.output<typeof requestQuerySchema>;
export type RequestQueryInput = z.input<typeof requestQuerySchema>;

const signInSchema = z.strictObject({
  /** Ignored when a policy sets the service's address. */
  serverUrl: z.string().trim().max(2_000).optional(),
  email: emailSchema,
  password: z.string().min(1).max(1_000),
});

/** Single sign-on at a service: the policy's address when one is set, else this one, else the last. */
const ssoServerSchema = z.strictObject({ serverUrl: z.string().trim().max(2_000).optional() });

const byId = z.strictObject({ requestId: rowIdSchema });
const serverId = z.strictObject({ requestId: idSchema });

/** Actions that go straight to the service (refused offline with a reason). */
export const requestActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assign'), agentId: idSchema }),
  z.strictObject({ type: z.literal('transfer'), ...transferSchema.shape }),
  z.strictObject({ type: z.literal('release'), note: z.string().max(4_000).optional() }),
  z.strictObject({ type: z.literal('pickup') }),
  z.strictObject({ type: z.literal('invite'), ...inviteSchema.shape }),
  z.strictObject({ type: z.literal('leave') }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('rerequest') }),
  z.strictObject({ type: z.literal('close'), ...closeRequestSchema.shape }),
  z.strictObject({ type: z.literal('resend') }),
  /** The invitation by text message (issue 19): POST /requests/{id}/sms-invitation. */
  z.strictObject({ type: z.literal('sms_invitation') }),
  z.strictObject({ type: z.literal('delete') }),
]);
export type RequestActionInput = z.output<typeof requestActionSchema>;

/** Every command: its input schema, and (as a type) its output. */
export const COMMANDS = {
  'account.get': z.strictObject({}),
  'account.signIn': signInSchema,
  /** Refused (`outbox_pending`) while offline work has not reached the service, unless discarded. */
  'account.signOut': z.strictObject({ discardPending: z.boolean().default(false) }),
  /** The second step of the sign-in `account.signIn` left open: a code, or a recovery code. */
  'account.secondFactor': twoFactorCodeSchema,
  /** Account menu → Two-factor sign-in: a new secret to set up, on once `confirm` gets a code of it. */
  'account.startTwoFactor': z.strictObject({}),
  /** Answers the recovery codes: the only time they are seen. */
  'account.confirmTwoFactor': twoFactorCodeSchema,
  'account.disableTwoFactor': twoFactorCodeSchema,
  /** New recovery codes (the ones before stop working), seen this once. */
  'account.replaceRecoveryCodes': twoFactorCodeSchema,
  /** Whether the service offers single sign-on, and its button's label. */
  'account.ssoStatus': ssoServerSchema,
  /**
   * Single sign-on (RFC 8252): Electron opens the provider in the system browser and answers once the
   * agent is signed in; the browser shell answers at once with the address its page goes to.
   */
  'account.signInWithSso': ssoServerSchema,
  /** Ends the single sign-on that waits (the agent closed the prompt). */
  'account.cancelSso': z.strictObject({}),
  /** Why the last single sign-on the browser shell's page went to failed (once), or null. */
  'account.takeSsoRefusal': z.strictObject({}),
  'connection.get': z.strictObject({}),
  'connection.retryNow': z.strictObject({}),
  'sync.get': z.strictObject({}),
  'directory.get': z.strictObject({}),
  'requests.query': requestQuerySchema,
  'requests.counts': z.strictObject({}),
  'requests.get': byId,
  /** Works offline: queued in the outbox, shown at once as pending. */
  'requests.create': createRequestSchema,
  /** Works offline: queued in the outbox, shown at once as pending. */
  'requests.addNote': z.strictObject({ requestId: idSchema, ...noteSchema.shape }),
  /**
   * A chat message to the end user (issue 19). Works offline: queued in the outbox like a note, sent once.
   */
  'requests.sendMessage': z.strictObject({ requestId: idSchema, ...sendMessageSchema.shape }),
  /** The agent has seen the request's messages: its unread count goes to zero. */
  'requests.markRead': serverId,
  /**
   * The request whose details are on screen (null: none), so that its new chat messages do not notify
   * (they are seen). The renderer says it when the details open, close or change request.
   */
  'requests.setOnScreen': z.strictObject({ requestId: rowIdSchema.nullable() }),
  'requests.act': z.strictObject({ requestId: idSchema, action: requestActionSchema }),
  /**
   * Launches the remote-control client for a Ready request, then records Connected. One running
   * hand-off per request: a second Connect opens a link hand-off again, or is refused (`handoff.ts`).
   */
  'requests.connect': serverId,
  /**
   * End session: tells the service this agent's remote session has ended (Connected → Ready when it was
   * the last), for hand-offs whose end Sessiondesk cannot see. A session already over is not an error.
   */
  'requests.disconnect': serverId,
  'requests.join': z.strictObject({ sessionCode: sessionCodeSchema }),
  /** Opens the agent's e-mail program with the session's join URL and code, to send to a technician. */
  'requests.emailJoinUrl': serverId,
  /** Sets, changes or clears (null) the ticket the request belongs to: PATCH /requests/{id}, online only. */
  'requests.setTicket': z.strictObject({
    requestId: idSchema,
    externalRef: externalRefInputSchema.nullable(),
  }),
  /** Opens the request's ticket (its http or https address) in the system's browser. */
  'requests.openTicket': serverId,
  // Admin screens: the service checks the admin role; offline they are refused with the reason.
  'admin.createAgent': createAgentSchema,
  'admin.updateAgent': z.strictObject({ agentId: idSchema, changes: updateAgentSchema }),
  'admin.createChannel': createChannelSchema,
  'admin.updateChannel': z.strictObject({ channelId: idSchema, changes: updateChannelSchema }),
  /** Adds the agent to the channel, or changes their release permission. */
  'admin.setMember': z.strictObject({
    channelId: idSchema,
    agentId: idSchema,
    canRelease: z.boolean(),
  }),
  'admin.removeMember': z.strictObject({ channelId: idSchema, agentId: idSchema }),
  /** Turns an agent's two-factor sign-in off; they set it up again at sign-in if it is required. */
  'admin.resetTwoFactor': z.strictObject({ agentId: idSchema }),
  /** The organisation's name and remote-control app instructions, as the end user's page shows them. */
  'organisation.get': z.strictObject({}),
  'organisation.update': updateOrganisationSchema,
  /** Administration → Single sign-on: straight to the service (admins). */
  'organisation.ssoPolicy': z.strictObject({}),
  'organisation.updateSsoPolicy': updateSsoPolicySchema,
  'organisation.ssoMappings': z.strictObject({}),
  'organisation.replaceSsoMappings': ssoMappingsInputSchema,
  /** Administration → SMS: the gateway (admins), its secrets never answered; a test message through it. */
  'organisation.smsGateway': z.strictObject({}),
  'organisation.setSmsGateway': smsGatewayInputSchema,
  'organisation.deleteSmsGateway': z.strictObject({}),
  'organisation.testSmsGateway': testSmsSchema,
  /** The canned messages agents pick in the chat box (every agent reads them; admins replace them). */
  'cannedMessages.list': z.strictObject({}),
  'admin.replaceCannedMessages': replaceCannedMessagesSchema,
  // Administration → Integrations: straight to the service (admins; refused offline with the reason).
  'integrations.listTokens': z.strictObject({}),
  /** The answer carries the token's secret: the only time it is seen. */
  'integrations.createToken': createIntegrationTokenSchema,
  'integrations.revokeToken': z.strictObject({ tokenId: idSchema }),
  'integrations.listWebhooks': z.strictObject({}),
  /** The answer carries the endpoint's signing secret: the only time it is seen (until a rotation). */
  'integrations.createWebhook': createWebhookSchema,
  'integrations.updateWebhook': z.strictObject({ webhookId: idSchema, changes: updateWebhookSchema }),
  'integrations.deleteWebhook': z.strictObject({ webhookId: idSchema }),
  /** Sends a `ping` to the endpoint; its delivery shows in the log. */
  'integrations.testWebhook': z.strictObject({ webhookId: idSchema }),
  'integrations.rotateWebhookSecret': z.strictObject({
    webhookId: idSchema,
    ...rotateWebhookSecretSchema.shape,
  }),
  /** A page of the endpoint's delivery log, newest first. */
  'integrations.deliveries': z.strictObject({ webhookId: idSchema, ...deliveryQuerySchema.shape }),
  'integrations.redeliver': z.strictObject({
    webhookId: idSchema,
    deliveryId: z.string().regex(codedPattern(/^[A-Za-z0-9_-]{1,100}$/, 'invalid_id')),
  }),
  /**
   * Reports: the figures of the requests created in [from, to), read from the service each time (an
   * admin's of every shared channel, an agent's of their own work); refused offline with the reason.
   */
  'reports.summary': reportQuerySchema,
  /** The same requests as CSV, streamed to a file the agent chooses (see CoreHost.chooseSaveFile). */
  'reports.exportCsv': reportQuerySchema,
  /** Forgets a rejected offline operation (its row or note disappears). */
  'outbox.discard': z.strictObject({ outboxId: z.number().int().positive() }),
  'settings.get': z.strictObject({}),
  'settings.update': settingsPatchSchema,
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]>;
export type CommandPayload<N extends CommandName> = z.output<(typeof COMMANDS)[N]>;

export interface CommandOutputs {
  'account.get': AccountView | null;
  'account.signIn': AccountView | SecondFactorStep;
  'account.signOut': null;
  'account.secondFactor': SecondFactorSignIn;
  'account.startTwoFactor': TwoFactorEnrolment;
  'account.confirmTwoFactor': RecoveryCodes;
  'account.disableTwoFactor': null;
  'account.replaceRecoveryCodes': RecoveryCodes;
  /** `preferred`: the policy PreferSingleSignOn: the password form waits behind a link. */
  'account.ssoStatus': SsoStatus & { readonly preferred: boolean };
  'account.signInWithSso':
    | { readonly status: 'signedIn'; readonly account: AccountView }
    | { readonly status: 'continueInPage'; readonly authorizationUrl: string };
  /** Whether an attempt was waiting. */
  'account.cancelSso': boolean;
  'account.takeSsoRefusal': CommandError | null;
  'connection.get': ConnectionView;
  'connection.retryNow': null;
  'sync.get': SyncView;
  'directory.get': DirectoryView;
  'requests.query': RequestPage;
  'requests.counts': RequestCounts;
  'requests.get': RequestDetails | null;
  /** The local id of the new row (`local:…`), which becomes the service's id once it is sent. */
  'requests.create': { readonly rowId: string; readonly queued: boolean };
  'requests.addNote': { readonly outboxId: number };
  'requests.sendMessage': { readonly outboxId: number };
  'requests.markRead': null;
  'requests.setOnScreen': null;
  'requests.act': SessionRequest | null;
  /** `again`: the running link hand-off was opened again; nothing new was launched or recorded. */
  'requests.connect': {
    readonly client: string;
    readonly launched: 'process' | 'uri';
    readonly again: boolean;
  };
  /** The hand-off that was running for it, which Sessiondesk no longer watches (it does not close it). */
  'requests.disconnect': HandoffView | null;
  'requests.join': SessionRequest;
  'requests.emailJoinUrl': null;
  'requests.setTicket': SessionRequest;
  'requests.openTicket': null;
  'admin.createAgent': Agent;
  'admin.updateAgent': Agent;
  'admin.createChannel': Channel;
  'admin.updateChannel': Channel;
  'admin.setMember': Channel;
  'admin.removeMember': Channel;
  'admin.resetTwoFactor': null;
  'organisation.get': Organisation;
  'organisation.update': Organisation;
  'organisation.ssoPolicy': SsoPolicy;
  'organisation.updateSsoPolicy': SsoPolicy;
  'organisation.ssoMappings': SsoMappings;
  'organisation.replaceSsoMappings': SsoMappings;
  'organisation.smsGateway': SmsGatewaySettingsAnswer;
  'organisation.setSmsGateway': SmsGatewaySettingsAnswer;
  'organisation.deleteSmsGateway': null;
  'organisation.testSmsGateway': SmsTestResult;
  'cannedMessages.list': CannedMessageList;
  'admin.replaceCannedMessages': CannedMessageList;
  'integrations.listTokens': readonly IntegrationToken[];
  'integrations.createToken': CreatedIntegrationToken;
  'integrations.revokeToken': null;
  'integrations.listWebhooks': readonly WebhookEndpoint[];
  'integrations.createWebhook': z.infer<typeof webhookEndpointWithSecretSchema>;
  'integrations.updateWebhook': WebhookEndpoint;
  'integrations.deleteWebhook': null;
  'integrations.testWebhook': WebhookDelivery;
  'integrations.rotateWebhookSecret': z.infer<typeof webhookEndpointWithSecretSchema>;
  'integrations.deliveries': z.infer<typeof webhookDeliveryPageSchema>;
  /** The delivery, queued to be sent again (its id stays: receivers deduplicate by it). */
  'integrations.redeliver': WebhookDelivery;
  'reports.summary': ReportSummary;
  /** Where the CSV was saved and its size; null when the agent cancelled the save dialog. */
  'reports.exportCsv': { readonly path: string; readonly bytes: number } | null;
  'outbox.discard': null;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
}
export type CommandOutput<N extends CommandName> = CommandOutputs[N];

/** Pushes from main. `requests` says which rows changed so the renderer re-reads only what it shows. */
export interface EventPayloads {
  account: AccountView | null;
  connection: ConnectionView;
  sync: SyncView;
  requests: { readonly ids: readonly string[]; readonly all: boolean };
  directory: DirectoryView;
  notification: NotificationView;
  settings: SettingsView;
  /** A deep link or notification click asked to show a request or join a session. */
  navigate: { readonly requestId: string } | { readonly sessionCode: string };
}
export type EventName = keyof EventPayloads;

export const IPC_ERROR_CODES = [
  'invalid_input',
  'unknown_command',
  'not_signed_in',
  'offline',
  'not_found',
  'launch_failed',
  'client_not_found',
  'outbox_pending',
  'ticket_link_failed',
  'export_failed',
  'sso_cancelled',
  'sso_timeout',
  'sso_state_mismatch',
  ...HANDOFF_REFUSAL_CODES,
  'internal',
] as const;

/**
 * A command's refusal: a stable code and the values its sentence needs, which the renderer words from
 * its catalogue (`errorText`: `error.<code>`), the fields at fault for `invalid_input` (`fieldText`:
 * `field.<code>`), and the English `message` for logs and for a code this renderer does not know.
 */
export interface CommandError extends CodedError {
  readonly fields?: readonly FieldIssue[];
}

/** Every command answers this: the output, or an error with a stable code and its parameters. */
export type CommandResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

/**
 * The API the preload (Electron) or the browser shell's bridge script exposes as `window.sessiondesk`.
 */
export interface SessiondeskBridge {
  /** Which host: Electron's preload, the browser shell's bridge, or the web console's (the core in a Worker). */
  readonly runtime: 'electron' | 'browser-shell' | 'web-console';
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Channel names on Electron's IPC. */
export const IPC_CHANNELS = { invoke: 'sessiondesk:invoke', event: 'sessiondesk:event' } as const;

export type { SettingsView };
