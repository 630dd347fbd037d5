/**
 * The organisation's SMS gateway as admins manage it (GET/PUT/DELETE /organisation/sms-gateway, and a test
 * message), and the queueing of a message to a request's phone number (the invitation, a chat message).
 * Secrets are sealed at rest and never answered: the answer says whether one is set. Changes are audited.
 */
import { canAdminister } from '@shared/domain/permissions';
import { domainError } from '@shared/domain/errors';
import { maskPhone } from '@shared/domain/sms';
import type { SmsGateway, SmsGatewaySettingsAnswer, SmsTestResult } from '@shared/protocol/sms';
import type { SmsGatewayInput } from '@shared/schemas/sms-input';
import { fieldIssue, type FieldIssue } from '@shared/schemas/validation';
import { agentAccess } from '../services/access';
import { changedFields } from '../services/audit';
import { iso } from '../services/clock';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import type { NewEvent } from '../services/request-writer';
import type { AgentRow, RequestRow } from '../store/rows';
import type { SmsGatewayRow, SmsGatewaySecrets, SmsGatewaySettings, SmsKind } from '../store/sms-rows';
import { AddressRefusedError, checkedAddress } from '../webhooks/address-guard';
import { TIMEOUT_MS } from '../webhooks/post-webhook';
import { gatewayRequest, TWILIO_BASE_URL } from './gateway-request';
import { sendSms } from './send-sms';
import { testSms } from './sms-text';

const AUDIT_TARGET = { kind: 'sms_gateway', id: 'sms_gateway', name: null } as const;

export function toSmsGateway(row: SmsGatewayRow): SmsGateway {
  const { settings } = row;
  const updatedAt = iso(row.updatedAt);
  if (settings.kind === 'twilio') {
    return {
      kind: 'twilio',
      accountSid: settings.accountSid,
      from: settings.from,
      messagingServiceSid: settings.messagingServiceSid,
      baseUrl: settings.baseUrl,
      authTokenSet: Boolean(row.secrets?.authToken),
      updatedAt,
    };
  }
  return {
    kind: 'http',
    url: settings.url,
    contentType: settings.contentType,
    bodyTemplate: settings.bodyTemplate,
    headers: settings.headerNames.map((name) => ({
      name,
      valueSet: row.secrets?.headers?.[name] !== undefined,
    })),
    updatedAt,
  };
}

export interface SmsServiceOptions {
  /** --webhooks-allow-private: a gateway on a private or loopback address is allowed. */
  readonly allowPrivate: boolean;
  readonly timeoutMs?: number;
}

