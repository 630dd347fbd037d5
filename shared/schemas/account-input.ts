/** Inputs of signing in and of the admin's agent management. */
import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import { ROLES } from '../domain/permissions';
import { emailSchema } from './common';

const password = z
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

export const loginSchema = z.strictObject({
  email: emailSchema,
  // Not the password rules: an old account may predate them, and the answer must not hint at them.
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }).max(1_000),
});

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

export const logoutSchema = z.strictObject({ refreshToken: z.string().min(1).max(200).optional() });

export const createAgentSchema = z.strictObject({
  email: emailSchema,
  name: agentName,
  roles: roles.default(['support_agent']),
  password,
});

export const updateAgentSchema = z
  .strictObject({
    name: agentName.optional(),
    roles: roles.optional(),
    disabled: z.boolean({ error: 'disabled is true or false.' }).optional(),
    /** A password reset: signs the agent out everywhere. */
    password: password.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    error: 'Change at least one of name, roles, disabled, password.',
  });
