/** /channels and their members. */
import { z } from 'zod';
import { channelSchema } from '@shared/protocol/api';
import { createChannelSchema, membershipSchema, updateChannelSchema } from '@shared/schemas/channel-input';
import { idSchema } from '@shared/schemas/common';
import type { Services } from '../../services/services';
import { requireAgent, signedIn } from '../auth';
import { REFUSALS, SECURED } from './responses';
import type { App } from './types';

const errors = REFUSALS;
const memberParams = z.object({ id: idSchema, agentId: idSchema });

export function registerChannelRoutes(app: App, services: Services): void {
  const { channels } = services;
  const auth = requireAgent(services.accounts);

  app.get('/channels', {
    onRequest: auth,
    schema: {
      tags: ['channels'],
      summary: 'The channels the agent may see, their Private channel included',
      security: SECURED,
      response: { 200: z.object({ channels: z.array(channelSchema) }), ...errors },
    },
    handler: (request) => ({ channels: channels.list(signedIn(request).agent) }),
  });

  app.post('/channels', {
    onRequest: auth,
    schema: {
      tags: ['channels'],
      summary: 'Create a shared channel (admin)',
      security: SECURED,
      body: createChannelSchema,
      response: { 201: channelSchema, ...errors },
    },
    handler: (request, reply) => {
      reply.status(201);
      return channels.create(signedIn(request).agent, request.body);
    },
  });

  app.patch('/channels/:id', {
    onRequest: auth,
    schema: {
      tags: ['channels'],
      summary: 'Rename a channel, or change its default expiry or participant limit (admin)',
      security: SECURED,
      params: z.object({ id: idSchema }),
      body: updateChannelSchema,
      response: { 200: channelSchema, ...errors },
    },
    handler: (request) => channels.update(signedIn(request).agent, request.params.id, request.body),
  });

  app.put('/channels/:id/members/:agentId', {
    onRequest: auth,
    schema: {
      tags: ['channels'],
      summary: 'Add an agent to a channel, or change their release permission (admin)',
      security: SECURED,
      params: memberParams,
      body: membershipSchema,
      response: { 200: channelSchema, ...errors },
    },
    handler: (request) =>
      channels.setMember(
        signedIn(request).agent,
        request.params.id,
        request.params.agentId,
        request.body.canRelease,
      ),
  });

  app.delete('/channels/:id/members/:agentId', {
    onRequest: auth,
    schema: {
      tags: ['channels'],
      summary: 'Remove an agent from a channel; their requests in it go back to its queue (admin)',
      security: SECURED,
      params: memberParams,
      response: { 200: channelSchema, ...errors },
    },
    handler: (request) =>
      channels.removeMember(signedIn(request).agent, request.params.id, request.params.agentId),
  });
}