export class SmsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: SmsServiceOptions,
  ) {}

  async get(actor: AgentRow): Promise<SmsGatewaySettingsAnswer> {
    await this.requireAdmin(actor);
    const row = await this.ctx.store.sms.gateway();
    return { gateway: row ? toSmsGateway(row) : null };
  }

  /** Replaces the gateway; a secret left out keeps the one stored (for the same kind of gateway). */
  async set(actor: AgentRow, input: SmsGatewayInput): Promise<SmsGatewaySettingsAnswer> {
    await this.requireAdmin(actor);
    const settings = settingsOf(input);
    if (input.kind === 'http' || input.baseUrl !== undefined) {
      await this.checkAddress(settings.kind === 'http' ? settings.url : settings.baseUrl);
    }
    const { store, clock, audit } = this.ctx;
    const saved = await store.transaction(async () => {
      const current = await store.sms.gateway();
      const secrets = secretsOf(input, current);
      const row = { settings, secrets, updatedAt: clock.now() };
      await store.sms.saveGateway(row);
      const before = current ? flatSettings(current.settings) : {};
      const changes = changedFields(before, flatSettings(settings), Object.keys(flatSettings(settings)));
      await audit.record({
        type: current ? 'sms_gateway.updated' : 'sms_gateway.created',
        target: AUDIT_TARGET,
        // Never a secret: which ones were replaced, by name.
        data: { kind: settings.kind, ...changes, secretsReplaced: replacedSecrets(input) },
      });
      return row;
    });
    this.ctx.log.info({ by: actor.id, kind: settings.kind }, 'sms gateway saved');
    return { gateway: toSmsGateway(saved) };
  }

  async remove(actor: AgentRow): Promise<void> {
    await this.requireAdmin(actor);
    const { store, audit } = this.ctx;
    await store.transaction(async () => {
      if (await store.sms.deleteGateway())
        await audit.record({ type: 'sms_gateway.deleted', target: AUDIT_TARGET });
    });
  }

  /** Sends one message to `to` at once (not through the outbox: the admin waits for the gateway's answer). */
  async test(actor: AgentRow, to: string): Promise<SmsTestResult> {
    await this.requireAdmin(actor);
    const row = await this.ctx.store.sms.gateway();
    if (!row) throw ServiceError.conflict(domainError('sms_not_configured'));
    const org = await this.ctx.org();
    const request = row.secrets && gatewayRequest(row.settings, row.secrets, to, testSms('en', org.orgName));
    const result = request
      ? await sendSms(request, this.options.allowPrivate, this.options.timeoutMs ?? TIMEOUT_MS)
      : { statusCode: null, error: 'The gateway’s secrets cannot be read: enter them again.' };
    const sent = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    await this.ctx.audit.record({
      type: 'sms_gateway.test_sent',
      target: AUDIT_TARGET,
      data: { to: maskPhone(to), sent, statusCode: result.statusCode },
    });
    return {
      sent,
      statusCode: result.statusCode,
      error: sent ? null : (result.error ?? `The gateway answered ${result.statusCode}.`),
    };
  }

  private async requireAdmin(actor: AgentRow): Promise<void> {
    const decision = canAdminister(await agentAccess(this.ctx.store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
  }

  /** Refuses (400 `sms_address_refused`) an address that does not resolve or resolves inside the network. */
  private async checkAddress(url: string): Promise<void> {
    try {
      await checkedAddress(new URL(url), this.options.allowPrivate);
    } catch (error) {
      if (!(error instanceof AddressRefusedError)) throw error;
      throw ServiceError.coded(400, 'sms_address_refused', {
        host: error.host,
        address: error.address ?? 'none',
      });
    }
  }
}

/**
 * Queues a text message to the request's phone number, in the caller's transaction, and answers the
 * `sms_queued` event to record with the change. Refuses (409) when there is no number or no gateway.
 */
export async function queueSms(
  ctx: ServiceContext,
  row: RequestRow,
  kind: SmsKind,
  text: string,
  actor: NewEvent['actor'],
): Promise<NewEvent> {
  const { store } = ctx;
  if (!row.recipientPhone) throw ServiceError.conflict(domainError('no_recipient_phone'));
  if (!(await store.sms.gateway())) throw ServiceError.conflict(domainError('sms_not_configured'));
  await store.sms.enqueue({ requestId: row.id, kind, to: row.recipientPhone, text, now: ctx.clock.now() });
  store.onCommit(() => ctx.wakeSms?.());
  return { type: 'sms_queued', actor, data: { kind, to: maskPhone(row.recipientPhone) } };
}

function settingsOf(input: SmsGatewayInput): SmsGatewaySettings {
  if (input.kind === 'twilio') {
    return {
      kind: 'twilio',
      accountSid: input.accountSid,
      from: input.messagingServiceSid ? null : (input.from ?? null),
      messagingServiceSid: input.messagingServiceSid ?? null,
      baseUrl: input.baseUrl ?? TWILIO_BASE_URL,
    };
  }
  return {
    kind: 'http',
    url: input.url,
    contentType: input.contentType,
    bodyTemplate: input.bodyTemplate,
    headerNames: input.headers.map((h) => h.name),
  };
}

/** The secrets to store: those given, else the stored ones of the same kind; a missing one is refused. */
function secretsOf(input: SmsGatewayInput, current: SmsGatewayRow | undefined): SmsGatewaySecrets {
  const stored = current?.settings.kind === input.kind ? (current.secrets ?? {}) : {};
  const issues: FieldIssue[] = [];
  let secrets: SmsGatewaySecrets;
  if (input.kind === 'twilio') {
    const authToken = input.authToken ?? stored.authToken;
    if (!authToken) issues.push(fieldIssue('authToken', 'required'));
    secrets = { authToken };
  } else {
    const headers: Record<string, string> = {};
    input.headers.forEach((header, i) => {
      const value = header.value ?? stored.headers?.[header.name];
      if (value === undefined) issues.push(fieldIssue(`headers.${i}.value`, 'required'));
      else headers[header.name] = value;
    });
    secrets = { headers };
  }
  if (issues.length > 0) throw ServiceError.invalid(issues);
  return secrets;
}

function replacedSecrets(input: SmsGatewayInput): string[] {
  if (input.kind === 'twilio') return input.authToken ? ['authToken'] : [];
  return input.headers.filter((h) => h.value !== undefined).map((h) => h.name);
}

/** The settings as flat fields, for the audit's changes. */
function flatSettings(settings: SmsGatewaySettings): Record<string, unknown> {
  return settings.kind === 'http' ? { ...settings, headerNames: [...settings.headerNames] } : { ...settings };
}
