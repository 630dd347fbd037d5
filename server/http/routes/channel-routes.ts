/** /channels and their members. */
import { z } from 'zod';
import { channelListSchema, channelSchema } from '@shared/protocol/api';
import { createChannelSchema, membershipSchema, updateChannelSchema } from '@shared/schemas/channel-input';
import { idSchema } from '@shared/schemas/common';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses, REFUSALS } from './responses';
import type { App } from './types';

const memberParams = z.object({ id: idSchema, agentId: idSchema });

export function registerChannelRoutes(app: App, services: Services): void {
  const { channels } = services;

  app.get('/channels', {
    onRequest: authorize(services, 'agents:read'),
    schema: {
      tags: ['channels'],
      operationId: 'listChannels',
      summary: 'The channels the agent may see, their Private channel included',
      security: securedBy('agents:read'),
      response: {
        200: answer('The channels the agent may see', channelListSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: async (request) => ({ channels: await channels.list(signedIn(request).agent) }),
  });

  app.post('/channels', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['channels'],
      operationId: 'createChannel',
      summary: 'Create a shared channel (admin)',
      security: securedBy(null),
      body: createChannelSchema,
      response: { 201: answer('The new channel', channelSchema), ...errorResponses(400, 401, 403) },
    },
    handler: (request, reply) => {
      reply.status(201);
      return channels.create(signedIn(request).agent, request.body);
    },
  });

  app.patch('/channels/:id', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['channels'],
      operationId: 'updateChannel',
      summary: 'Rename a channel, or change its default expiry or participant limit (admin)',
      security: securedBy(null),
      params: z.object({ id: idSchema }),
      body: updateChannelSchema,
      response: { 200: answer('The channel, changed', channelSchema), ...REFUSALS },
    },
    handler: (request) => channels.update(signedIn(request).agent, request.params.id, request.body),
  });

  app.put('/channels/:id/members/:agentId', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['channels'],
      operationId: 'setChannelMember',
      summary: 'Add an agent to a channel, or change their release permission (admin)',
      security: securedBy(null),
      params: memberParams,
      body: membershipSchema,
      response: { 200: answer('The channel with its members', channelSchema), ...REFUSALS },
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
    onRequest: authorize(services, null),
    schema: {
      tags: ['channels'],
      operationId: 'removeChannelMember',
      summary: 'Remove an agent from a channel; their requests in it go back to its queue (admin)',
      security: securedBy(null),
      params: memberParams,
      response: { 200: answer('The channel with its members', channelSchema), ...REFUSALS },
    },
    handler: (request) =>
      channels.removeMember(signedIn(request).agent, request.params.id, request.params.agentId),
  });
}
