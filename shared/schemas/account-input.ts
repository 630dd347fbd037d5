/** Inputs of signing in, of the admin's agent management, and of the set-password page. */
import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import { ROLES } from '../domain/permissions';
import { emailSchema } from './common';

/** The password rule: every password an agent or an admin chooses is checked with it. */
export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(LIMITS.passwordMin, { error: `A password has at least ${LIMITS.passwordMin} characters.` })
  .max(LIMITS.passwordMax, { error: `A password has at most ${LIMITS.passwordMax} characters.` });

const agentName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, { error: 'Enter a name.' })
  .max(LIMITS.agentNameMax, { error: `A name has at most ${LIMITS.agentNameMax} characters.` });

const roles = z
  .array(z.enum(ROLES, { error: `Roles are ${ROLES.join(' and ')}.` }))
  .refine((list) => new Set(list).size === list.length, { error: 'Each role is given once.' });

/** true: e-mail the agent a link to choose their password. false is the same as leaving it out. */
const sendPasswordLink = z.boolean({ error: 'sendPasswordLink is true or false.' });

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Not the password rules: an old account may predate them, and the answer must not hint at them.
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(1_000),
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
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message:
          'Either set an initial password or send a set-password link (sendPasswordLink: true), not both.',
      });
    } else if (input.password === undefined && !link) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'Set an initial password, or send a set-password link by e-mail (sendPasswordLink: true).',
      });
    }
  });
createAgentSchema.register(z.globalRegistry, {
  id: 'CreateAgent',
  description: 'A new agent, with exactly one of an initial password or sendPasswordLink: true',
});
export type CreateAgentInput = z.output<typeof createAgentSchema>;

export const updateAgentSchema = z
  .strictObject({
    name: agentName.optional(),
    roles: roles.optional(),
    disabled: z.boolean({ error: 'disabled is true or false.' }).optional(),
    /** A password reset: signs the agent out everywhere. */
    password: passwordSchema.optional(),
    /**
     * A password reset by e-mail: the agent gets a set-password link. Their password and sign-ins stay as
     * they are until they use it; setting the new password then signs them out everywhere.
     */
    sendPasswordLink: sendPasswordLink.optional(),
  })
  .refine((input) => input.password === undefined || input.sendPasswordLink !== true, {
    error: 'Either set a new password or send a set-password link (sendPasswordLink: true), not both.',
    path: ['password'],
  })
  .refine(
    (input) =>
      Object.entries(input).some(([key, value]) =>
        key === 'sendPasswordLink' ? value === true : value !== undefined,
      ),
    { error: 'Change at least one of name, roles, disabled, password, or set sendPasswordLink: true.' },
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
    confirm: z.string({ error: 'Type the password again.' }).min(1, { error: 'Type the password again.' }),
  })
  .refine((input) => input.password === input.confirm, {
    error: 'The two passwords differ; type the same password in both fields.',
    path: ['confirm'],
  });
