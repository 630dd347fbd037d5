/** /auth, /me and /agents. */
import { z } from 'zod';
import {
  agentListSchema,
  agentSchema,
  loginResponseSchema,
  loginStepSchema,
  meSchema,
} from '@shared/protocol/api';
import {
  createAgentSchema,
  loginSchema,
  logoutSchema,
  refreshSchema,
  updateAgentSchema,
} from '@shared/schemas/account-input';
import { idSchema } from '@shared/schemas/common';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses, PUBLIC } from './responses';
import type { App } from './types';

export function registerAccountRoutes(app: App, services: Services): void {
  const { accounts } = services;

  app.post('/auth/login', {
    schema: {
      tags: ['auth'],
      operationId: 'login',
      summary: 'Sign in with e-mail and password',
      security: PUBLIC,
      body: loginSchema,
      response: {
        200: answer(
          'Signed in (the tokens, and the agent), or, when two-factor sign-in is on or required, a challenge ' +
            'for POST /auth/login/second-factor',
          loginStepSchema,
        ),
        ...errorResponses(400, 401, 403, 429),
      },
    },
    handler: (request) => accounts.login(request.body.email, request.body.password, request.ip),
  });

  app.post('/auth/refresh', {
    schema: {
      tags: ['auth'],
      operationId: 'refreshTokens',
      summary: 'Exchange a refresh token for new tokens (the old one stops working)',
      security: PUBLIC,
      body: refreshSchema,
      response: {
        200: answer('New tokens; the refresh token sent no longer works', loginResponseSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => accounts.refresh(request.body.refreshToken),
  });

  app.post('/auth/logout', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['auth'],
      operationId: 'logout',
      summary: 'End this sign-in: its access and refresh tokens stop working',
      security: securedBy(null),
      body: logoutSchema,
      response: { 204: z.null().describe('Signed out'), ...errorResponses(400, 401, 403) },
    },
    handler: async (request, reply) => {
      await accounts.logout(signedIn(request).familyId);
      return reply.status(204).send(null);
    },
  });

  app.get('/me', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'getMe',
      summary: 'The signed-in agent',
      security: securedBy(null),
      response: { 200: answer('The signed-in agent', meSchema), ...errorResponses(401, 403) },
    },
    handler: (request) => accounts.me(signedIn(request).agent),
  });

  app.get('/agents', {
    onRequest: authorize(services, 'agents:read'),
    schema: {
      tags: ['agents'],
      operationId: 'listAgents',
      summary: 'Every agent (names, roles), for assigning and inviting',
      security: securedBy('agents:read'),
      response: { 200: answer('Every agent', agentListSchema), ...errorResponses(401, 403) },
    },
    handler: async () => ({ agents: await accounts.list() }),
  });

  app.post('/agents', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'createAgent',
      summary: 'Create an agent (admin)',
      security: securedBy(null),
      body: createAgentSchema,
      response: { 201: answer('The new agent', agentSchema), ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      reply.status(201);
      return accounts.create(signedIn(request).agent, request.body);
    },
  });

  app.patch('/agents/:id', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'updateAgent',
      summary: 'Rename, change roles, disable or enable, or reset the password of an agent (admin)',
      security: securedBy(null),
      params: z.object({ id: idSchema }),
      body: updateAgentSchema,
      response: {
        200: answer('The agent, changed', agentSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
    handler: (request) => accounts.update(signedIn(request).agent, request.params.id, request.body),
  });
}
