/** Inputs of signing in, of the admin's agent management, and of the set-password page. */
import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import { ROLES } from '../domain/permissions';
import { emailSchema } from './common';
import { coded, nothingToChange } from './validation';

/** The password rule: every password an agent or an admin chooses is checked with it. */
export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

const agentName = z.string().trim().min(1).max(LIMITS.agentNameMax);

const roles = z
  .array(z.enum(ROLES))
  .refine((list) => new Set(list).size === list.length, coded('duplicates'));

/** true: e-mail the agent a link to choose their password. false is the same as leaving it out. */
const sendPasswordLink = z.boolean();

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Not the password rules: an old account may predate them, and the answer must not hint at them.
  password: z.string().min(1).max(1_000),
});
loginSchema.register(z.globalRegistry, {
  id: 'Login',
  description: 'Sign in with an e-mail address and a password',
});

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });
refreshSchema.register(z.globalRegistry, {
  id: 'Refresh',
  description: 'The refresh token to exchange; it works once',
});

export const logoutSchema = z.strictObject({ refreshToken: z.string().min(1).max(200).optional() });
logoutSchema.register(z.globalRegistry, {
  id: 'Logout',
  description: 'Nothing is needed: the access token names the sign-in to end (a refreshToken is accepted)',
});

/**
 * A new agent gets exactly one of an initial password (the admin tells it to them) or a set-password link
 * by e-mail. A refinement rather than a union, so the body stays one documented object.
 */
export const createAgentSchema = z
  .strictObject({
    email: emailSchema,
    name: agentName,
    roles: roles.default(['support_agent']),
    password: passwordSchema.optional(),
    sendPasswordLink: sendPasswordLink.optional(),
  })
  .superRefine((input, ctx) => {
    const link = input.sendPasswordLink === true;
    if (input.password !== undefined && link) {
      ctx.addIssue({ code: 'custom', path: ['password'], ...coded('password_and_link') });
    } else if (input.password === undefined && !link) {
      ctx.addIssue({ code: 'custom', path: ['password'], ...coded('password_or_link') });
    }
  });
createAgentSchema.register(z.globalRegistry, {
  id: 'CreateAgent',
  description: 'A new agent, with exactly one of an initial password or sendPasswordLink: true',
});
export type CreateAgentInput = z.output<typeof createAgentSchema>;

const agentChanges = {
  name: agentName.optional(),
  roles: roles.optional(),
  disabled: z.boolean().optional(),
  /** A password reset: signs the agent out everywhere. */
  password: passwordSchema.optional(),
  /**
   * A password reset by e-mail: the agent gets a set-password link. Their password and sign-ins stay as
   * they are until they use it; setting the new password then signs them out everywhere.
   */
  sendPasswordLink: sendPasswordLink.optional(),
};

export const updateAgentSchema = z
  .strictObject(agentChanges)
  .refine((input) => input.password === undefined || input.sendPasswordLink !== true, {
    ...coded('password_and_link'),
    path: ['password'],
  })
  .refine(
    (input) =>
      Object.entries(input).some(([key, value]) =>
        key === 'sendPasswordLink' ? value === true : value !== undefined,
      ),
    nothingToChange(agentChanges),
  );
updateAgentSchema.register(z.globalRegistry, {
  id: 'UpdateAgent',
  description: 'The changes to an agent: at least one field, and not both a password and a link',
});
export type UpdateAgentInput = z.output<typeof updateAgentSchema>;

/** The form of the set-password page: the new password, typed twice. */
export const setPasswordFormSchema = z
  .object({
    password: passwordSchema,
    confirm: z.string().min(1),
  })
  .refine((input) => input.password === input.confirm, { ...coded('passwords_differ'), path: ['confirm'] });
