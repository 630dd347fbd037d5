/**
 * /integrations/tokens: admins create, list and revoke integration tokens. Signed in as agents only: an
 * integration token cannot mint or revoke tokens, whatever its scopes.
 */
import { z } from 'zod';
import { createdIntegrationTokenSchema, integrationTokenListSchema } from '@shared/protocol/integrations';
import { idSchema } from '@shared/schemas/common';
import { createIntegrationTokenSchema } from '@shared/schemas/integration-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

export function registerIntegrationTokenRoutes(app: App, services: Services): void {
  const { integrationTokens } = services;

  app.post('/integrations/tokens', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['integrations'],
      operationId: 'createIntegrationToken',
      summary:
        'Create an integration token with scopes and an optional expiry (admin). Its secret (`sdi_…`) is in ' +
        'this answer only.',
      security: securedBy(null),
      body: createIntegrationTokenSchema,
      response: {
        201: answer('The new token, with its secret (shown this once)', createdIntegrationTokenSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const created = await integrationTokens.create(signedIn(request).agent, request.body);
      reply.status(201);
      return created;
    },
  });

  app.get('/integrations/tokens', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['integrations'],
      operationId: 'listIntegrationTokens',
      summary: 'Every integration token not revoked, newest first, without their secrets (admin)',
      security: securedBy(null),
      response: {
        200: answer('The integration tokens', integrationTokenListSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: async (request) => ({ tokens: await integrationTokens.list(signedIn(request).agent) }),
  });

  app.delete('/integrations/tokens/:id', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['integrations'],
      operationId: 'revokeIntegrationToken',
      summary: 'Revoke an integration token: its next call is refused (admin)',
      security: securedBy(null),
      params: z.object({ id: idSchema }),
      response: { 204: z.null().describe('Revoked'), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      await integrationTokens.revoke(signedIn(request).agent, request.params.id);
      reply.status(204);
      return null;
    },
  });
}
