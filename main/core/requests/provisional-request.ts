/**
 * The row shown for a request created offline, until the service has it: what the agent entered, with
 * the service's defaults applied the way the service will (expiry from the channel, else 24 hours). The
 * link, PIN and session code exist only once the service issues them.
 */
import { DEFAULT_EMAIL_LANGUAGE } from '@shared/domain/languages';
import { LIMITS } from '@shared/domain/limits';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Channel, Me } from '@shared/protocol/api';
import { resolveExpiry, type CreateRequestInput } from '@shared/schemas/request-input';

export function provisionalRequest(
  localId: string,
  input: CreateRequestInput,
  me: Me,
  channels: readonly Channel[],
  now: number,
): SessionRequest {
  const channelId = input.channelId ?? me.privateChannelId;
  const channel = channels.find((c) => c.id === channelId);
  const expiresAt = resolveExpiry(
    input.expiresAt,
    channel ? channel.defaultExpiryMinutes * 60_000 : LIMITS.defaultExpiryMs,
    now,
  );
  const assigneeId =
    input.assignTo.type === 'myself'
      ? me.id
      : input.assignTo.type === 'agent'
        ? input.assignTo.agentId
        : null;
  const at = new Date(now).toISOString();
  return {
    id: localId,
    status: 'open',
    consent: 'pending',
    recipientName: input.recipientName,
    recipientEmail: input.recipientEmail,
    recipientPhone: input.recipientPhone,
    comments: input.comments,
    emailLanguage: input.emailLanguage ?? DEFAULT_EMAIL_LANGUAGE,
    sendInvitation: input.sendInvitation,
    scheduledAt: input.scheduledAt,
    expiresAt: new Date(expiresAt).toISOString(),
    channelId,
    assigneeId,
    createdBy: me.id,
    participants: [],
    connectedAgentIds: [],
    link: '',
    pin: '',
    sessionCode: '',
    remote: null,
    externalRef: input.externalRef ?? null,
    createdAt: at,
    updatedAt: at,
    seq: 0,
  };
}
