/**
 * Administration → Integrations: integration tokens and webhook endpoints with their delivery logs,
 * straight to the service (which checks the admin role), refused offline with the reason. Nothing here is
 * cached: only admins look at it, online, and the secrets in the answers must not be kept anywhere.
 */
import type { CommandPayload } from '@shared/ipc/contract';
import {
  createdIntegrationTokenSchema,
  integrationTokenListSchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '@shared/protocol/integrations';
import type { SignedInClient } from '../account/signed-in-client';
import { CoreError } from '../core-error';

const TOKENS = '/integrations/tokens';
const WEBHOOKS = '/integrations/webhooks';

function live(client: SignedInClient): SignedInClient {
  // `integrations` has no sentence of its own in error.offline: its general one says what is needed.
  if (!client.live) throw new CoreError('offline', { action: 'integrations' });
  return client;
}

const webhook = (id: string) => `${WEBHOOKS}/${encodeURIComponent(id)}`;

export async function listTokens(client: SignedInClient) {
  const { tokens } = await live(client).session.request('GET', TOKENS, {
    schema: integrationTokenListSchema,
  });
  return tokens;
}

export function createToken(client: SignedInClient, input: CommandPayload<'integrations.createToken'>) {
  return live(client).session.request('POST', TOKENS, { body: input, schema: createdIntegrationTokenSchema });
}

export async function revokeToken(
  client: SignedInClient,
  { tokenId }: CommandPayload<'integrations.revokeToken'>,
): Promise<null> {
  await live(client).session.request('DELETE', `${TOKENS}/${encodeURIComponent(tokenId)}`);
  return null;
}

export async function listWebhooks(client: SignedInClient) {
  const { endpoints } = await live(client).session.request('GET', WEBHOOKS, {
    schema: webhookEndpointListSchema,
  });
  return endpoints;
}

export function createWebhook(client: SignedInClient, input: CommandPayload<'integrations.createWebhook'>) {
  return live(client).session.request('POST', WEBHOOKS, {
    body: input,
    schema: webhookEndpointWithSecretSchema,
  });
}

export function updateWebhook(
  client: SignedInClient,
  { webhookId, changes }: CommandPayload<'integrations.updateWebhook'>,
) {
  return live(client).session.request('PATCH', webhook(webhookId), {
    body: changes,
    schema: webhookEndpointSchema,
  });
}

export async function deleteWebhook(
  client: SignedInClient,
  { webhookId }: CommandPayload<'integrations.deleteWebhook'>,
): Promise<null> {
  await live(client).session.request('DELETE', webhook(webhookId));
  return null;
}

export function testWebhook(
  client: SignedInClient,
  { webhookId }: CommandPayload<'integrations.testWebhook'>,
) {
  return live(client).session.request('POST', `${webhook(webhookId)}/test`, {
    body: {},
    schema: webhookDeliverySchema,
  });
}

export function rotateWebhookSecret(
  client: SignedInClient,
  { webhookId, overlapMinutes }: CommandPayload<'integrations.rotateWebhookSecret'>,
) {
  return live(client).session.request('POST', `${webhook(webhookId)}/rotate-secret`, {
    body: { overlapMinutes },
    schema: webhookEndpointWithSecretSchema,
  });
}

export function deliveries(
  client: SignedInClient,
  { webhookId, cursor, limit }: CommandPayload<'integrations.deliveries'>,
) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor !== undefined) query.set('cursor', cursor);
  return live(client).session.request('GET', `${webhook(webhookId)}/deliveries?${query.toString()}`, {
    schema: webhookDeliveryPageSchema,
  });
}

export function redeliver(
  client: SignedInClient,
  { webhookId, deliveryId }: CommandPayload<'integrations.redeliver'>,
) {
  return live(client).session.request(
    'POST',
    `${webhook(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    { body: {}, schema: webhookDeliverySchema },
  );
}
