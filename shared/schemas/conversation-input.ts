/**
 * Inputs of the conversation around a request (issue 19): a chat message (an agent's, or the end user's
 * on the join page), the wrap-up asked at closing, the end user's rating, and the canned messages an admin
 * keeps. Limits from shared/domain/conversation.ts.
 */
import { z } from 'zod';
import { CLOSE_OUTCOMES, CONVERSATION_LIMITS, RATING } from '../domain/conversation';
import { emailLanguageSchema, optionalText } from './common';
import { coded, codedPattern } from './validation';

/** Text only, trimmed; Windows line ends stored as \n so the limit counts what is shown. */
export const messageTextSchema = z
  .string()
  .overwrite((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1).max(CONVERSATION_LIMITS.messageMax));

/** POST /requests/{id}/messages: an agent's message to the end user. */
export const sendMessageSchema = z.strictObject({
  text: messageTextSchema,
  /** Also send it to the end user by e-mail (the request needs their address), through the mail outbox. */
  byEmail: z.boolean().default(false),
  /**
   * Also send it to the end user by text message (the request needs their phone number and the organisation
   * an SMS gateway), through the SMS outbox (server/sms/sms-service.ts queueSms).
   */
  bySms: z.boolean().default(false),
});
sendMessageSchema.register(z.globalRegistry, {
  id: 'SendMessage',
  description: 'A chat message to the end user; optionally also sent to them by e-mail',
});
export type SendMessageInput = z.output<typeof sendMessageSchema>;

/** POST /requests/{id}/close: the outcome and wrap-up note (the organisation may require them). */
export const closeRequestSchema = z.strictObject({
  outcome: z.enum(CLOSE_OUTCOMES).optional(),
  wrapUp: optionalText(CONVERSATION_LIMITS.wrapUpMax).optional(),
});
closeRequestSchema.register(z.globalRegistry, {
  id: 'CloseRequest',
  description:
    'How the request ended: its outcome and a wrap-up note. Both may be left out unless the organisation requires them',
});
export type CloseRequestInput = z.output<typeof closeRequestSchema>;

/** The end user's "How did we do?" on the join page of a closed request. */
export const ratingSchema = z.strictObject({
  rating: z.coerce.number().int().min(RATING.min).max(RATING.max),
  comment: optionalText(CONVERSATION_LIMITS.ratingCommentMax),
});
export type RatingInput = z.output<typeof ratingSchema>;

/** What follows `/` in the chat box. */
const cannedName = z
  .string()
  .trim()
  .min(1)
  .max(CONVERSATION_LIMITS.cannedNameMax)
  .regex(codedPattern(/^[\p{L}\p{N}_-]+$/u, 'invalid_format'));

const cannedTextSchema = z
  .string()
  .overwrite((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1).max(CONVERSATION_LIMITS.cannedTextMax));

export const cannedMessageInputSchema = z.strictObject({
  name: cannedName,
  /** A text per language; at least one. */
  texts: z
    .partialRecord(emailLanguageSchema, cannedTextSchema)
    .refine((texts) => Object.keys(texts).length > 0, coded('required')),
});

/** PUT /canned-messages: the whole list, saved at once (names unique, case-insensitively). */
export const replaceCannedMessagesSchema = z.strictObject({
  messages: z
    .array(cannedMessageInputSchema)
    .max(CONVERSATION_LIMITS.cannedMax)
    .refine(
      (messages) => new Set(messages.map((m) => m.name.toLowerCase())).size === messages.length,
      coded('duplicates'),
    ),
});
replaceCannedMessagesSchema.register(z.globalRegistry, {
  id: 'ReplaceCannedMessages',
  description: 'The organisation’s canned messages, replaced as a whole',
});
export type ReplaceCannedMessagesInput = z.output<typeof replaceCannedMessagesSchema>;
