/** /requests, their actions and timeline, and /join by session code. */
import { z } from 'zod';
import { requestListSchema, sessionRequestSchema, timelineSchema } from '@shared/protocol/api';
import { idSchema } from '@shared/schemas/common';
import { closeRequestSchema } from '@shared/schemas/conversation-input';
import { updateRequestSchema } from '@shared/schemas/integration-input';
import { listRequestsQuerySchema } from '@shared/schemas/query-input';
import {
  assignSchema,
  createRequestSchema,
  inviteSchema,
  joinSchema,
  noInputSchema,
  noteSchema,
  releaseSchema,
  rescheduleSchema,
  transferSchema,
} from '@shared/schemas/request-input';
import type { UpdateInput } from '../../services/request-actions';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses, REFUSALS } from './responses';
import type { App } from './types';

const idParams = z.object({ id: idSchema });
/** A client retrying a write after a lost answer sends the same key: the replay answers the first result. */
const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, {
      error: 'An Idempotency-Key is 1 to 200 visible ASCII characters.',
    })
    .optional(),
});

/**
 * POST /requests/{id}/{name}: each action's operationId (generated clients name a function after it, so it
 * stays), its body, and what it means.
 */
const ACTIONS = {
  assign: {
    operationId: 'assignRequest',
    body: assignSchema,
    summary: 'Assign or reassign the request to an agent',
  },
  transfer: {
    operationId: 'transferRequest',
    body: transferSchema,
    summary:
      'Transfer to another agent (needs the release permission) or another channel (needs access to it)',
  },
  release: {
    operationId: 'releaseRequest',
    body: releaseSchema,
    summary: 'Release it from its assignee, back to the channel’s queue',
  },
  pickup: { operationId: 'pickUpRequest', body: noInputSchema, summary: 'Pick up a queued request' },
  invite: {
    operationId: 'inviteToRequest',
    body: inviteSchema,
    summary: 'Invite technicians to the collaborative session',
  },
  leave: {
    operationId: 'leaveRequest',
    body: noInputSchema,
    summary: 'Leave the session; it continues without you',
  },
  end: {
    operationId: 'endRequest',
    body: noInputSchema,
    summary: 'End the session for everyone (closes the request)',
  },
  connect: {
    operationId: 'connectRequest',
    body: noInputSchema,
    summary: 'Record that the agent’s remote-control client was launched (Ready → Connected)',
  },
  disconnect: {
    operationId: 'disconnectRequest',
    body: noInputSchema,
    summary: 'Record that the remote-control client exited (Connected → Ready)',
  },
  rerequest: {
    operationId: 'requestAccessAgain',
    body: noInputSchema,
    summary: 'Request access again after the end user denied it',
  },
  close: {
    operationId: 'closeRequest',
    body: closeRequestSchema,
    summary:
      'Close the request with its outcome and a wrap-up note (required when the organisation says so: ' +
      '400 `invalid_input`, field `outcome` or `wrapUp` `required`); no further connection is possible',
  },
  notes: { operationId: 'addNote', body: noteSchema, summary: 'Add a note to the timeline' },
  resend: {
    operationId: 'resendInvitation',
    body: noInputSchema,
    summary: 'Send the invitation e-mail again',
  },
  'sms-invitation': {
    operationId: 'sendSmsInvitation',
    body: noInputSchema,
    summary:
      'Send the invitation (link and PIN, in the request’s language) by text message to the request’s ' +
      'phone number, through the SMS outbox; needs a phone number (`no_recipient_phone`) and an SMS ' +
      'gateway (`sms_not_configured`). The timeline records sms_queued, then sms_sent or sms_failed',
  },
  reschedule: {
    operationId: 'rescheduleRequest',
    body: rescheduleSchema,
    summary: 'Change the scheduled time and, optionally, the expiry',
  },
} as const;

type ActionName = keyof typeof ACTIONS;

function toInput(name: ActionName, body: Record<string, unknown>): UpdateInput {
  if (name === 'sms-invitation') return { type: 'sms_invitation' };
  return (name === 'notes' ? { type: 'note', ...body } : { type: name, ...body }) as UpdateInput;
}

