/**
 * Input of the organisation settings an admin edits: the name shown to end users and the remote-control
 * app they are asked to start (its name, download page, whether its ID is asked for, and free-text
 * instructions shown on the join page and in invitations), and how long an end user's Allow access
 * lasts after the last session (consent lasts one session, then this grace), and how long the audit log
 * keeps its entries.
 */
import { z } from 'zod';
import { AUDIT_RETENTION } from '../domain/audit';
import { CONSENT_GRACE } from '../domain/consent';
import { minutesSchema } from './common';
import { codedPattern, nothingToChange } from './validation';

export const ORGANISATION_LIMITS = {
  nameMax: 120,
  remoteAppNameMax: 60,
  remoteAppUrlMax: 2_000,
  instructionsMax: 2_000,
} as const;

/** One line: names go into e-mail subjects and page titles. */
const ONE_LINE = codedPattern(/^[^\r\n]*$/, 'single_line');

const name = z.string().trim().min(1).max(ORGANISATION_LIMITS.nameMax).regex(ONE_LINE);

const remoteAppName = z.string().trim().min(1).max(ORGANISATION_LIMITS.remoteAppNameMax).regex(ONE_LINE);

const remoteAppUrl = z.url({ protocol: /^https?$/ }).max(ORGANISATION_LIMITS.remoteAppUrlMax);

/** Several lines allowed; Windows line ends are stored as \n, so the limit counts what is shown. */
const remoteAppInstructions = z
  .string()
  .trim()
  .overwrite((text) => text.replace(/\r\n?/g, '\n'))
  .max(ORGANISATION_LIMITS.instructionsMax);

const consentGraceMinutes = minutesSchema(0, CONSENT_GRACE.maxMinutes);

/** Whole days; the audit log keeps at least a day and at most ten years. */
const auditRetentionDays = z.number().int().min(AUDIT_RETENTION.minDays).max(AUDIT_RETENTION.maxDays);

const settings = {
  name: name.optional(),
  remoteAppName: remoteAppName.optional(),
  remoteAppUrl: remoteAppUrl.optional(),
  remoteIdRequired: z.boolean().optional(),
  /** Empty clears them. */
  remoteAppInstructions: remoteAppInstructions.optional(),
  /** 0: the permission ends with the session. */
  consentGraceMinutes: consentGraceMinutes.optional(),
  /** How many days audit entries are kept before they are pruned. */
  auditRetentionDays: auditRetentionDays.optional(),
  /** Every password account signs in with an authenticator code too; those without one set it up then. */
  requireTwoFactor: z.boolean().optional(),
  /** Closing a request asks for an outcome and a wrap-up note, both required (issue 19). */
  requireCloseOutcome: z.boolean().optional(),
  /** Closing a request with the end user's address e-mails them "How did we do?" (issue 19). */
  satisfactionEmail: z.boolean().optional(),
};

export const updateOrganisationSchema = z
  .strictObject(settings)
  .refine((input) => Object.values(input).some((value) => value !== undefined), nothingToChange(settings));
updateOrganisationSchema.register(z.globalRegistry, {
  id: 'UpdateOrganisation',
  description: 'The changes to the organisation’s settings: at least one field',
});
export type UpdateOrganisationInput = z.output<typeof updateOrganisationSchema>;
