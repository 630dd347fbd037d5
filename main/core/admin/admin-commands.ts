/**
 * The admin screens' commands: agents, channels and the organisation, straight to the service (which
 * checks the admin role), refused offline with the reason. The service tells every agent's stream that the directory
 * changed; the admin's own directory is refreshed here at once so the screen shows the answer.
 */
import type { CommandPayload } from '@shared/ipc/contract';
import { agentSchema, channelSchema, organisationSchema } from '@shared/protocol/api';
import type { Agent, Channel, Organisation } from '@shared/protocol/api';
import type { SignedInClient } from '../account/signed-in-client';
import { CoreError } from '../core-error';

/** The admin commands, as `offline` names what needs the service. */
type AdminAction =
  | 'createAgent'
  | 'updateAgent'
  | 'createChannel'
  | 'updateChannel'
  | 'members'
  | 'getOrganisation'
  | 'updateOrganisation';

function requireLive(client: SignedInClient, action: AdminAction): void {
  if (!client.live) throw new CoreError('offline', { action });
}

async function afterwards<T>(client: SignedInClient, answer: T): Promise<T> {
  await client.refreshDirectory();
  return answer;
}

export async function createAgent(
  client: SignedInClient,
  input: CommandPayload<'admin.createAgent'>,
): Promise<Agent> {
  requireLive(client, 'createAgent');
  return afterwards(
    client,
    await client.session.request('POST', '/agents', { body: input, schema: agentSchema }),
  );
}

export async function updateAgent(
  client: SignedInClient,
  { agentId, changes }: CommandPayload<'admin.updateAgent'>,
): Promise<Agent> {
  requireLive(client, 'updateAgent');
  return afterwards(
    client,
    await client.session.request('PATCH', `/agents/${agentId}`, { body: changes, schema: agentSchema }),
  );
}

export async function createChannel(
  client: SignedInClient,
  input: CommandPayload<'admin.createChannel'>,
): Promise<Channel> {
  requireLive(client, 'createChannel');
  return afterwards(
    client,
    await client.session.request('POST', '/channels', { body: input, schema: channelSchema }),
  );
}

export async function updateChannel(
  client: SignedInClient,
  { channelId, changes }: CommandPayload<'admin.updateChannel'>,
): Promise<Channel> {
  requireLive(client, 'updateChannel');
  return afterwards(
    client,
    await client.session.request('PATCH', `/channels/${channelId}`, { body: changes, schema: channelSchema }),
  );
}

/** Adds the agent to the channel, or changes their release permission. */
export async function setMember(
  client: SignedInClient,
  { channelId, agentId, canRelease }: CommandPayload<'admin.setMember'>,
): Promise<Channel> {
  requireLive(client, 'members');
  return afterwards(
    client,
    await client.session.request('PUT', `/channels/${channelId}/members/${agentId}`, {
      body: { canRelease },
      schema: channelSchema,
    }),
  );
}

export async function removeMember(
  client: SignedInClient,
  { channelId, agentId }: CommandPayload<'admin.removeMember'>,
): Promise<Channel> {
  requireLive(client, 'members');
  return afterwards(
    client,
    await client.session.request('DELETE', `/channels/${channelId}/members/${agentId}`, {
      schema: channelSchema,
    }),
  );
}

/** Read from the service each time: only the admin screen shows it, and the service has it current. */
export async function getOrganisation(client: SignedInClient): Promise<Organisation> {
  requireLive(client, 'getOrganisation');
  return client.session.request('GET', '/organisation', { schema: organisationSchema });
}

export async function updateOrganisation(
  client: SignedInClient,
  changes: CommandPayload<'organisation.update'>,
): Promise<Organisation> {
  requireLive(client, 'updateOrganisation');
  return client.session.request('PATCH', '/organisation', { body: changes, schema: organisationSchema });
}
