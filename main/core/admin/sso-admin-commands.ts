/**
 * Administration → Single sign-on: the organisation's policy (just-in-time agents, SSO only) and the
 * group → roles/channels mapping, straight to the service (which checks the admin role and answers
 * `sso_not_configured` where it must).
 */
import type { CommandPayload } from '@shared/ipc/contract';
import { ssoMappingsSchema, ssoPolicySchema, type SsoMappings, type SsoPolicy } from '@shared/protocol/sso';
import type { SignedInClient } from '../account/signed-in-client';

export function getSsoPolicy(client: SignedInClient): Promise<SsoPolicy> {
  return client.session.request('GET', '/organisation/sso-policy', { schema: ssoPolicySchema });
}

export function updateSsoPolicy(
  client: SignedInClient,
  changes: CommandPayload<'organisation.updateSsoPolicy'>,
): Promise<SsoPolicy> {
  return client.session.request('PATCH', '/organisation/sso-policy', {
    body: changes,
    schema: ssoPolicySchema,
  });
}

export function getSsoMappings(client: SignedInClient): Promise<SsoMappings> {
  return client.session.request('GET', '/organisation/sso-mappings', { schema: ssoMappingsSchema });
}

export function replaceSsoMappings(
  client: SignedInClient,
  input: CommandPayload<'organisation.replaceSsoMappings'>,
): Promise<SsoMappings> {
  return client.session.request('PUT', '/organisation/sso-mappings', {
    body: input,
    schema: ssoMappingsSchema,
  });
}
