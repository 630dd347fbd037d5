/**
 * The canned messages agents pick in the chat box: read from the service (every agent), replaced whole
 * by an admin. The last list read is kept in the cache, so the picker still offers them offline.
 */
import type { CommandPayload } from '@shared/ipc/contract';
import { cannedMessageListSchema, type CannedMessageList } from '@shared/protocol/conversation';
import type { SignedInClient } from '../account/signed-in-client';

export async function listCannedMessages(client: SignedInClient): Promise<CannedMessageList> {
  if (!client.live) {
    const kept = await client.cache.cannedMessages();
    if (kept) return kept;
  }
  const list = await client.session.request('GET', '/canned-messages', { schema: cannedMessageListSchema });
  await client.cache.keepCannedMessages(list);
  return list;
}

export async function replaceCannedMessages(
  client: SignedInClient,
  input: CommandPayload<'admin.replaceCannedMessages'>,
): Promise<CannedMessageList> {
  const list = await client.session.request('PUT', '/canned-messages', {
    body: input,
    schema: cannedMessageListSchema,
  });
  await client.cache.keepCannedMessages(list);
  return list;
}
