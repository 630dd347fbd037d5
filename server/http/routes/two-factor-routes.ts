/**
 * Two-factor sign-in (issue 18): the second step of a sign-in, the signed-in agent's own set-up from the
 * account menu (/me/two-factor), and an admin's reset of an agent's. The password step is POST /auth/login
 * (account-routes.ts), which answers a challenge instead of tokens when a second factor is needed.
 */
import { z } from 'zod';
import {
  recoveryCodesSchema,
  secondFactorLoginResponseSchema,
  twoFactorEnrolmentSchema,
} from '@shared/protocol/api';
import { idSchema } from '@shared/schemas/common';
import { secondFactorSchema, twoFactorCodeSchema } from '@shared/schemas/two-factor-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses, PUBLIC } from './responses';
import type { App } from './types';

export function registerTwoFactorRoutes(app: App, services: Services): void {
  const { accounts, twoFactor } = services;

  app.post('/auth/login/second-factor', {
    schema: {
      tags: ['auth'],
      operationId: 'loginSecondFactor',
      summary:
        'Finish a sign-in with a code of the authenticator app or a recovery code (after POST /auth/login answered a challenge)',
      security: PUBLIC,
      body: secondFactorSchema,
      response: {
        200: answer(
          'Signed in: the tokens, and the recovery codes when this sign-in set two-factor sign-in up',
          secondFactorLoginResponseSchema,
        ),
        ...errorResponses(400, 401, 403, 429),
      },
    },
    handler: (request) =>
      accounts.loginWithSecondFactor(request.body.challenge, request.body.code, request.ip),
  });

  app.post('/me/two-factor', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'startTwoFactor',
      summary: 'Start setting up two-factor sign-in: a new authenticator secret, on once a code confirms it',
      security: securedBy(null),
      response: {
        200: answer('The secret, as text and as an otpauth URI for a QR code', twoFactorEnrolmentSchema),
        ...errorResponses(401, 403, 409),
      },
    },
    handler: (request) => twoFactor.start(signedIn(request).agent),
  });

  app.post('/me/two-factor/confirm', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'confirmTwoFactor',
      summary: 'Turn two-factor sign-in on with a code of the new secret; answers the recovery codes once',
      security: securedBy(null),
      body: twoFactorCodeSchema,
      response: {
        200: answer('On: the 10 recovery codes, shown this once', recoveryCodesSchema),
        ...errorResponses(400, 401, 403, 409, 429),
      },
    },
    handler: (request) => twoFactor.confirm(signedIn(request).agent, request.body.code, request.ip),
  });

  app.delete('/me/two-factor', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'disableTwoFactor',
      summary:
        'Turn two-factor sign-in off with a current code or a recovery code (refused while the organisation requires it)',
      security: securedBy(null),
      body: twoFactorCodeSchema,
      response: {
        204: z.null().describe('Off'),
        ...errorResponses(400, 401, 403, 409, 429),
      },
    },
    handler: async (request, reply) => {
      await twoFactor.disable(signedIn(request).agent, request.body.code, request.ip);
      return reply.status(204).send(null);
    },
  });

  app.post('/me/two-factor/recovery-codes', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'replaceRecoveryCodes',
      summary: 'New recovery codes for a current code; the ones before stop working',
      security: securedBy(null),
      body: twoFactorCodeSchema,
      response: {
        200: answer('The 10 new recovery codes, shown this once', recoveryCodesSchema),
        ...errorResponses(400, 401, 403, 409, 429),
      },
    },
    handler: (request) =>
      twoFactor.replaceRecoveryCodes(signedIn(request).agent, request.body.code, request.ip),
  });

  app.post('/agents/:id/two-factor/reset', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['agents'],
      operationId: 'resetAgentTwoFactor',
      summary:
        'Reset an agent’s two-factor sign-in (admin): it is off, and set up again at sign-in if the organisation requires it',
      security: securedBy(null),
      params: z.object({ id: idSchema }),
      response: { 204: z.null().describe('Reset'), ...errorResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await twoFactor.reset(signedIn(request).agent, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
