/**
 * /auth/sso…: single sign-on with OpenID Connect (services/sso.ts), and the organisation's SSO policy and
 * group mapping (admins). The provider's redirect (`/auth/sso/callback`) is a browser's, not an API
 * call: it answers a redirect to the client, or a small page in the reader's language when there is no
 * attempt to go back to; it is left out of the API document.
 */
import { z } from 'zod';
import { DEFAULT_EMAIL_LANGUAGE, pickLanguageFromAcceptLanguage } from '@shared/domain/languages';
import { errorText } from '@shared/i18n/errors';
import { translator } from '@shared/i18n/translator';
import { loginResponseSchema } from '@shared/protocol/api';
import {
  ssoLogoutSchema,
  ssoMappingsSchema,
  ssoPolicySchema,
  ssoStartSchema,
  ssoStatusSchema,
} from '@shared/protocol/sso';
import { logoutSchema } from '@shared/schemas/account-input';
import {
  ssoMappingsInputSchema,
  ssoTokenSchema,
  startSsoSchema,
  updateSsoPolicySchema,
} from '@shared/schemas/sso-input';
import type { JoinAssets } from '../../join/assets';
import { sendPage } from '../../join/html';
import type { Services } from '../../services/services';
import { renderMessage } from '../../set-password/page';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses, PUBLIC } from './responses';
import type { App } from './types';

export function registerSsoRoutes(app: App, services: Services, assets: JoinAssets): void {
  const { sso } = services;

  app.get('/auth/sso', {
    schema: {
      tags: ['auth'],
      operationId: 'getSsoStatus',
      summary: 'Whether single sign-on is offered, and its button’s label (before signing in)',
      security: PUBLIC,
      response: { 200: answer('Single sign-on offered or not', ssoStatusSchema), ...errorResponses() },
    },
    handler: () => sso.status(),
  });

  app.post('/auth/sso/start', {
    schema: {
      tags: ['auth'],
      operationId: 'startSso',
      summary:
        'Start a single sign-on: the provider’s address to open; the result comes back to redirectUri as a one-time code',
      security: PUBLIC,
      body: startSsoSchema,
      response: {
        200: answer('Where to sign in at the provider', ssoStartSchema),
        ...errorResponses(400, 404, 429),
      },
    },
    handler: (request) => sso.start(request.body, request.ip),
  });

  app.get('/auth/sso/callback', {
    schema: { hide: true, querystring: z.record(z.string(), z.string()) },
    handler: async (request, reply) => {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const outcome = await sso.callback(request.query, search);
      if (outcome.kind === 'redirect') {
        return reply.header('referrer-policy', 'no-referrer').redirect(outcome.location, 303);
      }
      const i18n = translator(
        pickLanguageFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_EMAIL_LANGUAGE,
      );
      const title = i18n.t('sso.page.title');
      const reason = errorText(i18n, { code: outcome.code, message: outcome.code });
      const page = renderMessage(
        { i18n, org: await services.ctx.org(), assetVersion: assets.version },
        title,
        i18n.t('sso.page.refused', { reason, code: outcome.code }),
      );
      return sendPage(reply, outcome.status, page);
    },
  });

  app.post('/auth/sso/token', {
    schema: {
      tags: ['auth'],
      operationId: 'exchangeSsoCode',
      summary: 'Exchange the one-time code of a single sign-on, with the PKCE verifier, for the tokens',
      security: PUBLIC,
      body: ssoTokenSchema,
      response: {
        200: answer('Signed in: the tokens, and the agent', loginResponseSchema),
        ...errorResponses(400, 403, 404),
      },
    },
    handler: (request) => sso.exchange(request.body.code, request.body.codeVerifier),
  });

  app.post('/auth/sso/logout', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['auth'],
      operationId: 'logoutSso',
      summary:
        'End this sign-in, as /auth/logout does, and get the provider’s sign-out page to open (RP-initiated logout)',
      security: securedBy(null),
      body: logoutSchema,
      response: {
        200: answer('Signed out here; where to sign out at the provider', ssoLogoutSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => sso.logout(signedIn(request).familyId),
  });

  app.get('/organisation/sso-policy', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'getSsoPolicy',
      summary: 'The organisation’s single sign-on policy: just-in-time agents, SSO only (admin)',
      security: securedBy(null),
      response: { 200: answer('The policy', ssoPolicySchema), ...errorResponses(401, 403) },
    },
    handler: (request) => sso.policy(signedIn(request).agent),
  });

  app.patch('/organisation/sso-policy', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'updateSsoPolicy',
      summary: 'Turn just-in-time agents or SSO only on or off (admin)',
      security: securedBy(null),
      body: updateSsoPolicySchema,
      response: { 200: answer('The policy, changed', ssoPolicySchema), ...errorResponses(400, 401, 403) },
    },
    handler: (request) => sso.updatePolicy(signedIn(request).agent, request.body),
  });

  app.get('/organisation/sso-mappings', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'getSsoMappings',
      summary: 'The group → roles and channels mapping of single sign-on (admin)',
      security: securedBy(null),
      response: { 200: answer('The mapping', ssoMappingsSchema), ...errorResponses(401, 403) },
    },
    handler: (request) => sso.mappings(signedIn(request).agent),
  });

  app.put('/organisation/sso-mappings', {
    onRequest: authorize(services, null),
    schema: {
      tags: ['organisation'],
      operationId: 'replaceSsoMappings',
      summary: 'Replace the group → roles and channels mapping of single sign-on (admin)',
      security: securedBy(null),
      body: ssoMappingsInputSchema,
      response: {
        200: answer('The mapping, as stored', ssoMappingsSchema),
        ...errorResponses(400, 401, 403),
      },
    },
    handler: (request) => sso.replaceMappings(signedIn(request).agent, request.body),
  });
}
