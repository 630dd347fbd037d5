/**
 * Administration → SMS: the organisation's SMS gateway, straight to the service (which checks the admin
 * role, seals the secrets and never answers them), and a test message through it.
 */
import type { CommandPayload } from '@shared/ipc/contract';
import {
  smsGatewaySettingsSchema,
  smsTestResultSchema,
  type SmsGatewaySettingsAnswer,
  type SmsTestResult,
} from '@shared/protocol/sms';
import type { SignedInClient } from '../account/signed-in-client';

const GATEWAY = '/organisation/sms-gateway';

export function getSmsGateway(client: SignedInClient): Promise<SmsGatewaySettingsAnswer> {
  return client.session.request('GET', GATEWAY, { schema: smsGatewaySettingsSchema });
}

export function setSmsGateway(
  client: SignedInClient,
  input: CommandPayload<'organisation.setSmsGateway'>,
): Promise<SmsGatewaySettingsAnswer> {
  return client.session.request('PUT', GATEWAY, { body: input, schema: smsGatewaySettingsSchema });
}

export async function deleteSmsGateway(client: SignedInClient): Promise<null> {
  await client.session.request('DELETE', GATEWAY);
  return null;
}

export function testSmsGateway(
  client: SignedInClient,
  input: CommandPayload<'organisation.testSmsGateway'>,
): Promise<SmsTestResult> {
  return client.session.request('POST', `${GATEWAY}/test`, { body: input, schema: smsTestResultSchema });
}
