/**
 * The conversation around a request (issue 19): an agent's chat message to the end user
 * (POST /requests/{id}/messages, an action like a note) and the organisation's canned messages.
 */
import { z } from 'zod';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { sessionRequestSchema } from '@shared/protocol/api';
import { cannedMessageListSchema } from '@shared/protocol/conversation';
import { idSchema } from '@shared/schemas/common';
import { replaceCannedMessagesSchema, sendMessageSchema } from '@shared/schemas/conversation-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

const idParams = z.object({ id: idSchema });
/** As the other actions (request-routes.ts): a retry after a lost answer replays the first result. */
const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, {
      error: 'An Idempotency-Key is 1 to 200 visible ASCII characters.',
    })
    .optional(),
});

export function registerConversationRoutes(app: App, services: Services): void {
  const { conversation } = services;

  app.post('/requests/:id/messages', {
    onRequest: authorize(services, 'requests:write'),
    schema: {
      tags: ['actions'],
      operationId: 'sendMessage',
      summary:
        'Send a chat message to the end user (the agents on the request; not on a closed or expired one), ' +
        'shown on their join page at once and, with `byEmail`, also e-mailed to them. At most ' +
        `${CONVERSATION_LIMITS.agentMessagesPerMinute} a minute per agent and request (429 ` +
        '`too_many_messages`). With an Idempotency-Key, a replay answers the first result.',
      security: securedBy('requests:write'),
      params: idParams,
      headers: idempotencyHeaders,
      body: sendMessageSchema,
      response: {
        200: answer('The request, as the message left it', sessionRequestSchema),
        ...errorResponses(400, 401, 403, 404, 409, 429),
      },
    },
    handler: async (request, reply) => {
      const result = await conversation.send(
        signedIn(request).agent,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return result.request;
    },
  });

  app.get('/canned-messages', {
    onRequest: authorize(services, 'requests:read'),
    schema: {
      tags: ['conversation'],
      operationId: 'listCannedMessages',
      summary: 'The organisation’s canned messages, by name, each with its text per language',
      security: securedBy('requests:read'),
      response: {
        200: answer('The canned messages', cannedMessageListSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: () => conversation.cannedMessages(),
  });

  app.put('/canned-messages', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['conversation'],
      operationId: 'replaceCannedMessages',
      summary:
        'Replace the organisation’s canned messages as a whole (admin). Names are unique ' +
        'case-insensitively (`duplicates`); a message whose name stays keeps its id.',
      security: securedBy(null),
      body: replaceCannedMessagesSchema,
      response: {
        200: answer('The canned messages, as stored', cannedMessageListSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => conversation.replaceCannedMessages(signedIn(request).agent, request.body),
  });
}
