/** Inputs of the channel settings an admin edits: name, default expiry, participant limit, members. */
import { z } from 'zod';
import { LIMITS, TIME } from '../domain/limits';

const channelName = z
  .string({ error: 'Enter a channel name.' })
  .trim()
  .min(1, { error: 'Enter a channel name.' })
  .max(LIMITS.channelNameMax, { error: `A channel name has at most ${LIMITS.channelNameMax} characters.` });

const minExpiryMinutes = LIMITS.channelExpiryMinMs / TIME.MINUTE_MS;
const maxExpiryMinutes = LIMITS.channelExpiryMaxMs / TIME.MINUTE_MS;

/** Default expiry of the channel's new requests, in minutes (5 minutes to 30 days). */
const defaultExpiryMinutes = z
  .number({ error: 'The default expiry is a number of minutes.' })
  .int({ error: 'The default expiry is a whole number of minutes.' })
  .min(minExpiryMinutes, { error: `The default expiry is at least ${minExpiryMinutes} minutes.` })
  .max(maxExpiryMinutes, { error: 'The default expiry is at most 30 days.' });

/** Agents on one request in all, the assignee included. */
const participantLimit = z
  .number({ error: 'The participant limit is a number of agents.' })
  .int({ error: 'The participant limit is a whole number of agents.' })
  .min(LIMITS.participantLimitMin, {
    error: `The participant limit is at least ${LIMITS.participantLimitMin}.`,
  })
  .max(LIMITS.participantLimitMax, {
    error: `The participant limit is at most ${LIMITS.participantLimitMax}.`,
  });

export const createChannelSchema = z.strictObject({
  name: channelName,
  defaultExpiryMinutes: defaultExpiryMinutes.default(LIMITS.defaultExpiryMs / TIME.MINUTE_MS),
  participantLimit: participantLimit.default(LIMITS.defaultParticipantLimit),
});
createChannelSchema.register(z.globalRegistry, { id: 'CreateChannel', description: 'A new shared channel' });

export const updateChannelSchema = z
  .strictObject({
    name: channelName.optional(),
    defaultExpiryMinutes: defaultExpiryMinutes.optional(),
    participantLimit: participantLimit.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    error: 'Change at least one of name, defaultExpiryMinutes, participantLimit.',
  });
updateChannelSchema.register(z.globalRegistry, {
  id: 'UpdateChannel',
  description: 'The changes to a channel: at least one field',
});

export const membershipSchema = z.strictObject({
  canRelease: z.boolean({ error: 'canRelease is true or false.' }).default(false),
});
membershipSchema.register(z.globalRegistry, {
  id: 'ChannelMembership',
  description: 'Whether the member may release requests (default false)',
});
