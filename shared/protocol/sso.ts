/** Answers of single sign-on (issue 18): what the sign-in screen shows, the attempt, the admin's settings. */
import { z } from 'zod';
import { ROLES } from '../domain/permissions';

export const ssoStatusSchema = z.object({
  enabled: z
    .boolean()
    .describe('Whether the service offers single sign-on: the sign-in screen shows it first'),
  label: z
    .string()
    .nullable()
    .describe('The button’s label, e.g. "Sign in with Contoso"; null when disabled'),
  ssoOnly: z
    .boolean()
    .describe(
      'The organisation signs in with single sign-on only (break-glass admins aside): the sign-in screen keeps the password form one click away',
    ),
});
ssoStatusSchema.register(z.globalRegistry, {
  id: 'SsoStatus',
  description: 'Whether single sign-on is offered, and the label of its button',
});
export type SsoStatus = z.infer<typeof ssoStatusSchema>;

export const ssoStartSchema = z.object({
  authorizationUrl: z.string().describe('Open it in the system browser (or this tab, in the browser shell)'),
});
ssoStartSchema.register(z.globalRegistry, {
  id: 'SsoStart',
  description: 'Where the agent signs in at the identity provider',
});
export type SsoStart = z.infer<typeof ssoStartSchema>;

export const ssoLogoutSchema = z.object({
  endSessionUrl: z
    .string()
    .nullable()
    .describe('The provider’s sign-out page to open (RP-initiated logout); null when it has none'),
});
ssoLogoutSchema.register(z.globalRegistry, {
  id: 'SsoLogout',
  description: 'The sign-in has ended here; where to end it at the identity provider too',
});
export type SsoLogout = z.infer<typeof ssoLogoutSchema>;

export const ssoMappingSchema = z.object({
  group: z.string().describe('The group as the provider’s groups claim names it (an id or a name)'),
  roles: z.array(z.enum(ROLES)),
  channels: z.array(z.object({ channelId: z.string(), canRelease: z.boolean() })),
});
export const ssoMappingsSchema = z.object({ mappings: z.array(ssoMappingSchema) });
ssoMappingsSchema.register(z.globalRegistry, {
  id: 'SsoMappings',
  description: 'Group → roles and channels: what an agent created or refreshed by single sign-on gets',
});
export type SsoMappings = z.infer<typeof ssoMappingsSchema>;

export const ssoPolicySchema = z.object({
  configured: z.boolean().describe('Whether the service is set up for single sign-on (its settings)'),
  justInTime: z.boolean().describe('An unknown agent is created at their first sign-in from their groups'),
  ssoOnly: z
    .boolean()
    .describe(
      'Password sign-in is refused, except for the break-glass admins the service is configured with',
    ),
  breakGlass: z
    .array(z.string())
    .describe('The admins’ addresses that may still use a password under SSO only (the service’s settings)'),
  updatedAt: z.string().nullable(),
});
ssoPolicySchema.register(z.globalRegistry, {
  id: 'SsoPolicy',
  description: 'The organisation’s single sign-on policy',
});
export type SsoPolicy = z.infer<typeof ssoPolicySchema>;
