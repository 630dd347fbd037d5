/**
 * Inputs of single sign-on (issue 18): starting an attempt and exchanging its one-time code (the client,
 * RFC 8252 with PKCE), and what admins edit (the group → role/channel mapping, the organisation's policy).
 */
import { z } from 'zod';
import { ROLES } from '../domain/permissions';
import { SSO_LIMITS } from '../domain/sso';
import { idSchema } from './common';
import { coded, nothingToChange } from './validation';

/** PKCE's verifier (RFC 7636 §4.1): 43 to 128 unreserved characters. */
export const pkceVerifierSchema = z
  .string()
  .min(43)
  .max(128)
  .regex(/^[A-Za-z0-9._~-]+$/);

/** A base64url SHA-256: 43 characters. */
const pkceChallenge = z
  .string()
  .length(43)
  .regex(/^[A-Za-z0-9_-]+$/);

export const startSsoSchema = z.strictObject({
  /** Where the service sends the one-time code: checked against the allowed kinds (shared/domain/sso.ts). */
  redirectUri: z.string().trim().min(1).max(SSO_LIMITS.redirectUriMax),
  codeChallenge: pkceChallenge,
  codeChallengeMethod: z.literal('S256'),
  /** The client's own state, handed back with the code (or the error) unchanged. */
  state: z.string().min(1).max(500).optional(),
});
startSsoSchema.register(z.globalRegistry, {
  id: 'StartSso',
  description:
    'Start a single sign-on: where to come back to, and the PKCE challenge of the verifier the client keeps',
});
export type StartSsoInput = z.output<typeof startSsoSchema>;

export const ssoTokenSchema = z.strictObject({
  code: z.string().min(1).max(200),
  codeVerifier: pkceVerifierSchema,
});
ssoTokenSchema.register(z.globalRegistry, {
  id: 'SsoToken',
  description: 'Exchange the one-time code of a single sign-on, with the PKCE verifier of its attempt',
});

const channelGrant = z.strictObject({ channelId: idSchema, canRelease: z.boolean().default(false) });

const mapping = z.strictObject({
  group: z.string().trim().min(1).max(SSO_LIMITS.groupMax),
  roles: z.array(z.enum(ROLES)).refine((list) => new Set(list).size === list.length, coded('duplicates')),
  channels: z
    .array(channelGrant)
    .max(100)
    .refine((list) => new Set(list.map((c) => c.channelId)).size === list.length, coded('duplicates')),
});

export const ssoMappingsInputSchema = z.strictObject({
  mappings: z
    .array(mapping)
    .max(SSO_LIMITS.mappingsMax)
    .refine((list) => new Set(list.map((m) => m.group)).size === list.length, coded('duplicates')),
});
ssoMappingsInputSchema.register(z.globalRegistry, {
  id: 'SsoMappingsChange',
  description: 'The whole group → role/channel mapping, replacing the one stored',
});
export type SsoMappingsInput = z.output<typeof ssoMappingsInputSchema>;

const policy = {
  /** Create an agent at their first sign-in, from the mapping of their groups. */
  justInTime: z.boolean().optional(),
  /** Refuse password sign-in to all but the configured break-glass admins. */
  ssoOnly: z.boolean().optional(),
};
export const updateSsoPolicySchema = z
  .strictObject(policy)
  .refine((input) => Object.values(input).some((value) => value !== undefined), nothingToChange(policy));
updateSsoPolicySchema.register(z.globalRegistry, {
  id: 'UpdateSsoPolicy',
  description: 'The changes to the organisation’s single sign-on policy: at least one field',
});
export type UpdateSsoPolicyInput = z.output<typeof updateSsoPolicySchema>;
