/** Answers of the conversation around a request (issue 19): the canned messages, as the service keeps them. */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../domain/languages';
import type { CannedMessage } from '../domain/conversation';

export const cannedMessageSchema = z.object({
  id: z.string(),
  name: z.string().describe('What the agent types after `/` in the chat box'),
  texts: z
    .partialRecord(z.enum(EMAIL_LANGUAGES), z.string())
    .describe('The text in each language it has; the request’s language is used, else English'),
}) satisfies z.ZodType<CannedMessage>;
cannedMessageSchema.register(z.globalRegistry, {
  id: 'CannedMessage',
  description: 'A ready answer agents pick in the chat box, with a text per language',
});

/** GET and PUT /canned-messages */
export const cannedMessageListSchema = z.object({ messages: z.array(cannedMessageSchema) });
cannedMessageListSchema.register(z.globalRegistry, {
  id: 'CannedMessageList',
  description: 'The organisation’s canned messages, by name',
});
export type CannedMessageList = z.infer<typeof cannedMessageListSchema>;
