/**
 * Two-factor sign-in from the account menu (the agent's own: start, confirm, turn off, new recovery
 * codes) and from Administration (an admin's reset of an agent's), straight to the service; refused
 * offline with the reason. The agent's `Me` (whether it is on) is read again after each change.
 */
import type { CommandPayload } from '@shared/ipc/contract';
import {
  recoveryCodesSchema,
  twoFactorEnrolmentSchema,
  type RecoveryCodes,
  type TwoFactorEnrolment,
} from '@shared/protocol/api';
import { CoreError } from '../core-error';
import type { SignedInClient } from './signed-in-client';

function requireLive(client: SignedInClient): void {
  if (!client.live) throw new CoreError('offline', { action: 'twoFactor' });
}

async function afterwards<T>(client: SignedInClient, answer: T): Promise<T> {
  await client.refreshDirectory();
  return answer;
}

export async function startTwoFactor(client: SignedInClient): Promise<TwoFactorEnrolment> {
  requireLive(client);
  return client.session.request('POST', '/me/two-factor', { schema: twoFactorEnrolmentSchema });
}

export async function confirmTwoFactor(
  client: SignedInClient,
  { code }: CommandPayload<'account.confirmTwoFactor'>,
): Promise<RecoveryCodes> {
  requireLive(client);
  return afterwards(
    client,
    await client.session.request('POST', '/me/two-factor/confirm', {
      body: { code },
      schema: recoveryCodesSchema,
    }),
  );
}

export async function disableTwoFactor(
  client: SignedInClient,
  { code }: CommandPayload<'account.disableTwoFactor'>,
): Promise<null> {
  requireLive(client);
  await client.session.request('DELETE', '/me/two-factor', { body: { code } });
  return afterwards(client, null);
}

export async function replaceRecoveryCodes(
  client: SignedInClient,
  { code }: CommandPayload<'account.replaceRecoveryCodes'>,
): Promise<RecoveryCodes> {
  requireLive(client);
  return client.session.request('POST', '/me/two-factor/recovery-codes', {
    body: { code },
    schema: recoveryCodesSchema,
  });
}

export async function resetAgentTwoFactor(
  client: SignedInClient,
  { agentId }: CommandPayload<'admin.resetTwoFactor'>,
): Promise<null> {
  requireLive(client);
  await client.session.request('POST', `/agents/${agentId}/two-factor/reset`);
  return afterwards(client, null);
}
