/**
 * Input of the organisation settings an admin edits: the name shown to end users and the remote-control
 * app they are asked to start (its name, download page, whether its ID is asked for, and free-text
 * instructions shown on the join page and in invitations), and how long an end user's Allow access
 * lasts after the last session (consent lasts one session, then this grace).
 */
import { z } from 'zod';
import { CONSENT_GRACE } from '../domain/consent';

export const ORGANISATION_LIMITS = {
  nameMax: 120,
  remoteAppNameMax: 60,
  remoteAppUrlMax: 2_000,
  instructionsMax: 2_000,
} as const;

/** One line: names go into e-mail subjects and page titles. */
const ONE_LINE = /^[^\r\n]*$/;

const name = z
  .string({ error: 'Enter the organisation’s name.' })
  .trim()
  .min(1, { error: 'Enter the organisation’s name.' })
  .max(ORGANISATION_LIMITS.nameMax, {
    error: `The organisation’s name has at most ${ORGANISATION_LIMITS.nameMax} characters.`,
  })
  .regex(ONE_LINE, { error: 'The organisation’s name is a single line.' });

const remoteAppName = z
  .string({ error: 'Enter the name of the remote-control app, like AnyDesk.' })
  .trim()
  .min(1, { error: 'Enter the name of the remote-control app, like AnyDesk.' })
  .max(ORGANISATION_LIMITS.remoteAppNameMax, {
    error: `The app’s name has at most ${ORGANISATION_LIMITS.remoteAppNameMax} characters.`,
  })
  .regex(ONE_LINE, { error: 'The app’s name is a single line.' });

const remoteAppUrl = z
  .url({
    protocol: /^https?$/,
    error:
      'Enter the app’s download page as an http:// or https:// address, like https://anydesk.com/download.',
  })
  .max(ORGANISATION_LIMITS.remoteAppUrlMax, {
    error: `The download address has at most ${ORGANISATION_LIMITS.remoteAppUrlMax} characters.`,
  });

/** Several lines allowed; Windows line ends are stored as \n, so the limit counts what is shown. */
const remoteAppInstructions = z
  .string({ error: 'The instructions are text.' })
  .trim()
  .overwrite((text) => text.replace(/\r\n?/g, '\n'))
  .max(ORGANISATION_LIMITS.instructionsMax, {
    error: `The instructions have at most ${ORGANISATION_LIMITS.instructionsMax} characters.`,
  });

const consentGraceMinutes = z
  .number({ error: 'The grace after a session is a number of minutes.' })
  .int({ error: 'The grace after a session is a whole number of minutes.' })
  .min(0, { error: 'The grace after a session is 0 minutes or more.' })
  .max(CONSENT_GRACE.maxMinutes, {
    error: `The grace after a session is at most ${CONSENT_GRACE.maxMinutes} minutes (a day).`,
  });

const settings = {
  name: name.optional(),
  remoteAppName: remoteAppName.optional(),
  remoteAppUrl: remoteAppUrl.optional(),
  remoteIdRequired: z.boolean({ error: 'remoteIdRequired is true or false.' }).optional(),
  /** Empty clears them. */
  remoteAppInstructions: remoteAppInstructions.optional(),
  /** 0: the permission ends with the session. */
  consentGraceMinutes: consentGraceMinutes.optional(),
};

export const updateOrganisationSchema = z
  .strictObject(settings)
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    error: `Change at least one of ${Object.keys(settings).join(', ')}.`,
  });
updateOrganisationSchema.register(z.globalRegistry, {
  id: 'UpdateOrganisation',
  description: 'The changes to the organisation’s settings: at least one field',
});
export type UpdateOrganisationInput = z.output<typeof updateOrganisationSchema>;
