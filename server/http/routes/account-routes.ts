/** /auth, /me and /agents. */
import { z } from 'zod';
import { agentSchema, loginResponseSchema, meSchema } from '@shared/protocol/api';
import {
  createAgentSchema,
  loginSchema,
  logoutSchema,
  refreshSchema,
  updateAgentSchema,
} from '@shared/schemas/account-input';
import { idSchema } from '@shared/schemas/common';
import type { Services } from '../../services/services';
import { requireAgent, signedIn } from '../auth';
import { errorResponses, SECURED } from './responses';
import type { App } from './types';

const errors = errorResponses(400, 401, 403);

export function registerAccountRoutes(app: App, services: Services): void {
  const { accounts } = services;
  const auth = requireAgent(accounts);

  app.post('/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      body: loginSchema,
      response: { 200: loginResponseSchema, ...errors, ...errorResponses(429) },
    },
    handler: (request) => accounts.login(request.body.email, request.body.password, request.ip),
  });

  app.post('/auth/refresh', {
    schema: {
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old one stops working)',
      body: refreshSchema,
      response: { 200: loginResponseSchema, ...errors },
    },
    handler: (request) => accounts.refresh(request.body.refreshToken),
  });

  app.post('/auth/logout', {
    onRequest: auth,
    schema: {
      tags: ['auth'],
      summary: 'End this sign-in: its access and refresh tokens stop working',
      security: SECURED,
      body: logoutSchema,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      accounts.logout(signedIn(request).familyId);
      return reply.status(204).send(null);
    },
  });

  app.get('/me', {
    onRequest: auth,
    schema: {
      tags: ['agents'],
      summary: 'The signed-in agent',
      security: SECURED,
      response: { 200: meSchema, ...errors },
    },
    handler: (request) => accounts.me(signedIn(request).agent),
  });

  app.get('/agents', {
    onRequest: auth,
    schema: {
      tags: ['agents'],
      summary: 'Every agent (names, roles), for assigning and inviting',
      security: SECURED,
      response: { 200: z.object({ agents: z.array(agentSchema) }), ...errors },
    },
    handler: () => ({ agents: accounts.list() }),
  });

  app.post('/agents', {
    onRequest: auth,
    schema: {
      tags: ['agents'],
      summary: 'Create an agent (admin)',
      security: SECURED,
      body: createAgentSchema,
      response: { 201: agentSchema, ...errors, ...errorResponses(409) },
    },
    handler: async (request, reply) => {
      reply.status(201);
      return accounts.create(signedIn(request).agent, request.body);
    },
  });

  app.patch('/agents/:id', {
    onRequest: auth,
    schema: {
      tags: ['agents'],
      summary: 'Rename, change roles, disable or enable, or reset the password of an agent (admin)',
      security: SECURED,
      params: z.object({ id: idSchema }),
      body: updateAgentSchema,
      response: { 200: agentSchema, ...errors, ...errorResponses(404, 409) },
    },
    handler: (request) => accounts.update(signedIn(request).agent, request.params.id, request.body),
  });
}
