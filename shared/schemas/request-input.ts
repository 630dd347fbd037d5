/**
 * Inputs of the Create request dialog / POST /requests and of every action on a request. The shapes are
 * checked here; rules that need the current time are in `checkRequestTimes`, which takes it as an argument.
 */
import { z } from 'zod';
import { LIMITS, TIME } from '../domain/limits';
import {
  dateTimeSchema,
  emailLanguageSchema,
  emailSchema,
  idSchema,
  optionalText,
  remoteIdSchema,
  sessionCodeSchema,
  pinSchema,
} from './common';
import { externalRefInputSchema } from './integration-input';
import { optionalPhoneSchema } from './sms-input';
import { coded, fieldIssue, type FieldIssue } from './validation';

/**
 * Assign to: Myself, a specific agent (by id, or by e-mail address: what a ticketing system knows of its
 * agents), or Unassigned (In queue of the request's channel).
 */
export const assignToSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('myself') }),
  z.strictObject({ type: z.literal('agent'), agentId: idSchema }),
  z.strictObject({ type: z.literal('agentEmail'), email: emailSchema }),
  z.strictObject({ type: z.literal('unassigned') }),
]);
assignToSchema.register(z.globalRegistry, {
  id: 'AssignTo',
  description:
    'Myself, a specific agent (by id, or by e-mail address), or unassigned (in the queue of the request’s ' +
    'channel). An integration token names an agent or leaves it unassigned.',
});
export type AssignTo = z.output<typeof assignToSchema>;

export const createRequestSchema = z
  .strictObject({
    recipientName: z.string().trim().min(1).max(LIMITS.recipientNameMax),
    recipientEmail: z
      .union([emailSchema, z.literal('').transform(() => null), z.null()])
      .optional()
      .transform((value) => value ?? null),
    sendInvitation: z.boolean().default(false),
    /**
     * The end user's language: the invitation's and the join page's. Absent: nobody chose, so e-mails
     * are in English (DEFAULT_EMAIL_LANGUAGE) and the page follows the browser. The Create request dialog
     * always sends its choice.
     */
    emailLanguage: emailLanguageSchema.optional(),
    comments: optionalText(LIMITS.commentsMax),
    scheduledAt: dateTimeSchema
      .nullable()
      .optional()
      .transform((value) => value ?? null),
    /** Absent: the channel's default expiry, else 24 hours. */
    expiresAt: dateTimeSchema.optional(),
    /** Absent: the creator's Private channel. A queue is a channel with the request unassigned. */
    channelId: idSchema.optional(),
    assignTo: assignToSchema.default({ type: 'myself' }),
    /** The ticket the request belongs to in a ticketing system. */
    externalRef: externalRefInputSchema.nullable().optional(),
    /** The end user's mobile number for text messages (normalised to E.164). */
    recipientPhone: optionalPhoneSchema,
  })
  .superRefine((input, ctx) => {
    if (input.sendInvitation && input.recipientEmail === null) {
      ctx.addIssue({ code: 'custom', path: ['recipientEmail'], ...coded('invitation_needs_email') });
    }
  });
createRequestSchema.register(z.globalRegistry, {
  id: 'CreateRequest',
  description: 'A new session request: only the recipient’s name is required',
});
export type CreateRequestInput = z.output<typeof createRequestSchema>;

/** The expiry a new request gets: the one asked for, else the channel's default, else 24 hours. */
export function resolveExpiry(
  requested: string | undefined,
  channelDefaultMs: number | null,
  now: number,
): number {
  return requested !== undefined ? Date.parse(requested) : now + (channelDefaultMs ?? LIMITS.defaultExpiryMs);
}

/**
 * Time rules of a request's schedule and expiry, at `now` (epoch ms): expiry in the future and at most
 * 30 days ahead; a schedule in the future and before the expiry.
 */
export function checkRequestTimes(
  times: { readonly scheduledAt: number | null; readonly expiresAt: number },
  now: number,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (times.expiresAt <= now) {
    issues.push(fieldIssue('expiresAt', 'not_in_future'));
  } else if (times.expiresAt - now > LIMITS.expiryMaxAheadMs) {
    issues.push(fieldIssue('expiresAt', 'expiry_too_far', { days: LIMITS.expiryMaxAheadMs / TIME.DAY_MS }));
  }
  if (times.scheduledAt !== null) {
    if (times.scheduledAt <= now) {
      issues.push(fieldIssue('scheduledAt', 'not_in_future'));
    } else if (times.scheduledAt >= times.expiresAt) {
      issues.push(fieldIssue('scheduledAt', 'after_expiry'));
    }
  }
  return issues;
}

const noteField = z.string().trim().min(1).max(LIMITS.noteMax);

/** Actions that take no input: connect, disconnect, rerequest, pickup, leave, end, close, resend. */
export const noInputSchema = z.strictObject({});
noInputSchema.register(z.globalRegistry, {
  id: 'Empty',
  description: 'Nothing: send {} or no body at all',
});

export const assignSchema = z.strictObject({ agentId: idSchema });
assignSchema.register(z.globalRegistry, { id: 'Assign', description: 'The agent to assign the request to' });

/** Transfer to another agent (needs the release permission) or to another channel. */
export const transferSchema = z
  .strictObject({ agentId: idSchema.optional(), channelId: idSchema.optional(), note: noteField.optional() })
  .refine(
    (input) => (input.agentId === undefined) !== (input.channelId === undefined),
    coded('transfer_target'),
  );
transferSchema.register(z.globalRegistry, {
  id: 'Transfer',
  description: 'Exactly one of an agent or a channel to transfer to, and an optional note',
});
export type TransferInput = z.output<typeof transferSchema>;

export const releaseSchema = z.strictObject({ note: noteField.optional() });
releaseSchema.register(z.globalRegistry, { id: 'Release', description: 'An optional note for the timeline' });

export const inviteSchema = z.strictObject({
  agentIds: z
    .array(idSchema)
    .min(1)
    // The assignee is one of the participants.
    .max(LIMITS.participantLimitMax - 1)
    .refine((ids) => new Set(ids).size === ids.length, coded('duplicates')),
});
inviteSchema.register(z.globalRegistry, { id: 'Invite', description: 'The technicians to invite' });

export const noteSchema = z.strictObject({ text: noteField });
noteSchema.register(z.globalRegistry, { id: 'Note', description: 'The text of the note' });

/** A new schedule (null: none) and, optionally, a new expiry; the time rules apply as at creation. */
export const rescheduleSchema = z.strictObject({
  scheduledAt: dateTimeSchema.nullable(),
  expiresAt: dateTimeSchema.optional(),
});
rescheduleSchema.register(z.globalRegistry, {
  id: 'Reschedule',
  description: 'The new scheduled time (null: none) and, optionally, a new expiry',
});

export const joinSchema = z.strictObject({ sessionCode: sessionCodeSchema });
joinSchema.register(z.globalRegistry, {
  id: 'Join',
  description: 'The 8-digit session code; spaces and dashes are ignored',
});

/** The end user on the join page. */
export const pinLookupSchema = z.strictObject({ pin: pinSchema });
export const allowAccessSchema = z.strictObject({ remoteId: remoteIdSchema.optional() });
