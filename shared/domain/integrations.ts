/**
 * What an integration (a ticketing system, a script) may be granted, and what it can subscribe to. Declared
 * once: the service enforces the scopes on every route (each route names the one it needs, and the OpenAPI
 * document lists it as the bearer requirement's role), the admin screens offer these lists, the webhook
 * worker sends these events.
 */

/** The scopes an integration token may carry. An agent's own sign-in is limited by roles, not scopes. */
export const INTEGRATION_SCOPES = [
  'requests:read',
  'requests:write',
  'requests:act',
  'agents:read',
  'reports:read',
  'audit:read',
  'webhooks:manage',
] as const;
export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];

/** Integration tokens start with this, so secret scanners can find leaked ones. */
export const INTEGRATION_TOKEN_PREFIX = 'sdi_';

/** What a webhook endpoint can subscribe to. `ping` is sent by "test" alone and needs no subscription. */
export const WEBHOOK_EVENT_TYPES = [
  'request.created',
  'request.status_changed',
  'request.assigned',
  'request.closed',
  'request.expired',
  'request.deleted',
  'request.note_added',
  /** A chat message between the agents and the end user (issue 19). */
  'request.message',
  'request.rated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Webhook endpoint signing secrets start with this (the Standard Webhooks convention). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export const INTEGRATION_LIMITS = {
  tokenNameMax: 80,
  webhookUrlMax: 2_000,
  webhookDescriptionMax: 200,
  externalSystemMax: 40,
  externalIdMax: 100,
  externalUrlMax: 2_000,
} as const;