export function registerRequestRoutes(app: App, services: Services): void {
  const { requests, actions, limits } = services;

  app.get('/requests', {
    onRequest: authorize(services, 'requests:read'),
    schema: {
      tags: ['requests'],
      operationId: 'listRequests',
      summary: 'The requests the agent may see, newest first, filtered and paged',
      security: securedBy('requests:read'),
      querystring: listRequestsQuerySchema,
      response: { 200: answer('A page of requests', requestListSchema), ...REFUSALS },
    },
    handler: (request) => requests.list(signedIn(request).agent, request.query),
  });

  app.post('/requests', {
    onRequest: authorize(services, 'requests:write'),
    schema: {
      tags: ['requests'],
      operationId: 'createRequest',
      summary: 'Create a session request. With an Idempotency-Key, a replay answers the first result.',
      security: securedBy('requests:write'),
      headers: idempotencyHeaders,
      body: createRequestSchema,
      response: {
        201: answer('The new request (or, replayed, the first one)', sessionRequestSchema),
        ...REFUSALS,
      },
    },
    handler: async (request, reply) => {
      const result = await requests.create(
        signedIn(request).agent,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.status(result.status);
      return result.body;
    },
  });

  app.get('/requests/:id', {
    onRequest: authorize(services, 'requests:read'),
    schema: {
      tags: ['requests'],
      operationId: 'getRequest',
      summary: 'One request',
      security: securedBy('requests:read'),
      params: idParams,
      response: { 200: answer('The request', sessionRequestSchema), ...REFUSALS },
    },
    handler: (request) => requests.get(signedIn(request).agent, request.params.id),
  });

  app.delete('/requests/:id', {
    onRequest: authorize(services, 'requests:write'),
    schema: {
      tags: ['requests'],
      operationId: 'deleteRequest',
      summary: 'Delete a request: it leaves the channel and every agent’s list',
      security: securedBy('requests:write'),
      params: idParams,
      response: { 204: z.null().describe('Deleted'), ...REFUSALS },
    },
    handler: async (request, reply) => {
      await actions.remove(signedIn(request).agent, request.params.id);
      reply.status(204);
      return null;
    },
  });

  app.patch('/requests/:id', {
    onRequest: authorize(services, 'requests:write'),
    schema: {
      tags: ['requests'],
      operationId: 'updateRequest',
      summary:
        'Set or clear the request’s ticket reference (externalRef; the timeline records it) and/or the end ' +
        'user’s phone number (recipientPhone, E.164 once normalised). Needs the manage permission ' +
        '(assignee, release permission, admin, or any member while it is in the queue).',
      security: securedBy('requests:write'),
      params: idParams,
      body: updateRequestSchema,
      response: { 200: answer('The request, changed', sessionRequestSchema), ...REFUSALS },
    },
    handler: async (request) => {
      const { agent } = signedIn(request);
      const { externalRef, recipientPhone } = request.body;
      const id = request.params.id;
      let result =
        externalRef === undefined
          ? null
          : await actions.act(agent, id, { type: 'set_external_ref', externalRef });
      if (recipientPhone !== undefined) {
        result = await actions.act(agent, id, { type: 'set_recipient_phone', recipientPhone });
      }
      // The schema asks for at least one of the two.
      return result!.request;
    },
  });

  app.get('/requests/:id/events', {
    onRequest: authorize(services, 'requests:read'),
    schema: {
      tags: ['requests'],
      operationId: 'getRequestTimeline',
      summary: 'The request’s timeline: status changes, assignments, invitations, joins, e-mails, notes',
      security: securedBy('requests:read'),
      params: idParams,
      response: { 200: answer('The timeline, oldest first', timelineSchema), ...REFUSALS },
    },
    handler: async (request) => ({
      events: await requests.timeline(signedIn(request).agent, request.params.id),
    }),
  });

  for (const name of Object.keys(ACTIONS) as ActionName[]) {
    const { operationId, body, summary } = ACTIONS[name];
    app.post(`/requests/:id/${name}`, {
      onRequest: authorize(services, 'requests:act'),
      schema: {
        tags: ['actions'],
        operationId,
        summary: `${summary}. With an Idempotency-Key, a replay answers the first result.`,
        security: securedBy('requests:act'),
        params: idParams,
        headers: idempotencyHeaders,
        body,
        response: { 200: answer('The request, as the action left it', sessionRequestSchema), ...REFUSALS },
      },
      handler: async (request, reply) => {
        const result = await actions.act(
          signedIn(request).agent,
          request.params.id,
          toInput(name, request.body),
          request.headers['idempotency-key'],
        );
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return result.request;
      },
    });
  }

  app.post('/join', {
    onRequest: authorize(services, 'requests:act'),
    schema: {
      tags: ['actions'],
      operationId: 'joinBySessionCode',
      summary: 'Join a collaborative session by its 8-digit session code',
      security: securedBy('requests:act'),
      body: joinSchema,
      response: {
        200: answer('The request joined', sessionRequestSchema),
        ...errorResponses(400, 401, 403, 404, 409, 429),
      },
    },
    handler: async (request) => {
      const { agent } = signedIn(request);
      await limits.joinPerAgent.hit(agent.id);
      return actions.joinByCode(agent, request.body.sessionCode);
    },
  });
}
