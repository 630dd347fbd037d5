/** Inputs of the channel settings an admin edits: name, default expiry, participant limit, members. */
import { z } from 'zod';
import { LIMITS, TIME } from '../domain/limits';
import { minutesSchema } from './common';
import { nothingToChange } from './validation';

const channelName = z.string().trim().min(1).max(LIMITS.channelNameMax);

const minExpiryMinutes = LIMITS.channelExpiryMinMs / TIME.MINUTE_MS;
const maxExpiryMinutes = LIMITS.channelExpiryMaxMs / TIME.MINUTE_MS;

/** Default expiry of the channel's new requests, in minutes (5 minutes to 30 days). */
const defaultExpiryMinutes = minutesSchema(minExpiryMinutes, maxExpiryMinutes);

/** Agents on one request in all, the assignee included. */
const participantLimit = z.number().int().min(LIMITS.participantLimitMin).max(LIMITS.participantLimitMax);

export const createChannelSchema = z.strictObject({
  name: channelName,
  defaultExpiryMinutes: defaultExpiryMinutes.default(LIMITS.defaultExpiryMs / TIME.MINUTE_MS),
  participantLimit: participantLimit.default(LIMITS.defaultParticipantLimit),
});
createChannelSchema.register(z.globalRegistry, { id: 'CreateChannel', description: 'A new shared channel' });

const channelChanges = {
  name: channelName.optional(),
  defaultExpiryMinutes: defaultExpiryMinutes.optional(),
  participantLimit: participantLimit.optional(),
};

export const updateChannelSchema = z
  .strictObject(channelChanges)
  .refine(
    (input) => Object.values(input).some((value) => value !== undefined),
    nothingToChange(channelChanges),
  );
updateChannelSchema.register(z.globalRegistry, {
  id: 'UpdateChannel',
  description: 'The changes to a channel: at least one field',
});

export const membershipSchema = z.strictObject({
  canRelease: z.boolean().default(false),
});
membershipSchema.register(z.globalRegistry, {
  id: 'ChannelMembership',
  description: 'Whether the member may release requests (default false)',
});
