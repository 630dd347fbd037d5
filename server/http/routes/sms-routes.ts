/** /organisation/sms-gateway: the organisation's SMS gateway (admins), and a test message through it. */
import { z } from 'zod';
import { smsGatewaySettingsSchema, smsTestResultSchema } from '@shared/protocol/sms';
import { smsGatewayInputSchema, testSmsSchema } from '@shared/schemas/sms-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

export function registerSmsRoutes(app: App, services: Services): void {
  const { sms } = services;

  app.get('/organisation/sms-gateway', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['sms'],
      operationId: 'getSmsGateway',
      summary: 'The organisation’s SMS gateway, its secrets left out (admin)',
      security: securedBy(null),
      response: {
        200: answer('The gateway, or null when none is configured', smsGatewaySettingsSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: (request) => sms.get(signedIn(request).agent),
  });

  app.put('/organisation/sms-gateway', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['sms'],
      operationId: 'setSmsGateway',
      summary:
        'Configure the SMS gateway: Twilio’s Messages API, or a generic HTTP POST with a body template ' +
        '(admin). Secrets are sealed at rest and never answered; one left out keeps the one stored',
      security: securedBy(null),
      body: smsGatewayInputSchema,
      response: {
        200: answer('The gateway as saved', smsGatewaySettingsSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => sms.set(signedIn(request).agent, request.body),
  });

  app.delete('/organisation/sms-gateway', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['sms'],
      operationId: 'deleteSmsGateway',
      summary: 'Remove the SMS gateway and its secrets (admin); messages waiting in the outbox then fail',
      security: securedBy(null),
      response: { 204: z.null().describe('Removed (or there was none)'), ...errorResponses(401, 403) },
    },
    handler: async (request, reply) => {
      await sms.remove(signedIn(request).agent);
      reply.status(204);
      return null;
    },
  });

  app.post('/organisation/sms-gateway/test', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['sms'],
      operationId: 'testSmsGateway',
      summary: 'Send one test message to a number now, and answer what the gateway said (admin)',
      security: securedBy(null),
      body: testSmsSchema,
      response: {
        200: answer('What the gateway answered', smsTestResultSchema),
        ...errorResponses(400, 401, 403, 409),
      },
    },
    handler: (request) => sms.test(signedIn(request).agent, request.body.to),
  });
}
