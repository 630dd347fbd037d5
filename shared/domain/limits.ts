/** The product's limits, in one place so the schemas, the service and the UI agree. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const LIMITS = {
  recipientNameMax: 120,
  emailMax: 254,
  commentsMax: 2_000,
  noteMax: 4_000,
  agentNameMax: 120,
  channelNameMax: 80,
  passwordMin: 10,
  passwordMax: 200,
  remoteIdMax: 64,

  /** A request expires at most this far ahead of its creation. */
  expiryMaxAheadMs: 30 * DAY_MS,
  /** Used when neither the request nor its channel says otherwise. */
  defaultExpiryMs: DAY_MS,
  /** Bounds of a channel's default expiry. */
  channelExpiryMinMs: 5 * MINUTE_MS,
  channelExpiryMaxMs: 30 * DAY_MS,

  /** Agents on one request in all: the assignee plus invited or joined technicians. */
  defaultParticipantLimit: 3,
  participantLimitMin: 1,
  participantLimitMax: 10,
} as const;

export const TIME = { MINUTE_MS, HOUR_MS, DAY_MS } as const;
