/**
 * The channel forms of the admin screens as plain data: name, default expiry (typed as an amount and a
 * unit, sent in minutes), participant limit; turned into `admin.createChannel` / `admin.updateChannel`
 * inputs with the shared schemas' messages by field. Also the members of a channel as the Members dialog
 * lists them. Pure, so it is tested in Node.
 */
import { LIMITS, TIME } from '@shared/domain/limits';
import type { CommandError, CommandInput } from '@shared/ipc/contract';
import type { Agent, Channel } from '@shared/protocol/api';
import { createChannelSchema, updateChannelSchema } from '@shared/schemas/channel-input';
import type { Translator } from '@shared/i18n/translator';
import { toFieldIssues } from '@shared/schemas/validation';
import { collectIssues, refusalErrors, type Built, type FormErrors } from './form-errors';
import { parseNumber } from './typed-number';

export const EXPIRY_UNITS = ['minutes', 'hours', 'days'] as const;
export type ExpiryUnit = (typeof EXPIRY_UNITS)[number];

const MINUTES_PER: Record<ExpiryUnit, number> = { minutes: 1, hours: 60, days: 1_440 };

export interface ChannelForm {
  readonly name: string;
  /** As typed: a number of `expiryUnit`s. */
  readonly expiryAmount: string;
  readonly expiryUnit: ExpiryUnit;
  /** As typed. */
  readonly participantLimit: string;
}

export type ChannelField = 'name' | 'defaultExpiry' | 'participantLimit';
export type ChannelErrors = FormErrors<ChannelField>;

export type CreateChannelInput = CommandInput<'admin.createChannel'>;
export type ChannelChanges = CommandInput<'admin.updateChannel'>['changes'];

/** Minutes as an amount in the largest unit that holds them whole: 1440 → 1 day, 90 → 90 minutes. */
export function expiryParts(minutes: number): { amount: number; unit: ExpiryUnit } {
  if (minutes > 0 && minutes % MINUTES_PER.days === 0) return { amount: minutes / 1_440, unit: 'days' };
  if (minutes > 0 && minutes % MINUTES_PER.hours === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

function formOf(name: string, minutes: number, participantLimit: number): ChannelForm {
  const { amount, unit } = expiryParts(minutes);
  return { name, expiryAmount: String(amount), expiryUnit: unit, participantLimit: String(participantLimit) };
}

export function emptyChannelForm(): ChannelForm {
  return formOf('', LIMITS.defaultExpiryMs / TIME.MINUTE_MS, LIMITS.defaultParticipantLimit);
}

export function channelFormOf(
  channel: Pick<Channel, 'name' | 'defaultExpiryMinutes' | 'participantLimit'>,
): ChannelForm {
  return formOf(channel.name, channel.defaultExpiryMinutes, channel.participantLimit);
}

/** The default expiry typed, in minutes (1.5 hours → 90); NaN when it is not a number. */
export function expiryMinutesOf(form: Pick<ChannelForm, 'expiryAmount' | 'expiryUnit'>): number {
  const minutes = parseNumber(form.expiryAmount) * MINUTES_PER[form.expiryUnit];
  // 0.1 hours is 6 minutes, not 6.000000000000001.
  const whole = Math.round(minutes);
  return Math.abs(minutes - whole) < 1e-9 ? whole : minutes;
}

export function channelFieldOf(path: string): ChannelField | null {
  const head = path.replace(/^changes\./, '').split('.')[0] ?? '';
  switch (head) {
    case 'name':
    case 'participantLimit':
      return head;
    case 'defaultExpiryMinutes':
      return 'defaultExpiry';
    default:
      return null;
  }
}

function values(form: ChannelForm) {
  return {
    name: form.name,
    defaultExpiryMinutes: expiryMinutesOf(form),
    participantLimit: parseNumber(form.participantLimit),
  };
}

export function buildCreateChannelInput(
  t: Translator,
  form: ChannelForm,
): Built<CreateChannelInput, ChannelField> {
  const parsed = createChannelSchema.safeParse(values(form));
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), channelFieldOf) };
}

/** What changed, as `admin.updateChannel`'s changes; `input: null` when nothing did. */
export function buildChannelChanges(
  t: Translator,
  channel: Pick<Channel, 'name' | 'defaultExpiryMinutes' | 'participantLimit'>,
  form: ChannelForm,
): Built<ChannelChanges | null, ChannelField> {
  const typed = values(form);
  const changes: { name?: string; defaultExpiryMinutes?: number; participantLimit?: number } = {};
  if (typed.name.trim() !== channel.name) changes.name = typed.name;
  if (typed.defaultExpiryMinutes !== channel.defaultExpiryMinutes) {
    changes.defaultExpiryMinutes = typed.defaultExpiryMinutes;
  }
  if (typed.participantLimit !== channel.participantLimit) changes.participantLimit = typed.participantLimit;
  if (Object.keys(changes).length === 0) return { ok: true, input: null };
  const parsed = updateChannelSchema.safeParse(changes);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), channelFieldOf) };
}

/** A refusal: its messages by field, else the refusal in the reader's words above the buttons. */
export function channelRefusal(t: Translator, error: CommandError): ChannelErrors {
  return refusalErrors(t, error, channelFieldOf);
}

/**
 * A default expiry for people: "1 day", "25 hours", "5 minutes" in words (the largest unit that holds it
 * whole); otherwise mixed units, short, one message per combination so each language orders and spaces
 * them its way: "1 h 30 min", "2 d 5 min", "1 d 1 h 30 min".
 */
export function formatExpiry(t: Translator, minutes: number): string {
  const { amount, unit } = expiryParts(minutes);
  if (unit === 'days') return t.t('admin.duration.days', { n: amount });
  if (unit === 'hours') return t.t('admin.duration.hours', { n: amount });
  if (minutes < MINUTES_PER.hours) return t.t('admin.duration.minutes', { n: minutes });
  const days = Math.floor(minutes / MINUTES_PER.days);
  const hours = Math.floor((minutes % MINUTES_PER.days) / MINUTES_PER.hours);
  const rest = minutes % MINUTES_PER.hours;
  if (days === 0) return t.t('admin.duration.hoursMinutes', { hours, minutes: rest });
  if (hours === 0) return t.t('admin.duration.daysMinutes', { days, minutes: rest });
  return t.t('admin.duration.daysHoursMinutes', { days, hours, minutes: rest });
}

/** The channels an admin edits: the shared ones, by name (Private channels have fixed settings). */
export function sharedChannels(channels: readonly Channel[]): Channel[] {
  return channels.filter((c) => c.kind === 'shared').sort((a, b) => a.name.localeCompare(b.name));
}

export interface MemberRow {
  readonly agentId: string;
  readonly name: string;
  readonly email: string;
  readonly disabled: boolean;
  readonly canRelease: boolean;
}

/** The channel's members with their names, by name; one the directory does not know is named so. */
export function memberRows(
  t: Translator,
  channel: Pick<Channel, 'members'>,
  agents: readonly Agent[],
): MemberRow[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  return channel.members
    .map((m) => {
      const agent = byId.get(m.agentId);
      return {
        agentId: m.agentId,
        name: agent?.name ?? t.t('admin.members.unknownAgent'),
        email: agent?.email ?? '',
        disabled: agent?.disabled ?? false,
        canRelease: m.canRelease,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

/** Agents who are not members yet, for the Add a member menu: enabled ones first, by name. */
export function addableAgents(channel: Pick<Channel, 'members'>, agents: readonly Agent[]): Agent[] {
  const members = new Set(channel.members.map((m) => m.agentId));
  return agents
    .filter((a) => !members.has(a.id))
    .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name));
}
