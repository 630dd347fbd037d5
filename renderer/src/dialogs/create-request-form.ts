/**
 * The Create request dialog's form, as plain data: what the agent typed, turned into the input of
 * `requests.create`, with the shared schema's and time rules' problems by field, in the translator's
 * language (by their codes). Pure (the translator and the time are arguments), so it is tested in Node.
 */
import { DEFAULT_EMAIL_LANGUAGE, type EmailLanguage } from '@shared/domain/languages';
import { LIMITS, TIME } from '@shared/domain/limits';
import { fieldText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { CommandInput } from '@shared/ipc/contract';
import type { Channel, Me } from '@shared/protocol/api';
import { checkRequestTimes, createRequestSchema, resolveExpiry } from '@shared/schemas/request-input';
import { toFieldIssues } from '@shared/schemas/validation';
import { fromLocalInputValue } from '../domain/format';
import { isBlankTicket } from '../domain/ticket';

export const EXPIRY_PRESETS = {
  h1: TIME.HOUR_MS,
  h4: 4 * TIME.HOUR_MS,
  h8: 8 * TIME.HOUR_MS,
  d1: TIME.DAY_MS,
  d3: 3 * TIME.DAY_MS,
  d7: 7 * TIME.DAY_MS,
  d30: LIMITS.expiryMaxAheadMs,
} as const;
export type ExpiryChoice = 'default' | keyof typeof EXPIRY_PRESETS | 'custom';

/** Assign to: Myself, an agent (`agent:<id>`), a queue (`queue:<channelId>`), or Unassigned. */
export type AssignChoice = 'myself' | 'unassigned' | `agent:${string}` | `queue:${string}`;

export interface CreateForm {
  readonly recipientName: string;
  readonly recipientEmail: string;
  /** The end user's mobile number for text messages (optional), as typed. */
  readonly recipientPhone: string;
  readonly sendInvitation: boolean;
  readonly emailLanguage: EmailLanguage;
  readonly comments: string;
  readonly schedule: boolean;
  /** datetime-local value */
  readonly scheduledAt: string;
  readonly expiresIn: ExpiryChoice;
  /** datetime-local value, for `custom` */
  readonly expiresAt: string;
  readonly assignTo: AssignChoice;
  /** The channel for Myself, an agent or Unassigned; a queue choice names its own. */
  readonly channelId: string;
  /** The ticket the request is made for (optional): its system, its id there, its address. */
  readonly ticketSystem: string;
  readonly ticketId: string;
  readonly ticketUrl: string;
}

export type FormField =
  | 'recipientName'
  | 'recipientEmail'
  | 'recipientPhone'
  | 'emailLanguage'
  | 'comments'
  | 'scheduledAt'
  | 'expiresAt'
  | 'assignTo'
  | 'channelId'
  | 'ticketSystem'
  | 'ticketId'
  | 'ticketUrl';

export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * A new request's form. Its invitation language starts as the agent's own (an agent working in Spanish
 * mostly helps Spanish speakers); the agent can pick another.
 */
export function emptyForm(channelId: string, language: EmailLanguage = DEFAULT_EMAIL_LANGUAGE): CreateForm {
  return {
    recipientName: '',
    recipientEmail: '',
    recipientPhone: '',
    sendInvitation: false,
    emailLanguage: language,
    comments: '',
    schedule: false,
    scheduledAt: '',
    expiresIn: 'default',
    expiresAt: '',
    assignTo: 'myself',
    channelId,
    ticketSystem: '',
    ticketId: '',
    ticketUrl: '',
  };
}

/** The channel the request goes to. */
export function targetChannelId(form: CreateForm): string {
  return form.assignTo.startsWith('queue:') ? form.assignTo.slice('queue:'.length) : form.channelId;
}

/** Maps a schema path ("assignTo.agentId", "channelId") to the field that shows its message. */
export function fieldOf(path: string): FormField | null {
  const head = path.split('.')[0] ?? '';
  switch (head) {
    case 'recipientName':
    case 'recipientEmail':
    case 'recipientPhone':
    case 'emailLanguage':
    case 'comments':
    case 'scheduledAt':
    case 'expiresAt':
    case 'assignTo':
      return head;
    case 'channelId':
      return 'channelId';
    case 'sendInvitation':
      return 'recipientEmail';
    case 'ticketSystem':
    case 'ticketId':
    case 'ticketUrl':
      return head;
    case 'externalRef': {
      const part = path.split('.')[1];
      if (part === 'system') return 'ticketSystem';
      if (part === 'url') return 'ticketUrl';
      return 'ticketId';
    }
    default:
      return null;
  }
}

export type BuiltInput =
  | { readonly ok: true; readonly input: CommandInput<'requests.create'> }
  | { readonly ok: false; readonly errors: FieldErrors };

/** The form as `requests.create`'s input, or the messages to show beside the fields. */
export function buildCreateInput(
  t: Translator,
  form: CreateForm,
  context: { readonly now: number; readonly me: Me; readonly channels: readonly Channel[] },
): BuiltInput {
  const errors: FieldErrors = {};
  const { now } = context;

  let scheduledAt: number | null = null;
  if (form.schedule) {
    scheduledAt = fromLocalInputValue(form.scheduledAt);
    if (scheduledAt === null) errors.scheduledAt = t.t('create.scheduleMissing');
  }
  let expiresAt: number | undefined;
  if (form.expiresIn === 'custom') {
    const parsed = fromLocalInputValue(form.expiresAt);
    if (parsed === null) errors.expiresAt = t.t('create.expiryMissing');
    else expiresAt = parsed;
  } else if (form.expiresIn !== 'default') {
    expiresAt = now + EXPIRY_PRESETS[form.expiresIn];
  }

  const channelId = targetChannelId(form);
  const assignTo =
    form.assignTo === 'myself'
      ? ({ type: 'myself' } as const)
      : form.assignTo.startsWith('agent:')
        ? ({ type: 'agent', agentId: form.assignTo.slice('agent:'.length) } as const)
        : ({ type: 'unassigned' } as const);
  const ticket = { system: form.ticketSystem, id: form.ticketId, url: form.ticketUrl };
  const input: CommandInput<'requests.create'> = {
    recipientName: form.recipientName,
    recipientEmail: form.recipientEmail.trim() === '' ? null : form.recipientEmail,
    // Normalised to E.164 by the schema below, which also says what is wrong with it.
    recipientPhone: form.recipientPhone.trim() === '' ? null : form.recipientPhone,
    sendInvitation: form.sendInvitation,
    emailLanguage: form.emailLanguage,
    comments: form.comments,
    scheduledAt: scheduledAt === null ? null : new Date(scheduledAt).toISOString(),
    ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
    // The Private channel is the service's default: sent all the same, so the row is where it was asked.
    channelId,
    assignTo,
    ...(isBlankTicket(ticket)
      ? {}
      : { externalRef: { ...ticket, url: ticket.url.trim() === '' ? null : ticket.url } }),
  };

  const parsed = createRequestSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of toFieldIssues(parsed.error)) {
      const field = fieldOf(issue.field);
      if (field && errors[field] === undefined) errors[field] = fieldText(t, issue);
    }
  }
  const channel = context.channels.find((c) => c.id === channelId);
  const resolvedExpiry = resolveExpiry(
    expiresAt === undefined ? undefined : new Date(expiresAt).toISOString(),
    channel ? channel.defaultExpiryMinutes * 60_000 : null,
    now,
  );
  for (const issue of checkRequestTimes({ scheduledAt, expiresAt: resolvedExpiry }, now)) {
    const field = fieldOf(issue.field);
    if (field && errors[field] === undefined) errors[field] = fieldText(t, issue);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/** The default expiry of a channel, as the Expires in menu names it ("1 day"). */
export function defaultExpiryLabel(t: Translator, channel: Channel | undefined): string {
  const minutes = channel?.defaultExpiryMinutes ?? LIMITS.defaultExpiryMs / 60_000;
  if (minutes % 1_440 === 0) return t.t('create.durations.days', { n: minutes / 1_440 });
  if (minutes % 60 === 0) return t.t('create.durations.hours', { n: minutes / 60 });
  return t.t('create.durations.minutes', { n: minutes });
}
