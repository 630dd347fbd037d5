/**
 * The forms of Administration → Integrations as plain data: a new integration token (name, scopes, an
 * optional last day) and a webhook endpoint (address, events, description, whether payloads carry the
 * link and PIN), turned into the `integrations.*` commands' inputs with the shared schemas' messages by
 * field. Pure, so it is tested in Node.
 */
import type { CommandError, CommandInput } from '@shared/ipc/contract';
import {
  WEBHOOK_EVENT_TYPES,
  type IntegrationScope,
  type WebhookEventType,
} from '@shared/domain/integrations';
import { errorText, fieldText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { WebhookEndpoint } from '@shared/protocol/integrations';
import {
  createIntegrationTokenSchema,
  createWebhookSchema,
  updateWebhookSchema,
} from '@shared/schemas/integration-input';
import { fieldIssue, toFieldIssues } from '@shared/schemas/validation';
import { collectIssues, refusalErrors, type Built, type FormErrors } from './form-errors';

/** A scope as a message id part: ids are letters, digits, `_`, `.` and `-` (`requests:read` → `requests_read`). */
type Underscored<S extends string> = S extends `${infer Left}:${infer Right}` ? `${Left}_${Right}` : S;
export type ScopeKey = Underscored<IntegrationScope>;

export function scopeKey(scope: IntegrationScope): ScopeKey {
  return scope.replace(':', '_') as ScopeKey;
}

/** `list` with `item` in or out, in the order of `all` (the order the checkboxes show). */
export function toggled<T extends string>(all: readonly T[], list: readonly T[], item: T, on: boolean): T[] {
  return all.filter((each) => (each === item ? on : list.includes(each)));
}

// --- Integration tokens ------------------------------------------------------------------------------

export interface TokenForm {
  readonly name: string;
  readonly scopes: readonly IntegrationScope[];
  /** The last day the token works, as a date input gives it (`YYYY-MM-DD`), or '' for no expiry. */
  readonly lastDay: string;
}

export type TokenField = 'name' | 'scopes' | 'lastDay';

export type CreateTokenInput = CommandInput<'integrations.createToken'>;

export function emptyTokenForm(): TokenForm {
  return { name: '', scopes: [], lastDay: '' };
}

export function tokenFieldOf(path: string): TokenField | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'name' || head === 'scopes') return head;
  return head === 'expiresAt' ? 'lastDay' : null;
}

/**
 * The moment a token whose last day is `lastDay` stops: the end of that day where the admin is (the
 * next day's midnight, local time); null for a date that is not one.
 */
export function expiryOfLastDay(lastDay: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(lastDay);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day + 1);
  // new Date rolls 2026-02-30 over to March: such a day is not one.
  const last = new Date(year, month - 1, day);
  return last.getMonth() === month - 1 && last.getDate() === day ? end : null;
}

export function buildCreateTokenInput(
  t: Translator,
  form: TokenForm,
  now: Date,
): Built<CreateTokenInput, TokenField> {
  const errors: FormErrors<TokenField> = {};
  let expiresAt: string | null = null;
  if (form.lastDay !== '') {
    const end = expiryOfLastDay(form.lastDay);
    if (end === null) errors.lastDay = fieldText(t, fieldIssue('expiresAt', 'invalid_format'));
    else if (end.getTime() <= now.getTime()) {
      errors.lastDay = fieldText(t, fieldIssue('expiresAt', 'not_in_future'));
    } else expiresAt = end.toISOString();
  }
  const parsed = createIntegrationTokenSchema.safeParse({ name: form.name, scopes: form.scopes, expiresAt });
  if (!parsed.success) {
    return {
      ok: false,
      errors: { ...collectIssues(t, toFieldIssues(parsed.error), tokenFieldOf), ...errors },
    };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

export function tokenRefusal(t: Translator, error: CommandError): FormErrors<TokenField> {
  return refusalErrors(t, error, tokenFieldOf);
}

// --- Webhook endpoints -------------------------------------------------------------------------------

export interface WebhookForm {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description: string;
  readonly includeSecrets: boolean;
}

export type WebhookField = 'url' | 'events' | 'description' | 'includeSecrets';

export type CreateWebhookInput = CommandInput<'integrations.createWebhook'>;
export type WebhookChanges = CommandInput<'integrations.updateWebhook'>['changes'];

export function emptyWebhookForm(): WebhookForm {
  return { url: '', events: [...WEBHOOK_EVENT_TYPES], description: '', includeSecrets: false };
}

export function webhookFormOf(endpoint: WebhookEndpoint): WebhookForm {
  return {
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    includeSecrets: endpoint.includeSecrets,
  };
}

export function webhookFieldOf(path: string): WebhookField | null {
  const head = path.replace(/^changes\./, '').split('.')[0] ?? '';
  switch (head) {
    case 'url':
    case 'events':
    case 'description':
    case 'includeSecrets':
      return head;
    default:
      return null;
  }
}

export function buildCreateWebhookInput(
  t: Translator,
  form: WebhookForm,
): Built<CreateWebhookInput, WebhookField> {
  const parsed = createWebhookSchema.safeParse(form);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), webhookFieldOf) };
}

const sameEvents = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((each) => b.includes(each));

/** What changed, as `integrations.updateWebhook`'s changes; `input: null` when nothing did. */
export function buildWebhookChanges(
  t: Translator,
  endpoint: WebhookEndpoint,
  form: WebhookForm,
): Built<WebhookChanges | null, WebhookField> {
  const changes: {
    url?: string;
    events?: WebhookEventType[];
    description?: string;
    includeSecrets?: boolean;
  } = {};
  if (form.url.trim() !== endpoint.url) changes.url = form.url;
  if (!sameEvents(form.events, endpoint.events)) changes.events = [...form.events];
  if (form.description.trim() !== endpoint.description) changes.description = form.description;
  if (form.includeSecrets !== endpoint.includeSecrets) changes.includeSecrets = form.includeSecrets;
  if (Object.keys(changes).length === 0) return { ok: true, input: null };
  const parsed = updateWebhookSchema.safeParse(changes);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), webhookFieldOf) };
}

/** A refusal; the service's refusal of the address itself (SSRF guard, no such host) goes beside it. */
export function webhookRefusal(t: Translator, error: CommandError): FormErrors<WebhookField> {
  if (error.code === 'webhook_address_refused') return { url: errorText(t, error) };
  return refusalErrors(t, error, webhookFieldOf);
}

/** The choices of how long a rotated secret keeps signing beside the new one, in minutes. */
export const OVERLAP_CHOICES = [0, 60, 24 * 60, 7 * 24 * 60] as const;
export const DEFAULT_OVERLAP = 24 * 60;
