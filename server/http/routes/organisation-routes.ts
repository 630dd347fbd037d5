/** /organisation: the settings end users see (the organisation's name, the remote-control app). */
import { organisationSchema } from '@shared/protocol/api';
import { updateOrganisationSchema } from '@shared/schemas/organisation-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

export function registerOrganisationRoutes(app: App, services: Services): void {
  const { organisation } = services;

  app.get('/organisation', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'getOrganisation',
      summary: 'The organisation’s name and the remote-control app end users are asked to start',
      security: securedBy(null),
      response: {
        200: answer('The organisation’s settings', organisationSchema),
        ...errorResponses(401, 403),
      },
    },
    handler: () => organisation.get(),
  });

  app.patch('/organisation', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'updateOrganisation',
      summary:
        'Change the organisation’s name or the remote-control app and its instructions (admin); connected agents are told',
      security: securedBy(null),
      body: updateOrganisationSchema,
      response: {
        200: answer('The organisation’s settings, changed', organisationSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => organisation.update(signedIn(request).agent, request.body),
  });
}
