/**
 * /integrations/webhooks: the endpoints the service posts signed events to (Standard Webhooks), their
 * delivery logs, tests and redeliveries. Admins, or an integration token with `webhooks:manage`.
 */
import { z } from 'zod';
import {
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '@shared/protocol/integrations';
import { idSchema } from '@shared/schemas/common';
import {
  createWebhookSchema,
  deliveryQuerySchema,
  rotateWebhookSecretSchema,
  updateWebhookSchema,
} from '@shared/schemas/integration-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

const SCOPE = 'webhooks:manage';
const idParams = z.object({ id: idSchema });
const deliveryParams = z.object({
  id: idSchema,
  deliveryId: z.string().max(60).describe('The delivery’s message id (`webhook-id`)'),
});

export function registerWebhookRoutes(app: App, services: Services): void {
  const { webhooks } = services;
  const auth = authorize(services, SCOPE);
  const security = securedBy(SCOPE);
  const tags = ['integrations'];

  app.post('/integrations/webhooks', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'createWebhook',
      summary: 'Add a webhook endpoint (admin); its signing secret is in this answer only',
      security,
      body: createWebhookSchema,
      response: {
        201: answer('The endpoint, with its signing secret', webhookEndpointWithSecretSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const created = await webhooks.create(signedIn(request).agent, request.body);
      reply.status(201);
      return created;
    },
  });

  app.get('/integrations/webhooks', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'listWebhooks',
      summary: 'Every webhook endpoint (admin)',
      security,
      response: { 200: answer('The endpoints', webhookEndpointListSchema), ...errorResponses(401, 403) },
    },
    handler: (request) => webhooks.list(signedIn(request).agent),
  });

  app.get('/integrations/webhooks/:id', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'getWebhook',
      summary: 'One webhook endpoint (admin)',
      security,
      params: idParams,
      response: { 200: answer('The endpoint', webhookEndpointSchema), ...errorResponses(400, 401, 403, 404) },
    },
    handler: (request) => webhooks.get(signedIn(request).agent, request.params.id),
  });

  app.patch('/integrations/webhooks/:id', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'updateWebhook',
      summary:
        'Change a webhook endpoint: its address, events, description, payloads, enabled or not (admin)',
      security,
      params: idParams,
      body: updateWebhookSchema,
      response: {
        200: answer('The endpoint, changed', webhookEndpointSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) => webhooks.update(signedIn(request).agent, request.params.id, request.body),
  });

  app.delete('/integrations/webhooks/:id', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook endpoint and its delivery log (admin)',
      security,
      params: idParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      await webhooks.delete(signedIn(request).agent, request.params.id);
      reply.status(204);
      return null;
    },
  });

  app.post('/integrations/webhooks/:id/test', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'testWebhook',
      summary: 'Send the endpoint a `ping` event (admin)',
      security,
      params: idParams,
      response: {
        200: answer('The ping’s delivery, queued', webhookDeliverySchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) => webhooks.test(signedIn(request).agent, request.params.id),
  });

  app.post('/integrations/webhooks/:id/rotate-secret', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'rotateWebhookSecret',
      summary:
        'Give the endpoint a new signing secret; the previous one also signs until the overlap ends (admin)',
      security,
      params: idParams,
      body: rotateWebhookSecretSchema,
      response: {
        200: answer('The endpoint, with its new signing secret', webhookEndpointWithSecretSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) => webhooks.rotateSecret(signedIn(request).agent, request.params.id, request.body),
  });

  app.get('/integrations/webhooks/:id/deliveries', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'listWebhookDeliveries',
      summary: 'The endpoint’s delivery log, newest first (admin)',
      security,
      params: idParams,
      querystring: deliveryQuerySchema,
      response: {
        200: answer('A page of deliveries', webhookDeliveryPageSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) => webhooks.deliveries(signedIn(request).agent, request.params.id, request.query),
  });

  app.post('/integrations/webhooks/:id/deliveries/:deliveryId/redeliver', {
    onRequest: auth,
    schema: {
      tags,
      operationId: 'redeliverWebhook',
      summary: 'Send a delivery again: the same message id and body, as a new series of attempts (admin)',
      security,
      params: deliveryParams,
      response: {
        200: answer('The delivery, pending again', webhookDeliverySchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) =>
      webhooks.redeliver(signedIn(request).agent, request.params.id, request.params.deliveryId),
  });
}
