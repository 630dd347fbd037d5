/** Inputs of two-factor sign-in: the second step of a sign-in, and a code that confirms a change. */
import { z } from 'zod';

/**
 * An authenticator's six digits or a recovery code, as typed (spaces and dashes allowed, any case); the
 * service tells one from the other (shared/domain/two-factor.ts).
 */
const code = z.string().trim().min(1).max(40);

export const secondFactorSchema = z.strictObject({
  challenge: z.string().min(1).max(200).describe('From the answer to POST /auth/login'),
  code,
});
secondFactorSchema.register(z.globalRegistry, {
  id: 'SecondFactor',
  description: 'The second step of a sign-in: the challenge the password step answered, and a code',
});
export type SecondFactorInput = z.output<typeof secondFactorSchema>;

export const twoFactorCodeSchema = z.strictObject({ code });
twoFactorCodeSchema.register(z.globalRegistry, {
  id: 'TwoFactorCode',
  description: 'A current code of the agent’s authenticator app (or, where accepted, a recovery code)',
});
export type TwoFactorCodeInput = z.output<typeof twoFactorCodeSchema>;
